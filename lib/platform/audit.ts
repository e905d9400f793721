import "server-only";
import { type ChangeSet, diffRecords } from "@/lib/platform/audit-diff";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/platform/db/prisma";

import type { AuditAction } from "@/lib/platform/audit-catalogue";

export type { AuditAction };

export type AuditEntry = {
  userId: number | null;
  action: AuditAction;
  entity: string;
  entityId?: number | string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Extra context when there is no before/after (e.g. the action that was denied). */
  detail?: Record<string, unknown>;
  ip?: string | null;
};

/**
 * Writes one audit row. Call it with the same transaction client as the change itself, so a change
 * and its audit row commit or roll back together.
 */
export async function writeAudit(client: Db, entry: AuditEntry): Promise<void> {
  const changes: ChangeSet | undefined =
    entry.before !== undefined || entry.after !== undefined
      ? diffRecords(entry.before ?? null, entry.after ?? null)
      : undefined;
  const payload = changes ?? entry.detail;
  await client.auditLog.create({
    data: {
      userId: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      changes: payload === undefined ? undefined : (JSON.parse(JSON.stringify(payload)) as Prisma.InputJsonValue),
      ip: entry.ip ?? null,
    },
  });
}

import "server-only";
import { type Action, type Actor, can, type RecordRef } from "@/lib/auth/permissions";
import { writeAudit } from "./audit";
import type { Db } from "./db";
import { NotAllowedError } from "./errors";

/**
 * Checks `action` on `record` and throws NotAllowedError when refused. A refusal is logged
 * (who, what, which record) — but the error itself says nothing about the record.
 */
export async function authorize(
  client: Db,
  actor: Actor,
  action: Action,
  entity: string,
  entityId: number | null,
  record?: RecordRef,
): Promise<void> {
  if (can(actor, action, record)) return;
  await writeAudit(client, { userId: actor.id, action: "DENIED", entity, entityId, detail: { action } });
  throw new NotAllowedError();
}

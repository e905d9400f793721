import "server-only";
import { type Action, type Actor, can, type RecordRef } from "@/lib/platform/auth/permissions";
import { writeAudit } from "@/lib/platform/audit";
import { db } from "@/lib/platform/db/prisma";
import { NotAllowedError } from "@/lib/platform/errors";

/**
 * Checks `action` on `record` and throws NotAllowedError when refused. The error carries who was
 * refused what, for the audit log (see `transaction` in ./db), but its message says nothing about
 * the record.
 */
export function authorize(actor: Actor, action: Action, entity: string, entityId: number | null, record?: RecordRef): void {
  if (can(actor, action, record)) return;
  throw new NotAllowedError({ userId: actor.id, action, entity, entityId });
}

/**
 * For reads outside a transaction (dashboards, lists): refuses a role without the right at all, and
 * logs the refusal straight away since there is nothing to roll back.
 */
export async function requireRight(actor: Actor, action: Action, entity: string): Promise<void> {
  if (!(await hasRight(actor, action, entity))) throw new NotAllowedError();
}

/** As requireRight, for callers that answer a refusal with nothing (an empty export) rather than an error. */
export async function hasRight(actor: Actor, action: Action, entity: string): Promise<boolean> {
  if (can(actor, action)) return true;
  await writeAudit(await db(), { userId: actor.id, action: "DENIED", entity, entityId: null, detail: { action } });
  return false;
}

/**
 * Logs a refused read of one record (the caller then answers as if it did not exist). Reads run
 * outside a transaction, so the row is written straight away.
 */
export async function logReadDenied(actor: Actor, action: Action, entity: string, entityId: number): Promise<void> {
  await writeAudit(await db(), { userId: actor.id, action: "DENIED", entity, entityId, detail: { action } });
}

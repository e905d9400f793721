import "server-only";
import { type Action, type Actor, can, type RecordRef } from "@/lib/auth/permissions";
import { writeAudit } from "./audit";
import { db } from "./db";
import { NotAllowedError } from "./errors";

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
  if (can(actor, action)) return;
  await writeAudit(await db(), { userId: actor.id, action: "DENIED", entity, entityId: null, detail: { action } });
  throw new NotAllowedError();
}

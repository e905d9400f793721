import "server-only";
import { randomInt } from "node:crypto";
import type { Actor } from "@/lib/platform/auth/permissions";
import { authorize } from "@/lib/platform/auth/guard";
import { hashPassword, verifyPassword } from "@/lib/platform/auth/password";
import { passwordProblem } from "@/lib/platform/auth/password-policy";
import { writeAudit } from "@/lib/platform/audit";
import { now as clockNow } from "@/lib/platform/clock";
import { type Tx, transaction } from "@/lib/platform/db/prisma";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import {
  type ForcedPasswordChangeInput,
  forcedPasswordChangeSchema,
  type OwnPasswordChangeInput,
  ownPasswordChangeSchema,
  type ResetPasswordInput,
  resetPasswordSchema,
} from "@/lib/users/schema";

/**
 * Passwords after an account exists: an admin's reset (a temporary password, generated and shown
 * once or typed by the admin, that must be replaced at the next sign-in) and a user's own change.
 * Every change stamps `passwordChangedAt`, and the session check (lib/platform/auth/session.ts)
 * refuses sessions that signed in before it: a reset ends the user's open sessions, a change ends the
 * others. Hashes and passwords never reach the audit log, only that a reset or change happened.
 */

const ENTITY = "User";

// No look-alikes (0/o, 1/l/i): the admin reads it out or types it into a message.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const GROUPS = 4;
const GROUP_LENGTH = 4;

/** A random temporary password such as "k7mp-x3qa-9nfr-t2wd" (~79 bits), always within the policy. */
export function generateTemporaryPassword(owner: { email: string; name: string }): string {
  for (;;) {
    const groups = Array.from({ length: GROUPS }, () => Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""));
    const candidate = groups.join("-");
    if (passwordProblem(candidate, owner) === null) return candidate;
  }
}

export type ResetOutcome = { temporaryPassword: string | null };

const OWNER_SELECT = { id: true, email: true, name: true, passwordHash: true, mustChangePassword: true, passwordChangedAt: true, active: true } as const;

function passwordState(u: { mustChangePassword: boolean; passwordChangedAt: Date | null }): Record<string, unknown> {
  return { mustChangePassword: u.mustChangePassword, passwordChangedAt: u.passwordChangedAt?.toISOString() ?? null };
}

/**
 * Sets a temporary password for `userId` and makes them change it at their next sign-in; their open
 * sessions end at once. `mode: "generate"` returns the generated password (the only time it is ever
 * shown); `"set"` takes the admin's, checked against the policy. Admins change their own password on
 * the account page, not here.
 */
export async function resetUserPassword(actor: Actor, userId: number, input: ResetPasswordInput): Promise<ResetOutcome> {
  return transaction(async (tx) => {
    authorize(actor, "admin.manage", ENTITY, userId);
    const user = await tx.user.findUnique({ where: { id: userId }, select: OWNER_SELECT });
    // An unknown id is answered like a refusal: nothing to tell.
    if (!user) throw new NotAllowedError();
    const valid = resetPasswordSchema(user).parse(input);
    if (userId === actor.id) throw new RuleError("users.password.errors.selfReset", "mode");
    const temporary = valid.mode === "generate" ? generateTemporaryPassword(user) : valid.password;
    const changedAt = clockNow();
    const after = await tx.user.update({
      where: { id: userId },
      data: { passwordHash: await hashPassword(temporary), mustChangePassword: true, passwordChangedAt: changedAt },
      select: OWNER_SELECT,
    });
    await writeAudit(tx, {
      userId: actor.id,
      action: "UPDATE",
      entity: ENTITY,
      entityId: userId,
      before: { ...passwordState(user), password: null },
      after: { ...passwordState(after), password: valid.mode === "generate" ? "reset: generated" : "reset: chosen by admin" },
    });
    return { temporaryPassword: valid.mode === "generate" ? temporary : null };
  });
}

async function storeNewPassword(tx: Tx, user: { id: number; mustChangePassword: boolean; passwordChangedAt: Date | null }, password: string, how: string): Promise<void> {
  const after = await tx.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password), mustChangePassword: false, passwordChangedAt: clockNow() }, select: OWNER_SELECT });
  await writeAudit(tx, { userId: user.id, action: "UPDATE", entity: ENTITY, entityId: user.id, before: { ...passwordState(user), password: null }, after: { ...passwordState(after), password: how } });
}

/**
 * The forced change after a reset: only for a user who must change their password (anyone else uses
 * the account page, which asks for the current one). The new password must differ from the temporary.
 */
export async function completeForcedPasswordChange(actor: Actor, input: ForcedPasswordChangeInput): Promise<void> {
  await transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: actor.id }, select: OWNER_SELECT });
    if (!user || !user.active || !user.mustChangePassword) throw new NotAllowedError({ userId: actor.id, action: "password.forcedChange", entity: ENTITY, entityId: actor.id });
    const valid = forcedPasswordChangeSchema(user).parse(input);
    if (await verifyPassword(user.passwordHash, valid.password)) throw new RuleError("users.password.errors.sameAsTemporary", "password");
    await storeNewPassword(tx, user, valid.password, "changed after reset");
  });
}

/** One's own change: the current password first; the new one must differ from it. */
export async function changeOwnPassword(actor: Actor, input: OwnPasswordChangeInput): Promise<void> {
  await transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: actor.id }, select: OWNER_SELECT });
    if (!user || !user.active) throw new NotAllowedError();
    const valid = ownPasswordChangeSchema(user).parse(input);
    if (!(await verifyPassword(user.passwordHash, valid.currentPassword))) throw new RuleError("users.password.errors.wrongCurrent", "currentPassword");
    if (valid.password === valid.currentPassword) throw new RuleError("users.password.errors.sameAsCurrent", "password");
    await storeNewPassword(tx, user, valid.password, "changed by the user");
  });
}

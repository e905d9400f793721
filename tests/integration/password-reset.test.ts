import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { authenticate } from "@/lib/platform/auth/accounts";
import { verifyPassword } from "@/lib/platform/auth/password";
import { passwordProblem } from "@/lib/platform/auth/password-policy";
import { getCurrentUser, getPasswordChangeUser, runAsTestSession } from "@/lib/platform/auth/session";
import { advanceClock, fixClock, nowMs, resetClock } from "@/lib/platform/clock";
import { NotAllowedError } from "@/lib/platform/errors";
import { updateUser } from "@/lib/users/admin";
import * as adminActions from "@/lib/users/admin-actions";
import * as actions from "@/lib/users/password-actions";
import { generateTemporaryPassword, resetUserPassword } from "@/lib/users/passwords";
import { auditSince, businessFingerprint, formOf, lastAuditId } from "../support/actions";
import { createPeople, type People, TEST_PASSWORD } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

// revalidatePath needs Next's request store, which a test does not have.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

let db: TestDatabase;
let people: People;

const START = new Date("2026-06-10T02:00:00Z");
const NEW_PASSWORD = "amber lantern 4821 q";
const OTHER_PASSWORD = "quiet meadow 5307 z";

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  fixClock(START);
});
afterAll(async () => {
  resetClock();
  await db.close();
});

type Result = { ok: boolean; message?: string | null; fieldErrors?: Record<string, string>; values?: Record<string, unknown>; temporaryPassword?: string | null };

async function post(userId: number, action: (prev: unknown, fd: FormData) => Promise<unknown>, fields: Record<string, string | number>, signedInAt?: number) {
  try {
    return { kind: "result" as const, result: (await runAsTestSession(userId, () => action(null, formOf(fields)), { signedInAt })) as Result };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT;")) return { kind: "redirect" as const, to: digest.split(";")[2] };
    throw error;
  }
}

/** The session user as a request of a session signed in at `signedInAt` sees it. */
const sessionAt = (userId: number, signedInAt: number) => runAsTestSession(userId, () => getCurrentUser(), { signedInAt });
const pendingAt = (userId: number, signedInAt: number) => runAsTestSession(userId, () => getPasswordChangeUser(), { signedInAt });

/** Audit rows as text (their ids are BigInt). */
const auditText = (rows: unknown[]) => JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));

describe("generated temporary passwords", () => {
  test("are within the policy and differ every time", () => {
    const owner = { email: "mei.lin@example.test", name: "Mei Lin" };
    const seen = new Set(Array.from({ length: 50 }, () => generateTemporaryPassword(owner)));
    expect(seen.size).toBe(50);
    for (const p of seen) {
      expect(p).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      expect(passwordProblem(p, owner)).toBeNull();
    }
  });
});

describe("an admin's reset, then the user's forced change", () => {
  let temporary: string;
  let resetAt: number;

  test("the reset generates a password shown once, marks the account, ends its sessions and is audited without secrets", async () => {
    const rep = people.repEast;
    const signedInBefore = nowMs();
    expect(await sessionAt(rep.id, signedInBefore)).toMatchObject({ id: rep.id });
    advanceClock(60_000);
    resetAt = nowMs();
    const from = await lastAuditId(db);
    const outcome = await post(people.admin.id, actions.resetPasswordAction, { id: rep.id, mode: "generate" });
    expect(outcome.kind).toBe("result");
    const result = (outcome as { result: Result }).result;
    expect(result).toMatchObject({ ok: true, message: "users.password.reset.generated" });
    temporary = result.temporaryPassword!;
    expect(passwordProblem(temporary)).toBeNull();
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: rep.id } });
    expect(row).toMatchObject({ mustChangePassword: true, passwordChangedAt: new Date(resetAt) });
    expect(await verifyPassword(row.passwordHash, temporary)).toBe(true);
    expect(await verifyPassword(row.passwordHash, TEST_PASSWORD)).toBe(false);
    // The session that signed in before the reset is over: nobody for pages, actions, routes.
    expect(await sessionAt(rep.id, signedInBefore)).toBeNull();
    expect(await pendingAt(rep.id, signedInBefore)).toBeNull();
    expect(await post(rep.id, actions.changeOwnPasswordAction, { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, signedInBefore)).toEqual({ kind: "redirect", to: "/login" });
    const audit = await db.prisma.auditLog.findMany({ where: { id: { gt: from } } });
    expect(audit.map((a) => [a.action, a.entity, a.entityId, a.userId])).toEqual([["UPDATE", "User", String(rep.id), people.admin.id]]);
    expect(audit[0].changes).toMatchObject({ mustChangePassword: { from: false, to: true }, password: { from: null, to: "reset: generated" } });
    const text = auditText(audit);
    expect(text).not.toContain(temporary);
    expect(text).not.toContain(row.passwordHash);
    expect(text).not.toMatch(/passwordHash|\$argon/);
  });

  test("the old password no longer signs in; the temporary one does, into a session that may only change the password", async () => {
    expect(await authenticate("rep.east@test.local", TEST_PASSWORD, "10.0.0.1")).toEqual({ ok: false, code: "INVALID_CREDENTIALS" });
    expect((await authenticate("rep.east@test.local", temporary, "10.0.0.1")).ok).toBe(true);
    advanceClock(1_000);
    const signedIn = nowMs();
    expect(await sessionAt(people.repEast.id, signedIn)).toBeNull();
    expect(await pendingAt(people.repEast.id, signedIn)).toMatchObject({ id: people.repEast.id, mustChangePassword: true });
    // Any page or action sends them to the change; nothing is written.
    const before = await businessFingerprint(db);
    expect(await post(people.repEast.id, actions.changeOwnPasswordAction, { currentPassword: temporary, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, signedIn)).toEqual({ kind: "redirect", to: "/change-password" });
    expect(await post(people.repEast.id, adminActions.updateUserAction, { id: people.repEast.id }, signedIn)).toEqual({ kind: "redirect", to: "/change-password" });
    expect(await businessFingerprint(db)).toEqual(before);
  });

  test("the forced change refuses the temporary password, a weak one and a mismatch on their fields; nothing is written", async () => {
    const signedIn = nowMs();
    const before = await businessFingerprint(db);
    const cases: [Record<string, string>, string, string][] = [
      [{ password: temporary, confirm: temporary }, "password", "users.password.errors.sameAsTemporary"],
      [{ password: "password123", confirm: "password123" }, "password", "passwordPolicy.tooShort"],
      [{ password: "rep.east is my name 1", confirm: "rep.east is my name 1" }, "password", "passwordPolicy.personal"],
      [{ password: NEW_PASSWORD, confirm: "something else" }, "confirm", "passwordPolicy.mismatch"],
    ];
    for (const [fields, field, message] of cases) {
      const outcome = await post(people.repEast.id, actions.completePasswordChangeAction, fields, signedIn);
      expect(outcome).toMatchObject({ kind: "result", result: { ok: false, fieldErrors: { [field]: message } } });
      // Passwords are never echoed back.
      expect((outcome as { result: Result }).result.values?.password).toBeUndefined();
    }
    expect(await businessFingerprint(db)).toEqual(before);
  });

  test("a new password ends the forced state; the session that set it ends too, the next sign-in has normal access", async () => {
    const withTemporary = nowMs();
    advanceClock(1_000);
    const from = await lastAuditId(db);
    expect(await post(people.repEast.id, actions.completePasswordChangeAction, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, withTemporary)).toEqual({ kind: "result", result: { ok: true, message: "users.password.changed" } });
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: people.repEast.id } });
    expect(row.mustChangePassword).toBe(false);
    expect(row.passwordChangedAt!.getTime()).toBe(nowMs());
    expect(await verifyPassword(row.passwordHash, NEW_PASSWORD)).toBe(true);
    const audit = await db.prisma.auditLog.findMany({ where: { id: { gt: from } } });
    expect(audit.map((a) => [a.action, a.userId, a.entityId])).toEqual([["UPDATE", people.repEast.id, String(people.repEast.id)]]);
    expect(auditText(audit)).not.toContain(NEW_PASSWORD);
    // The browser signs in again with the new password (the form does it): a normal session.
    expect(await sessionAt(people.repEast.id, withTemporary)).toBeNull();
    expect((await authenticate("rep.east@test.local", NEW_PASSWORD, "10.0.0.1")).ok).toBe(true);
    advanceClock(1_000);
    expect(await sessionAt(people.repEast.id, nowMs())).toMatchObject({ id: people.repEast.id, role: "REP" });
    // The forced-change action is for nobody now.
    expect(await post(people.repEast.id, actions.completePasswordChangeAction, { password: OTHER_PASSWORD, confirm: OTHER_PASSWORD }, nowMs())).toMatchObject({ kind: "result", result: { ok: false, message: "errors.notAllowed" } });
  });
});

describe("an admin's reset with a typed password", () => {
  test("is checked against the policy on the password field; a good one is set and not returned", async () => {
    const before = await businessFingerprint(db);
    const weak = await post(people.admin.id, actions.resetPasswordAction, { id: people.repWest.id, mode: "set", password: "short" });
    expect(weak).toMatchObject({ kind: "result", result: { ok: false, fieldErrors: { password: "passwordPolicy.tooShort" } } });
    const empty = await post(people.admin.id, actions.resetPasswordAction, { id: people.repWest.id, mode: "set", password: "" });
    expect(empty).toMatchObject({ kind: "result", result: { ok: false, fieldErrors: { password: "validation.required" } } });
    const badMode = await post(people.admin.id, actions.resetPasswordAction, { id: people.repWest.id, mode: "email", password: "" });
    expect(badMode).toMatchObject({ kind: "result", result: { ok: false, fieldErrors: { mode: "validation.choose" } } });
    expect(await businessFingerprint(db)).toEqual(before);
    const ok = await post(people.admin.id, actions.resetPasswordAction, { id: people.repWest.id, mode: "set", password: OTHER_PASSWORD });
    expect(ok).toEqual({ kind: "result", result: { ok: true, message: "users.password.reset.done", temporaryPassword: null } });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: people.repWest.id } })).mustChangePassword).toBe(true);
  });

  test("an admin resets nobody's password but others': their own is refused on the form", async () => {
    expect(await thrown(resetUserPassword(people.admin, people.admin.id, { mode: "generate", password: "" }))).toMatchObject({ message: "users.password.errors.selfReset" });
  });

  test.each(["managerEast", "repEast2", "agent"] as const)("%s may not reset anyone's password; the refusal is audited, nothing written", async (role) => {
    const actor = people[role];
    const before = await businessFingerprint(db);
    const from = await lastAuditId(db);
    expect(await thrown(resetUserPassword(actor, people.repEast2.id === actor.id ? people.agent.id : people.repEast2.id, { mode: "generate", password: "" }))).toBeInstanceOf(NotAllowedError);
    const viaForm = await post(actor.id, actions.resetPasswordAction, { id: people.admin.id, mode: "generate", password: "" });
    expect(viaForm).toMatchObject({ kind: "result", result: { ok: false, message: "errors.notAllowed" } });
    expect(await businessFingerprint(db)).toEqual(before);
    const audit = await auditSince(db, from);
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => a.action === "DENIED" && a.userId === actor.id && a.entity === "User")).toBe(true);
  });
});

describe("one's own password change", () => {
  test("needs the right current password and a new, different, policy-checked one; other sessions end", async () => {
    const manager = people.managerEast;
    const earlier = nowMs();
    advanceClock(1_000);
    const before = await businessFingerprint(db);
    const cases: [Record<string, string>, string, string][] = [
      [{ currentPassword: "not my password", password: NEW_PASSWORD, confirm: NEW_PASSWORD }, "currentPassword", "users.password.errors.wrongCurrent"],
      [{ currentPassword: "", password: NEW_PASSWORD, confirm: NEW_PASSWORD }, "currentPassword", "validation.required"],
      [{ currentPassword: TEST_PASSWORD, password: TEST_PASSWORD, confirm: TEST_PASSWORD }, "password", "users.password.errors.sameAsCurrent"],
      [{ currentPassword: TEST_PASSWORD, password: "aaaaaaaaaaaaaa", confirm: "aaaaaaaaaaaaaa" }, "password", "passwordPolicy.tooSimple"],
    ];
    for (const [fields, field, message] of cases) {
      expect(await post(manager.id, actions.changeOwnPasswordAction, fields)).toMatchObject({ kind: "result", result: { ok: false, fieldErrors: { [field]: message } } });
    }
    expect(await businessFingerprint(db)).toEqual(before);
    expect(await post(manager.id, actions.changeOwnPasswordAction, { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD })).toEqual({ kind: "result", result: { ok: true, message: "users.password.changed" } });
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: manager.id } });
    expect(row.mustChangePassword).toBe(false);
    expect(await verifyPassword(row.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await sessionAt(manager.id, earlier)).toBeNull();
    expect(await sessionAt(manager.id, nowMs())).toMatchObject({ id: manager.id });
  });
});

describe("the last active admin", () => {
  test("can still be neither demoted nor deactivated", async () => {
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { id: people.admin.id } });
    expect(await thrown(updateUser(people.admin, admin.id, admin.updatedAt, { name: admin.name, role: "MANAGER", teamId: null, skills: [], phoneExtension: null, active: true }))).toMatchObject({ message: "users.admin.errors.lastAdmin", field: "role" });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
  });
});

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  );
}

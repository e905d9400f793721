import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createCustomer } from "@/lib/customers/mutations";
import { customerInputSchema } from "@/lib/customers/schema";
import { loadSessionUser } from "@/lib/platform/auth/accounts";
import { getCurrentUser, runAsTestSession } from "@/lib/platform/auth/session";
import { verifyPassword } from "@/lib/platform/auth/password";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import { createTicket } from "@/lib/tickets/mutations";
import { ticketInputSchema } from "@/lib/tickets/schema";
import { createUser, listUsersForAdmin, updateUser } from "@/lib/users/admin";
import * as actions from "@/lib/users/admin-actions";
import { callAs, formOf } from "../support/actions";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

// revalidatePath needs Next's request store, which a test does not have.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

let db: TestDatabase;
let people: People;
let serviceTeam: number;

// A Tuesday, 10:00 in Shanghai.
const NOW = new Date("2026-06-09T02:00:00Z");
const PASSWORD = "violet harbour 7319";

const newAgent = (over: Record<string, unknown> = {}) => ({ email: "mei.lin@example.test", name: "Mei Lin", role: "AGENT", teamId: serviceTeam, skills: ["billing", "zh"], phoneExtension: "8101", password: PASSWORD, ...over });

async function fields(id: number) {
  const u = await db.prisma.user.findUniqueOrThrow({ where: { id } });
  return { name: u.name, role: u.role, teamId: u.teamId, skills: u.skills, phoneExtension: u.phoneExtension, active: u.active };
}

/** Audit rows as text (their ids are BigInt). */
const auditText = (rows: unknown[]) => JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  fixClock(NOW);
  serviceTeam = (await db.prisma.team.findFirstOrThrow({ where: { name: "Service" } })).id;
});
afterAll(async () => {
  resetClock();
  await db.close();
});

describe("creating users", () => {
  let created: number;

  test("an admin creates an agent with skills and an extension; the password is hashed and never audited", async () => {
    const user = await createUser(people.admin, { ...newAgent(), skills: ["Billing", "zh", "billing"] });
    created = user.id;
    expect(user).toMatchObject({ email: "mei.lin@example.test", role: "AGENT", teamId: serviceTeam, teamName: "Service", skills: ["billing", "zh"], phoneExtension: "8101", active: true });
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: created } });
    expect(row.passwordHash).not.toBe(PASSWORD);
    expect(await verifyPassword(row.passwordHash, PASSWORD)).toBe(true);
    const audit = await db.prisma.auditLog.findMany({ where: { entity: "User", entityId: String(created) } });
    expect(audit.map((a) => a.action)).toEqual(["CREATE"]);
    expect(audit[0].userId).toBe(people.admin.id);
    const text = auditText(audit);
    expect(text).not.toContain(row.passwordHash);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toMatch(/passwordHash/);
    expect((await listUsersForAdmin(people.admin)).users.find((u) => u.id === created)?.skills).toEqual(["billing", "zh"]);
  });

  test("routing gives a billing ticket to the new, least loaded agent holding billing", async () => {
    const customer = (await createCustomer(people.repEast, customerInputSchema.parse({ kind: "INDIVIDUAL", name: "Li Wei", region: "East China", email: "li.wei@example.com" }))).id;
    const input = ticketInputSchema.parse({ customerId: customer, subject: "Invoice wrong", description: "Charged twice", category: "billing", priority: "P3", channel: "PHONE" });
    const { assigneeId } = await createTicket(people.agent, input, NOW);
    expect(assigneeId).toBe(created);
  });

  test("a duplicate email or extension is refused on its field, nothing written", async () => {
    const count = await db.prisma.user.count();
    const email = await thrown(createUser(people.admin, newAgent({ email: "MEI.LIN@example.test", phoneExtension: null })));
    expect(email).toBeInstanceOf(RuleError);
    expect(email).toMatchObject({ message: "users.admin.errors.emailTaken", field: "email" });
    const ext = await thrown(createUser(people.admin, newAgent({ email: "other@example.test" })));
    expect(ext).toMatchObject({ message: "users.admin.errors.extensionTaken", field: "phoneExtension" });
    expect(await db.prisma.user.count()).toBe(count);
  });

  test("the form: weak password and bad skills are field errors; the password is never echoed", async () => {
    const outcome = await callAs(
      people.admin.id,
      () => actions.createUserAction(null, formOf({ email: "new.one@example.test", password: "password1", name: "New One", role: "AGENT", teamId: "", skills: "billing, Bad_Skill!", phoneExtension: "" })),
    );
    expect(outcome.kind).toBe("result");
    const result = (outcome as { result: { ok: boolean; fieldErrors: Record<string, string>; values?: Record<string, unknown> } }).result;
    expect(result.ok).toBe(false);
    expect(result.fieldErrors.password).toMatch(/^passwordPolicy\./);
    expect(result.values?.password).toBeUndefined();
    const ok = await callAs(people.admin.id, () => actions.createUserAction(null, formOf({ email: "new.one@example.test", password: PASSWORD, name: "New One", role: "REP", teamId: "", skills: "vip en, orders", phoneExtension: "8102" })));
    expect(ok).toEqual({ kind: "result", result: { ok: true, message: "users.admin.created" } });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { email: "new.one@example.test" } })).skills).toEqual(["vip", "en", "orders"]);
  });
});

describe("updating users", () => {
  test("saves with the loaded updatedAt, audits before/after; a stale updatedAt is a conflict naming the fields", async () => {
    const target = (await listUsersForAdmin(people.admin)).users.find((u) => u.id === people.repWest.id)!;
    const saved = await updateUser(people.admin, target.id, new Date(target.updatedAt), { name: "Rep West", role: "REP", teamId: target.teamId, skills: ["zh"], phoneExtension: "8200", active: true }, target.snapshot);
    expect(saved.updatedAt > target.updatedAt).toBe(true);
    expect(await fields(target.id)).toMatchObject({ name: "Rep West", skills: ["zh"], phoneExtension: "8200" });
    const before = await fields(target.id);
    const stale = await thrown(updateUser(people.admin, target.id, new Date(target.updatedAt), { name: "Someone", role: "REP", teamId: target.teamId, skills: [], phoneExtension: null, active: true }, target.snapshot));
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).changes.map((c) => c.field).sort()).toEqual(["name", "phoneExtension", "skills"]);
    expect(await fields(target.id)).toEqual(before);
    const audit = await db.prisma.auditLog.findMany({ where: { entity: "User", entityId: String(target.id), action: "UPDATE" } });
    expect(audit).toHaveLength(1);
    expect(audit[0].changes).toMatchObject({ name: { from: "rep.west", to: "Rep West" }, phoneExtension: { from: null, to: "8200" }, skills: { to: ["zh"] } });
    expect(auditText(audit)).not.toMatch(/passwordHash|\$argon|\$2[aby]\$|scrypt/);
  });

  test("the form action answers a stale save with the conflict message and the changed fields", async () => {
    const u = await db.prisma.user.findUniqueOrThrow({ where: { id: people.repWest.id } });
    const outcome = await callAs(
      people.admin.id,
      () =>
        actions.updateUserAction(
          null,
          formOf({ id: u.id, updatedAt: new Date(u.updatedAt.getTime() - 1000).toISOString(), snapshot: JSON.stringify({ name: "rep.west" }), name: "X", role: "REP", teamId: String(u.teamId), skills: "", phoneExtension: "", active: "on" }),
        ),
    );
    const result = (outcome as { result: { ok: boolean; message: string; conflict?: { changes: { field: string }[] } } }).result;
    expect(result).toMatchObject({ ok: false, message: "users.admin.conflict" });
    expect(result.conflict?.changes.map((c) => c.field)).toEqual(["name"]);
  });

  test("the last active admin can be neither demoted nor deactivated; nobody deactivates themselves", async () => {
    // Another admin, to act on the only other one.
    const other = await createUser(people.admin, { email: "second.admin@example.test", name: "Second Admin", role: "ADMIN", teamId: null, skills: [], phoneExtension: null, password: PASSWORD });
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { id: people.admin.id } });
    const self = await thrown(updateUser(people.admin, admin.id, admin.updatedAt, { name: admin.name, role: "ADMIN", teamId: null, skills: [], phoneExtension: null, active: false }));
    expect(self).toMatchObject({ message: "users.admin.errors.selfDeactivate" });
    // The second admin is demoted by the first: allowed, the first remains.
    const demoted = await updateUser(people.admin, other.id, new Date(other.updatedAt), { name: other.name, role: "MANAGER", teamId: null, skills: [], phoneExtension: null, active: true });
    expect(demoted.role).toBe("MANAGER");
    // Now the first admin is the last: they may not demote themselves.
    const before = await fields(admin.id);
    const demote = await thrown(updateUser(people.admin, admin.id, admin.updatedAt, { name: admin.name, role: "REP", teamId: null, skills: [], phoneExtension: null, active: true }));
    expect(demote).toBeInstanceOf(RuleError);
    expect(demote).toMatchObject({ message: "users.admin.errors.lastAdmin", field: "role" });
    expect(await fields(admin.id)).toEqual(before);
    // An inactive ADMIN does not count as another admin.
    await db.prisma.user.update({ where: { id: other.id }, data: { role: "ADMIN", active: false } });
    expect(await thrown(updateUser(people.admin, admin.id, admin.updatedAt, { name: admin.name, role: "MANAGER", teamId: null, skills: [], phoneExtension: null, active: true }))).toMatchObject({
      message: "users.admin.errors.lastAdmin",
    });
    // Deactivating the last active admin is refused on the active flag, whoever asks (here an actor
    // object the session would no longer produce: the rule does not depend on the self check).
    const staleActor = { id: other.id, role: "ADMIN" as const, teamId: null };
    const deactivate = await thrown(updateUser(staleActor, admin.id, admin.updatedAt, { name: admin.name, role: "ADMIN", teamId: null, skills: [], phoneExtension: null, active: false }));
    expect(deactivate).toMatchObject({ message: "users.admin.errors.lastAdmin", field: "active" });
    expect(await fields(admin.id)).toEqual(before);
  });

  test("a deactivated user's session is refused at their next request", async () => {
    expect(await runAsTestSession(people.repEast2.id, () => getCurrentUser())).toMatchObject({ id: people.repEast2.id });
    const u = await db.prisma.user.findUniqueOrThrow({ where: { id: people.repEast2.id } });
    await updateUser(people.admin, u.id, u.updatedAt, { name: u.name, role: u.role, teamId: u.teamId, skills: u.skills, phoneExtension: u.phoneExtension, active: false });
    expect(await loadSessionUser(u.id)).toBeNull();
    expect(await runAsTestSession(u.id, () => getCurrentUser())).toBeNull();
    expect(await callAs(u.id, () => actions.updateUserAction(null, formOf({ id: u.id })))).toEqual({ kind: "redirect", to: "/login" });
  });
});

describe("non-admins", () => {
  test.each(["managerEast", "repEast", "agent"] as const)("%s is refused, with a DENIED audit row and nothing written", async (role) => {
    const actor = people[role];
    const target = await db.prisma.user.findUniqueOrThrow({ where: { id: people.repWest.id } });
    const before = await fields(target.id);
    const users = await db.prisma.user.count();
    const since = (await db.prisma.auditLog.aggregate({ _max: { id: true } }))._max.id ?? 0;
    expect(await thrown(listUsersForAdmin(actor))).toBeInstanceOf(NotAllowedError);
    expect(await thrown(updateUser(actor, target.id, target.updatedAt, { name: "Hijack", role: "ADMIN", teamId: null, skills: [], phoneExtension: null, active: true }))).toBeInstanceOf(NotAllowedError);
    expect(await thrown(createUser(actor, newAgent({ email: "sneaky@example.test", phoneExtension: null })))).toBeInstanceOf(NotAllowedError);
    const viaForm = await callAs(actor.id, () => actions.updateUserAction(null, formOf({ id: target.id, updatedAt: target.updatedAt.toISOString(), name: "Hijack", role: "ADMIN", teamId: "", skills: "", phoneExtension: "", active: "on" })));
    expect(viaForm).toEqual({ kind: "result", result: { ok: false, fieldErrors: {}, message: "errors.notAllowed", values: expect.any(Object) } });
    expect(await fields(target.id)).toEqual(before);
    expect(await db.prisma.user.count()).toBe(users);
    const audit = await db.prisma.auditLog.findMany({ where: { id: { gt: since } } });
    expect(audit.length).toBeGreaterThanOrEqual(4);
    expect(audit.every((a) => a.action === "DENIED" && a.userId === actor.id && a.entity === "User")).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createCustomer } from "@/lib/customers/mutations";
import { customerInputSchema } from "@/lib/customers/schema";
import type { Actor } from "@/lib/platform/auth/permissions";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import { escalateBreaches } from "@/lib/tickets/escalation";
import { createTicket } from "@/lib/tickets/mutations";
import { ticketInputSchema } from "@/lib/tickets/schema";
import { updateUser } from "@/lib/users/admin";
import * as actions from "@/lib/users/team-actions";
import { createTeam, listTeamsForAdmin, updateTeam } from "@/lib/users/teams";
import { auditSince, businessFingerprint, callAs, formOf, lastAuditId } from "../support/actions";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

// revalidatePath needs Next's request store, which a test does not have.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

let db: TestDatabase;
let people: People;

// A Tuesday, 10:00 in Shanghai: inside business hours.
const NOW = new Date("2026-06-09T02:00:00Z");

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  fixClock(NOW);
});
afterAll(async () => {
  resetClock();
  await db.close();
});

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  );
}

async function team(name: string) {
  return db.prisma.team.findFirstOrThrow({ where: { name } });
}

async function manager(email: string, teamId: number | null, role: "MANAGER" | "REP" = "MANAGER"): Promise<Actor> {
  const u = await db.prisma.user.create({ data: { email, name: email.split("@")[0], role, teamId, passwordHash: "x" } });
  return { id: u.id, role: u.role, teamId: u.teamId };
}

describe("creating and renaming teams", () => {
  test("an admin creates a team; it is listed with no members and no manager, and audited", async () => {
    const from = await lastAuditId(db);
    const created = await createTeam(people.admin, { name: "  North  " });
    expect(created).toMatchObject({ name: "North", managerId: null, memberCount: 0, version: 1 });
    expect((await listTeamsForAdmin(people.admin)).map((t) => t.name)).toEqual(["East", "North", "Service", "West"]);
    const audit = await db.prisma.auditLog.findMany({ where: { id: { gt: from } } });
    expect(audit.map((a) => [a.action, a.entity, a.entityId])).toEqual([["CREATE", "Team", String(created.id)]]);
    expect(audit[0].changes).toMatchObject({ name: { to: "North" } });
  });

  test("a duplicate name (any case) is refused on the name field, nothing written", async () => {
    const before = await businessFingerprint(db);
    expect(await thrown(createTeam(people.admin, { name: "east" }))).toMatchObject({ message: "users.teams.errors.nameTaken", field: "name" });
    const viaForm = await callAs(people.admin.id, () => actions.createTeamAction(null, formOf({ name: "EAST" })));
    expect(viaForm).toMatchObject({ kind: "result", result: { ok: false, fieldErrors: { name: "users.teams.errors.nameTaken" } } });
    const blank = await callAs(people.admin.id, () => actions.createTeamAction(null, formOf({ name: "   " })));
    expect(blank).toMatchObject({ kind: "result", result: { ok: false, fieldErrors: { name: "validation.required" } } });
    const north = await team("North");
    expect(await thrown(updateTeam(people.admin, north.id, north.version, { name: "West", managerId: null }))).toMatchObject({ message: "users.teams.errors.nameTaken", field: "name" });
    expect(await businessFingerprint(db)).toEqual(before);
  });

  test("two admins creating the same name at once: exactly one team", async () => {
    const results = await Promise.allSettled([createTeam(people.admin, { name: "South" }), createTeam(people.admin, { name: "south" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(RuleError);
    expect(await db.prisma.team.count({ where: { name: { equals: "south", mode: "insensitive" } } })).toBe(1);
  });

  test("rename at the loaded version, audited before/after; a stale version is a conflict naming the field", async () => {
    const [north] = (await listTeamsForAdmin(people.admin)).filter((t) => t.name === "North");
    const saved = await callAs(people.admin.id, () => actions.updateTeamAction(null, formOf({ id: north.id, version: north.version, snapshot: JSON.stringify(north.snapshot), name: "North China", managerId: "" })));
    expect(saved).toEqual({ kind: "result", result: { ok: true, message: "users.teams.saved" } });
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: "Team", entityId: String(north.id), action: "UPDATE" } });
    expect(audit.changes).toEqual({ name: { from: "North", to: "North China" } });
    const before = await businessFingerprint(db);
    const stale = await callAs(people.admin.id, () => actions.updateTeamAction(null, formOf({ id: north.id, version: north.version, snapshot: JSON.stringify(north.snapshot), name: "Northern", managerId: "" })));
    expect(stale).toMatchObject({ kind: "result", result: { ok: false, message: "users.teams.conflict", conflict: { version: 2, changes: [{ field: "name", old: "North", current: "North China" }] } } });
    expect(await businessFingerprint(db)).toEqual(before);
    expect(await thrown(updateTeam(people.admin, north.id, north.version, { name: "Northern", managerId: null }))).toBeInstanceOf(ConflictError);
  });
});

describe("the manager rule: an active MANAGER who is a member", () => {
  test("a MANAGER of another team, a REP of this team or an inactive manager is refused on managerId", async () => {
    const east = await team("East");
    const west = await team("West");
    const westManager = await manager("manager.west@test.local", west.id);
    const gone = await manager("gone.manager@test.local", east.id);
    await db.prisma.user.update({ where: { id: gone.id }, data: { active: false } });
    const before = await businessFingerprint(db);
    expect(await thrown(updateTeam(people.admin, east.id, east.version, { name: "East", managerId: westManager.id }))).toMatchObject({ message: "users.teams.errors.managerNotMember", field: "managerId" });
    expect(await thrown(updateTeam(people.admin, east.id, east.version, { name: "East", managerId: people.repEast.id }))).toMatchObject({ message: "users.teams.errors.managerNotManager", field: "managerId" });
    expect(await thrown(updateTeam(people.admin, east.id, east.version, { name: "East", managerId: gone.id }))).toMatchObject({ message: "users.teams.errors.managerNotManager" });
    expect(await businessFingerprint(db)).toEqual(before);
  });

  test("a member MANAGER is named; the list offers only active MANAGER members; clearing works", async () => {
    const east = await team("East");
    const rows = await listTeamsForAdmin(people.admin);
    expect(rows.find((t) => t.id === east.id)?.managerChoices).toEqual([{ id: people.managerEast.id, name: "manager.east" }]);
    const named = await updateTeam(people.admin, east.id, east.version, { name: "East", managerId: people.managerEast.id });
    expect(named).toMatchObject({ managerId: people.managerEast.id, managerName: "manager.east", version: east.version + 1 });
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: "Team", entityId: String(east.id) }, orderBy: { id: "desc" } });
    expect(audit.changes).toEqual({ managerId: { from: null, to: people.managerEast.id } });
    const cleared = await updateTeam(people.admin, east.id, named.version, { name: "East", managerId: null });
    expect(cleared.managerId).toBeNull();
    await updateTeam(people.admin, east.id, cleared.version, { name: "East", managerId: people.managerEast.id });
  });

  test("a manager moved to another team stops managing the old one (audited, version moved on)", async () => {
    const west = await team("West");
    const lead = await manager("west.lead@test.local", west.id);
    const named = await updateTeam(people.admin, west.id, west.version, { name: "West", managerId: lead.id });
    const u = await db.prisma.user.findUniqueOrThrow({ where: { id: lead.id } });
    const east = await team("East");
    await updateUser(people.admin, u.id, u.updatedAt, { name: u.name, role: "MANAGER", teamId: east.id, skills: [], phoneExtension: null, active: true });
    const after = await team("West");
    expect(after.managerId).toBeNull();
    expect(after.version).toBe(named.version + 1);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: "Team", entityId: String(west.id) }, orderBy: { id: "desc" } });
    expect(audit.changes).toEqual({ managerId: { from: lead.id, to: null } });
    // Staying in the team and role keeps it; being demoted ends it.
    expect((await team("East")).managerId).toBe(people.managerEast.id);
  });
});

describe("escalation goes to the team's manager first", () => {
  test("with Team.managerId set only that manager is told; without it, every MANAGER member", async () => {
    const service = await team("Service");
    const lead = await manager("service.lead@test.local", service.id);
    const deputy = await manager("service.deputy@test.local", service.id);
    const customer = (await createCustomer(people.repEast, customerInputSchema.parse({ kind: "INDIVIDUAL", name: "Li Wei", region: "East China" }))).id;
    const open = async (subject: string) => (await createTicket(people.agent, ticketInputSchema.parse({ customerId: customer, subject, description: "x", category: "general", priority: "P3", channel: "PHONE" }), NOW)).id;
    await db.prisma.user.update({ where: { id: people.agent.id }, data: { skills: ["general"] } });
    const first = await open("Without a named manager");
    const ticket = await db.prisma.ticket.findUniqueOrThrow({ where: { id: first } });
    expect(ticket.assigneeId).toBe(people.agent.id);
    const late = new Date(ticket.firstResponseDueAt!.getTime() + 60_000);
    const unnamed = await escalateBreaches(late);
    expect(unnamed.find((e) => e.ticketId === first)?.notified.sort((a, b) => a - b)).toEqual([lead.id, deputy.id].sort((a, b) => a - b));
    await updateTeam(people.admin, service.id, service.version, { name: "Service", managerId: deputy.id });
    const second = await open("With a named manager");
    const due = (await db.prisma.ticket.findUniqueOrThrow({ where: { id: second } })).firstResponseDueAt!;
    const named = await escalateBreaches(new Date(due.getTime() + 60_000));
    expect(named.find((e) => e.ticketId === second)).toEqual({ ticketId: second, target: "firstResponse", notified: [deputy.id] });
    expect(await db.prisma.notification.count({ where: { userId: lead.id, entityId: String(second) } })).toBe(0);
  });
});

describe("only admins", () => {
  test.each(["managerEast", "repEast", "agent"] as const)("%s can neither list, create nor edit teams; refusals are audited", async (role) => {
    const actor = people[role];
    const east = await team("East");
    const before = await businessFingerprint(db);
    const from = await lastAuditId(db);
    expect(await thrown(listTeamsForAdmin(actor))).toBeInstanceOf(NotAllowedError);
    expect(await thrown(createTeam(actor, { name: "Sneaky" }))).toBeInstanceOf(NotAllowedError);
    expect(await thrown(updateTeam(actor, east.id, east.version, { name: "Hijacked", managerId: null }))).toBeInstanceOf(NotAllowedError);
    const viaForm = await callAs(actor.id, () => actions.createTeamAction(null, formOf({ name: "Sneaky" })));
    expect(viaForm).toMatchObject({ kind: "result", result: { ok: false, message: "errors.notAllowed" } });
    expect(await businessFingerprint(db)).toEqual(before);
    const audit = await auditSince(db, from);
    expect(audit).toHaveLength(4);
    expect(audit.every((a) => a.action === "DENIED" && a.userId === actor.id && a.entity === "Team")).toBe(true);
  });
});

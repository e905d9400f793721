import { parse } from "csv-parse/sync";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { exportAuditLog } from "@/lib/audit/export";
import { type AuditEntry, listAuditEntries } from "@/lib/audit/queries";
import { type AuditFilters, parseAuditFilters } from "@/lib/audit/schema";
import { createContact } from "@/lib/contacts/mutations";
import { contactInputSchema } from "@/lib/contacts/schema";
import { createCustomer, updateCustomer } from "@/lib/customers/mutations";
import { customerInputSchema } from "@/lib/customers/schema";
import { createLead } from "@/lib/leads/mutations";
import { leadInputSchema } from "@/lib/leads/schema";
import type { Actor } from "@/lib/platform/auth/permissions";
import { writeAudit } from "@/lib/platform/audit";
import { advanceClock, fixClock, resetClock } from "@/lib/platform/clock";
import { NotAllowedError } from "@/lib/platform/errors";
import { DAY_MS, HOUR_MS, TEST_NOW } from "../support/clock";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;
const ids: Record<string, number> = {};
const TZ = "Asia/Shanghai";

const list = (actor: Actor, filters: Partial<AuditFilters> = {}, pageSize = 500) => listAuditEntries(actor, filters as AuditFilters, { timeZone: TZ, pageSize });
const keys = (entries: AuditEntry[]) => entries.map((e) => `${e.action} ${e.entity} ${e.entityId ?? "-"}`);

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  // Two days of history, an hour apart, so the period filter has something to cut.
  fixClock(new Date(TEST_NOW.getTime() - 2 * DAY_MS));
  const customer = (actor: Actor, name: string) => createCustomer(actor, customerInputSchema.parse({ kind: "ENTERPRISE", region: "East China", name }));
  const east = await customer(people.repEast, "East Audit Co");
  ids.eastCustomer = east.id;
  advanceClock(HOUR_MS);
  ids.westCustomer = (await customer(people.repWest, "West Audit Co")).id;
  advanceClock(HOUR_MS);
  await updateCustomer(people.repEast, east.id, { version: east.version, seen: east.snapshot }, customerInputSchema.parse({ kind: "ENTERPRISE", region: "East China", name: "East Audit Co Ltd", email: "a@east.test" }));
  fixClock(new Date(TEST_NOW.getTime() - DAY_MS));
  ids.eastContact = (await createContact(people.repEast, east.id, contactInputSchema.parse({ name: "Erin East" }))).id;
  advanceClock(HOUR_MS);
  ids.eastLead = (await createLead(people.repEast, leadInputSchema.parse({ name: "East Lead", source: "Web" }))).id;
  ids.westLead = (await createLead(people.repWest, leadInputSchema.parse({ name: "West Lead", source: "Web" }))).id;
  // A ticket on the East customer: its rows belong to the customer's owner.
  const ticket = await db.prisma.ticket.create({ data: { customerId: east.id, subject: "Printer", category: "technical" } });
  ids.ticket = ticket.id;
  await writeAudit(db.prisma, { userId: people.agent.id, action: "UPDATE", entity: "Ticket", entityId: ticket.id, before: { status: "NEW" }, after: { status: "OPEN" } });
  // Security events, written as lib/platform/auth/accounts.ts and guard.ts write them.
  fixClock(TEST_NOW);
  await writeAudit(db.prisma, { userId: people.repEast.id, action: "LOGIN", entity: "User", entityId: people.repEast.id, ip: "127.0.0.1" });
  await writeAudit(db.prisma, { userId: people.repEast.id, action: "LOGIN_FAILED", entity: "User", entityId: people.repEast.id, detail: { email: "rep.east@test.local" }, ip: "127.0.0.1" });
  await writeAudit(db.prisma, { userId: people.repWest.id, action: "DENIED", entity: "Customer", entityId: east.id, detail: { action: "customer.edit" } });
  await writeAudit(db.prisma, { userId: people.admin.id, action: "UPDATE", entity: "Setting", entityId: "analytics", before: { periodMonths: 12 }, after: { periodMonths: 6 } });
});
afterEach(() => fixClock(TEST_NOW));
afterAll(async () => {
  resetClock();
  await db.close();
});

describe("audit log filters", () => {
  test("entity + record id gives the record's history, newest first, with before/after", async () => {
    const { entries } = await list(people.admin, { entity: "Customer", entityId: String(ids.eastCustomer) });
    expect(keys(entries)).toEqual([`DENIED Customer ${ids.eastCustomer}`, `UPDATE Customer ${ids.eastCustomer}`, `CREATE Customer ${ids.eastCustomer}`]);
    expect(entries[1].changes).toMatchObject({ name: { from: "East Audit Co", to: "East Audit Co Ltd" }, email: { from: null, to: "a@east.test" } });
    expect(entries[1].userName).toBe("rep.east");
  });

  test("who, action, the sign-in group and DENIED each narrow the list", async () => {
    const byWest = await list(people.admin, { user: people.repWest.id });
    expect(new Set(byWest.entries.map((e) => e.userId))).toEqual(new Set([people.repWest.id]));
    expect(keys(byWest.entries)).toContain(`CREATE Lead ${ids.westLead}`);
    const creates = await list(people.admin, { action: "CREATE" });
    expect(creates.entries.length).toBeGreaterThanOrEqual(5);
    expect(creates.entries.every((e) => e.action === "CREATE")).toBe(true);
    expect(keys((await list(people.admin, { action: "SIGN_IN" })).entries)).toEqual([`LOGIN_FAILED User ${people.repEast.id}`, `LOGIN User ${people.repEast.id}`]);
    expect(keys((await list(people.admin, { action: "DENIED" })).entries)).toEqual([`DENIED Customer ${ids.eastCustomer}`]);
    expect(keys((await list(people.admin, { entity: "Lead" })).entries).sort()).toEqual([`CREATE Lead ${ids.eastLead}`, `CREATE Lead ${ids.westLead}`].sort());
  });

  test("the period is whole days in the viewer's zone, both ends included", async () => {
    // Shanghai is UTC+8: TEST_NOW (02:00Z) is 10:00 on 2026-06-10 there; the first writes were two days before.
    const day = (offset: number) => new Date(TEST_NOW.getTime() + offset * DAY_MS + 8 * HOUR_MS).toISOString().slice(0, 10);
    const first = await list(people.admin, { from: day(-2), to: day(-2) });
    expect(keys(first.entries).sort()).toEqual([`CREATE Customer ${ids.eastCustomer}`, `CREATE Customer ${ids.westCustomer}`, `UPDATE Customer ${ids.eastCustomer}`].sort());
    const lastTwo = await list(people.admin, { from: day(-1) });
    expect(lastTwo.entries.some((e) => e.entity === "Lead")).toBe(true);
    expect(lastTwo.entries.some((e) => e.action === "CREATE" && e.entity === "Customer")).toBe(false);
  });

  test("bad URL values are messages naming the field, never an error", () => {
    expect(parseAuditFilters(new URLSearchParams({ user: "abc" }))).toEqual({ ok: false, errors: { user: "audit.errors.user" } });
    expect(parseAuditFilters(new URLSearchParams({ action: "DROP TABLE" }))).toMatchObject({ ok: false, errors: { action: "audit.errors.action" } });
    expect(parseAuditFilters(new URLSearchParams({ from: "2026-02-30" }))).toMatchObject({ ok: false, errors: { from: "audit.errors.date" } });
    expect(parseAuditFilters(new URLSearchParams({ from: "2026-06-10", to: "2026-06-01" }))).toMatchObject({ ok: false, errors: { to: "audit.errors.period" } });
    expect(parseAuditFilters(new URLSearchParams({ entityId: "12" }))).toMatchObject({ ok: false, errors: { entity: "audit.errors.entityForId" } });
    expect(parseAuditFilters(new URLSearchParams({ after: "'; --" }))).toMatchObject({ ok: false, errors: { after: "audit.errors.cursor" } });
    expect(parseAuditFilters(new URLSearchParams({ user: "", entity: "Customer", action: "SIGN_IN" }))).toEqual({ ok: true, filters: { entity: "Customer", action: "SIGN_IN" } });
  });
});

describe("keyset paging", () => {
  test("pages of three walk the whole list once, in order, even while new rows arrive", async () => {
    const all = (await list(people.admin)).entries.map((e) => e.id);
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 50; page++) {
      const result = await list(people.admin, { after }, 3);
      seen.push(...result.entries.map((e) => e.id));
      // A row written meanwhile lands at the top: it must not shift the pages being walked.
      advanceClock(1000);
      await writeAudit(db.prisma, { userId: people.admin.id, action: "NOTE", entity: "Paging", entityId: String(page) });
      if (!result.next) break;
      after = result.next;
    }
    expect(seen).toEqual(all);
    await db.prisma.auditLog.deleteMany({ where: { entity: "Paging" } });
  });

  test("rows with the same instant are ordered by id and none is lost at a page edge", async () => {
    fixClock(new Date(TEST_NOW.getTime() + HOUR_MS));
    for (let i = 0; i < 5; i++) await writeAudit(db.prisma, { userId: people.admin.id, action: "NOTE", entity: "Tie", entityId: String(i) });
    const first = await list(people.admin, { entity: "Tie" }, 2);
    const second = await list(people.admin, { entity: "Tie", after: first.next! }, 2);
    const third = await list(people.admin, { entity: "Tie", after: second.next! }, 2);
    expect([...first.entries, ...second.entries, ...third.entries].map((e) => e.entityId)).toEqual(["4", "3", "2", "1", "0"]);
    expect(third.next).toBeNull();
    await db.prisma.auditLog.deleteMany({ where: { entity: "Tie" } });
  });
});

describe("who may read what", () => {
  test("a manager reads the entries of the team's records only: no other team's, no security events, no ownerless entities", async () => {
    const seen = keys((await list(people.managerEast)).entries);
    expect(seen.sort()).toEqual(
      [
        `CREATE Customer ${ids.eastCustomer}`,
        `UPDATE Customer ${ids.eastCustomer}`,
        `CREATE Contact ${ids.eastContact}`,
        `CREATE Lead ${ids.eastLead}`,
        `UPDATE Ticket ${ids.ticket}`,
      ].sort(),
    );
    expect((await list(people.managerEast, { action: "SIGN_IN" })).entries).toEqual([]);
    expect((await list(people.managerEast, { entity: "Customer", entityId: String(ids.westCustomer) })).entries).toEqual([]);
  });

  test("a record reassigned into the team brings its history along", async () => {
    await db.prisma.lead.update({ where: { id: ids.westLead }, data: { ownerId: people.repEast2.id } });
    expect(keys((await list(people.managerEast, { entity: "Lead" })).entries)).toContain(`CREATE Lead ${ids.westLead}`);
    await db.prisma.lead.update({ where: { id: ids.westLead }, data: { ownerId: people.repWest.id } });
  });

  test("reps and agents are refused, and each refusal is itself in the log", async () => {
    for (const actor of [people.repEast, people.agent]) {
      await expect(list(actor)).rejects.toBeInstanceOf(NotAllowedError);
      expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "AuditLog", userId: actor.id } })).toBe(1);
    }
  });
});

describe("CSV export", () => {
  async function csv(response: Response): Promise<string[][]> {
    expect(response.status).toBe(200);
    return parse((await response.text()).replace(/^\uFEFF/, "")) as string[][];
  }

  test("writes the same rows as the viewer, with the same filters and scope, and is audited", async () => {
    const params = new URLSearchParams({ entity: "Customer" });
    const shown = (await list(people.managerEast, { entity: "Customer" })).entries;
    const rows = await csv(await exportAuditLog(people.managerEast, params, TZ));
    expect(rows[0]).toEqual(["id", "at", "userId", "user", "action", "entity", "entityId", "changes", "ip"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(shown.map((e) => e.id));
    expect(JSON.parse(rows.find((r) => r[4] === "UPDATE")![7])).toMatchObject({ name: { to: "East Audit Co Ltd" } });
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "EXPORT", userId: people.managerEast.id }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ entity: "AuditLog", changes: { filters: { entity: "Customer" }, rows: shown.length, complete: true } });
  });

  test("a rep's export is refused and logged; bad parameters are a 400 naming the field", async () => {
    expect((await exportAuditLog(people.repWest, new URLSearchParams(), TZ)).status).toBe(403);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "AuditLog", userId: people.repWest.id } })).toBe(1);
    const bad = await exportAuditLog(people.admin, new URLSearchParams({ from: "yesterday" }), TZ);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("from");
    expect((await exportAuditLog(null, new URLSearchParams(), TZ)).status).toBe(401);
  });
});

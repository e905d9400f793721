import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createContact, deleteContact } from "@/lib/contacts/mutations";
import { contactInputSchema } from "@/lib/contacts/schema";
import { mergeCustomers } from "@/lib/customers/merge";
import { createCustomer, deleteCustomer, restoreCustomer } from "@/lib/customers/mutations";
import { customerInputSchema } from "@/lib/customers/schema";
import type { Actor } from "@/lib/platform/auth/permissions";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { purgeNowAction, restoreFromBinAction } from "@/lib/recycle-bin/actions";
import { purgeExpired, purgeNow, restoreFromBin } from "@/lib/recycle-bin/mutations";
import { type BinItem, listRecycleBin } from "@/lib/recycle-bin/queries";
import { PURGED_VALUE } from "@/lib/recycle-bin/rules/scrub";
import { callAs, formOf } from "../support/actions";
import { DAY_MS, HOUR_MS, TEST_NOW } from "../support/clock";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

let db: TestDatabase;
let people: People;

const customer = async (actor: Actor, name: string, extra: Record<string, unknown> = {}) =>
  createCustomer(actor, customerInputSchema.parse({ kind: "ENTERPRISE", region: "East China", name, ...extra }));
const contact = (actor: Actor, customerId: number, name: string, extra: Record<string, unknown> = {}) => createContact(actor, customerId, contactInputSchema.parse({ name, ...extra }));
async function remove(actor: Actor, id: number): Promise<void> {
  const row = await db.prisma.customer.findUniqueOrThrow({ where: { id } });
  await deleteCustomer(actor, id, row.version);
}
async function removeContact(actor: Actor, id: number): Promise<void> {
  const row = await db.prisma.contact.findUniqueOrThrow({ where: { id } });
  await deleteContact(actor, id, row.version);
}
const bin = async (actor: Actor, filters: Record<string, string> = {}) => (await listRecycleBin(actor, filters)).items;
const names = (items: BinItem[]) => items.map((i) => `${i.type}:${i.name}`);
const purgeRows = (entity: string, id: number) => db.prisma.auditLog.count({ where: { action: "PURGE", entity, entityId: String(id) } });
const setRetention = (value: unknown) =>
  db.prisma.setting.upsert({ where: { key: "recycleBin" }, create: { key: "recycleBin", value: { retentionDays: value } as object }, update: { value: { retentionDays: value } as object } });

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  fixClock(TEST_NOW);
});
afterAll(async () => {
  resetClock();
  await db.close();
});

describe("the recycle bin lists deleted customers and contacts", () => {
  test("admin sees all, a manager the team's, who deleted and when, days until the purge", async () => {
    const east = await customer(people.repEast, "Bin East");
    const west = await customer(people.repWest, "Bin West");
    const live = await customer(people.repEast, "Bin Live");
    const gone = await contact(people.repEast, live.id, "Carla Contact", { email: "carla@example.test" });
    await remove(people.managerEast, east.id);
    fixClock(TEST_NOW.getTime() + HOUR_MS);
    await remove(people.admin, west.id);
    fixClock(TEST_NOW.getTime() + 2 * HOUR_MS);
    await removeContact(people.repEast, gone.id);
    fixClock(TEST_NOW.getTime() + 3 * HOUR_MS);

    const all = await bin(people.admin);
    expect(names(all)).toEqual(["Contact:Carla Contact", "Customer:Bin West", "Customer:Bin East"]);
    expect(all[0]).toMatchObject({ customerName: "Bin Live", deletedByName: "rep.east", daysUntilPurge: 30, restoreBlock: null, canPurge: true });
    expect(all[2]).toMatchObject({ deletedByName: "manager.east", ownerName: "rep.east", daysUntilPurge: 30 });
    expect(all[2].purgeDueAt).toEqual(new Date(TEST_NOW.getTime() + 30 * DAY_MS));

    const team = await bin(people.managerEast);
    expect(names(team)).toEqual(["Contact:Carla Contact", "Customer:Bin East"]);
    expect(team.every((i) => !i.canPurge)).toBe(true);
    expect(names(await bin(people.admin, { type: "Customer", q: "west" }))).toEqual(["Customer:Bin West"]);
  });

  test("keyset pages walk the bin once", async () => {
    const first = await listRecycleBin(people.admin, {}, 2);
    const second = await listRecycleBin(people.admin, { after: first.next! }, 2);
    expect([...first.items, ...second.items].map((i) => i.name)).toEqual(["Carla Contact", "Bin West", "Bin East"]);
    expect(second.next).toBeNull();
  });

  test("reps and agents may not use the bin; the refusal is logged", async () => {
    for (const actor of [people.repEast, people.agent]) {
      await expect(bin(actor)).rejects.toBeInstanceOf(NotAllowedError);
      expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "RecycleBin", userId: actor.id } })).toBe(1);
    }
  });

  test("the retention setting moves the purge date; a value that is not a whole number of days means 30", async () => {
    await setRetention(10);
    expect((await listRecycleBin(people.admin, {})).items.map((i) => i.daysUntilPurge)).toEqual([10, 10, 10]);
    await setRetention("ten");
    expect((await listRecycleBin(people.admin, {})).retentionDays).toBe(30);
    await db.prisma.setting.delete({ where: { key: "recycleBin" } });
  });
});

describe("restore", () => {
  test("a manager restores the team's customer (audited); another team's is refused as missing and logged", async () => {
    const east = await db.prisma.customer.findFirstOrThrow({ where: { name: "Bin East" } });
    const west = await db.prisma.customer.findFirstOrThrow({ where: { name: "Bin West" } });
    await expect(restoreFromBin(people.managerEast, "Customer", west.id)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Customer", entityId: String(west.id), userId: people.managerEast.id } })).toBe(1);
    await restoreFromBin(people.managerEast, "Customer", east.id);
    expect(await db.prisma.customer.findUniqueOrThrow({ where: { id: east.id } })).toMatchObject({ deletedAt: null, deletedById: null });
    expect(await db.prisma.auditLog.findFirst({ where: { action: "RESTORE", entity: "Customer", entityId: String(east.id) } })).toMatchObject({ userId: people.managerEast.id });
    // Twice: it is no longer in the bin.
    await expect(restoreFromBin(people.managerEast, "Customer", east.id)).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("a contact follows its customer's edit right; a contact whose customer is deleted is refused with a message", async () => {
    const owner = await customer(people.repEast, "Bin Parent");
    const kid = await contact(people.repEast, owner.id, "Kim Kid");
    await removeContact(people.repEast, kid.id);
    await remove(people.managerEast, owner.id);
    const item = (await bin(people.managerEast)).find((i) => i.type === "Contact" && i.id === kid.id)!;
    expect(item.restoreBlock).toBe("customerDeleted");
    await expect(restoreFromBin(people.managerEast, "Contact", kid.id)).rejects.toMatchObject({ message: "recycleBin.errors.customerDeleted" });
    await restoreFromBin(people.managerEast, "Customer", owner.id);
    await restoreFromBin(people.managerEast, "Contact", kid.id);
    expect((await db.prisma.contact.findUniqueOrThrow({ where: { id: kid.id } })).deletedAt).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: "RESTORE", entity: "Contact", entityId: String(kid.id) } })).toBe(1);
    // The West manager has no right over the East customer's contacts.
    await removeContact(people.repEast, kid.id);
    const westManager: Actor = { id: people.managerEast.id, role: "MANAGER", teamId: people.repWest.teamId };
    await expect(restoreFromBin(westManager, "Contact", kid.id)).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("a merged customer is listed as not restorable and its restore is refused with a message", async () => {
    const survivor = await customer(people.repEast, "Bin Survivor");
    const twin = await customer(people.repEast, "Bin Twin");
    await mergeCustomers(people.managerEast, survivor.id, twin.id, { version: survivor.version, seen: survivor.snapshot });
    const item = (await bin(people.admin)).find((i) => i.id === twin.id && i.type === "Customer")!;
    expect(item).toMatchObject({ mergedIntoId: survivor.id, restoreBlock: "merged" });
    await expect(restoreFromBin(people.admin, "Customer", twin.id)).rejects.toBeInstanceOf(RuleError);
  });

  test("through the action: success message, refusal for a rep, and hidden fields that were tampered with", async () => {
    const c = await customer(people.repEast, "Bin Action");
    await remove(people.admin, c.id);
    expect(await callAs(people.repEast.id, () => restoreFromBinAction(null, formOf({ type: "Customer", id: c.id })))).toMatchObject({ result: { ok: false, message: "errors.notAllowed" } });
    expect(await callAs(people.admin.id, () => restoreFromBinAction(null, formOf({ type: "Order", id: c.id })))).toMatchObject({ result: { ok: false, message: "errors.notAllowed" } });
    for (const id of ["abc", "99999999999", "-1", ""]) {
      expect(await callAs(people.admin.id, () => restoreFromBinAction(null, formOf({ type: "Customer", id })))).toMatchObject({ result: { ok: false, message: "errors.notAllowed" } });
      expect(await callAs(people.admin.id, () => purgeNowAction(null, formOf({ type: "Customer", id, confirm: "yes" })))).toMatchObject({ result: { ok: false, message: "errors.notAllowed" } });
    }
    // Done: the bin page says so (the restored row and its form leave the list).
    expect(await callAs(people.admin.id, () => restoreFromBinAction(null, formOf({ type: "Customer", id: c.id })))).toEqual({ kind: "redirect", to: `/recycle-bin?restored=Customer-${c.id}` });
  });
});

describe("purge after the retention", () => {
  test("erases personal data only once the retention has passed, keeps orders and the row, is audited and idempotent", async () => {
    fixClock(TEST_NOW);
    const c = await customer(people.repEast, "Purge Me", { email: "Purge@Example.test", phone: "+86 138 1234 5678", company: "Acme", notes: "likes tea" });
    await db.prisma.customer.update({ where: { id: c.id }, data: { externalId: "ERP-77" } });
    const k = await contact(people.repEast, c.id, "Pat Person", { email: "pat@example.test", phone: "+86 139 0000 0000" });
    await db.prisma.order.create({ data: { customerId: c.id, orderedAt: TEST_NOW, total: "100.00", margin: "10.00" } });
    await remove(people.admin, c.id);

    fixClock(TEST_NOW.getTime() + 29 * DAY_MS);
    await purgeExpired();
    expect(await purgeRows("Customer", c.id)).toBe(0);
    expect((await db.prisma.customer.findUniqueOrThrow({ where: { id: c.id } })).name).toBe("Purge Me");

    fixClock(TEST_NOW.getTime() + 30 * DAY_MS + HOUR_MS);
    // Past its retention but not yet purged: no longer restorable.
    await expect(restoreFromBin(people.admin, "Customer", c.id)).rejects.toMatchObject({ message: "recycleBin.errors.expired" });
    const summary = await purgeExpired();
    expect(summary.customers).toBeGreaterThanOrEqual(1);
    const row = await db.prisma.customer.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({ name: `Purged customer #${c.id}`, email: null, emailKey: null, phone: null, phoneDigits: null, company: null, notes: null, externalId: null, ownerId: people.repEast.id });
    expect(row.deletedAt).not.toBeNull();
    expect(await db.prisma.contact.findUniqueOrThrow({ where: { id: k.id } })).toMatchObject({ name: `Purged contact #${k.id}`, email: null, emailKey: null, phone: null });
    expect(await db.prisma.order.count({ where: { customerId: c.id } })).toBe(1);
    expect(await purgeRows("Customer", c.id)).toBe(1);
    expect(await purgeRows("Contact", k.id)).toBe(1);
    // The record's own history no longer holds the person's data.
    const created = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "CREATE", entity: "Customer", entityId: String(c.id) } });
    expect(created.changes).toMatchObject({ name: { from: null, to: PURGED_VALUE }, email: { to: PURGED_VALUE }, region: { to: "East China" } });
    expect(JSON.stringify(await db.prisma.auditLog.findMany({ where: { entity: { in: ["Customer", "Contact"] }, entityId: { in: [String(c.id), String(k.id)] } } }), (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toMatch(/Purge Me|Pat Person|pat@example|likes tea/);
    expect((await bin(people.admin)).some((i) => i.id === c.id && i.type === "Customer")).toBe(false);

    const again = await purgeExpired();
    expect(again).toMatchObject({ customers: 0, contacts: 0 });
    expect(await purgeRows("Customer", c.id)).toBe(1);
    await expect(restoreFromBin(people.admin, "Customer", c.id)).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("two purges at once (two servers) erase each record once", async () => {
    fixClock(TEST_NOW.getTime() + 40 * DAY_MS);
    const made: number[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await customer(people.repWest, `Race ${i}`);
      await contact(people.repWest, c.id, `Race contact ${i}`);
      await remove(people.admin, c.id);
      made.push(c.id);
    }
    fixClock(TEST_NOW.getTime() + 80 * DAY_MS);
    const [a, b] = await Promise.all([purgeExpired(), purgeExpired()]);
    expect(a.customers + b.customers).toBeGreaterThanOrEqual(made.length);
    for (const id of made) expect(await purgeRows("Customer", id)).toBe(1);
    const contacts = await db.prisma.contact.findMany({ where: { customerId: { in: made } }, select: { id: true } });
    for (const k of contacts) expect(await purgeRows("Contact", k.id)).toBe(1);
    const [dupes] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM "AuditLog" WHERE action = 'PURGE' GROUP BY entity, "entityId" HAVING count(*) > 1) d`);
    expect(dupes.n).toBe(0);
  });

  test("an admin purges one record now, with confirmation; a manager may not; the refusal is logged", async () => {
    fixClock(TEST_NOW.getTime() + 81 * DAY_MS);
    const c = await customer(people.repEast, "Purge Now Co", { email: "now@example.test" });
    await remove(people.admin, c.id);
    await expect(purgeNow(people.managerEast, "Customer", c.id)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Customer", userId: people.managerEast.id, changes: { equals: { action: "admin.manage" } } } })).toBe(1);
    expect(await callAs(people.admin.id, () => purgeNowAction(null, formOf({ type: "Customer", id: c.id })))).toMatchObject({ result: { ok: false, fieldErrors: { confirm: "recycleBin.errors.confirm" } } });
    expect(await purgeRows("Customer", c.id)).toBe(0);
    expect(await callAs(people.admin.id, () => purgeNowAction(null, formOf({ type: "Customer", id: c.id, confirm: "yes" })))).toMatchObject({ result: { ok: true, message: "recycleBin.purged" } });
    expect(await db.prisma.auditLog.findFirstOrThrow({ where: { action: "PURGE", entity: "Customer", entityId: String(c.id) } })).toMatchObject({ userId: people.admin.id, changes: { reason: "admin" } });
    expect((await db.prisma.customer.findUniqueOrThrow({ where: { id: c.id } })).email).toBeNull();
    await expect(purgeNow(people.admin, "Customer", c.id)).rejects.toMatchObject({ message: "recycleBin.errors.alreadyPurged" });
    // The customers feature's own restore (its older action) refuses a purged customer too.
    await expect(restoreCustomer(people.admin, c.id)).rejects.toBeInstanceOf(NotAllowedError);
    // A live customer is not in the bin: nothing to purge.
    const live = await customer(people.repEast, "Still Here");
    await expect(purgeNow(people.admin, "Customer", live.id)).rejects.toBeInstanceOf(NotAllowedError);
  });
});

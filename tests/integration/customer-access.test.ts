import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createCustomer, getCustomer, setDoNotContact, updateCustomer } from "@/lib/customers/mutations";
import { ConflictError, NotAllowedError } from "@/lib/platform/errors";
import { customerInputSchema } from "@/lib/customers/schema";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;

const input = (over: Record<string, unknown> = {}) =>
  customerInputSchema.parse({ kind: "ENTERPRISE", name: "Acme Trading", region: "East China", email: "info@acme.test", ...over });

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
});
afterAll(() => db.close());

describe("customer writes through the DAL", () => {
  test("a rep creates a customer they own, and the creation is audited with every field", async () => {
    const created = await createCustomer(people.repEast, input());
    expect(created.owner?.id).toBe(people.repEast.id);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: "Customer", entityId: String(created.id), action: "CREATE" } });
    expect(audit.userId).toBe(people.repEast.id);
    expect(audit.changes).toMatchObject({ name: { from: null, to: "Acme Trading" }, ownerId: { from: null, to: people.repEast.id } });
  });

  test("a rep may not create a customer for someone else", async () => {
    await expect(createCustomer(people.repEast, input({ ownerId: people.repWest.id }))).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("a rep edits their own customer; the audit row holds the changed fields before and after", async () => {
    const c = await createCustomer(people.repEast, input({ name: "Own Co" }));
    const updated = await updateCustomer(people.repEast, c.id, c.version, input({ name: "Own Co Ltd" }));
    expect(updated.name).toBe("Own Co Ltd");
    expect(updated.version).toBe(c.version + 1);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { entityId: String(c.id), action: "UPDATE" } });
    expect(audit.changes).toEqual({ name: { from: "Own Co", to: "Own Co Ltd" } });
  });

  test("the DAL refuses a rep's write to another rep's customer, logs the denial and changes nothing", async () => {
    const theirs = await createCustomer(people.repWest, input({ name: "West Co" }));
    await expect(updateCustomer(people.repEast, theirs.id, theirs.version, input({ name: "Hijacked" }))).rejects.toThrow("not allowed");
    expect((await getCustomer(people.repEast, theirs.id))?.name).toBe("West Co");
    const denial = await db.prisma.auditLog.findFirst({ where: { action: "DENIED", entityId: String(theirs.id), userId: people.repEast.id } });
    expect(denial?.changes).toEqual({ action: "customer.edit" });
  });

  test("a missing customer is refused with the same answer as a forbidden one", async () => {
    await expect(updateCustomer(people.repEast, 999_999, 1, input())).rejects.toThrow("not allowed");
  });

  test("a manager edits a teammate's customer but may not move it to another team", async () => {
    const c = await createCustomer(people.repEast, input({ name: "Team Co" }));
    const edited = await updateCustomer(people.managerEast, c.id, c.version, input({ name: "Team Co 2" }));
    expect(edited.name).toBe("Team Co 2");
    await expect(updateCustomer(people.managerEast, c.id, edited.version, input({ name: "Team Co 2", ownerId: people.repWest.id }))).rejects.toBeInstanceOf(
      NotAllowedError,
    );
    const moved = await updateCustomer(people.managerEast, c.id, edited.version, input({ name: "Team Co 2", ownerId: people.repEast2.id }));
    expect(moved.owner?.id).toBe(people.repEast2.id);
  });

  test("an agent reads every customer, may not edit, but records an opt-out", async () => {
    const c = await createCustomer(people.repWest, input({ name: "Quiet Co" }));
    expect(await getCustomer(people.agent, c.id)).not.toBeNull();
    await expect(updateCustomer(people.agent, c.id, c.version, input({ name: "x" }))).rejects.toBeInstanceOf(NotAllowedError);
    const flagged = await setDoNotContact(people.agent, c.id, c.doNotContactVersion, { dncPhone: true });
    expect(flagged.doNotContact.dncPhone).toBe(true);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { entityId: String(c.id), action: "UPDATE", userId: people.agent.id } });
    expect(audit.changes).toEqual({ dncPhone: { from: false, to: true } });
  });

  test("a stale version gets a conflict, not a silent overwrite", async () => {
    const c = await createCustomer(people.repEast, input({ name: "Race Co" }));
    await updateCustomer(people.repEast, c.id, c.version, input({ name: "First save" }));
    await expect(updateCustomer(people.repEast, c.id, c.version, input({ name: "Second save" }))).rejects.toBeInstanceOf(ConflictError);
    expect((await getCustomer(people.repEast, c.id))?.name).toBe("First save");
  });

  test("money is exact", async () => {
    const c = await createCustomer(people.admin, input({ name: "Money Co" }));
    await db.prisma.customer.update({ where: { id: c.id }, data: { totalSpend: "12345678.91" } });
    expect((await getCustomer(people.admin, c.id))?.totalSpend).toBe("12345678.91");
  });
});

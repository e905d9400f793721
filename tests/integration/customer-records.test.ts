import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createContact, updateContact } from "@/lib/contacts/mutations";
import { listContacts } from "@/lib/contacts/queries";
import { getCustomer360Sections } from "@/lib/customers/customer-360-sections";
import { mergeCustomers } from "@/lib/customers/merge";
import { addToCampaign, bulkReassign, createCustomer, deleteCustomer, getBulkTargets, getCustomer, listRecycleBin, restoreCustomer } from "@/lib/customers/mutations";
import { findDuplicateCustomers } from "@/lib/customers/queries";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import { listTimeline } from "@/lib/touchpoints/queries";
import { logTouchpoint } from "@/lib/touchpoints/mutations";
import { parseTimelineQuery } from "@/lib/touchpoints/rules/timeline";
import { contactInputSchema } from "@/lib/contacts/schema";
import { customerInputSchema } from "@/lib/customers/schema";
import { touchpointInputSchema } from "@/lib/touchpoints/schema";
import { DAY_MS, TEST_NOW } from "../support/clock";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;

const input = (over: Record<string, unknown> = {}) =>
  customerInputSchema.parse({ kind: "ENTERPRISE", name: "Acme Trading", region: "East China", ...over });
const call = (over: Record<string, unknown> = {}) =>
  touchpointInputSchema.parse({ channel: "PHONE", direction: "OUTBOUND", occurredAt: new Date(TEST_NOW.getTime() - 60_000).toISOString(), summary: "Called about renewal", ...over });

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
});
afterAll(() => db.close());

describe("touchpoints", () => {
  test("any role logs a touchpoint on any customer; it is audited and moves last contact", async () => {
    const c = await createCustomer(people.repWest, input({ name: "Timeline Co" }));
    for (const actor of [people.agent, people.repEast, people.managerEast, people.admin]) {
      await logTouchpoint(actor, c.id, call({ summary: `by ${actor.id}` }));
    }
    const page = await listTimeline(people.repEast, c.id, parseTimelineQuery({}));
    expect(page.items).toHaveLength(4);
    const audit = await db.prisma.auditLog.count({ where: { entity: "Touchpoint", action: "CREATE" } });
    expect(audit).toBeGreaterThanOrEqual(4);
    expect((await getCustomer(people.agent, c.id))?.lastContactAt).not.toBeNull();
  });

  test("outbound contact on an opted-out channel is refused with the reason; inbound and other channels are fine", async () => {
    const c = await createCustomer(people.repEast, input({ name: "Quiet Co" }));
    await db.prisma.customer.update({ where: { id: c.id }, data: { dncPhone: true } });
    const refusal = await logTouchpoint(people.repEast, c.id, call()).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RuleError);
    expect(refusal).toMatchObject({ message: "touchpoints.optedOut.dncPhone", field: "channel" });
    await expect(logTouchpoint(people.repEast, c.id, call({ direction: "INBOUND" }))).resolves.toMatchObject({ direction: "INBOUND" });
    await expect(logTouchpoint(people.repEast, c.id, call({ channel: "EMAIL" }))).resolves.toMatchObject({ channel: "EMAIL" });
    expect(await db.prisma.touchpoint.count({ where: { customerId: c.id } })).toBe(2);
  });

  test("the timeline pages newest first and filters by channel", async () => {
    const c = await createCustomer(people.repEast, input({ name: "Busy Co" }));
    const base = Date.UTC(2025, 5, 1);
    await db.prisma.touchpoint.createMany({
      data: Array.from({ length: 45 }, (_, i) => ({
        customerId: c.id,
        channel: i % 3 === 0 ? ("EMAIL" as const) : ("PHONE" as const),
        direction: "INBOUND" as const,
        occurredAt: new Date(base + (i % 40) * 3_600_000),
        summary: `tp ${i}`,
      })),
    });
    const seen: number[] = [];
    let query = parseTimelineQuery({});
    for (;;) {
      const page = await listTimeline(people.agent, c.id, query);
      seen.push(...page.items.map((t) => t.id));
      if (!page.next) break;
      query = parseTimelineQuery({ tlBefore: page.next });
    }
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
    const emails = await listTimeline(people.agent, c.id, parseTimelineQuery({ channel: "EMAIL" }));
    expect(emails.items.every((t) => t.channel === "EMAIL")).toBe(true);
    expect(emails.items).toHaveLength(15);
  });

  test("a link to another customer's record is refused", async () => {
    const mine = await createCustomer(people.repEast, input({ name: "Link Co" }));
    const other = await createCustomer(people.repEast, input({ name: "Other Link Co" }));
    const contact = await createContact(people.repEast, other.id, contactInputSchema.parse({ name: "Someone" }));
    await expect(logTouchpoint(people.repEast, mine.id, call({ contactId: String(contact.id) }))).rejects.toMatchObject({ field: "contactId" });
  });

  test("a contact under a campaign is refused for its control members (never contacted) and accepted for treated ones", async () => {
    const campaign = await db.prisma.campaign.create({ data: { name: "Holdout", type: "PHONE", status: "ACTIVE", startsAt: TEST_NOW, endsAt: TEST_NOW, ownerId: people.managerEast.id } });
    const treated = await createCustomer(people.repEast, input({ name: "Treated Co" }));
    const control = await createCustomer(people.repEast, input({ name: "Control Co" }));
    await db.prisma.campaignMember.createMany({
      data: [
        { campaignId: campaign.id, customerId: treated.id },
        { campaignId: campaign.id, customerId: control.id, isControl: true },
      ],
    });
    const refusal = await logTouchpoint(people.repEast, control.id, call({ campaignId: String(campaign.id) })).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RuleError);
    expect(refusal).toMatchObject({ message: "touchpoints.errors.controlMember", field: "campaignId" });
    expect(await db.prisma.touchpoint.count({ where: { customerId: control.id } })).toBe(0);
    // The same contact without the campaign is an ordinary touchpoint.
    await expect(logTouchpoint(people.repEast, control.id, call())).resolves.toMatchObject({ channel: "PHONE" });
    await expect(logTouchpoint(people.repEast, treated.id, call({ campaignId: String(campaign.id) }))).resolves.toMatchObject({ channel: "PHONE" });
  });
});

describe("contacts", () => {
  test("a rep adds contacts to own customers only; one primary; stale versions conflict", async () => {
    const c = await createCustomer(people.repEast, input({ name: "Contact Co" }));
    const a = await createContact(people.repEast, c.id, contactInputSchema.parse({ name: "Ann", isPrimary: "on" }));
    const b = await createContact(people.repEast, c.id, contactInputSchema.parse({ name: "Bob", isPrimary: "on" }));
    const list = await listContacts(people.agent, c.id);
    expect(list.filter((x) => x.isPrimary).map((x) => x.name)).toEqual(["Bob"]);
    await expect(createContact(people.repWest, c.id, contactInputSchema.parse({ name: "Intruder" }))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(updateContact(people.agent, a.id, a.version, contactInputSchema.parse({ name: "Ann 2" }))).rejects.toBeInstanceOf(NotAllowedError);
    await updateContact(people.managerEast, b.id, b.version, contactInputSchema.parse({ name: "Bob 2" }));
    await expect(updateContact(people.repEast, b.id, b.version, contactInputSchema.parse({ name: "Bob 3" }))).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("360 sections follow each entity's read rule", () => {
  test("a rep sees opportunities they own and tickets of their own customers only", async () => {
    const theirs = await createCustomer(people.repWest, input({ name: "West Deals" }));
    await db.prisma.opportunity.create({ data: { name: "West deal", customerId: theirs.id, amount: "1000.00", probability: 50, expectedCloseDate: TEST_NOW, ownerId: people.repWest.id } });
    await db.prisma.ticket.create({ data: { customerId: theirs.id, subject: "Broken" } });
    await db.prisma.order.create({ data: { customerId: theirs.id, orderedAt: TEST_NOW, total: "100.10", margin: "10.01" } });
    await db.prisma.order.create({ data: { customerId: theirs.id, orderedAt: TEST_NOW, total: "0.20", margin: "0.02" } });
    await db.prisma.order.create({ data: { customerId: theirs.id, orderedAt: TEST_NOW, status: "CANCELLED", total: "999.00", margin: "1.00" } });
    const ref = { ownerId: people.repWest.id, ownerTeamId: people.repWest.teamId };
    const asEast = await getCustomer360Sections(people.repEast, theirs.id, ref);
    expect(asEast.opportunities).toEqual([]);
    expect(asEast.tickets).toEqual([]);
    expect(asEast.hiddenTickets).toBe(1);
    expect(asEast.orders).toMatchObject({ count: 3, total: "100.30", margin: "10.03" });
    const asWest = await getCustomer360Sections(people.repWest, theirs.id, ref);
    expect(asWest.opportunities.map((o) => o.name)).toEqual(["West deal"]);
    expect(asWest.tickets.map((t) => t.subject)).toEqual(["Broken"]);
    const asAgent = await getCustomer360Sections(people.agent, theirs.id, ref);
    expect(asAgent.opportunities).toEqual([]);
    expect(asAgent.tickets).toHaveLength(1);
  });
});

describe("duplicates, delete, recycle bin", () => {
  test("duplicates are found by email, phone digits and a similar name in the same region", async () => {
    const original = await createCustomer(people.repEast, input({ name: "Golden Harbor Logistics Co., Ltd.", email: "ops@golden.test", phone: "+86 21 5555 0001" }));
    const byEmail = await findDuplicateCustomers(people.agent, { name: "Whatever", email: "OPS@golden.test", region: "West" });
    expect(byEmail.map((d) => [d.id, d.reasons])).toEqual([[original.id, ["email"]]]);
    const byPhone = await findDuplicateCustomers(people.agent, { name: "Whatever", phone: "021-5555-0001", region: "West" });
    expect(byPhone.map((d) => d.id)).toEqual([original.id]);
    const byName = await findDuplicateCustomers(people.agent, { name: "Golden Harbour Logistics Ltd", region: "East China" });
    expect(byName.map((d) => d.id)).toEqual([original.id]);
    expect(await findDuplicateCustomers(people.agent, { name: "Golden Harbour Logistics Ltd", region: "Southwest" })).toEqual([]);
  });

  test("only managers (team) and admins delete; deleted customers can be restored within 30 days; both audited", async () => {
    const c = await createCustomer(people.repEast, input({ name: "Bin Co" }));
    await expect(deleteCustomer(people.repEast, c.id, c.version)).rejects.toBeInstanceOf(NotAllowedError);
    const west = await createCustomer(people.repWest, input({ name: "West Bin Co" }));
    await expect(deleteCustomer(people.managerEast, west.id, west.version)).rejects.toBeInstanceOf(NotAllowedError);
    await deleteCustomer(people.managerEast, c.id, c.version);
    expect(await getCustomer(people.repEast, c.id)).toBeNull();
    expect((await listRecycleBin(people.managerEast)).map((r) => r.id)).toContain(c.id);
    expect(await listRecycleBin(people.repEast)).toEqual([]);
    await expect(restoreCustomer(people.repEast, c.id)).rejects.toBeInstanceOf(NotAllowedError);
    const restored = await restoreCustomer(people.managerEast, c.id);
    expect(restored.name).toBe("Bin Co");
    const actions = (await db.prisma.auditLog.findMany({ where: { entity: "Customer", entityId: String(c.id) }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["CREATE", "DELETE", "RESTORE"]));
  });

  test("after 30 days a deleted customer can no longer be restored", async () => {
    const c = await createCustomer(people.admin, input({ name: "Old Bin Co" }));
    // 31 days before the clock (which started at TEST_NOW and has run a few seconds since).
    await db.prisma.customer.update({ where: { id: c.id }, data: { deletedAt: new Date(TEST_NOW.getTime() - 31 * DAY_MS) } });
    expect((await listRecycleBin(people.admin)).map((r) => r.id)).not.toContain(c.id);
    await expect(restoreCustomer(people.admin, c.id)).rejects.toMatchObject({ message: "customers.recycle.expired" });
  });
});

describe("merge", () => {
  test("moves every related record in one transaction, keeps opt-outs, fills blanks, audits both", async () => {
    const survivor = await createCustomer(people.repEast, input({ name: "Merge Keep" }));
    const merged = await createCustomer(people.repEast2, input({ name: "Merge Go", email: "go@merge.test", phone: "+86 21 1234 5678" }));
    await db.prisma.customer.update({ where: { id: merged.id }, data: { dncEmail: true, totalSpend: "10.05" } });
    await db.prisma.customer.update({ where: { id: survivor.id }, data: { totalSpend: "1.10" } });
    const campaign = await db.prisma.campaign.create({ data: { name: "Spring", type: "EMAIL", startsAt: TEST_NOW, endsAt: TEST_NOW, ownerId: people.managerEast.id } });
    const campaign2 = await db.prisma.campaign.create({ data: { name: "Summer", type: "EMAIL", startsAt: TEST_NOW, endsAt: TEST_NOW, ownerId: people.managerEast.id } });
    const segment = await db.prisma.segment.create({ data: { name: "Merge segment", rule: {}, memberCount: 2 } });
    await db.prisma.campaignMember.createMany({
      data: [
        { campaignId: campaign.id, customerId: survivor.id },
        { campaignId: campaign.id, customerId: merged.id },
        { campaignId: campaign2.id, customerId: merged.id },
      ],
    });
    await db.prisma.segmentMember.createMany({ data: [{ segmentId: segment.id, customerId: survivor.id }, { segmentId: segment.id, customerId: merged.id }] });
    await createContact(people.repEast2, merged.id, contactInputSchema.parse({ name: "Moving Contact" }));
    await logTouchpoint(people.repEast2, merged.id, call());
    await db.prisma.order.create({ data: { customerId: merged.id, orderedAt: TEST_NOW, total: "5.00", margin: "1.00" } });
    await db.prisma.opportunity.create({ data: { name: "Moving deal", customerId: merged.id, amount: "1.00", probability: 10, expectedCloseDate: TEST_NOW, ownerId: people.repEast2.id } });
    await db.prisma.ticket.create({ data: { customerId: merged.id, subject: "Moving ticket" } });

    await expect(mergeCustomers(people.repEast, survivor.id, merged.id, survivor.version)).rejects.toBeInstanceOf(NotAllowedError);
    const result = await mergeCustomers(people.managerEast, survivor.id, merged.id, survivor.version);
    expect(result.moved).toMatchObject({ contacts: 1, touchpoints: 1, orders: 1, opportunities: 1, tickets: 1, campaignMemberships: 1, segmentMemberships: 0 });
    for (const model of ["contact", "touchpoint", "order", "opportunity", "ticket", "campaignMember", "segmentMember"] as const) {
      const count = await (db.prisma[model] as unknown as { count(args: { where: { customerId: number } }): Promise<number> }).count({ where: { customerId: merged.id } });
      expect(count, model).toBe(0);
    }
    expect(await db.prisma.campaignMember.count({ where: { customerId: survivor.id } })).toBe(2);
    expect((await db.prisma.segment.findUniqueOrThrow({ where: { id: segment.id } })).memberCount).toBe(1);
    expect(result.customer).toMatchObject({ email: "go@merge.test", phone: "+86 21 1234 5678", totalSpend: "11.15" });
    expect(result.customer.doNotContact.dncEmail).toBe(true);
    const gone = await db.prisma.customer.findUniqueOrThrow({ where: { id: merged.id } });
    expect(gone.mergedIntoId).toBe(survivor.id);
    expect(gone.deletedAt).not.toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: "MERGE", entityId: { in: [String(survivor.id), String(merged.id)] } } })).toBe(2);
    // A merged customer is not in the recycle bin: restoring it would resurrect an emptied shell.
    expect((await listRecycleBin(people.admin)).map((r) => r.id)).not.toContain(merged.id);
  });

  test("a merge with a stale survivor version changes nothing", async () => {
    const a = await createCustomer(people.admin, input({ name: "Stale A" }));
    const b = await createCustomer(people.admin, input({ name: "Stale B" }));
    await createContact(people.admin, b.id, contactInputSchema.parse({ name: "Stays" }));
    await expect(mergeCustomers(people.admin, a.id, b.id, a.version + 5)).rejects.toBeInstanceOf(ConflictError);
    expect(await db.prisma.contact.count({ where: { customerId: b.id } })).toBe(1);
    expect((await getCustomer(people.admin, b.id))?.name).toBe("Stale B");
  });
});

describe("bulk actions", () => {
  test("a manager reassigns within the team, all or nothing", async () => {
    const a = await createCustomer(people.repEast, input({ name: "Bulk A" }));
    const b = await createCustomer(people.repEast, input({ name: "Bulk B" }));
    const west = await createCustomer(people.repWest, input({ name: "Bulk West" }));
    expect(await bulkReassign(people.managerEast, [a.id, b.id], people.repEast2.id)).toBe(2);
    expect((await getCustomer(people.admin, a.id))?.owner?.id).toBe(people.repEast2.id);
    await expect(bulkReassign(people.managerEast, [a.id, west.id], people.repEast.id)).rejects.toBeInstanceOf(NotAllowedError);
    expect((await getCustomer(people.admin, a.id))?.owner?.id).toBe(people.repEast2.id);
    await expect(bulkReassign(people.repEast, [a.id], people.repEast.id)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.auditLog.count({ where: { entityId: String(a.id), action: "UPDATE" } })).toBe(1);
  });

  test("campaigns take no hand-picked members (their audience is a segment or filters); reps may not try; the bulk bar offers only the static segments one may edit", async () => {
    const a = await createCustomer(people.repEast, input({ name: "Member A" }));
    const own = await db.prisma.segment.create({ data: { name: "Bulk static", kind: "STATIC", rule: {}, ownerId: people.managerEast.id } });
    await db.prisma.segment.create({ data: { name: "Bulk dynamic", kind: "DYNAMIC", rule: {}, ownerId: people.managerEast.id } });
    await db.prisma.segment.create({ data: { name: "Someone else's static", kind: "STATIC", rule: {}, ownerId: people.admin.id } });
    expect((await getBulkTargets(people.managerEast)).segments).toEqual([{ id: own.id, name: "Bulk static" }]);
    expect((await getBulkTargets(people.repEast)).segments).toEqual([]);
    const campaign = await db.prisma.campaign.create({ data: { name: "Bulk campaign", type: "PHONE", startsAt: TEST_NOW, endsAt: TEST_NOW, ownerId: people.managerEast.id } });
    await expect(addToCampaign(people.managerEast, [a.id], campaign.id)).rejects.toMatchObject({ message: "campaigns.errors.bulkAddUseSegment" });
    expect(await db.prisma.campaignMember.count({ where: { campaignId: campaign.id } })).toBe(0);
    expect((await getBulkTargets(people.managerEast)).campaigns).toEqual([]);
    await expect(addToCampaign(people.repEast, [a.id], campaign.id)).rejects.toBeInstanceOf(NotAllowedError);
  });
});

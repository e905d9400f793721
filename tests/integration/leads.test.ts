import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findDuplicateCustomers } from "@/lib/customers/queries";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import { convertLead } from "@/lib/leads/conversion";
import { importLeads } from "@/lib/leads/import";
import { assignLead, assignLeadRoundRobin, changeLeadStatus, createLead, getLead, listLeads, updateLead } from "@/lib/leads/mutations";
import { leadImportSpec } from "@/lib/leads/rules/import-spec";
import { parseLeadListQuery } from "@/lib/leads/rules/list-query";
import { convertLeadSchema, leadInputSchema, leadProfileSchema, leadStatusSchema } from "@/lib/leads/schema";
import type { Actor } from "@/lib/platform/auth/permissions";
import { createPeople, type People } from "../support/fixtures";
import { csvRows } from "../support/import-rows";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;

const lead = (over: Record<string, unknown> = {}) => leadInputSchema.parse({ name: "Li Na", company: "Blue Sky Ltd", email: "li.na@bluesky.example", region: "East China", source: "Web", ...over });
const status = (s: string, reason?: string) => leadStatusSchema.parse({ status: s, reason });
const conversion = (over: Record<string, unknown> = {}) =>
  convertLeadSchema.parse({ customerMode: "new", kind: "ENTERPRISE", customerName: "Blue Sky Ltd", region: "East China", opportunityName: "Blue Sky pilot", amount: "12345.67", expectedCloseDate: "2027-03-31", ...over });

async function qualified(actor: Actor, over: Record<string, unknown> = {}) {
  const created = await createLead(actor, lead(over));
  return changeLeadStatus(actor, created.id, created.version, status("QUALIFIED"));
}

const deniedCount = (entityId: number) => db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Lead", entityId: String(entityId) } });

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
});
afterAll(() => db.close());

describe("lead scopes", () => {
  test("a rep's new lead is the rep's own, records its creator and is audited", async () => {
    const created = await createLead(people.repEast, lead({ name: "Own Lead" }));
    expect(created.owner?.id).toBe(people.repEast.id);
    expect(created.createdBy?.id).toBe(people.repEast.id);
    const row = await db.prisma.lead.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.teamId).toBe(people.repEast.teamId);
    expect(await db.prisma.auditLog.count({ where: { entity: "Lead", entityId: String(created.id), action: "CREATE" } })).toBe(1);
  });

  test("a rep cannot create a lead for another rep", async () => {
    await expect(createLead(people.repEast, lead({ ownerId: people.repEast2.id }))).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Lead", userId: people.repEast.id } })).toBeGreaterThan(0);
  });

  test("a rep cannot read or edit another rep's lead: not allowed, and the denial is logged", async () => {
    const other = await createLead(people.repEast2, lead({ name: "Not Yours" }));
    await expect(getLead(people.repEast, other.id)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await deniedCount(other.id)).toBe(1);
    await expect(updateLead(people.repEast, other.id, other.version, leadProfileSchema.parse({ name: "Hijacked", source: "Web" }))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(changeLeadStatus(people.repEast, other.id, other.version, status("CONTACTED"))).rejects.toBeInstanceOf(NotAllowedError);
    expect(await deniedCount(other.id)).toBe(3);
    expect((await db.prisma.lead.findUniqueOrThrow({ where: { id: other.id } })).name).toBe("Not Yours");
    // A missing lead answers exactly the same way.
    await expect(getLead(people.repEast, 999_999)).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("list scope: rep sees own + unassigned, manager team + unassigned, agent nothing; filters and search work", async () => {
    const unassigned = await createLead(people.admin, lead({ name: "Pool Lead", company: "Pool Co", source: "Fair" }));
    expect(unassigned.owner).toBeNull();
    const west = await createLead(people.repWest, lead({ name: "West Lead", source: "Fair" }));
    const east2 = await createLead(people.repEast2, lead({ name: "East2 Lead", source: "Fair" }));
    const all = (actor: Actor, params: Record<string, string> = {}) => listLeads(actor, parseLeadListQuery(params)).then((p) => p.items.map((i) => i.id));
    const rep = await all(people.repEast);
    expect(rep).toContain(unassigned.id);
    expect(rep).not.toContain(west.id);
    expect(rep).not.toContain(east2.id);
    const manager = await all(people.managerEast);
    expect(manager).toEqual(expect.arrayContaining([unassigned.id, east2.id]));
    expect(manager).not.toContain(west.id);
    expect(await all(people.admin)).toEqual(expect.arrayContaining([unassigned.id, east2.id, west.id]));
    await expect(listLeads(people.agent, parseLeadListQuery({}))).rejects.toBeInstanceOf(NotAllowedError);
    expect(await all(people.managerEast, { owner: "none", source: "Fair" })).toEqual([unassigned.id]);
    expect(await all(people.admin, { q: "pool co" })).toEqual([unassigned.id]);
    expect(await all(people.repEast2, { owner: "me", source: "Fair" })).toEqual([east2.id]);
  });
});

describe("editing and status rules", () => {
  test("the second of two saves from the same version gets a conflict with the saved values", async () => {
    const created = await createLead(people.repEast, lead({ name: "Race Lead" }));
    await updateLead(people.repEast, created.id, created.version, leadProfileSchema.parse({ name: "Race Lead A", source: "Web" }));
    const error = await updateLead(people.managerEast, created.id, created.version, leadProfileSchema.parse({ name: "Race Lead B", source: "Web" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).current).toMatchObject({ name: "Race Lead A" });
  });

  test("NEW → CONTACTED → QUALIFIED; disqualifying needs a reason; CONVERTED only via convert", async () => {
    const created = await createLead(people.repEast, lead({ name: "Status Lead" }));
    const contacted = await changeLeadStatus(people.repEast, created.id, created.version, status("CONTACTED"));
    expect(contacted.status).toBe("CONTACTED");
    expect(leadStatusSchema.safeParse({ status: "DISQUALIFIED", reason: "" }).success).toBe(false);
    const noReason = await changeLeadStatus(people.repEast, created.id, contacted.version, { status: "DISQUALIFIED", reason: null }).catch((e: unknown) => e);
    expect(noReason).toMatchObject({ field: "reason", message: "leads.errors.reasonRequired" });
    expect(leadStatusSchema.safeParse({ status: "CONVERTED" }).success).toBe(false);
    const back = await changeLeadStatus(people.repEast, created.id, contacted.version, status("NEW")).catch((e: unknown) => e);
    expect(back).toBeInstanceOf(RuleError);
    const q = await changeLeadStatus(people.repEast, created.id, contacted.version, status("QUALIFIED"));
    const dq = await changeLeadStatus(people.repEast, created.id, q.version, status("DISQUALIFIED", "No budget"));
    expect(dq).toMatchObject({ status: "DISQUALIFIED", disqualifyReason: "No budget" });
    expect(await db.prisma.auditLog.count({ where: { entity: "Lead", entityId: String(created.id), action: "UPDATE" } })).toBe(3);
  });
});

describe("assignment", () => {
  test("by hand within scope: manager assigns to a team rep, not to another team's", async () => {
    const created = await createLead(people.managerEast, lead({ name: "Hand Lead" }));
    const assigned = await assignLead(people.managerEast, created.id, created.version, people.repEast2.id);
    expect(assigned.owner?.id).toBe(people.repEast2.id);
    await expect(assignLead(people.managerEast, created.id, assigned.version, people.repWest.id)).rejects.toBeInstanceOf(NotAllowedError);
    expect((await db.prisma.lead.findUniqueOrThrow({ where: { id: created.id } })).ownerId).toBe(people.repEast2.id);
  });

  test("round-robin: next active rep after the pointer by id, wrapping, skipping inactive users and non-reps", async () => {
    const team = await db.prisma.team.create({ data: { name: "Robin" } });
    const mk = (email: string, role: "REP" | "MANAGER", active = true) =>
      db.prisma.user.create({ data: { email, name: email, role, teamId: team.id, active, passwordHash: "x" } }).then((u) => ({ id: u.id, role: u.role, teamId: u.teamId }));
    const manager = await mk("robin.mgr@test.local", "MANAGER");
    const r1 = await mk("robin.r1@test.local", "REP");
    const gone = await mk("robin.gone@test.local", "REP", false);
    const r2 = await mk("robin.r2@test.local", "REP");
    const r3 = await mk("robin.r3@test.local", "REP");
    expect(gone.id).toBeGreaterThan(r1.id);
    const got: number[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await createLead(manager, lead({ name: `Robin ${i}` }));
      got.push((await assignLeadRoundRobin(manager, created.id, created.version)).owner!.id);
    }
    expect(got).toEqual([r1.id, r2.id, r3.id, r1.id, r2.id]);
    expect((await db.prisma.team.findUniqueOrThrow({ where: { id: team.id } })).lastLeadAssigneeId).toBe(r2.id);
    // Concurrent assignments never hand out the same turn twice.
    const leads = await Promise.all([0, 1, 2].map((i) => createLead(manager, lead({ name: `Robin c${i}` }))));
    const owners = await Promise.all(leads.map((l) => assignLeadRoundRobin(manager, l.id, l.version).then((d) => d.owner!.id)));
    expect(new Set(owners).size).toBe(3);
    expect(owners.sort()).toEqual([r1.id, r2.id, r3.id].sort());
  });
});

describe("conversion", () => {
  test("a qualified business lead becomes a new customer, a contact and a PROSPECTING opportunity, in one go", async () => {
    const q = await qualified(people.repEast, { name: "Zhang Wei", company: "Nova Robotics", email: "zhang@nova.example" });
    const result = await convertLead(people.repEast, q.id, q.version, conversion({ customerName: "Nova Robotics", opportunityName: "Nova arms", amount: "1000000.05" }));
    const opp = await db.prisma.opportunity.findUniqueOrThrow({ where: { id: result.opportunityId }, include: { stageChanges: true } });
    expect(opp).toMatchObject({ stage: "PROSPECTING", probability: 10, ownerId: people.repEast.id, source: "Web", customerId: result.customerId });
    expect(opp.amount.toFixed(2)).toBe("1000000.05");
    expect(opp.stageChanges).toHaveLength(1);
    expect(opp.stageChanges[0]).toMatchObject({ fromStage: null, toStage: "PROSPECTING", changedById: people.repEast.id });
    const contact = await db.prisma.contact.findUniqueOrThrow({ where: { id: result.contactId! } });
    expect(contact).toMatchObject({ customerId: result.customerId, name: "Zhang Wei", email: "zhang@nova.example", isPrimary: true });
    const after = await db.prisma.lead.findUniqueOrThrow({ where: { id: q.id } });
    expect(after).toMatchObject({ status: "CONVERTED", customerId: result.customerId, opportunityId: result.opportunityId });
    expect(after.convertedAt).not.toBeNull();
    const audited = await db.prisma.auditLog.findMany({ where: { userId: people.repEast.id, entity: { in: ["Customer", "Contact", "Opportunity"] }, action: "CREATE" }, select: { entity: true, entityId: true } });
    expect(audited).toEqual(expect.arrayContaining([
      { entity: "Customer", entityId: String(result.customerId) },
      { entity: "Contact", entityId: String(result.contactId) },
      { entity: "Opportunity", entityId: String(result.opportunityId) },
    ]));
  });

  test("converting twice is refused and changes nothing", async () => {
    const q = await qualified(people.repEast, { name: "Twice", company: "Twice Co" });
    await convertLead(people.repEast, q.id, q.version, conversion({ customerName: "Twice Co" }));
    const before = await db.prisma.opportunity.count();
    const again = await convertLead(people.repEast, q.id, q.version + 1, conversion({ customerName: "Twice Co" })).catch((e: unknown) => e);
    expect(again).toMatchObject({ message: "leads.convert.already" });
    // With the stale version too.
    await expect(convertLead(people.repEast, q.id, q.version, conversion({ customerName: "Twice Co" }))).rejects.toBeInstanceOf(RuleError);
    expect(await db.prisma.opportunity.count()).toBe(before);
  });

  test("an unqualified lead cannot be converted; another rep's lead is not allowed", async () => {
    const fresh = await createLead(people.repEast, lead({ name: "Too Early" }));
    await expect(convertLead(people.repEast, fresh.id, fresh.version, conversion())).rejects.toMatchObject({ message: "leads.convert.notQualified" });
    const others = await qualified(people.repEast2, { name: "Other's" });
    await expect(convertLead(people.repEast, others.id, others.version, conversion())).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("linking an existing customer found by the duplicate check creates no customer", async () => {
    const existing = await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Harbor Logistics", region: "East China", email: "info@harbor.example", ownerId: people.repWest.id } });
    const q = await qualified(people.repEast, { name: "Chen Jie", company: "Harbor Logistics", email: "chen@harbor.example" });
    const duplicates = await findDuplicateCustomers(people.repEast, { name: "Harbor Logistics", email: q.email, phone: q.phone, region: "East China" });
    expect(duplicates.map((d) => d.id)).toContain(existing.id);
    const customers = await db.prisma.customer.count();
    const result = await convertLead(people.repEast, q.id, q.version, conversion({ customerMode: "existing", customerId: existing.id }));
    expect(result.customerId).toBe(existing.id);
    expect(await db.prisma.customer.count()).toBe(customers);
    expect(await db.prisma.contact.count({ where: { customerId: existing.id, name: "Chen Jie" } })).toBe(1);
    expect((await db.prisma.opportunity.findUniqueOrThrow({ where: { id: result.opportunityId } })).customerId).toBe(existing.id);
  });

  test("an individual lead becomes an individual customer without a contact", async () => {
    const q = await qualified(people.repEast, { name: "Wang Fang", company: "", email: "wang.fang@mail.example" });
    const result = await convertLead(people.repEast, q.id, q.version, conversion({ kind: "INDIVIDUAL", customerName: "Wang Fang" }));
    expect(result.contactId).toBeNull();
    expect(await db.prisma.customer.findUniqueOrThrow({ where: { id: result.customerId } })).toMatchObject({ kind: "INDIVIDUAL", email: "wang.fang@mail.example" });
  });

  test("a failure mid-way (the opportunity insert fails) leaves nothing behind", async () => {
    const q = await qualified(people.repEast, { name: "Atomic", company: "Atomic Widgets" });
    const counts = async () => ({
      customers: await db.prisma.customer.count(),
      contacts: await db.prisma.contact.count(),
      opportunities: await db.prisma.opportunity.count(),
      stageChanges: await db.prisma.opportunityStageChange.count(),
      audits: await db.prisma.auditLog.count({ where: { action: { not: "DENIED" } } }),
    });
    const before = await counts();
    // Beyond Decimal(14,2): the customer and contact inserts succeed, then the opportunity insert fails.
    const overflow = { ...conversion({ customerName: "Atomic Widgets" }), amount: "9999999999999.99" };
    await expect(convertLead(people.repEast, q.id, q.version, overflow)).rejects.toThrow();
    expect(await counts()).toEqual(before);
    expect(await db.prisma.lead.findUniqueOrThrow({ where: { id: q.id } })).toMatchObject({ status: "QUALIFIED", customerId: null, opportunityId: null, convertedAt: null, version: q.version });
  });
});

describe("CSV import", () => {
  const csv = (text: string) => csvRows(leadImportSpec, text);

  test("invalid rows, duplicates (in the file and in the database) and unknown owners are reported per line; the rest imported", async () => {
    await createLead(people.repEast, lead({ name: "Existing Person", email: "exists@import.example" }));
    const rows = await csv(
      [
        "name,company,email,phone,source,owner",
        "Good One,Good Co,good1@import.example,,Fair,",
        ",No Name Co,,,Fair,",
        "Bad Mail,Co,not-an-email,,Fair,",
        "Dup In File,Co,good1@import.example,,Fair,",
        "Dup In Db,Co,EXISTS@import.example,,Fair,",
        "Ghost Owner,Co,ghost@import.example,,Fair,nobody@test.local",
        "Good Two,,good2@import.example,,Fair,",
      ].join("\n"),
    );
    const report = await importLeads(people.repEast, rows, { roundRobin: false });
    expect(report).toMatchObject({ imported: 2, skipped: 2, failed: 3 });
    expect(report.rows.map((r) => [r.line, r.status])).toEqual([
      [2, "imported"],
      [3, "failed"],
      [4, "failed"],
      [5, "skipped"],
      [6, "skipped"],
      [7, "failed"],
      [8, "imported"],
    ]);
    const imported = await db.prisma.lead.findMany({ where: { email: { in: ["good1@import.example", "good2@import.example"] } } });
    expect(imported.every((l) => l.ownerId === people.repEast.id && l.createdById === people.repEast.id)).toBe(true);
  });

  test("a rep importing rows owned by another rep: those rows fail as not allowed, the refusal is logged", async () => {
    const rows = await csv("name,source,owner\nFor Other,Fair,rep.east2@test.local\nFor Me,Fair,rep.east@test.local\n");
    const report = await importLeads(people.repEast, rows, { roundRobin: false });
    expect(report).toMatchObject({ imported: 1, failed: 1 });
    expect(report.rows[0]).toMatchObject({ status: "failed", reason: "leadImport.report.notAllowed" });
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Lead", userId: people.repEast.id, entityId: null } })).toBeGreaterThan(0);
  });

  test("round-robin import deals rows out in turn and leaves the pointer on the last", async () => {
    const team = await db.prisma.team.findFirstOrThrow({ where: { id: people.managerEast.teamId! } });
    await db.prisma.team.update({ where: { id: team.id }, data: { lastLeadAssigneeId: null } });
    const rows = await csv("name,source\nRR One,Expo\nRR Two,Expo\nRR Three,Expo\n");
    const report = await importLeads(people.managerEast, rows, { roundRobin: true });
    expect(report.imported).toBe(3);
    const owners = (await db.prisma.lead.findMany({ where: { source: "Expo" }, orderBy: { id: "asc" }, select: { ownerId: true } })).map((l) => l.ownerId);
    const reps = [people.repEast.id, people.repEast2.id].sort((a, b) => a - b);
    expect(owners).toEqual([reps[0], reps[1], reps[0]]);
    expect((await db.prisma.team.findUniqueOrThrow({ where: { id: team.id } })).lastLeadAssigneeId).toBe(reps[0]);
  });

  test("a rep's duplicate check sees only leads the rep may read: another team's lead is neither matched nor named", async () => {
    const hidden = await createLead(people.repWest, lead({ name: "West Secret", company: "Hidden Co", email: "secret@west.example" }));
    const mine = await createLead(people.repEast, lead({ name: "East Known", email: "known@east.example" }));
    const report = await importLeads(people.repEast, await csv("name,company,email,source\nWest Secret,Hidden Co,secret@west.example,Fair\nEast Known,,known@east.example,Fair\n"), { roundRobin: false });
    expect(report.rows.map((r) => r.status)).toEqual(["imported", "skipped"]);
    expect(report.rows[1]).toMatchObject({ id: mine.id, detail: `#${mine.id} East Known` });
    expect(JSON.stringify(report)).not.toContain(`#${hidden.id}`);
    // Its owner is still told: it is their lead.
    const west = await importLeads(people.repWest, await csv("name,company,email,source\nWest Secret,Hidden Co,secret@west.example,Fair\n"), { roundRobin: false });
    expect(west.rows[0]).toMatchObject({ status: "skipped", id: hidden.id });
  });

  test("an empty file of only invalid rows imports nothing and an agent may not import", async () => {
    const report = await importLeads(people.managerEast, await csv("name,source\n,\n"), { roundRobin: false });
    expect(report).toMatchObject({ imported: 0, failed: 1 });
    await expect(importLeads(people.agent, await csv("name,source\nA,B\n"), { roundRobin: false })).rejects.toBeInstanceOf(NotAllowedError);
  });
});

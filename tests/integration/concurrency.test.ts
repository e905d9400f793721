/**
 * The one optimistic-concurrency protocol (lib/platform/concurrency.ts), entity by entity, against a
 * real database (PGlite here; PostgreSQL too when TEST_DATABASE_URL is set, where the races are real
 * races between connections):
 * - two editors load version v; editor 1 saves; editor 2's save is refused with exactly the fields
 *   editor 1 changed (what editor 2 saw, what is stored now); nothing of editor 2's is written or
 *   audited; editor 2's save against the current version then succeeds;
 * - N saves at the same version in parallel: exactly one succeeds, the others are refused.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/platform/auth/permissions";
import { createAppointment, updateAppointment } from "@/lib/calendar/mutations";
import { getAppointment } from "@/lib/calendar/queries";
import { createContact, updateContact } from "@/lib/contacts/mutations";
import { listContacts } from "@/lib/contacts/queries";
import { mergeCustomers } from "@/lib/customers/merge";
import { bulkReassign, createCustomer, getCustomer, setDoNotContact, updateCustomer } from "@/lib/customers/mutations";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import { changeLeadStatus, createLead, getLead, updateLead } from "@/lib/leads/mutations";
import { createOpportunity, getOpportunity, moveOpportunityStage, updateOpportunity } from "@/lib/opportunities/mutations";
import { createPartner, getPartnerForEdit, updatePartner } from "@/lib/partners/mutations";
import { createProduct, getProduct, updateProduct } from "@/lib/products/mutations";
import { createQuote, getQuote, setQuoteStatus, updateQuote, winFromQuote } from "@/lib/quotes/mutations";
import { getTargetGrid, saveSalesTargets } from "@/lib/dashboards/targets";
import { getAnalyticsSettingsForEdit, updateAnalyticsSettings } from "@/lib/scoring/jobs";
import { createTask, setTaskDone, updateTask } from "@/lib/tasks/mutations";
import { getTask } from "@/lib/tasks/queries";
import { DEFAULT_ANALYTICS_SETTINGS } from "@/lib/scoring/rules/settings";
import { type Expected, expectedVersion, type FieldChange, seenOf, type Snapshot } from "@/lib/platform/concurrency";
import { appointmentInputSchema } from "@/lib/calendar/schema";
import { contactInputSchema } from "@/lib/contacts/schema";
import { customerInputSchema } from "@/lib/customers/schema";
import { leadInputSchema, leadProfileSchema } from "@/lib/leads/schema";
import { opportunityInputSchema } from "@/lib/opportunities/schema";
import { partnerInputSchema } from "@/lib/partners/schema";
import { productInputSchema } from "@/lib/products/schema";
import { quoteInputSchema } from "@/lib/quotes/schema";
import { targetCellSchema } from "@/lib/dashboards/schema";
import { taskInputSchema } from "@/lib/tasks/schema";
import { hashPassword } from "@/lib/platform/auth/password";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;
let admin2: Actor;
let customerId: number;
let categoryId: number;
let productIds: number[];

/** Parallel saves per race: enough to overlap on a server, few enough for two cores. */
const RACERS = 6;

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  const second = await db.prisma.user.create({ data: { email: "admin2@test.local", name: "admin2", role: "ADMIN", passwordHash: await hashPassword("unused password 1") } });
  admin2 = { id: second.id, role: second.role, teamId: second.teamId };
  customerId = (await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Harbour Logistics", region: "East China", ownerId: people.repEast.id } })).id;
  categoryId = (await db.prisma.productCategory.create({ data: { name: "Hardware" } })).id;
  productIds = [
    (await db.prisma.product.create({ data: { sku: "W-1", name: "Widget", categoryId, listPrice: "19.99", unitCost: "12.00" } })).id,
    (await db.prisma.product.create({ data: { sku: "G-1", name: "Gadget", categoryId, listPrice: "49.99", unitCost: "30.00" } })).id,
  ];
});
afterAll(() => db.close());

type Loaded = { version: number; snapshot: Snapshot };
const asExpected = (l: Loaded): Expected => ({ version: l.version, seen: l.snapshot });

/**
 * One editable record under the protocol. `first` is editor 1's save, `second` editor 2's from the
 * same loaded version (other fields, possibly another form), `racer` one of the parallel saves.
 */
type Case = {
  name: string;
  setup: () => Promise<number>;
  load: (id: number) => Promise<Loaded>;
  first: (id: number, expected: Expected) => Promise<unknown>;
  second: (id: number, expected: Expected) => Promise<unknown>;
  /** Exactly what editor 1's save changed, judged from what both editors loaded. */
  changed: (loaded: Loaded) => FieldChange[];
  /** Whether editor 2's values are stored. */
  secondStored: (id: number) => Promise<boolean>;
  racer: (id: number, expected: Expected, i: number) => Promise<unknown>;
  /** Audit rows written for the record (a refused save adds none). */
  audits: (id: number) => Promise<number>;
  /** The version a refusal reports for the record (a table of several records reports each one's). */
  reportedVersion?: (error: ConflictError) => number | null | undefined;
};

const auditCount = (entity: string, entityId: number | string) => db.prisma.auditLog.count({ where: { entity, entityId: String(entityId), action: { not: "DENIED" } } });

const customerInput = (over: Record<string, unknown> = {}) => customerInputSchema.parse({ kind: "ENTERPRISE", name: "Shared Co", region: "East China", email: "buyer@shared.test", ...over });
const oppInput = (over: Record<string, unknown> = {}) =>
  opportunityInputSchema.parse({ name: "Fleet renewal", customerId: String(customerId), amount: "12500.50", stage: "PROSPECTING", probability: "10", expectedCloseDate: "2026-12-31", ...over });
const quoteInput = (over: Record<string, unknown> = {}) =>
  quoteInputSchema.parse({ discountPct: "0", lines: [{ productId: String(productIds[0]), quantity: "3", unitPrice: "19.99", discountPct: "0" }], ...over });
const taskInput = (over: Record<string, unknown> = {}) => taskInputSchema.parse({ title: "Call back", dueAt: "2026-06-12T08:00:00.000Z", ...over });
const meeting = (over: Record<string, unknown> = {}) => appointmentInputSchema.parse({ title: "Meeting", start: "2030-03-04T09:00", end: "2030-03-04T10:00", timeZone: "Asia/Shanghai", ...over });
const productInput = (over: Record<string, unknown> = {}) => productInputSchema.parse({ sku: "SH-1", name: "Shared product", categoryId, listPrice: "100.00", unitCost: "60.00", active: true, ...over });
const partnerInput = (over: Record<string, unknown> = {}) => partnerInputSchema.parse({ name: "Shared Partner", region: "East", active: true, ...over });

let sku = 0;
let partnerNo = 0;
let targetMonth = 0;

/** Sales targets: a cell (rep × month) is the record; its snapshot is its amount under the cell's key. */
const TARGET_MONTHS = ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"];
const targetKey = (month: string) => `user:${people.repEast.id}:${month}`;
const monthOfTarget = new Map<number, string>();
const targetCell = (id: number, expected: Expected, amount: string) => {
  const month = monthOfTarget.get(id)!;
  return targetCellSchema.parse({ kind: "user", id: people.repEast.id, month, amount, was: seenOf(expected)?.[targetKey(month)] ?? "", version: String(expectedVersion(expected)) });
};
const storedTarget = async (id: number) => (await db.prisma.salesTarget.findUnique({ where: { id } }))?.amount.toFixed(2) ?? null;

const CASES: Case[] = [
  {
    name: "customer profile",
    setup: async () => (await createCustomer(people.repEast, customerInput())).id,
    load: async (id) => (await getCustomer(people.repEast, id))!,
    first: (id, e) => updateCustomer(people.managerEast, id, e, customerInput({ name: "Shared Co Ltd", phone: "+86 21 5555 0101" })),
    second: (id, e) => updateCustomer(people.repEast, id, e, customerInput({ industry: "Logistics" })),
    changed: () => [
      { field: "name", old: "Shared Co", current: "Shared Co Ltd" },
      { field: "phone", old: null, current: "+86 21 5555 0101" },
    ],
    secondStored: async (id) => (await db.prisma.customer.findUniqueOrThrow({ where: { id } })).industry === "Logistics",
    racer: (id, e, i) => updateCustomer(people.repEast, id, e, customerInput({ notes: `racer ${i}` })),
    audits: (id) => auditCount("Customer", id),
  },
  {
    name: "contact",
    setup: async () => (await createContact(people.repEast, customerId, contactInputSchema.parse({ name: "Ann", email: "ann@harbour.test" }))).id,
    load: async (id) => (await listContacts(people.repEast, customerId)).find((c) => c.id === id)!,
    first: (id, e) => updateContact(people.managerEast, id, e, contactInputSchema.parse({ name: "Ann Lee", title: "CFO", email: "ann@harbour.test" })),
    second: (id, e) => updateContact(people.repEast, id, e, contactInputSchema.parse({ name: "Ann", email: "ann@harbour.test", phone: "+86 10 5555 0102" })),
    changed: () => [
      { field: "name", old: "Ann", current: "Ann Lee" },
      { field: "title", old: null, current: "CFO" },
    ],
    secondStored: async (id) => (await db.prisma.contact.findUniqueOrThrow({ where: { id } })).phone !== null,
    racer: (id, e, i) => updateContact(people.repEast, id, e, contactInputSchema.parse({ name: "Ann", title: `T${i}` })),
    audits: (id) => auditCount("Contact", id),
  },
  {
    name: "opt-out flags",
    setup: async () => (await createCustomer(people.repEast, customerInput({ name: "Quiet Co" }))).id,
    load: async (id) => {
      const c = (await getCustomer(people.agent, id))!;
      return { version: c.doNotContactVersion, snapshot: c.doNotContactSnapshot };
    },
    // An agent hears one opt-out, a rep another: each form sends only the flag it changed.
    first: (id, e) => setDoNotContact(people.agent, id, e, { dncEmail: true }),
    second: (id, e) => setDoNotContact(people.repEast, id, e, { dncPhone: true }),
    changed: () => [{ field: "dncEmail", old: "false", current: "true" }],
    secondStored: async (id) => (await db.prisma.customer.findUniqueOrThrow({ where: { id } })).dncPhone,
    racer: (id, e, i) => setDoNotContact(people.agent, id, e, i % 2 === 0 ? { dncMail: true } : { dncSms: true }),
    audits: (id) => auditCount("Customer", id),
  },
  {
    name: "lead (profile form, then the status form)",
    setup: async () => (await createLead(people.repEast, leadInputSchema.parse({ name: "Lead L", source: "Web", email: "l@lead.test" }))).id,
    load: (id) => getLead(people.repEast, id),
    first: (id, e) => updateLead(people.managerEast, id, e, leadProfileSchema.parse({ name: "Lead L2", company: "Acme", source: "Web", email: "l@lead.test" })),
    second: (id, e) => changeLeadStatus(people.repEast, id, e, { status: "CONTACTED", reason: null }),
    changed: () => [
      { field: "name", old: "Lead L", current: "Lead L2" },
      { field: "company", old: null, current: "Acme" },
    ],
    secondStored: async (id) => (await db.prisma.lead.findUniqueOrThrow({ where: { id } })).status === "CONTACTED",
    racer: (id, e, i) => updateLead(people.repEast, id, e, leadProfileSchema.parse({ name: `Lead ${i}`, source: "Web" })),
    audits: (id) => auditCount("Lead", id),
  },
  {
    name: "opportunity (detail form)",
    setup: async () => (await createOpportunity(people.repEast, oppInput())).id,
    load: async (id) => (await getOpportunity(people.repEast, id))!,
    first: (id, e) => updateOpportunity(people.managerEast, id, e, oppInput({ amount: "20000", nextStep: "Send contract" })),
    second: (id, e) => updateOpportunity(people.repEast, id, e, oppInput({ competitor: "Rival Co" })),
    changed: () => [
      { field: "amount", old: "12500.50", current: "20000.00" },
      { field: "nextStep", old: null, current: "Send contract" },
    ],
    secondStored: async (id) => (await db.prisma.opportunity.findUniqueOrThrow({ where: { id } })).competitor === "Rival Co",
    racer: (id, e, i) => updateOpportunity(people.repEast, id, e, oppInput({ nextStep: `Step ${i}` })),
    audits: (id) => auditCount("Opportunity", id),
  },
  {
    name: "opportunity (board move)",
    setup: async () => (await createOpportunity(people.repEast, oppInput({ name: "Board deal" }))).id,
    load: async (id) => (await getOpportunity(people.repEast, id))!,
    first: (id, e) => updateOpportunity(people.managerEast, id, e, oppInput({ name: "Board deal", amount: "9000" })),
    // The card posts what it showed: name, amount, stage and close date.
    second: (id, e) => {
      const s = seenOf(e)!;
      const seen = { name: s.name, amount: s.amount, stage: s.stage, expectedCloseDate: s.expectedCloseDate };
      return moveOpportunityStage(people.repEast, { id, version: expectedVersion(e), stage: "QUALIFICATION", lostReason: null, seen });
    },
    changed: () => [{ field: "amount", old: "12500.50", current: "9000.00" }],
    secondStored: async (id) => (await db.prisma.opportunity.findUniqueOrThrow({ where: { id } })).stage === "QUALIFICATION",
    racer: (id, e) => moveOpportunityStage(people.repEast, { id, version: expectedVersion(e), stage: "PROPOSAL", lostReason: null }),
    audits: (id) => auditCount("Opportunity", id),
  },
  {
    name: "quote (editor, then a status button)",
    setup: async () => {
      const deal = await createOpportunity(people.repEast, oppInput({ name: "Quoted deal" }));
      return (await createQuote(people.repEast, deal.id, quoteInput())).id;
    },
    load: async (id) => (await getQuote(people.repEast, id))!,
    first: (id, e) => updateQuote(people.managerEast, id, e, quoteInput({ discountPct: "5", notes: "Net 30" })),
    second: (id, e) => setQuoteStatus(people.repEast, id, e, "SENT"),
    // The total is recomputed from the discount: it changed in the stored quote, so it is reported.
    changed: () => [
      { field: "discountPct", old: "0.00", current: "5.00" },
      { field: "notes", old: null, current: "Net 30" },
      { field: "total", old: "59.97", current: "56.97" },
    ],
    secondStored: async (id) => (await db.prisma.quote.findUniqueOrThrow({ where: { id } })).status === "SENT",
    racer: (id, e, i) => updateQuote(people.repEast, id, e, quoteInput({ notes: `Quote ${i}` })),
    audits: (id) => auditCount("Quote", id),
  },
  {
    name: "task (form, then the done button)",
    setup: async () => (await createTask(people.repEast, taskInput())).id,
    load: async (id) => (await getTask(people.repEast, id))!,
    first: (id, e) => updateTask(people.managerEast, id, e, taskInput({ title: "Call back about renewal", notes: "Bring the contract" })),
    second: (id, e) => setTaskDone(people.repEast, id, true, e),
    changed: () => [
      { field: "title", old: "Call back", current: "Call back about renewal" },
      { field: "notes", old: null, current: "Bring the contract" },
    ],
    secondStored: async (id) => (await db.prisma.task.findUniqueOrThrow({ where: { id } })).status === "DONE",
    racer: (id, e, i) => updateTask(people.repEast, id, e, taskInput({ title: `Task ${i}` })),
    audits: (id) => auditCount("Task", id),
  },
  {
    name: "appointment",
    setup: async () => (await createAppointment(people.repEast, meeting(), true)).id,
    load: async (id) => (await getAppointment(people.repEast, id))!,
    first: (id, e) => updateAppointment(people.managerEast, id, e, meeting({ title: "Site visit", location: "Harbour HQ" }), true),
    second: (id, e) => updateAppointment(people.repEast, id, e, meeting({ start: "2030-03-04T11:00", end: "2030-03-04T12:00" }), true),
    changed: () => [
      { field: "title", old: "Meeting", current: "Site visit" },
      { field: "location", old: null, current: "Harbour HQ" },
    ],
    secondStored: async (id) => (await db.prisma.appointment.findUniqueOrThrow({ where: { id } })).startsAt.toISOString() === "2030-03-04T03:00:00.000Z",
    racer: (id, e, i) => updateAppointment(people.repEast, id, e, meeting({ title: `Meeting ${i}` }), true),
    audits: (id) => auditCount("Appointment", id),
  },
  {
    name: "product",
    setup: async () => (await createProduct(people.admin, productInput({ sku: `SH-${++sku}` }))).id,
    load: async (id) => (await getProduct(people.admin, id))!,
    first: async (id, e) => updateProduct(people.admin, id, e, productInput({ sku: (await getProduct(people.admin, id))!.sku, listPrice: "120.00", name: "Shared product v2" })),
    second: async (id, e) => updateProduct(admin2, id, e, productInput({ sku: (await getProduct(admin2, id))!.sku, unitCost: "55.00" })),
    changed: () => [
      { field: "name", old: "Shared product", current: "Shared product v2" },
      { field: "listPrice", old: "100.00", current: "120.00" },
    ],
    secondStored: async (id) => (await db.prisma.product.findUniqueOrThrow({ where: { id } })).unitCost.toFixed(2) === "55.00",
    racer: async (id, e, i) => updateProduct(people.admin, id, e, productInput({ sku: `SH-${sku}`, listPrice: `${100 + i}.00` })),
    audits: (id) => auditCount("Product", id),
  },
  {
    name: "partner",
    setup: async () => (await createPartner(people.admin, partnerInput({ name: `Shared Partner ${++partnerNo}` }))).id,
    load: async (id) => (await getPartnerForEdit(people.admin, id))!,
    first: async (id, e) => updatePartner(people.admin, id, e, partnerInput({ name: `Shared Partner ${partnerNo}`, region: "North", email: "desk@partner.test" })),
    second: async (id, e) => updatePartner(admin2, id, e, partnerInput({ name: `Shared Partner ${partnerNo}`, contactName: "Li Wei" })),
    changed: () => [
      { field: "region", old: "East", current: "North" },
      { field: "email", old: null, current: "desk@partner.test" },
    ],
    secondStored: async (id) => (await db.prisma.partner.findUniqueOrThrow({ where: { id } })).contactName === "Li Wei",
    racer: (id, e, i) => updatePartner(people.admin, id, e, partnerInput({ name: `Shared Partner ${partnerNo}`, contactName: `Contact ${i}` })),
    audits: (id) => auditCount("Partner", id),
  },
  {
    name: "sales target",
    setup: async () => {
      const month = TARGET_MONTHS[targetMonth++];
      await saveSalesTargets(people.admin, [targetCellSchema.parse({ kind: "user", id: people.repEast.id, month, amount: "1000", was: "" })]);
      const row = await db.prisma.salesTarget.findFirstOrThrow({ where: { userId: people.repEast.id, month: new Date(`${month}-01T00:00:00Z`) } });
      monthOfTarget.set(row.id, month);
      return row.id;
    },
    load: async (id) => {
      const month = monthOfTarget.get(id)!;
      const grid = await getTargetGrid(people.managerEast, { team: people.managerEast.teamId!, from: month });
      const row = grid.rows.find((r) => r.kind === "user" && r.id === people.repEast.id)!;
      return { version: row.versions[month]!, snapshot: { [targetKey(month)]: row.amounts[month] } };
    },
    first: (id, e) => saveSalesTargets(people.admin, [targetCell(id, e, "1500")]),
    second: (id, e) => saveSalesTargets(people.managerEast, [targetCell(id, e, "1200")]),
    changed: () => [{ field: targetKey(TARGET_MONTHS[targetMonth - 1]), old: "1000.00", current: "1500.00" }],
    secondStored: async (id) => (await storedTarget(id)) === "1200.00",
    racer: (id, e, i) => saveSalesTargets(people.managerEast, [targetCell(id, e, String(2000 + i))]),
    audits: (id) => auditCount("SalesTarget", id),
    reportedVersion: (e) => e.versions?.[targetKey(TARGET_MONTHS[targetMonth - 1])],
  },
  {
    name: "analytics settings",
    setup: async () => 0,
    load: () => getAnalyticsSettingsForEdit(people.admin),
    first: (_id, e) => updateAnalyticsSettings(people.admin, { ...DEFAULT_ANALYTICS_SETTINGS, pyramid: { vip: 0.02, major: 0.05, medium: 0.15 } }, e),
    second: (_id, e) => updateAnalyticsSettings(admin2, { ...DEFAULT_ANALYTICS_SETTINGS, churnAlertThreshold: 0.6 }, e),
    changed: (loaded) =>
      [
        { field: "pyramid.vip", old: loaded.snapshot["pyramid.vip"], current: "0.02" },
        { field: "pyramid.major", old: loaded.snapshot["pyramid.major"], current: "0.05" },
        { field: "pyramid.medium", old: loaded.snapshot["pyramid.medium"], current: "0.15" },
      ].filter((c) => c.old !== c.current),
    secondStored: async () => (await getAnalyticsSettingsForEdit(people.admin)).settings.churnAlertThreshold === 0.6,
    racer: (_id, e, i) => updateAnalyticsSettings(people.admin, { ...DEFAULT_ANALYTICS_SETTINGS, upgradeHorizonDays: 100 + i }, e),
    audits: () => auditCount("Setting", "analytics"),
  },
];

describe.each(CASES)("$name", (c) => {
  test("a stale save is refused with exactly the fields the other save changed; nothing of it is written; a save at the current version succeeds", async () => {
    const id = await c.setup();
    const one = await c.load(id);
    const two = await c.load(id);
    expect(two.version).toBe(one.version);
    await c.first(id, asExpected(one));
    const audits = await c.audits(id);

    const error = await c.second(id, asExpected(two)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    const conflict = error as ConflictError;
    expect(conflict.changes).toEqual(c.changed(one));
    const now = await c.load(id);
    expect(c.reportedVersion ? c.reportedVersion(conflict) : conflict.version).toBe(now.version);
    expect(conflict.current).toEqual(now.snapshot);
    expect(now.version).toBe(one.version + 1);
    expect(await c.secondStored(id)).toBe(false);
    expect(await c.audits(id)).toBe(audits);

    // Editor 2 reloads (or overwrites deliberately): the save against the current version goes through.
    await c.second(id, asExpected(now));
    expect(await c.secondStored(id)).toBe(true);
    expect((await c.load(id)).version).toBe(now.version + 1);
  });

  test(`${RACERS} saves at the same version in parallel: exactly one succeeds, the others are refused`, async () => {
    const id = await c.setup();
    const loaded = await c.load(id);
    const results = await Promise.allSettled(Array.from({ length: RACERS }, (_, i) => c.racer(id, asExpected(loaded), i)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
    expect((await c.load(id)).version).toBe(loaded.version + 1);
  });
});

describe("details of the protocol", () => {
  test("an opt-out and a profile edit made from the same page load do not conflict: the flags carry their own version", async () => {
    const c = (await createCustomer(people.repEast, customerInput({ name: "Two Forms Co" })))!;
    await setDoNotContact(people.agent, c.id, c.doNotContactVersion, { dncPhone: true });
    const saved = await updateCustomer(people.repEast, c.id, { version: c.version, seen: c.snapshot }, customerInput({ name: "Two Forms Co Ltd" }));
    expect(saved).toMatchObject({ name: "Two Forms Co Ltd", doNotContact: { dncPhone: true, dncEmail: false }, version: c.version + 1 });
    // The opt-out save touched only the flag it was given.
    await setDoNotContact(people.repEast, c.id, saved.doNotContactVersion, { dncEmail: true });
    expect((await getCustomer(people.repEast, c.id))!.doNotContact).toEqual({ dncPhone: true, dncEmail: true, dncMail: false, dncSms: false });
  });

  test("the version alone decides: a stale save posting the current snapshot is still refused, and a forged snapshot only shapes the report", async () => {
    const c = await createCustomer(people.repEast, customerInput({ name: "Forged Co" }));
    const saved = await updateCustomer(people.managerEast, c.id, c.version, customerInput({ name: "Forged Co 2" }));
    const error = await updateCustomer(people.repEast, c.id, { version: c.version, seen: saved.snapshot }, customerInput({ name: "Mine" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual([]);
    // Fields the editor's snapshot does not name are not reported; unknown ones are ignored.
    const partial = await updateCustomer(people.repEast, c.id, { version: c.version, seen: { name: "Forged Co", secret: "x" } }, customerInput()).catch((e: unknown) => e);
    expect((partial as ConflictError).changes).toEqual([{ field: "name", old: "Forged Co", current: "Forged Co 2" }]);
    expect((await getCustomer(people.repEast, c.id))!.name).toBe("Forged Co 2");
  });

  test("a user without the right gets the plain refusal, never the conflict with the record's values", async () => {
    const c = await createCustomer(people.repEast, customerInput({ name: "Private Co" }));
    await updateCustomer(people.repEast, c.id, c.version, customerInput({ name: "Private Co 2" }));
    await expect(updateCustomer(people.repWest, c.id, { version: c.version, seen: c.snapshot }, customerInput())).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("merge: the survivor's version is part of the write; a survivor changed meanwhile is refused with its changes and nothing moves", async () => {
    const survivor = await createCustomer(people.managerEast, customerInput({ name: "Survivor Co" }));
    const merged = await createCustomer(people.managerEast, customerInput({ name: "Merged Co", email: "other@merged.test" }));
    await db.prisma.touchpoint.create({ data: { customerId: merged.id, channel: "PHONE", direction: "INBOUND", occurredAt: new Date("2026-06-01T00:00:00Z"), summary: "Call" } });
    await updateCustomer(people.managerEast, survivor.id, survivor.version, customerInput({ name: "Survivor Co", company: "Survivor Holdings" }));
    const error = await mergeCustomers(people.admin, survivor.id, merged.id, { version: survivor.version, seen: survivor.snapshot }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual([{ field: "company", old: null, current: "Survivor Holdings" }]);
    expect(await db.prisma.touchpoint.count({ where: { customerId: merged.id } })).toBe(1);
    expect((await db.prisma.customer.findUniqueOrThrow({ where: { id: merged.id } })).deletedAt).toBeNull();
  });

  test(`merge race: ${RACERS} merges of one customer into different survivors at once, exactly one happens`, async () => {
    const loser = await createCustomer(people.managerEast, customerInput({ name: "Loser Co" }));
    const survivors = await Promise.all(Array.from({ length: RACERS }, (_, i) => createCustomer(people.managerEast, customerInput({ name: `Winner ${i}` }))));
    const results = await Promise.allSettled(survivors.map((s) => mergeCustomers(people.admin, s.id, loser.id, s.version)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    // A later merge sees the loser gone (refused as missing) or loses the race on its version.
    for (const r of results) if (r.status === "rejected") expect(r.reason instanceof ConflictError || r.reason instanceof NotAllowedError).toBe(true);
    const after = await db.prisma.customer.findUniqueOrThrow({ where: { id: loser.id } });
    expect(survivors.map((s) => s.id)).toContain(after.mergedIntoId);
  });

  test(`win from quote: ${RACERS} at once make exactly one order; the quote's version is part of the write`, async () => {
    const deal = await createOpportunity(people.repEast, oppInput({ name: "Won deal" }));
    const q = await createQuote(people.repEast, deal.id, quoteInput());
    const sent = await setQuoteStatus(people.repEast, q.id, q.version, "SENT");
    const accepted = await setQuoteStatus(people.repEast, q.id, sent.version, "ACCEPTED");
    const results = await Promise.allSettled(Array.from({ length: RACERS }, () => winFromQuote(people.repEast, q.id, accepted.version)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason instanceof ConflictError || r.reason instanceof RuleError).toBe(true);
    expect(await db.prisma.order.count({ where: { opportunityId: deal.id } })).toBe(1);
    // The quote was marked used by the win: a page still showing the old version cannot win again.
    expect((await getQuote(people.repEast, q.id))!.version).toBe(accepted.version + 1);
  });

  test("win from quote and a board move to LOST at once: the deal's version is in both writes, so exactly one happens", async () => {
    const deal = await createOpportunity(people.repEast, oppInput({ name: "Contested deal" }));
    const q = await createQuote(people.repEast, deal.id, quoteInput());
    const sent = await setQuoteStatus(people.repEast, q.id, q.version, "SENT");
    const accepted = await setQuoteStatus(people.repEast, q.id, sent.version, "ACCEPTED");
    const card = (await getOpportunity(people.managerEast, deal.id))!;
    const results = await Promise.allSettled([
      winFromQuote(people.repEast, q.id, accepted.version),
      moveOpportunityStage(people.managerEast, { id: deal.id, version: card.version, stage: "LOST", lostReason: "Budget cut" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const stored = await db.prisma.opportunity.findUniqueOrThrow({ where: { id: deal.id } });
    const orders = await db.prisma.order.count({ where: { opportunityId: deal.id } });
    // Never a LOST deal with an order, nor WON without one.
    expect([stored.stage, orders]).toEqual(results[0].status === "fulfilled" ? ["WON", 1] : ["LOST", 0]);
  });

  test("a sales target created by someone else meanwhile is a conflict, not an error, and nothing of the table is saved", async () => {
    const month = "2027-01";
    const key = `user:${people.repEast.id}:${month}`;
    const teamCell = targetCellSchema.parse({ kind: "team", id: people.managerEast.teamId, month, amount: "5000", was: "", version: "" });
    await saveSalesTargets(people.admin, [targetCellSchema.parse({ kind: "user", id: people.repEast.id, month, amount: "700", was: "", version: "" })]);
    const error = await saveSalesTargets(people.managerEast, [teamCell, targetCellSchema.parse({ kind: "user", id: people.repEast.id, month, amount: "800", was: "", version: "" })]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual([{ field: key, old: null, current: "700.00" }]);
    expect((error as ConflictError).versions).toEqual({ [key]: 1 });
    expect(await db.prisma.salesTarget.count({ where: { teamId: people.managerEast.teamId, month: new Date(`${month}-01T00:00:00Z`) } })).toBe(0);
  });

  test(`sales target race: ${RACERS} first saves of an empty cell at once create exactly one target`, async () => {
    const month = "2027-02";
    const results = await Promise.allSettled(
      Array.from({ length: RACERS }, (_, i) => saveSalesTargets(people.managerEast, [targetCellSchema.parse({ kind: "user", id: people.repEast2.id, month, amount: String(100 + i), was: "", version: "" })])),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
    expect(await db.prisma.salesTarget.count({ where: { userId: people.repEast2.id, month: new Date(`${month}-01T00:00:00Z`) } })).toBe(1);
  });

  test("bulk reassignment writes each customer at the version it authorised: a customer moved meanwhile stops the whole batch", async () => {
    const a = await createCustomer(people.managerEast, customerInput({ name: "Bulk A" }));
    const b = await createCustomer(people.managerEast, customerInput({ name: "Bulk B" }));
    const results = await Promise.allSettled([bulkReassign(people.managerEast, [a.id, b.id], people.repEast.id), bulkReassign(people.managerEast, [a.id, b.id], people.repEast2.id)]);
    // Serialised (PGlite) both batches run, one after the other; racing (PostgreSQL) the second may be refused.
    expect(results.some((r) => r.status === "fulfilled")).toBe(true);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
    const owners = (await db.prisma.customer.findMany({ where: { id: { in: [a.id, b.id] } }, select: { ownerId: true } })).map((r) => r.ownerId);
    // Never half of one batch and half of the other.
    expect(new Set(owners).size).toBe(1);
  });
});

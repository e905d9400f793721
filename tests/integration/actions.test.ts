import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import * as appointments from "@/lib/calendar/actions";
import * as contacts from "@/lib/contacts/actions";
import * as customers from "@/lib/customers/actions";
import * as leads from "@/lib/leads/actions";
import * as locale from "@/lib/users/actions";
import * as opportunities from "@/lib/opportunities/actions";
import * as partners from "@/lib/partners/actions";
import * as products from "@/lib/products/actions";
import * as quotes from "@/lib/quotes/actions";
import { allActions } from "@/tests/support/action-registry";
import * as salesTargets from "@/lib/dashboards/actions";
import * as scores from "@/lib/scoring/actions";
import * as search from "@/lib/search/actions";
import * as tasks from "@/lib/tasks/actions";
import * as touchpoints from "@/lib/touchpoints/actions";
import type { Actor } from "@/lib/platform/auth/permissions";
import { createQuote, setQuoteStatus } from "@/lib/quotes/mutations";
import { quoteInputSchema } from "@/lib/quotes/schema";
import { ANALYTICS_SETTINGS_FORM } from "../support/action-examples";
import { auditSince, businessFingerprint, callAs, formOf, lastAuditId, type Outcome } from "../support/actions";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * The real server actions, called with FormData (or their client payload) as each role and as nobody,
 * against a real database: what the policy allows succeeds and changes the database; what it refuses
 * answers `errors.notAllowed`, changes nothing and leaves a DENIED audit row; without a session the
 * action redirects to sign-in before it has read a single field.
 */

// revalidatePath needs Next's request store, cookies() the request: neither exists in a test. These
// are the framework's boundaries, not our database; the calls are recorded so tests can read them.
const next = vi.hoisted(() => ({ revalidated: [] as string[], cookies: new Map<string, string>() }));
vi.mock("next/cache", () => ({
  revalidatePath: (path: string) => next.revalidated.push(path),
  revalidateTag: () => undefined,
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (next.cookies.has(name) ? { name, value: next.cookies.get(name) } : undefined), set: (name: string, value: string) => next.cookies.set(name, value) }),
  headers: async () => new Headers(),
}));

let db: TestDatabase;
let people: People;
const f = {} as {
  cEast: number;
  cWest: number;
  cMergeA: number;
  cMergeB: number;
  cDeleted: number;
  contactEast: number;
  lEast: number;
  lWest: number;
  oEast: number;
  oWest: number;
  category: number;
  product: number;
  draftQuote: number;
  acceptedQuote: number;
  westQuote: number;
  tEast: number;
  tWest: number;
  aEast: number;
  aWest: number;
};

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  const p = db.prisma;
  const customer = (name: string, ownerId: number | null, extra: object = {}) => p.customer.create({ data: { kind: "ENTERPRISE", name, region: "East China", ownerId, ...extra } }).then((c) => c.id);
  f.cEast = await customer("East Buyer", people.repEast.id);
  f.cWest = await customer("West Buyer", people.repWest.id);
  f.cMergeA = await customer("Merge Survivor", people.repEast.id);
  f.cMergeB = await customer("Merge Loser", people.repEast.id);
  f.cDeleted = await customer("Deleted Buyer", people.repEast.id, { deletedAt: new Date("2026-06-01T00:00:00Z"), deletedById: people.admin.id });
  f.contactEast = (await p.contact.create({ data: { customerId: f.cEast, name: "Ann Contact" } })).id;
  const lead = (name: string, owner: Actor) => p.lead.create({ data: { name, source: "Web", ownerId: owner.id, teamId: owner.teamId } }).then((l) => l.id);
  f.lEast = await lead("East Lead", people.repEast);
  f.lWest = await lead("West Lead", people.repWest);
  await p.lead.update({ where: { id: f.lWest }, data: { status: "QUALIFIED" } });
  const deal = (name: string, customerId: number, ownerId: number) =>
    p.opportunity.create({ data: { name, customerId, ownerId, amount: "1000.00", stage: "PROPOSAL", probability: 50, expectedCloseDate: new Date("2026-12-31T00:00:00Z") } }).then((o) => o.id);
  f.oEast = await deal("East Deal", f.cEast, people.repEast.id);
  f.oWest = await deal("West Deal", f.cWest, people.repWest.id);
  f.category = (await p.productCategory.create({ data: { name: "Hardware" } })).id;
  f.product = (await p.product.create({ data: { sku: "W-1", name: "Widget", categoryId: f.category, listPrice: "19.99", unitCost: "12.00" } })).id;
  const lines = quoteInputSchema.parse({ discountPct: "0", lines: [{ productId: f.product, quantity: "2", unitPrice: "19.99", discountPct: "0" }] });
  f.draftQuote = (await createQuote(people.repEast, f.oEast, lines)).id;
  const q2 = await createQuote(people.repEast, f.oEast, lines);
  const sent = await setQuoteStatus(people.repEast, q2.id, q2.version, "SENT");
  f.acceptedQuote = (await setQuoteStatus(people.repEast, q2.id, sent.version, "ACCEPTED")).id;
  f.westQuote = (await createQuote(people.repWest, f.oWest, lines)).id;
  const task = (title: string, ownerId: number) => p.task.create({ data: { title, ownerId, dueAt: new Date("2026-06-20T09:00:00Z") } }).then((t) => t.id);
  f.tEast = await task("East Task", people.repEast.id);
  f.tWest = await task("West Task", people.repWest.id);
  const appt = (title: string, ownerId: number) =>
    // Held yesterday (the test clock starts 2026-06-10): a meeting is marked held only once it has started.
    p.appointment.create({ data: { title, ownerId, startsAt: new Date("2026-06-09T01:00:00Z"), endsAt: new Date("2026-06-09T02:00:00Z"), timeZone: "Asia/Shanghai" } }).then((a) => a.id);
  f.aEast = await appt("East Visit", people.repEast.id);
  f.aWest = await appt("West Visit", people.repWest.id);
});
afterAll(() => db.close());

const result = (o: Outcome) => (o.kind === "result" ? o.result : o) as { ok: boolean; message?: string | null; fieldErrors?: Record<string, string> } & Record<string, unknown>;

/** Calls as `actor` and checks the refusal: the plain message, no change, a DENIED row for the actor. */
async function expectDenied(actor: Actor, call: () => Promise<unknown>): Promise<void> {
  const before = await businessFingerprint(db);
  const auditFrom = await lastAuditId(db);
  const outcome = await callAs(actor.id, call);
  expect(outcome.kind).toBe("result");
  expect(result(outcome)).toMatchObject({ ok: false, message: "errors.notAllowed" });
  expect(await businessFingerprint(db)).toEqual(before);
  const added = await auditSince(db, auditFrom);
  expect(added.length).toBeGreaterThan(0);
  expect(added.every((row) => row.action === "DENIED" && row.userId === actor.id)).toBe(true);
}

async function expectOk(actor: Actor, call: () => Promise<unknown>): Promise<Record<string, unknown>> {
  const outcome = await callAs(actor.id, call);
  expect(outcome.kind).toBe("result");
  expect(result(outcome)).toMatchObject({ ok: true });
  return result(outcome);
}

async function expectRedirect(actor: Actor, call: () => Promise<unknown>, to: RegExp): Promise<string> {
  const outcome = await callAs(actor.id, call);
  expect(outcome).toMatchObject({ kind: "redirect" });
  const target = (outcome as { to: string }).to;
  expect(target).toMatch(to);
  return target;
}

const idIn = (path: string) => Number(/\/(\d+)/.exec(path)?.[1]);

describe("no session", () => {
  /** A FormData that records whether anything read it. */
  class WatchedFormData extends FormData {
    read = false;
    override entries() {
      this.read = true;
      return super.entries();
    }
    override get(name: string) {
      this.read = true;
      return super.get(name);
    }
    override getAll(name: string) {
      this.read = true;
      return super.getAll(name);
    }
  }

  test("every action that needs a session redirects to sign-in without decoding its input or writing anything", async () => {
    const required = allActions().filter((a) => a.session === "required");
    expect(required.length).toBe(82);
    const before = await businessFingerprint(db);
    const auditFrom = await lastAuditId(db);
    for (const entry of required) {
      const form = new WatchedFormData();
      form.append("__proto__.polluted", "yes");
      form.append("id", String(f.cEast));
      const call = entry.kind === "form" ? () => (entry.action as (p: unknown, fd: FormData) => Promise<unknown>)(null, form) : () => (entry.action as (i: unknown) => Promise<unknown>)(form);
      expect({ name: entry.name, outcome: await callAs(null, call) }).toEqual({ name: entry.name, outcome: { kind: "redirect", to: "/login" } });
      expect({ name: entry.name, read: form.read }).toEqual({ name: entry.name, read: false });
    }
    expect(await businessFingerprint(db)).toEqual(before);
    expect(await auditSince(db, auditFrom)).toEqual([]);
  });

  test("the language switch and the search work signed out: a cookie, no hits", async () => {
    expect(result(await callAs(null, () => locale.setLocaleAction({ locale: "zh-CN" })))).toEqual({ ok: true });
    expect(next.cookies.get("summit_locale") ?? [...next.cookies.values()][0]).toBe("zh-CN");
    expect(result(await callAs(null, () => search.globalSearchAction("East")))).toEqual({ ok: true, hits: [] });
    expect(result(await callAs(null, () => locale.setLocaleAction({ locale: "xx" })))).toMatchObject({ ok: false, message: "validation.required" });
  });
});

describe("customers", () => {
  test("create: a rep creates their own customer; an agent may not give one an owner", async () => {
    const to = await expectRedirect(people.repEast, () => customers.createCustomerAction(null, formOf({ kind: "ENTERPRISE", name: "New Co", region: "East China", ownerId: "" })), /^\/customers\/\d+$/);
    expect(await db.prisma.customer.findUnique({ where: { id: idIn(to) }, select: { name: true, ownerId: true } })).toEqual({ name: "New Co", ownerId: people.repEast.id });
    await expectDenied(people.agent, () => customers.createCustomerAction(null, formOf({ kind: "ENTERPRISE", name: "Agent Co", region: "East China", ownerId: people.repEast.id, confirmDuplicates: "yes" })));
  });

  test("create: look-alikes come back with the submitted values; confirming creates", async () => {
    const form = { kind: "ENTERPRISE", name: "East Buyer", region: "East China" };
    const outcome = result(await callAs(people.repEast.id, () => customers.createCustomerAction(null, formOf(form))));
    expect(outcome).toMatchObject({ ok: false, message: "customers.duplicates.found", values: form });
    expect((outcome.duplicates as { id: number }[]).map((d) => d.id)).toContain(f.cEast);
    await expectRedirect(people.repEast, () => customers.createCustomerAction(null, formOf({ ...form, confirmDuplicates: "yes" })), /^\/customers\/\d+$/);
  });

  test("update: the owner edits; another team's rep and an agent are refused", async () => {
    const version = async () => (await db.prisma.customer.findUniqueOrThrow({ where: { id: f.cEast } })).version;
    const form = async (name: string) => formOf({ id: f.cEast, version: await version(), kind: "ENTERPRISE", name, region: "East China" });
    expect(await expectOk(people.repEast, async () => customers.updateCustomerAction(null, await form("East Buyer Ltd")))).toEqual({ ok: true, message: "customers.profile.saved" });
    expect((await db.prisma.customer.findUniqueOrThrow({ where: { id: f.cEast } })).name).toBe("East Buyer Ltd");
    expect(next.revalidated).toContain(`/customers/${f.cEast}`);
    await expectDenied(people.repWest, async () => customers.updateCustomerAction(null, await form("Hijacked")));
    await expectDenied(people.agent, async () => customers.updateCustomerAction(null, await form("Hijacked")));
  });

  test("update: a stale version is refused with the record as saved now and the fields changed since", async () => {
    const snapshot = JSON.stringify({ name: "East Buyer" });
    const outcome = result(await callAs(people.repEast.id, () => customers.updateCustomerAction(null, formOf({ id: f.cEast, version: 1, snapshot, kind: "ENTERPRISE", name: "Stale", region: "East China" }))));
    expect(outcome).toMatchObject({ ok: false, message: "customers.errors.conflict", values: { name: "Stale" } });
    const conflict = outcome.conflict as { current: Record<string, string>; changes: { field: string; old: string | null; current: string | null }[] };
    expect(conflict.current.name).toBe("East Buyer Ltd");
    expect(conflict.changes).toEqual([{ field: "name", old: "East Buyer", current: "East Buyer Ltd" }]);
  });

  test("opt-out flags: anyone may record them, an agent too, one flag per save at the opt-out version", async () => {
    const dncVersion = async () => (await db.prisma.customer.findUniqueOrThrow({ where: { id: f.cWest } })).dncVersion;
    const v = await dncVersion();
    await expectOk(people.agent, () => customers.setDoNotContactAction(null, formOf({ id: f.cWest, version: v, change: "dncPhone:true" })));
    await expectOk(people.agent, async () => customers.setDoNotContactAction(null, formOf({ id: f.cWest, version: await dncVersion(), change: "dncSms:true" })));
    // A save at the version the first one replaced is refused, and names the flag that changed.
    const stale = result(await callAs(people.agent.id, () => customers.setDoNotContactAction(null, formOf({ id: f.cWest, version: v, snapshot: JSON.stringify({ dncPhone: "false" }), change: "dncEmail:true" }))));
    expect(stale).toMatchObject({ ok: false, message: "customers.errors.conflict" });
    expect((stale.conflict as { changes: { field: string }[] }).changes.map((c) => c.field)).toEqual(["dncPhone"]);
    // Anything but one flag's change is not from our form.
    const current = await dncVersion();
    expect(result(await callAs(people.agent.id, () => customers.setDoNotContactAction(null, formOf({ id: f.cWest, version: current, dncEmail: "on" }))))).toMatchObject({ ok: false, message: "errors.notAllowed" });
    expect(await db.prisma.customer.findUniqueOrThrow({ where: { id: f.cWest }, select: { dncPhone: true, dncEmail: true, dncMail: true, dncSms: true } })).toEqual({ dncPhone: true, dncEmail: false, dncMail: false, dncSms: true });
  });

  test("contacts: the owner adds one; another team's rep may not", async () => {
    await expectOk(people.repEast, () => contacts.saveContactAction(null, formOf({ customerId: f.cEast, name: "Bo Contact", email: "bo@example.com" })));
    expect(await db.prisma.contact.count({ where: { customerId: f.cEast, name: "Bo Contact" } })).toBe(1);
    const version = (await db.prisma.contact.findUniqueOrThrow({ where: { id: f.contactEast } })).version;
    await expectDenied(people.repWest, () => contacts.saveContactAction(null, formOf({ customerId: f.cEast, contactId: f.contactEast, version, name: "Renamed" })));
  });

  test("touchpoints: an agent logs a call on anyone's customer", async () => {
    await expectOk(people.agent, () => touchpoints.logTouchpointAction(null, formOf({ customerId: f.cWest, channel: "PHONE", direction: "INBOUND", summary: "Asked for a callback" })));
    expect(await db.prisma.touchpoint.count({ where: { customerId: f.cWest, summary: "Asked for a callback" } })).toBe(1);
  });

  test("bulk reassign: a manager within the team; a rep is refused", async () => {
    const outcome = await expectOk(people.managerEast, () => customers.bulkAction(null, formOf({ bulk: "assign", ids: [f.cMergeA], ownerId: people.repEast2.id })));
    expect(outcome).toMatchObject({ message: "customers.bulk.assigned", count: 1 });
    expect((await db.prisma.customer.findUniqueOrThrow({ where: { id: f.cMergeA } })).ownerId).toBe(people.repEast2.id);
    await expectDenied(people.repEast, () => customers.bulkAction(null, formOf({ bulk: "assign", ids: [f.cEast], ownerId: people.repEast.id })));
  });

  test("merge, delete and restore: managers and admins; reps are refused", async () => {
    const version = (await db.prisma.customer.findUniqueOrThrow({ where: { id: f.cMergeA } })).version;
    await expectDenied(people.repEast, () => customers.mergeCustomersAction(null, formOf({ survivorId: f.cMergeA, mergedId: f.cMergeB, survivorVersion: version })));
    await expectRedirect(people.managerEast, () => customers.mergeCustomersAction(null, formOf({ survivorId: f.cMergeA, mergedId: f.cMergeB, survivorVersion: version })), new RegExp(`^/customers/${f.cMergeA}\\?merged=${f.cMergeB}$`));
    expect((await db.prisma.customer.findUniqueOrThrow({ where: { id: f.cMergeB } })).mergedIntoId).toBe(f.cMergeA);

    const survivor = await db.prisma.customer.findUniqueOrThrow({ where: { id: f.cMergeA } });
    await expectDenied(people.repEast2, () => customers.deleteCustomerAction(null, formOf({ id: f.cMergeA, version: survivor.version })));
    await expectRedirect(people.admin, () => customers.deleteCustomerAction(null, formOf({ id: f.cMergeA, version: survivor.version })), /^\/customers\?deleted=1$/);
    expect((await db.prisma.customer.findUniqueOrThrow({ where: { id: f.cMergeA } })).deletedAt).not.toBeNull();

    await expectDenied(people.repEast, () => customers.restoreCustomerAction(null, formOf({ id: f.cDeleted })));
    expect(await expectOk(people.admin, () => customers.restoreCustomerAction(null, formOf({ id: f.cDeleted })))).toEqual({ ok: true, message: "customers.recycle.restored", id: f.cDeleted });
    expect((await db.prisma.customer.findUniqueOrThrow({ where: { id: f.cDeleted } })).deletedAt).toBeNull();
  });
});

describe("leads", () => {
  const lead = (id: number) => db.prisma.lead.findUniqueOrThrow({ where: { id } });

  test("create: reps and managers; agents are refused", async () => {
    const to = await expectRedirect(people.repEast, () => leads.createLeadAction(null, formOf({ name: "Fresh Lead", source: "Fair", ownerId: "" })), /^\/leads\/\d+$/);
    expect((await lead(idIn(to))).ownerId).toBe(people.repEast.id);
    await expectDenied(people.agent, () => leads.createLeadAction(null, formOf({ name: "Agent Lead", source: "Fair" })));
  });

  test("update and status: the owner; another team's rep and an agent are refused", async () => {
    await expectOk(people.repEast, async () => leads.updateLeadAction(null, formOf({ id: f.lEast, version: (await lead(f.lEast)).version, name: "East Lead 2", source: "Web" })));
    expect((await lead(f.lEast)).name).toBe("East Lead 2");
    await expectDenied(people.repWest, async () => leads.updateLeadAction(null, formOf({ id: f.lEast, version: (await lead(f.lEast)).version, name: "Taken", source: "Web" })));
    await expectOk(people.managerEast, async () => leads.changeLeadStatusAction(null, formOf({ id: f.lEast, version: (await lead(f.lEast)).version, status: "CONTACTED" })));
    expect((await lead(f.lEast)).status).toBe("CONTACTED");
    await expectDenied(people.agent, async () => leads.changeLeadStatusAction(null, formOf({ id: f.lEast, version: (await lead(f.lEast)).version, status: "CONTACTED" })));
  });

  test("assign: a manager within the team; another team's rep is refused", async () => {
    await expectOk(people.managerEast, async () => leads.assignLeadAction(null, formOf({ id: f.lEast, version: (await lead(f.lEast)).version, mode: "user", ownerId: people.repEast2.id })));
    expect((await lead(f.lEast)).ownerId).toBe(people.repEast2.id);
    await expectDenied(people.repWest, async () => leads.assignLeadAction(null, formOf({ id: f.lEast, version: (await lead(f.lEast)).version, mode: "user", ownerId: people.repWest.id })));
  });

  test("convert: the owner converts to a new customer and a deal; another team's rep is refused", async () => {
    const form = async (id: number) =>
      formOf({ id, version: (await lead(id)).version, customerMode: "new", confirmNew: "yes", kind: "GOVERNMENT", customerName: "Converted Co", region: "West China", opportunityName: "First deal", amount: "2500.50", expectedCloseDate: "2026-09-30" });
    await expectDenied(people.repEast, async () => leads.convertLeadAction(null, await form(f.lWest)));
    const to = await expectRedirect(people.repWest, async () => leads.convertLeadAction(null, await form(f.lWest)), /^\/opportunities\/\d+$/);
    expect((await db.prisma.opportunity.findUniqueOrThrow({ where: { id: idIn(to) } })).amount.toString()).toBe("2500.5");
    expect((await lead(f.lWest)).status).toBe("CONVERTED");
  });
});

describe("opportunities and quotes", () => {
  const deal = (id: number) => db.prisma.opportunity.findUniqueOrThrow({ where: { id } });
  const dealForm = (customerId: number, extra: object = {}) => formOf({ name: "Big Deal", customerId, amount: "10000.00", stage: "QUALIFICATION", probability: 20, expectedCloseDate: "2026-10-31", ...extra });

  test("create and update: the owner; an agent and another team's rep are refused", async () => {
    await expectRedirect(people.repEast, () => opportunities.createOpportunityAction(null, dealForm(f.cEast)), /^\/opportunities\/\d+$/);
    await expectDenied(people.agent, () => opportunities.createOpportunityAction(null, dealForm(f.cEast)));
    const version = (await deal(f.oEast)).version;
    expect(await expectOk(people.repEast, () => opportunities.updateOpportunityAction(null, dealForm(f.cEast, { id: f.oEast, version, name: "East Deal+" })))).toEqual({ ok: true, message: "opportunities.detail.saved", version: version + 1 });
    await expectDenied(people.repWest, () => opportunities.updateOpportunityAction(null, dealForm(f.cEast, { id: f.oEast, version: version + 1, name: "Stolen" })));
  });

  test("update: a stale save lists the fields someone else changed", async () => {
    const snapshot = JSON.stringify({ name: "East Deal" });
    const outcome = result(await callAs(people.repEast.id, () => opportunities.updateOpportunityAction(null, dealForm(f.cEast, { id: f.oEast, version: 1, snapshot }))));
    expect(outcome).toMatchObject({ ok: false, message: "opportunities.conflict.title" });
    expect((outcome.conflict as { changes: { field: string; current: unknown }[] }).changes).toContainEqual({ field: "name", old: "East Deal", current: "East Deal+" });
  });

  test("board move: the owner; an agent is refused; a lost deal needs its reason", async () => {
    const version = (await deal(f.oEast)).version;
    const moved = await expectOk(people.repEast, () => opportunities.moveStageAction({ id: f.oEast, version, stage: "NEGOTIATION" }));
    expect(moved.result).toMatchObject({ id: f.oEast, stage: "NEGOTIATION", version: version + 1 });
    await expectDenied(people.agent, () => opportunities.moveStageAction({ id: f.oEast, version: version + 1, stage: "PROPOSAL" }));
    expect(result(await callAs(people.repEast.id, () => opportunities.moveStageAction({ id: f.oEast, version: version + 1, stage: "LOST" })))).toMatchObject({
      ok: false,
      fieldErrors: { lostReason: "opportunities.validation.lostReason" },
    });
  });

  test("customer picker: suggestions for anyone who may read customers", async () => {
    const outcome = await expectOk(people.agent, () => opportunities.searchCustomersAction("West"));
    expect((outcome.customers as { id: number }[]).map((c) => c.id)).toContain(f.cWest);
  });

  test("quotes: the deal's owner saves, sends and wins; others are refused", async () => {
    const payload = { opportunityId: f.oEast, discountPct: "5", validUntil: "", notes: "", lines: [{ productId: String(f.product), quantity: "3", unitPrice: "19.99", discountPct: "" }] };
    const saved = await expectOk(people.repEast, () => quotes.saveQuoteAction(payload));
    expect((await db.prisma.quote.findUniqueOrThrow({ where: { id: saved.quoteId as number } })).total.toString()).toBe("56.97");
    await expectDenied(people.repWest, () => quotes.saveQuoteAction(payload));

    const draft = await db.prisma.quote.findUniqueOrThrow({ where: { id: f.draftQuote } });
    await expectDenied(people.agent, () => quotes.setQuoteStatusAction(null, formOf({ quoteId: draft.id, version: draft.version, status: "SENT" })));
    expect(await expectOk(people.repEast, () => quotes.setQuoteStatusAction(null, formOf({ quoteId: draft.id, version: draft.version, status: "SENT" })))).toMatchObject({ message: "quotes.statusChanged.SENT" });
    expect((await db.prisma.quote.findUniqueOrThrow({ where: { id: f.draftQuote } })).status).toBe("SENT");

    const accepted = await db.prisma.quote.findUniqueOrThrow({ where: { id: f.acceptedQuote } });
    await expectDenied(people.repWest, () => quotes.winFromQuoteAction(null, formOf({ quoteId: f.acceptedQuote, version: accepted.version })));
    const won = await expectOk(people.repEast, () => quotes.winFromQuoteAction(null, formOf({ quoteId: f.acceptedQuote, version: accepted.version })));
    expect(won).toMatchObject({ message: "quotes.won" });
    expect(await db.prisma.order.count({ where: { id: won.orderId as number } })).toBe(1);
  });
});

describe("partners, products, targets, settings", () => {
  test("partners and products: the admin; a manager and a rep are refused", async () => {
    const to = await expectRedirect(people.admin, () => partners.savePartnerAction(null, formOf({ name: "Gamma Channel", active: "on" })), /^\/partners\/\d+$/);
    expect(await db.prisma.partner.findUniqueOrThrow({ where: { id: idIn(to) }, select: { name: true, active: true } })).toEqual({ name: "Gamma Channel", active: true });
    await expectDenied(people.managerEast, () => partners.savePartnerAction(null, formOf({ name: "Delta Channel" })));
    await expectRedirect(people.admin, () => products.saveProductAction(null, formOf({ sku: "g-2", name: "Gizmo", categoryId: f.category, listPrice: "5.00", unitCost: "2.50", active: "on" })), /^\/products\?saved=1$/);
    expect(await db.prisma.product.count({ where: { sku: "G-2" } })).toBe(1);
    await expectDenied(people.repEast, () => products.saveProductAction(null, formOf({ sku: "X-1", name: "Nope", categoryId: f.category, listPrice: "5.00", unitCost: "2.50" })));
  });

  test("sales targets: a manager sets the team's reps; a rep is refused", async () => {
    const cell = `amount:user:${people.repEast.id}:2026-11`;
    const was = `was:user:${people.repEast.id}:2026-11`;
    expect(await expectOk(people.managerEast, () => salesTargets.saveSalesTargetsAction(null, formOf({ [cell]: "120000.00", [was]: "" })))).toEqual({ ok: true, message: "salesTargets.saved", changed: 1 });
    expect((await db.prisma.salesTarget.findFirstOrThrow({ where: { userId: people.repEast.id } })).amount.toString()).toBe("120000");
    await expectDenied(people.repEast, () => salesTargets.saveSalesTargetsAction(null, formOf({ [cell]: "1.00", [was]: "120000.00" })));
    expect(result(await callAs(people.managerEast.id, () => salesTargets.saveSalesTargetsAction(null, formOf({ [cell]: "12,34.567", [was]: "120000.00" }))))).toMatchObject({
      ok: false,
      fieldErrors: { [`amount:user:${people.repEast.id}:2026-11`]: "salesTargets.errors.amount" },
    });
  });

  test("analytics settings: the admin saves percent as fractions; a manager is refused", async () => {
    // Version 0: nothing stored yet, the settings are at their defaults.
    const settings = { ...ANALYTICS_SETTINGS_FORM, version: "0" };
    const saved = result(await callAs(people.admin.id, () => scores.saveAnalyticsSettingsAction(null, formOf(settings))));
    expect(saved).toEqual({ ok: true, message: "adminScores.settingsSaved" });
    const stored = (await db.prisma.setting.findFirstOrThrow({ where: { key: { contains: "analytics" } } })).value as { pyramid: { vip: number } };
    expect(stored.pyramid.vip).toBeCloseTo(0.01, 10);
    await expectDenied(people.managerEast, () => scores.saveAnalyticsSettingsAction(null, formOf(settings)));
    const blank = result(await callAs(people.admin.id, () => scores.saveAnalyticsSettingsAction(null, formOf({ ...settings, "pyramid.vip": "" }))));
    expect(blank).toMatchObject({ ok: false, message: "validation.fix", fieldErrors: { "pyramid.vip": "validation.number" }, values: { "pyramid.vip": "" } });
  });

  test("score recompute: refused to a manager, started (and audited) for the admin", async () => {
    await expectDenied(people.managerEast, () => scores.recomputeScoresAction(null, formOf({ history: "0" })));
    const auditFrom = await lastAuditId(db);
    expect(result(await callAs(people.admin.id, () => scores.recomputeScoresAction(null, formOf({ history: "0" }))))).toEqual({ ok: true, message: "adminScores.started" });
    expect((await auditSince(db, auditFrom)).map((r) => r.action)).toContain("RECOMPUTE_START");
    // The job runs on in the background: let it finish before the database closes.
    for (let i = 0; i < 200; i++) {
      const status = await db.prisma.setting.findMany({ where: { key: { contains: "score" } } });
      if (!status.some((s) => (s.value as { state?: string }).state === "running")) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
});

describe("tasks and calendar", () => {
  test("tasks: a rep creates and completes their own; another team's rep is refused", async () => {
    await expectRedirect(people.repEast, () => tasks.saveTaskAction(null, formOf({ title: "Call back", dueAt: "2026-06-21T08:00:00.000Z" })), /^\/tasks\?saved=1$/);
    expect(await db.prisma.task.count({ where: { ownerId: people.repEast.id, title: "Call back" } })).toBe(1);
    const west = await db.prisma.task.findUniqueOrThrow({ where: { id: f.tWest } });
    await expectDenied(people.repEast, () => tasks.saveTaskAction(null, formOf({ id: f.tWest, version: west.version, title: "Mine now", dueAt: "2026-06-21T08:00:00.000Z" })));
    expect(await expectOk(people.repEast, () => tasks.setTaskDoneAction(null, formOf({ id: f.tEast, done: "yes" })))).toEqual({ ok: true, message: "tasks.completed" });
    expect((await db.prisma.task.findUniqueOrThrow({ where: { id: f.tEast } })).status).toBe("DONE");
    await expectDenied(people.repEast, () => tasks.setTaskDoneAction(null, formOf({ id: f.tWest, done: "yes" })));
  });

  test("a task version that is not a version is refused, not a 500", async () => {
    const outcome = result(await callAs(people.repEast.id, () => tasks.saveTaskAction(null, formOf({ id: f.tEast, version: "yesterday", title: "x", dueAt: "2026-06-21T08:00:00.000Z" }))));
    expect(outcome).toMatchObject({ ok: false, message: "errors.notAllowed" });
  });

  test("appointments: a rep books and completes their own; another team's rep is refused", async () => {
    await expectRedirect(
      people.repEast,
      () => appointments.saveAppointmentAction(null, formOf({ title: "Demo", start: "2026-06-22T10:00", end: "2026-06-22T11:00", timeZone: "Asia/Shanghai", attendeeIds: [people.repEast2.id] })),
      /^\/calendar\?view=week&date=2026-06-22&saved=1$/,
    );
    const booked = await db.prisma.appointment.findFirstOrThrow({ where: { title: "Demo" }, include: { attendees: true } });
    expect(booked.attendees.map((a) => a.userId)).toEqual([people.repEast2.id]);
    const west = await db.prisma.appointment.findUniqueOrThrow({ where: { id: f.aWest } });
    await expectDenied(people.repEast, () =>
      appointments.saveAppointmentAction(null, formOf({ id: f.aWest, version: west.version, title: "Moved", start: "2026-06-23T10:00", end: "2026-06-23T11:00", timeZone: "Asia/Shanghai" })),
    );
    expect(await expectOk(people.repEast, () => appointments.completeAppointmentAction(null, formOf({ id: f.aEast })))).toEqual({ ok: true, message: "calendar.completed" });
    await expectDenied(people.repEast, () => appointments.completeAppointmentAction(null, formOf({ id: f.aWest })));
  });
});

describe("the search and the language of a signed-in user", () => {
  test("search answers hits the user may read; the language is remembered on the profile", async () => {
    const outcome = await expectOk(people.repEast, () => search.globalSearchAction("East Buyer"));
    expect((outcome.hits as { id: number }[]).map((h) => h.id)).toContain(f.cEast);
    await expectOk(people.repWest, () => locale.setLocaleAction({ locale: "zh-CN" }));
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: people.repWest.id } })).locale).toBe("zh-CN");
  });
});

describe("bad input answers a field error or a refusal, never a 500", () => {
  test.each([
    ["a contact id beyond int32", () => contacts.saveContactAction(null, formOf({ customerId: 1, contactId: "99999999999", version: 1, name: "X" }))],
    ["a contact edit without its version", () => contacts.saveContactAction(null, formOf({ customerId: 1, contactId: "1", name: "X" }))],
    ["a quote edit without its version", () => quotes.saveQuoteAction({ opportunityId: 1, quoteId: 1, discountPct: "0", validUntil: "", notes: "", lines: [{ productId: "1", quantity: "1", unitPrice: "1", discountPct: "0" }] })],
    ["a partner id that is not a number", () => partners.savePartnerAction(null, formOf({ id: "abc", name: "P" }))],
    ["a product version that is not a number", () => products.saveProductAction(null, formOf({ id: "1", version: "soon", sku: "A", name: "A", categoryId: "1", listPrice: "1", unitCost: "1" }))],
    ["a customer id beyond int32", () => customers.updateCustomerAction(null, formOf({ id: "99999999999", version: "1", kind: "ENTERPRISE", name: "A", region: "R" }))],
    ["a board move of a deal beyond int32", () => opportunities.moveStageAction({ id: 99999999999, version: 1, stage: "WON" })],
    ["a task id beyond int32", () => tasks.setTaskDoneAction(null, formOf({ id: "99999999999", done: "yes" }))],
  ])("%s", async (_label, call) => {
    const before = await businessFingerprint(db);
    const outcome = await callAs(people.admin.id, call);
    expect(result(outcome)).toMatchObject({ ok: false, message: "errors.notAllowed" });
    expect(await businessFingerprint(db)).toEqual(before);
  });

  test.each([
    ["an owner beyond int32", () => leads.createLeadAction(null, formOf({ name: "L", source: "S", ownerId: "99999999999" })), "ownerId"],
    ["a customer beyond int32 on a new deal", () => opportunities.createOpportunityAction(null, formOf({ name: "D", customerId: "99999999999", amount: "1", stage: "PROSPECTING", probability: "10", expectedCloseDate: "2026-10-01" })), "customerId"],
    ["a product beyond int32 on a quote line", () => quotes.saveQuoteAction({ opportunityId: 1, discountPct: "0", validUntil: "", notes: "", lines: [{ productId: "99999999999", quantity: "1", unitPrice: "1", discountPct: "0" }] }), "lines.0.productId"],
    ["an invalid date on a task", () => tasks.saveTaskAction(null, formOf({ title: "T", dueAt: "2026-02-31T25:00" })), "dueAt"],
  ])("%s is a field error", async (_label, call, field) => {
    const outcome = result(await callAs(people.admin.id, call));
    expect(outcome.ok).toBe(false);
    expect(outcome.fieldErrors?.[field]).toBeTruthy();
  });
});

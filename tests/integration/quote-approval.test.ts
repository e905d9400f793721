import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import type { Actor } from "@/lib/platform/auth/permissions";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { createOpportunity } from "@/lib/opportunities/mutations";
import { opportunityInputSchema } from "@/lib/opportunities/schema";
import * as quotes from "@/lib/quotes/actions";
import { approveQuoteDiscount, createQuote, getQuote, QuoteApprovalRequiredError, type QuoteDto, setQuoteStatus, updateQuote } from "@/lib/quotes/mutations";
import { quoteInputSchema } from "@/lib/quotes/schema";
import { getGeneralSettingsForEdit, saveSettingGroup } from "@/lib/settings/mutations";
import { callAs, formOf } from "../support/actions";
import { HOUR_MS, TEST_NOW } from "../support/clock";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * Discount approval (PERMISSIONS.md "quote: approve a discount above the approval threshold"): a
 * draft whose quote or line discount is above the company threshold is sent only once a manager of
 * the deal owner's team (or an admin) approved it; an edit withdraws the approval.
 */

// The actions revalidate pages and read cookies: Next's request store does not exist in a test.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, set: () => undefined }), headers: async () => new Headers() }));

let db: TestDatabase;
let people: People;
let managerWest: Actor;
let customerId: number;
let widget: number;

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  const west = await db.prisma.user.findUniqueOrThrow({ where: { id: people.repWest.id }, select: { teamId: true } });
  const mw = await db.prisma.user.create({ data: { email: "manager.west@test.local", name: "manager.west", role: "MANAGER", teamId: west.teamId, passwordHash: "x" } });
  managerWest = { id: mw.id, role: mw.role, teamId: mw.teamId };
  customerId = (await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Discount Buyer", region: "East China", ownerId: people.repEast.id } })).id;
  const cat = await db.prisma.productCategory.create({ data: { name: "Hardware" } });
  widget = (await db.prisma.product.create({ data: { sku: "W-1", name: "Widget", categoryId: cat.id, listPrice: "100.00", unitCost: "50.00" } })).id;
});
afterAll(() => db.close());
// Each test starts at the default threshold (20 %): no Setting row.
afterEach(async () => {
  resetClock();
  await db.prisma.setting.deleteMany({ where: { key: "quotes" } });
});

const input = (header: string, line = "0", notes = "") =>
  quoteInputSchema.parse({ discountPct: header, notes, lines: [{ productId: String(widget), quantity: "2", unitPrice: "100.00", discountPct: line }] });

async function draft(header: string, line = "0"): Promise<QuoteDto> {
  const deal = await createOpportunity(
    people.repEast,
    opportunityInputSchema.parse({ name: `Deal ${header}/${line}`, customerId: String(customerId), amount: "200", stage: "PROPOSAL", probability: "50", expectedCloseDate: "2026-12-31" }),
  );
  return createQuote(people.repEast, deal.id, input(header, line));
}

// Approvals pinned to one instant, so the tests can name it.
const APPROVED_AT = new Date(TEST_NOW.getTime() + HOUR_MS);

const stored = (id: number) => db.prisma.quote.findUniqueOrThrow({ where: { id }, select: { status: true, version: true, approvedById: true, approvedAt: true } });
const denials = (actor: Actor, quoteId: number) => db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Quote", entityId: String(quoteId), userId: actor.id } });

describe("which quotes need approval", () => {
  test("a discount exactly at the 20 % threshold does not; 20.01 % on the quote or on a line does", async () => {
    const at = await draft("20.00", "20.00");
    expect(at).toMatchObject({ needsApproval: false, approvalThresholdPct: "20.00", approvedBy: null, approvedAt: null });
    const header = await draft("20.01");
    const line = await draft("0", "20.01");
    expect(header.needsApproval).toBe(true);
    expect(line.needsApproval).toBe(true);
    // Within the threshold the rep sends it as before.
    await expect(setQuoteStatus(people.repEast, at.id, at.version, "SENT")).resolves.toMatchObject({ status: "SENT" });
  });

  test("who may approve, as the quote page is told (policy quote.approveDiscount: all / team / none / none)", async () => {
    const q = await draft("25");
    expect((await getQuote(people.repEast, q.id))!.can.approve).toBe(false);
    expect((await getQuote(people.managerEast, q.id))!.can.approve).toBe(true);
    expect((await getQuote(people.admin, q.id))!.can.approve).toBe(true);
  });
});

describe("sending waits for the approval", () => {
  test("DRAFT → SENT is refused with the threshold named, and nothing changes", async () => {
    const q = await draft("25");
    const refused = await setQuoteStatus(people.repEast, q.id, q.version, "SENT").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QuoteApprovalRequiredError);
    expect(refused).toBeInstanceOf(RuleError);
    expect(refused).toMatchObject({ message: "quotes.errors.approvalRequired", thresholdPct: "20.00" });
    expect(await stored(q.id)).toMatchObject({ status: "DRAFT", version: q.version, approvedById: null });
    // The team's manager could send it no more than the rep: approval is its own step.
    await expect(setQuoteStatus(people.managerEast, q.id, q.version, "SENT")).rejects.toMatchObject({ message: "quotes.errors.approvalRequired" });
  });

  test("the team's manager approves; the rep then sends it, and the approval stays on the sent quote", async () => {
    const q = await draft("0", "30");
    fixClock(APPROVED_AT);
    const approved = await approveQuoteDiscount(people.managerEast, q.id, q.version);
    expect(approved).toMatchObject({ version: q.version + 1, approvedBy: "manager.east", approvedAt: APPROVED_AT, needsApproval: true });
    expect(await stored(q.id)).toMatchObject({ approvedById: people.managerEast.id, approvedAt: APPROVED_AT });
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "UPDATE", entity: "Quote", entityId: String(q.id), userId: people.managerEast.id } });
    expect(audit.changes).toMatchObject({ approvedById: { from: null, to: people.managerEast.id }, approvedAt: { from: null, to: APPROVED_AT.toISOString() } });
    const sent = await setQuoteStatus(people.repEast, q.id, approved.version, "SENT");
    expect(sent).toMatchObject({ status: "SENT", approvedBy: "manager.east" });
  });

  test("an admin approves any team's quote", async () => {
    const q = await draft("40");
    await expect(approveQuoteDiscount(people.admin, q.id, q.version)).resolves.toMatchObject({ approvedBy: "admin" });
  });
});

describe("who may not approve", () => {
  test("a manager of another team is refused, and the refusal is audited", async () => {
    const q = await draft("25");
    await expect(approveQuoteDiscount(managerWest, q.id, q.version)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await denials(managerWest, q.id)).toBe(1);
    expect(await stored(q.id)).toMatchObject({ version: q.version, approvedById: null, approvedAt: null });
  });

  test("a rep cannot approve, not even their own quote; nor a teammate or a service agent", async () => {
    const q = await draft("25");
    for (const actor of [people.repEast, people.repEast2, people.agent]) {
      await expect(approveQuoteDiscount(actor, q.id, q.version)).rejects.toBeInstanceOf(NotAllowedError);
      expect(await denials(actor, q.id)).toBe(1);
    }
    expect(await stored(q.id)).toMatchObject({ version: q.version, approvedById: null });
  });

  test("only a draft that needs approval and has none can be approved", async () => {
    const within = await draft("10");
    await expect(approveQuoteDiscount(people.managerEast, within.id, within.version)).rejects.toMatchObject({ message: "quotes.errors.approval.notNeeded" });
    const q = await draft("25");
    const approved = await approveQuoteDiscount(people.managerEast, q.id, q.version);
    await expect(approveQuoteDiscount(people.admin, q.id, approved.version)).rejects.toMatchObject({ message: "quotes.errors.approval.alreadyApproved" });
    const sent = await setQuoteStatus(people.repEast, q.id, approved.version, "SENT");
    await expect(approveQuoteDiscount(people.managerEast, q.id, sent.version)).rejects.toMatchObject({ message: "quotes.errors.approval.notDraft" });
    expect(await stored(q.id)).toMatchObject({ approvedById: people.managerEast.id, version: sent.version });
  });
});

describe("an edit withdraws the approval", () => {
  test("the rep's edit clears it (audited with the update) and the quote waits for a new approval", async () => {
    const q = await draft("25");
    fixClock(APPROVED_AT);
    const approved = await approveQuoteDiscount(people.managerEast, q.id, q.version);
    resetClock();
    const edited = await updateQuote(people.repEast, q.id, approved.version, input("25", "0", "Raised the quantity"));
    expect(edited).toMatchObject({ approvedBy: null, approvedAt: null, needsApproval: true, version: approved.version + 1 });
    expect(await stored(q.id)).toMatchObject({ approvedById: null, approvedAt: null });
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "UPDATE", entity: "Quote", entityId: String(q.id), userId: people.repEast.id }, orderBy: { id: "desc" } });
    expect(audit.changes).toMatchObject({ approvedById: { from: people.managerEast.id, to: null }, approvedAt: { from: APPROVED_AT.toISOString(), to: null } });
    await expect(setQuoteStatus(people.repEast, q.id, edited.version, "SENT")).rejects.toBeInstanceOf(QuoteApprovalRequiredError);
    const again = await approveQuoteDiscount(people.managerEast, q.id, edited.version);
    await expect(setQuoteStatus(people.repEast, q.id, again.version, "SENT")).resolves.toMatchObject({ status: "SENT" });
  });
});

describe("the threshold is the company setting", () => {
  test("raised to 30 % through the settings, a 25 % quote needs no approval and is sent", async () => {
    const q = await draft("25");
    const current = await getGeneralSettingsForEdit(people.admin);
    await saveSettingGroup(people.admin, "quotes", { discountApprovalPct: "30" }, current.quotes.version);
    const read = (await getQuote(people.repEast, q.id))!;
    expect(read).toMatchObject({ needsApproval: false, approvalThresholdPct: "30.00" });
    await expect(setQuoteStatus(people.repEast, q.id, read.version, "SENT")).resolves.toMatchObject({ status: "SENT" });
  });

  test("lowered to 12.5 % in the Setting row, a 12.51 % line needs approval and 12.50 % does not", async () => {
    await db.prisma.setting.create({ data: { key: "quotes", value: { discountApprovalPct: "12.50" } } });
    const above = await draft("0", "12.51");
    const at = await draft("12.50");
    expect(above).toMatchObject({ needsApproval: true, approvalThresholdPct: "12.50" });
    expect(at.needsApproval).toBe(false);
    await expect(setQuoteStatus(people.repEast, above.id, above.version, "SENT")).rejects.toMatchObject({ thresholdPct: "12.50" });
  });
});

describe("versions", () => {
  test("an approval of a draft edited meanwhile is refused as a conflict, and nothing is approved", async () => {
    const q = await draft("25");
    await updateQuote(people.repEast, q.id, q.version, input("35"));
    const conflict = await approveQuoteDiscount(people.managerEast, q.id, { version: q.version, seen: q.snapshot }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((conflict as ConflictError).toView().changes).toEqual(expect.arrayContaining([{ field: "discountPct", old: "25.00", current: "35.00" }]));
    expect(await stored(q.id)).toMatchObject({ approvedById: null, version: q.version + 1 });
  });

  test("a send at the version before the approval is a conflict that names the approval", async () => {
    const q = await draft("25");
    await approveQuoteDiscount(people.managerEast, q.id, q.version);
    const conflict = await setQuoteStatus(people.repEast, q.id, { version: q.version, seen: q.snapshot }, "SENT").catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((conflict as ConflictError).toView().changes).toEqual([{ field: "approval", old: null, current: "manager.east" }]);
    expect((await stored(q.id)).status).toBe("DRAFT");
  });

  test("two approvers at once: one approval is stored, the other is refused", async () => {
    const q = await draft("25");
    const results = await Promise.allSettled([approveQuoteDiscount(people.managerEast, q.id, q.version), approveQuoteDiscount(people.admin, q.id, q.version)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toBeInstanceOf(ConflictError);
    expect(await stored(q.id)).toMatchObject({ version: q.version + 1 });
    expect(await db.prisma.auditLog.count({ where: { action: "UPDATE", entity: "Quote", entityId: String(q.id) } })).toBe(1);
  });
});

describe("the actions", () => {
  test("quotes.approveDiscount approves as the team's manager; quotes.setStatus answers a missing approval with the threshold", async () => {
    const q = await draft("25");
    const refused = await callAs(people.repEast.id, () => quotes.setQuoteStatusAction(null, formOf({ quoteId: q.id, version: q.version, status: "SENT" })));
    expect(refused).toEqual({ kind: "result", result: { ok: false, fieldErrors: {}, message: "quotes.errors.approvalRequired", thresholdPct: "20.00", values: expect.any(Object) } });
    const byRep = await callAs(people.repEast.id, () => quotes.approveQuoteDiscountAction(null, formOf({ quoteId: q.id, version: q.version })));
    expect(byRep).toMatchObject({ kind: "result", result: { ok: false, message: "errors.notAllowed" } });
    const byManager = await callAs(people.managerEast.id, () => quotes.approveQuoteDiscountAction(null, formOf({ quoteId: q.id, version: q.version, snapshot: JSON.stringify(q.snapshot) })));
    expect(byManager).toMatchObject({ kind: "result", result: { ok: true, message: "quotes.approval.approved", opportunityId: q.opportunityId } });
    expect((await stored(q.id)).approvedById).toBe(people.managerEast.id);
  });
});

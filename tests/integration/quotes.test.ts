import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getCustomer360Sections } from "@/lib/customers/customer-360-sections";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import { createOpportunity, type OpportunityDto } from "@/lib/opportunities/mutations";
import { createQuote, getQuote, listQuoteProducts, setQuoteStatus, updateQuote, winFromQuote } from "@/lib/quotes/mutations";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { opportunityInputSchema } from "@/lib/opportunities/schema";
import { quoteInputSchema } from "@/lib/quotes/schema";
import { HOUR_MS, TEST_NOW } from "../support/clock";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;
let customerId: number;
let widget: number;
let gadget: number;

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  customerId = (await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Quote Customer", region: "East China", ownerId: people.repEast.id } })).id;
  const cat = await db.prisma.productCategory.create({ data: { name: "Hardware" } });
  widget = (await db.prisma.product.create({ data: { sku: "W-1", name: "Widget", categoryId: cat.id, listPrice: "19.99", unitCost: "12.00" } })).id;
  gadget = (await db.prisma.product.create({ data: { sku: "G-1", name: "Gadget", categoryId: cat.id, listPrice: "49.99", unitCost: "30.00" } })).id;
  await db.prisma.product.create({ data: { sku: "OLD", name: "Retired", categoryId: cat.id, listPrice: "1.00", unitCost: "1.00", active: false } });
});
afterAll(() => db.close());

const newDeal = (actor = people.repEast, name = "Quoted deal"): Promise<OpportunityDto> =>
  createOpportunity(
    actor,
    opportunityInputSchema.parse({ name, customerId: String(customerId), amount: "100", stage: "PROPOSAL", probability: "50", expectedCloseDate: "2026-12-31" }),
  );

const twoLines = () =>
  quoteInputSchema.parse({
    discountPct: "7.5",
    lines: [
      { productId: String(widget), quantity: "3", unitPrice: "19.99", discountPct: "" },
      { productId: String(gadget), quantity: "1", unitPrice: "49.99", discountPct: "10" },
    ],
  });

async function accepted(actor = people.repEast, name?: string) {
  const deal = await newDeal(actor, name);
  const q = await createQuote(actor, deal.id, twoLines());
  const sent = await setQuoteStatus(actor, q.id, q.version, "SENT");
  const acc = await setQuoteStatus(actor, q.id, sent.version, "ACCEPTED");
  return { deal, quote: acc };
}

describe("quotes", () => {
  test("the price list has active products only", async () => {
    expect((await listQuoteProducts(people.repEast)).map((p) => p.sku)).toEqual(["G-1", "W-1"]);
  });

  test("3 × 19.99 with a 7.5 % quote discount totals 55.47 exactly", async () => {
    const deal = await newDeal();
    const q = await createQuote(people.repEast, deal.id, quoteInputSchema.parse({ discountPct: "7.5", lines: [{ productId: String(widget), quantity: "3", unitPrice: "19.99", discountPct: "0" }] }));
    expect(q).toMatchObject({ status: "DRAFT", subtotal: "59.97", total: "55.47", discountPct: "7.50" });
    expect(q.lines).toMatchObject([{ quantity: 3, unitPrice: "19.99", lineTotal: "59.97" }]);
    expect(await db.prisma.auditLog.count({ where: { entity: "Quote", entityId: String(q.id), action: "CREATE" } })).toBe(1);
  });

  test("two lines with line and quote discounts: lines rounded first, then the quote discount", async () => {
    const deal = await newDeal();
    const q = await createQuote(people.repEast, deal.id, twoLines());
    // 59.97 + 44.99 (49.99 × 0.9 = 44.991) = 104.96; × 0.925 = 97.088 → 97.09
    expect(q.lines.map((l) => l.lineTotal)).toEqual(["59.97", "44.99"]);
    expect(q).toMatchObject({ subtotal: "104.96", total: "97.09" });
  });

  test("a draft is edited with its version; a sent quote is frozen; statuses follow DRAFT → SENT → ACCEPTED/REJECTED", async () => {
    const deal = await newDeal();
    const q = await createQuote(people.repEast, deal.id, twoLines());
    const edited = await updateQuote(people.repEast, q.id, q.version, quoteInputSchema.parse({ discountPct: "0", lines: [{ productId: String(gadget), quantity: "2", unitPrice: "45.00", discountPct: "0" }] }));
    expect(edited).toMatchObject({ total: "90.00", version: q.version + 1 });
    expect(edited.lines).toHaveLength(1);
    await expect(updateQuote(people.repEast, q.id, q.version, twoLines())).rejects.toBeInstanceOf(ConflictError);
    await expect(setQuoteStatus(people.repEast, q.id, edited.version, "ACCEPTED")).rejects.toMatchObject({ message: "quotes.errors.transition" });
    const sent = await setQuoteStatus(people.repEast, q.id, edited.version, "SENT");
    await expect(updateQuote(people.repEast, q.id, sent.version, twoLines())).rejects.toMatchObject({ message: "quotes.errors.notDraft" });
    const rejected = await setQuoteStatus(people.repEast, q.id, sent.version, "REJECTED");
    expect(rejected.status).toBe("REJECTED");
  });

  test("inactive products and other reps' deals are refused", async () => {
    const deal = await newDeal();
    const retired = await db.prisma.product.findFirstOrThrow({ where: { sku: "OLD" } });
    await expect(createQuote(people.repEast, deal.id, quoteInputSchema.parse({ discountPct: "0", lines: [{ productId: String(retired.id), quantity: "1", unitPrice: "1", discountPct: "0" }] }))).rejects.toBeInstanceOf(RuleError);
    await expect(createQuote(people.repEast2, deal.id, twoLines())).rejects.toBeInstanceOf(NotAllowedError);
    expect(await getQuote(people.repWest, (await createQuote(people.repEast, deal.id, twoLines())).id)).toBeNull();
  });
});

describe("won from an accepted quote", () => {
  test("creates the order and lines with exact totals and margin, sets the deal WON at the quote total, and refuses a second time", async () => {
    const { deal, quote } = await accepted();
    const spentBefore = (await db.prisma.customer.findUniqueOrThrow({ where: { id: customerId } })).totalSpend;
    const wonAt = new Date(TEST_NOW.getTime() + HOUR_MS);
    fixClock(wonAt);
    const result = await winFromQuote(people.repEast, quote.id, quote.version).finally(resetClock);
    // The sale counts in the customer's purchase totals at once, dated when it was won.
    const buyer = await db.prisma.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect(buyer.totalSpend.minus(spentBefore).toFixed(2)).toBe("97.09");
    expect(buyer.lastPurchaseAt).toEqual(wonAt);
    // cost: 3 × 12.00 + 1 × 30.00 = 66.00; margin 97.09 − 66.00 = 31.09
    expect(result).toMatchObject({ opportunityId: deal.id, total: "97.09", margin: "31.09" });
    const order = await db.prisma.order.findUniqueOrThrow({ where: { id: result.orderId }, include: { lines: { orderBy: { id: "asc" } } } });
    expect(order).toMatchObject({ customerId, opportunityId: deal.id, createdById: people.repEast.id, status: "COMPLETED" });
    expect(order.total.toFixed(2)).toBe("97.09");
    expect(order.margin.toFixed(2)).toBe("31.09");
    expect(order.lines.map((l) => [l.productId, l.quantity, l.unitPrice.toFixed(2), l.discount.toFixed(2), l.lineTotal.toFixed(2), l.lineCost.toFixed(2)])).toEqual([
      // the 7.87 quote discount spread by line share (4.49 + 3.37, the spare cent to the larger line);
      // discount is money: gross minus the line's share of the total
      [widget, 3, "19.99", "4.50", "55.47", "36.00"],
      [gadget, 1, "49.99", "8.37", "41.62", "30.00"],
    ]);
    expect(order.lines.reduce((s, l) => s + Math.round(Number(l.lineTotal.toFixed(2)) * 100), 0)).toBe(9709);
    const opp = await db.prisma.opportunity.findUniqueOrThrow({ where: { id: deal.id } });
    expect(opp).toMatchObject({ stage: "WON", probability: 100, version: deal.version + 1 });
    expect(opp.amount.toFixed(2)).toBe("97.09");
    expect(opp.closedAt).not.toBeNull();
    expect(await db.prisma.opportunityStageChange.findFirst({ where: { opportunityId: deal.id, toStage: "WON" } })).toMatchObject({ fromStage: "PROPOSAL", changedById: people.repEast.id });
    expect(await db.prisma.auditLog.count({ where: { entity: "Order", entityId: String(result.orderId), action: "CREATE" } })).toBe(1);
    await expect(winFromQuote(people.repEast, quote.id, quote.version)).rejects.toMatchObject({ message: "quotes.errors.alreadyOrdered" });
    expect(await db.prisma.order.count({ where: { opportunityId: deal.id } })).toBe(1);
    // The customer's 360 page reads it.
    const sections = await getCustomer360Sections(people.repEast, customerId, { ownerId: people.repEast.id, ownerTeamId: people.repEast.teamId });
    expect(sections.orders.recent.map((o) => o.id)).toContain(result.orderId);
  });

  test("needs an ACCEPTED quote", async () => {
    const deal = await newDeal();
    const q = await createQuote(people.repEast, deal.id, twoLines());
    await expect(winFromQuote(people.repEast, q.id, q.version)).rejects.toMatchObject({ message: "quotes.errors.notAccepted" });
    expect((await db.prisma.opportunity.findUniqueOrThrow({ where: { id: deal.id } })).stage).toBe("PROPOSAL");
  });

  test("permission order.createFromQuote: another rep is refused and audited; the team's manager may", async () => {
    const { deal, quote } = await accepted(people.repEast, "Manager wins it");
    await expect(winFromQuote(people.repEast2, quote.id, quote.version)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Order", userId: people.repEast2.id } })).toBe(1);
    await expect(winFromQuote(people.repWest, quote.id, quote.version)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.order.count({ where: { opportunityId: deal.id } })).toBe(0);
    await expect(winFromQuote(people.managerEast, quote.id, quote.version)).resolves.toMatchObject({ opportunityId: deal.id });
  });

  test("atomic: a failure while writing the order lines leaves the opportunity, its history and orders unchanged", async () => {
    const { deal, quote } = await accepted(people.repEast, "Atomic deal");
    const before = await db.prisma.opportunity.findUniqueOrThrow({ where: { id: deal.id } });
    const history = await db.prisma.opportunityStageChange.count({ where: { opportunityId: deal.id } });
    // A trigger that fails the order-line insert, after the deal and the order itself were written.
    await db.sql.exec(`
      CREATE FUNCTION fail_order_line() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER fail_order_line BEFORE INSERT ON "OrderLine" FOR EACH ROW EXECUTE FUNCTION fail_order_line();`);
    try {
      await expect(winFromQuote(people.repEast, quote.id, quote.version)).rejects.toThrow();
    } finally {
      await db.sql.exec(`DROP TRIGGER fail_order_line ON "OrderLine"; DROP FUNCTION fail_order_line();`);
    }
    const after = await db.prisma.opportunityStageChange.count({ where: { opportunityId: deal.id } });
    expect(after).toBe(history);
    expect(await db.prisma.opportunity.findUniqueOrThrow({ where: { id: deal.id } })).toEqual(before);
    expect(await db.prisma.order.count({ where: { opportunityId: deal.id } })).toBe(0);
    // And it works once the fault is gone.
    await expect(winFromQuote(people.repEast, quote.id, quote.version)).resolves.toMatchObject({ total: "97.09" });
  });
});

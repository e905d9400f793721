import "server-only";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { formatBasisPoints, formatCents, parseBasisPoints, parseCents } from "@/lib/platform/money";
import { canTransition } from "@/lib/quotes/rules/quote-status";
import { approvalRefusal, blockedForApproval, needsDiscountApproval } from "@/lib/quotes/rules/quote-approval";
import { readDiscountApprovalThreshold } from "@/lib/settings/queries";
import { orderLinesFromQuote, quoteTotals } from "@/lib/quotes/rules/quote-totals";
import { stageEffects } from "@/lib/opportunities/rules/stage-rules";
import { Prisma } from "@/lib/generated/prisma/client";
import type { QuoteStatus } from "@/lib/generated/prisma/enums";
import { now as clockNow } from "@/lib/platform/clock";
import { checkVersion, type Expected, type Snapshot, type VersionedRecord, writeAtVersion } from "@/lib/platform/concurrency";
import type { QuoteInput } from "@/lib/quotes/schema";
import { writeAudit } from "@/lib/platform/audit";
import { db, transaction, type Tx } from "@/lib/platform/db/prisma";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { versionedOpportunity } from "@/lib/opportunities/queries";
import { authorize, logReadDenied } from "@/lib/platform/auth/guard";

const cents = (d: Prisma.Decimal) => parseCents(d.toFixed(2))!;
const bp = (d: Prisma.Decimal) => parseBasisPoints(d.toFixed(2))!;

export type QuoteProduct = { id: number; sku: string; name: string; listPrice: string };

/** The price list a quote picks from: active products with their list price. */
export async function listQuoteProducts(actor: Actor): Promise<QuoteProduct[]> {
  if (!can(actor, "product.read")) return [];
  const rows = await (await db()).product.findMany({ where: { active: true }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, sku: true, name: true, listPrice: true } });
  return rows.map((r) => ({ ...r, listPrice: r.listPrice.toFixed(2) }));
}

export type QuoteDto = {
  id: number;
  opportunityId: number;
  opportunityName: string;
  customer: { id: number; name: string };
  status: QuoteStatus;
  discountPct: string;
  subtotal: string;
  total: string;
  validUntil: string | null;
  notes: string | null;
  acceptedAt: Date | null;
  version: number;
  /** The quote as its editor and status buttons show it at `version`: posted back to explain a conflict. */
  snapshot: Snapshot;
  createdAt: Date;
  lines: { id: number; productId: number; productName: string; sku: string; quantity: number; unitPrice: string; discountPct: string; lineTotal: string }[];
  orderId: number | null;
  /** A discount above the company threshold (`approvalThresholdPct`) waits for a manager's approval before it is sent. */
  needsApproval: boolean;
  approvalThresholdPct: string;
  approvedBy: string | null;
  approvedAt: Date | null;
  can: { edit: boolean; winFromQuote: boolean; approve: boolean };
};

/** The company's discount approval threshold (setting quotes.discountApprovalPct), as text and in basis points. */
export type ApprovalThreshold = { pct: string; bp: bigint };

/** Read before a transaction is opened: a settings read inside a PGlite transaction would wait for it. */
async function approvalThreshold(): Promise<ApprovalThreshold> {
  const t = await readDiscountApprovalThreshold();
  return { pct: t.discountApprovalPct, bp: BigInt(t.basisPoints) };
}

/** Sending a draft whose discount waits for approval; the form shows the threshold it was refused at. */
export class QuoteApprovalRequiredError extends RuleError {
  constructor(readonly thresholdPct: string) {
    super("quotes.errors.approvalRequired");
    this.name = "QuoteApprovalRequiredError";
  }
}

const QUOTE_SELECT = {
  id: true,
  opportunityId: true,
  status: true,
  discountPct: true,
  subtotal: true,
  total: true,
  validUntil: true,
  notes: true,
  acceptedAt: true,
  approvedById: true,
  approvedAt: true,
  approvedBy: { select: { name: true } },
  version: true,
  createdAt: true,
  opportunity: { select: { id: true, name: true, stage: true, ownerId: true, owner: { select: { teamId: true } }, customer: { select: { id: true, name: true } }, order: { select: { id: true } } } },
  lines: { orderBy: { id: "asc" }, select: { id: true, productId: true, quantity: true, unitPrice: true, discountPct: true, lineTotal: true, product: { select: { name: true, sku: true, unitCost: true } } } },
} as const satisfies Prisma.QuoteSelect;

type QuoteRow = Prisma.QuoteGetPayload<{ select: typeof QUOTE_SELECT }>;

const refOf = (o: { ownerId: number; owner: { teamId: number | null } }) => ({ ownerId: o.ownerId, ownerTeamId: o.owner.teamId });

/** The lines read as one field ("3 × W-1 @ 19.99 −0.00%; …"): the editor saves them as a whole. */
function quoteSnapshot(row: QuoteRow): Snapshot {
  return {
    status: row.status,
    discountPct: row.discountPct.toFixed(2),
    validUntil: row.validUntil ? row.validUntil.toISOString().slice(0, 10) : null,
    notes: row.notes,
    lines: row.lines.map((l) => `${l.quantity} × ${l.product.sku} @ ${l.unitPrice.toFixed(2)} −${l.discountPct.toFixed(2)}%`).join("; ") || null,
    total: row.total.toFixed(2),
    // An approval given meanwhile is a change the editor did not see.
    approval: row.approvedBy?.name ?? null,
  };
}

const needsApproval = (row: QuoteRow, threshold: ApprovalThreshold) =>
  needsDiscountApproval({ discountBp: bp(row.discountPct), lineDiscountBps: row.lines.map((l) => bp(l.discountPct)) }, threshold.bp);

const versionOfQuote = (row: QuoteRow): VersionedRecord => ({ version: row.version, snapshot: quoteSnapshot(row) });

async function versionedQuote(tx: Tx, quoteId: number): Promise<VersionedRecord> {
  const row = await tx.quote.findUnique({ where: { id: quoteId }, select: QUOTE_SELECT });
  if (!row) throw new NotAllowedError();
  return versionOfQuote(row);
}

function toDto(actor: Actor, row: QuoteRow, threshold: ApprovalThreshold): QuoteDto {
  const ref = refOf(row.opportunity);
  return {
    id: row.id,
    opportunityId: row.opportunityId,
    opportunityName: row.opportunity.name,
    customer: row.opportunity.customer,
    status: row.status,
    discountPct: row.discountPct.toFixed(2),
    subtotal: row.subtotal.toFixed(2),
    total: row.total.toFixed(2),
    validUntil: row.validUntil ? row.validUntil.toISOString().slice(0, 10) : null,
    notes: row.notes,
    acceptedAt: row.acceptedAt,
    version: row.version,
    snapshot: quoteSnapshot(row),
    createdAt: row.createdAt,
    lines: row.lines.map((l) => ({
      id: l.id,
      productId: l.productId,
      productName: l.product.name,
      sku: l.product.sku,
      quantity: l.quantity,
      unitPrice: l.unitPrice.toFixed(2),
      discountPct: l.discountPct.toFixed(2),
      lineTotal: l.lineTotal.toFixed(2),
    })),
    orderId: row.opportunity.order?.id ?? null,
    needsApproval: needsApproval(row, threshold),
    approvalThresholdPct: threshold.pct,
    approvedBy: row.approvedBy?.name ?? null,
    approvedAt: row.approvedAt,
    can: { edit: can(actor, "opportunity.edit", ref), winFromQuote: can(actor, "order.createFromQuote", ref), approve: can(actor, "quote.approveDiscount", ref) },
  };
}

/**
 * Quotes are read and changed under the rights of the opportunity they belong to. A quote the actor
 * may not read answers like a missing one, and the refusal is logged.
 */
export async function getQuote(actor: Actor, quoteId: number): Promise<QuoteDto | null> {
  const row = await (await db()).quote.findUnique({ where: { id: quoteId }, select: QUOTE_SELECT });
  if (!row) return null;
  if (!can(actor, "opportunity.read", refOf(row.opportunity))) {
    await logReadDenied(actor, "opportunity.read", "Quote", quoteId);
    return null;
  }
  return toDto(actor, row, await approvalThreshold());
}

/** Totals computed here, never taken from the form: the browser's preview is only a preview. */
function priced(input: QuoteInput) {
  const lines = input.lines.map((l) => ({ quantity: l.quantity, unitPriceCents: parseCents(l.unitPrice)!, discountBp: parseBasisPoints(l.discountPct)! }));
  const totals = quoteTotals(lines, parseBasisPoints(input.discountPct)!);
  return {
    quote: { discountPct: formatBasisPoints(parseBasisPoints(input.discountPct)!), subtotal: formatCents(totals.subtotal), total: formatCents(totals.total), validUntil: input.validUntil, notes: input.notes },
    lines: input.lines.map((l, i) => ({
      productId: l.productId,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discountPct: formatBasisPoints(lines[i].discountBp),
      lineTotal: formatCents(totals.lineTotals[i]),
    })),
  };
}

async function checkProducts(tx: Tx, input: QuoteInput): Promise<void> {
  const ids = [...new Set(input.lines.map((l) => l.productId))];
  const found = await tx.product.count({ where: { id: { in: ids }, active: true } });
  if (found !== ids.length) throw new RuleError("quotes.validation.product", "lines");
}

function auditView(row: QuoteRow): Record<string, unknown> {
  return {
    status: row.status,
    discountPct: row.discountPct,
    subtotal: row.subtotal,
    total: row.total,
    validUntil: row.validUntil,
    notes: row.notes,
    lines: row.lines.map((l) => `${l.quantity} × ${l.product.sku} @ ${l.unitPrice.toFixed(2)} −${l.discountPct.toFixed(2)}% = ${l.lineTotal.toFixed(2)}`),
    approvedById: row.approvedById,
    approvedAt: row.approvedAt,
  };
}

export async function createQuote(actor: Actor, opportunityId: number, input: QuoteInput): Promise<QuoteDto> {
  const threshold = await approvalThreshold();
  return transaction(async (tx) => {
    const opp = await tx.opportunity.findUnique({ where: { id: opportunityId }, select: { stage: true, ownerId: true, owner: { select: { teamId: true } } } });
    if (!opp) throw new NotAllowedError();
    authorize(actor, "opportunity.edit", "Quote", null, refOf(opp));
    if (opp.stage === "WON" || opp.stage === "LOST") throw new RuleError("quotes.errors.closedDeal");
    await checkProducts(tx, input);
    const p = priced(input);
    const created = await tx.quote.create({ data: { ...p.quote, opportunityId, createdById: actor.id, lines: { create: p.lines } }, select: QUOTE_SELECT });
    await tx.opportunity.update({ where: { id: opportunityId }, data: { lastActivityAt: clockNow() } });
    await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: "Quote", entityId: created.id, before: null, after: auditView(created) });
    return toDto(actor, created, threshold);
  });
}

async function loadForChange(tx: Tx, actor: Actor, quoteId: number, expected: Expected): Promise<QuoteRow> {
  const row = await tx.quote.findUnique({ where: { id: quoteId }, select: QUOTE_SELECT });
  if (!row) throw new NotAllowedError();
  authorize(actor, "opportunity.edit", "Quote", quoteId, refOf(row.opportunity));
  checkVersion("Quote", quoteId, expected, versionOfQuote(row));
  return row;
}

/**
 * Only a draft's contents change; a sent quote is what the customer saw. A saved edit withdraws a
 * discount approval: the manager approved the quote as it was, and the audit row shows the withdrawal.
 */
export async function updateQuote(actor: Actor, quoteId: number, expected: Expected, input: QuoteInput): Promise<QuoteDto> {
  const threshold = await approvalThreshold();
  return transaction(async (tx) => {
    const row = await loadForChange(tx, actor, quoteId, expected);
    if (row.status !== "DRAFT") throw new RuleError("quotes.errors.notDraft");
    await checkProducts(tx, input);
    const p = priced(input);
    // The quote row's versioned write comes before its lines change: it is what serialises two saves.
    await writeAtVersion("Quote", quoteId, expected, (version) => tx.quote.updateMany({ where: { id: quoteId, version, status: "DRAFT" }, data: { ...p.quote, approvedById: null, approvedAt: null, version: { increment: 1 } } }), () => versionedQuote(tx, quoteId));
    await tx.quoteLine.deleteMany({ where: { quoteId } });
    await tx.quoteLine.createMany({ data: p.lines.map((l) => ({ ...l, quoteId })) });
    const updated = (await tx.quote.findUnique({ where: { id: quoteId }, select: QUOTE_SELECT }))!;
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Quote", entityId: quoteId, before: auditView(row), after: auditView(updated) });
    return toDto(actor, updated, threshold);
  });
}

/** A draft whose discount is above the threshold reaches the customer only once it is approved. */
export async function setQuoteStatus(actor: Actor, quoteId: number, expected: Expected, status: QuoteStatus, now = clockNow()): Promise<QuoteDto> {
  const threshold = await approvalThreshold();
  return transaction(async (tx) => {
    const row = await loadForChange(tx, actor, quoteId, expected);
    if (!canTransition(row.status, status)) throw new RuleError("quotes.errors.transition");
    if (blockedForApproval(row.status, status, needsApproval(row, threshold), row.approvedById !== null)) throw new QuoteApprovalRequiredError(threshold.pct);
    await writeAtVersion(
      "Quote",
      quoteId,
      expected,
      (version) => tx.quote.updateMany({ where: { id: quoteId, version }, data: { status, acceptedAt: status === "ACCEPTED" ? now : row.acceptedAt, version: { increment: 1 } } }),
      () => versionedQuote(tx, quoteId),
    );
    await tx.opportunity.update({ where: { id: row.opportunityId }, data: { lastActivityAt: now } });
    const updated = (await tx.quote.findUnique({ where: { id: quoteId }, select: QUOTE_SELECT }))!;
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Quote", entityId: quoteId, before: { status: row.status }, after: { status } });
    return toDto(actor, updated, threshold);
  });
}

/**
 * A manager of the deal owner's team (or an admin) approves a draft's discount above the threshold
 * (policy quote.approveDiscount: a rep cannot approve, not even their own quote). Saved at the version
 * the approver saw, so what they approved is what is sent; a refusal by policy is audited.
 */
export async function approveQuoteDiscount(actor: Actor, quoteId: number, expected: Expected, now = clockNow()): Promise<QuoteDto> {
  const threshold = await approvalThreshold();
  return transaction(async (tx) => {
    const row = await tx.quote.findUnique({ where: { id: quoteId }, select: QUOTE_SELECT });
    if (!row) throw new NotAllowedError();
    authorize(actor, "quote.approveDiscount", "Quote", quoteId, refOf(row.opportunity));
    checkVersion("Quote", quoteId, expected, versionOfQuote(row));
    const refusal = approvalRefusal(row.status, needsApproval(row, threshold), row.approvedById !== null);
    if (refusal) throw new RuleError(`quotes.errors.approval.${refusal}`);
    await writeAtVersion(
      "Quote",
      quoteId,
      expected,
      (version) => tx.quote.updateMany({ where: { id: quoteId, version, status: "DRAFT", approvedById: null }, data: { approvedById: actor.id, approvedAt: now, version: { increment: 1 } } }),
      () => versionedQuote(tx, quoteId),
    );
    const updated = (await tx.quote.findUnique({ where: { id: quoteId }, select: QUOTE_SELECT }))!;
    await writeAudit(tx, {
      userId: actor.id,
      action: "UPDATE",
      entity: "Quote",
      entityId: quoteId,
      before: { approvedById: row.approvedById, approvedAt: row.approvedAt },
      after: { approvedById: actor.id, approvedAt: now, discountApprovalPct: threshold.pct },
    });
    return toDto(actor, updated, threshold);
  });
}

export type WinResult = { opportunityId: number; orderId: number; total: string; margin: string };

/**
 * "Mark won from accepted quote", all or nothing: the deal becomes WON at the quote's total with a
 * stage-history row, and the Order with its lines is created from the quote (cost from the products'
 * unit cost). Order.opportunityId is unique, so a second attempt fails even if two arrive at once.
 *
 * Concurrency: `expected` is the quote as the page showed it. The quote's version is part of a write
 * that marks it used (so a quote changed meanwhile is not turned into an order), and the deal's
 * version as read here is part of the deal's write (so a save of the deal in between is not
 * overwritten by WON on stale values): either refused, nothing is written.
 */
export async function winFromQuote(actor: Actor, quoteId: number, expected: Expected, now = clockNow()): Promise<WinResult> {
  try {
    return await transaction(async (tx) => {
      const row = await tx.quote.findUnique({ where: { id: quoteId }, select: QUOTE_SELECT });
      if (!row) throw new NotAllowedError();
      const opp = row.opportunity;
      authorize(actor, "order.createFromQuote", "Order", null, refOf(opp));
      if (row.status !== "ACCEPTED") throw new RuleError("quotes.errors.notAccepted");
      if (opp.order) throw new RuleError("quotes.errors.alreadyOrdered");
      if (opp.stage === "LOST") throw new RuleError("quotes.errors.closedDeal");
      checkVersion("Quote", quoteId, expected, versionOfQuote(row));
      await writeAtVersion(
        "Quote",
        quoteId,
        expected,
        (version) => tx.quote.updateMany({ where: { id: quoteId, version, status: "ACCEPTED" }, data: { version: { increment: 1 } } }),
        () => versionedQuote(tx, quoteId),
      );
      const before = await tx.opportunity.findUniqueOrThrow({ where: { id: opp.id }, select: { stage: true, amount: true, probability: true, closedAt: true, version: true } });
      const order = orderLinesFromQuote(
        row.lines.map((l) => ({ quantity: l.quantity, unitPriceCents: cents(l.unitPrice), discountBp: bp(l.discountPct), unitCostCents: cents(l.product.unitCost) })),
        bp(row.discountPct),
      );
      const total = formatCents(order.total);
      const effects = stageEffects("WON", null, now);
      await writeAtVersion(
        "Opportunity",
        opp.id,
        before.version,
        (version) =>
          tx.opportunity.updateMany({
            where: { id: opp.id, version, stage: { not: "LOST" } },
            data: { stage: "WON", amount: total, probability: effects.probability, closedAt: now, lostReason: null, lastActivityAt: now, version: { increment: 1 } },
          }),
        () => versionedOpportunity(tx, opp.id),
      );
      if (before.stage !== "WON") await tx.opportunityStageChange.create({ data: { opportunityId: opp.id, fromStage: before.stage, toStage: "WON", changedAt: now, changedById: actor.id } });
      const created = await tx.order.create({
        data: {
          customerId: opp.customer.id,
          orderedAt: now,
          status: "COMPLETED",
          total,
          margin: formatCents(order.margin),
          opportunityId: opp.id,
          createdById: actor.id,
          lines: {
            create: row.lines.map((l, i) => ({
              productId: l.productId,
              quantity: l.quantity,
              unitPrice: l.unitPrice,
              discount: formatCents(order.lines[i].discount),
              lineTotal: formatCents(order.lines[i].lineTotal),
              lineCost: formatCents(order.lines[i].lineCost),
            })),
          },
        },
        select: { id: true },
      });
      // The customer's purchase totals (the list sorts by spend; the score job reads orders itself).
      const buyer = await tx.customer.findUniqueOrThrow({ where: { id: opp.customer.id }, select: { firstPurchaseAt: true, lastPurchaseAt: true } });
      await tx.customer.update({
        where: { id: opp.customer.id },
        data: {
          totalSpend: { increment: total },
          firstPurchaseAt: buyer.firstPurchaseAt && buyer.firstPurchaseAt < now ? buyer.firstPurchaseAt : now,
          lastPurchaseAt: buyer.lastPurchaseAt && buyer.lastPurchaseAt > now ? buyer.lastPurchaseAt : now,
        },
      });
      await writeAudit(tx, {
        userId: actor.id,
        action: "UPDATE",
        entity: "Opportunity",
        entityId: opp.id,
        before: { stage: before.stage, amount: before.amount, probability: before.probability, closedAt: before.closedAt },
        after: { stage: "WON", amount: total, probability: effects.probability, closedAt: now, fromQuote: quoteId },
      });
      await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: "Order", entityId: created.id, before: null, after: { customerId: opp.customer.id, opportunityId: opp.id, quoteId, total, margin: formatCents(order.margin), lines: row.lines.length } });
      return { opportunityId: opp.id, orderId: created.id, total, margin: formatCents(order.margin) };
    });
  } catch (error) {
    // Lost the race with a concurrent win: the unique opportunityId refused the second order.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new RuleError("quotes.errors.alreadyOrdered");
    throw error;
  }
}

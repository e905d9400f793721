/**
 * Quote arithmetic, exact, in integer cents. The rounding rules (also shown to users on the quote):
 * 1. Each line: quantity × unit price × (1 − line discount %), rounded half-up to the cent.
 * 2. Subtotal: the sum of the rounded lines (no further rounding needed).
 * 3. Total: subtotal × (1 − quote discount %), rounded half-up to the cent.
 * Rounding per line first means the printed lines always add up to the printed subtotal.
 */
import { divRoundHalfUp } from "@/lib/platform/money";

export type QuoteLineAmounts = { quantity: number; unitPriceCents: bigint; discountBp: bigint };
export type QuoteTotals = { lineTotals: bigint[]; subtotal: bigint; discount: bigint; total: bigint };

const FULL = 10_000n;

export function lineTotalCents(line: QuoteLineAmounts): bigint {
  return divRoundHalfUp(BigInt(line.quantity) * line.unitPriceCents * (FULL - line.discountBp), FULL);
}

export function quoteTotals(lines: QuoteLineAmounts[], quoteDiscountBp: bigint): QuoteTotals {
  const lineTotals = lines.map(lineTotalCents);
  const subtotal = lineTotals.reduce((a, b) => a + b, 0n);
  const total = divRoundHalfUp(subtotal * (FULL - quoteDiscountBp), FULL);
  return { lineTotals, subtotal, discount: subtotal - total, total };
}

export type OrderLineAmounts = { discount: bigint; lineTotal: bigint; lineCost: bigint };

/**
 * Order lines from an accepted quote. OrderLine.discount is money (as in the rest of the order
 * history), so the quote-level discount is spread over the lines in proportion to their totals, and
 * the cents left over by rounding go to the largest lines first: the order lines then add up to the
 * quote total exactly, which is what the value analytics sum.
 */
export function orderLinesFromQuote(
  lines: (QuoteLineAmounts & { unitCostCents: bigint })[],
  quoteDiscountBp: bigint,
): { lines: OrderLineAmounts[]; total: bigint; cost: bigint; margin: bigint } {
  const totals = quoteTotals(lines, quoteDiscountBp);
  const share = totals.lineTotals.map((t) => (totals.subtotal === 0n ? 0n : (t * totals.discount) / totals.subtotal));
  let left = totals.discount - share.reduce((a, b) => a + b, 0n);
  const order = totals.lineTotals.map((t, i) => ({ t, i })).sort((a, b) => (a.t === b.t ? a.i - b.i : a.t > b.t ? -1 : 1));
  for (let k = 0; left > 0n && order.length > 0; k = (k + 1) % order.length, left--) share[order[k].i] += 1n;
  const out = lines.map((line, i) => {
    const gross = BigInt(line.quantity) * line.unitPriceCents;
    const lineTotal = totals.lineTotals[i] - share[i];
    return { discount: gross - lineTotal, lineTotal, lineCost: BigInt(line.quantity) * line.unitCostCents };
  });
  const cost = out.reduce((a, l) => a + l.lineCost, 0n);
  return { lines: out, total: totals.total, cost, margin: totals.total - cost };
}

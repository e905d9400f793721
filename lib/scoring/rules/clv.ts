/**
 * Customer lifetime value: historical value (margin to date) and predicted value from BG/NBD (how many
 * purchases) × Gamma-Gamma (how much per purchase), discounted month by month over a horizon.
 */

import type { BgNbdParams } from "@/lib/scoring/rules/bg-nbd";
import { conditionalExpectedSpend } from "@/lib/scoring/rules/gamma-gamma";
import type { GammaGammaParams } from "@/lib/scoring/rules/gamma-gamma";
import { bgNbdModel, type PurchaseModel } from "@/lib/scoring/rules/purchase-model";
import type { TimeUnit } from "@/lib/scoring/rules/summary";

/** Model time units in one month (a month is a twelfth of a 365.25-day year). */
export function unitsPerMonth(unit: TimeUnit): number {
  const daysPerMonth = 365.25 / 12;
  return unit === "week" ? daysPerMonth / 7 : daysPerMonth;
}

export interface ClvOptions {
  /** Whole months ahead (default 12). */
  horizonMonths?: number;
  /** Time unit the models were fitted in (default week). */
  unit?: TimeUnit;
  /** Yearly discount rate, e.g. 0.1 for 10% (default 0.1); converted to the equivalent monthly rate. */
  annualDiscountRate?: number;
  /** Share of revenue that is margin (default 1, i.e. a revenue CLV). */
  marginRate?: number;
}

export interface ClvCustomer {
  x: number;
  tx: number;
  T: number;
  zbar: number;
}

export interface ClvPrediction {
  /** Undiscounted expected purchases over the horizon. */
  expectedPurchases: number;
  pAlive: number;
  churnRisk: number;
  expectedSpend: number;
  /** Discounted (margin × spend × purchases) over the horizon. */
  clv: number;
}

/**
 * CLV = Σ_{k=1..H} (E[Y(k·m)] − E[Y((k−1)·m)]) × E[spend] × margin / (1 + d_m)^k, with m one month in
 * model units and d_m the monthly rate equivalent to the annual rate. Differencing the cumulative
 * conditional expectation gives each month's expected purchases, so each month is discounted at its end.
 * The purchase model (Pareto/NBD or BG/NBD) and the expected spend per purchase (Gamma-Gamma, or the
 * job's fallback) are the caller's choice.
 */
export function predictClvWith(
  model: PurchaseModel,
  expectedSpend: number,
  customer: { x: number; tx: number; T: number },
  options: ClvOptions = {},
): ClvPrediction {
  const horizon = options.horizonMonths ?? 12;
  const annual = options.annualDiscountRate ?? 0.1;
  const margin = options.marginRate ?? 1;
  if (!Number.isInteger(horizon) || horizon < 0) throw new RangeError(`horizonMonths must be a whole number >= 0 (got ${horizon})`);
  if (!(annual > -1)) throw new RangeError(`annualDiscountRate must be > -1 (got ${annual})`);
  const month = unitsPerMonth(options.unit ?? "week");
  const monthlyRate = Math.pow(1 + annual, 1 / 12) - 1;
  const { x, tx, T } = customer;
  let previous = 0;
  let discounted = 0;
  for (let k = 1; k <= horizon; k++) {
    const cumulative = model.expectedPurchases(k * month, x, tx, T);
    discounted += (cumulative - previous) / Math.pow(1 + monthlyRate, k);
    previous = cumulative;
  }
  const pAlive = model.pAlive(x, tx, T);
  return {
    expectedPurchases: previous,
    pAlive,
    churnRisk: churnRisk(pAlive),
    expectedSpend,
    clv: discounted * expectedSpend * margin,
  };
}

/** BG/NBD purchases × Gamma-Gamma spend: the classic pairing of Fader, Hardie & Lee. */
export function predictClv(bg: BgNbdParams, gg: GammaGammaParams, customer: ClvCustomer, options: ClvOptions = {}): ClvPrediction {
  return predictClvWith(bgNbdModel(bg), conditionalExpectedSpend(gg, customer.x, customer.zbar), customer, options);
}

export function churnRisk(pAlive: number): number {
  return 1 - pAlive;
}

export interface ValuedTransaction {
  amount: number;
  /** Margin of this transaction when known; otherwise amount × marginRate is used. */
  margin?: number;
}

/** Historical value: margin earned to date. */
export function historicalValue(transactions: readonly ValuedTransaction[], marginRate = 1): number {
  let total = 0;
  for (const t of transactions) total += t.margin ?? t.amount * marginRate;
  return total;
}

/**
 * The standard recipe that turns raw transactions into the (x, t_x, T, zbar) summary the BG/NBD and
 * Gamma-Gamma models are fitted on (Fader, Hardie & Lee 2005):
 * - a customer's transactions on the same day are merged into one purchase (amounts added), because the
 *   models count purchase occasions, not order lines;
 * - the first purchase is dropped: it starts the customer's clock, and its amount is not a "repeat"
 *   spend, so x counts repeat purchase days only;
 * - the calibration period ends on `calibrationEnd` inclusive; customers whose first purchase is after it
 *   are not part of the calibration cohort and are left out;
 * - t_x and T are measured from the first purchase to the last calibration purchase and to the
 *   calibration end, in weeks (days / 7) or days.
 */

import { compareCustomerIds } from "@/lib/platform/math/ranking";

export interface DatedAmount {
  customerId: string;
  /** UTC day number (see lib/platform/day-number.ts). */
  day: number;
  amount: number;
}

export type TimeUnit = "week" | "day";

export interface SummaryOptions {
  calibrationEnd: number;
  unit: TimeUnit;
  /** When given, purchase days in (calibrationEnd, holdoutEnd] are counted as the holdout. */
  holdoutEnd?: number;
}

export interface CustomerSummary {
  customerId: string;
  /** Repeat purchase days in the calibration period. */
  x: number;
  /** Time from first to last calibration purchase (0 when x = 0). */
  tx: number;
  /** Time from first purchase to the calibration end. */
  T: number;
  /** Mean amount of the repeat purchase days in calibration; 0 when x = 0 (the Gamma-Gamma input). */
  zbar: number;
  firstPurchaseDay: number;
  lastPurchaseDay: number;
  firstPurchaseAmount: number;
  /** All calibration spend including the first purchase (historical value before margin). */
  calibrationSpend: number;
  /** Purchase days in the holdout period; 0 when no holdout was asked for. */
  holdoutX: number;
  holdoutSpend: number;
}

export function unitLengthInDays(unit: TimeUnit): number {
  return unit === "week" ? 7 : 1;
}

export function buildCustomerSummary(transactions: readonly DatedAmount[], options: SummaryOptions): CustomerSummary[] {
  const { calibrationEnd, holdoutEnd } = options;
  if (holdoutEnd !== undefined && holdoutEnd < calibrationEnd) {
    throw new RangeError("holdoutEnd must not be before calibrationEnd");
  }
  const unitDays = unitLengthInDays(options.unit);
  // customer -> day -> merged amount
  const byCustomer = new Map<string, Map<number, number>>();
  for (const t of transactions) {
    if (!Number.isInteger(t.day)) throw new RangeError(`day must be an integer day number (customer ${t.customerId})`);
    if (!Number.isFinite(t.amount)) throw new RangeError(`amount must be finite (customer ${t.customerId})`);
    let days = byCustomer.get(t.customerId);
    if (days === undefined) {
      days = new Map();
      byCustomer.set(t.customerId, days);
    }
    days.set(t.day, (days.get(t.day) ?? 0) + t.amount);
  }

  const out: CustomerSummary[] = [];
  for (const [customerId, days] of byCustomer) {
    const sortedDays = [...days.keys()].sort((a, b) => a - b);
    const first = sortedDays[0];
    if (first > calibrationEnd) continue;
    let last = first;
    let x = 0;
    let repeatSpend = 0;
    let calibrationSpend = 0;
    let holdoutX = 0;
    let holdoutSpend = 0;
    for (const day of sortedDays) {
      const amount = days.get(day) ?? 0;
      if (day <= calibrationEnd) {
        calibrationSpend += amount;
        if (day !== first) {
          x++;
          repeatSpend += amount;
          last = day;
        }
      } else if (holdoutEnd !== undefined && day <= holdoutEnd) {
        holdoutX++;
        holdoutSpend += amount;
      }
    }
    out.push({
      customerId,
      x,
      tx: (last - first) / unitDays,
      T: (calibrationEnd - first) / unitDays,
      zbar: x > 0 ? repeatSpend / x : 0,
      firstPurchaseDay: first,
      lastPurchaseDay: last,
      firstPurchaseAmount: days.get(first) ?? 0,
      calibrationSpend,
      holdoutX,
      holdoutSpend,
    });
  }
  return out.sort((a, b) => compareCustomerIds(a.customerId, b.customerId));
}

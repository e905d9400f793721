/**
 * RFM: recency (days since the last purchase), frequency (purchases) and monetary value (spend) per
 * customer in a window [from, to] (both inclusive), each scored 1..5 by quintile, combined into a code
 * such as "555" and a named group.
 *
 * Rules:
 * - Scores follow quintileScores (lib/platform/math/ranking.ts): equal values always share a score, and a
 *   tie group takes the score of its middle member. Recency is scored on −days, so the most recent
 *   customers get 5.
 * - Only customers with at least one purchase in the window are ranked. Customers without one get
 *   R = F = M = 1, recencyDays null and the group "lost"; leaving them out of the ranking stops a large
 *   dormant base from pushing every active customer into the top quintiles.
 * - Each transaction counts as one purchase (callers merge order lines first if they want occasions).
 */

import { compareCustomerIds, quintileScores } from "@/lib/platform/math/ranking";

export const RFM_GROUPS = [
  "champions",
  "loyal",
  "potential_loyalist",
  "new",
  "promising",
  "need_attention",
  "about_to_sleep",
  "at_risk",
  "cant_lose",
  "hibernating",
  "lost",
] as const;

export type RfmGroup = (typeof RFM_GROUPS)[number];

export interface RfmTransaction {
  customerId: string;
  /** UTC day number. */
  day: number;
  amount: number;
}

export interface RfmOptions {
  from: number;
  to: number;
  /** Customers to score even if they have no transaction at all (they get 1/1/1, "lost"). */
  customerIds?: readonly string[];
}

export interface RfmResult {
  customerId: string;
  recencyDays: number | null;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  /** e.g. "555" */
  code: string;
  group: RfmGroup;
}

/**
 * The F and M scores are combined into one FM score, (F + M) / 2 rounded half up, because the common
 * segment map is a 5 × 5 grid of R against FM.
 */
export function fmScore(f: number, m: number): number {
  return Math.floor((f + m + 1) / 2);
}

/**
 * The common R × FM segment map:
 *
 *   R \ FM   1               2               3               4          5
 *   5        new             potential_loy.  potential_loy.  champions  champions
 *   4        promising       potential_loy.  potential_loy.  loyal      loyal
 *   3        about_to_sleep  about_to_sleep  need_attention  loyal      loyal
 *   2        hibernating     hibernating     at_risk         at_risk    cant_lose
 *   1        lost            hibernating     at_risk         at_risk    cant_lose
 *
 * ("lost" is the bottom corner of the usual "hibernating" block: nothing recent, little ever.)
 */
export function rfmGroup(r: number, f: number, m: number): RfmGroup {
  for (const s of [r, f, m]) {
    if (!Number.isInteger(s) || s < 1 || s > 5) throw new RangeError(`RFM scores must be integers 1..5 (got ${s})`);
  }
  const fm = fmScore(f, m);
  if (r <= 2) {
    if (fm === 5) return "cant_lose";
    if (fm >= 3) return "at_risk";
    return r === 1 && fm === 1 ? "lost" : "hibernating";
  }
  if (r === 3) {
    if (fm >= 4) return "loyal";
    return fm === 3 ? "need_attention" : "about_to_sleep";
  }
  if (fm === 1) return r === 5 ? "new" : "promising";
  if (fm <= 3) return "potential_loyalist";
  return r === 5 ? "champions" : "loyal";
}

/** Per-customer window aggregates, as a GROUP BY in the database produces them. */
export interface RfmAggregate {
  customerId: string;
  /** Days from the last purchase in the window to the window's end; null when none in the window. */
  recencyDays: number | null;
  frequency: number;
  monetary: number;
}

export function computeRfm(transactions: readonly RfmTransaction[], options: RfmOptions): RfmResult[] {
  const { from, to } = options;
  if (!(to >= from)) throw new RangeError("RFM window: `to` must not be before `from`");
  const stats = new Map<string, { last: number; frequency: number; monetary: number }>();
  const everyone = new Set<string>(options.customerIds ?? []);
  for (const t of transactions) {
    everyone.add(t.customerId);
    if (t.day < from || t.day > to) continue;
    const s = stats.get(t.customerId);
    if (s === undefined) stats.set(t.customerId, { last: t.day, frequency: 1, monetary: t.amount });
    else {
      s.last = Math.max(s.last, t.day);
      s.frequency++;
      s.monetary += t.amount;
    }
  }
  const aggregates: RfmAggregate[] = [...everyone].map((customerId) => {
    const s = stats.get(customerId);
    return s
      ? { customerId, recencyDays: to - s.last, frequency: s.frequency, monetary: s.monetary }
      : { customerId, recencyDays: null, frequency: 0, monetary: 0 };
  });
  return scoreRfm(aggregates);
}

/**
 * Scores aggregates that were computed elsewhere (the score job aggregates in SQL). A customer with
 * no purchase in the window (frequency 0) is "lost" with code 111 and takes no part in the quintiles.
 */
export function scoreRfm(aggregates: readonly RfmAggregate[]): RfmResult[] {
  const active = aggregates.filter((a) => a.frequency > 0 && a.recencyDays !== null);
  const rScores = quintileScores(active.map((a) => -(a.recencyDays as number)));
  const fScores = quintileScores(active.map((a) => a.frequency));
  const mScores = quintileScores(active.map((a) => a.monetary));
  const results: RfmResult[] = active.map((a, i) => {
    const r = rScores[i];
    const f = fScores[i];
    const m = mScores[i];
    return {
      customerId: a.customerId,
      recencyDays: a.recencyDays,
      frequency: a.frequency,
      monetary: a.monetary,
      r,
      f,
      m,
      code: `${r}${f}${m}`,
      group: rfmGroup(r, f, m),
    };
  });
  for (const a of aggregates) {
    if (a.frequency > 0 && a.recencyDays !== null) continue;
    results.push({ customerId: a.customerId, recencyDays: null, frequency: 0, monetary: 0, r: 1, f: 1, m: 1, code: "111", group: "lost" });
  }
  return results.sort((a, b) => compareCustomerIds(a.customerId, b.customerId));
}

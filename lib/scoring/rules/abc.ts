/**
 * A/B/C value segments: customers ranked by revenue (or margin), A = top 10%, B = next 20%, C = the rest
 * (shares are parameters). Same rules as the pyramid: ties by customer id, cut counts by
 * round-half-up of the cumulative share over all customers passed in, and a customer whose ranking
 * value is zero or negative is always C.
 */

import { compareCustomerIds, cumulativeCutCounts } from "@/lib/platform/math/ranking";

export const ABC_SEGMENTS = ["A", "B", "C"] as const;
export type AbcSegment = (typeof ABC_SEGMENTS)[number];

export interface AbcInput {
  customerId: string;
  revenue: number;
  margin: number;
}

export interface AbcOptions {
  /** Shares of customers in A and B (C is the rest); default 0.1 and 0.2. */
  shareA?: number;
  shareB?: number;
  rankBy?: "revenue" | "margin";
}

export interface AbcRow {
  customerId: string;
  rank: number;
  segment: AbcSegment;
}

export interface AbcSegmentSummary {
  segment: AbcSegment;
  customers: number;
  revenue: number;
  margin: number;
  /** Segment total / grand total; 0 when the grand total is 0. Shares may be negative with losses. */
  revenueShare: number;
  marginShare: number;
}

export interface AbcResult {
  rows: AbcRow[];
  segments: AbcSegmentSummary[];
}

export function assignAbc(customers: readonly AbcInput[], options: AbcOptions = {}): AbcResult {
  const rankBy = options.rankBy ?? "revenue";
  const n = customers.length;
  const [cutA, cutB] = cumulativeCutCounts([options.shareA ?? 0.1, options.shareB ?? 0.2], n);
  const seen = new Set<string>();
  for (const c of customers) {
    if (seen.has(c.customerId)) throw new RangeError(`customer ${c.customerId} appears twice`);
    seen.add(c.customerId);
    if (!Number.isFinite(c.revenue) || !Number.isFinite(c.margin)) {
      throw new RangeError(`revenue and margin must be finite (customer ${c.customerId})`);
    }
  }
  const sorted = [...customers].sort((a, b) => b[rankBy] - a[rankBy] || compareCustomerIds(a.customerId, b.customerId));
  const segmentOf = new Map<string, AbcSegment>();
  const rows: AbcRow[] = sorted.map((c, i) => {
    const rank = i + 1;
    let segment: AbcSegment = "C";
    if (c[rankBy] > 0) segment = rank <= cutA ? "A" : rank <= cutB ? "B" : "C";
    segmentOf.set(c.customerId, segment);
    return { customerId: c.customerId, rank, segment };
  });
  let totalRevenue = 0;
  let totalMargin = 0;
  for (const c of customers) {
    totalRevenue += c.revenue;
    totalMargin += c.margin;
  }
  const segments = ABC_SEGMENTS.map((segment) => {
    let count = 0;
    let revenue = 0;
    let margin = 0;
    for (const c of customers) {
      if (segmentOf.get(c.customerId) !== segment) continue;
      count++;
      revenue += c.revenue;
      margin += c.margin;
    }
    return {
      segment,
      customers: count,
      revenue,
      margin,
      revenueShare: totalRevenue !== 0 ? revenue / totalRevenue : 0,
      marginShare: totalMargin !== 0 ? margin / totalMargin : 0,
    };
  });
  return { rows, segments };
}

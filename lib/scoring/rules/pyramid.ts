/**
 * Customer value pyramid: customers ranked by spend in a period, VIP = top 1%, MAJOR = next 4%,
 * MEDIUM = next 15%, SMALL = the rest (shares are parameters).
 *
 * Rules:
 * - Rank 1 is the highest spender. Equal spend is ordered by customer id (compareCustomerIds: numeric
 *   ids numerically, others by code units), so ranks and tiers are deterministic. Equal spenders can
 *   therefore straddle a cut; the alternative (ties share a tier) would break the tier sizes, which
 *   managers compare period to period.
 * - Tier sizes come from cumulative cut counts round-half-up(cumulative share × n) over all n customers
 *   passed in (cumulativeCutCounts), so each tier holds share × n customers within one.
 * - A customer with zero (or negative) spend in the period is always SMALL, even if that leaves a higher
 *   tier short: a VIP who spent nothing would be meaningless. The base is whoever the caller passes in;
 *   pass only active customers to rank within the active base.
 */

import { compareCustomerIds, cumulativeCutCounts } from "@/lib/platform/math/ranking";

export const TIERS = ["VIP", "MAJOR", "MEDIUM", "SMALL"] as const;
export type Tier = (typeof TIERS)[number];

export interface PyramidShares {
  vip: number;
  major: number;
  medium: number;
}

export const DEFAULT_PYRAMID_SHARES: PyramidShares = { vip: 0.01, major: 0.04, medium: 0.15 };

export interface SpendInput {
  customerId: string;
  spend: number;
}

export interface PyramidRow {
  customerId: string;
  spend: number;
  /** 1-based position in the spend ranking. */
  rank: number;
  tier: Tier;
}

export interface TierSummary {
  tier: Tier;
  customers: number;
  spend: number;
  /** Share of the total positive spend (0 when nobody spent). */
  spendShare: number;
  /** Lowest spend in the tier, the level a customer below must reach (null for an empty tier). */
  minSpend: number | null;
}

export interface PyramidResult {
  /** In rank order. */
  rows: PyramidRow[];
  tiers: TierSummary[];
  /** Cumulative customer counts at the VIP, MAJOR and MEDIUM cuts. */
  cutCounts: [number, number, number];
}

/** Rank order used by the pyramid and ABC: spend descending, then customer id ascending. */
export function compareBySpendDesc(a: SpendInput, b: SpendInput): number {
  return b.spend - a.spend || compareCustomerIds(a.customerId, b.customerId);
}

export function tierIndex(tier: Tier): number {
  return TIERS.indexOf(tier);
}

export function assignPyramid(customers: readonly SpendInput[], shares: PyramidShares = DEFAULT_PYRAMID_SHARES): PyramidResult {
  const seen = new Set<string>();
  for (const c of customers) {
    if (!Number.isFinite(c.spend)) throw new RangeError(`spend must be finite (customer ${c.customerId})`);
    if (seen.has(c.customerId)) throw new RangeError(`customer ${c.customerId} appears twice`);
    seen.add(c.customerId);
  }
  const n = customers.length;
  const cuts = cumulativeCutCounts([shares.vip, shares.major, shares.medium], n);
  const cutCounts: [number, number, number] = [cuts[0], cuts[1], cuts[2]];
  const sorted = [...customers].sort(compareBySpendDesc);
  const rows: PyramidRow[] = sorted.map((c, i) => {
    const rank = i + 1;
    let tier: Tier = "SMALL";
    if (c.spend > 0) {
      if (rank <= cutCounts[0]) tier = "VIP";
      else if (rank <= cutCounts[1]) tier = "MAJOR";
      else if (rank <= cutCounts[2]) tier = "MEDIUM";
    }
    return { customerId: c.customerId, spend: c.spend, rank, tier };
  });
  return { rows, tiers: summariseTiers(rows), cutCounts };
}

function summariseTiers(rows: readonly PyramidRow[]): TierSummary[] {
  let positive = 0;
  for (const r of rows) if (r.spend > 0) positive += r.spend;
  return TIERS.map((tier) => {
    let customers = 0;
    let spend = 0;
    let minSpend: number | null = null;
    for (const r of rows) {
      if (r.tier !== tier) continue;
      customers++;
      spend += r.spend;
      minSpend = minSpend === null ? r.spend : Math.min(minSpend, r.spend);
    }
    return { tier, customers, spend, spendShare: positive > 0 ? Math.max(0, spend) / positive : 0, minSpend };
  });
}

export interface TierOfCustomer {
  customerId: string;
  tier: Tier;
}

export interface TierMigration {
  /** matrix[from][to]: customers present in both periods, indexed in TIERS order (VIP first). */
  matrix: number[][];
  up: number;
  down: number;
  same: number;
  /** Customers present in both periods. */
  inBoth: number;
  /** Present only in the earlier / only in the later period (not part of the rates). */
  onlyBefore: number;
  onlyAfter: number;
  /** 100 × (up − down) / inBoth, in percent (0 when nobody is in both). */
  netUpwardPct: number;
}

/** Movement between two tier assignments: "up" means towards VIP. */
export function tierMigration(before: readonly TierOfCustomer[], after: readonly TierOfCustomer[]): TierMigration {
  const matrix = TIERS.map(() => TIERS.map(() => 0));
  const afterTier = new Map<string, Tier>();
  for (const c of after) afterTier.set(c.customerId, c.tier);
  let onlyBefore = 0;
  const beforeIds = new Set<string>();
  for (const c of before) {
    beforeIds.add(c.customerId);
    const to = afterTier.get(c.customerId);
    if (to === undefined) {
      onlyBefore++;
      continue;
    }
    matrix[tierIndex(c.tier)][tierIndex(to)]++;
  }
  let onlyAfter = 0;
  for (const id of afterTier.keys()) if (!beforeIds.has(id)) onlyAfter++;
  return summariseMigration(matrix, onlyBefore, onlyAfter);
}

/**
 * Up / down / same and the net upward rate from a from-tier x to-tier count matrix (TIERS order);
 * the score job's snapshots give the matrix straight from a GROUP BY.
 */
export function summariseMigration(matrix: number[][], onlyBefore = 0, onlyAfter = 0): TierMigration {
  let up = 0;
  let down = 0;
  let same = 0;
  for (let i = 0; i < matrix.length; i++) {
    for (let j = 0; j < matrix[i].length; j++) {
      if (j < i) up += matrix[i][j];
      else if (j > i) down += matrix[i][j];
      else same += matrix[i][j];
    }
  }
  const inBoth = up + down + same;
  return {
    matrix,
    up,
    down,
    same,
    inBoth,
    onlyBefore,
    onlyAfter,
    netUpwardPct: inBoth > 0 ? (100 * (up - down)) / inBoth : 0,
  };
}

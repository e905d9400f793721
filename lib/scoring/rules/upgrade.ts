/**
 * Upgrade candidates: customers below VIP most likely to reach the next tier soon.
 *
 * For each customer the gap is the distance from their period spend to the next tier's threshold (the
 * lowest spend currently in that tier; an empty tier is skipped in favour of the next one up). It is compared with the spend expected over a look-ahead horizon:
 * the caller's model prediction when given (e.g. CLV model spend for the horizon), otherwise the recent
 * spend velocity extrapolated linearly. coverage = expected / gap; a customer who would close the gap
 * within the horizon has coverage >= 1. Ranking: min(coverage, 1) descending (everyone expected to make
 * it ranks first), then the gap relative to the threshold ascending (closest first), then expected spend
 * descending, then customer id. This is a heuristic: it treats the current thresholds as fixed and the
 * spend window as only growing.
 */

import { compareCustomerIds } from "@/lib/platform/math/ranking";
import { TIERS, tierIndex } from "@/lib/scoring/rules/pyramid";
import type { PyramidResult, Tier } from "@/lib/scoring/rules/pyramid";

export interface UpgradeSignal {
  customerId: string;
  /** Expected spend over the horizon from a model; preferred over velocity when present. */
  expectedSpend?: number;
  /** Spend over the last `recentDays` days, for the velocity fallback. */
  recentSpend?: number;
  recentDays?: number;
}

export interface UpgradeOptions {
  horizonDays?: number;
  /** Leave out customers whose coverage is below this (default 0.25). */
  minCoverage?: number;
  limit?: number;
}

export interface UpgradeCandidate {
  customerId: string;
  /** 1-based position in the candidate list. */
  position: number;
  fromTier: Tier;
  toTier: Tier;
  spend: number;
  threshold: number;
  gap: number;
  expectedSpend: number;
  source: "model" | "velocity";
  /** expectedSpend / gap; null when the gap is zero (level with the threshold, losing only the id tiebreak). */
  coverage: number | null;
  /** Days to close the gap at the expected pace (0 when already level with the threshold). */
  daysToClose: number;
  horizonDays: number;
}

export function upgradeCandidates(
  pyramid: PyramidResult,
  signals: readonly UpgradeSignal[],
  options: UpgradeOptions = {},
): UpgradeCandidate[] {
  const horizonDays = options.horizonDays ?? 90;
  const minCoverage = options.minCoverage ?? 0.25;
  if (!(horizonDays > 0)) throw new RangeError("horizonDays must be > 0");
  const thresholdOf = new Map<Tier, number>();
  for (const t of pyramid.tiers) if (t.minSpend !== null) thresholdOf.set(t.tier, t.minSpend);
  const signalOf = new Map<string, UpgradeSignal>();
  for (const s of signals) signalOf.set(s.customerId, s);

  const found: Omit<UpgradeCandidate, "position">[] = [];
  for (const row of pyramid.rows) {
    const idx = tierIndex(row.tier);
    if (idx === 0) continue;
    // The target is the nearest higher tier that has anyone in it (a tier can be empty with few customers).
    let target = idx - 1;
    while (target > 0 && !thresholdOf.has(TIERS[target])) target--;
    const toTier = TIERS[target];
    const threshold = thresholdOf.get(toTier);
    const signal = signalOf.get(row.customerId);
    if (threshold === undefined || signal === undefined) continue;
    let expectedSpend: number;
    let source: "model" | "velocity";
    if (signal.expectedSpend !== undefined) {
      expectedSpend = signal.expectedSpend;
      source = "model";
    } else if (signal.recentSpend !== undefined && signal.recentDays !== undefined && signal.recentDays > 0) {
      expectedSpend = (signal.recentSpend / signal.recentDays) * horizonDays;
      source = "velocity";
    } else continue;
    if (!(expectedSpend > 0)) continue;
    const gap = Math.max(0, threshold - row.spend);
    const coverage = gap > 0 ? expectedSpend / gap : null;
    if (coverage !== null && coverage < minCoverage) continue;
    found.push({
      customerId: row.customerId,
      fromTier: row.tier,
      toTier,
      spend: row.spend,
      threshold,
      gap,
      expectedSpend,
      source,
      coverage,
      daysToClose: (gap / expectedSpend) * horizonDays,
      horizonDays,
    });
  }
  const capped = (c: { coverage: number | null }) => (c.coverage === null ? 1 : Math.min(1, c.coverage));
  const relativeGap = (c: { gap: number; threshold: number }) => (c.threshold > 0 ? c.gap / c.threshold : c.gap);
  found.sort(
    (a, b) =>
      capped(b) - capped(a) ||
      relativeGap(a) - relativeGap(b) ||
      b.expectedSpend - a.expectedSpend ||
      compareCustomerIds(a.customerId, b.customerId),
  );
  const limited = options.limit !== undefined ? found.slice(0, options.limit) : found;
  return limited.map((c, i) => ({ ...c, position: i + 1 }));
}

/**
 * Confidence intervals for conversion rates and for the lift p_t − p_c between a campaign's treated and
 * control groups (DOMAIN.md §10).
 *
 * - Wilson score interval for one proportion (Wilson 1927; Newcombe 1998a, "Two-sided confidence
 *   intervals for the single proportion: comparison of seven methods", Stat Med 17:857–872, method 3):
 *   (2x + z² ± z·√(z² + 4x(n − x)/n)) / (2(n + z²)).
 * - Newcombe's hybrid score interval for the difference of two independent proportions (Newcombe 1998b,
 *   "Interval estimation for the difference between independent proportions: comparison of eleven
 *   methods", Stat Med 17:873–890, method 10): with Wilson limits (l₁, u₁), (l₂, u₂) of p₁ and p₂,
 *   L = (p₁ − p₂) − √((p₁ − l₁)² + (u₂ − p₂)²), U = (p₁ − p₂) + √((u₁ − p₁)² + (p₂ − l₂)²).
 *   No continuity correction (that is method 11).
 */

import { twoSidedNormalCritical } from "@/lib/platform/math/normal";
import { defined, undefinedBecause, Z_95, type Estimate, type Interval } from "@/lib/campaigns/rules/estimate";

export interface IntervalOptions {
  /** Two-sided confidence level, default 0.95 (z = 1.959963984540054). */
  confidence?: number;
}

export type ProportionUndefinedReason = "empty-group";

function criticalZ(options: IntervalOptions): number {
  const confidence = options.confidence ?? 0.95;
  return confidence === 0.95 ? Z_95 : twoSidedNormalCritical(confidence);
}

function checkCounts(successes: number, n: number, label: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${label}: group size must be a whole number >= 0 (got ${n})`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`${label}: successes must be a whole number between 0 and the group size ${n} (got ${successes})`);
  }
}

function wilsonWithZ(successes: number, n: number, z: number): Interval {
  const z2 = z * z;
  const centre = 2 * successes + z2;
  const spread = z * Math.sqrt(z2 + (4 * successes * (n - successes)) / n);
  const denominator = 2 * (n + z2);
  // At x = 0 (x = n) the lower (upper) limit is exactly 0 (1); the formula gets there only up to rounding.
  const lower = successes === 0 ? 0 : Math.max(0, (centre - spread) / denominator);
  const upper = successes === n ? 1 : Math.min(1, (centre + spread) / denominator);
  return { lower, upper };
}

/** Wilson score interval for successes / n; undefined for an empty group. */
export function wilsonInterval(successes: number, n: number, options: IntervalOptions = {}): Estimate<Interval, ProportionUndefinedReason> {
  checkCounts(successes, n, "wilsonInterval");
  if (n === 0) return undefinedBecause("empty-group");
  return defined(wilsonWithZ(successes, n, criticalZ(options)));
}

export interface ProportionDifference {
  /** p₁ = x₁ / n₁ (treated). */
  p1: number;
  /** p₂ = x₂ / n₂ (control). */
  p2: number;
  /** p₁ − p₂. */
  difference: number;
  /** Newcombe's hybrid score interval for p₁ − p₂ (method 10). */
  interval: Interval;
  /** Wilson intervals of each proportion, the pieces of the hybrid interval. */
  wilson1: Interval;
  wilson2: Interval;
}

/** Newcombe's method 10 interval for p₁ − p₂ = x₁/n₁ − x₂/n₂; undefined when either group is empty. */
export function newcombeDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  options: IntervalOptions = {},
): Estimate<ProportionDifference, ProportionUndefinedReason> {
  checkCounts(x1, n1, "newcombeDifference (group 1)");
  checkCounts(x2, n2, "newcombeDifference (group 2)");
  if (n1 === 0 || n2 === 0) return undefinedBecause("empty-group");
  const z = criticalZ(options);
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const w1 = wilsonWithZ(x1, n1, z);
  const w2 = wilsonWithZ(x2, n2, z);
  const difference = p1 - p2;
  const delta = Math.hypot(p1 - w1.lower, w2.upper - p2);
  const epsilon = Math.hypot(w1.upper - p1, p2 - w2.lower);
  return defined({
    p1,
    p2,
    difference,
    interval: { lower: Math.max(-1, difference - delta), upper: Math.min(1, difference + epsilon) },
    wilson1: w1,
    wilson2: w2,
  });
}

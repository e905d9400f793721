/**
 * Welch's unequal-variance t interval for a difference of two means (Welch 1947, "The generalization of
 * 'Student's' problem when several different population variances are involved", Biometrika 34:28–35),
 * with the Welch–Satterthwaite degrees of freedom (Satterthwaite 1946):
 *
 *   d = m₁ − m₂,  se² = s₁²/n₁ + s₂²/n₂,
 *   ν = se⁴ / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1)),
 *   d ± t_{1−α/2, ν} · se.
 *
 * This is R's `t.test(x, y)` (var.equal = FALSE is its default) and SciPy's
 * `ttest_ind(x, y, equal_var=False)`. The campaign page works from aggregates, so inputs are summaries
 * (n, mean, sample variance with n − 1); helpers build them from raw values or from exact sums.
 */

import { twoSidedTCritical } from "@/lib/platform/math/student-t";
import { defined, undefinedBecause, type Estimate } from "@/lib/campaigns/rules/estimate";

export interface SampleSummary {
  n: number;
  mean: number;
  /** Sample variance with divisor n − 1 (NaN when n < 2). */
  variance: number;
}

/** n, mean and sample variance of raw values (Welford's one-pass update, stable for large sums). */
export function summarize(values: ArrayLike<number>): SampleSummary {
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new RangeError(`summarize: value ${i} is not a finite number (${v})`);
    const delta = v - mean;
    mean += delta / (i + 1);
    m2 += delta * (v - mean);
  }
  const n = values.length;
  return { n, mean: n === 0 ? Number.NaN : mean, variance: n < 2 ? Number.NaN : m2 / (n - 1) };
}

function summaryFromSums(n: number, sum: bigint, sumSquares: bigint, unit: number, label: string): SampleSummary {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${label}: n must be a whole number >= 0 (got ${n})`);
  if (sumSquares < 0n) throw new RangeError(`${label}: a sum of squares cannot be negative`);
  if (n === 0) return { n, mean: Number.NaN, variance: Number.NaN };
  const mean = Number(sum) / n / unit;
  if (n < 2) return { n, mean, variance: Number.NaN };
  const scaled = BigInt(n) * sumSquares - sum * sum;
  if (scaled < 0n) throw new RangeError(`${label}: inconsistent sums (n·Σx² < (Σx)²)`);
  return { n, mean, variance: Number(scaled) / (n * (n - 1)) / (unit * unit) };
}

/**
 * Summary of amounts in cents from exact database aggregates n, Σx and Σx² (bigint cents and cents²),
 * in currency units (cents / 100). The variance (nΣx² − (Σx)²) / (n(n − 1)) is formed exactly in
 * integer arithmetic, so the cancellation that makes the textbook sum-of-squares formula unreliable
 * cannot happen; only the final division rounds.
 */
export function summaryFromCentSums(n: number, sumCents: bigint, sumSquaresCents: bigint): SampleSummary {
  return summaryFromSums(n, sumCents, sumSquaresCents, 100, "summaryFromCentSums");
}

/** The same for whole-number quantities (units bought): n, Σx, Σx² as bigint. */
export function summaryFromIntegerSums(n: number, sum: bigint, sumSquares: bigint): SampleSummary {
  return summaryFromSums(n, sum, sumSquares, 1, "summaryFromIntegerSums");
}

export interface WelchResult {
  /** m₁ − m₂. */
  difference: number;
  standardError: number;
  /** Welch–Satterthwaite degrees of freedom (not rounded). */
  df: number;
  /** t_{1−α/2, ν}. */
  critical: number;
  /** d / se. */
  t: number;
  lower: number;
  upper: number;
}

export type WelchUndefinedReason = "too-few-members" | "no-variance";

/**
 * Welch interval for mean₁ − mean₂. Undefined when a group has fewer than 2 members (no variance
 * estimate) or both sample variances are 0 (se = 0: no interval and ν = 0/0).
 */
export function welchInterval(
  group1: SampleSummary,
  group2: SampleSummary,
  options: { confidence?: number } = {},
): Estimate<WelchResult, WelchUndefinedReason> {
  const confidence = options.confidence ?? 0.95;
  for (const g of [group1, group2]) {
    if (!Number.isInteger(g.n) || g.n < 0) throw new RangeError(`welchInterval: n must be a whole number >= 0 (got ${g.n})`);
  }
  if (group1.n < 2 || group2.n < 2) return undefinedBecause("too-few-members");
  for (const g of [group1, group2]) {
    if (!Number.isFinite(g.mean) || !Number.isFinite(g.variance) || g.variance < 0) {
      throw new RangeError(`welchInterval: mean and variance must be finite and the variance >= 0 (got ${g.mean}, ${g.variance})`);
    }
  }
  const a = group1.variance / group1.n;
  const b = group2.variance / group2.n;
  const se2 = a + b;
  if (se2 === 0) return undefinedBecause("no-variance");
  const df = (se2 * se2) / ((a * a) / (group1.n - 1) + (b * b) / (group2.n - 1));
  const standardError = Math.sqrt(se2);
  const critical = twoSidedTCritical(confidence, df);
  const difference = group1.mean - group2.mean;
  return defined({
    difference,
    standardError,
    df,
    critical,
    t: difference / standardError,
    lower: difference - critical * standardError,
    upper: difference + critical * standardError,
  });
}

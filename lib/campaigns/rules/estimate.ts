/**
 * The result shape of every campaign statistic that can be undefined for the data at hand (an empty
 * group, no control group, too few members for a variance): either a value, or null with a
 * machine-readable reason the page can word. Invalid arguments (negative counts, successes > n) are
 * programming errors and throw instead.
 */
export type Estimate<T, R extends string = string> = { value: T; reason: null } | { value: null; reason: R };

export function defined<T>(value: T): { value: T; reason: null } {
  return { value, reason: null };
}

export function undefinedBecause<R extends string>(reason: R): { value: null; reason: R } {
  return { value: null, reason };
}

/** Lower and upper confidence limits. */
export interface Interval {
  lower: number;
  upper: number;
}

/** 95% two-sided normal critical value z_{0.975}, to double precision (AS 241 gives the same ±1 ulp). */
export const Z_95 = 1.959963984540054;

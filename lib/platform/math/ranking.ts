/** Ranking helpers shared by the scoring functions, so every list uses the same tie rules. */

const DIGITS = /^\d+$/;

/**
 * Deterministic customer-id order used to break ties in spend rankings: ids made only of digits come
 * first, by numeric value ("9" before "10", "007" right after "7"); all other ids follow, by UTF-16 code
 * units. Keeping the two kinds apart is what makes this a total order (mixing numeric and textual
 * comparison would allow cycles such as "2" < "10" < "1a" < "2"). Locale-aware comparison is avoided on
 * purpose: the order must not depend on the server's locale.
 */
export function compareCustomerIds(a: string, b: string): number {
  const aNumeric = DIGITS.test(a);
  const bNumeric = DIGITS.test(b);
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  if (aNumeric) {
    const na = a.replace(/^0+(?=\d)/, "");
    const nb = b.replace(/^0+(?=\d)/, "");
    if (na.length !== nb.length) return na.length - nb.length;
    if (na !== nb) return na < nb ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Number of customers in the first k cumulative groups, for group shares given in rank order:
 * round-half-up(cumulative share × n). Rounding the cumulative share (not each group on its own) puts
 * every boundary within half a customer of its ideal, so every group size is within one customer of
 * share × n. The 1e-9 guard stops binary fractions (0.05 × 10 = 0.49999…) from rounding the wrong way.
 */
export function cumulativeCutCounts(shares: readonly number[], n: number): number[] {
  let cumulative = 0;
  return shares.map((share) => {
    if (!(share >= 0)) throw new RangeError(`group share must be >= 0 (got ${share})`);
    cumulative += share;
    if (cumulative > 1 + 1e-9) throw new RangeError("group shares add up to more than 1");
    return Math.min(n, Math.floor(Math.min(cumulative, 1) * n + 0.5 + 1e-9));
  });
}

/**
 * Quintile scores 1..5 (higher value → higher score) with the rule "equal values always share a score".
 *
 * Each distinct value gets the score its middle customer would get under a strict ranking: with `less`
 * customers below the value and `equal` customers at it, the mid rank (0-based) is less + (equal − 1)/2
 * and the score is floor(midRank × 5 / n) + 1. Without ties this is exactly floor(rank × 5 / n) + 1, so
 * quintiles hold n/5 customers within one; a tie group that straddles a cut moves as a whole to the side
 * holding most of it. Integer arithmetic avoids rounding trouble at the cuts.
 */
export function quintileScores(values: readonly number[]): number[] {
  return quantileScores(values, 5);
}

export function quantileScores(values: readonly number[], buckets: number): number[] {
  const n = values.length;
  for (const v of values) if (Number.isNaN(v)) throw new RangeError("cannot score NaN");
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i] - values[j]);
  const scores = new Array<number>(n);
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && values[order[end + 1]] === values[order[start]]) end++;
    const equal = end - start + 1;
    // Twice the mid rank keeps it an integer: 2·less + equal − 1.
    const score = Math.floor(((2 * start + equal - 1) * buckets) / (2 * n)) + 1;
    for (let k = start; k <= end; k++) scores[order[k]] = score;
    start = end + 1;
  }
  return scores;
}

/**
 * Exact percentiles for the service dashboard, computed as PostgreSQL's percentile_cont does: for n
 * values sorted ascending and a fraction p, the value at position p × (n − 1) (counting from 0),
 * interpolated linearly between its two neighbours when the position is not whole. So the median of
 * an even count is the mean of the two middle values, and a single value is every percentile.
 *
 * The database used to compute these with percentile_cont inside GROUPING SETS, which sorted the
 * period's durations once per grouping set and per measure. Here the durations are put in order
 * once (a radix sort: they are whole milliseconds), and one sequential pass over that order per
 * grouping picks every group's ranks.
 */

/** The positions percentile_cont reads for fraction p of n values, and the weight of the upper one. */
export function percentilePositions(n: number, p: number): { lower: number; upper: number; weight: number } {
  if (!(n > 0)) throw new RangeError("no values");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile ${p} outside 0..1`);
  const position = p * (n - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return { lower, upper, weight: position - lower };
}

/**
 * The ascending order of `values[0..length)` as a permutation of their indices (stable), for whole
 * numbers of any sign whose spread is below 2^53 (durations in milliseconds): an LSD radix sort on
 * 16-bit digits, O(n) per digit and no comparisons. One order serves every grouping of the values:
 * walking it, each group meets its own values in ascending order (orderedPercentiles).
 */
export function radixOrder(values: Float64Array, length = values.length): Uint32Array {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (!Number.isInteger(v)) throw new RangeError(`radixOrder needs whole numbers, got ${v}`);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  let order = new Uint32Array(length);
  for (let i = 0; i < length; i++) order[i] = i;
  if (length < 2 || max === min) return order;
  if (max - min > Number.MAX_SAFE_INTEGER) throw new RangeError("values spread too far for radixOrder");
  // The offset keys, split in 32-bit halves so that digits come from bit operations.
  const lo = new Uint32Array(length);
  const hi = new Uint32Array(length);
  for (let i = 0; i < length; i++) {
    const key = values[i] - min;
    const h = Math.floor(key / 4_294_967_296);
    hi[i] = h;
    lo[i] = key - h * 4_294_967_296;
  }
  const span = max - min;
  const passes = span < 2 ** 16 ? 1 : span < 2 ** 32 ? 2 : span < 2 ** 48 ? 3 : 4;
  let next = new Uint32Array(length);
  const count = new Uint32Array(65_537);
  for (let pass = 0; pass < passes; pass++) {
    const half = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let j = 0; j < length; j++) count[((half[order[j]] >>> shift) & 0xffff) + 1]++;
    for (let d = 0; d < 65_536; d++) count[d + 1] += count[d];
    for (let j = 0; j < length; j++) {
      const i = order[j];
      next[count[(half[i] >>> shift) & 0xffff]++] = i;
    }
    [order, next] = [next, order];
  }
  return order;
}

/**
 * percentile_cont for each fraction in `ps`, for every group at once: `sorted` holds the values in
 * ascending order (see radixOrder) and `groupOf[j]` the group of sorted[j] (-1 for none). One
 * sequential pass picks each group's values at the ranks percentile_cont reads (within a group the
 * values come in ascending order too). Returns per group its count and its percentiles (null
 * without values).
 */
export function orderedPercentiles(
  sorted: Float64Array,
  groupOf: Int32Array,
  groupCount: number,
  ps: readonly number[],
): { n: Int32Array; percentiles: (number | null)[][] } {
  const n = new Int32Array(groupCount);
  for (let j = 0; j < sorted.length; j++) {
    const g = groupOf[j];
    if (g >= 0) n[g]++;
  }
  const k = ps.length * 2;
  // Per group, the ranks to pick in ascending order (as slots of `picked`), and the next one due.
  const ranks = new Int32Array(groupCount * k);
  const slots = new Int32Array(groupCount * k);
  const weights = new Float64Array(groupCount * ps.length);
  const isPoint = new Uint8Array(groupCount * ps.length);
  for (let g = 0; g < groupCount; g++) {
    if (n[g] === 0) continue;
    const wanted: { rank: number; slot: number }[] = [];
    ps.forEach((p, pi) => {
      const pos = percentilePositions(n[g], p);
      wanted.push({ rank: pos.lower, slot: 2 * pi }, { rank: pos.upper, slot: 2 * pi + 1 });
      weights[g * ps.length + pi] = pos.weight;
      isPoint[g * ps.length + pi] = pos.lower === pos.upper ? 1 : 0;
    });
    wanted.sort((a, b) => a.rank - b.rank);
    wanted.forEach((w, x) => {
      ranks[g * k + x] = w.rank;
      slots[g * k + x] = w.slot;
    });
  }
  const picked = new Float64Array(groupCount * k);
  const seen = new Int32Array(groupCount);
  const due = new Int32Array(groupCount);
  for (let j = 0; j < sorted.length; j++) {
    const g = groupOf[j];
    if (g < 0) continue;
    const r = seen[g]++;
    let x = due[g];
    // Several wanted ranks may be the same one (a single value, or p × (n − 1) whole).
    while (x < k && ranks[g * k + x] === r) {
      picked[g * k + slots[g * k + x]] = sorted[j];
      x++;
    }
    due[g] = x;
  }
  const percentiles = Array.from({ length: groupCount }, (_, g) =>
    n[g] === 0
      ? ps.map(() => null)
      : ps.map((_, pi) => {
          const lo = picked[g * k + 2 * pi];
          const hi = picked[g * k + 2 * pi + 1];
          return isPoint[g * ps.length + pi] ? lo : lo + weights[g * ps.length + pi] * (hi - lo);
        }),
  );
  return { n, percentiles };
}

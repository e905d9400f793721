import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { orderedPercentiles, percentilePositions, radixOrder } from "@/lib/dashboards/rules/service-percentiles";

/** percentile_cont as PostgreSQL documents it, on a sorted copy: the reference the fast path must equal. */
function reference(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return lo === hi ? sorted[lo] : sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** percentile_cont of one group of values, through orderedPercentiles. */
function cont(values: number[], ps: number[]): (number | null)[] {
  const sorted = Float64Array.from([...values].sort((a, b) => a - b));
  return orderedPercentiles(sorted, new Int32Array(sorted.length), 1, ps).percentiles[0];
}

describe("orderedPercentiles: PostgreSQL's percentile_cont", () => {
  test.each<[string, number[], number | null, number | null]>([
    ["no values", [], null, null],
    ["a single value is every percentile", [7.5], 7.5, 7.5],
    ["two values: the median is their mean", [1, 3], 2, 2.8],
    ["even count: mean of the two middle values", [4, 1, 3, 2], 2.5, 3.7],
    ["odd count: the middle value", [5, 1, 4, 2, 3], 3, 4.6],
    ["ties", [2, 2, 2, 2], 2, 2],
    ["ties across the middle", [1, 2, 2, 2, 9, 9], 2, 9],
    ["p90 between a tie and an outlier", [1, 1, 1, 1, 1, 1, 1, 1, 1, 11], 1, 2],
    // The dashboard test's response times: 0.5 0.5 1 1 2 2 3 h -> median 1, p90 at 5.4 = 2.4.
    ["the dashboard test's response times", [1, 0.5, 2, 3, 0.5, 2, 1], 1, 2.4],
    ["negative values (bad data) are ordered like any other", [-2, 4, -6], -2, 2.8],
  ])("%s", (_, values, median, p90) => {
    const [m, p] = cont(values, [0.5, 0.9]);
    for (const [got, want] of [
      [m, median],
      [p, p90],
    ]) {
      if (want === null) expect(got).toBeNull();
      else expect(got).toBeCloseTo(want, 12);
    }
  });

  test("p = 0 and p = 1 are the extremes; fractions in any order, repeated", () => {
    expect(cont([3, 9, 1, 5], [1, 0, 0.5, 0.5])).toEqual([9, 1, 4, 4]);
  });

  test("many groups in one pass, each as if computed alone (groups with one value, none, and ties)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ group: fc.integer({ min: -1, max: 6 }), value: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })) }), { maxLength: 300 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (items, ps) => {
          const sortedItems = [...items].sort((a, b) => a.value - b.value);
          const got = orderedPercentiles(Float64Array.from(sortedItems, (x) => x.value), Int32Array.from(sortedItems, (x) => x.group), 7, ps);
          for (let g = 0; g < 7; g++) {
            const mine = items.filter((x) => x.group === g).map((x) => x.value);
            expect(got.n[g]).toBe(mine.length);
            ps.forEach((p, i) => expect(got.percentiles[g][i]).toBe(reference(mine, p)));
          }
        },
      ),
    );
  });

  test("rejects fractions outside 0..1", () => {
    expect(() => cont([1], [1.5])).toThrow(RangeError);
    expect(() => percentilePositions(0, 0.5)).toThrow(RangeError);
  });

  test.each([
    [1, 0.5, { lower: 0, upper: 0, weight: 0 }],
    [4, 0.5, { lower: 1, upper: 2, weight: 0.5 }],
    [10, 0.9, { lower: 8, upper: 9, weight: 0.1 }],
  ])("positions for n = %i, p = %d", (n, p, expected) => {
    const got = percentilePositions(n, p);
    expect(got.lower).toBe(expected.lower);
    expect(got.upper).toBe(expected.upper);
    expect(got.weight).toBeCloseTo(expected.weight, 12);
  });
});

describe("radixOrder", () => {
  const ordered = (values: number[]) => [...radixOrder(Float64Array.from(values))].map((i) => values[i]);

  test.each<[string, number[]]>([
    ["empty", []],
    ["one value", [42]],
    ["all equal", [7, 7, 7]],
    ["negative and positive", [3, -1, 0, -1_000_000, 2 ** 40]],
    // Spreads needing 1, 2, 3 and 4 sixteen-bit digits.
    ["below 2^16", [65_535, 0, 300, 299]],
    ["below 2^32", [4_294_967_295, 65_536, 1, 65_535]],
    ["below 2^48", [2 ** 47 + 3, 2 ** 47, 2 ** 32, 5]],
    ["up to 2^53", [Number.MAX_SAFE_INTEGER, 0, 2 ** 52 + 1, 2 ** 52]],
  ])("%s", (_, values) => {
    expect(ordered(values)).toEqual([...values].sort((a, b) => a - b));
  });

  test("is stable, and only reads the first `length` values", () => {
    expect([...radixOrder(Float64Array.from([5, 1, 5, 1, 0]), 4)]).toEqual([1, 3, 0, 2]);
  });

  test("sorts random whole milliseconds (heavy ties or wide spread)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 600 }).map((m) => m * 60_000), fc.integer({ min: -1e12, max: 1e13 })), { maxLength: 500 }), (values) => {
        expect(ordered(values)).toEqual([...values].sort((a, b) => a - b));
      }),
    );
  });

  test("refuses what it cannot order exactly", () => {
    expect(() => radixOrder(Float64Array.from([0.5, 1]))).toThrow(RangeError);
    expect(() => radixOrder(Float64Array.from([-(2 ** 52), 2 ** 52]))).toThrow(RangeError);
  });
});

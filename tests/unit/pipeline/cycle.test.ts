import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { cycleStats } from "@/lib/dashboards/rules/cycle";

describe("cycleStats", () => {
  test.each([
    [[], { deals: 0, averageDays: null, medianDays: null }],
    [[{ days: 30, count: 1 }], { deals: 1, averageDays: 30, medianDays: 30 }],
    // 10, 20, 20, 90 -> median (20 + 20) / 2, mean 35
    [[{ days: 90, count: 1 }, { days: 10, count: 1 }, { days: 20, count: 2 }], { deals: 4, averageDays: 35, medianDays: 20 }],
    // 10, 20, 30, 40 -> median 25
    [[10, 20, 30, 40].map((days) => ({ days, count: 1 })), { deals: 4, averageDays: 25, medianDays: 25 }],
    // 5 x 1 day, 1 x 100 days: the median resists the outlier, the mean does not
    [[{ days: 1, count: 5 }, { days: 100, count: 1 }], { deals: 6, averageDays: 17.5, medianDays: 1 }],
  ])("%j", (bins, expected) => expect(cycleStats(bins)).toMatchObject(expected));

  test("the median of the histogram equals the median of the expanded list", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ days: fc.integer({ min: 0, max: 400 }), count: fc.integer({ min: 0, max: 5 }) }), { maxLength: 30 }), (bins) => {
        const values = bins.flatMap((b) => Array.from({ length: b.count }, () => b.days)).sort((a, b) => a - b);
        const stats = cycleStats(bins);
        if (values.length === 0) return stats.medianDays === null;
        const mid = values.length / 2;
        const median = values.length % 2 ? values[Math.floor(mid)] : (values[mid - 1] + values[mid]) / 2;
        return stats.medianDays === median && stats.minDays === values[0] && stats.maxDays === values[values.length - 1];
      }),
    );
  });
});

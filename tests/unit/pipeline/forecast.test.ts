import { describe, expect, test } from "vitest";
import {
  addMonths,
  buildForecast,
  centsToDecimal,
  divideRounded,
  monthsBetween,
  parseCents,
  quarterMonths,
  quarterOf,
  weightedCentPercent,
} from "@/lib/dashboards/rules/forecast";

describe("money in cents", () => {
  test.each([
    ["0", 0n],
    ["0.5", 50n],
    ["1234.56", 123456n],
    ["-3.07", -307n],
    ["99999999999999.99", 9999999999999999n],
  ])("parseCents(%s) = %s and prints back", (text, cents) => {
    expect(parseCents(text)).toBe(cents);
    expect(parseCents(centsToDecimal(cents))).toBe(cents);
  });

  test("refuses more than two decimals and junk", () => {
    expect(() => parseCents("1.234")).toThrow();
    expect(() => parseCents("abc")).toThrow();
  });

  test.each([
    [250n, 100n, 3n],
    [249n, 100n, 2n],
    [-250n, 100n, -3n],
    [7n, 2n, 4n],
  ])("divideRounded(%s, %s) = %s (half away from zero)", (v, d, q) => expect(divideRounded(v, d)).toBe(q));
});

describe("months and quarters", () => {
  test.each([
    ["2026-01", "2026-Q1"],
    ["2026-03", "2026-Q1"],
    ["2026-04", "2026-Q2"],
    ["2026-12", "2026-Q4"],
  ])("quarterOf(%s) = %s", (m, q) => expect(quarterOf(m)).toBe(q));

  test("month arithmetic crosses years both ways", () => {
    expect(addMonths("2026-11", 3)).toBe("2027-02");
    expect(addMonths("2026-02", -3)).toBe("2025-11");
    expect(monthsBetween("2026-11", "2027-02")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(monthsBetween("2026-05", "2026-04")).toEqual([]);
    expect(quarterMonths("2026-Q4")).toEqual(["2026-10", "2026-11", "2026-12"]);
  });
});

describe("buildForecast", () => {
  test("weights each open group by its probability and rounds once per bucket", () => {
    // 3 x 0.01 at 50 % = 0.015 each month: each month rounds to 0.02 on its own, the quarter from
    // the exact sum 0.045 to 0.05 — not 3 x 0.02 = 0.06.
    const f = buildForecast({
      months: ["2026-01", "2026-02", "2026-03"],
      open: [
        { month: "2026-01", probability: 50, count: 3, amountCents: 3n },
        { month: "2026-02", probability: 50, count: 3, amountCents: 3n },
        { month: "2026-03", probability: 50, count: 3, amountCents: 3n },
      ],
      won: [],
      targets: [],
    });
    expect(f.months.map((m) => m.weightedCents)).toEqual([2n, 2n, 2n]);
    expect(f.quarters[0].weightedCents).toBe(5n);
    expect(f.total.weightedCents).toBe(5n);
  });

  test("buckets by month and quarter with won and target, and ignores rows outside the period", () => {
    const f = buildForecast({
      months: ["2026-02", "2026-03", "2026-04"],
      open: [
        { month: "2026-02", probability: 10, count: 1, amountCents: 100_000n },
        { month: "2026-02", probability: 75, count: 2, amountCents: 200_000n },
        { month: "2026-04", probability: 50, count: 1, amountCents: 1_000_01n },
        { month: "2026-07", probability: 50, count: 9, amountCents: 9_999_999n },
      ],
      won: [
        { month: "2026-03", count: 2, amountCents: 300_000n },
        { month: "2025-12", count: 1, amountCents: 5n },
      ],
      targets: [
        { month: "2026-02", amountCents: 500_000n },
        { month: "2026-03", amountCents: 500_000n },
      ],
    });
    const [feb, mar, apr] = f.months;
    expect(feb).toMatchObject({ openCount: 3, pipelineCents: 300_000n, weightedCents: 10_000n + 150_000n, targetCents: 500_000n, wonCents: 0n });
    expect(feb.coverage).toBeCloseTo(0.32, 10);
    expect(mar).toMatchObject({ openCount: 0, wonCount: 2, wonCents: 300_000n, attainment: 0.6 });
    expect(apr).toMatchObject({ weightedCents: 50_001n, targetCents: null, attainment: null, coverage: null });
    expect(f.quarters.map((q) => [q.key, q.partial, q.months.length])).toEqual([
      ["2026-Q1", true, 2],
      ["2026-Q2", true, 1],
    ]);
    expect(f.quarters[0]).toMatchObject({ weightedCents: 160_000n, wonCents: 300_000n, targetCents: 1_000_000n, expectedCents: 460_000n });
    expect(f.total).toMatchObject({ openCount: 4, weightedCents: 210_001n, wonCents: 300_000n, targetCents: 1_000_000n });
  });

  test("weighted amount never exceeds the pipeline, and 0 % / 100 % behave", () => {
    expect(weightedCentPercent(12_345n, 0)).toBe(0n);
    expect(weightedCentPercent(12_345n, 100)).toBe(1_234_500n);
    expect(() => weightedCentPercent(1n, 101)).toThrow();
    const f = buildForecast({
      months: ["2026-05"],
      open: [10, 20, 50, 75, 100].map((p) => ({ month: "2026-05", probability: p, count: 1, amountCents: 999n })),
      won: [],
      targets: [],
    });
    expect(f.months[0].weightedCents).toBeLessThanOrEqual(f.months[0].pipelineCents);
    expect(f.months[0].weightedCents).toBe(divideRounded(999n * 255n, 100n));
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { assignAbc } from "@/lib/scoring/rules/abc";
import type { AbcInput } from "@/lib/scoring/rules/abc";

const customers = (values: readonly [number, number][]): AbcInput[] =>
  values.map(([revenue, margin], i) => ({ customerId: String(i + 1), revenue, margin }));

describe("assignAbc", () => {
  it("splits 10 customers 1 / 2 / 7 by revenue with revenue and margin shares", () => {
    const input = customers([
      [500, 100],
      [200, 20],
      [100, 40],
      [50, 5],
      [40, 4],
      [30, 3],
      [30, 3],
      [20, 2],
      [20, 2],
      [10, 1],
    ]);
    const result = assignAbc(input);
    expect(result.rows.map((r) => r.segment).join("")).toBe("ABBCCCCCCC");
    const [a, b, c] = result.segments;
    expect(a).toMatchObject({ segment: "A", customers: 1, revenue: 500, margin: 100 });
    expect(a.revenueShare).toBeCloseTo(0.5, 12);
    expect(a.marginShare).toBeCloseTo(100 / 180, 12);
    expect(b.customers + c.customers).toBe(9);
    expect(result.segments.reduce((s, x) => s + x.revenueShare, 0)).toBeCloseTo(1, 12);
  });

  it("can rank by margin instead", () => {
    const result = assignAbc(
      customers([
        [500, 1],
        [100, 90],
        [90, 80],
      ]),
      { rankBy: "margin", shareA: 0.34, shareB: 0.33 },
    );
    expect(result.rows.map((r) => [r.customerId, r.segment])).toEqual([
      ["2", "A"],
      ["3", "B"],
      ["1", "C"],
    ]);
  });

  it("puts non-positive values in C and reports zero shares when totals are zero", () => {
    const result = assignAbc(customers([[0, 0], [0, 0]]));
    expect(result.rows.every((r) => r.segment === "C")).toBe(true);
    expect(result.segments.every((s) => s.revenueShare === 0 && s.marginShare === 0)).toBe(true);
  });

  it("property: segments partition the customers, sizes within one of the shares, better never ranks lower", () => {
    const input = fc.array(fc.tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: -100, max: 5000 })), { maxLength: 300 });
    fc.assert(
      fc.property(input, (values) => {
        const list = customers(values);
        const result = assignAbc(list);
        expect(result.rows.length).toBe(list.length);
        expect(new Set(result.rows.map((r) => r.customerId)).size).toBe(list.length);
        const counts = result.segments.map((s) => s.customers);
        expect(counts.reduce((s, v) => s + v, 0)).toBe(list.length);
        [0.1, 0.2, 0.7].forEach((share, i) => expect(Math.abs(counts[i] - share * list.length)).toBeLessThanOrEqual(1 + 1e-9));
        const revenueOf = new Map(list.map((c) => [c.customerId, c.revenue]));
        for (let k = 1; k < result.rows.length; k++) {
          expect(revenueOf.get(result.rows[k - 1].customerId) ?? 0).toBeGreaterThanOrEqual(revenueOf.get(result.rows[k].customerId) ?? 0);
          expect(result.rows[k - 1].segment <= result.rows[k].segment).toBe(true);
        }
      }),
    );
  });
});

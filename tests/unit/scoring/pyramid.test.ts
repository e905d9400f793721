import { describe, expect, it, test } from "vitest";
import fc from "fast-check";
import { assignPyramid, tierIndex, tierMigration, TIERS } from "@/lib/scoring/rules/pyramid";
import type { SpendInput, Tier } from "@/lib/scoring/rules/pyramid";

const spenders = (spends: readonly number[]): SpendInput[] => spends.map((spend, i) => ({ customerId: String(i + 1), spend }));

describe("assignPyramid", () => {
  it("splits 100 distinct spenders 1 / 4 / 15 / 80 with 1-based ranks", () => {
    const result = assignPyramid(spenders(Array.from({ length: 100 }, (_, i) => 1000 - i)));
    expect(result.cutCounts).toEqual([1, 5, 20]);
    expect(result.tiers.map((t) => t.customers)).toEqual([1, 4, 15, 80]);
    expect(result.rows[0]).toEqual({ customerId: "1", spend: 1000, rank: 1, tier: "VIP" });
    expect(result.rows[99].rank).toBe(100);
    expect(result.tiers[1].minSpend).toBe(996);
  });

  it("breaks equal spend by customer id (numeric ids numerically)", () => {
    const result = assignPyramid(
      [
        { customerId: "10", spend: 50 },
        { customerId: "9", spend: 50 },
        { customerId: "2", spend: 70 },
      ],
      { vip: 0.34, major: 0, medium: 0.33 },
    );
    expect(result.rows.map((r) => [r.customerId, r.rank, r.tier])).toEqual([
      ["2", 1, "VIP"],
      ["9", 2, "MEDIUM"],
      ["10", 3, "SMALL"],
    ]);
  });

  it("puts zero and negative spenders in SMALL even when a higher tier is left short", () => {
    const result = assignPyramid(spenders([0, 0, -5, 0]), { vip: 0.25, major: 0.25, medium: 0.25 });
    expect(result.rows.every((r) => r.tier === "SMALL")).toBe(true);
    expect(result.tiers.find((t) => t.tier === "VIP")).toMatchObject({ customers: 0, minSpend: null, spendShare: 0 });
  });

  it("reports spend share per tier", () => {
    const result = assignPyramid(spenders([600, 300, 100, 0]), { vip: 0.25, major: 0.25, medium: 0 });
    expect(result.tiers.map((t) => t.spendShare)).toEqual([0.6, 0.3, 0, 0.1]);
  });

  it("rejects duplicate customers and non-finite spend", () => {
    expect(() => assignPyramid([{ customerId: "1", spend: 1 }, { customerId: "1", spend: 2 }])).toThrow(RangeError);
    expect(() => assignPyramid([{ customerId: "1", spend: Number.NaN }])).toThrow(RangeError);
  });

  const population = fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 400 }).map(spenders);

  it("property: tiers partition the customers and ranks are 1..n", () => {
    fc.assert(
      fc.property(population, (customers) => {
        const result = assignPyramid(customers);
        expect(result.rows.length).toBe(customers.length);
        expect(new Set(result.rows.map((r) => r.customerId))).toEqual(new Set(customers.map((c) => c.customerId)));
        expect(result.rows.map((r) => r.rank)).toEqual(customers.map((_, i) => i + 1));
        expect(result.tiers.reduce((s, t) => s + t.customers, 0)).toBe(customers.length);
        for (const row of result.rows) if (row.spend <= 0) expect(row.tier).toBe("SMALL");
      }),
    );
  });

  it("property: tier sizes match the cut points within one customer (when enough customers spent)", () => {
    const positive = fc.array(fc.integer({ min: 1, max: 1000 }), { maxLength: 500 }).map(spenders);
    const shares = fc
      .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }))
      .map(([v, m, d]) => ({ vip: v / 100, major: m / 100, medium: d / 100 }));
    fc.assert(
      fc.property(positive, shares, (customers, s) => {
        const result = assignPyramid(customers, s);
        const n = customers.length;
        const ideal = [s.vip, s.major, s.medium, 1 - s.vip - s.major - s.medium].map((share) => share * n);
        result.tiers.forEach((t, i) => expect(Math.abs(t.customers - ideal[i])).toBeLessThanOrEqual(1 + 1e-9));
      }),
    );
  });

  it("property: more spend never lowers a tier", () => {
    fc.assert(
      fc.property(population, fc.nat(), fc.integer({ min: 1, max: 500 }), (customers, pick, extra) => {
        if (customers.length === 0) return;
        const i = pick % customers.length;
        const before = assignPyramid(customers).rows.find((r) => r.customerId === customers[i].customerId);
        const raised = customers.map((c, k) => (k === i ? { ...c, spend: c.spend + extra } : c));
        const after = assignPyramid(raised).rows.find((r) => r.customerId === customers[i].customerId);
        expect(tierIndex(after?.tier ?? "SMALL")).toBeLessThanOrEqual(tierIndex(before?.tier ?? "SMALL"));
        expect(after?.rank ?? 0).toBeLessThanOrEqual(before?.rank ?? 0);
      }),
    );
  });

  it("property: a higher spender never sits in a lower tier than a lower spender", () => {
    fc.assert(
      fc.property(population, (customers) => {
        const rows = assignPyramid(customers).rows;
        for (let k = 1; k < rows.length; k++) {
          expect(rows[k - 1].spend).toBeGreaterThanOrEqual(rows[k].spend);
          expect(tierIndex(rows[k - 1].tier)).toBeLessThanOrEqual(tierIndex(rows[k].tier));
        }
      }),
    );
  });
});

describe("tierMigration", () => {
  const of = (pairs: [string, Tier][]) => pairs.map(([customerId, tier]) => ({ customerId, tier }));

  it("counts up, down and same moves and the net upward percentage", () => {
    const before = of([
      ["1", "SMALL"],
      ["2", "MEDIUM"],
      ["3", "VIP"],
      ["4", "MAJOR"],
      ["5", "SMALL"],
      ["gone", "SMALL"],
    ]);
    const after = of([
      ["1", "MEDIUM"],
      ["2", "MAJOR"],
      ["3", "MAJOR"],
      ["4", "MAJOR"],
      ["5", "SMALL"],
      ["new", "VIP"],
    ]);
    const m = tierMigration(before, after);
    expect(m).toMatchObject({ up: 2, down: 1, same: 2, inBoth: 5, onlyBefore: 1, onlyAfter: 1 });
    expect(m.netUpwardPct).toBeCloseTo(20, 12);
    expect(m.matrix[TIERS.indexOf("SMALL")][TIERS.indexOf("MEDIUM")]).toBe(1);
    expect(m.matrix[TIERS.indexOf("VIP")][TIERS.indexOf("MAJOR")]).toBe(1);
    expect(m.matrix.flat().reduce((s, v) => s + v, 0)).toBe(5);
  });

  test.each([
    [[], [], 0],
    [[["1", "SMALL"]], [["2", "VIP"]], 0],
  ] as [[string, Tier][], [string, Tier][], number][])("no overlap → 0%% (%j → %j)", (b, a, pct) => {
    expect(tierMigration(of(b), of(a)).netUpwardPct).toBe(pct);
  });
});

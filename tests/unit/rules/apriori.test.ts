import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, test } from "vitest";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { parseBasketsCsv } from "@/lib/scoring/rules/analytics-csv";
import { mineAssociationRules, mineFrequentItemsets, minimumSupportCount } from "@/lib/scoring/rules/apriori";

const refdata = (file: string) => path.resolve(process.cwd(), "../shared/refdata", file);

describe("minimumSupportCount", () => {
  test.each([
    [0.01, 9835, 99],
    [0.001, 9835, 10],
    [0.001, 10000, 10],
    [0.3, 10, 3],
    [0.5, 3, 2],
    [1, 5, 5],
    [0.07, 100, 7],
    [0.5, 0, 1],
  ])("ceil(%d × %d) = %d", (s, n, expected) => {
    expect(minimumSupportCount(s, n)).toBe(expected);
  });

  test.each([0, -0.1, 1.5, Number.NaN])("rejects minSupport %d", (s) => {
    expect(() => minimumSupportCount(s, 10)).toThrow(RangeError);
  });
});

describe("groceries reference (R arules 1.7-9 at support 0.01, confidence 0.5)", () => {
  let baskets: string[][];
  beforeAll(() => {
    baskets = parseBasketsCsv(readFileSync(refdata("groceries/transactions.csv"), "utf8")).baskets;
  });

  it("reads 9,835 baskets over 169 items", () => {
    expect(baskets.length).toBe(9835);
    expect(new Set(baskets.flat()).size).toBe(169);
    expect(baskets.reduce((s, b) => s + b.length, 0)).toBe(43367);
  });

  it("finds exactly the 15 published rules (support, confidence, coverage, lift within 1e-6; counts exact)", () => {
    const reference = parse(readFileSync(refdata("groceries/rules_s0.01_c0.5.csv"), "utf8"), { columns: true }) as Record<string, string>[];
    const result = mineAssociationRules(baskets, { minSupport: 0.01, minConfidence: 0.5 });
    expect(result.minCount).toBe(99);
    expect(result.rules.length).toBe(15);
    expect(reference.length).toBe(15);
    const key = (lhs: readonly string[], rhs: string) => `${[...lhs].sort().join(",")}=>${rhs}`;
    const ours = new Map(result.rules.map((r) => [key(r.lhs, r.rhs), r]));
    for (const ref of reference) {
      const lhs = ref.lhs.replace(/^\{|\}$/g, "").split(",");
      const rhs = ref.rhs.replace(/^\{|\}$/g, "");
      const rule = ours.get(key(lhs, rhs));
      expect(rule, key(lhs, rhs)).toBeDefined();
      if (rule === undefined) continue;
      expect(Math.abs(rule.support - Number(ref.support))).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(rule.confidence - Number(ref.confidence))).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(rule.coverage - Number(ref.coverage))).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(rule.lift - Number(ref.lift))).toBeLessThanOrEqual(1e-6);
      expect(rule.count).toBe(Number(ref.count));
    }
    // Highest lift first; a rule with confidence exactly 0.5 is included (>=).
    expect(result.rules[0]).toMatchObject({ lhs: ["citrus fruit", "root vegetables"], rhs: "other vegetables", count: 102 });
    expect(result.rules.some((r) => r.confidence === 0.5)).toBe(true);
  });

  it("at support 0.001 / confidence 0.5 finds the 5,668 rules arules reports for this data", () => {
    const result = mineAssociationRules(baskets, { minSupport: 0.001, minConfidence: 0.5 });
    expect(result.minCount).toBe(10);
    expect(result.rules.length).toBe(5668);
  });

  it("a lift filter only removes rules", () => {
    const all = mineAssociationRules(baskets, { minSupport: 0.01, minConfidence: 0.5 }).rules;
    const lifted = mineAssociationRules(baskets, { minSupport: 0.01, minConfidence: 0.5, minLift: 2.5 }).rules;
    expect(lifted.map((r) => r.lift)).toEqual(all.filter((r) => r.lift >= 2.5).map((r) => r.lift));
    expect(lifted.length).toBe(4);
  });
});

/** All subsets of the items present, counted by scanning baskets: the definition, without any cleverness. */
function bruteForce(baskets: string[][], minCount: number, maxLength: number): Map<string, number> {
  const items = [...new Set(baskets.flat())].sort();
  const out = new Map<string, number>();
  const sets = baskets.map((b) => new Set(b));
  const visit = (start: number, current: string[]) => {
    for (let i = start; i < items.length; i++) {
      const next = [...current, items[i]];
      const count = sets.filter((s) => next.every((x) => s.has(x))).length;
      if (count >= minCount) {
        out.set(next.join(","), count);
        if (next.length < maxLength) visit(i + 1, next);
      }
    }
  };
  visit(0, []);
  return out;
}

describe("mining matches brute force on random small data", () => {
  const basketsArb = fc.array(fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e", "f", "g"), { maxLength: 6 }), {
    minLength: 1,
    maxLength: 60,
  });

  it("property: frequent itemsets and their counts", () => {
    fc.assert(
      fc.property(basketsArb, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 7 }), (baskets, pct, maxLength) => {
        const minSupport = pct / 100;
        const expected = bruteForce(baskets, minimumSupportCount(minSupport, baskets.length), maxLength);
        const found = mineFrequentItemsets(baskets, { minSupport, maxLength });
        expect(new Map(found.map((f) => [f.items.join(","), f.count]))).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it("property: rules, with >= on confidence and exact support counts", () => {
    fc.assert(
      fc.property(basketsArb, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 10 }), (baskets, pct, conf10) => {
        const minSupport = pct / 100;
        const minConfidence = conf10 / 10;
        const n = baskets.length;
        const counts = bruteForce(baskets, minimumSupportCount(minSupport, n), 10);
        const expected: string[] = [];
        for (const [k, count] of counts) {
          const items = k.split(",");
          if (items.length < 2) continue;
          for (const rhs of items) {
            const lhs = items.filter((x) => x !== rhs);
            const lhsCount = counts.get(lhs.join(",")) ?? 0;
            // Integer form of count / lhsCount >= conf10 / 10: no floating point involved.
            if (count * 10 >= conf10 * lhsCount) expected.push(`${lhs.join(",")}=>${rhs}:${count}`);
          }
        }
        const rules = mineAssociationRules(baskets, { minSupport, minConfidence }).rules;
        expect(rules.map((r) => `${r.lhs.join(",")}=>${r.rhs}:${r.count}`).sort()).toEqual(expected.sort());
        for (const r of rules) {
          expect(r.support).toBeCloseTo(r.count / n, 12);
          expect(r.confidence).toBeCloseTo(r.support / r.coverage, 12);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("rule details", () => {
  const baskets = [["milk", "bread"], ["milk", "bread", "eggs"], ["milk"], ["bread", "eggs"], []];

  it("counts empty baskets in N and dedupes items within a basket", () => {
    const sets = mineFrequentItemsets([...baskets, ["milk", "milk"]], { minSupport: 0.5 });
    expect(sets.find((s) => s.items.join() === "milk")).toMatchObject({ count: 4, support: 4 / 6 });
  });

  it("computes support, confidence, coverage and lift", () => {
    const { rules, transactions } = mineAssociationRules(baskets, { minSupport: 0.4, minConfidence: 0.6 });
    expect(transactions).toBe(5);
    const rule = rules.find((r) => r.lhs.join() === "eggs" && r.rhs === "bread");
    expect(rule).toEqual({ lhs: ["eggs"], rhs: "bread", support: 0.4, confidence: 1, coverage: 0.4, lift: 1 / 0.6, count: 2 });
  });

  it("limits itemset length", () => {
    const sets = mineFrequentItemsets(baskets, { minSupport: 0.2, maxLength: 1 });
    expect(sets.every((s) => s.items.length === 1)).toBe(true);
  });

  it("never produces a rule with an empty left-hand side", () => {
    const { rules } = mineAssociationRules([["a"], ["a"], ["a", "b"]], { minSupport: 0.1, minConfidence: 0 });
    expect(rules.every((r) => r.lhs.length > 0)).toBe(true);
  });

  test.each([-0.1, 1.1])("rejects confidence %d", (c) => {
    expect(() => mineAssociationRules(baskets, { minSupport: 0.1, minConfidence: c })).toThrow(RangeError);
  });
});

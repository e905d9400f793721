import { describe, expect, it, test } from "vitest";
import fc from "fast-check";
import { compareCustomerIds, cumulativeCutCounts, quantileScores, quintileScores } from "@/lib/platform/math/ranking";

describe("compareCustomerIds", () => {
  test.each([
    ["9", "10", -1],
    ["10", "9", 1],
    ["007", "7", -1],
    ["7", "007", 1],
    ["abc", "abd", -1],
    ["B", "a", -1],
    ["c-1", "c-1", 0],
    ["10", "a", -1],
    ["2", "1a", -1],
    ["1a", "10", 1],
  ])("%s vs %s", (a, b, sign) => {
    expect(Math.sign(compareCustomerIds(a, b))).toBe(sign);
  });

  it("is a total order (antisymmetric, transitive through sort)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.nat(2000).map(String), fc.constantFrom("1a", "007", "10", "2")), { maxLength: 20 }), (ids) => {
        const sorted = [...ids].sort(compareCustomerIds);
        for (let i = 1; i < sorted.length; i++) expect(compareCustomerIds(sorted[i - 1], sorted[i])).toBeLessThanOrEqual(0);
        for (const a of ids) {
          for (const b of ids) {
            expect(Math.sign(compareCustomerIds(a, b)) + Math.sign(compareCustomerIds(b, a))).toBe(0);
            for (const c of ids) {
              if (compareCustomerIds(a, b) < 0 && compareCustomerIds(b, c) < 0) expect(compareCustomerIds(a, c)).toBeLessThan(0);
            }
          }
        }
      }),
    );
  });
});

describe("cumulativeCutCounts", () => {
  test.each([
    [[0.01, 0.04, 0.15], 100, [1, 5, 20]],
    [[0.01, 0.04, 0.15], 2031, [20, 102, 406]],
    [[0.01, 0.04, 0.15], 10, [0, 1, 2]],
    [[0.01, 0.04, 0.15], 50, [1, 3, 10]],
    [[0.1, 0.2], 7, [1, 2]],
    [[0.1, 0.2], 0, [0, 0]],
  ])("shares %j of %d → %j", (shares, n, expected) => {
    expect(cumulativeCutCounts(shares, n)).toEqual(expected);
  });

  it("rejects shares above 1 in total", () => {
    expect(() => cumulativeCutCounts([0.6, 0.6], 10)).toThrow(RangeError);
  });

  it("keeps every group within one of share × n", () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 4 }), (n, raw) => {
        const total = raw.reduce((s, v) => s + v, 0) || 1;
        const shares = raw.map((v) => v / total / 1.0000001);
        const cuts = cumulativeCutCounts(shares, n);
        let previous = 0;
        cuts.forEach((c, i) => {
          expect(Math.abs(c - previous - shares[i] * n)).toBeLessThanOrEqual(1 + 1e-6);
          previous = c;
        });
      }),
    );
  });
});

describe("quintileScores", () => {
  test.each([
    [[1, 2, 3, 4, 5], [1, 2, 3, 4, 5]],
    [[50, 40, 30, 20, 10], [5, 4, 3, 2, 1]],
    [[7, 7, 7, 7, 7], [3, 3, 3, 3, 3]],
    [[7, 7, 7, 7], [2, 2, 2, 2]],
    [[1, 1, 1, 1, 1, 1, 2, 3, 4, 5], [2, 2, 2, 2, 2, 2, 4, 4, 5, 5]],
    [[], []],
  ])("%j → %j", (values, expected) => {
    expect(quintileScores(values)).toEqual(expected);
  });

  const values = fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 300 });

  it("scores are 1..5, equal values share a score, more value never scores lower", () => {
    fc.assert(
      fc.property(values, (vs) => {
        const s = quintileScores(vs);
        for (let i = 0; i < vs.length; i++) {
          expect(s[i]).toBeGreaterThanOrEqual(1);
          expect(s[i]).toBeLessThanOrEqual(5);
          for (let j = 0; j < vs.length; j++) {
            if (vs[i] === vs[j]) expect(s[i]).toBe(s[j]);
            if (vs[i] > vs[j]) expect(s[i]).toBeGreaterThanOrEqual(s[j]);
          }
        }
      }),
    );
  });

  it("with distinct values every quintile holds n/5 within one", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1e6, max: 1e6 }), { maxLength: 400 }), (vs) => {
        const s = quintileScores(vs);
        for (let q = 1; q <= 5; q++) {
          const count = s.filter((v) => v === q).length;
          expect(Math.abs(count - vs.length / 5)).toBeLessThan(1);
        }
      }),
    );
  });

  it("with ties each bucket is off its ideal size by at most the tie groups straddling its cuts", () => {
    fc.assert(
      fc.property(values, (vs) => {
        const s = quintileScores(vs);
        const largestGroup = Math.max(0, ...[...new Set(vs)].map((v) => vs.filter((w) => w === v).length));
        for (let q = 1; q <= 5; q++) {
          const count = s.filter((v) => v === q).length;
          expect(Math.abs(count - vs.length / 5)).toBeLessThanOrEqual(2 * largestGroup);
        }
      }),
    );
  });

  it("generalises to other bucket counts (deciles)", () => {
    expect(quantileScores([...Array(20).keys()], 10)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10]);
  });
});

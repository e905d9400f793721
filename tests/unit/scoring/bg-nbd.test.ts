import { beforeAll, describe, expect, it, test } from "vitest";
import fc from "fast-check";
import {
  bgnbdLogLikelihood,
  bgnbdLogLikelihoodWithGradient,
  compressBgNbdRows,
  conditionalExpectedPurchases,
  expectedPurchasesNewCustomer,
  fitBgNbd,
  probabilityAlive,
  probabilityOfPurchasesNewCustomer,
} from "@/lib/scoring/rules/bg-nbd";
import type { BgNbdFit, BgNbdParams, BgNbdRow } from "@/lib/scoring/rules/bg-nbd";
import { hyp2f1 } from "@/lib/platform/math/special";
import { numericalGradient } from "@/lib/platform/math/optimize";
import { readCdnowSummary } from "@/tests/support/cdnow";


const readSummary = readCdnowSummary;

const PUBLISHED: BgNbdParams = { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 };

describe("BG/NBD on the CDNOW sample (published values, refdata/README.md tolerances)", () => {
  let rows: (BgNbdRow & { id: number })[];
  let fit: BgNbdFit;
  beforeAll(() => {
    rows = readSummary();
    fit = fitBgNbd(rows);
  });

  it("fits r, alpha, a, b within ±0.01 and the log-likelihood -9582.43 within ±0.01", () => {
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(2357);
    expect(Math.abs(fit.params.r - 0.2426)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(fit.params.alpha - 4.4137)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(fit.params.a - 0.793)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(fit.params.b - 2.4262)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(fit.logLikelihood - -9582.43)).toBeLessThanOrEqual(0.01);
  });

  test.each([
    [1, 0.05318],
    [3, 0.15063],
    [32, 1.04373],
    [52, 1.444],
    [78, 1.85794],
  ])("E[X(%d)] for a new customer ≈ %d (±0.001)", (t, expected) => {
    expect(Math.abs(expectedPurchasesNewCustomer(fit.params, t) - expected)).toBeLessThanOrEqual(0.001);
  });

  it("customer 1516 (x=26, t_x=30.857, T=31): E[next 52 weeks] 25.757 and P(alive) 0.96885 (±0.01)", () => {
    expect(Math.abs(conditionalExpectedPurchases(fit.params, 52, 26, 30.857, 31) - 25.757)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(probabilityAlive(fit.params, 26, 30.857, 31) - 0.96885)).toBeLessThanOrEqual(0.01);
  });

  it("conditional E[purchases in 39 weeks] for x=2, t_x=30.43, T=38.86 is 1.2259 (±0.001)", () => {
    expect(Math.abs(conditionalExpectedPurchases(fit.params, 39, 2, 30.43, 38.86) - 1.2259)).toBeLessThanOrEqual(0.001);
  });

  it("sums the 39-week holdout expectation over all customers to 1653.39 (±1)", () => {
    const sum = rows.reduce((s, r) => s + conditionalExpectedPurchases(fit.params, 39, r.x, r.tx, r.T), 0);
    expect(Math.abs(sum - 1653.39)).toBeLessThanOrEqual(1);
  });

  it("P(X(39)=0) with r,alpha,a,b = 0.243, 4.414, 0.793, 2.426 is 0.57379 (±1e-4)", () => {
    const p = probabilityOfPurchasesNewCustomer({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, 0);
    expect(Math.abs(p - 0.57379)).toBeLessThanOrEqual(1e-4);
  });

  it("the fit does not depend on the row order or on compression", () => {
    const shuffled = [...rows].reverse();
    const again = fitBgNbd(shuffled, { initial: { r: 0.5, alpha: 10, a: 2, b: 5 } });
    expect(again.params.r).toBeCloseTo(fit.params.r, 4);
    expect(again.params.b).toBeCloseTo(fit.params.b, 3);
    const compressed = compressBgNbdRows(rows);
    expect(compressed.x.length).toBeLessThan(rows.length);
    expect(bgnbdLogLikelihood(PUBLISHED, compressed)).toBeCloseTo(bgnbdLogLikelihood(PUBLISHED, rows), 6);
  });
});

describe("BG/NBD likelihood", () => {
  const sample: BgNbdRow[] = [
    { x: 0, tx: 0, T: 38.86 },
    { x: 2, tx: 30.43, T: 38.86 },
    { x: 1, tx: 1.71, T: 38.86 },
    { x: 26, tx: 30.857, T: 31 },
    { x: 5, tx: 20, T: 20, weight: 3 },
  ];

  it("matches the closed form with log-gamma for one customer", () => {
    const { r, alpha, a, b } = PUBLISHED;
    const { x, tx, T } = { x: 2, tx: 30.43, T: 38.86 };
    const lg = (v: number) => {
      // Stirling-free check: ln Γ(s + x) − ln Γ(s) for integer x as a product.
      let s = 0;
      for (let k = 0; k < x; k++) s += Math.log(v + k);
      return s;
    };
    const betaRatio = Math.exp(lg(b) - lg(a + b));
    const common = Math.exp(lg(r) + r * Math.log(alpha));
    const likelihood =
      betaRatio * common * Math.pow(alpha + T, -(r + x)) + betaRatio * (a / (b + x - 1)) * common * Math.pow(alpha + tx, -(r + x));
    expect(bgnbdLogLikelihood(PUBLISHED, [{ x, tx, T }])).toBeCloseTo(Math.log(likelihood), 10);
  });

  it("weights equal repeated rows", () => {
    const one = bgnbdLogLikelihood(PUBLISHED, [{ x: 5, tx: 20, T: 20 }]);
    expect(bgnbdLogLikelihood(PUBLISHED, [{ x: 5, tx: 20, T: 20, weight: 3 }])).toBeCloseTo(3 * one, 10);
  });

  it("has an analytic gradient that matches central differences", () => {
    const data = compressBgNbdRows(sample);
    fc.assert(
      fc.property(
        fc.record({
          r: fc.double({ min: 0.05, max: 5, noNaN: true }),
          alpha: fc.double({ min: 0.5, max: 30, noNaN: true }),
          a: fc.double({ min: 0.1, max: 5, noNaN: true }),
          b: fc.double({ min: 0.1, max: 10, noNaN: true }),
        }),
        (p) => {
          const logp = [Math.log(p.r), Math.log(p.alpha), Math.log(p.a), Math.log(p.b)];
          const f = (v: readonly number[]) =>
            bgnbdLogLikelihoodWithGradient({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) }, data).value;
          const numeric = numericalGradient(f, logp, 1e-6);
          const analytic = bgnbdLogLikelihoodWithGradient(p, data).gradient;
          analytic.forEach((g, i) => expect(Math.abs(g - numeric[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(g))));
        },
      ),
      { numRuns: 50 },
    );
  });

  test.each([
    [{ x: 1.5, tx: 1, T: 2 }],
    [{ x: -1, tx: 0, T: 2 }],
    [{ x: 1, tx: 3, T: 2 }],
    [{ x: 1, tx: 1, T: 2, weight: -1 }],
  ])("rejects invalid row %j", (row) => {
    expect(() => compressBgNbdRows([row])).toThrow(RangeError);
  });

  it("refuses to fit data without any repeat purchase", () => {
    expect(() => fitBgNbd([{ x: 0, tx: 0, T: 10 }])).toThrow(RangeError);
  });
});

describe("BG/NBD predictions", () => {
  it("E[Y(t)|x=0, T=0] equals the new-customer E[X(t)]", () => {
    for (const t of [1, 10, 100]) {
      expect(conditionalExpectedPurchases(PUBLISHED, t, 0, 0, 0)).toBe(expectedPurchasesNewCustomer(PUBLISHED, t));
    }
  });

  it("the Euler-transformed conditional expectation equals the paper's form with 2F1(r+x, b+x; a+b+x−1; z)", () => {
    const { r, alpha, a, b } = PUBLISHED;
    for (const [t, x, tx, T] of [
      [39, 2, 30.43, 38.86],
      [52, 5, 20, 30],
      [10, 1, 5, 40],
    ]) {
      const z = t / (alpha + T + t);
      const paper =
        (((a + b + x - 1) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z))) /
        (1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x));
      expect(conditionalExpectedPurchases(PUBLISHED, t, x, tx, T)).toBeCloseTo(paper, 10);
    }
  });

  it("stays finite for heavy buyers and long horizons", () => {
    const v = conditionalExpectedPurchases(PUBLISHED, 520, 400, 77, 78);
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThan(0);
    expect(Number.isFinite(expectedPurchasesNewCustomer(PUBLISHED, 5000))).toBe(true);
  });

  it("is smooth through a = 1, where the formula is 0/0", () => {
    const at = (a: number) => expectedPurchasesNewCustomer({ ...PUBLISHED, a }, 20);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(Math.abs(at(1) - (at(1.001) + at(0.999)) / 2)).toBeLessThan(1e-5);
  });

  it("expected purchases grow with t and P(alive) lies in (0, 1]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 100, noNaN: true }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        (x, share, T, t) => {
          const tx = x === 0 ? 0 : share * T;
          const e1 = conditionalExpectedPurchases(PUBLISHED, t, x, tx, T);
          const e2 = conditionalExpectedPurchases(PUBLISHED, t * 2, x, tx, T);
          expect(e1).toBeGreaterThanOrEqual(0);
          expect(e2).toBeGreaterThanOrEqual(e1 - 1e-9);
          const pa = probabilityAlive(PUBLISHED, x, tx, T);
          expect(pa).toBeGreaterThan(0);
          expect(pa).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("P(X(t)=n) sums to 1 over n and its mean is E[X(t)]", () => {
    for (const t of [5, 39, 78]) {
      let total = 0;
      let mean = 0;
      for (let n = 0; n < 400; n++) {
        const p = probabilityOfPurchasesNewCustomer(PUBLISHED, t, n);
        total += p;
        mean += n * p;
      }
      expect(total).toBeCloseTo(1, 9);
      expect(mean).toBeCloseTo(expectedPurchasesNewCustomer(PUBLISHED, t), 6);
    }
  });
});

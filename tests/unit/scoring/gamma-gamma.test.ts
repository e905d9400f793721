import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, test } from "vitest";
import {
  conditionalExpectedSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  populationMeanSpend,
} from "@/lib/scoring/rules/gamma-gamma";
import type { GammaGammaFit } from "@/lib/scoring/rules/gamma-gamma";

const refdata = (file: string) => path.resolve(process.cwd(), "../shared/refdata", file);

function readRows(): { id: number; x: number; zbar: number }[] {
  const lines = readFileSync(refdata("cdnow/cdnow_customers_summary_with_transactions.csv"), "utf8").trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [id, x, , , zbar] = line.split(",").map(Number);
    return { id, x, zbar };
  });
}

describe("Gamma-Gamma on the CDNOW sample (published values, refdata/README.md tolerances)", () => {
  let rows: { id: number; x: number; zbar: number }[];
  let fit: GammaGammaFit;
  beforeAll(() => {
    rows = readRows();
    fit = fitGammaGamma(rows);
  });

  it("uses the 946 customers with x > 0 and fits p, q, v within ±0.02", () => {
    expect(fit.customers).toBe(946);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.params.p - 6.2486)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(fit.params.q - 3.7446)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(fit.params.v - 15.4484)).toBeLessThanOrEqual(0.02);
  });

  test.each([
    [1, 24.659],
    [2, 18.912],
    [6, 71.463],
    [9, 27.282],
  ])("E[spend per purchase] of customer %d ≈ %d (±0.1)", (id, expected) => {
    const row = rows.find((r) => r.id === id);
    expect(row).toBeDefined();
    if (row === undefined) return;
    expect(Math.abs(conditionalExpectedSpend(fit.params, row.x, row.zbar) - expected)).toBeLessThanOrEqual(0.1);
  });
});

describe("Gamma-Gamma details", () => {
  const params = { p: 6.25, q: 3.74, v: 15.44 };

  it("a customer with no repeat purchase gets the population mean pv/(q−1)", () => {
    expect(conditionalExpectedSpend(params, 0, 0)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
    expect(populationMeanSpend(params)).toBe(conditionalExpectedSpend(params, 0, 123));
  });

  it("moves from the population mean towards the customer's own mean as x grows", () => {
    const population = populationMeanSpend(params);
    const own = 100;
    let previous = population;
    for (const x of [1, 2, 5, 20, 100, 1000]) {
      const e = conditionalExpectedSpend(params, x, own);
      expect(e).toBeGreaterThan(previous);
      expect(e).toBeLessThan(own);
      previous = e;
    }
    expect(conditionalExpectedSpend(params, 1e7, own)).toBeCloseTo(own, 3);
  });

  it("ignores rows with x = 0 or zbar <= 0 in the likelihood", () => {
    const base = [{ x: 2, zbar: 20 }];
    expect(gammaGammaLogLikelihood(params, [...base, { x: 0, zbar: 0 }, { x: 3, zbar: 0 }])).toBe(gammaGammaLogLikelihood(params, base));
  });

  it("needs q > 1 for an expected spend", () => {
    expect(() => conditionalExpectedSpend({ p: 1, q: 0.9, v: 1 }, 1, 10)).toThrow(RangeError);
  });

  it("refuses to fit without usable rows", () => {
    expect(() => fitGammaGamma([{ x: 0, zbar: 0 }])).toThrow(RangeError);
  });
});

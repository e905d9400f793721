import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fitBgNbd, type BgNbdFit } from "@/lib/scoring/rules/bg-nbd";
import { fitGammaGamma, type GammaGammaFit } from "@/lib/scoring/rules/gamma-gamma";
import { fitParetoNbd, type ParetoNbdFit } from "@/lib/scoring/rules/pareto-nbd";
import {
  assessBgNbdFit,
  assessGammaGammaFit,
  assessParetoNbdFit,
  PARAMETER_BOUNDS,
  type FitAssessment,
  type FitProblemCode,
} from "@/lib/scoring/rules/fit-check";
import { Random } from "@/prisma/seed/random";

const refdata = (file: string) => path.resolve(process.cwd(), "../shared/refdata", file);

function readCdnow(): { x: number; tx: number; T: number; zbar: number }[] {
  const lines = readFileSync(refdata("cdnow/cdnow_customers_summary_with_transactions.csv"), "utf8").trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [, x, tx, T, zbar] = line.split(",").map(Number);
    return { x, tx, T, zbar };
  });
}

const codes = (assessment: FitAssessment): FitProblemCode[] => assessment.problems.map((p) => p.code);

/**
 * Spend without between-customer heterogeneity: every customer's amounts come from the same Gamma(4, 10).
 * The Gamma-Gamma model then has no ν-spread to estimate and its likelihood keeps rising as q, v → ∞
 * with v/q fixed whenever the sample's spread of zbar is no larger than chance alone makes it.
 */
function homogeneousSpend(seed: number): { x: number; zbar: number }[] {
  const rng = new Random(seed, 1);
  return Array.from({ length: 1000 }, () => {
    const x = rng.int(1, 8);
    let sum = 0;
    for (let k = 0; k < x; k++) sum += rng.gamma(4, 10);
    return { x, zbar: sum / x };
  });
}

/**
 * Every customer buys at the same rate (0.2 a week) and none ever leaves: the purchase-rate spread and
 * the dropout the models estimate are both absent, so r, α → ∞ and s → 0 (Pareto/NBD) or a → 0 (BG/NBD).
 */
function identicalRates(seed: number): { x: number; tx: number; T: number }[] {
  const rng = new Random(seed, 2);
  return Array.from({ length: 1000 }, () => {
    const T = rng.uniform(20, 52);
    let time = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      time += rng.exponential(0.2);
      if (time > T) break;
      x++;
      tx = time;
    }
    return { x, tx, T };
  });
}

describe("fit checks", () => {
  let bg: BgNbdFit;
  let pareto: ParetoNbdFit;
  let gg: GammaGammaFit;
  beforeAll(() => {
    const rows = readCdnow();
    bg = fitBgNbd(rows);
    pareto = fitParetoNbd(rows);
    gg = fitGammaGamma(rows);
  });

  it("the CDNOW reference fits of all three models are usable", () => {
    expect(assessBgNbdFit(bg)).toEqual({ usable: true, problems: [] });
    expect(assessParetoNbdFit(pareto)).toEqual({ usable: true, problems: [] });
    expect(assessGammaGammaFit(gg)).toEqual({ usable: true, problems: [] });
  });

  it("the bounds are documented for every parameter of every model", () => {
    expect(Object.keys(PARAMETER_BOUNDS.bgnbd)).toEqual(Object.keys(bg.params));
    expect(Object.keys(PARAMETER_BOUNDS.paretoNbd)).toEqual(Object.keys(pareto.params));
    expect(Object.keys(PARAMETER_BOUNDS.gammaGamma)).toEqual(Object.keys(gg.params));
  });

  it("a fit that did not converge is not usable", () => {
    const assessment = assessParetoNbdFit({ ...pareto, converged: false, reason: "maxIterations" });
    expect(assessment.usable).toBe(false);
    expect(codes(assessment)).toEqual(["not-converged"]);
    expect(assessment.problems[0].detail).toContain("maxIterations");
  });

  it("NaN or infinite parameters or log-likelihoods are not usable", () => {
    const nan = assessBgNbdFit({ ...bg, params: { ...bg.params, alpha: Number.NaN } });
    expect(nan.usable).toBe(false);
    expect(nan.problems).toContainEqual(expect.objectContaining({ code: "non-finite", parameter: "alpha" }));
    const infinite = assessParetoNbdFit({ ...pareto, params: { ...pareto.params, beta: Number.POSITIVE_INFINITY } });
    expect(infinite.usable).toBe(false);
    expect(infinite.problems).toContainEqual(expect.objectContaining({ code: "non-finite", parameter: "beta" }));
    const ggInfinite = assessGammaGammaFit({ ...gg, params: { ...gg.params, v: Number.POSITIVE_INFINITY } });
    expect(ggInfinite.usable).toBe(false);
    expect(codes(ggInfinite)).toContain("non-finite");
    expect(codes(assessBgNbdFit({ ...bg, logLikelihood: Number.NaN }))).toEqual(["non-finite"]);
    expect(codes(assessBgNbdFit({ ...bg, hessian: [[Number.NaN, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] }))).toEqual(["non-finite"]);
  });

  it("the demo data's diverged Gamma-Gamma fit (p ≈ 2.7e-51, q ≈ 4.7e17, v ≈ 1.6e81) is not usable", () => {
    const assessment = assessGammaGammaFit({ ...gg, params: { p: 2.7e-51, q: 4.7e17, v: 1.6e81 } });
    expect(assessment.usable).toBe(false);
    expect(assessment.problems).toContainEqual(expect.objectContaining({ code: "out-of-bounds", parameter: "p" }));
    expect(assessment.problems).toContainEqual(expect.objectContaining({ code: "out-of-bounds", parameter: "q" }));
    expect(assessment.problems).toContainEqual(expect.objectContaining({ code: "out-of-bounds", parameter: "v" }));
    // q > 1, so the old check let it through; its population mean p·v/(q−1) ≈ 9e12 is absurd next to ≈35.
    expect(codes(assessment)).toContain("implausible-mean");
  });

  it("Gamma-Gamma needs q > 1 for a finite population mean spend", () => {
    const assessment = assessGammaGammaFit({ ...gg, params: { ...gg.params, q: 0.9 } });
    expect(assessment.usable).toBe(false);
    expect(assessment.problems).toContainEqual(expect.objectContaining({ code: "invalid-mean", parameter: "q" }));
  });

  it("a likelihood that is flat, or not at a maximum, at the fit is at a boundary", () => {
    const saddle = assessBgNbdFit({ ...bg, hessian: [[1, 0, 0, 0], [0, -0.1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] });
    expect(codes(saddle)).toEqual(["at-boundary"]);
    // Curvature 1e-5 per customer on 2,357 customers: a standard error of 6.5 in some log-parameter direction.
    const flat = assessBgNbdFit({ ...bg, hessian: [[1, 0, 0, 0], [0, 1e-5, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] });
    expect(codes(flat)).toEqual(["at-boundary"]);
    expect(flat.problems[0].detail).toContain("standard error");
  });

  it("a real Gamma-Gamma fit that runs off (homogeneous spend) is rejected even though the optimizer 'converged'", () => {
    // With this seed q runs to ≈6e6 and v with it; the optimizer reports convergence on the flat ridge.
    const runaway = fitGammaGamma(homogeneousSpend(3));
    expect(runaway.converged).toBe(true);
    expect(runaway.params.q).toBeGreaterThan(1e6);
    const assessment = assessGammaGammaFit(runaway);
    expect(assessment.usable).toBe(false);
    expect(codes(assessment)).toContain("at-boundary");
    expect(assessment.problems).toContainEqual(expect.objectContaining({ code: "out-of-bounds", parameter: "q" }));
  });

  it("a Gamma-Gamma fit still on its way out (q in bounds, likelihood flat) is caught by the curvature rule alone", () => {
    // With this seed the optimizer stops at q ≈ 580, inside the bounds, on a ridge: multiplying q and v
    // by 10 costs 0.26 in log-likelihood, by 10,000 only 0.33 (a standard error of 3.8 in that direction).
    const drifting = fitGammaGamma(homogeneousSpend(1));
    expect(drifting.params.q).toBeGreaterThan(100);
    expect(drifting.params.q).toBeLessThan(PARAMETER_BOUNDS.gammaGamma.q.max);
    expect(codes(assessGammaGammaFit(drifting))).toEqual(["at-boundary"]);
  });

  it("real Pareto/NBD and BG/NBD fits that run off (identical purchase rates, no dropout) are rejected", () => {
    const rows = identicalRates(3);
    const paretoRunaway = fitParetoNbd(rows);
    const paretoAssessment = assessParetoNbdFit(paretoRunaway);
    expect(paretoRunaway.params.s).toBeLessThan(1e-4);
    expect(paretoAssessment.usable).toBe(false);
    expect(codes(paretoAssessment)).toContain("at-boundary");
    expect(paretoAssessment.problems).toContainEqual(expect.objectContaining({ code: "out-of-bounds", parameter: "s" }));

    const bgRunaway = fitBgNbd(rows);
    const bgAssessment = assessBgNbdFit(bgRunaway);
    expect(bgRunaway.params.a).toBeLessThan(1e-4);
    expect(bgAssessment.usable).toBe(false);
    expect(codes(bgAssessment)).toContain("at-boundary");
    expect(bgAssessment.problems).toContainEqual(expect.objectContaining({ code: "out-of-bounds", parameter: "a" }));
  });
});

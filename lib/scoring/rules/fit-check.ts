/**
 * Whether a fitted BG/NBD, Pareto/NBD or Gamma-Gamma model may be used for predictions. The optimizers
 * search log-parameters without bounds, so a likelihood that keeps improving towards 0 or ∞ ends with a
 * "converged" fit at absurd values: on the demo data Gamma-Gamma stopped at p ≈ 2.7e-51, q ≈ 4.7e17,
 * v ≈ 1.6e81 and the predicted spends exploded. Every problem found makes the fit unusable; callers
 * should then go without model-based predictions rather than use the fit.
 */

import { symmetricEigenvalues } from "@/lib/platform/math/curvature";
import type { BgNbdFit } from "@/lib/scoring/rules/bg-nbd";
import type { GammaGammaFit } from "@/lib/scoring/rules/gamma-gamma";
import type { ParetoNbdFit } from "@/lib/scoring/rules/pareto-nbd";

export type FitProblemCode =
  /** The optimizer stopped without meeting its convergence test. */
  | "not-converged"
  /** A parameter, the log-likelihood or the curvature is NaN or infinite. */
  | "non-finite"
  /** A parameter lies outside PARAMETER_BOUNDS. */
  | "out-of-bounds"
  /** The likelihood is (nearly) flat along some direction at the fit: the fit is running off to a boundary. */
  | "at-boundary"
  /** Gamma-Gamma: q ≤ 1 or p·v/(q−1) not finite and positive, so there is no population mean spend. */
  | "invalid-mean"
  /** Gamma-Gamma: the population mean spend is more than a factor 10 away from the customers' mean spend. */
  | "implausible-mean";

export interface FitProblem {
  code: FitProblemCode;
  parameter?: string;
  value?: number;
  detail: string;
}

export interface FitAssessment {
  usable: boolean;
  problems: FitProblem[];
}

/**
 * Plausible ranges of the parameters. They are wide on purpose: they reject values no real customer base
 * produces, such as shapes of 1e-51 or 1e17, and leave finer judgement to the curvature rule below.
 * - Shapes (r, s, a, b, p, q) are dimensionless. A gamma shape k means a coefficient of variation of
 *   1/√k across customers, so 1e-4..1e4 spans CVs from 100 (all but a handful of customers buy, die or
 *   spend at rate ≈ 0) to 1% (everyone identical); beyond either end the model has degenerated into a
 *   simpler one and the parameter is no longer estimated, only pushed.
 * - Time scales (α, β) are in the data's time unit (weeks or days): α/r is the mean time between
 *   purchases and β/s the mean lifetime. 1e-4..1e6 allows shapes anywhere in their range with mean
 *   times from minutes to millennia in either unit.
 * - The spend scale v is in money: the population mean is p·v/(q−1), so v ≈ mean spend × (q−1)/p.
 *   1e-6..1e12 covers means from cents to millions in any currency unit with p, q in range.
 */
export const PARAMETER_BOUNDS: Record<"bgnbd" | "paretoNbd" | "gammaGamma", Record<string, { min: number; max: number }>> = {
  bgnbd: {
    r: { min: 1e-4, max: 1e4 },
    alpha: { min: 1e-4, max: 1e6 },
    a: { min: 1e-4, max: 1e4 },
    b: { min: 1e-4, max: 1e4 },
  },
  paretoNbd: {
    r: { min: 1e-4, max: 1e4 },
    alpha: { min: 1e-4, max: 1e6 },
    s: { min: 1e-4, max: 1e4 },
    beta: { min: 1e-4, max: 1e6 },
  },
  gammaGamma: {
    p: { min: 1e-4, max: 1e4 },
    q: { min: 1e-4, max: 1e4 },
    v: { min: 1e-6, max: 1e12 },
  },
};

/**
 * The boundary rule. The fits report H, the Hessian of the mean negative log-likelihood in log-parameters;
 * N·H is then the observed information, and 1/√(N·λ_min) the standard error of the worst-determined
 * combination of log-parameters (λ_min the smallest eigenvalue of H). A fit is at a boundary when that
 * standard error exceeds 2, i.e. its 95% interval spans more than a factor e^±3.9 ≈ 50 either way — or when
 * H is not positive definite at all. A fit running off to 0 or ∞ has λ_min ≈ 0 (the likelihood only
 * changes by rounding along the run-off direction); the CDNOW reference fits have standard errors of
 * 0.61 (Pareto/NBD), 0.37 (BG/NBD) and 0.33 (Gamma-Gamma) on 2,357 / 2,357 / 946 customers.
 */
export const MAX_LOG_STANDARD_ERROR = 2;
/** How far the Gamma-Gamma population mean may be from the customers' own mean spend before it is implausible. */
export const MAX_MEAN_SPEND_RATIO = 10;

interface GenericFit {
  params: Record<string, number>;
  logLikelihood: number;
  converged: boolean;
  reason: string;
  customers: number;
  hessian: number[][];
}

function assessGeneric(fit: GenericFit, bounds: Record<string, { min: number; max: number }>): FitProblem[] {
  const problems: FitProblem[] = [];
  if (!fit.converged) {
    problems.push({ code: "not-converged", detail: `the optimizer stopped without converging (reason: ${fit.reason})` });
  }
  if (!Number.isFinite(fit.logLikelihood)) {
    problems.push({ code: "non-finite", value: fit.logLikelihood, detail: `the log-likelihood is ${fit.logLikelihood}` });
  }
  let parametersFinite = true;
  for (const [name, { min, max }] of Object.entries(bounds)) {
    const value = fit.params[name];
    if (!Number.isFinite(value)) {
      parametersFinite = false;
      problems.push({ code: "non-finite", parameter: name, value, detail: `${name} is ${value}` });
    } else if (!(value >= min && value <= max)) {
      problems.push({ code: "out-of-bounds", parameter: name, value, detail: `${name} = ${value} is outside [${min}, ${max}]` });
    }
  }
  if (parametersFinite) problems.push(...curvatureProblems(fit));
  return problems;
}

function curvatureProblems(fit: GenericFit): FitProblem[] {
  const eigenvalues = symmetricEigenvalues(fit.hessian);
  const smallest = eigenvalues[0];
  if (!Number.isFinite(smallest)) {
    return [{ code: "non-finite", detail: "the likelihood's curvature at the fit is not finite" }];
  }
  const information = smallest * fit.customers;
  if (information > 0 && 1 / Math.sqrt(information) <= MAX_LOG_STANDARD_ERROR) return [];
  const detail =
    information > 0
      ? `the likelihood is nearly flat at the fit: the worst-determined log-parameter combination has a ` +
        `standard error of ${(1 / Math.sqrt(information)).toPrecision(3)} (at most ${MAX_LOG_STANDARD_ERROR} allowed)`
      : `the likelihood is flat or not at a maximum at the fit (smallest curvature ${smallest.toPrecision(3)})`;
  return [{ code: "at-boundary", value: smallest, detail }];
}

function finish(problems: FitProblem[]): FitAssessment {
  return { usable: problems.length === 0, problems };
}

export function assessBgNbdFit(fit: BgNbdFit): FitAssessment {
  return finish(assessGeneric({ ...fit, params: { ...fit.params } }, PARAMETER_BOUNDS.bgnbd));
}

export function assessParetoNbdFit(fit: ParetoNbdFit): FitAssessment {
  return finish(assessGeneric({ ...fit, params: { ...fit.params } }, PARAMETER_BOUNDS.paretoNbd));
}

/** Also needs q > 1 and a finite, positive population mean p·v/(q−1) near the customers' mean spend. */
export function assessGammaGammaFit(fit: GammaGammaFit): FitAssessment {
  const problems = assessGeneric({ ...fit, params: { ...fit.params } }, PARAMETER_BOUNDS.gammaGamma);
  const { p, q, v } = fit.params;
  if (!(q > 1)) {
    problems.push({ code: "invalid-mean", parameter: "q", value: q, detail: `q = ${q} <= 1: the population mean spend is infinite` });
  } else {
    const mean = (p * v) / (q - 1);
    if (!(Number.isFinite(mean) && mean > 0)) {
      problems.push({ code: "invalid-mean", value: mean, detail: `the population mean spend p·v/(q−1) is ${mean}` });
    } else if (!(mean <= fit.meanSpend * MAX_MEAN_SPEND_RATIO && mean >= fit.meanSpend / MAX_MEAN_SPEND_RATIO)) {
      problems.push({
        code: "implausible-mean",
        value: mean,
        detail: `the population mean spend ${mean.toPrecision(4)} is more than a factor ${MAX_MEAN_SPEND_RATIO} away from the customers' mean spend ${fit.meanSpend.toPrecision(4)}`,
      });
    }
  }
  return finish(problems);
}

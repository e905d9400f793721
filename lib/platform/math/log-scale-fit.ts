import { finiteDifferenceHessian } from "@/lib/platform/math/curvature";
import { minimizeRobust, type MinimizeResult } from "@/lib/platform/math/optimize";

/** What every model fit reports, whatever its parameters: the fit checks (fit-check.ts) read it. */
export interface ModelFit<P> {
  params: P;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  /** Customers (total weight) the likelihood was summed over. */
  customers: number;
  /** Why the optimizer stopped. */
  reason: MinimizeResult["reason"];
  /**
   * Hessian of the mean negative log-likelihood with respect to the log-parameters at the fit, by
   * central differences of the analytic gradient: the curvature the fit checks look at.
   */
  hessian: number[][];
}

/**
 * Maximum likelihood for a model whose parameters are all positive: the search runs on their logs and
 * minimises the mean negative log-likelihood, so gradient tolerances do not depend on the number of
 * customers. BFGS with the analytic gradient first; if it stops without converging, Nelder–Mead
 * restarts from its point and BFGS polishes the result (minimizeRobust).
 */
export function fitOnLogScale<P>(spec: {
  /** Total log-likelihood and its gradient with respect to the log-parameters. */
  logLikelihood: (params: P) => { value: number; gradient: readonly number[] };
  toParams: (logParams: readonly number[]) => P;
  initialLog: number[];
  customers: number;
  maxIterations?: number;
}): ModelFit<P> {
  const scale = 1 / spec.customers;
  const objective = (v: readonly number[]) => {
    const { value, gradient } = spec.logLikelihood(spec.toParams(v));
    return { value: -value * scale, gradient: gradient.map((g) => -g * scale) };
  };
  const result = minimizeRobust(objective, spec.initialLog, spec.maxIterations === undefined ? {} : { maxIterations: spec.maxIterations });
  return {
    params: spec.toParams(result.x),
    logLikelihood: -result.value * spec.customers,
    iterations: result.iterations,
    converged: result.converged,
    customers: spec.customers,
    reason: result.reason,
    hessian: finiteDifferenceHessian(objective, result.x),
  };
}

/**
 * Pareto/NBD "buy till you die" model (Schmittlein, Morrison & Colombo 1987; the likelihood as derived in
 * Fader & Hardie, "A Note on Deriving the Pareto/NBD Model and Related Expressions", 2005). While alive a
 * customer buys as a Poisson process with rate λ ~ Gamma(r, α); the lifetime is exponential with rate
 * μ ~ Gamma(s, β), independent of λ. Unlike BG/NBD, a customer can die without having bought again, so
 * P(alive) falls with T even for x = 0. Inputs per customer are x, t_x and T as in bg-nbd.ts.
 *
 * The likelihood of one customer is
 *   L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s·I ],
 *   I = ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ,
 * the second term being "alive at τ, dies at τ" integrated over the unobserved death time. The note
 * writes I as (A0 / (r+s+x)) with A0 a difference of two 2F1(r+s+x, ·; r+s+x+1; z) terms and a case
 * split on α ≥ β; here I = J(t_x) − J(T) with the tail integral J(τ) = ∫_τ^∞ (same integrand), which is
 * that note's 2F1 term (see seriesTail), computed in log space and with its parameter gradient.
 *
 * The general hyp2f1 in lib/platform/math/special.ts is not used: in the note's form the powers
 * (α+t_x)^(r+s+x) overflow for large x, and for z just above 0.9 its 1 − z connection formula cancels
 * badly when r+s+x is large (relative errors up to 1.6e-3 at x = 150, z = 0.901).
 */

import { fitOnLogScale, type ModelFit } from "@/lib/platform/math/log-scale-fit";
import { gaussLegendre } from "@/lib/platform/math/quadrature";
import {
  compressRepeatPurchaseRows,
  isCompressedRepeatPurchases,
  risingLogTable,
  validateRepeatPurchaseRow,
  type CompressedRepeatPurchases,
  type RepeatPurchaseRow,
} from "@/lib/scoring/rules/repeat-purchases";

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

export type ParetoNbdRow = RepeatPurchaseRow;

function checkParams(p: ParetoNbdParams): void {
  if (![p.r, p.alpha, p.s, p.beta].every((v) => v > 0 && Number.isFinite(v))) {
    throw new RangeError(
      `Pareto/NBD parameters must be positive and finite (got r=${p.r}, alpha=${p.alpha}, s=${p.s}, beta=${p.beta})`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// The tail integral J(τ) = α^r β^s ∫_τ^∞ (α+u)^−(r+x) (β+u)^−(s+1) du, in log space with its gradient.
// (The α^r β^s factor of the likelihood is folded in so that huge r or s never meet huge logs.)
// ---------------------------------------------------------------------------------------------------

/** Relative size below which the remaining series terms are dropped. */
const SERIES_TOLERANCE = 1e-17;
/**
 * A series that needs more terms than this is replaced by quadrature near τ (z close to 1). A term costs
 * a few nanoseconds and a quadrature a few microseconds, so the series is kept up to about z ≈ 0.96.
 */
const SERIES_MAX_TERMS = 1000;
/** Where quadrature hands over to the series: z = 1/2, so the series needs at most ~60 terms. */
const SPLIT_Z = 0.5;
const GL = gaussLegendre(12);
/** Panel limits: the log-integrand may change by at most PANEL_SLOPE_BUDGET over a panel of at most PANEL_MAX_WIDTH. */
const PANEL_SLOPE_BUDGET = 8;
const PANEL_MAX_WIDTH = 2;
/** Panels whose log-integrand is this far below the peak contribute less than e^-45 ≈ 3e-20 of the integral. */
const NEGLIGIBLE_LOG = 45;
const MAX_PANELS = 400;

// Scratch buffers, so the per-point work allocates nothing. Each is filled and read by one function
// before any other call can touch it (everything here is synchronous).
// Derivatives of ln H(p, q, z) with respect to p (q fixed), q (p fixed) and z, set by logEulerSeries.
const seriesDerivatives = new Float64Array(3);

/**
 * Whether the stopping rule of logEulerSeries is sure to be met within n terms, so that a series that
 * would run out of terms is not started at all. With b = q − p, (p+k)/(q+k) ≤ exp(−b/(q+k)) gives
 * u_n ≤ z^n (q/(q+n))^b, and the sum is at least 1.
 */
function seriesFinishesWithin(p: number, q: number, z: number, n: number): boolean {
  if (z <= 0) return true;
  const logTerm = n * Math.log(z) - (q - p) * Math.log1p(n / q);
  return logTerm + Math.log((z / (1 - z)) * (n + 2 + 1 / (1 - z))) <= Math.log(SERIES_TOLERANCE);
}

/**
 * ln H with H(p, q, z) = 2F1(1, p; q; z) = Σ_n (p)_n / (q)_n z^n for 0 ≤ z < 1 and 0 < p < q.
 * Every term is positive and the term ratio (p+n) z / (q+n) stays below z, so there is no cancellation
 * and the tail after a term u is below u·z/(1−z); the derivative sums ride along in the same loop.
 * Returns NaN when the series would need more than maxTerms terms.
 */
function logEulerSeries(p: number, q: number, z: number, maxTerms: number): number {
  if (!seriesFinishesWithin(p, q, z, maxTerms)) return Number.NaN;
  if (z === 0) {
    seriesDerivatives[0] = 0;
    seriesDerivatives[1] = 0;
    seriesDerivatives[2] = p / q;
    return 0;
  }
  let term = 1;
  let sum = 1;
  let sumP = 0;
  let sumQ = 0;
  let sumZ = 0;
  let harmonicP = 0;
  let harmonicQ = 0;
  const ratioBound = z / (1 - z);
  for (let n = 0; n < maxTerms; n++) {
    harmonicP += 1 / (p + n);
    harmonicQ += 1 / (q + n);
    term *= ((p + n) * z) / (q + n);
    sum += term;
    // d ln u_n / dp = Σ_{k<n} 1/(p+k), d ln u_n / dq = −Σ_{k<n} 1/(q+k), d u_n / dz = n u_n / z.
    sumP += term * harmonicP;
    sumQ += term * harmonicQ;
    sumZ += (n + 1) * term;
    // Bound on what is left of Σ n·u_n as well as of Σ u_n: u·z/(1−z)·(n + 1/(1−z)).
    if (term * ratioBound * (n + 2 + 1 / (1 - z)) <= SERIES_TOLERANCE * sum) {
      seriesDerivatives[0] = sumP / sum;
      seriesDerivatives[1] = -sumQ / sum;
      seriesDerivatives[2] = sumZ / (sum * z);
      return Math.log(sum);
    }
  }
  return Number.NaN;
}

/**
 * J(τ) by the hypergeometric series. With m = r+s+x, "big" the larger of α, β and z = |α−β| / (big+τ),
 * the note's term is J = 2F1(m, b; m+1; z) / (m (big+τ)^m) (times α^r β^s), b = s+1 when α ≥ β and
 * b = r+x otherwise. Euler's transformation 2F1(m, b; m+1; z) = (1−z)^(1−b) 2F1(1, m+1−b; m+1; z)
 * turns it into the all-positive series H above, and 1 − z = (small+τ)/(big+τ) makes the prefactor a
 * product of powers, so everything is a sum of logs (no overflow for large x):
 *   α ≥ β: ln J = ℓ − x ln(α+τ) + ln H(r+x, m+1, z) − ln m
 *   α < β: ln J = ℓ + (1−x) ln(α+τ) − ln(β+τ) + ln H(s+1, m+1, z) − ln m
 * with ℓ = −r ln(1+τ/α) − s ln(1+τ/β). The gradient (natural parameters, τ held fixed) goes to g.
 * Returns NaN when z is so close to 1 that the series would be slow (see tailIntegral).
 */
function seriesTail(params: ParetoNbdParams, x: number, tau: number, g: Float64Array, maxTerms: number): number {
  const { r, alpha, s, beta } = params;
  const m = r + s + x;
  const la = Math.log1p(tau / alpha);
  const lb = Math.log1p(tau / beta);
  const aT = alpha + tau;
  const bT = beta + tau;
  const ell = -r * la - s * lb;
  const dEllAlpha = (r * tau) / (alpha * aT);
  const dEllBeta = (s * tau) / (beta * bT);
  if (alpha >= beta) {
    const z = (alpha - beta) / aT;
    const logH = logEulerSeries(r + x, m + 1, z, maxTerms);
    if (Number.isNaN(logH)) return logH;
    const hp = seriesDerivatives[0];
    const hq = seriesDerivatives[1];
    const hz = seriesDerivatives[2];
    g[0] = -la + hp + hq - 1 / m;
    g[1] = dEllAlpha - x / aT + (hz * bT) / (aT * aT);
    g[2] = -lb + hq - 1 / m;
    g[3] = dEllBeta - hz / aT;
    return ell - x * Math.log(aT) + logH - Math.log(m);
  }
  const z = (beta - alpha) / bT;
  const logH = logEulerSeries(s + 1, m + 1, z, maxTerms);
  if (Number.isNaN(logH)) return logH;
  const hp = seriesDerivatives[0];
  const hq = seriesDerivatives[1];
  const hz = seriesDerivatives[2];
  g[0] = -la + hq - 1 / m;
  g[1] = dEllAlpha + (1 - x) / aT - hz / bT;
  g[2] = -lb + hp + hq - 1 / m;
  g[3] = dEllBeta - 1 / bT + (hz * aT) / (bT * bT);
  return ell + (1 - x) * Math.log(aT) - Math.log(bT) + logH - Math.log(m);
}

const quadratureSums = new Float64Array(5);

/**
 * ∫_{τ}^{τ*} of the integrand by Gauss–Legendre panels, where τ* = 2|α−β| − max(α, β) is the point at
 * which z = 1/2. Needed only when z(τ) is close to 1 (α and β far apart and τ small): there the series
 * converges like z^n, and the 1 − z connection formula both cancels badly for large x and is singular
 * at integer s. The variable is w = ln(σ/d) with σ = min(α,β) + u and d = |α−β|, so τ* is w = 0; in w
 * the log-integrand is (1−b)w − p ln(1+e^w) + const, which is concave and whose only singularities are at
 * Im w = ±π, so panels of bounded width and bounded log-change are integrated to rounding accuracy.
 * Panels are laid out from the peak of the integrand outwards and stop once negligible.
 * Returns ln of the integral; the gradient (u held fixed) goes to g. NaN if the panel budget runs out.
 */
function quadratureHead(params: ParetoNbdParams, x: number, tau: number, g: Float64Array): number {
  const { r, alpha, s, beta } = params;
  const small = Math.min(alpha, beta);
  const d = Math.abs(alpha - beta);
  const logD = Math.log(d);
  const logAlpha = Math.log(alpha);
  const logBeta = Math.log(beta);
  const rx = r + x;
  const s1 = s + 1;
  const psi = (w: number): number => {
    const u = d * Math.exp(w) - small;
    const la = Math.log1p(u / alpha);
    const lb = Math.log1p(u / beta);
    return -r * la - s * lb - x * (logAlpha + la) - (logBeta + lb) + w + logD;
  };
  const slope = (w: number): number => {
    const sigma = d * Math.exp(w);
    const u = sigma - small;
    return 1 - sigma * (rx / (alpha + u) + s1 / (beta + u));
  };
  const wLow = Math.log((small + tau) / d);
  // The peak of the concave log-integrand: where the slope 1 − b − p·v vanishes, v = e^w/(1+e^w).
  let wPeak: number;
  if (slope(wLow) <= 0) wPeak = wLow;
  else if (slope(0) >= 0) wPeak = 0;
  else {
    const [b, p] = alpha >= beta ? [s1, rx] : [rx, s1];
    const v = (1 - b) / p;
    wPeak = Math.min(0, Math.max(wLow, Math.log(v / (1 - v))));
  }
  const psiPeak = psi(wPeak);
  quadratureSums.fill(0);
  let panels = 0;
  const march = (from: number, to: number): boolean => {
    const direction = Math.sign(to - from);
    let w = from;
    while (direction * (to - w) > 1e-14 * Math.max(1, Math.abs(w))) {
      if (++panels > MAX_PANELS) return false;
      const remaining = Math.abs(to - w);
      // |slope| grows away from the peak, so the far end of a panel bounds the slope over it.
      let width = Math.min(PANEL_MAX_WIDTH, remaining, PANEL_SLOPE_BUDGET / Math.max(Math.abs(slope(w)), 1e-300));
      const farSlope = Math.abs(slope(w + direction * width));
      if (farSlope * width > PANEL_SLOPE_BUDGET) width = PANEL_SLOPE_BUDGET / farSlope;
      const end = direction > 0 ? Math.min(to, w + width) : Math.max(to, w - width);
      addPanel(Math.min(w, end), Math.max(w, end));
      w = end;
      if (psi(w) < psiPeak - NEGLIGIBLE_LOG) break;
    }
    return true;
  };
  const addPanel = (a: number, b: number): void => {
    const half = (b - a) / 2;
    const mid = (a + b) / 2;
    for (let i = 0; i < GL.nodes.length; i++) {
      const w = mid + half * GL.nodes[i];
      const sigma = d * Math.exp(w);
      const u = sigma - small;
      const la = Math.log1p(u / alpha);
      const lb = Math.log1p(u / beta);
      const logValue = -r * la - s * lb - x * (logAlpha + la) - (logBeta + lb) + w + logD;
      const weight = half * GL.weights[i] * Math.exp(logValue - psiPeak);
      quadratureSums[0] += weight;
      quadratureSums[1] += weight * -la;
      quadratureSums[2] += weight * (r / alpha - rx / (alpha + u));
      quadratureSums[3] += weight * -lb;
      quadratureSums[4] += weight * (s / beta - s1 / (beta + u));
    }
  };
  if (!march(wPeak, 0) || !march(wPeak, wLow)) return Number.NaN;
  const total = quadratureSums[0];
  for (let k = 0; k < 4; k++) g[k] = quadratureSums[k + 1] / total;
  return psiPeak + Math.log(total);
}

const headGradient = new Float64Array(4);
const tailGradient = new Float64Array(4);

/**
 * ln J(τ) and its gradient with respect to (r, α, s, β): the series where it converges quickly, else
 * quadrature from τ up to the point τ* where z = 1/2 plus the series from τ*. Both pieces are
 * differentiated with τ* held fixed; that is exact, because moving τ* only moves mass between them.
 */
function tailIntegral(params: ParetoNbdParams, x: number, tau: number, g: Float64Array): number {
  const direct = seriesTail(params, x, tau, g, SERIES_MAX_TERMS);
  if (!Number.isNaN(direct)) return direct;
  const { alpha, beta } = params;
  const tauSplit = Math.abs(alpha - beta) / SPLIT_Z - Math.max(alpha, beta);
  const logTail = seriesTail(params, x, tauSplit, tailGradient, SERIES_MAX_TERMS);
  const logHead = quadratureHead(params, x, tau, headGradient);
  const top = Math.max(logHead, logTail);
  const eHead = Math.exp(logHead - top);
  const eTail = Math.exp(logTail - top);
  const total = eHead + eTail;
  for (let k = 0; k < 4; k++) g[k] = (eHead * headGradient[k] + eTail * tailGradient[k]) / total;
  return top + Math.log(total);
}

/**
 * ln of the "still alive at T" term α^r β^s (α+T)^−(r+x) (β+T)^−s, with its gradient in (r, α, s, β).
 */
function aliveTerm(params: ParetoNbdParams, x: number, T: number, g: Float64Array): number {
  const { r, alpha, s, beta } = params;
  const la = Math.log1p(T / alpha);
  const lb = Math.log1p(T / beta);
  const aT = alpha + T;
  g[0] = -la;
  g[1] = (r * T) / (alpha * aT) - x / aT;
  g[2] = -lb;
  g[3] = (s * T) / (beta * (beta + T));
  return -r * la - s * lb - x * Math.log(aT);
}

// ---------------------------------------------------------------------------------------------------
// Likelihood over many customers
// ---------------------------------------------------------------------------------------------------

/**
 * The rows plus an index of the distinct (x, τ) points they need J at: J(t_x) and J(T) depend on the row
 * only through (x, t_x) and (x, T), and with times in whole days those repeat far more than rows do.
 */
interface PreparedRows {
  data: CompressedRepeatPurchases;
  pointX: Int32Array;
  pointTau: Float64Array;
  /** Point of (x, t_x) per row, or −1 when t_x = T (no time to die unobserved: I = 0). */
  rowTx: Int32Array;
  /** Point of (x, T) per row. */
  rowT: Int32Array;
}

function prepare(data: CompressedRepeatPurchases): PreparedRows {
  const index = new Map<string, number>();
  const xs: number[] = [];
  const taus: number[] = [];
  const pointOf = (x: number, tau: number): number => {
    const key = `${x}|${tau}`;
    let at = index.get(key);
    if (at === undefined) {
      at = xs.length;
      index.set(key, at);
      xs.push(x);
      taus.push(tau);
    }
    return at;
  };
  const n = data.x.length;
  const rowTx = new Int32Array(n);
  const rowT = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    rowT[i] = pointOf(data.x[i], data.T[i]);
    rowTx[i] = data.tx[i] < data.T[i] ? pointOf(data.x[i], data.tx[i]) : -1;
  }
  return { data, pointX: Int32Array.from(xs), pointTau: Float64Array.from(taus), rowTx, rowT };
}

/** Total log-likelihood and its gradient with respect to (ln r, ln α, ln s, ln β); no validation. */
function logLikelihoodWithGradient(
  params: ParetoNbdParams,
  prepared: PreparedRows,
): { value: number; gradient: [number, number, number, number] } {
  const { r, alpha, s, beta } = params;
  const { data, pointX, pointTau, rowTx, rowT } = prepared;
  const points = pointX.length;
  const logJ = new Float64Array(points);
  const gradJ = new Float64Array(4 * points);
  const logE = new Float64Array(points);
  const gradE = new Float64Array(4 * points);
  const g = new Float64Array(4);
  for (let k = 0; k < points; k++) {
    logJ[k] = tailIntegral(params, pointX[k], pointTau[k], g);
    gradJ.set(g, 4 * k);
    logE[k] = aliveTerm(params, pointX[k], pointTau[k], g);
    gradE.set(g, 4 * k);
  }
  const rising = risingLogTable(r, data.maxX);
  const logS = Math.log(s);
  let value = 0;
  const grad = [0, 0, 0, 0];
  for (let i = 0; i < data.x.length; i++) {
    const w = data.weight[i];
    const x = data.x[i];
    const b = rowT[i];
    const a = rowTx[i];
    const lnE = logE[b];
    // Share of the "died unobserved between t_x and T" term in the row's likelihood.
    let died = 0;
    let lnL = lnE;
    let rho = 0;
    if (a >= 0) {
      rho = Math.exp(logJ[b] - logJ[a]);
      // rho < 1 always in exact arithmetic; if rounding says otherwise the term is negligible anyway.
      if (rho < 1) {
        const lnA = logS + logJ[a] + Math.log1p(-rho);
        if (lnA > lnE) {
          const e = Math.exp(lnE - lnA);
          lnL = lnA + Math.log1p(e);
          died = 1 / (1 + e);
        } else {
          const e = Math.exp(lnA - lnE);
          lnL = lnE + Math.log1p(e);
          died = e / (1 + e);
        }
      }
    }
    value += w * (rising.log[x] + lnL);
    const alive = 1 - died;
    for (let k = 0; k < 4; k++) grad[k] += w * alive * gradE[4 * b + k];
    grad[0] += w * rising.inv[x];
    if (died > 0) {
      // d ln(J_a − J_b) = (J_a d ln J_a − J_b d ln J_b) / (J_a − J_b), with J_b / J_a = rho.
      const inv = 1 / (1 - rho);
      for (let k = 0; k < 4; k++) grad[k] += w * died * (gradJ[4 * a + k] - rho * gradJ[4 * b + k]) * inv;
      grad[2] += (w * died) / s;
    }
  }
  // Chain rule to log-parameters: d/d ln θ = θ · d/dθ.
  return { value, gradient: [grad[0] * r, grad[1] * alpha, grad[2] * s, grad[3] * beta] };
}

/** Value and gradient (with respect to ln r, ln α, ln s, ln β) of the total log-likelihood. */
export function paretoNbdLogLikelihoodWithGradient(
  params: ParetoNbdParams,
  rows: readonly ParetoNbdRow[] | CompressedRepeatPurchases,
): { value: number; gradient: [number, number, number, number] } {
  checkParams(params);
  const data = isCompressedRepeatPurchases(rows) ? rows : compressRepeatPurchaseRows(rows);
  return logLikelihoodWithGradient(params, prepare(data));
}

export function paretoNbdLogLikelihood(
  params: ParetoNbdParams,
  rows: readonly ParetoNbdRow[] | CompressedRepeatPurchases,
): number {
  return paretoNbdLogLikelihoodWithGradient(params, rows).value;
}

// ---------------------------------------------------------------------------------------------------
// Fit
// ---------------------------------------------------------------------------------------------------

export interface ParetoNbdFit extends ModelFit<ParetoNbdParams> {
  distinctRows: number;
}

export interface ParetoNbdFitOptions {
  initial?: ParetoNbdParams;
  maxIterations?: number;
}

function fromLog(v: readonly number[]): ParetoNbdParams {
  return { r: Math.exp(v[0]), alpha: Math.exp(v[1]), s: Math.exp(v[2]), beta: Math.exp(v[3]) };
}

/**
 * Maximum-likelihood fit on log-parameters, minimising the mean negative log-likelihood (so tolerances do
 * not depend on the number of customers), with the same BFGS / Nelder–Mead sequence as BG/NBD.
 */
export function fitParetoNbd(
  rows: readonly ParetoNbdRow[] | CompressedRepeatPurchases,
  options: ParetoNbdFitOptions = {},
): ParetoNbdFit {
  const data = isCompressedRepeatPurchases(rows) ? rows : compressRepeatPurchaseRows(rows);
  if (data.totalWeight === 0) throw new RangeError("cannot fit Pareto/NBD on zero customers");
  if (data.maxX === 0) throw new RangeError("cannot fit Pareto/NBD when no customer has a repeat purchase");
  const prepared = prepare(data);
  const init = options.initial ?? { r: 1, alpha: 1, s: 1, beta: 1 };
  checkParams(init);
  const fit = fitOnLogScale({
    logLikelihood: (params: ParetoNbdParams) => logLikelihoodWithGradient(params, prepared),
    toParams: fromLog,
    initialLog: [Math.log(init.r), Math.log(init.alpha), Math.log(init.s), Math.log(init.beta)],
    customers: data.totalWeight,
    maxIterations: options.maxIterations,
  });
  return { ...fit, distinctRows: data.x.length };
}

// ---------------------------------------------------------------------------------------------------
// Predictions for one customer
// ---------------------------------------------------------------------------------------------------

/**
 * ln(s·I / E): the odds of "died unobserved between t_x and T" against "alive at T" (−Infinity when
 * t_x = T, where there was no time to die unobserved).
 */
function logDeathOdds(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const g = new Float64Array(4);
  const from = x === 0 ? 0 : tx;
  if (!(from < T)) return Number.NEGATIVE_INFINITY;
  const logE = aliveTerm(params, x, T, g);
  const logJa = tailIntegral(params, x, from, g);
  const logJb = tailIntegral(params, x, T, g);
  const rho = Math.exp(logJb - logJa);
  if (!(rho < 1)) return Number.NEGATIVE_INFINITY;
  return Math.log(params.s) + logJa + Math.log1p(-rho) - logE;
}

/**
 * P(alive | x, t_x, T) = E / (E + s·I). For x = 0, t_x is taken as 0 whatever is passed (there is no
 * repeat purchase to date). Below 1 for every T > 0 and falling as T grows with no purchase.
 */
export function paretoNbdProbabilityAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  checkParams(params);
  validateRepeatPurchaseRow(x, tx, T, 1);
  return 1 / (1 + Math.exp(logDeathOdds(params, x, tx, T)));
}

/**
 * (1 − (1 + t/c)^−(s−1)) / (s−1), with its s → 1 limit ln(1 + t/c): the expected-purchases formulas
 * divide by s − 1 where the function is smooth, and expm1 keeps full precision right up to s = 1.
 */
function lifetimeFactor(s: number, t: number, c: number): number {
  const logGrowth = Math.log1p(t / c);
  const e = s - 1;
  if (e === 0) return logGrowth;
  return -Math.expm1(-e * logGrowth) / e;
}

/**
 * E[Y(t) | x, t_x, T]: expected repeat purchases in the next t time units,
 * (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive), with the s = 1 limit
 * (r+x)(β+T)/(α+T) · ln((β+T+t)/(β+T)) · P(alive).
 */
export function paretoNbdConditionalExpectedPurchases(
  params: ParetoNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  checkParams(params);
  validateRepeatPurchaseRow(x, tx, T, 1);
  if (!(t >= 0) || !Number.isFinite(t)) throw new RangeError(`t must be finite and >= 0 (got ${t})`);
  if (t === 0) return 0;
  const { r, alpha, s, beta } = params;
  const pAlive = 1 / (1 + Math.exp(logDeathOdds(params, x, tx, T)));
  return (((r + x) * (beta + T)) / (alpha + T)) * lifetimeFactor(s, t, beta + T) * pAlive;
}

/** E[X(t)] for a customer who has just made the first purchase: rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)]. */
export function paretoNbdExpectedPurchasesNewCustomer(params: ParetoNbdParams, t: number): number {
  checkParams(params);
  if (!(t >= 0) || !Number.isFinite(t)) throw new RangeError(`t must be finite and >= 0 (got ${t})`);
  if (t === 0) return 0;
  const { r, alpha, s, beta } = params;
  return ((r * beta) / alpha) * lifetimeFactor(s, t, beta);
}

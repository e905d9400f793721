/**
 * BG/NBD "buy till you die" model (Fader, Hardie & Lee 2005, "Counting your customers the easy way").
 * While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after every purchase the
 * customer drops out with probability p ~ Beta(a, b). The inputs per customer are x (repeat purchases),
 * t_x (time of the last repeat purchase) and T (time observed), all measured from the first purchase.
 */

import { fitOnLogScale, type ModelFit } from "@/lib/platform/math/log-scale-fit";
import { hyp2f1, logBeta, logGamma } from "@/lib/platform/math/special";
import {
  compressRepeatPurchaseRows,
  isCompressedRepeatPurchases,
  risingLogTable,
  validateRepeatPurchaseRow,
  type CompressedRepeatPurchases,
  type RepeatPurchaseRow,
} from "@/lib/scoring/rules/repeat-purchases";

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** The shared (x, t_x, T) history row and its compression, under the names this module has always exported. */
export type BgNbdRow = RepeatPurchaseRow;
export type CompressedBgNbdRows = CompressedRepeatPurchases;
export const compressBgNbdRows = compressRepeatPurchaseRows;

/** Total log-likelihood and its gradient with respect to (ln r, ln α, ln a, ln b). */
export function bgnbdLogLikelihoodWithGradient(
  params: BgNbdParams,
  data: CompressedBgNbdRows,
): { value: number; gradient: [number, number, number, number] } {
  const { r, alpha, a, b } = params;
  const rT = risingLogTable(r, data.maxX);
  const bT = risingLogTable(b, data.maxX);
  const abT = risingLogTable(a + b, data.maxX);
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  let value = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  const n = data.x.length;
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const w = data.weight[i];
    const rx = r + x;
    const logAT = Math.log(alpha + data.T[i]);
    const l1 = -rx * logAT;
    let lse = l1;
    let w2 = 0;
    let logATx = 0;
    let bx1 = 0;
    if (x > 0) {
      logATx = Math.log(alpha + data.tx[i]);
      bx1 = b + x - 1;
      const l2 = logA - Math.log(bx1) - rx * logATx;
      // log(e^l1 + e^l2) without overflow; w2 is the share of the "dropped out after t_x" term.
      if (l2 > l1) {
        const e = Math.exp(l1 - l2);
        lse = l2 + Math.log1p(e);
        w2 = 1 / (1 + e);
      } else {
        const e = Math.exp(l2 - l1);
        lse = l1 + Math.log1p(e);
        w2 = e / (1 + e);
      }
    }
    const w1 = 1 - w2;
    value += w * (rT.log[x] + r * logAlpha + bT.log[x] - abT.log[x] + lse);
    gr += w * (rT.inv[x] + logAlpha - w1 * logAT - w2 * logATx);
    gAlpha += w * (r / alpha - rx * (w1 / (alpha + data.T[i]) + (x > 0 ? w2 / (alpha + data.tx[i]) : 0)));
    ga += w * (-abT.inv[x] + w2 / a);
    gb += w * (bT.inv[x] - abT.inv[x] - (x > 0 ? w2 / bx1 : 0));
  }
  // Chain rule to log-parameters: d/d ln θ = θ · d/dθ.
  return { value, gradient: [gr * r, gAlpha * alpha, ga * a, gb * b] };
}

export function bgnbdLogLikelihood(params: BgNbdParams, rows: readonly BgNbdRow[] | CompressedBgNbdRows): number {
  const data = isCompressedRepeatPurchases(rows) ? rows : compressBgNbdRows(rows);
  return bgnbdLogLikelihoodWithGradient(params, data).value;
}

export interface BgNbdFit extends ModelFit<BgNbdParams> {
  distinctRows: number;
}

export interface BgNbdFitOptions {
  initial?: BgNbdParams;
  maxIterations?: number;
}

function fromLog(v: readonly number[]): BgNbdParams {
  return { r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) };
}

/** Maximum-likelihood fit on log-parameters (lib/platform/math/log-scale-fit.ts). */
export function fitBgNbd(rows: readonly BgNbdRow[] | CompressedBgNbdRows, options: BgNbdFitOptions = {}): BgNbdFit {
  const data = isCompressedRepeatPurchases(rows) ? rows : compressBgNbdRows(rows);
  if (data.totalWeight === 0) throw new RangeError("cannot fit BG/NBD on zero customers");
  if (data.maxX === 0) throw new RangeError("cannot fit BG/NBD when no customer has a repeat purchase");
  const init = options.initial ?? { r: 1, alpha: 1, a: 1, b: 1 };
  const fit = fitOnLogScale({
    logLikelihood: (params: BgNbdParams) => bgnbdLogLikelihoodWithGradient(params, data),
    toParams: fromLog,
    initialLog: [Math.log(init.r), Math.log(init.alpha), Math.log(init.a), Math.log(init.b)],
    customers: data.totalWeight,
    maxIterations: options.maxIterations,
  });
  return { ...fit, distinctRows: data.x.length };
}

function checkParams(p: BgNbdParams): void {
  if (!(p.r > 0 && p.alpha > 0 && p.a > 0 && p.b > 0)) throw new RangeError("BG/NBD parameters must be positive");
}

/**
 * The expected-purchases formulas divide by a − 1 and are 0/0 at a = 1, where the function itself is
 * smooth; there the mean of the values just either side is used.
 */
function aroundAEqualsOne(p: BgNbdParams, f: (q: BgNbdParams) => number): number {
  if (Math.abs(p.a - 1) > 1e-7) return f(p);
  return (f({ ...p, a: 1 + 1e-6 }) + f({ ...p, a: 1 - 1e-6 })) / 2;
}

/**
 * Expected repeat purchases in the next t time units for a customer with history (x, t_x, T), eq. (10)
 * of the paper. 2F1(r+x, b+x; a+b+x−1; z) is taken through Euler's transformation, which cancels the
 * ((α+T)/(α+T+t))^(r+x) factor exactly: (1−z)^(r+x)·2F1(...) = (1−z)^(a−1)·2F1(a+b−1−r, a−1; a+b+x−1; z),
 * so heavy buyers (large x) cause neither overflow nor huge series terms.
 */
export function conditionalExpectedPurchases(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  checkParams(p);
  validateRepeatPurchaseRow(x, tx, T, 1);
  if (!(t >= 0)) throw new RangeError(`t must be >= 0 (got ${t})`);
  if (t === 0) return 0;
  return aroundAEqualsOne(p, ({ r, alpha, a, b }) => {
    const z = t / (alpha + T + t);
    const c = a + b + x - 1;
    const head = (c / (a - 1)) * (1 - Math.pow(1 - z, a - 1) * hyp2f1(a + b - 1 - r, a - 1, c, z));
    return head * probabilityAlive({ r, alpha, a, b }, x, tx, T);
  });
}

/** E[X(t)]: expected purchases in (0, t] of a customer who has just made the first purchase, eq. (9). */
export function expectedPurchasesNewCustomer(p: BgNbdParams, t: number): number {
  return conditionalExpectedPurchases(p, t, 0, 0, 0);
}

/** P(alive | x, t_x, T), eq. (11): a customer with no repeat purchase is alive with probability 1. */
export function probabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  checkParams(p);
  validateRepeatPurchaseRow(x, tx, T, 1);
  if (x === 0) return 1;
  const { r, alpha, a, b } = p;
  const logRatio = Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logRatio));
}

/**
 * P(X(t) = n) for a new customer, eq. (8). For n = 0 the Beta-ratio is 1 and the sum is empty, so
 * P(X(t)=0) = (α/(α+t))^r: no hypergeometric function is involved.
 */
export function probabilityOfPurchasesNewCustomer(p: BgNbdParams, t: number, n: number): number {
  checkParams(p);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer (got ${n})`);
  if (!(t >= 0)) throw new RangeError(`t must be >= 0 (got ${t})`);
  const { r, alpha, a, b } = p;
  const logP0 = r * (Math.log(alpha) - Math.log(alpha + t));
  const logQ = t === 0 ? Number.NEGATIVE_INFINITY : Math.log(t) - Math.log(alpha + t);
  const logNegBin = (j: number) => logGamma(r + j) - logGamma(r) - logGamma(j + 1) + logP0 + (j === 0 ? 0 : j * logQ);
  const first = Math.exp(logBeta(a, b + n) - logBeta(a, b) + logNegBin(n));
  if (n === 0) return first;
  let cumulative = 0;
  for (let j = 0; j < n; j++) cumulative += Math.exp(logNegBin(j));
  const second = Math.exp(logBeta(a + 1, b + n - 1) - logBeta(a, b)) * Math.max(0, 1 - cumulative);
  return first + second;
}

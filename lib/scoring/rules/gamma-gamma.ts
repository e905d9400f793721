/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves"; the
 * "Gamma-Gamma model of monetary value" note). A customer's purchase amounts are Gamma(p, ν) with
 * ν ~ Gamma(q, v) across customers; the data per customer is x (repeat purchases) and zbar (their mean
 * amount). The model assumes spend is independent of purchase frequency, which callers should check.
 */

import { fitOnLogScale, type ModelFit } from "@/lib/platform/math/log-scale-fit";
import { digamma, logGamma } from "@/lib/platform/math/special";

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface SpendRow {
  x: number;
  /** Mean amount of the x repeat purchases (zbar). */
  zbar: number;
  weight?: number;
}

interface CompressedSpendRows {
  x: Float64Array;
  zbar: Float64Array;
  weight: Float64Array;
  totalWeight: number;
}

/**
 * Only rows with x > 0 and zbar > 0 carry information about spend (a customer without repeat purchases
 * has no mean repeat amount; a non-positive mean is outside the Gamma model), so other rows are ignored.
 */
function compress(rows: readonly SpendRow[]): CompressedSpendRows {
  const index = new Map<string, number>();
  const xs: number[] = [];
  const zs: number[] = [];
  const ws: number[] = [];
  let totalWeight = 0;
  for (const row of rows) {
    const weight = row.weight ?? 1;
    if (!(row.x > 0) || !(row.zbar > 0) || !(weight > 0)) continue;
    if (!Number.isFinite(row.zbar) || !Number.isFinite(row.x)) throw new RangeError("x and zbar must be finite");
    const key = `${row.x}|${row.zbar}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, xs.length);
      xs.push(row.x);
      zs.push(row.zbar);
      ws.push(weight);
    } else {
      ws[at] += weight;
    }
    totalWeight += weight;
  }
  return { x: Float64Array.from(xs), zbar: Float64Array.from(zs), weight: Float64Array.from(ws), totalWeight };
}

/**
 * Log-likelihood of the observed mean amounts (the density of zbar given x), with its gradient with
 * respect to (ln p, ln q, ln v). Per row:
 * ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln zbar + px ln x − (px+q) ln(x·zbar + v).
 */
function logLikelihoodWithGradient(params: GammaGammaParams, data: CompressedSpendRows): { value: number; gradient: number[] } {
  const { p, q, v } = params;
  const logV = Math.log(v);
  const lgq = logGamma(q);
  const psiQ = digamma(q);
  let value = 0;
  let gp = 0;
  let gq = 0;
  let gv = 0;
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i];
    const z = data.zbar[i];
    const w = data.weight[i];
    const px = p * x;
    const logXZV = Math.log(x * z + v);
    const logZ = Math.log(z);
    const logX = Math.log(x);
    value +=
      w * (logGamma(px + q) - logGamma(px) - lgq + q * logV + (px - 1) * logZ + px * logX - (px + q) * logXZV);
    const psiPxQ = digamma(px + q);
    gp += w * x * (psiPxQ - digamma(px) + logZ + logX - logXZV);
    gq += w * (psiPxQ - psiQ + logV - logXZV);
    gv += w * (q / v - (px + q) / (x * z + v));
  }
  return { value, gradient: [gp * p, gq * q, gv * v] };
}

export function gammaGammaLogLikelihood(params: GammaGammaParams, rows: readonly SpendRow[]): number {
  return logLikelihoodWithGradient(params, compress(rows)).value;
}

export interface GammaGammaFit extends ModelFit<GammaGammaParams> {
  /**
   * Mean of zbar over the fitted customers (weighted). Its expectation is the population mean p·v/(q−1)
   * whatever x is, so the fit checks compare the two.
   */
  meanSpend: number;
}

function weightedMeanSpend(data: CompressedSpendRows): number {
  let total = 0;
  for (let i = 0; i < data.zbar.length; i++) total += data.weight[i] * data.zbar[i];
  return total / data.totalWeight;
}

function fromLog(v: readonly number[]): GammaGammaParams {
  return { p: Math.exp(v[0]), q: Math.exp(v[1]), v: Math.exp(v[2]) };
}

export function fitGammaGamma(rows: readonly SpendRow[], options: { initial?: GammaGammaParams } = {}): GammaGammaFit {
  const data = compress(rows);
  if (data.totalWeight === 0) throw new RangeError("cannot fit Gamma-Gamma: no customer has x > 0 and zbar > 0");
  const init = options.initial ?? { p: 1, q: 1, v: 1 };
  const fit = fitOnLogScale({
    logLikelihood: (params: GammaGammaParams) => logLikelihoodWithGradient(params, data),
    toParams: fromLog,
    initialLog: [Math.log(init.p), Math.log(init.q), Math.log(init.v)],
    customers: data.totalWeight,
  });
  return { ...fit, meanSpend: weightedMeanSpend(data) };
}

/**
 * E[Z | x, zbar]: a weighted mean of the population mean pv/(q−1) and the customer's own mean zbar, the
 * customer's weight growing with x. With x = 0 this is the population mean. Needs q > 1 (otherwise the
 * population mean is infinite).
 */
export function conditionalExpectedSpend(params: GammaGammaParams, x: number, zbar: number): number {
  const { p, q, v } = params;
  if (!(p > 0 && q > 1 && v > 0)) throw new RangeError("expected spend needs p > 0, v > 0 and q > 1");
  if (!(x >= 0)) throw new RangeError(`x must be >= 0 (got ${x})`);
  if (x === 0) return (p * v) / (q - 1);
  return (p * (v + x * zbar)) / (p * x + q - 1);
}

export function populationMeanSpend(params: GammaGammaParams): number {
  return conditionalExpectedSpend(params, 0, 0);
}

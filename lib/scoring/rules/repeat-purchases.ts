/**
 * The (x, t_x, T) repeat-purchase histories that the "buy till you die" models (BG/NBD, Pareto/NBD) are
 * fitted on, with the row validation and the compression of identical rows that both share. x is the
 * number of repeat purchases, t_x the time of the last one and T the time observed, all measured from
 * the customer's first purchase.
 */

export interface RepeatPurchaseRow {
  x: number;
  tx: number;
  T: number;
  /** Number of customers with exactly these values (default 1). */
  weight?: number;
}

/** Identical (x, t_x, T) rows merged with weights: the likelihood is then evaluated once per distinct row. */
export interface CompressedRepeatPurchases {
  x: Int32Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  maxX: number;
  totalWeight: number;
}

export function validateRepeatPurchaseRow(x: number, tx: number, T: number, weight: number): void {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`x must be a non-negative integer (got ${x})`);
  if (!(tx >= 0) || !(T >= tx) || !Number.isFinite(T)) {
    throw new RangeError(`need 0 <= t_x <= T (got t_x=${tx}, T=${T})`);
  }
  if (x > 0 && T === 0) throw new RangeError("a customer with repeat purchases must have T > 0");
  if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`weight must be >= 0 (got ${weight})`);
}

export function compressRepeatPurchaseRows(rows: readonly RepeatPurchaseRow[]): CompressedRepeatPurchases {
  const index = new Map<string, number>();
  const xs: number[] = [];
  const txs: number[] = [];
  const Ts: number[] = [];
  const ws: number[] = [];
  let totalWeight = 0;
  let maxX = 0;
  for (const row of rows) {
    const weight = row.weight ?? 1;
    validateRepeatPurchaseRow(row.x, row.tx, row.T, weight);
    if (weight === 0) continue;
    // t_x carries no information when x = 0, so all zero-purchase customers with the same T share a row.
    const tx = row.x === 0 ? 0 : row.tx;
    const key = `${row.x}|${tx}|${row.T}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, xs.length);
      xs.push(row.x);
      txs.push(tx);
      Ts.push(row.T);
      ws.push(weight);
    } else {
      ws[at] += weight;
    }
    totalWeight += weight;
    if (row.x > maxX) maxX = row.x;
  }
  return {
    x: Int32Array.from(xs),
    tx: Float64Array.from(txs),
    T: Float64Array.from(Ts),
    weight: Float64Array.from(ws),
    maxX,
    totalWeight,
  };
}

export function isCompressedRepeatPurchases(
  rows: readonly RepeatPurchaseRow[] | CompressedRepeatPurchases,
): rows is CompressedRepeatPurchases {
  return !Array.isArray(rows);
}

/**
 * Because x is an integer, every log-gamma difference in the likelihoods is a finite sum:
 * ln Γ(s + x) − ln Γ(s) = Σ_{k<x} ln(s + k), with derivative Σ_{k<x} 1/(s + k). Tabulating these once
 * per evaluation for x = 0..maxX makes each customer row cost a handful of logs and one exp.
 */
export function risingLogTable(s: number, maxX: number): { log: Float64Array; inv: Float64Array } {
  const log = new Float64Array(maxX + 1);
  const inv = new Float64Array(maxX + 1);
  for (let k = 0; k < maxX; k++) {
    log[k + 1] = log[k] + Math.log(s + k);
    inv[k + 1] = inv[k] + 1 / (s + k);
  }
  return { log, inv };
}

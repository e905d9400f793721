/**
 * Response propensity (DOMAIN.md §10a): L2-regularised logistic regression on standardised features.
 *
 * Objective (reproducible by anyone with the same rows):
 *
 *   f(b₀, β) = −Σᵢ [yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)] + (λ/2)·‖β‖²,   pᵢ = σ(b₀ + Σⱼ βⱼ·zᵢⱼ),
 *
 * zᵢⱼ = (xᵢⱼ − meanⱼ) / sdⱼ with the training rows' mean and population standard deviation (divisor n,
 * ddof 0), the intercept b₀ unpenalised, λ = 1 by default. This is exactly the objective of scikit-learn's
 * `LogisticRegression(C = 1/λ)` (its loss is C·Σ logloss + ½‖β‖², i.e. ours divided by λ, so the
 * minimiser is the same) fitted after `StandardScaler()` — both use ddof 0, and both give a constant
 * column the scale 1.
 *
 * Constant features: a column whose training values are all identical has sd 0; like StandardScaler we
 * use the scale 1, so its z is 0 on every training row, and its coefficient is exactly 0 at the optimum
 * for any λ > 0. We fix it at 0 and leave it out of the Newton system (this also keeps λ = 0 fits
 * well-posed). On new rows such a feature still contributes nothing, because its β is 0.
 *
 * Solver: Newton–Raphson (equivalently IRLS). f is strictly convex for λ > 0 (the penalised Hessian
 * XᵀWX + λ·diag(0, 1, …, 1) is positive definite as long as some wᵢ = pᵢ(1 − pᵢ) > 0), so Newton with a
 * backtracking (Armijo) line search converges globally and quadratically near the optimum. Each
 * iteration makes one pass over the rows accumulating the gradient Xᵀ(p − y) and the upper triangle of
 * XᵀWX, standardising on the fly from a row-major Float64Array. Converged means ‖∇f‖∞ ≤ 1e-8 (absolute, on
 * the summed objective above) and the Newton step ‖s‖∞ ≤ 1e-6; a fit that stops for any other reason is
 * reported with `model: null` and is never used.
 */

import { defined, undefinedBecause, type Estimate } from "@/lib/campaigns/rules/estimate";

export interface PropensityData {
  featureNames: readonly string[];
  /** Raw feature values, row-major: row i, feature j at x[i·p + j]. */
  x: Float64Array;
  /** Outcomes 0/1, one per row. */
  y: Uint8Array;
}

export interface Standardization {
  means: Float64Array;
  /** Population SD (ddof 0), or 1 for a constant feature. */
  scales: Float64Array;
  /** True where every training value of the feature is identical. */
  constant: boolean[];
}

export interface PropensityModel {
  featureNames: string[];
  lambda: number;
  intercept: number;
  /** Coefficients on the standardised scale, one per feature (0 for a constant feature). */
  coefficients: Float64Array;
  standardization: Standardization;
}

/**
 * Why the solver stopped: "gradient" = converged; "diverging" = the gradient is tiny but Newton steps stay
 * large (λ = 0 on separable data: the maximum-likelihood estimate does not exist); the others are failures.
 */
export type FitStopReason = "gradient" | "max-iterations" | "diverging" | "line-search" | "singular-hessian" | "non-finite";

export interface FitDiagnostics {
  converged: boolean;
  reason: FitStopReason;
  iterations: number;
  /** ‖∇f‖∞ at the returned point. */
  gradientNorm: number;
  /** f at the returned point. */
  objective: number;
  rows: number;
  positives: number;
  negatives: number;
}

export type PropensityFit =
  | { model: PropensityModel; diagnostics: FitDiagnostics & { converged: true } }
  | { model: null; diagnostics: FitDiagnostics; lastIterate: { intercept: number; coefficients: Float64Array } };

export interface FitOptions {
  /** L2 penalty λ ≥ 0 (default 1). λ = 0 is the plain maximum-likelihood fit, which may not exist. */
  lambda?: number;
  maxIterations?: number;
  /** Stop when ‖∇f‖∞ ≤ this (default 1e-8). */
  gradientTolerance?: number;
  /** Train on these row indices only (cross-validation); default all rows. */
  rows?: Int32Array;
}

/** A converged fit's last Newton step must be at most this (standardised coefficient units). */
const STEP_TOLERANCE = 1e-6;

function featureCount(data: PropensityData): number {
  const p = data.featureNames.length;
  const n = data.y.length;
  if (data.x.length !== n * p) throw new RangeError(`propensity data: x has ${data.x.length} values, expected ${n} rows × ${p} features`);
  return p;
}

/** Validates shape, 0/1 outcomes and finite features; throws a RangeError naming the first problem. */
export function validatePropensityData(data: PropensityData): void {
  const p = featureCount(data);
  for (let i = 0; i < data.y.length; i++) {
    if (data.y[i] !== 0 && data.y[i] !== 1) throw new RangeError(`propensity data: outcome of row ${i} is ${data.y[i]}, expected 0 or 1`);
  }
  for (let k = 0; k < data.x.length; k++) {
    if (!Number.isFinite(data.x[k])) {
      throw new RangeError(`propensity data: row ${Math.floor(k / p)}, feature "${data.featureNames[k % p]}" is not a finite number`);
    }
  }
}

function rowCount(data: PropensityData, rows: Int32Array | undefined): number {
  return rows === undefined ? data.y.length : rows.length;
}

/** Training mean and population SD (two passes, ddof 0) of every feature over `rows` (default all). */
export function computeStandardization(data: PropensityData, rows?: Int32Array): Standardization {
  const p = featureCount(data);
  const m = rowCount(data, rows);
  const means = new Float64Array(p);
  const scales = new Float64Array(p);
  const constant = new Array<boolean>(p).fill(true);
  if (m === 0) {
    scales.fill(1);
    return { means, scales, constant };
  }
  const x = data.x;
  const first = (rows === undefined ? 0 : rows[0]) * p;
  for (let r = 0; r < m; r++) {
    const base = (rows === undefined ? r : rows[r]) * p;
    for (let j = 0; j < p; j++) {
      const v = x[base + j];
      means[j] += v;
      if (v !== x[first + j]) constant[j] = false;
    }
  }
  for (let j = 0; j < p; j++) means[j] /= m;
  for (let r = 0; r < m; r++) {
    const base = (rows === undefined ? r : rows[r]) * p;
    for (let j = 0; j < p; j++) {
      const d = x[base + j] - means[j];
      scales[j] += d * d;
    }
  }
  for (let j = 0; j < p; j++) {
    // Identical values are constant by definition, even if rounding in the mean leaves a tiny SD.
    scales[j] = constant[j] ? 1 : Math.sqrt(scales[j] / m);
    if (!constant[j] && scales[j] === 0) {
      constant[j] = true;
      scales[j] = 1;
    }
  }
  return { means, scales, constant };
}

/** log(1 + e^t) without overflow or loss of digits. */
function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

function sigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

interface Workspace {
  data: PropensityData;
  rows: Int32Array | undefined;
  m: number;
  p: number;
  /** Feature indices in the Newton system (non-constant features). */
  active: Int32Array;
  /** −mean·(1/sd) and 1/sd of each active feature, so z = x·inv + shift. */
  inv: Float64Array;
  shift: Float64Array;
  lambda: number;
}

/** f at (b₀, β over the active features): one pass computing only the linear predictor. */
function objectiveAt(ws: Workspace, beta: Float64Array): number {
  const { data, rows, m, p, active, inv, shift } = ws;
  const q = active.length;
  const x = data.x;
  const y = data.y;
  let loss = 0;
  for (let r = 0; r < m; r++) {
    const i = rows === undefined ? r : rows[r];
    const base = i * p;
    let eta = beta[0];
    for (let a = 0; a < q; a++) eta += beta[a + 1] * (x[base + active[a]] * inv[a] + shift[a]);
    loss += y[i] === 1 ? softplus(-eta) : softplus(eta);
  }
  let penalty = 0;
  for (let a = 1; a <= q; a++) penalty += beta[a] * beta[a];
  return loss + 0.5 * ws.lambda * penalty;
}

/** f, ∇f and the upper triangle of ∇²f in one pass. `hessian` is (q+1)×(q+1) row-major. */
function evaluate(ws: Workspace, beta: Float64Array, gradient: Float64Array, hessian: Float64Array, z: Float64Array): number {
  const { data, rows, m, p, active, inv, shift, lambda } = ws;
  const q = active.length;
  const d = q + 1;
  const x = data.x;
  const y = data.y;
  gradient.fill(0);
  hessian.fill(0);
  let loss = 0;
  z[0] = 1;
  for (let r = 0; r < m; r++) {
    const i = rows === undefined ? r : rows[r];
    const base = i * p;
    let eta = beta[0];
    for (let a = 0; a < q; a++) {
      const v = x[base + active[a]] * inv[a] + shift[a];
      z[a + 1] = v;
      eta += beta[a + 1] * v;
    }
    const positive = y[i] === 1;
    loss += positive ? softplus(-eta) : softplus(eta);
    const prob = sigmoid(eta);
    const residual = prob - (positive ? 1 : 0);
    const w = prob * (1 - prob);
    for (let a = 0; a < d; a++) {
      const za = z[a];
      gradient[a] += residual * za;
      const wa = w * za;
      const row = a * d;
      for (let b = a; b < d; b++) hessian[row + b] += wa * z[b];
    }
  }
  let penalty = 0;
  for (let a = 1; a < d; a++) {
    penalty += beta[a] * beta[a];
    gradient[a] += lambda * beta[a];
    hessian[a * d + a] += lambda;
  }
  return loss + 0.5 * lambda * penalty;
}

/** Solves H·s = rhs for symmetric positive definite H given by its upper triangle; null if not PD. */
function choleskySolve(hessian: Float64Array, d: number, rhs: Float64Array): Float64Array | null {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      // H is stored in its upper triangle: H[j][i] for j ≤ i.
      let sum = hessian[j * d + i];
      for (let k = 0; k < j; k++) sum -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(sum > 0)) return null;
        l[i * d + i] = Math.sqrt(sum);
      } else {
        l[i * d + j] = sum / l[j * d + j];
      }
    }
  }
  const s = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let sum = rhs[i];
    for (let k = 0; k < i; k++) sum -= l[i * d + k] * s[k];
    s[i] = sum / l[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let sum = s[i];
    for (let k = i + 1; k < d; k++) sum -= l[k * d + i] * s[k];
    s[i] = sum / l[i * d + i];
  }
  return s;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

/** Fits the model by damped Newton–Raphson. Unconverged fits come back with `model: null`. */
export function fitPropensity(data: PropensityData, options: FitOptions = {}): PropensityFit {
  const lambda = options.lambda ?? 1;
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new RangeError(`lambda must be a finite number >= 0 (got ${lambda})`);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.gradientTolerance ?? 1e-8;
  const p = featureCount(data);
  const rows = options.rows;
  const m = rowCount(data, rows);
  if (m === 0) throw new RangeError("fitPropensity: no training rows");
  let positives = 0;
  for (let r = 0; r < m; r++) positives += data.y[rows === undefined ? r : rows[r]];
  const standardization = computeStandardization(data, rows);
  const activeList: number[] = [];
  for (let j = 0; j < p; j++) if (!standardization.constant[j]) activeList.push(j);
  const active = Int32Array.from(activeList);
  const q = active.length;
  const d = q + 1;
  const inv = new Float64Array(q);
  const shift = new Float64Array(q);
  for (let a = 0; a < q; a++) {
    inv[a] = 1 / standardization.scales[active[a]];
    shift[a] = -standardization.means[active[a]] * inv[a];
  }
  const ws: Workspace = { data, rows, m, p, active, inv, shift, lambda };

  // Start at the intercept-only solution without penalty: b₀ = logit(ȳ), clamped for one-class data.
  const rate = Math.min(Math.max(positives / m, 1e-6), 1 - 1e-6);
  let beta = new Float64Array(d);
  beta[0] = Math.log(rate / (1 - rate));
  const gradient = new Float64Array(d);
  const hessian = new Float64Array(d * d);
  const z = new Float64Array(d);

  let reason: FitStopReason = "max-iterations";
  let iterations = 0;
  let value = evaluate(ws, beta, gradient, hessian, z);
  for (;;) {
    if (!Number.isFinite(value) || !gradient.every(Number.isFinite)) {
      reason = "non-finite";
      break;
    }
    const negGradient = gradient.map((g) => -g);
    const step = choleskySolve(hessian, d, negGradient);
    if (step === null) {
      reason = "singular-hessian";
      break;
    }
    // Converged needs a small gradient AND a small Newton step. Without the second test a λ = 0 fit on
    // separable data would pass: there the gradient decays like e^(−|η|) while the coefficients keep
    // growing by O(1) per step, i.e. no minimiser exists.
    const gradientSmall = maxAbs(gradient) <= tolerance;
    if (gradientSmall && maxAbs(step) <= STEP_TOLERANCE) {
      reason = "gradient";
      break;
    }
    if (iterations >= maxIterations) {
      reason = gradientSmall ? "diverging" : "max-iterations";
      break;
    }
    iterations++;
    // Newton decrement² = −∇fᵀs = ∇fᵀH⁻¹∇f: twice the predicted decrease of f.
    let decrement2 = 0;
    for (let a = 0; a < d; a++) decrement2 -= gradient[a] * step[a];
    let t = 1;
    let candidate = beta.map((b, a) => b + step[a]);
    // In the quadratic region (predicted decrease below ~1e-10) the full step is right and the change
    // in f is below its rounding noise, so it is taken without comparing values.
    if (decrement2 > 1e-10) {
      let accepted = false;
      for (let k = 0; k < 60; k++) {
        const trial = objectiveAt(ws, candidate);
        // Armijo: sufficient decrease with α = 1e-4.
        if (Number.isFinite(trial) && trial <= value - 1e-4 * t * decrement2) {
          accepted = true;
          break;
        }
        t /= 2;
        const size = t;
        candidate = beta.map((b, a) => b + size * step[a]);
      }
      if (!accepted) {
        reason = "line-search";
        break;
      }
    }
    beta = candidate;
    value = evaluate(ws, beta, gradient, hessian, z);
  }

  const coefficients = new Float64Array(p);
  for (let a = 0; a < q; a++) coefficients[active[a]] = beta[a + 1];
  const diagnostics: FitDiagnostics = {
    converged: reason === "gradient",
    reason,
    iterations,
    gradientNorm: maxAbs(gradient),
    objective: value,
    rows: m,
    positives,
    negatives: m - positives,
  };
  if (reason !== "gradient") return { model: null, diagnostics, lastIterate: { intercept: beta[0], coefficients } };
  return {
    model: { featureNames: [...data.featureNames], lambda, intercept: beta[0], coefficients, standardization },
    diagnostics: { ...diagnostics, converged: true },
  };
}

/** The linear predictor b₀ + Σ βⱼ·zⱼ of one raw feature row. */
export function linearPredictor(model: PropensityModel, row: ArrayLike<number>): number {
  const { means, scales } = model.standardization;
  let eta = model.intercept;
  for (let j = 0; j < model.coefficients.length; j++) eta += model.coefficients[j] * ((row[j] - means[j]) / scales[j]);
  return eta;
}

/** Probabilities for raw feature rows (row-major, the model's feature order). */
export function predictPropensity(model: PropensityModel, x: Float64Array): Float64Array {
  const p = model.coefficients.length;
  if (p === 0 ? x.length !== 0 : x.length % p !== 0) throw new RangeError(`predictPropensity: ${x.length} values is not a whole number of rows of ${p} features`);
  const n = p === 0 ? 0 : x.length / p;
  const { means, scales } = model.standardization;
  // Fold the standardisation into the coefficients once: Σ βⱼ(xⱼ − mⱼ)/sⱼ = Σ (βⱼ/sⱼ)xⱼ − Σ βⱼmⱼ/sⱼ.
  const slope = new Float64Array(p);
  let offset = model.intercept;
  for (let j = 0; j < p; j++) {
    slope[j] = model.coefficients[j] / scales[j];
    offset -= slope[j] * means[j];
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * p;
    let eta = offset;
    for (let j = 0; j < p; j++) eta += slope[j] * x[base + j];
    out[i] = sigmoid(eta);
  }
  return out;
}

export interface Reason {
  feature: string;
  /** βⱼ·zⱼ: this feature's push on the log-odds for this customer. */
  contribution: number;
  /** The customer's raw value of the feature. */
  value: number;
}

/**
 * The k largest positive terms βⱼ·zⱼ of one raw row (`x` from `offset` on): the features that raise this
 * customer's log-odds above the average customer's, largest first, written to `features` (indices) and
 * `terms`; returns how many (fewer than k when fewer terms are positive). Ties keep the feature order.
 * By insertion into a short list (k is 3), with no object per term: at 100,000 scored customers sorting
 * every term, and later an object per candidate, were most of the reasons' cost.
 */
export function topTerms(model: PropensityModel, x: ArrayLike<number>, k: number, features: Int32Array, terms: Float64Array, offset = 0): number {
  if (!(k > 0)) return 0;
  const { means, scales } = model.standardization;
  let count = 0;
  for (let j = 0; j < model.coefficients.length; j++) {
    const contribution = model.coefficients[j] * ((x[offset + j] - means[j]) / scales[j]);
    // A term displaces only a strictly smaller one, so equal contributions stay in feature order.
    if (!(contribution > 0) || (count === k && contribution <= terms[k - 1])) continue;
    let at = count < k ? count++ : k - 1;
    while (at > 0 && terms[at - 1] < contribution) {
      terms[at] = terms[at - 1];
      features[at] = features[at - 1];
      at--;
    }
    terms[at] = contribution;
    features[at] = j;
  }
  return count;
}

/** A customer's reasons: topTerms as objects with the feature's name and the customer's raw value. */
export function topReasons(model: PropensityModel, row: ArrayLike<number>, k = 3): Reason[] {
  if (!(k > 0)) return [];
  const features = new Int32Array(k);
  const terms = new Float64Array(k);
  const count = topTerms(model, row, k, features, terms);
  const out: Reason[] = [];
  for (let i = 0; i < count; i++) out.push({ feature: model.featureNames[features[i]], contribution: terms[i], value: row[features[i]] });
  return out;
}

/**
 * Area under the ROC curve by the Mann–Whitney rank formula (Hanley & McNeil 1982): rank all scores
 * (tied scores get their average rank), R₊ = sum of the positives' ranks,
 * AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊·n₋). A tied positive–negative pair counts ½. Undefined with one class.
 */
export function aucMannWhitney(scores: ArrayLike<number>, labels: ArrayLike<number>): Estimate<number, "one-class"> {
  const n = scores.length;
  if (labels.length !== n) throw new RangeError(`aucMannWhitney: ${n} scores but ${labels.length} labels`);
  const order = new Int32Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (Number.isNaN(scores[i])) throw new RangeError(`aucMannWhitney: score ${i} is NaN`);
    if (labels[i] !== 0 && labels[i] !== 1) throw new RangeError(`aucMannWhitney: label ${i} is ${labels[i]}, expected 0 or 1`);
    positives += labels[i];
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return undefinedBecause("one-class");
  order.sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]] === scores[order[start]]) end++;
    // Ranks start..end (0-based) → average 1-based rank.
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) if (labels[order[k]] === 1) rankSum += averageRank;
    start = end + 1;
  }
  return defined((rankSum - (positives * (positives + 1)) / 2) / (positives * negatives));
}

/**
 * Mulberry32 (Tommy Ettinger, public domain): a 32-bit seeded generator with integer-only state, so the
 * same seed gives the same sequence on every platform. Returns uniform numbers in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Stratified fold assignment: the rows of each class, in row order, are shuffled by Fisher–Yates with
 * mulberry32(seed) (negatives first, then positives, from one generator) and dealt round-robin into
 * folds 0..K−1. Every fold gets ⌊n_c/K⌋ or ⌈n_c/K⌉ rows of each class c, so with at least K of each
 * class every test fold has both. Same data + seed → same folds.
 */
export function assignFolds(y: Uint8Array, folds: number, seed: number): Uint8Array {
  if (!Number.isInteger(folds) || folds < 2 || folds > 255) throw new RangeError(`folds must be a whole number from 2 to 255 (got ${folds})`);
  const random = mulberry32(seed);
  const out = new Uint8Array(y.length);
  for (const cls of [0, 1]) {
    const members: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) members.push(i);
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const tmp = members[i];
      members[i] = members[j];
      members[j] = tmp;
    }
    members.forEach((row, position) => {
      out[row] = position % folds;
    });
  }
  return out;
}

export interface CrossValidation {
  folds: number;
  seed: number;
  /** Mean of the per-fold test AUCs (scikit-learn's cross_val_score(…, scoring="roc_auc") convention). */
  auc: number;
  foldAucs: number[];
  /** AUC of all out-of-fold predictions pooled. */
  pooledAuc: number;
  /** Out-of-fold probability of every row. */
  outOfFold: Float64Array;
}

export type CrossValidationUndefinedReason = "too-few-per-class" | "fold-not-converged";

/** K-fold cross-validated AUC; each fold is standardised and fitted on its own training rows. */
export function crossValidatePropensity(
  data: PropensityData,
  options: { folds?: number; seed?: number; lambda?: number; maxIterations?: number } = {},
): Estimate<CrossValidation, CrossValidationUndefinedReason> {
  const folds = options.folds ?? 5;
  const seed = options.seed ?? 1;
  const p = featureCount(data);
  const n = data.y.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += data.y[i];
  if (Math.min(positives, n - positives) < folds) return undefinedBecause("too-few-per-class");
  const fold = assignFolds(data.y, folds, seed);
  const outOfFold = new Float64Array(n);
  const foldAucs: number[] = [];
  for (let k = 0; k < folds; k++) {
    let testSize = 0;
    for (let i = 0; i < n; i++) if (fold[i] === k) testSize++;
    const train = new Int32Array(n - testSize);
    const test = new Int32Array(testSize);
    for (let i = 0, a = 0, b = 0; i < n; i++) {
      if (fold[i] === k) test[b++] = i;
      else train[a++] = i;
    }
    const fit = fitPropensity(data, { lambda: options.lambda, maxIterations: options.maxIterations, rows: train });
    if (fit.model === null) return undefinedBecause("fold-not-converged");
    const testX = new Float64Array(testSize * p);
    const testY = new Uint8Array(testSize);
    for (let t = 0; t < testSize; t++) {
      const row = test[t];
      testX.set(data.x.subarray(row * p, row * p + p), t * p);
      testY[t] = data.y[row];
    }
    const predicted = predictPropensity(fit.model, testX);
    for (let t = 0; t < testSize; t++) outOfFold[test[t]] = predicted[t];
    const auc = aucMannWhitney(predicted, testY);
    // Stratification guarantees both classes in every test fold.
    if (auc.value === null) return undefinedBecause("too-few-per-class");
    foldAucs.push(auc.value);
  }
  const pooled = aucMannWhitney(outOfFold, data.y);
  if (pooled.value === null) return undefinedBecause("too-few-per-class");
  return defined({ folds, seed, auc: foldAucs.reduce((s, a) => s + a, 0) / folds, foldAucs, pooledAuc: pooled.value, outOfFold });
}

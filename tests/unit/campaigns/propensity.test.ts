import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assignFolds,
  aucMannWhitney,
  computeStandardization,
  crossValidatePropensity,
  fitPropensity,
  linearPredictor,
  mulberry32,
  predictPropensity,
  topReasons,
  validatePropensityData,
  type PropensityData,
  type PropensityModel,
} from "@/lib/campaigns/rules/propensity";

function data(featureNames: string[], rows: number[][], y: number[]): PropensityData {
  return { featureNames, x: Float64Array.from(rows.flat()), y: Uint8Array.from(y) };
}

/**
 * The fixed design used for the scikit-learn comparison: 24 rows, features a = 7i mod 11,
 * b = (i² mod 13)/2, c = [i mod 4 = 0], k = 5 (constant); y = [(5i + 3) mod 7 < 3].
 */
function fixedDesign(): PropensityData {
  const rows: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 24; i++) {
    rows.push([(i * 7) % 11, ((i * i) % 13) / 2, i % 4 === 0 ? 1 : 0, 5]);
    y.push((i * 5 + 3) % 7 < 3 ? 1 : 0);
  }
  return data(["a", "b", "c", "k"], rows, y);
}

/** Independent objective: standardise by hand (ddof 0), then f and ∇f over [b0, β…] with plain arrays. */
function referenceProblem(d: PropensityData, lambda: number) {
  const p = d.featureNames.length;
  const n = d.y.length;
  const cols = Array.from({ length: p }, (_, j) => Array.from({ length: n }, (_, i) => d.x[i * p + j]));
  const z = cols.map((col) => {
    const mean = col.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
    return col.map((v) => (sd === 0 ? v - mean : (v - mean) / sd));
  });
  const eta = (b: number[], i: number) => b[0] + z.reduce((s, col, j) => s + b[j + 1] * col[i], 0);
  const f = (b: number[]) => {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const pi = 1 / (1 + Math.exp(-eta(b, i)));
      v -= d.y[i] * Math.log(pi) + (1 - d.y[i]) * Math.log(1 - pi);
    }
    return v + (lambda / 2) * b.slice(1).reduce((s, v2) => s + v2 * v2, 0);
  };
  const grad = (b: number[]) => {
    const g = new Array<number>(p + 1).fill(0);
    for (let i = 0; i < n; i++) {
      const r = 1 / (1 + Math.exp(-eta(b, i))) - d.y[i];
      g[0] += r;
      for (let j = 0; j < p; j++) g[j + 1] += r * z[j][i];
    }
    for (let j = 1; j <= p; j++) g[j] += lambda * b[j];
    return g;
  };
  // Lipschitz bound of ∇f: ¼·Σᵢ‖(1, zᵢ)‖² + λ ≥ the largest eigenvalue of the Hessian.
  let lipschitz = lambda;
  for (let i = 0; i < n; i++) lipschitz += 0.25 * (1 + z.reduce((s, col) => s + col[i] ** 2, 0));
  return { f, grad, lipschitz };
}

/** Plain gradient descent with step 1/L until ‖∇f‖∞ < 1e-12: slow but obviously correct. */
function gradientDescent(d: PropensityData, lambda: number): number[] {
  const { grad, lipschitz } = referenceProblem(d, lambda);
  let b = new Array<number>(d.featureNames.length + 1).fill(0);
  for (let it = 0; it < 200_000; it++) {
    const g = grad(b);
    if (Math.max(...g.map(Math.abs)) < 1e-12) return b;
    b = b.map((v, j) => v - g[j] / lipschitz);
  }
  throw new Error("reference gradient descent did not converge");
}

describe("propensity fit: the documented objective", () => {
  it("equals an independent gradient-descent solution on a fixed design, with ∇f ≈ 0", () => {
    const d = fixedDesign();
    for (const lambda of [1, 0.25, 10]) {
      const fit = fitPropensity(d, { lambda });
      expect(fit.diagnostics.converged).toBe(true);
      const m = fit.model!;
      const ref = gradientDescent(d, lambda);
      expect(m.intercept).toBeCloseTo(ref[0], 10);
      m.coefficients.forEach((c, j) => expect(c).toBeCloseTo(ref[j + 1], 10));
      // Optimality condition on the independent objective at our solution.
      const { grad, f } = referenceProblem(d, lambda);
      const g = grad([m.intercept, ...m.coefficients]);
      expect(Math.max(...g.map(Math.abs))).toBeLessThan(1e-9);
      expect(fit.diagnostics.objective).toBeCloseTo(f([m.intercept, ...m.coefficients]), 10);
      expect(fit.diagnostics.gradientNorm).toBeLessThanOrEqual(1e-8);
    }
  });

  it("equals scikit-learn LogisticRegression(C = 1/λ) after StandardScaler on the fixed design", () => {
    // scikit-learn's objective is C·Σ logloss + ½‖β‖² with an unpenalised intercept: ours divided by λ,
    // so with C = 1/λ the minimiser is the same. Reference values: scikit-learn 1.2.1 (Debian
    // python3-sklearn), StandardScaler().fit_transform(X), then
    // LogisticRegression(C=1/λ, solver="newton-cg", tol=1e-12, max_iter=100000); confirmed by
    // scipy.optimize.minimize(BFGS, gtol=1e-13) on the written-out objective (agreement 1e-10).
    // StandardScaler: mean_ = [4.875, 3.1458333333333335, 0.25, 5], scale_ = [3.2185982973959333,
    // 2.1334594689273, 0.4330127018922193, 1] (the constant column gets scale 1 and coefficient 0).
    const d = fixedDesign();
    const s = computeStandardization(d);
    expect(Array.from(s.means)).toEqual([4.875, 3.1458333333333335, 0.25, 5]);
    [3.2185982973959333, 2.1334594689273, 0.4330127018922193, 1].forEach((v, j) => expect(s.scales[j]).toBeCloseTo(v, 14));
    expect(s.constant).toEqual([false, false, false, true]);
    const sklearn: [number, number, number[]][] = [
      [1, -0.3705486298835094, [-0.652645700274843, -0.0715859174402499, 0.09077895448244487, 0]],
      [0.25, -0.38046721184753124, [-0.7531384541006206, -0.09043068530157562, 0.09210101864620006, 0]],
    ];
    for (const [lambda, intercept, coefficients] of sklearn) {
      const m = fitPropensity(d, { lambda }).model!;
      // newton-cg stops at its own tolerance, about 1e-8 from the optimum here.
      expect(Math.abs(m.intercept - intercept)).toBeLessThan(1e-7);
      coefficients.forEach((c, j) => expect(Math.abs(m.coefficients[j] - c)).toBeLessThan(1e-7));
      expect(m.coefficients[3]).toBe(0);
    }
    // SciPy BFGS (gtol 1e-13) values, closer to the exact optimum.
    const m1 = fitPropensity(d, { lambda: 1 }).model!;
    expect(m1.intercept).toBeCloseTo(-0.3705486298576385, 9);
    expect(m1.coefficients[0]).toBeCloseTo(-0.6526457005923032, 9);
    expect(m1.coefficients[1]).toBeCloseTo(-0.07158591759900207, 9);
    expect(m1.coefficients[2]).toBeCloseTo(0.09077895446592471, 9);
  });

  it("λ = 0 with one binary feature gives the closed-form MLE: slope = log odds ratio", () => {
    // x = 0: 30 members, 6 responders (odds 6/24); x = 1: 20 members, 10 responders (odds 10/10).
    // Unpenalised MLE on the raw scale: b₀ = log(6/24), b₁ = log(1 / (6/24)) = log 4. On the
    // standardised scale (mean 0.4, SD √(0.4·0.6)) β = b₁·SD and intercept = b₀ + b₁·mean.
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 30; i++) {
      rows.push([0]);
      y.push(i < 6 ? 1 : 0);
    }
    for (let i = 0; i < 20; i++) {
      rows.push([1]);
      y.push(i < 10 ? 1 : 0);
    }
    const fit = fitPropensity(data(["promoted"], rows, y), { lambda: 0 });
    const m = fit.model!;
    const sd = Math.sqrt(0.4 * 0.6);
    expect(m.coefficients[0] / sd).toBeCloseTo(Math.log(4), 12);
    expect(m.intercept - m.coefficients[0] * (0.4 / sd)).toBeCloseTo(Math.log(6 / 24), 12);
    // A tiny λ approaches the MLE.
    const nearly = fitPropensity(data(["promoted"], rows, y), { lambda: 1e-9 }).model!;
    expect(nearly.coefficients[0]).toBeCloseTo(m.coefficients[0], 7);
  });

  it("λ = 0 with group dummies is the saturated model: fitted probabilities = group response rates", () => {
    // Groups A (15 members, 3 responders), B (25, 10), C (10, 7) as dummies isB, isC: the MLE of a
    // saturated model reproduces each group's observed rate 0.2, 0.4, 0.7 (score equations Σ(y − p)·x = 0).
    const groups: [number[], number, number][] = [
      [[0, 0], 15, 3],
      [[1, 0], 25, 10],
      [[0, 1], 10, 7],
    ];
    const rows: number[][] = [];
    const y: number[] = [];
    for (const [features, n, responders] of groups) {
      for (let i = 0; i < n; i++) {
        rows.push(features);
        y.push(i < responders ? 1 : 0);
      }
    }
    const m = fitPropensity(data(["isB", "isC"], rows, y), { lambda: 0 }).model!;
    const probabilities = predictPropensity(m, Float64Array.from([0, 0, 1, 0, 0, 1]));
    expect(probabilities[0]).toBeCloseTo(0.2, 10);
    expect(probabilities[1]).toBeCloseTo(0.4, 10);
    expect(probabilities[2]).toBeCloseTo(0.7, 10);
  });

  it("never returns an unconverged fit as usable", () => {
    // λ = 0 on separable data: no MLE exists; the solver must not call it converged.
    const separable = data(["x"], [[1], [2], [3], [4], [5], [6]], [0, 0, 0, 1, 1, 1]);
    const diverging = fitPropensity(separable, { lambda: 0 });
    expect(diverging.model).toBeNull();
    expect(diverging.diagnostics.converged).toBe(false);
    expect(["diverging", "singular-hessian", "max-iterations"]).toContain(diverging.diagnostics.reason);
    // With λ > 0 the same data have a unique optimum.
    expect(fitPropensity(separable, { lambda: 1 }).model).not.toBeNull();
    // Cut short: not converged, no model, the last iterate is kept for diagnosis only.
    const cut = fitPropensity(fixedDesign(), { maxIterations: 1 });
    expect(cut.model).toBeNull();
    expect(cut.diagnostics.reason).toBe("max-iterations");
    if (cut.model === null) expect(cut.lastIterate.coefficients).toHaveLength(4);
  });

  it("treats a constant column like StandardScaler (scale 1, coefficient 0) without changing the others", () => {
    const d = fixedDesign();
    const without = data(
      ["a", "b", "c"],
      Array.from({ length: 24 }, (_, i) => [d.x[i * 4], d.x[i * 4 + 1], d.x[i * 4 + 2]]),
      Array.from(d.y),
    );
    const a = fitPropensity(d).model!;
    const b = fitPropensity(without).model!;
    expect(a.intercept).toBeCloseTo(b.intercept, 13);
    for (let j = 0; j < 3; j++) expect(a.coefficients[j]).toBeCloseTo(b.coefficients[j], 13);
    // Values like 0.1 whose mean is not exactly 0.1 in binary still count as constant.
    const s = computeStandardization(data(["v"], [[0.1], [0.1], [0.1]], [0, 1, 0]));
    expect(s.constant).toEqual([true]);
    expect(s.scales[0]).toBe(1);
  });

  it("rejects malformed data", () => {
    expect(() => validatePropensityData(data(["x"], [[1], [2]], [0, 2]))).toThrow(/outcome of row 1/);
    expect(() => validatePropensityData(data(["x"], [[1], [Number.NaN]], [0, 1]))).toThrow(/row 1, feature "x"/);
    expect(() => fitPropensity({ featureNames: ["x", "y"], x: Float64Array.from([1, 2, 3]), y: Uint8Array.from([0, 1]) })).toThrow(RangeError);
    expect(() => fitPropensity(fixedDesign(), { lambda: -1 })).toThrow(RangeError);
  });
});

describe("propensity scoring and reasons", () => {
  const model: PropensityModel = {
    featureNames: ["recency", "frequency", "tier", "tenure"],
    lambda: 1,
    intercept: -1,
    coefficients: Float64Array.from([-0.8, 0.5, 0.5, 0.2]),
    standardization: { means: Float64Array.from([30, 4, 2, 100]), scales: Float64Array.from([10, 2, 1, 50]), constant: [false, false, false, false] },
  };

  it("scores raw rows: p = σ(b₀ + Σ β·(x − mean)/sd)", () => {
    // Row: recency 10 → z = −2 → −0.8·−2 = 1.6; frequency 6 → z = 1 → 0.5; tier 3 → z = 1 → 0.5;
    // tenure 50 → z = −1 → −0.2. η = −1 + 1.6 + 0.5 + 0.5 − 0.2 = 1.4, p = 1/(1 + e^−1.4).
    const row = [10, 6, 3, 50];
    expect(linearPredictor(model, row)).toBeCloseTo(1.4, 14);
    const p = predictPropensity(model, Float64Array.from([...row, 30, 4, 2, 100]));
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-1.4)), 14);
    expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(1)), 14);
    expect(() => predictPropensity(model, Float64Array.from([1, 2, 3]))).toThrow(RangeError);
  });

  it("gives the largest positive β·z terms as reasons, ties in feature order", () => {
    // Terms: recency 1.6, frequency 0.5, tier 0.5, tenure −0.2 → recency, frequency, tier.
    expect(topReasons(model, [10, 6, 3, 50])).toEqual([
      { feature: "recency", contribution: 1.6, value: 10 },
      { feature: "frequency", contribution: 0.5, value: 6 },
      { feature: "tier", contribution: 0.5, value: 3 },
    ]);
    expect(topReasons(model, [10, 6, 3, 50], 1).map((r) => r.feature)).toEqual(["recency"]);
    // An average customer has no positive term: no reasons.
    expect(topReasons(model, [30, 4, 2, 100])).toEqual([]);
    expect(topReasons(model, [10, 6, 3, 50], 0)).toEqual([]);
  });

  it("picks the same reasons as sorting every positive term (stable), on random models with ties", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((p) =>
          fc.record({
            beta: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: p, maxLength: p }),
            row: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: p, maxLength: p }),
            k: fc.integer({ min: 0, max: p + 1 }),
          }),
        ),
        ({ beta, row, k }) => {
          const p = beta.length;
          const m: PropensityModel = {
            featureNames: beta.map((_, j) => `f${j}`),
            lambda: 1,
            intercept: 0,
            coefficients: Float64Array.from(beta),
            standardization: { means: new Float64Array(p), scales: new Float64Array(p).fill(1), constant: new Array<boolean>(p).fill(false) },
          };
          // Small integers make many equal contributions, the case the order rule is about.
          const reference = beta
            .map((b, j) => ({ feature: `f${j}`, contribution: b * row[j], value: row[j] }))
            .filter((t) => t.contribution > 0)
            .sort((a, b) => b.contribution - a.contribution)
            .slice(0, k);
          expect(topReasons(m, row, k)).toEqual(reference);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("AUC by the Mann–Whitney rank formula", () => {
  it("counts a tied positive–negative pair as ½ (hand-computed example)", () => {
    // Positives 0.9, 0.8, 0.5; negatives 0.8, 0.5, 0.3. Pairs won by the positive:
    // 0.9: 3; 0.8: ½ (tie) + 1 + 1 = 2.5; 0.5: 0 + ½ (tie) + 1 = 1.5 → 7 of 9.
    // Ranks (average for ties): 0.3→1, 0.5→2.5, 0.5→2.5, 0.8→4.5, 0.8→4.5, 0.9→6;
    // R₊ = 6 + 4.5 + 2.5 = 13; AUC = (13 − 3·4/2) / (3·3) = 7/9.
    const auc = aucMannWhitney([0.9, 0.8, 0.8, 0.5, 0.5, 0.3], [1, 0, 1, 0, 1, 0]);
    expect(auc.value).toBeCloseTo(7 / 9, 15);
  });

  it("is 1 for perfect ranking, 0 reversed, ½ all tied, and undefined with one class", () => {
    expect(aucMannWhitney([0.1, 0.2, 0.3, 0.4], [0, 0, 1, 1]).value).toBe(1);
    expect(aucMannWhitney([0.4, 0.3, 0.2, 0.1], [0, 0, 1, 1]).value).toBe(0);
    expect(aucMannWhitney([0.5, 0.5, 0.5], [0, 1, 1]).value).toBe(0.5);
    expect(aucMannWhitney([0.5, 0.7], [1, 1])).toEqual({ value: null, reason: "one-class" });
  });

  it("equals the brute-force pair count on random scores with many ties", () => {
    const random = mulberry32(99);
    const scores = Array.from({ length: 400 }, () => Math.floor(random() * 20) / 20);
    const labels = scores.map((s) => (random() < 0.3 + 0.4 * s ? 1 : 0));
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < scores.length; i++) {
      if (labels[i] !== 1) continue;
      for (let j = 0; j < scores.length; j++) {
        if (labels[j] !== 0) continue;
        pairs++;
        wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      }
    }
    expect(aucMannWhitney(scores, labels).value).toBeCloseTo(wins / pairs, 13);
  });
});

describe("cross-validated AUC", () => {
  function synthetic(n: number, seed: number): PropensityData {
    const random = mulberry32(seed);
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const recency = random() * 365;
      const frequency = Math.floor(random() * 10);
      const eta = -1 - recency / 120 + frequency / 4;
      rows.push([recency, frequency, random()]);
      y.push(random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
    }
    return data(["recency", "frequency", "noise"], rows, y);
  }

  it("is deterministic for a seed, stratified, and differs across seeds", () => {
    const d = synthetic(600, 5);
    const a = crossValidatePropensity(d, { folds: 5, seed: 42 }).value!;
    const b = crossValidatePropensity(d, { folds: 5, seed: 42 }).value!;
    expect(a.foldAucs).toEqual(b.foldAucs);
    expect(Array.from(a.outOfFold)).toEqual(Array.from(b.outOfFold));
    expect(a.auc).toBeCloseTo(a.foldAucs.reduce((s, v) => s + v, 0) / 5, 15);
    // Informative features: held-out AUC well above ½.
    expect(a.auc).toBeGreaterThan(0.65);
    expect(a.pooledAuc).toBeGreaterThan(0.65);
    const folds = assignFolds(d.y, 5, 42);
    expect(Array.from(folds)).toEqual(Array.from(assignFolds(d.y, 5, 42)));
    expect(Array.from(folds)).not.toEqual(Array.from(assignFolds(d.y, 5, 43)));
    const positives = d.y.reduce((s, v) => s + v, 0);
    for (let k = 0; k < 5; k++) {
      let pos = 0;
      let all = 0;
      folds.forEach((f, i) => {
        if (f === k) {
          all++;
          pos += d.y[i];
        }
      });
      expect(Math.abs(pos - positives / 5)).toBeLessThanOrEqual(1);
      expect(Math.abs(all - pos - (600 - positives) / 5)).toBeLessThanOrEqual(1);
    }
    expect(crossValidatePropensity(d, { folds: 5, seed: 43 }).value!.foldAucs).not.toEqual(a.foldAucs);
  });

  it("standardises each fold on its own training rows (no leakage): equals fitting the training rows by hand", () => {
    const d = synthetic(200, 8);
    const cv = crossValidatePropensity(d, { folds: 4, seed: 3 }).value!;
    const folds = assignFolds(d.y, 4, 3);
    const train: number[] = [];
    const test: number[] = [];
    folds.forEach((f, i) => (f === 0 ? test : train).push(i));
    const subset = data(
      [...d.featureNames],
      train.map((i) => Array.from(d.x.subarray(i * 3, i * 3 + 3))),
      train.map((i) => d.y[i]),
    );
    const m = fitPropensity(subset).model!;
    const predicted = predictPropensity(m, Float64Array.from(test.flatMap((i) => Array.from(d.x.subarray(i * 3, i * 3 + 3)))));
    test.forEach((row, t) => expect(cv.outOfFold[row]).toBeCloseTo(predicted[t], 12));
  });

  it("is undefined with fewer rows of a class than folds", () => {
    const d = data(["x"], [[1], [2], [3], [4], [5], [6]], [0, 1, 0, 1, 0, 0]);
    expect(crossValidatePropensity(d, { folds: 3 })).toEqual({ value: null, reason: "too-few-per-class" });
    expect(() => assignFolds(d.y, 1, 1)).toThrow(RangeError);
  });
});

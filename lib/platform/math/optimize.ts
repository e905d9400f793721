/** Generic unconstrained minimisers used by the model fits (BFGS with analytic gradients; Nelder–Mead). */

export interface ValueAndGradient {
  value: number;
  gradient: number[];
}

export type Objective = (x: readonly number[]) => number;
export type ObjectiveWithGradient = (x: readonly number[]) => ValueAndGradient;

export interface MinimizeResult {
  x: number[];
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** Machine-readable reason the search stopped. */
  reason: "gradient" | "value" | "step" | "maxIterations" | "lineSearch" | "simplex";
}

export interface BfgsOptions {
  maxIterations?: number;
  /** Stop when the largest gradient component is at most this. */
  gradientTolerance?: number;
  /** Stop when the relative decrease of the value in one iteration is at most this. */
  valueTolerance?: number;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: readonly number[]): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

function axpy(x: readonly number[], step: number, p: readonly number[]): number[] {
  return x.map((v, i) => v + step * p[i]);
}

interface LinePoint {
  step: number;
  value: number;
  slope: number;
  gradient: number[];
}

/**
 * Line search for the strong Wolfe conditions (Nocedal & Wright, algorithms 3.5 and 3.6). Strong Wolfe
 * guarantees y·s > 0, which keeps the BFGS inverse-Hessian positive definite.
 */
function wolfeLineSearch(
  fg: ObjectiveWithGradient,
  x: readonly number[],
  direction: readonly number[],
  f0: number,
  slope0: number,
  initialStep: number,
  counter: { evaluations: number },
): LinePoint | null {
  const c1 = 1e-4;
  const c2 = 0.9;
  const evaluate = (step: number): LinePoint => {
    counter.evaluations++;
    const r = fg(axpy(x, step, direction));
    const ok = Number.isFinite(r.value) && r.gradient.every(Number.isFinite);
    return {
      step,
      value: ok ? r.value : Number.POSITIVE_INFINITY,
      slope: ok ? dot(r.gradient, direction) : Number.NaN,
      gradient: r.gradient,
    };
  };

  const zoom = (loIn: LinePoint, hiIn: LinePoint): LinePoint | null => {
    let lo = loIn;
    let hi = hiIn;
    for (let i = 0; i < 60; i++) {
      let trial: number;
      const width = hi.step - lo.step;
      if (Number.isFinite(hi.value)) {
        // Minimiser of the quadratic through lo (value, slope) and hi (value), safeguarded below.
        const denom = 2 * (hi.value - lo.value - lo.slope * width);
        trial = denom > 0 ? lo.step - (lo.slope * width * width) / denom : lo.step + width / 2;
      } else {
        trial = lo.step + width / 2;
      }
      const minStep = Math.min(lo.step, hi.step);
      const maxStep = Math.max(lo.step, hi.step);
      const margin = 0.1 * (maxStep - minStep);
      if (!(trial > minStep + margin && trial < maxStep - margin)) trial = lo.step + width / 2;
      const p = evaluate(trial);
      if (!Number.isFinite(p.value) || p.value > f0 + c1 * trial * slope0 || p.value >= lo.value) {
        hi = p;
      } else {
        if (Math.abs(p.slope) <= -c2 * slope0) return p;
        if (p.slope * (hi.step - lo.step) >= 0) hi = lo;
        lo = p;
      }
      if (Math.abs(hi.step - lo.step) < 1e-16 * Math.max(1, Math.abs(lo.step))) break;
    }
    return lo.step > 0 ? lo : null;
  };

  let previous: LinePoint = { step: 0, value: f0, slope: slope0, gradient: [] };
  let step = initialStep;
  for (let i = 0; i < 40; i++) {
    const p = evaluate(step);
    if (!Number.isFinite(p.value) || p.value > f0 + c1 * step * slope0 || (i > 0 && p.value >= previous.value)) {
      return zoom(previous, p);
    }
    if (Math.abs(p.slope) <= -c2 * slope0) return p;
    if (p.slope >= 0) return zoom(p, previous);
    previous = p;
    step *= 2;
  }
  return previous.step > 0 ? previous : null;
}

/** Quasi-Newton BFGS with a strong-Wolfe line search; the caller supplies value and gradient together. */
export function minimizeBfgs(fg: ObjectiveWithGradient, x0: readonly number[], options: BfgsOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 500;
  const gradientTolerance = options.gradientTolerance ?? 1e-8;
  const valueTolerance = options.valueTolerance ?? 1e-14;
  const counter = { evaluations: 1 };
  let x = [...x0];
  const start = fg(x);
  if (!Number.isFinite(start.value)) throw new RangeError("minimizeBfgs: objective is not finite at the starting point");
  let f = start.value;
  let g = [...start.gradient];
  // Inverse Hessian approximation, row-major n x n.
  let h = identity(n);
  let firstStep = true;

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxAbs(g) <= gradientTolerance) {
      return { x, value: f, iterations: iteration, evaluations: counter.evaluations, converged: true, reason: "gradient" };
    }
    let direction = matVec(h, g).map((v) => -v);
    let slope = dot(direction, g);
    if (!(slope < 0)) {
      // Lost descent (numerical noise in H): restart from steepest descent.
      h = identity(n);
      direction = g.map((v) => -v);
      slope = dot(direction, g);
    }
    const initialStep = firstStep ? Math.min(1, 1 / Math.max(maxAbs(g), 1e-12)) : 1;
    const point = wolfeLineSearch(fg, x, direction, f, slope, initialStep, counter);
    if (point === null) {
      return {
        x,
        value: f,
        iterations: iteration,
        evaluations: counter.evaluations,
        converged: maxAbs(g) <= Math.sqrt(gradientTolerance),
        reason: "lineSearch",
      };
    }
    const s = direction.map((v) => v * point.step);
    const newX = axpy(x, 1, s);
    const y = point.gradient.map((v, i) => v - g[i]);
    const sy = dot(s, y);
    const decrease = f - point.value;
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (firstStep) {
        // Scale the initial identity by the observed curvature so the first quasi-Newton step is sized well.
        const scale = sy / dot(y, y);
        h = identity(n).map((v) => v * scale);
      }
      h = bfgsUpdate(h, s, y, sy);
      firstStep = false;
    }
    x = newX;
    f = point.value;
    g = point.gradient;
    if (decrease <= valueTolerance * Math.max(1, Math.abs(f))) {
      return {
        x,
        value: f,
        iterations: iteration + 1,
        evaluations: counter.evaluations,
        converged: maxAbs(g) <= Math.sqrt(gradientTolerance),
        reason: "value",
      };
    }
    if (maxAbs(s) <= 1e-15 * Math.max(1, maxAbs(x))) {
      return { x, value: f, iterations: iteration + 1, evaluations: counter.evaluations, converged: false, reason: "step" };
    }
  }
  return { x, value: f, iterations: maxIterations, evaluations: counter.evaluations, converged: false, reason: "maxIterations" };
}

function identity(n: number): number[] {
  const m = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

function matVec(m: readonly number[], v: readonly number[]): number[] {
  const n = v.length;
  const out = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += m[i * n + j] * v[j];
    out[i] = s;
  }
  return out;
}

/** H+ = (I - ρ s yᵀ) H (I - ρ y sᵀ) + ρ s sᵀ, expanded so it costs O(n²). */
function bfgsUpdate(h: readonly number[], s: readonly number[], y: readonly number[], sy: number): number[] {
  const n = s.length;
  const rho = 1 / sy;
  const hy = matVec(h, y);
  const yhy = dot(y, hy);
  const out = new Array<number>(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out[i * n + j] =
        h[i * n + j] - rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
    }
  }
  return out;
}

/**
 * BFGS first; if it stops without converging (a flat or badly scaled likelihood), Nelder–Mead
 * restarts from where it stopped and BFGS polishes that point. The better of the two results wins.
 * Used by the maximum-likelihood fits, which all work on log-parameters.
 */
export function minimizeRobust(fg: ObjectiveWithGradient, x0: readonly number[], options: { maxIterations?: number } = {}): MinimizeResult {
  const bfgs = { maxIterations: options.maxIterations ?? 500, gradientTolerance: 1e-9 };
  const first = minimizeBfgs(fg, x0, bfgs);
  if (first.converged) return first;
  const nm = minimizeNelderMead((v) => fg(v).value, first.x, { maxIterations: 4000 });
  const polished = minimizeBfgs(fg, nm.x, bfgs);
  const best = polished.value <= first.value ? polished : first;
  return { ...best, iterations: first.iterations + nm.iterations + polished.iterations };
}

export interface NelderMeadOptions {
  maxIterations?: number;
  /** Stop when the spread of values over the simplex is at most this. */
  valueTolerance?: number;
  /** ...and the simplex is at most this wide in every coordinate. */
  pointTolerance?: number;
  /** Edge of the initial simplex per coordinate (defaults to 5% of |x0_i|, or 0.00025 when x0_i = 0). */
  initialStep?: readonly number[];
}

/** Derivative-free Nelder–Mead simplex search (standard coefficients 1, 2, 0.5, 0.5). */
export function minimizeNelderMead(f: Objective, x0: readonly number[], options: NelderMeadOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 200 * Math.max(1, n);
  const valueTolerance = options.valueTolerance ?? 1e-10;
  const pointTolerance = options.pointTolerance ?? 1e-10;
  let evaluations = 0;
  const value = (p: readonly number[]): number => {
    evaluations++;
    const v = f(p);
    // Treat NaN as +Infinity so an invalid region simply loses every comparison.
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };
  const simplex: { x: number[]; value: number }[] = [{ x: [...x0], value: value(x0) }];
  for (let i = 0; i < n; i++) {
    const p = [...x0];
    const step = options.initialStep?.[i] ?? (p[i] !== 0 ? 0.05 * p[i] : 0.00025);
    p[i] += step;
    simplex.push({ x: p, value: value(p) });
  }
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0];
    const worst = simplex[n];
    let width = 0;
    for (let k = 1; k <= n; k++) {
      for (let i = 0; i < n; i++) width = Math.max(width, Math.abs(simplex[k].x[i] - best.x[i]));
    }
    if (Math.abs(worst.value - best.value) <= valueTolerance && width <= pointTolerance) {
      return { x: best.x, value: best.value, iterations: iteration, evaluations, converged: true, reason: "simplex" };
    }
    const centroid = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i] += simplex[k].x[i] / n;
    const along = (t: number): number[] => centroid.map((c, i) => c + t * (worst.x[i] - c));
    const reflected = along(-1);
    const fr = value(reflected);
    if (fr < best.value) {
      const expanded = along(-2);
      const fe = value(expanded);
      simplex[n] = fe < fr ? { x: expanded, value: fe } : { x: reflected, value: fr };
      continue;
    }
    if (fr < simplex[n - 1].value) {
      simplex[n] = { x: reflected, value: fr };
      continue;
    }
    const outside = fr < worst.value;
    const contracted = along(outside ? -0.5 : 0.5);
    const fc = value(contracted);
    if (fc < (outside ? fr : worst.value)) {
      simplex[n] = { x: contracted, value: fc };
      continue;
    }
    for (let k = 1; k <= n; k++) {
      const p = simplex[k].x.map((v, i) => best.x[i] + 0.5 * (v - best.x[i]));
      simplex[k] = { x: p, value: value(p) };
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return { x: simplex[0].x, value: simplex[0].value, iterations: maxIterations, evaluations, converged: false, reason: "maxIterations" };
}

/** Central-difference gradient, for checking analytic gradients and for objectives without one. */
export function numericalGradient(f: Objective, x: readonly number[], relativeStep = 1e-6): number[] {
  return x.map((xi, i) => {
    const h = relativeStep * Math.max(1, Math.abs(xi));
    const plus = [...x];
    const minus = [...x];
    plus[i] = xi + h;
    minus[i] = xi - h;
    return (f(plus) - f(minus)) / (2 * h);
  });
}

/** Wraps a value-only objective with a central-difference gradient so it can be fed to minimizeBfgs. */
export function withNumericalGradient(f: Objective, relativeStep = 1e-6): ObjectiveWithGradient {
  return (x) => ({ value: f(x), gradient: numericalGradient(f, x, relativeStep) });
}

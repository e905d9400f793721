import gammaln from "@stdlib/math-base-special-gammaln";

/** ln|Γ(x)|; +Infinity at the poles (0, -1, -2, ...). */
export function logGamma(x: number): number {
  return gammaln(x);
}

/** Sign of Γ(x): +1 for x > 0, alternating between the poles for x < 0, NaN at a pole. */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return Number.NaN;
  // Γ is negative on (-1, 0), positive on (-2, -1), ...: the sign follows the parity of floor(x).
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

export function logBeta(a: number, b: number): number {
  return gammaln(a) + gammaln(b) - gammaln(a + b);
}

const EULER_GAMMA = 0.5772156649015329;

/** Digamma ψ(x) = d/dx ln Γ(x), for the analytic gradients of the spend model. */
export function digamma(x: number): number {
  if (Number.isNaN(x) || x === Number.NEGATIVE_INFINITY) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x <= 0 && Number.isInteger(x)) return Number.NaN;
  let result = 0;
  let y = x;
  if (y < 0) {
    // Reflection keeps the asymptotic series in its accurate region.
    result -= Math.PI / Math.tan(Math.PI * y);
    y = 1 - y;
  }
  if (y < 1e-6) {
    // Near the pole at 0 the recurrence would lose digits; ψ(y) ≈ -1/y - γ there.
    return result - 1 / y - EULER_GAMMA + (Math.PI * Math.PI * y) / 6;
  }
  while (y < 10) {
    result -= 1 / y;
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  // Bernoulli-number asymptotic series; at y >= 10 these terms reach double precision.
  const tail =
    inv2 *
    (1 / 12 -
      inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return result + Math.log(y) - 0.5 * inv - tail;
}

export interface Hyp2f1Options {
  /** Relative size of the last term at which a series is considered converged. */
  tolerance?: number;
  /** Upper bound on series terms, so a pathological argument fails loudly instead of hanging. */
  maxTerms?: number;
}

const DEFAULT_TOLERANCE = 1e-15;
const DEFAULT_MAX_TERMS = 5_000_000;
// Above this z the direct series needs thousands of terms; the 1 - z connection formula converges fast.
const CONNECTION_THRESHOLD = 0.9;
// The connection formula has poles where c - a - b is an integer; too close to one it cancels badly.
const INTEGER_GAP = 1e-4;

function isNonPositiveInteger(v: number): boolean {
  return v <= 0 && Number.isInteger(v);
}

/** The plain Gauss series Σ (a)_n (b)_n / (c)_n z^n / n!, for |z| < 1 (or a terminating series). */
function gaussSeries(a: number, b: number, c: number, z: number, tolerance: number, maxTerms: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    if (!Number.isFinite(sum)) throw new RangeError(`hyp2f1 series overflowed (a=${a}, b=${b}, c=${c}, z=${z})`);
    if (term === 0) return sum;
    // Terms can grow for a while when a, b exceed c, so only stop once they have started to shrink.
    if (Math.abs(term) <= tolerance * Math.abs(sum) && Math.abs((a + n + 1) * (b + n + 1) * z) < Math.abs((c + n + 1) * (n + 2))) {
      return sum;
    }
  }
  throw new RangeError(`hyp2f1 series did not converge in ${maxTerms} terms (a=${a}, b=${b}, c=${c}, z=${z})`);
}

/** Series for 0 <= z < 1, picking between the direct form and Euler's transformation. */
function seriesOnUnitInterval(a: number, b: number, c: number, z: number, tolerance: number, maxTerms: number): number {
  // Euler: F(a,b;c;z) = (1-z)^(c-a-b) F(c-a,c-b;c;z). When a + b > c the direct terms grow like
  // n^(a+b-c-1) and the sum is huge; the transformed series has decaying terms instead.
  if (a + b > c && !isNonPositiveInteger(a) && !isNonPositiveInteger(b)) {
    return Math.pow(1 - z, c - a - b) * gaussSeries(c - a, c - b, c, z, tolerance, maxTerms);
  }
  return gaussSeries(a, b, c, z, tolerance, maxTerms);
}

/** Γ(p)Γ(q) / (Γ(r)Γ(s)) through logs, so large arguments do not overflow; 0 when r or s is a pole. */
function gammaRatio(p: number, q: number, r: number, s: number): number {
  if (isNonPositiveInteger(r) || isNonPositiveInteger(s)) return 0;
  const sign = gammaSign(p) * gammaSign(q) * gammaSign(r) * gammaSign(s);
  return sign * Math.exp(gammaln(p) + gammaln(q) - gammaln(r) - gammaln(s));
}

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) for real arguments and z < 1.
 *
 * Strategy: z < 0 is mapped into (0, 1) by Pfaff's transformation; on [0, 0.9] the Gauss series is
 * summed (after Euler's transformation when that shrinks the terms); above 0.9 the 1 - z connection
 * formula is used unless c - a - b is (nearly) an integer, where it is singular and the direct
 * series is summed to convergence instead.
 */
export function hyp2f1(a: number, b: number, c: number, z: number, options: Hyp2f1Options = {}): number {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const maxTerms = options.maxTerms ?? DEFAULT_MAX_TERMS;
  if (![a, b, c, z].every(Number.isFinite)) return Number.NaN;
  if (isNonPositiveInteger(c)) throw new RangeError(`hyp2f1 is undefined for c = ${c}`);
  if (z === 0 || a === 0 || b === 0) return 1;
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) {
    // A terminating polynomial: exact for any z.
    const degree = Math.min(isNonPositiveInteger(a) ? -a : Infinity, isNonPositiveInteger(b) ? -b : Infinity);
    return gaussSeries(a, b, c, z, 0, degree + 1);
  }
  if (z >= 1) {
    if (z === 1 && c - a - b > 0) return gammaRatio(c, c - a - b, c - a, c - b);
    throw new RangeError(`hyp2f1 requires z < 1 (got ${z})`);
  }
  if (z < 0) {
    // Pfaff: F(a,b;c;z) = (1-z)^(-a) F(a, c-b; c; z/(z-1)) maps z < 0 into (0, 1).
    const w = z / (z - 1);
    return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, w, options);
  }
  const m = c - a - b;
  if (z > CONNECTION_THRESHOLD && Math.abs(m - Math.round(m)) > INTEGER_GAP) {
    const y = 1 - z;
    const first = gammaRatio(c, m, c - a, c - b);
    const second = gammaRatio(c, -m, a, b);
    const firstSeries = first === 0 ? 0 : first * gaussSeries(a, b, 1 - m, y, tolerance, maxTerms);
    const secondSeries = second === 0 ? 0 : second * Math.pow(y, m) * gaussSeries(c - a, c - b, 1 + m, y, tolerance, maxTerms);
    return firstSeries + secondSeries;
  }
  return seriesOnUnitInterval(a, b, c, z, tolerance, maxTerms);
}

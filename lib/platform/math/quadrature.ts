/** Gauss–Legendre quadrature rules, for smooth integrals that have no cheap closed form. */

export interface QuadratureRule {
  /** Nodes on [−1, 1], ascending. */
  nodes: Float64Array;
  weights: Float64Array;
}

/**
 * The n-point Gauss–Legendre rule (exact for polynomials of degree 2n − 1). Nodes are the roots of the
 * Legendre polynomial P_n, found by Newton's method from the usual cosine estimate; the weights follow
 * from P_n' at each root. Computed once per n by the caller and reused.
 */
export function gaussLegendre(n: number): QuadratureRule {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`need a positive whole number of nodes (got ${n})`);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    // Roots are symmetric, so only the upper half is solved for.
    let t = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      // P_n(t) and P_{n-1}(t) by the three-term recurrence.
      let previous = 1;
      let current = t;
      for (let k = 2; k <= n; k++) {
        const next = ((2 * k - 1) * t * current - (k - 1) * previous) / k;
        previous = current;
        current = next;
      }
      derivative = (n * (t * current - previous)) / (t * t - 1);
      const delta = current / derivative;
      t -= delta;
      if (Math.abs(delta) <= 1e-16) break;
    }
    const weight = 2 / ((1 - t * t) * derivative * derivative);
    nodes[i] = -t;
    nodes[n - 1 - i] = t;
    weights[i] = weight;
    weights[n - 1 - i] = weight;
  }
  return { nodes, weights };
}

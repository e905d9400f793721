/**
 * Local curvature of an objective at a minimum: the finite-difference Hessian of an analytic gradient and
 * the eigenvalues of a small symmetric matrix. The model fit checks use them to tell a well-determined
 * maximum-likelihood fit from one that stopped on a flat ridge.
 */

import type { ObjectiveWithGradient } from "@/lib/platform/math/optimize";

/**
 * Central differences of the gradient, (g(x + h e_j) − g(x − h e_j)) / 2h, symmetrised. Needs 2n gradient
 * evaluations; with an analytic gradient the error is O(h²) plus rounding of order ε·|g| / h, so the
 * default step keeps both far below the curvatures the fit checks care about.
 */
export function finiteDifferenceHessian(fg: ObjectiveWithGradient, x: readonly number[], step = 1e-4): number[][] {
  const n = x.length;
  const columns: number[][] = [];
  for (let j = 0; j < n; j++) {
    const plus = [...x];
    const minus = [...x];
    plus[j] += step;
    minus[j] -= step;
    const gPlus = fg(plus).gradient;
    const gMinus = fg(minus).gradient;
    columns.push(gPlus.map((g, i) => (g - gMinus[i]) / (2 * step)));
  }
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (columns[j][i] + columns[i][j]) / 2));
}

/**
 * Eigenvalues of a symmetric matrix, ascending, by cyclic Jacobi rotations: for the 3×3 and 4×4 Hessians
 * of the model fits this is exact to rounding and needs no library. Returns NaNs when an entry is not finite.
 */
export function symmetricEigenvalues(matrix: readonly (readonly number[])[]): number[] {
  const n = matrix.length;
  if (matrix.some((row) => row.length !== n)) throw new RangeError("symmetricEigenvalues needs a square matrix");
  if (matrix.some((row) => row.some((v) => !Number.isFinite(v)))) return new Array<number>(n).fill(Number.NaN);
  const a = matrix.map((row) => [...row]);
  for (let sweep = 0; sweep < 100; sweep++) {
    let offDiagonal = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      scale += a[i][i] * a[i][i];
      for (let j = i + 1; j < n; j++) offDiagonal += a[i][j] * a[i][j];
    }
    if (offDiagonal <= 1e-30 * Math.max(scale, Number.MIN_VALUE)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (a[p][q] === 0) continue;
        // The rotation angle that zeroes a[p][q] (Golub & Van Loan, the symmetric Schur decomposition).
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
      }
    }
  }
  return a.map((row, i) => row[i]).sort((u, v) => u - v);
}

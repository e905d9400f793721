import { describe, expect, it, test } from "vitest";
import { minimizeBfgs, minimizeNelderMead, numericalGradient, withNumericalGradient } from "@/lib/platform/math/optimize";

const rosenbrock = (x: readonly number[]) => (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;
const rosenbrockWithGradient = (x: readonly number[]) => ({
  value: rosenbrock(x),
  gradient: [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)],
});

describe("minimizeBfgs", () => {
  test.each([
    [[-1.2, 1]],
    [[0, 0]],
    [[2, -2]],
    [[-3, 5]],
  ])("finds the Rosenbrock minimum from %j", (x0) => {
    const r = minimizeBfgs(rosenbrockWithGradient, x0);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });

  it("solves an ill-conditioned quadratic in a few iterations", () => {
    const scales = [1, 10, 100, 1000];
    const target = [3, -1, 0.5, 2];
    const fg = (x: readonly number[]) => ({
      value: x.reduce((s, v, i) => s + scales[i] * (v - target[i]) ** 2, 0),
      gradient: x.map((v, i) => 2 * scales[i] * (v - target[i])),
    });
    const r = minimizeBfgs(fg, [0, 0, 0, 0]);
    expect(r.converged).toBe(true);
    r.x.forEach((v, i) => expect(v).toBeCloseTo(target[i], 7));
    expect(r.iterations).toBeLessThan(30);
  });

  it("works with a numerical gradient", () => {
    const r = minimizeBfgs(withNumericalGradient(rosenbrock), [-1.2, 1], { gradientTolerance: 1e-6 });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });

  it("backs off from regions where the objective is not finite", () => {
    // ln-barrier: undefined for x <= 0, minimum at x = 1.
    const fg = (x: readonly number[]) => ({
      value: x[0] <= 0 ? Number.NaN : x[0] - Math.log(x[0]),
      gradient: [x[0] <= 0 ? Number.NaN : 1 - 1 / x[0]],
    });
    const r = minimizeBfgs(fg, [5]);
    expect(r.x[0]).toBeCloseTo(1, 6);
  });

  it("refuses a non-finite starting point", () => {
    expect(() => minimizeBfgs(() => ({ value: Number.NaN, gradient: [0] }), [0])).toThrow(RangeError);
  });
});

describe("minimizeNelderMead", () => {
  test.each([[[-1.2, 1]], [[0, 0]], [[1.5, 2]]])("finds the Rosenbrock minimum from %j", (x0) => {
    const r = minimizeNelderMead(rosenbrock, x0, { maxIterations: 5000 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });

  it("minimises a 4-d quadratic", () => {
    const f = (x: readonly number[]) => x.reduce((s, v, i) => s + (i + 1) * (v - i) ** 2, 0);
    const r = minimizeNelderMead(f, [1, 1, 1, 1], { maxIterations: 10000 });
    r.x.forEach((v, i) => expect(v).toBeCloseTo(i, 4));
  });
});

describe("numericalGradient", () => {
  it("matches the analytic Rosenbrock gradient", () => {
    for (const x of [
      [-1.2, 1],
      [0.3, 0.7],
      [2, 3],
    ]) {
      const analytic = rosenbrockWithGradient(x).gradient;
      numericalGradient(rosenbrock, x).forEach((g, i) => expect(g).toBeCloseTo(analytic[i], 4));
    }
  });
});

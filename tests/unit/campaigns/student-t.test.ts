import { describe, expect, it } from "vitest";
import { normalQuantile, twoSidedNormalCritical } from "@/lib/platform/math/normal";
import { regularizedIncompleteBeta, studentTCdf, studentTPdf, studentTQuantile, twoSidedTCritical } from "@/lib/platform/math/student-t";

function relClose(actual: number, expected: number, rel: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe("normalQuantile (Wichura AS 241)", () => {
  // Expected values: CPython 3.11 statistics.NormalDist().inv_cdf, which is AS 241 as well, and the
  // familiar table values z_{0.975} = 1.959963984540054, z_{0.995} = 2.575829303548901 (R's qnorm).
  it.each([
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489],
    [0.9, 1.2815515655446008],
    [0.05, -1.6448536269514726],
    [1e-10, -6.361340902404056],
    [1e-300, -37.0470962993612],
  ])("Φ⁻¹(%s) = %s", (p, z) => {
    relClose(normalQuantile(p), z, 1e-15);
  });

  it("is antisymmetric and handles the ends", () => {
    expect(normalQuantile(0.5)).toBe(0);
    // 1 − 0.8 is not exactly 0.2 in binary, so the mirror image agrees to rounding, not bit for bit.
    expect(normalQuantile(0.2)).toBeCloseTo(-normalQuantile(0.8), 14);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(twoSidedNormalCritical(0.95)).toBeCloseTo(1.959963984540054, 15);
    expect(() => twoSidedNormalCritical(1)).toThrow(RangeError);
  });
});

describe("regularised incomplete beta", () => {
  it("matches closed forms I_x(a,1) = x^a and I_x(1,b) = 1 − (1−x)^b", () => {
    for (const x of [0.01, 0.3, 0.5, 0.77, 0.999]) {
      for (const a of [0.5, 1, 2.5, 7]) {
        relClose(regularizedIncompleteBeta(x, a, 1), Math.pow(x, a), 1e-13);
        relClose(regularizedIncompleteBeta(x, 1, a), 1 - Math.pow(1 - x, a), 1e-13);
      }
    }
  });

  it("matches SciPy 1.17.1 scipy.special.betainc(2.5, 4, 0.3) and the symmetry I_x(a,b) = 1 − I_{1−x}(b,a)", () => {
    relClose(regularizedIncompleteBeta(0.3, 2.5, 4), 0.3521975859067672, 1e-14);
    for (const [x, a, b] of [
      [0.2, 3, 0.5],
      [0.9, 0.5, 12],
      [0.5, 40, 35],
    ]) {
      expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(1 - regularizedIncompleteBeta(1 - x, b, a), 14);
    }
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(() => regularizedIncompleteBeta(1.2, 2, 3)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(0.5, 0, 3)).toThrow(RangeError);
  });
});

describe("Student t quantile", () => {
  // t_{0.975, ν}: printed tables (e.g. NIST/SEMATECH e-Handbook of Statistical Methods §1.3.6.7.2) give
  // 12.706, 4.303, 2.571, 2.228, 2.042, 1.984 for ν = 1, 2, 5, 10, 30, 100; the full-precision values
  // are R's qt(0.975, ν) (12.7062047361747, 4.30265272974946, …), equal to SciPy 1.17.1 t.ppf shown here.
  const table: [number, number, number][] = [
    [1, 12.706204736174694, 12.706],
    [2, 4.302652729749462, 4.303],
    [5, 2.5705818356363146, 2.571],
    [10, 2.228138851986274, 2.228],
    [30, 2.0422724563012378, 2.042],
    [100, 1.9839715185235518, 1.984],
  ];
  it.each(table)("t_{0.975, %s} = %s (table: %s)", (df, exact, printed) => {
    const t = studentTQuantile(0.975, df);
    relClose(t, exact, 1e-12);
    expect(Number(t.toFixed(3))).toBe(printed);
    expect(twoSidedTCritical(0.95, df)).toBeCloseTo(exact, 11);
  });

  // Non-integer ν (what Welch–Satterthwaite produces) and other levels: SciPy 1.17.1 scipy.stats.t.ppf.
  it.each([
    [0.975, 7.5, 2.333039626864974],
    [0.995, 7.5, 3.421422688124044],
    [0.975, 0.5, 164.55767348048818],
    [0.995, 0.5, 4113.964588804174],
    [0.975, 1.5, 6.016663104427929],
    [0.9, 3.3, 1.598366958560087],
    [0.995, 30, 2.7499956535672254],
    [1e-10, 4, -416.1751403296041],
    [0.975, 1e6, 1.959966356814107],
  ])("t_{%s, %s} = %s", (p, df, expected) => {
    relClose(studentTQuantile(p, df), expected, 1e-9);
  });

  it("inverts the CDF to 1e-12 over a grid of p and non-integer ν", () => {
    for (const df of [0.7, 1, 2, 2.5, 4, 9.3, 17.776, 60, 1234.5]) {
      for (const p of [1e-8, 0.001, 0.025, 0.1, 0.3, 0.5, 0.6, 0.9, 0.975, 0.999]) {
        const t = studentTQuantile(p, df);
        expect(Math.abs(studentTCdf(t, df) - p)).toBeLessThanOrEqual(1e-12 * Math.max(p, 1e-3));
      }
    }
  });

  it("CDF and density match closed forms for ν = 1 (Cauchy) and SciPy for ν = 3 and 7.5", () => {
    for (const t of [-3, -0.5, 0, 1, 10]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 14);
      expect(studentTPdf(t, 1)).toBeCloseTo(1 / (Math.PI * (1 + t * t)), 14);
    }
    relClose(studentTCdf(2, 3), 0.9303370157205785, 1e-14);
    relClose(studentTCdf(-1.5, 7.5), 0.08724028529323204, 1e-13);
  });

  it("handles the ends and rejects bad degrees of freedom", () => {
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(0, 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(studentTQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(studentTQuantile(0.25, 6)).toBe(-studentTQuantile(0.75, 6));
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, Number.NaN)).toThrow(RangeError);
  });
});

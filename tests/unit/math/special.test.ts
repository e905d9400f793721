import { describe, expect, it, test } from "vitest";
import fc from "fast-check";
import { digamma, gammaSign, hyp2f1, logBeta, logGamma } from "@/lib/platform/math/special";

describe("logGamma / logBeta / gammaSign", () => {
  test.each([
    [1, 0],
    [2, 0],
    [5, Math.log(24)],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [-0.5, Math.log(2 * Math.sqrt(Math.PI))],
  ])("logGamma(%d)", (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 12);
  });

  test.each([
    [3, 1],
    [-0.5, -1],
    [-1.5, 1],
    [-2.5, -1],
  ])("gammaSign(%d) = %d", (x, s) => {
    expect(gammaSign(x)).toBe(s);
  });

  it("logBeta(2, 3) = ln(1/12)", () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 12);
  });
});

describe("digamma", () => {
  const gamma = 0.5772156649015329;
  test.each([
    [1, -gamma],
    [0.5, -gamma - 2 * Math.LN2],
    [2, 1 - gamma],
    [10, 2.251752589066721],
    [100, 4.600161852738087],
    [0.1, -10.423754940411076],
    [-0.5, 0.03648997397857652],
  ])("digamma(%d)", (x, expected) => {
    expect(digamma(x)).toBeCloseTo(expected, 11);
  });

  it("matches a central difference of logGamma", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 200, noNaN: true }), (x) => {
        const h = 1e-5 * Math.max(1, x);
        const numeric = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
        expect(Math.abs(digamma(x) - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
      }),
    );
  });

  it("satisfies the recurrence ψ(x+1) = ψ(x) + 1/x", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 50, noNaN: true }), (x) => {
        expect(digamma(x + 1)).toBeCloseTo(digamma(x) + 1 / x, 9);
      }),
    );
  });
});

describe("hyp2f1", () => {
  // Closed forms: each exercises a different branch (series, Euler, Pfaff, 1 − z connection, integer c − a − b).
  test.each([
    ["ln: F(1,1;2;z) = −ln(1−z)/z, z=0.5", 1, 1, 2, 0.5, -Math.log(0.5) / 0.5],
    ["ln near 1 (integer c−a−b)", 1, 1, 2, 0.99, -Math.log(0.01) / 0.99],
    ["ln, negative z (Pfaff)", 1, 1, 2, -3, Math.log(4) / 3],
    ["binomial F(a,b;b;z) = (1−z)^−a", 0.7, 2.3, 2.3, 0.6, Math.pow(0.4, -0.7)],
    ["binomial near 1 (connection)", 0.7, 2.3, 2.3, 0.97, Math.pow(0.03, -0.7)],
    ["binomial negative z", 1.5, 0.4, 0.4, -5, Math.pow(6, -1.5)],
    ["arcsin: F(½,½;3/2;x²) = asin(x)/x", 0.5, 0.5, 1.5, 0.81, Math.asin(0.9) / 0.9],
    ["arcsin near 1 (connection formula, c−a−b = ½)", 0.5, 0.5, 1.5, 0.9801, Math.asin(0.99) / 0.99],
    ["atanh: F(½,1;3/2;x²) = atanh(x)/x", 0.5, 1, 1.5, 0.25, Math.atanh(0.5) / 0.5],
    ["terminating polynomial F(−2,b;c;z)", -2, 3, 4, 2.5, 1 + (-2 * 3 * 2.5) / 4 + ((-2 * -1 * 3 * 4) / (4 * 5 * 2)) * 2.5 * 2.5],
    ["Gauss at z = 1", 0.3, 0.4, 2, 1, Math.exp(logGamma(2) + logGamma(1.3) - logGamma(1.7) - logGamma(1.6))],
  ])("%s", (_name, a, b, c, z, expected) => {
    const v = hyp2f1(a, b, c, z);
    expect(Math.abs(v - expected)).toBeLessThan(1e-10 * Math.max(1, Math.abs(expected)));
  });

  it("sin form: F(a, 1−a; 3/2; sin²x) = sin((2a−1)x) / ((2a−1) sin x)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 1.5, noNaN: true }), fc.double({ min: 0.6, max: 3, noNaN: true }), (x, a) => {
        const z = Math.sin(x) ** 2;
        const expected = Math.sin((2 * a - 1) * x) / ((2 * a - 1) * Math.sin(x));
        expect(Math.abs(hyp2f1(a, 1 - a, 1.5, z) - expected)).toBeLessThan(1e-9);
      }),
    );
  });

  it("is continuous across the switch to the connection formula at z = 0.9", () => {
    const below = hyp2f1(0.45, 1.8, 2.2, 0.9 - 1e-9);
    const above = hyp2f1(0.45, 1.8, 2.2, 0.9 + 1e-9);
    expect(Math.abs(below - above)).toBeLessThan(1e-7);
  });

  it("rejects c at a pole and z > 1", () => {
    expect(() => hyp2f1(1, 1, 0, 0.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow(RangeError);
  });
});

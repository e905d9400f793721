import { describe, expect, it } from "vitest";
import { newcombeDifference, wilsonInterval } from "@/lib/campaigns/rules/lift";
import { Z_95 } from "@/lib/campaigns/rules/estimate";

/**
 * Independent reference: the Wilson limits are the two roots π of the score equation
 * (p̂ − π)² = z²·π(1 − π)/n (Wilson 1927). Found here by bisection on the definition, not from the
 * closed form the library uses; then combined by Newcombe's method 10 definition.
 */
function wilsonByBisection(x: number, n: number, z: number): { lower: number; upper: number } {
  const p = x / n;
  const g = (pi: number) => (p - pi) * (p - pi) - (z * z * pi * (1 - pi)) / n;
  const root = (lo: number, hi: number) => {
    // g(p) ≤ 0 and g at the far end ≥ 0; bisect to the crossing.
    let a = lo;
    let b = hi;
    for (let i = 0; i < 200; i++) {
      const m = (a + b) / 2;
      if ((g(m) <= 0) === (g(a) <= 0)) a = m;
      else b = m;
    }
    return (a + b) / 2;
  };
  return { lower: x === 0 ? 0 : root(0, p), upper: x === n ? 1 : root(p, 1) };
}

function newcombeReference(x1: number, n1: number, x2: number, n2: number, z: number): { lower: number; upper: number } {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const w1 = wilsonByBisection(x1, n1, z);
  const w2 = wilsonByBisection(x2, n2, z);
  return {
    lower: p1 - p2 - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
    upper: p1 - p2 + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
  };
}

describe("Wilson score interval", () => {
  // Newcombe 1998a (Stat Med 17:857–872), Table I, method 3 (score, no continuity correction), to 4
  // decimals; the 17-digit values are our own mpmath (40 digits) evaluation of the closed form, and the
  // test also recomputes each by bisection of the score equation.
  it.each([
    [81, 263, 0.2553, 0.3662, 0.25528851987827423, 0.36620957698280006],
    [15, 148, 0.0624, 0.1605, 0.062386399530736283, 0.16048724172330803],
    [0, 20, 0, 0.1611, 0, 0.16112515805281935],
    [1, 29, 0.0061, 0.1718, 0.0061132142927626615, 0.17175521879320286],
  ])("%s/%s → %s to %s", (x, n, lo4, up4, lo, up) => {
    const w = wilsonInterval(x, n);
    expect(w.reason).toBeNull();
    const v = w.value!;
    expect(Number(v.lower.toFixed(4))).toBe(lo4);
    expect(Number(v.upper.toFixed(4))).toBe(up4);
    expect(v.lower).toBeCloseTo(lo, 14);
    expect(v.upper).toBeCloseTo(up, 14);
    const ref = wilsonByBisection(x, n, Z_95);
    expect(v.lower).toBeCloseTo(ref.lower, 12);
    expect(v.upper).toBeCloseTo(ref.upper, 12);
  });

  it("is exactly 0 / 1 at the boundaries, and undefined for an empty group", () => {
    expect(wilsonInterval(0, 10).value!.lower).toBe(0);
    expect(wilsonInterval(10, 10).value!.upper).toBe(1);
    expect(wilsonInterval(0, 0)).toEqual({ value: null, reason: "empty-group" });
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
  });
});

describe("Newcombe hybrid score interval (method 10) for p₁ − p₂", () => {
  // The eight worked examples of Newcombe 1998b (Stat Med 17:873–890), Table II, method 10, as printed
  // (4 decimals). All eight agree with our independent computations: (1) mpmath at 40 digits on the
  // closed-form Wilson limits (the 17-digit values below), (2) bisection of the score equation in this
  // file. No quoted figure disagreed with the computation.
  const cases: [string, number, number, number, number, number, number, number, number][] = [
    ["(a) 56/70 − 48/80", 56, 70, 48, 80, 0.0524, 0.3339, 0.052431472402364896, 0.33387265403690596],
    ["(b) 9/10 − 3/10", 9, 10, 3, 10, 0.1705, 0.809, 0.17052272393450293, 0.80901797353548797],
    ["(c) 6/7 − 2/7", 6, 7, 2, 7, 0.0582, 0.8062, 0.058227927482312257, 0.80624963752422775],
    ["(d) 5/56 − 0/29", 5, 56, 0, 29, -0.0381, 0.1926, -0.038137147903536879, 0.1925600138551116],
    ["(e) 0/10 − 0/20", 0, 10, 0, 20, -0.1611, 0.2775, -0.16112515805281935, 0.2775327998628892],
    ["(f) 0/10 − 0/10", 0, 10, 0, 10, -0.2775, 0.2775, -0.2775327998628892, 0.2775327998628892],
    ["(g) 10/10 − 0/20", 10, 10, 0, 20, 0.6791, 1, 0.67908603714191473, 1],
    ["(h) 10/10 − 0/10", 10, 10, 0, 10, 0.6075, 1, 0.60750935043052423, 1],
  ];
  it.each(cases)("%s", (_label, x1, n1, x2, n2, lo4, up4, lo, up) => {
    const r = newcombeDifference(x1, n1, x2, n2);
    expect(r.reason).toBeNull();
    const v = r.value!;
    expect(v.difference).toBeCloseTo(x1 / n1 - x2 / n2, 15);
    expect(Number(v.interval.lower.toFixed(4))).toBe(lo4);
    expect(Number(v.interval.upper.toFixed(4))).toBe(up4);
    expect(v.interval.lower).toBeCloseTo(lo, 14);
    expect(v.interval.upper).toBeCloseTo(up, 14);
    const ref = newcombeReference(x1, n1, x2, n2, Z_95);
    expect(v.interval.lower).toBeCloseTo(ref.lower, 12);
    expect(v.interval.upper).toBeCloseTo(ref.upper, 12);
  });

  it("mirrors when the groups are swapped", () => {
    const ab = newcombeDifference(56, 70, 48, 80).value!;
    const ba = newcombeDifference(48, 80, 56, 70).value!;
    expect(ba.interval.lower).toBeCloseTo(-ab.interval.upper, 15);
    expect(ba.interval.upper).toBeCloseTo(-ab.interval.lower, 15);
  });

  it("uses z for other confidence levels (99%: mpmath with z = 2.5758293035489004)", () => {
    const v = newcombeDifference(56, 70, 48, 80, { confidence: 0.99 }).value!;
    expect(v.interval.lower).toBeCloseTo(0.0053708692500784072, 12);
    expect(v.interval.upper).toBeCloseTo(0.37180843177577356, 12);
  });

  it("is undefined when a group is empty", () => {
    expect(newcombeDifference(0, 0, 3, 10)).toEqual({ value: null, reason: "empty-group" });
    expect(newcombeDifference(3, 10, 0, 0)).toEqual({ value: null, reason: "empty-group" });
    expect(() => newcombeDifference(11, 10, 3, 10)).toThrow(RangeError);
  });
});

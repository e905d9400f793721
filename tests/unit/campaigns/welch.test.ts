import { describe, expect, it } from "vitest";
import { summarize, summaryFromCentSums, summaryFromIntegerSums, welchInterval } from "@/lib/campaigns/rules/welch";

// R's `sleep` data (Cushny & Peebles 1905, as shipped with R): extra hours of sleep per patient.
const SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe("Welch interval", () => {
  it("reproduces R's documented t.test(extra ~ group, data = sleep)", () => {
    // R ?t.test example output: "t = -1.8608, df = 17.776, p-value = 0.07939; 95 percent confidence
    // interval: -3.3654832 0.2054832; mean in group 1 0.75, mean in group 2 2.33".
    // By hand: Σ₁ = 7.5, m₁ = 0.75, s₁² = 28.805/9 = 3.2005556; Σ₂ = 23.3, m₂ = 2.33, s₂² = 36.081/9 = 4.009.
    // se² = 3.2005556/10 + 4.009/10 = 0.72095556, se = 0.8490910;
    // ν = 0.72095556² / (0.32005556²/9 + 0.4009²/9) = 0.5197769 / 0.0292399 = 17.7765;
    // t_{0.975, 17.7765} = 2.1028172 (SciPy t.ppf), d = −1.58, −1.58 ± 2.1028172 × 0.8490910 = (−3.36548, 0.20548).
    const r = welchInterval(summarize(SLEEP_1), summarize(SLEEP_2));
    expect(r.reason).toBeNull();
    const v = r.value!;
    expect(v.difference).toBeCloseTo(-1.58, 12);
    expect(v.t).toBeCloseTo(-1.8608, 4);
    expect(v.df).toBeCloseTo(17.776, 3);
    expect(v.lower).toBeCloseTo(-3.3654832, 7);
    expect(v.upper).toBeCloseTo(0.2054832, 7);
    // SciPy 1.17.1 ttest_ind(equal_var=False) to full precision.
    expect(v.df).toBeCloseTo(17.776473516178488, 10);
    expect(v.critical).toBeCloseTo(2.1028172415698023, 10);
    expect(v.lower).toBeCloseTo(-3.3654832307117104, 10);
    expect(v.upper).toBeCloseTo(0.20548323071171137, 10);
  });

  it("matches a hand computation with unequal group sizes (exact ν = 484/137)", () => {
    // x = 1..5: m = 3, s² = 2.5; y = 2, 4, 6: m = 4, s² = 4. se² = 2.5/5 + 4/3 = 11/6.
    // ν = (11/6)² / ((1/2)²/4 + (4/3)²/2) = (121/36) / (137/144) = 484/137 = 3.5328467…
    // t_{0.975, 484/137} = 2.9274053061524556 (SciPy), d = −1 → −1 ± 2.9274053 × √(11/6).
    const v = welchInterval(summarize([1, 2, 3, 4, 5]), summarize([2, 4, 6])).value!;
    expect(v.df).toBeCloseTo(484 / 137, 13);
    expect(v.standardError).toBeCloseTo(Math.sqrt(11 / 6), 14);
    expect(v.critical).toBeCloseTo(2.9274053061524556, 10);
    expect(v.lower).toBeCloseTo(-1 - 2.9274053061524556 * Math.sqrt(11 / 6), 10);
    expect(v.upper).toBeCloseTo(2.963725522186273, 10);
    // 90%: SciPy confidence_interval(0.9) = (−3.999772220887703, 1.9997722208877011).
    const v90 = welchInterval(summarize([1, 2, 3, 4, 5]), summarize([2, 4, 6]), { confidence: 0.9 }).value!;
    expect(v90.lower).toBeCloseTo(-3.999772220887703, 10);
    expect(v90.upper).toBeCloseTo(1.9997722208877011, 10);
  });

  it("takes summaries from exact cent sums (the aggregates the campaign page reads)", () => {
    // Revenue per member in cents; Σx and Σx² as the database would return them.
    const treated = [0, 0, 1999, 0, 4500, 12050, 0, 800];
    const control = [0, 1999, 0, 0, 0, 300];
    const sums = (xs: number[]) => [BigInt(xs.reduce((s, v) => s + v, 0)), BigInt(xs.reduce((s, v) => s + v * v, 0))] as const;
    const t = summaryFromCentSums(treated.length, ...sums(treated));
    const c = summaryFromCentSums(control.length, ...sums(control));
    const direct = summarize(treated.map((v) => v / 100));
    expect(t.mean).toBeCloseTo(direct.mean, 12);
    expect(t.variance).toBeCloseTo(direct.variance, 10);
    const a = welchInterval(t, c).value!;
    const b = welchInterval(direct, summarize(control.map((v) => v / 100))).value!;
    expect(a.lower).toBeCloseTo(b.lower, 10);
    expect(a.upper).toBeCloseTo(b.upper, 10);
    expect(a.df).toBeCloseTo(b.df, 10);
    // Large amounts where Σx² exceeds 2^53: the bigint formula stays exact (variance of {1e10, 1e10 + 2} cents = 2 cents²).
    // Σx = 20000000002, Σx² = 10²⁰ + (10¹⁰ + 2)² = 200000000040000000004; nΣx² − (Σx)² = 4 → s² = 4/2 cents².
    const big = summaryFromCentSums(2, 20_000_000_002n, 200_000_000_040_000_000_004n);
    expect(big.variance * 10_000).toBeCloseTo(2, 9);
    const units = summaryFromIntegerSums(3, 6n, 14n); // {1, 2, 3}
    expect(units).toEqual({ n: 3, mean: 2, variance: 1 });
  });

  it("is undefined with fewer than 2 members in a group or no variance at all", () => {
    expect(welchInterval(summarize([1]), summarize([1, 2, 3]))).toEqual({ value: null, reason: "too-few-members" });
    expect(welchInterval(summarize([1, 2]), summaryFromCentSums(0, 0n, 0n))).toEqual({ value: null, reason: "too-few-members" });
    expect(welchInterval(summarize([5, 5, 5]), summarize([2, 2]))).toEqual({ value: null, reason: "no-variance" });
    // One group without variance is fine: ν = n − 1 of the other group.
    const v = welchInterval(summarize([0, 0, 0, 0]), summarize([1, 2, 3])).value!;
    expect(v.df).toBeCloseTo(2, 12);
    expect(() => summaryFromCentSums(2, 10n, 1n)).toThrow(RangeError);
    expect(() => summarize([1, Number.NaN])).toThrow(RangeError);
  });
});

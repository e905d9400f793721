import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { assignHoldoutExact, holdoutUniform, isControl } from "@/lib/campaigns/rules/holdout";

const IDS = Array.from({ length: 100_000 }, (_, i) => String(i + 1));

describe("holdout hash", () => {
  it("is the documented SHA-256 prefix (values cross-checked with Python hashlib and PostgreSQL 15 sha256())", () => {
    // Python: int(hashlib.sha256(b"42:1001").hexdigest()[:13], 16) / 2**52 = 0.07966199768276772;
    // PostgreSQL: ('x' || substr(encode(sha256(convert_to('42:1001','UTF8')),'hex'),1,13))::bit(52)::bigint
    //   / 4503599627370496.0 = 0.07966199768276771565.
    expect(holdoutUniform("42", "1001")).toBe(0.07966199768276772);
    expect(holdoutUniform("cmp_7", "c-ü")).toBe(0.8525140045446269);
    const hex = createHash("sha256").update("7:123").digest("hex");
    expect(holdoutUniform("7", "123")).toBe(parseInt(hex.slice(0, 13), 16) / 2 ** 52);
  });

  it("is stable: the same campaign and customer always get the same draw", () => {
    for (const id of IDS.slice(0, 1000)) {
      expect(holdoutUniform("cmp-1", id)).toBe(holdoutUniform("cmp-1", id));
      expect(isControl("cmp-1", id, 0.1)).toBe(holdoutUniform("cmp-1", id) < 0.1);
    }
    expect(isControl("cmp-1", "5", 0)).toBe(false);
    expect(isControl("cmp-1", "5", 1)).toBe(true);
    expect(() => isControl("cmp-1", "5", 1.5)).toThrow(RangeError);
  });
});

describe("Bernoulli holdout on 100,000 ids", () => {
  it("puts 10% in control within binomial bounds and spreads draws uniformly", () => {
    // Control count ~ Binomial(100000, 0.1): mean 10000, SD √(100000·0.1·0.9) = 94.9; allow ±5 SD.
    const control = IDS.filter((id) => isControl("cmp-1", id, 0.1)).length;
    expect(Math.abs(control - 10_000)).toBeLessThanOrEqual(5 * Math.sqrt(100_000 * 0.09));
    // Ten equal bins: χ² with 9 df below 27.88 (its 0.999 quantile).
    const bins = new Array<number>(10).fill(0);
    for (const id of IDS) bins[Math.floor(holdoutUniform("cmp-1", id) * 10)]++;
    const chi2 = bins.reduce((s, b) => s + (b - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(27.88);
  });

  it("draws independently across campaigns", () => {
    // Both-control count ~ Binomial(100000, 0.01) if independent: mean 1000, SD 31.5; allow ±5 SD.
    let both = 0;
    let sumU = 0;
    let sumV = 0;
    let sumUV = 0;
    for (const id of IDS) {
      const u = holdoutUniform("cmp-1", id);
      const v = holdoutUniform("cmp-2", id);
      if (u < 0.1 && v < 0.1) both++;
      sumU += u;
      sumV += v;
      sumUV += u * v;
    }
    expect(Math.abs(both - 1000)).toBeLessThanOrEqual(5 * Math.sqrt(100_000 * 0.01 * 0.99));
    // Sample covariance of two independent U(0,1): SD ≈ (1/12)/√n = 2.6e-4; allow ±5 SD.
    const n = IDS.length;
    const cov = sumUV / n - (sumU / n) * (sumV / n);
    expect(Math.abs(cov)).toBeLessThan(5 * (1 / 12 / Math.sqrt(n)));
  });
});

describe("exact-size holdout", () => {
  it("takes exactly round-half-up(f·n) members with the smallest draws, keeping input order", () => {
    const audience = IDS.slice(0, 95);
    const { control, treated } = assignHoldoutExact("cmp-9", audience, 0.1);
    // 0.1 × 95 = 9.5 → 10.
    expect(control).toHaveLength(10);
    expect(treated).toHaveLength(85);
    const maxControl = Math.max(...control.map((id) => holdoutUniform("cmp-9", id)));
    const minTreated = Math.min(...treated.map((id) => holdoutUniform("cmp-9", id)));
    expect(maxControl).toBeLessThan(minTreated);
    // Same as the Bernoulli rule with the threshold between the 10th and 11th draw.
    expect(control).toEqual(audience.filter((id) => isControl("cmp-9", id, (maxControl + minTreated) / 2)));
    expect(control.map(Number)).toEqual([...control.map(Number)].sort((a, b) => a - b));
  });

  it("is stable for a campaign and its frozen audience, whatever the input order", () => {
    const audience = IDS.slice(0, 5000);
    const a = assignHoldoutExact("cmp-9", audience, 0.1);
    const b = assignHoldoutExact("cmp-9", [...audience].reverse(), 0.1);
    expect(new Set(b.control)).toEqual(new Set(a.control));
    expect(a.control).toHaveLength(500);
    // Another campaign draws another group.
    const other = assignHoldoutExact("cmp-10", audience, 0.1);
    const overlap = other.control.filter((id) => new Set(a.control).has(id)).length;
    expect(overlap).toBeLessThan(100);
  });

  it("handles 0, 1, an empty audience and rejects duplicates", () => {
    expect(assignHoldoutExact("c", ["1", "2"], 0).control).toEqual([]);
    expect(assignHoldoutExact("c", ["1", "2"], 1).treated).toEqual([]);
    expect(assignHoldoutExact("c", [], 0.1)).toEqual({ control: [], treated: [] });
    expect(() => assignHoldoutExact("c", ["1", "1"], 0.1)).toThrow(RangeError);
  });
});

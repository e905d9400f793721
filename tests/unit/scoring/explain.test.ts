import { describe, expect, it } from "vitest";
import {
  explainAbc,
  explainChurnRisk,
  explainClv,
  explainLifecycle,
  explainPAlive,
  explainRecommendation,
  explainRfm,
  explainTier,
  explainUpgrade,
} from "@/lib/scoring/rules/explain";

describe("explanations are keys + values, never sentences", () => {
  it("tier", () => {
    expect(explainTier({ customerId: "7", spend: 5000, rank: 12, tier: "VIP" }, 2031, 12)).toEqual({
      key: "tier",
      tier: "VIP",
      topPct: 1,
      rank: 12,
      of: 2031,
      months: 12,
    });
    expect(explainTier({ customerId: "7", spend: 50, rank: 60, tier: "MAJOR" }, 2031, 12)).toMatchObject({ topPct: 5 });
    expect(explainTier({ customerId: "7", spend: 0, rank: 2031, tier: "SMALL" }, 2031, 12)).toEqual({
      key: "tierNoSpend",
      tier: "SMALL",
      of: 2031,
      months: 12,
    });
  });

  it("pAlive converts model units to days", () => {
    expect(explainPAlive(0.42, { x: 3, tx: 12, T: 42 }, "week")).toEqual({ key: "pAlive", pAlive: 0.42, daysSince: 210, usualGapDays: 28 });
    expect(explainPAlive(1, { x: 0, tx: 0, T: 30 }, "day")).toEqual({ key: "pAliveNoRepeat", pAlive: 1, daysSinceFirst: 30 });
  });

  it("rfm, clv, churn, abc, lifecycle, upgrade, recommendation", () => {
    expect(
      explainRfm({ customerId: "1", recencyDays: 3, frequency: 9, monetary: 900, r: 5, f: 5, m: 5, code: "555", group: "champions" }, 365),
    ).toMatchObject({ key: "rfm", code: "555", group: "champions" });
    expect(
      explainRfm({ customerId: "1", recencyDays: null, frequency: 0, monetary: 0, r: 1, f: 1, m: 1, code: "111", group: "lost" }, 365),
    ).toEqual({ key: "rfmNoPurchase", group: "lost", windowDays: 365 });
    const prediction = { expectedPurchases: 2, pAlive: 0.8, churnRisk: 0.2, expectedSpend: 30, clv: 55 };
    expect(explainClv(prediction, 12, 0.1)).toEqual({
      key: "clv",
      clv: 55,
      expectedPurchases: 2,
      expectedSpend: 30,
      horizonMonths: 12,
      annualDiscountRate: 0.1,
    });
    expect(explainChurnRisk(prediction)).toEqual({ key: "churnRisk", churnRisk: 0.2, pAlive: 0.8 });
    expect(explainAbc({ customerId: "1", rank: 3, segment: "A" }, 100)).toEqual({ key: "abc", segment: "A", rank: 3, of: 100 });
    expect(explainLifecycle({ stage: "ACQUISITION", reason: { code: "noPurchase" } })).toEqual({
      key: "lifecycle",
      stage: "ACQUISITION",
      reason: { code: "noPurchase" },
    });
    expect(
      explainUpgrade({
        customerId: "9",
        position: 1,
        fromTier: "SMALL",
        toTier: "MEDIUM",
        spend: 1200,
        threshold: 1300,
        gap: 100,
        expectedSpend: 200,
        source: "model",
        coverage: 2,
        daysToClose: 45,
        horizonDays: 90,
      }),
    ).toMatchObject({ key: "upgrade", toTier: "MEDIUM", gap: 100, coverage: 2 });
    const rule = { lhs: ["a", "b"], rhs: "c", support: 0.01, confidence: 0.6, coverage: 0.02, lift: 3, count: 10 };
    expect(explainRecommendation({ item: "c", rule })).toEqual({
      key: "recommendation",
      product: "c",
      because: ["a", "b"],
      confidence: 0.6,
      lift: 3,
      support: 0.01,
    });
  });

  it("every explanation survives JSON (no Infinity, no functions)", () => {
    const e = explainTier({ customerId: "7", spend: 5000, rank: 12, tier: "VIP" }, 2031, 12);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });
});

import { describe, expect, it, test } from "vitest";
import fc from "fast-check";
import { LIFECYCLE_STAGES, lifecycleStage, spendTrend } from "@/lib/scoring/rules/lifecycle";
import type { LifecycleInput, LifecycleStage } from "@/lib/scoring/rules/lifecycle";

const base: LifecycleInput = {
  daysSinceFirstPurchase: 800,
  daysSinceLastPurchase: 20,
  recentSpend: 1000,
  previousSpend: 1000,
  pAlive: 0.9,
};

describe("lifecycleStage rules (first match wins)", () => {
  test.each<[string, Partial<LifecycleInput>, LifecycleStage, string]>([
    ["closed account", { closed: true }, "EXIT", "closed"],
    ["prospect", { daysSinceFirstPurchase: null, daysSinceLastPurchase: null, recentSpend: 0, previousSpend: 0 }, "ACQUISITION", "noPurchase"],
    ["a year without purchase", { daysSinceLastPurchase: 365 }, "EXIT", "inactive"],
    ["P(alive) below 0.1", { pAlive: 0.05 }, "EXIT", "pAliveVeryLow"],
    ["first purchase 30 days ago", { daysSinceFirstPurchase: 30, daysSinceLastPurchase: 30, previousSpend: 0 }, "ACQUISITION", "newCustomer"],
    ["bought once long ago: exit beats newness", { daysSinceFirstPurchase: 400, daysSinceLastPurchase: 400 }, "EXIT", "inactive"],
    ["P(alive) below 0.5", { pAlive: 0.3 }, "DECLINE", "pAliveLow"],
    ["half a year without purchase", { daysSinceLastPurchase: 200 }, "DECLINE", "inactive"],
    ["spend down 40%", { recentSpend: 600 }, "DECLINE", "spendFalling"],
    ["spend down 30% exactly is not decline", { recentSpend: 700 }, "CLIMAX", "stable"],
    ["spend up 50%", { recentSpend: 1500 }, "BUILD_UP", "spendGrowing"],
    ["spend from nothing", { recentSpend: 100, previousSpend: 0 }, "BUILD_UP", "spendGrowing"],
    ["young and flat", { daysSinceFirstPurchase: 200 }, "BUILD_UP", "earlyTenure"],
    ["mature and flat", {}, "CLIMAX", "stable"],
    ["no model: P(alive) rules skipped", { pAlive: null }, "CLIMAX", "stable"],
  ])("%s → %s", (_name, change, stage, code) => {
    const result = lifecycleStage({ ...base, ...change });
    expect(result.stage).toBe(stage);
    expect(result.reason.code).toBe(code);
  });

  it("carries the values behind the reason", () => {
    expect(lifecycleStage({ ...base, recentSpend: 500 }).reason).toEqual({
      code: "spendFalling",
      recentSpend: 500,
      previousSpend: 1000,
      changePct: -50,
    });
    expect(lifecycleStage({ ...base, daysSinceLastPurchase: 200 }).reason).toEqual({
      code: "inactive",
      daysSinceLastPurchase: 200,
      thresholdDays: 180,
    });
  });

  it("accepts threshold overrides", () => {
    expect(lifecycleStage({ ...base, daysSinceLastPurchase: 100 }, { declineInactiveDays: 90 }).stage).toBe("DECLINE");
    expect(lifecycleStage({ ...base, pAlive: 0.6 }, { declinePAlive: 0.7 }).stage).toBe("DECLINE");
  });

  it("property: always exactly one known stage", () => {
    const input = fc.record({
      daysSinceFirstPurchase: fc.option(fc.integer({ min: 0, max: 3000 })),
      daysSinceLastPurchase: fc.integer({ min: 0, max: 3000 }),
      recentSpend: fc.integer({ min: 0, max: 10_000 }),
      previousSpend: fc.integer({ min: 0, max: 10_000 }),
      pAlive: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    });
    fc.assert(
      fc.property(input, (i) => {
        const last = i.daysSinceFirstPurchase === null ? null : Math.min(i.daysSinceLastPurchase, i.daysSinceFirstPurchase);
        const r = lifecycleStage({ ...i, daysSinceLastPurchase: last });
        expect(LIFECYCLE_STAGES).toContain(r.stage);
        expect(typeof r.reason.code).toBe("string");
      }),
    );
  });
});

describe("spendTrend", () => {
  it("splits the window into equal halves ending at asOf", () => {
    const tx = [
      { day: 100, amount: 1 },
      { day: 99, amount: 2 },
      { day: 50, amount: 4 },
      { day: 49, amount: 8 },
      { day: 0, amount: 16 },
      { day: -1, amount: 32 },
      { day: 101, amount: 64 },
    ];
    // recent = days 51..100, previous = days 1..50
    expect(spendTrend(tx, 100, 100)).toEqual({ recentSpend: 3, previousSpend: 12 });
  });
});

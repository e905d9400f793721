import { describe, expect, it } from "vitest";
import { assignPyramid } from "@/lib/scoring/rules/pyramid";
import { upgradeCandidates } from "@/lib/scoring/rules/upgrade";

// 20 customers spending 2000, 1900, ..., 100: VIP = none at 1% of 20 (round(0.2) = 0), so use wider shares.
const pyramid = assignPyramid(
  Array.from({ length: 20 }, (_, i) => ({ customerId: String(i + 1), spend: 2000 - 100 * i })),
  { vip: 0.05, major: 0.1, medium: 0.25 },
);

describe("upgradeCandidates", () => {
  it("uses the lowest spend of the next tier as the threshold", () => {
    // Tiers: 1 VIP (2000), 2-3 MAJOR (1900, 1800), 4-8 MEDIUM (1700..1300), 9-20 SMALL.
    const list = upgradeCandidates(pyramid, [{ customerId: "9", expectedSpend: 200 }]);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      customerId: "9",
      position: 1,
      fromTier: "SMALL",
      toTier: "MEDIUM",
      spend: 1200,
      threshold: 1300,
      gap: 100,
      coverage: 2,
      source: "model",
    });
    expect(list[0].daysToClose).toBeCloseTo(45, 12);
  });

  it("ranks those expected to make it first, then by closeness, and drops low coverage", () => {
    const list = upgradeCandidates(
      pyramid,
      [
        { customerId: "10", expectedSpend: 400 }, // gap 200 → coverage 2
        { customerId: "9", expectedSpend: 150 }, // gap 100 → coverage 1.5, closer
        { customerId: "4", expectedSpend: 50 }, // MEDIUM → MAJOR gap 100 → 0.5
        { customerId: "20", expectedSpend: 100 }, // gap 1200 → 0.083, dropped
        { customerId: "1", expectedSpend: 1e6 }, // VIP: nothing above
      ],
      { minCoverage: 0.25 },
    );
    expect(list.map((c) => c.customerId)).toEqual(["9", "10", "4"]);
    expect(list.map((c) => c.position)).toEqual([1, 2, 3]);
  });

  it("falls back to recent velocity and respects the limit", () => {
    const list = upgradeCandidates(
      pyramid,
      [
        { customerId: "9", recentSpend: 300, recentDays: 90 },
        { customerId: "10", recentSpend: 600, recentDays: 90 },
        { customerId: "11", recentSpend: 0, recentDays: 90 },
      ],
      { horizonDays: 90, limit: 1 },
    );
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ customerId: "9", source: "velocity", expectedSpend: 300, coverage: 3 });
  });

  it("reports a zero gap with coverage null", () => {
    const tied = assignPyramid(
      [
        { customerId: "1", spend: 100 },
        { customerId: "2", spend: 100 },
      ],
      { vip: 0.5, major: 0, medium: 0 },
    );
    const [c] = upgradeCandidates(tied, [{ customerId: "2", expectedSpend: 1 }]);
    expect(c).toMatchObject({ gap: 0, coverage: null, daysToClose: 0, toTier: "VIP" });
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { checkPrediction, MAX_MONEY_CENTS, periodBounds, scorePeriod, type CustomerAggregate } from "@/lib/scoring/rules/score-period";
import { DEFAULT_ANALYTICS_SETTINGS } from "@/lib/scoring/rules/settings";
import { generateDemoHistory } from "@/prisma/seed/history";
import { aggregateDemoHistory } from "@/tests/support/demo-aggregates";

const SETTINGS = DEFAULT_ANALYTICS_SETTINGS;

function demoPeriod(day: string, periodEnd: string): { rows: CustomerAggregate[]; bounds: ReturnType<typeof periodBounds> } {
  const history = generateDemoHistory({ now: new Date(`${day}T00:00:00Z`) });
  const bounds = periodBounds(new Date(`${periodEnd}T00:00:00Z`), SETTINGS.periodMonths);
  return { rows: aggregateDemoHistory(history, bounds), bounds };
}

/**
 * The customers of the period that broke the first start on 2026-12-01 (Gamma-Gamma ran off to
 * p ≈ 3e-51, q ≈ 5e17), as the demo generator of that day aggregated them. Kept as data: the
 * generator has changed since (new campaigns, response behaviour), and its output no longer happens
 * to make the fit run away.
 */
function incidentPeriod(): { rows: CustomerAggregate[]; bounds: ReturnType<typeof periodBounds> } {
  const rows = JSON.parse(readFileSync(path.resolve(__dirname, "../../fixtures/scoring/gg-runaway-2026-12-01.json"), "utf8")) as CustomerAggregate[];
  return { rows, bounds: periodBounds(new Date("2026-03-31T00:00:00Z"), SETTINGS.periodMonths) };
}

describe("scorePeriod's model checks and fallbacks", () => {
  const broken = incidentPeriod();

  test("an unusable Gamma-Gamma fit is not used: spend per purchase falls back to the customer's own mean, and the run says why", () => {
    const scores = scorePeriod(broken.rows, broken.bounds, SETTINGS);
    const gg = scores.models.attempts.find((a) => a.model === "gamma-gamma");
    expect(gg?.usable).toBe(false);
    expect(scores.models.spend).toEqual({ used: "customer-mean", params: null, populationMean: null });
    expect(scores.models.fallback).toBe(true);
    expect(scores.models.reasons.some((r) => r.startsWith("gamma-gamma:"))).toBe(true);
    expect(scores.models.purchase.used).toBe("pareto-nbd");
    scores.records.forEach((rec, i) => {
      const row = broken.rows[i];
      if (row.purchaseDays === 0) return;
      // Own mean spend per purchase day, in cents as the snapshot stores it.
      expect(rec.expectedSpend).toBe(Math.round(row.totalSpend / row.purchaseDays));
    });
    expect(scores.rejected).toEqual([]);
  });

  test("too few repeat buyers: no models at all, every customer still scored without a prediction", () => {
    const few = broken.rows.filter((r) => r.purchaseDays > 1).slice(0, 8);
    const scores = scorePeriod(few, broken.bounds, SETTINGS);
    expect(scores.models.reasons).toEqual(["insufficient-data"]);
    expect(scores.models.purchase.used).toBeNull();
    expect(scores.records).toHaveLength(8);
    for (const rec of scores.records) {
      expect(rec.pAlive).toBeNull();
      expect(rec.predictedClv).toBe(0);
    }
  });

  test("the requested model is fitted first; BG/NBD when the settings ask for it", () => {
    const scores = scorePeriod(broken.rows, broken.bounds, { ...SETTINGS, purchaseModel: "bg-nbd" });
    expect(scores.models.attempts[0].model).toBe("bg-nbd");
    expect(scores.models.purchase.requested).toBe("bg-nbd");
  });

  test("one customer whose prediction cannot be stored is left without it and reported; the rest are scored", () => {
    const { rows, bounds } = demoPeriod("2026-12-01", "2026-12-01");
    const huge = rows.findIndex((r) => r.purchaseDays > 3);
    // Spend per purchase beyond what a Decimal(14,2) column holds; its own margin stays storable.
    const outlier: CustomerAggregate = { ...rows[huge], totalSpend: 5e15, firstAmount: 1e11, totalMargin: 5e13 };
    const patched = rows.map((r, i) => (i === huge ? outlier : r));
    const scores = scorePeriod(patched, bounds, SETTINGS);
    expect(scores.rejected.map((r) => r.customerId)).toEqual([outlier.id]);
    expect(scores.rejected[0].field).toMatch(/^(predictedClv|expectedSpend)$/);
    const rec = scores.records[huge];
    expect(rec.pAlive).toBeNull();
    expect(rec.predictedClv).toBe(0);
    expect(scores.records.filter((r) => r.pAlive !== null).length).toBe(rows.filter((r) => r.firstDay !== null).length - 1);
  });
});

describe("checkPrediction", () => {
  const good = { expectedPurchases: 2.5, pAlive: 0.8, churnRisk: 0.2, expectedSpend: 120.456, clv: 301.2 };
  test("accepts a sane prediction and gives its money in cents", () => {
    expect(checkPrediction(good)).toEqual({ ok: true, cents: { clv: 30120, spend: 12046 } });
  });
  test.each([
    ["pAlive", { pAlive: Number.NaN }],
    ["pAlive", { pAlive: 1.0000001 }],
    ["churnRisk", { churnRisk: -0.1 }],
    ["expectedPurchases", { expectedPurchases: Number.POSITIVE_INFINITY }],
    ["expectedPurchases", { expectedPurchases: -1 }],
    ["expectedSpend", { expectedSpend: -5 }],
    ["predictedClv", { clv: (MAX_MONEY_CENTS + 1) / 100 }],
    ["predictedClv", { clv: 20038619700471900 }],
  ])("refuses %s in %j", (field, change) => {
    expect(checkPrediction({ ...good, ...change })).toMatchObject({ ok: false, field });
  });
});

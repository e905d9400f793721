/**
 * The demo company (default size, 2,000 customers) generated around and scored as of 40 days spread
 * over three years, five quarters each — the first start on any day a new user might try. The day
 * the first start broke (2026-12-01) is the first of them. Generation and scoring run without the
 * database (the seed's generator with rows handed back; the job's pure core); the integration test
 * tests/integration/first-start.test.ts checks that this path computes what the database path does.
 */
import { expect } from "vitest";
import { previousQuarterEnds } from "@/lib/scoring/history";
import { MAX_MONEY_CENTS, periodBounds, scorePeriod, type CustomerAggregate, type PeriodScores } from "@/lib/scoring/rules/score-period";
import { DEFAULT_ANALYTICS_SETTINGS } from "@/lib/scoring/rules/settings";
import { TIERS } from "@/lib/scoring/rules/pyramid";
import { generateDemoHistory } from "@/prisma/seed/history";
import { aggregateDemoHistory } from "./demo-aggregates";

const DAY_MS = 86_400_000;

const FIRST = Date.UTC(2026, 11, 1);
/** 40 days four weeks apart, back from the day the first start broke: three years. */
export const DEMO_DAYS = Array.from({ length: 40 }, (_, i) => new Date(FIRST - i * 28 * DAY_MS).toISOString().slice(0, 10));

function checkPeriod(day: string, period: string, rows: CustomerAggregate[], scores: PeriodScores): void {
  const customers = rows.length;
  const where = `demo day ${day}, period ending ${period}`;
  expect(scores.records.length, where).toBe(customers);
  // Tiers partition the customers: each exactly once, in one of the four tiers, ranks 1..n.
  const ids = new Set(scores.records.map((r) => r.customerId));
  expect(ids.size, where).toBe(customers);
  const ranks = scores.records.map((r) => r.tierRank).sort((a, b) => a - b);
  expect(ranks[0], where).toBe(1);
  expect(ranks.at(-1), where).toBe(customers);
  expect(new Set(ranks).size, where).toBe(customers);
  // ...and the tiers are contiguous bands of the ranking: VIP first, Small last.
  const byRank = [...scores.records].sort((a, b) => a.tierRank - b.tierRank).map((r) => TIERS.indexOf(r.tier));
  for (let i = 1; i < byRank.length; i++) expect(byRank[i] >= byRank[i - 1], `${where}: tier order at rank ${i + 1}`).toBe(true);
  for (const r of scores.records) {
    expect(TIERS, where).toContain(r.tier);
    for (const cents of [r.monetary, r.margin, r.historicalClv, r.predictedClv, r.expectedSpend ?? 0]) {
      expect(Number.isSafeInteger(cents) && Math.abs(cents) <= MAX_MONEY_CENTS, `${where}: customer ${r.customerId} money ${cents}`).toBe(true);
    }
    expect(r.predictedClv, where).toBeGreaterThanOrEqual(0);
    if (r.pAlive !== null) {
      expect(r.pAlive >= 0 && r.pAlive <= 1, `${where}: customer ${r.customerId} P(alive) ${r.pAlive}`).toBe(true);
      expect(r.churnRisk, where).toBeCloseTo(1 - r.pAlive, 12);
      expect(Number.isFinite(r.expectedPurchases) && (r.expectedPurchases ?? -1) >= 0, `${where}: expected purchases ${r.expectedPurchases}`).toBe(true);
    }
    if (r.spendTrend !== null) expect(Number.isFinite(r.spendTrend), where).toBe(true);
  }
  // The demo company always has enough repeat buyers for a purchase model; whatever spoke is recorded.
  expect(scores.models.purchase.used, `${where}: ${scores.models.reasons.join(", ")}`).not.toBeNull();
  expect(scores.models.fallback, where).toBe(scores.models.reasons.length > 0 || scores.models.purchase.used !== scores.models.purchase.requested);
  // Every buyer gets a checked prediction (nothing was refused on the demo data); non-buyers none.
  expect(scores.rejected, where).toEqual([]);
  rows.forEach((row, i) => {
    expect(scores.records[i].customerId, where).toBe(row.id);
    expect(scores.records[i].pAlive === null, `${where}: customer ${row.id}`).toBe(row.firstDay === null);
  });
}

/** Generates the demo company around `day` and checks the scores of its five quarters. */
export function checkDemoDay(day: string): void {
  const asOf = new Date(`${day}T00:00:00Z`);
  const history = generateDemoHistory({ now: asOf });
  for (const end of [...previousQuarterEnds(asOf, 4), asOf]) {
    const bounds = periodBounds(end, DEFAULT_ANALYTICS_SETTINGS.periodMonths);
    const rows = aggregateDemoHistory(history, bounds);
    checkPeriod(day, end.toISOString().slice(0, 10), rows, scorePeriod(rows, bounds, DEFAULT_ANALYTICS_SETTINGS));
  }
}

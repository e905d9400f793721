import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { computeRfm, scoreRfm } from "@/lib/scoring/rules/rfm";
import { analyticsSettingsSchema, DEFAULT_ANALYTICS_SETTINGS, resolveAnalyticsSettings } from "@/lib/scoring/rules/settings";
import { periodBounds } from "@/lib/scoring/recompute";
import { previousQuarterEnds } from "@/lib/scoring/history";

describe("RFM from SQL aggregates", () => {
  test("scoring per-customer aggregates gives exactly what scoring the transactions gives", () => {
    const tx = fc.record({ customerId: fc.integer({ min: 1, max: 40 }).map(String), day: fc.integer({ min: 0, max: 400 }), amount: fc.integer({ min: 1, max: 5000 }) });
    fc.assert(
      fc.property(fc.array(tx, { maxLength: 300 }), (transactions) => {
        const from = 35;
        const to = 400;
        const fromTransactions = computeRfm(transactions, { from, to });
        const stats = new Map<string, { last: number; frequency: number; monetary: number }>();
        for (const t of transactions) {
          const s = stats.get(t.customerId) ?? { last: -1, frequency: 0, monetary: 0 };
          if (t.day >= from && t.day <= to) {
            s.last = Math.max(s.last, t.day);
            s.frequency++;
            s.monetary += t.amount;
          }
          stats.set(t.customerId, s);
        }
        const fromAggregates = scoreRfm(
          [...stats.entries()].map(([customerId, s]) => ({ customerId, recencyDays: s.frequency > 0 ? to - s.last : null, frequency: s.frequency, monetary: s.monetary })),
        );
        expect(fromAggregates).toEqual(fromTransactions);
      }),
      { numRuns: 100 },
    );
  });
});

describe("analytics settings", () => {
  test("the defaults are valid and are what an empty store resolves to", () => {
    expect(analyticsSettingsSchema.parse(DEFAULT_ANALYTICS_SETTINGS)).toEqual(DEFAULT_ANALYTICS_SETTINGS);
    expect(resolveAnalyticsSettings(null)).toEqual(DEFAULT_ANALYTICS_SETTINGS);
  });

  test.each([
    { name: "tier shares of 100% or more", patch: { pyramid: { vip: 0.5, major: 0.3, medium: 0.2 } }, path: "pyramid", message: "validation.sharesTooLarge" },
    { name: "ABC shares of 100% or more", patch: { abc: { shareA: 0.6, shareB: 0.4 } }, path: "abc", message: "validation.sharesTooLarge" },
    { name: "a fractional period", patch: { periodMonths: 1.5 }, path: "periodMonths", message: "validation.integer" },
    { name: "a zero VIP share", patch: { pyramid: { vip: 0, major: 0.04, medium: 0.15 } }, path: "pyramid.vip", message: "validation.range" },
  ])("refuses $name with a message for the field", ({ patch, path, message }) => {
    const result = analyticsSettingsSchema.safeParse({ ...DEFAULT_ANALYTICS_SETTINGS, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path.join(".") === path)?.message).toBe(message);
  });

  test("stored settings that no longer validate fall back to the defaults", () => {
    expect(resolveAnalyticsSettings({ periodMonths: -3 })).toEqual(DEFAULT_ANALYTICS_SETTINGS);
    expect(resolveAnalyticsSettings({ periodMonths: 6 }).periodMonths).toBe(6);
  });
});

describe("periods", () => {
  test.each([
    { asOf: "2026-06-30", months: 12, start: "2025-07-01" },
    { asOf: "2026-11-23", months: 12, start: "2025-11-24" },
    { asOf: "2024-02-29", months: 12, start: "2023-03-01" },
    { asOf: "2026-03-31", months: 3, start: "2026-01-01" },
  ])("$months months ending $asOf start on $start", ({ asOf, months, start }) => {
    const { startDay, endDay } = periodBounds(new Date(`${asOf}T00:00:00Z`), months);
    expect(new Date(startDay * 86_400_000).toISOString().slice(0, 10)).toBe(start);
    expect(new Date(endDay * 86_400_000).toISOString().slice(0, 10)).toBe(asOf);
  });

  test("previous quarter ends are the last days of the quarters before, oldest first", () => {
    expect(previousQuarterEnds(new Date("2026-11-23T10:00:00Z"), 3).map((d) => d.toISOString().slice(0, 10))).toEqual(["2026-03-31", "2026-06-30", "2026-09-30"]);
    expect(previousQuarterEnds(new Date("2026-01-15T00:00:00Z"), 1).map((d) => d.toISOString().slice(0, 10))).toEqual(["2025-12-31"]);
  });
});

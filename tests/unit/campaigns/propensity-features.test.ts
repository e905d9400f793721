import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import {
  encodeRow,
  encodeRows,
  median,
  PROPENSITY_FEATURES,
  reasonMessage,
  RECENCY_CAP_DAYS,
  TOUCH_CAP_DAYS,
  trainingImputation,
  type PropensityReason,
  type RawFeatureRow,
} from "@/lib/campaigns/rules/propensity-features";
import en from "@/lib/i18n/messages/en/propensity.json";
import zh from "@/lib/i18n/messages/zh-CN/propensity.json";

function raw(overrides: Partial<RawFeatureRow> = {}): RawFeatureRow {
  return {
    recencyDays: 10,
    orders365: 3,
    spend365: 999,
    tier: "MAJOR",
    stage: "CLIMAX",
    predictedClv: 4999,
    pAlive: 0.8,
    scored: true,
    channelResponses: 2,
    channelContacts: 3,
    otherResponses: 1,
    touchDays: 5.5,
    tenureDays: 400,
    ...overrides,
  };
}

const col = (name: string) => PROPENSITY_FEATURES.indexOf(name as (typeof PROPENSITY_FEATURES)[number]);

describe("propensity features: encoding", () => {
  it("encodes a scored customer: log spend and CLV, ordinal tier, one-hot stage", () => {
    const x = encodeRows([raw()], { tier: 0, logPredictedClv: 0, pAlive: 0 });
    // 17 columns in the documented order.
    expect(Array.from(x)).toEqual([10, 3, Math.log(1000), 3, Math.log(5000), 0.8, 0, 0, 1, 0, 0, 0, 2, 3, 1, 5.5, 400]);
  });

  it("caps recency and touch days, treats never as the cap, floors tenure and negative values at 0", () => {
    const out = new Float64Array(PROPENSITY_FEATURES.length * 2);
    encodeRow(raw({ recencyDays: null, touchDays: null, tenureDays: -3 }), { tier: 0, logPredictedClv: 0, pAlive: 0 }, out, 0);
    encodeRow(raw({ recencyDays: 5000, touchDays: 900, spend365: 0 }), { tier: 0, logPredictedClv: 0, pAlive: 0 }, out, PROPENSITY_FEATURES.length);
    const p = PROPENSITY_FEATURES.length;
    expect(out[col("recencyDays")]).toBe(RECENCY_CAP_DAYS);
    expect(out[col("daysSinceTouch")]).toBe(TOUCH_CAP_DAYS);
    expect(out[col("tenureDays")]).toBe(0);
    expect(out[p + col("recencyDays")]).toBe(RECENCY_CAP_DAYS);
    expect(out[p + col("daysSinceTouch")]).toBe(TOUCH_CAP_DAYS);
    expect(out[p + col("logSpend365")]).toBe(0);
  });

  it("fills missing scores with the training medians and flags the unscored", () => {
    const rows = [
      raw({ tier: "VIP", predictedClv: Math.E - 1, pAlive: 0.2 }),
      raw({ tier: "SMALL", predictedClv: Math.E ** 3 - 1, pAlive: 0.6 }),
      raw({ tier: "MEDIUM", predictedClv: Math.E ** 2 - 1, pAlive: null }),
      raw({ tier: null, stage: null, predictedClv: null, pAlive: null, scored: false }),
    ];
    const imputation = trainingImputation(rows);
    // Tiers 4, 1, 2 → median 2; log CLV 1, 3, 2 → 2; P(alive) 0.2, 0.6 → 0.4 (mean of the middle two).
    expect(imputation.tier).toBe(2);
    expect(imputation.logPredictedClv).toBeCloseTo(2, 12);
    expect(imputation.pAlive).toBeCloseTo(0.4, 15);
    const x = encodeRows(rows, imputation);
    const p = PROPENSITY_FEATURES.length;
    const last = Array.from(x.subarray(3 * p, 4 * p));
    expect(last[col("tier")]).toBe(2);
    expect(last[col("logPredictedClv")]).toBeCloseTo(2, 12);
    expect(last[col("pAlive")]).toBeCloseTo(0.4, 15);
    expect(last[col("noScore")]).toBe(1);
    for (const stage of ["stageAcquisition", "stageBuildUp", "stageClimax", "stageDecline", "stageExit"]) expect(last[col(stage)]).toBe(0);
    // The third row keeps its own tier and CLV and gets only P(alive) imputed.
    expect(x[2 * p + col("tier")]).toBe(2);
    expect(x[2 * p + col("pAlive")]).toBeCloseTo(0.4, 15);
    expect(x[2 * p + col("noScore")]).toBe(0);
  });

  it("takes the median of an empty set as 0 and sorts numerically", () => {
    expect(median([])).toBe(0);
    expect(median([10, 9, 100])).toBe(10);
    expect(trainingImputation([raw({ tier: null, predictedClv: null, pAlive: null, scored: false })])).toEqual({ tier: 0, logPredictedClv: 0, pAlive: 0 });
  });
});

describe("propensity reasons in words", () => {
  const reason = (feature: string, value: number, direction: "high" | "low"): PropensityReason => ({ feature, contribution: 0.5, value, direction });

  it("maps reasons to keys and parameters", () => {
    expect(reasonMessage(reason("recencyDays", 12.4, "low"), "EMAIL")).toEqual({ key: "reasons.recencyDays.low", params: { days: 12 } });
    expect(reasonMessage(reason("recencyDays", RECENCY_CAP_DAYS, "high"), "EMAIL")).toEqual({ key: "reasons.recencyDays.never", params: { days: RECENCY_CAP_DAYS } });
    expect(reasonMessage(reason("channelResponses", 2, "high"), "EMAIL")).toEqual({ key: "reasons.channelResponses.high", params: { count: 2, channel: "EMAIL" } });
    expect(reasonMessage(reason("logPredictedClv", Math.log(5001), "high"), "PHONE")).toEqual({ key: "reasons.logPredictedClv.high", params: { amount: 5000 } });
    expect(reasonMessage(reason("tier", 4, "high"), "SMS")).toEqual({ key: "reasons.tier.high", params: { tier: "VIP" } });
    expect(reasonMessage(reason("pAlive", 0.834, "high"), "SMS")).toEqual({ key: "reasons.pAlive.high", params: { percent: 83 } });
    expect(reasonMessage(reason("stageClimax", 1, "high"), "EVENT")).toEqual({ key: "reasons.stageClimax.high", params: {} });
    expect(reasonMessage(reason("tenureDays", 800, "high"), "EVENT")).toEqual({ key: "reasons.tenureDays.high", params: { days: 800, years: 2 } });
  });

  it("words every feature in both directions in English and Chinese", () => {
    const t = {
      en: createTranslator({ locale: "en", messages: en, namespace: "propensity" }),
      zh: createTranslator({ locale: "zh-CN", messages: zh, namespace: "propensity" }),
    };
    const samples: Record<string, number[]> = { recencyDays: [3, RECENCY_CAP_DAYS], daysSinceTouch: [1, TOUCH_CAP_DAYS], tier: [1, 4], pAlive: [0.5], logSpend365: [7], logPredictedClv: [9] };
    for (const feature of PROPENSITY_FEATURES) {
      for (const direction of ["high", "low"] as const) {
        for (const value of samples[feature] ?? [0, 1, 2]) {
          const { key, params } = reasonMessage(reason(feature, value, direction), "EMAIL");
          for (const [locale, translate] of Object.entries(t)) {
            const text = (translate as unknown as (k: string, p: Record<string, string | number>) => string)(key, params);
            expect(text, `${locale} ${key}`).not.toMatch(/propensity\.|\{|\}/);
            expect(text.length, `${locale} ${key}`).toBeGreaterThan(3);
          }
        }
      }
    }
    expect(t.en("reasons.channelResponses.high", { count: 2, channel: "EMAIL" })).toBe("Responded to 2 earlier email campaigns");
    expect(t.en("reasons.recencyDays.low", { days: 1 })).toBe("Bought recently (1 day ago)");
    expect(t.zh("reasons.channelResponses.high", { count: 2, channel: "EMAIL" })).toBe("曾响应 2 次邮件活动");
    expect(t.en("features.channelResponses")).toBe("Earlier responses on this channel");
  });
});

/**
 * Structured explanations for scores: a message key plus the values the message needs. The UI owns the
 * wording (English and Chinese) and the number formatting, so nothing here builds sentences or rounds
 * for display.
 */

import type { AbcRow, AbcSegment } from "@/lib/scoring/rules/abc";
import type { ClvPrediction } from "@/lib/scoring/rules/clv";
import type { LifecycleReason, LifecycleResult, LifecycleStage } from "@/lib/scoring/rules/lifecycle";
import { DEFAULT_PYRAMID_SHARES } from "@/lib/scoring/rules/pyramid";
import type { PyramidRow, PyramidShares, Tier } from "@/lib/scoring/rules/pyramid";
import type { RfmGroup, RfmResult } from "@/lib/scoring/rules/rfm";
import { unitLengthInDays } from "@/lib/scoring/rules/summary";
import type { TimeUnit } from "@/lib/scoring/rules/summary";
import type { UpgradeCandidate } from "@/lib/scoring/rules/upgrade";
import type { PurchaseModelName } from "@/lib/scoring/rules/purchase-model";
import type { Recommendation } from "@/lib/scoring/rules/recommend";

export type Explanation =
  | { key: "tier"; tier: Tier; topPct: number; rank: number; of: number; months: number }
  | { key: "tierNoSpend"; tier: "SMALL"; of: number; months: number }
  | {
      key: "rfm";
      code: string;
      group: RfmGroup;
      r: number;
      f: number;
      m: number;
      recencyDays: number;
      frequency: number;
      monetary: number;
    }
  | { key: "rfmNoPurchase"; group: RfmGroup; windowDays: number }
  | { key: "pAlive"; pAlive: number; daysSince: number; usualGapDays: number }
  | { key: "pAliveNoRepeat"; pAlive: number; daysSinceFirst: number }
  | {
      key: "clv";
      clv: number;
      expectedPurchases: number;
      expectedSpend: number;
      horizonMonths: number;
      annualDiscountRate: number;
    }
  | { key: "churnRisk"; churnRisk: number; pAlive: number }
  /** Which models produced P(alive), churn risk, expected purchases and spend. */
  | { key: "models"; purchaseModel: PurchaseModelName; spendModel: "gamma-gamma" | "customer-mean" }
  | { key: "abc"; segment: AbcSegment; rank: number; of: number }
  | { key: "lifecycle"; stage: LifecycleStage; reason: LifecycleReason }
  | {
      key: "upgrade";
      fromTier: Tier;
      toTier: Tier;
      gap: number;
      threshold: number;
      expectedSpend: number;
      coverage: number | null;
      daysToClose: number;
      horizonDays: number;
      source: "model" | "velocity";
    }
  | {
      key: "recommendation";
      product: string;
      because: string[];
      confidence: number;
      lift: number;
      support: number;
    };

/** Percent of customers at or above the bottom of each tier, e.g. MAJOR → 5 ("top 5%"). */
function tierTopPct(tier: Tier, shares: PyramidShares): number {
  const cumulative = { VIP: shares.vip, MAJOR: shares.vip + shares.major, MEDIUM: shares.vip + shares.major + shares.medium, SMALL: 1 };
  // Round away binary noise (0.01 + 0.04 = 0.05000000000000001) so keys compare cleanly.
  return Math.round(cumulative[tier] * 100 * 1e6) / 1e6;
}

export function explainTier(row: PyramidRow, of: number, months: number, shares: PyramidShares = DEFAULT_PYRAMID_SHARES): Explanation {
  if (row.spend <= 0) return { key: "tierNoSpend", tier: "SMALL", of, months };
  return { key: "tier", tier: row.tier, topPct: tierTopPct(row.tier, shares), rank: row.rank, of, months };
}

export function explainRfm(result: RfmResult, windowDays: number): Explanation {
  if (result.recencyDays === null) return { key: "rfmNoPurchase", group: result.group, windowDays };
  return {
    key: "rfm",
    code: result.code,
    group: result.group,
    r: result.r,
    f: result.f,
    m: result.m,
    recencyDays: result.recencyDays,
    frequency: result.frequency,
    monetary: result.monetary,
  };
}

/**
 * Why a P(alive) is what it is: time since the last purchase against the customer's usual gap between
 * purchases (t_x / x). Times are converted from model units to days.
 */
export function explainPAlive(pAlive: number, customer: { x: number; tx: number; T: number }, unit: TimeUnit): Explanation {
  const days = unitLengthInDays(unit);
  if (customer.x === 0) return { key: "pAliveNoRepeat", pAlive, daysSinceFirst: Math.round(customer.T * days) };
  return {
    key: "pAlive",
    pAlive,
    daysSince: Math.round((customer.T - customer.tx) * days),
    usualGapDays: Math.round((customer.tx * days) / customer.x),
  };
}

export function explainClv(prediction: ClvPrediction, horizonMonths: number, annualDiscountRate: number): Explanation {
  return {
    key: "clv",
    clv: prediction.clv,
    expectedPurchases: prediction.expectedPurchases,
    expectedSpend: prediction.expectedSpend,
    horizonMonths,
    annualDiscountRate,
  };
}

export function explainChurnRisk(prediction: ClvPrediction): Explanation {
  return { key: "churnRisk", churnRisk: prediction.churnRisk, pAlive: prediction.pAlive };
}

export function explainModels(purchaseModel: PurchaseModelName, spendModel: "gamma-gamma" | "customer-mean"): Explanation {
  return { key: "models", purchaseModel, spendModel };
}

export function explainAbc(row: AbcRow, of: number): Explanation {
  return { key: "abc", segment: row.segment, rank: row.rank, of };
}

export function explainLifecycle(result: LifecycleResult): Explanation {
  return { key: "lifecycle", stage: result.stage, reason: result.reason };
}

export function explainUpgrade(c: UpgradeCandidate): Explanation {
  return {
    key: "upgrade",
    fromTier: c.fromTier,
    toTier: c.toTier,
    gap: c.gap,
    threshold: c.threshold,
    expectedSpend: c.expectedSpend,
    coverage: c.coverage,
    daysToClose: c.daysToClose,
    horizonDays: c.horizonDays,
    source: c.source,
  };
}

export function explainRecommendation(rec: Recommendation): Explanation {
  return {
    key: "recommendation",
    product: rec.item,
    because: [...rec.rule.lhs],
    confidence: rec.rule.confidence,
    lift: rec.rule.lift,
    support: rec.rule.support,
  };
}

/**
 * The pure core of the score job: from per-customer order aggregates of one period to the scores the
 * job writes, with the model fits checked before they are used and every value checked before it is
 * written. No database here: the job (lib/scoring/recompute.ts) reads the aggregates with one
 * GROUP BY and writes what this returns; tests run it over the demo company on any date.
 *
 * Fallbacks, in order, when a fit is not usable (lib/scoring/rules/fit-check.ts says why):
 * - purchases: the chosen model (Pareto/NBD by default), else the other one, else no prediction
 *   (P(alive), churn risk and expected purchases stay empty; predicted CLV is 0);
 * - spend per purchase: Gamma-Gamma, else the customer's own mean spend per purchase day over all its
 *   purchases to date (no shrinkage toward the population mean).
 * Either way the run records what was used and why, and the admin Scores page shows it.
 */

import { assignAbc } from "@/lib/scoring/rules/abc";
import { fitBgNbd, compressBgNbdRows, type BgNbdRow } from "@/lib/scoring/rules/bg-nbd";
import { predictClvWith, type ClvPrediction } from "@/lib/scoring/rules/clv";
import { assessBgNbdFit, assessGammaGammaFit, assessParetoNbdFit, type FitProblem } from "@/lib/scoring/rules/fit-check";
import { conditionalExpectedSpend, fitGammaGamma, type GammaGammaParams } from "@/lib/scoring/rules/gamma-gamma";
import { lifecycleStage, type LifecycleResult } from "@/lib/scoring/rules/lifecycle";
import { fitParetoNbd } from "@/lib/scoring/rules/pareto-nbd";
import { bgNbdModel, paretoNbdModel, type PurchaseModel, type PurchaseModelName } from "@/lib/scoring/rules/purchase-model";
import { assignPyramid, type Tier } from "@/lib/scoring/rules/pyramid";
import { scoreRfm, type RfmResult } from "@/lib/scoring/rules/rfm";
import type { AnalyticsSettings } from "@/lib/scoring/rules/settings";
import { upgradeCandidates, type UpgradeCandidate } from "@/lib/scoring/rules/upgrade";

const WEEK = 7;
const DAY_MS = 86_400_000;

/** One customer's order history up to the period end, money in integer cents, days as day numbers. */
export type CustomerAggregate = {
  id: number;
  /** null: the customer has not bought yet. */
  firstDay: number | null;
  lastDay: number | null;
  /** Distinct days with a completed order (a day's orders count as one purchase for the models). */
  purchaseDays: number;
  totalSpend: number;
  totalMargin: number;
  /** Spend on the first purchase day. */
  firstAmount: number;
  periodSpend: number;
  periodMargin: number;
  periodOrders: number;
  periodLast: number | null;
  recentSpend: number;
  previousSpend: number;
};

/** The period is the `months` calendar months ending on `endDay` inclusive (UTC days since 1970). */
export function periodBounds(asOf: Date, months: number): { startDay: number; endDay: number; recentStartDay: number } {
  const endDay = Math.floor(asOf.getTime() / DAY_MS);
  const end = new Date(endDay * DAY_MS);
  // Same day `months` earlier, clamped to that month's end (Feb 29 → Feb 28), then the day after.
  const targetMonth = end.getUTCMonth() - months;
  const lastDayOfTarget = new Date(Date.UTC(end.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
  const shifted = Date.UTC(end.getUTCFullYear(), targetMonth, Math.min(end.getUTCDate(), lastDayOfTarget));
  const startDay = Math.floor(shifted / DAY_MS) + 1;
  return { startDay, endDay, recentStartDay: startDay + Math.floor((endDay - startDay + 1) / 2) };
}

export type SpendSource = "gamma-gamma" | "customer-mean";

export type ModelAttempt = {
  model: PurchaseModelName | "gamma-gamma";
  usable: boolean;
  params: Record<string, number> | null;
  logLikelihood: number | null;
  iterations: number | null;
  problems: FitProblem[];
};

/** What the run used and why: stored on the ScoreRun and shown on the admin Scores page. */
export type ModelReport = {
  unit: "week";
  /** Customers who bought, and how many of them repeated (the models' data). */
  buyers: number;
  repeaters: number;
  purchase: { requested: PurchaseModelName; used: PurchaseModelName | null; params: Record<string, number> | null; logLikelihood: number | null };
  spend: { used: SpendSource; params: GammaGammaParams | null; populationMean: number | null };
  attempts: ModelAttempt[];
  /** True when anything other than the requested models produced the predictions. */
  fallback: boolean;
  /** Why, as codes the UI words: e.g. "paretoNbd:at-boundary", "gammaGamma:not-converged", "insufficient-data". */
  reasons: string[];
};

/** Below these counts the models have nothing to learn from; scores without them stay valid. */
export const MIN_BUYERS_FOR_MODELS = 30;
export const MIN_REPEATERS_FOR_MODELS = 10;

type Fitted = { report: ModelReport; purchase: PurchaseModel | null; spend: (x: number, zbar: number, ownMean: number) => number };

function modelInputs(rows: readonly CustomerAggregate[], endDay: number): { bg: BgNbdRow[]; spend: { x: number; zbar: number }[] } {
  const bg: BgNbdRow[] = [];
  const spend: { x: number; zbar: number }[] = [];
  for (const r of rows) {
    if (r.firstDay === null || r.lastDay === null || r.purchaseDays < 1) continue;
    const x = r.purchaseDays - 1;
    bg.push({ x, tx: (r.lastDay - r.firstDay) / WEEK, T: (endDay - r.firstDay) / WEEK });
    const zbar = x > 0 ? (r.totalSpend - r.firstAmount) / 100 / x : 0;
    if (x > 0 && zbar > 0) spend.push({ x, zbar });
  }
  return { bg, spend };
}

function attemptOf(model: ModelAttempt["model"], fit: { params: object; logLikelihood: number; iterations: number } | null, problems: FitProblem[]): ModelAttempt {
  return {
    model,
    usable: fit !== null && problems.length === 0,
    params: fit ? (fit.params as Record<string, number>) : null,
    logLikelihood: fit ? fit.logLikelihood : null,
    iterations: fit ? fit.iterations : null,
    problems,
  };
}

/** A fit that throws (e.g. data the model cannot take) is an unusable attempt, never a failed run. */
function tryFit<T>(run: () => T): { fit: T | null; problems: FitProblem[] } {
  try {
    return { fit: run(), problems: [] };
  } catch (error) {
    return { fit: null, problems: [{ code: "not-converged", detail: error instanceof Error ? error.message : String(error) }] };
  }
}

function fitPurchaseModel(name: PurchaseModelName, rows: BgNbdRow[]): { attempt: ModelAttempt; model: PurchaseModel | null } {
  if (name === "bg-nbd") {
    const { fit, problems } = tryFit(() => fitBgNbd(compressBgNbdRows(rows)));
    const all = fit ? assessBgNbdFit(fit).problems : problems;
    const attempt = attemptOf("bg-nbd", fit, all);
    return { attempt, model: fit && attempt.usable ? bgNbdModel(fit.params) : null };
  }
  const { fit, problems } = tryFit(() => fitParetoNbd(rows));
  const all = fit ? assessParetoNbdFit(fit).problems : problems;
  const attempt = attemptOf("pareto-nbd", fit, all);
  return { attempt, model: fit && attempt.usable ? paretoNbdModel(fit.params) : null };
}

/** Fits the purchase and spend models for one period, checks them and picks what may be used. */
export function fitPeriodModels(rows: readonly CustomerAggregate[], endDay: number, requested: PurchaseModelName): Fitted {
  const inputs = modelInputs(rows, endDay);
  const repeaters = inputs.bg.filter((r) => r.x > 0).length;
  const report: ModelReport = {
    unit: "week",
    buyers: inputs.bg.length,
    repeaters,
    purchase: { requested, used: null, params: null, logLikelihood: null },
    spend: { used: "customer-mean", params: null, populationMean: null },
    attempts: [],
    fallback: true,
    reasons: [],
  };
  const ownMean = (_x: number, _zbar: number, mean: number) => mean;
  if (inputs.bg.length < MIN_BUYERS_FOR_MODELS || inputs.spend.length < MIN_REPEATERS_FOR_MODELS) {
    report.reasons.push("insufficient-data");
    return { report, purchase: null, spend: ownMean };
  }

  let purchase: PurchaseModel | null = null;
  const order: PurchaseModelName[] = requested === "pareto-nbd" ? ["pareto-nbd", "bg-nbd"] : ["bg-nbd", "pareto-nbd"];
  for (const name of order) {
    const { attempt, model } = fitPurchaseModel(name, inputs.bg);
    report.attempts.push(attempt);
    if (model) {
      purchase = model;
      report.purchase = { requested, used: name, params: attempt.params, logLikelihood: attempt.logLikelihood };
      break;
    }
    report.reasons.push(...attempt.problems.map((p) => `${name}:${p.code}`));
  }

  const gg = tryFit(() => fitGammaGamma(inputs.spend));
  const ggProblems = gg.fit ? assessGammaGammaFit(gg.fit).problems : gg.problems;
  const ggAttempt = attemptOf("gamma-gamma", gg.fit, ggProblems);
  report.attempts.push(ggAttempt);
  let spend = ownMean;
  if (gg.fit && ggAttempt.usable) {
    const params = gg.fit.params;
    report.spend = { used: "gamma-gamma", params, populationMean: conditionalExpectedSpend(params, 0, 0) };
    spend = (x, zbar) => conditionalExpectedSpend(params, x, zbar);
  } else {
    report.reasons.push(...ggProblems.map((p) => `gamma-gamma:${p.code}`));
  }
  report.fallback = report.purchase.used !== requested || report.spend.used !== "gamma-gamma";
  // One code per model and problem (a fit out of bounds in three parameters is one reason).
  report.reasons = [...new Set(report.reasons)];
  return { report, purchase, spend };
}

/** One customer's scores as the snapshot stores them; money in integer cents. */
export type ScoreRecord = {
  customerId: number;
  recencyDays: number | null;
  frequency: number;
  monetary: number;
  margin: number;
  rScore: number;
  fScore: number;
  mScore: number;
  rfmCode: string;
  rfmGroup: string;
  tier: Tier;
  tierRank: number;
  abcSegment: string;
  historicalClv: number;
  predictedClv: number;
  repeatPurchases: number;
  recencyWeeks: number | null;
  ageWeeks: number | null;
  expectedPurchases: number | null;
  expectedSpend: number | null;
  pAlive: number | null;
  churnRisk: number | null;
  lifecycle: LifecycleResult;
  spendTrend: number | null;
  /** Set for upgrade candidates; gap and expected spend in cents. */
  upgrade: { position: number; toTier: Tier; gap: number; expected: number; coverage: number | null; source: UpgradeCandidate["source"] } | null;
};

/** A value the checks refused, for the run's report. */
export type RejectedValue = { customerId: number; field: string; value: string };

/** The snapshot's money columns are Decimal(14,2): |cents| must stay below 10^14. */
export const MAX_MONEY_CENTS = 99_999_999_999_999;

function centsOf(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const cents = Math.round(value * 100);
  return Math.abs(cents) <= MAX_MONEY_CENTS ? cents : null;
}

type PredictionCheck = { ok: true; cents: { clv: number; spend: number } } | { ok: false; field: string; value: number };

/** Every model output is checked before it may be written: finite, in range, non-negative. */
export function checkPrediction(p: ClvPrediction): PredictionCheck {
  const probability = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;
  if (!probability(p.pAlive)) return { ok: false, field: "pAlive", value: p.pAlive };
  if (!probability(p.churnRisk)) return { ok: false, field: "churnRisk", value: p.churnRisk };
  if (!(Number.isFinite(p.expectedPurchases) && p.expectedPurchases >= 0)) return { ok: false, field: "expectedPurchases", value: p.expectedPurchases };
  const spend = centsOf(p.expectedSpend);
  if (spend === null || spend < 0) return { ok: false, field: "expectedSpend", value: p.expectedSpend };
  const clv = centsOf(p.clv);
  if (clv === null || clv < 0) return { ok: false, field: "predictedClv", value: p.clv };
  return { ok: true, cents: { clv, spend } };
}

export type PeriodScores = {
  models: ModelReport;
  records: ScoreRecord[];
  /** Customers whose model outputs failed the checks: scored without a prediction, listed here. */
  rejected: RejectedValue[];
  active: number;
};

/**
 * Scores every customer of one period. RFM, tiers and ABC come from the period's spend; P(alive),
 * churn risk and predicted CLV from the checked models; lifecycle and upgrade candidates from both.
 */
export function scorePeriod(
  rows: readonly CustomerAggregate[],
  bounds: { startDay: number; endDay: number; recentStartDay: number },
  settings: AnalyticsSettings,
): PeriodScores {
  const { endDay, recentStartDay } = bounds;
  const fitted = fitPeriodModels(rows, endDay, settings.purchaseModel);
  const ids = rows.map((r) => String(r.id));
  const rfm = scoreRfm(
    rows.map((r, i) => ({
      customerId: ids[i],
      recencyDays: r.periodLast === null ? null : endDay - r.periodLast,
      frequency: r.periodOrders,
      monetary: r.periodSpend / 100,
    })),
  );
  const pyramid = assignPyramid(
    rows.map((r, i) => ({ customerId: ids[i], spend: r.periodSpend / 100 })),
    settings.pyramid,
  );
  const abc = assignAbc(
    rows.map((r, i) => ({ customerId: ids[i], revenue: r.periodSpend / 100, margin: r.periodMargin / 100 })),
    { shareA: settings.abc.shareA, shareB: settings.abc.shareB },
  );
  const rfmOf = new Map<string, RfmResult>(rfm.map((r) => [r.customerId, r]));
  const tierOf = new Map(pyramid.rows.map((r) => [r.customerId, r]));
  const abcOf = new Map(abc.rows.map((r) => [r.customerId, r]));

  type Checked = { prediction: ClvPrediction; cents: { clv: number; spend: number }; x: number; tx: number; T: number };
  const predictions = new Map<string, Checked>();
  const rejected: RejectedValue[] = [];
  const horizonWeeks = settings.upgradeHorizonDays / WEEK;
  const upgradeSignals = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.firstDay === null || r.lastDay === null || r.purchaseDays < 1) continue;
    const x = r.purchaseDays - 1;
    const tx = (r.lastDay - r.firstDay) / WEEK;
    const T = (endDay - r.firstDay) / WEEK;
    let signal: { customerId: string; expectedSpend?: number; recentSpend?: number; recentDays?: number } = {
      customerId: ids[i],
      recentSpend: r.recentSpend / 100,
      recentDays: endDay - recentStartDay + 1,
    };
    if (fitted.purchase) {
      try {
        const zbar = x > 0 ? (r.totalSpend - r.firstAmount) / 100 / x : 0;
        const ownMean = r.totalSpend / 100 / r.purchaseDays;
        // Predicted value is margin, like historical value: spend times the customer's own margin rate.
        const marginRate = r.totalSpend > 0 ? Math.max(0, Math.min(1, r.totalMargin / r.totalSpend)) : 0;
        const expectedSpend = fitted.spend(x, zbar, ownMean);
        const prediction = predictClvWith(fitted.purchase, expectedSpend, { x, tx, T }, { ...settings.clv, unit: "week", marginRate });
        const check = checkPrediction(prediction);
        if (check.ok) {
          predictions.set(ids[i], { prediction, cents: check.cents, x, tx, T });
          const horizonPurchases = fitted.purchase.expectedPurchases(horizonWeeks, x, tx, T);
          const upcoming = horizonPurchases * prediction.expectedSpend;
          if (Number.isFinite(upcoming) && upcoming >= 0) signal = { customerId: ids[i], expectedSpend: upcoming };
        } else {
          rejected.push({ customerId: r.id, field: check.field, value: String(check.value) });
        }
      } catch (error) {
        rejected.push({ customerId: r.id, field: "model", value: error instanceof Error ? error.message : String(error) });
      }
    }
    upgradeSignals.push(signal);
  }
  const upgrades = upgradeCandidates(pyramid, upgradeSignals, { horizonDays: settings.upgradeHorizonDays, minCoverage: 0.5 });
  const upgradeOf = new Map(upgrades.map((u) => [u.customerId, u]));

  const records: ScoreRecord[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const cid = ids[i];
    const rf = rfmOf.get(cid)!;
    const tier = tierOf.get(cid)!;
    const seg = abcOf.get(cid)!;
    const p = predictions.get(cid);
    const up = upgradeOf.get(cid) ?? null;
    const life = lifecycleStage(
      {
        daysSinceFirstPurchase: r.firstDay === null ? null : endDay - r.firstDay,
        daysSinceLastPurchase: r.lastDay === null ? null : endDay - r.lastDay,
        recentSpend: r.recentSpend / 100,
        previousSpend: r.previousSpend / 100,
        pAlive: p?.prediction.pAlive ?? null,
      },
      settings.lifecycle,
    );
    let upgrade: ScoreRecord["upgrade"] = null;
    if (up) {
      const gap = centsOf(up.gap);
      const expected = centsOf(up.expectedSpend);
      if (gap !== null && expected !== null && gap >= 0 && expected >= 0 && (up.coverage === null || Number.isFinite(up.coverage))) {
        upgrade = { position: up.position, toTier: up.toTier, gap, expected, coverage: up.coverage, source: up.source };
      } else {
        rejected.push({ customerId: r.id, field: "upgrade", value: `${up.gap}/${up.expectedSpend}` });
      }
    }
    records[i] = {
      customerId: r.id,
      recencyDays: rf.recencyDays,
      frequency: rf.frequency,
      monetary: r.periodSpend,
      margin: r.periodMargin,
      rScore: rf.r,
      fScore: rf.f,
      mScore: rf.m,
      rfmCode: rf.code,
      rfmGroup: rf.group,
      tier: tier.tier,
      tierRank: tier.rank,
      abcSegment: seg.segment,
      historicalClv: r.totalMargin,
      predictedClv: p ? p.cents.clv : 0,
      repeatPurchases: r.purchaseDays > 0 ? r.purchaseDays - 1 : 0,
      recencyWeeks: p ? p.tx : null,
      ageWeeks: p ? p.T : null,
      expectedPurchases: p ? p.prediction.expectedPurchases : null,
      expectedSpend: p ? p.cents.spend : null,
      pAlive: p ? p.prediction.pAlive : null,
      churnRisk: p ? p.prediction.churnRisk : null,
      lifecycle: life,
      spendTrend: r.previousSpend > 0 ? (r.recentSpend - r.previousSpend) / r.previousSpend : null,
      upgrade,
    };
  }
  return { models: fitted.report, records, rejected, active: rfm.filter((r) => r.frequency > 0).length };
}

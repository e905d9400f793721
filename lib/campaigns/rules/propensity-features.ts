/**
 * The response-propensity features (DOMAIN.md §10a, issue 13): what one design row holds for a customer
 * as of an instant, how the database's raw facts become numbers, how missing values are filled, and how
 * a reason is worded. Pure: lib/campaigns/propensity-data.ts computes the raw facts in one SQL query.
 *
 * Raw facts per (customer, as-of instant t) — nothing recorded after t is used:
 * - recencyDays: days from the last completed order before t to t; never bought → RECENCY_CAP_DAYS, and
 *   anything longer is capped there (a customer silent for five years is as lapsed as one silent for two).
 * - orders365: completed orders in [t − 365 days, t).
 * - logSpend365: ln(1 + spend) with spend = the exact (numeric) sum of those orders' totals, converted to a
 *   float only once summed; the log tames the heavy tail of spend.
 * - tier: ordinal SMALL 1, MEDIUM 2, MAJOR 3, VIP 4 — one coefficient, because the tiers are ordered by
 *   spend (the material's pyramid) and an ordinal keeps the reasons readable.
 * - logPredictedClv: ln(1 + max(0, predicted CLV)); pAlive: P(alive) as scored.
 * - stage*: the lifecycle stage one-hot, five columns (all 0 without a snapshot). The full one-hot is
 *   collinear with the intercept, which is why training requires λ > 0 (the penalty makes the solution
 *   unique — the same choice as scikit-learn's default OneHotEncoder with a penalised fit).
 * - noScore: 1 when the customer has no score snapshot as of t (created after the last scored period or
 *   never scored).
 *   The scores come from the CustomerScore snapshot of the newest scored period that ended (its last day
 *   over) on or before t.
 * - channelResponses / channelContacts: the customer's earlier memberships (not in a control group) in
 *   launched campaigns of the same channel, launched before t: responded or converted with the response
 *   known before t (response time, else conversion time, else the campaign's end), and contacted at all
 *   (any status but TARGETED, known at the contact time or, without one, the launch).
 * - otherResponses: the same response count for campaigns of the other channels.
 * - daysSinceTouch: days from the last touchpoint (any channel or direction) before t, capped at
 *   TOUCH_CAP_DAYS (never touched → the cap).
 * - tenureDays: days from the customer record's creation to t (0 if created later).
 *
 * Missing values: tier, logPredictedClv and pAlive are missing without a snapshot (and pAlive also for a
 * customer who never bought); each is filled with the median of the training rows that have it (0 if none
 * has), and the same medians are used when scoring new customers. noScore marks the rows without a
 * snapshot, so the model can tell "average" from "unknown".
 */

export const RECENCY_CAP_DAYS = 730;
export const TOUCH_CAP_DAYS = 365;
export const SPEND_WINDOW_DAYS = 365;

export const LIFECYCLE_STAGES = ["ACQUISITION", "BUILD_UP", "CLIMAX", "DECLINE", "EXIT"] as const;
export const TIER_ORDINAL: Readonly<Record<string, number>> = { SMALL: 1, MEDIUM: 2, MAJOR: 3, VIP: 4 };

/** Column order of the design matrix; these names are also the reason keys. */
export const PROPENSITY_FEATURES = [
  "recencyDays",
  "orders365",
  "logSpend365",
  "tier",
  "logPredictedClv",
  "pAlive",
  "stageAcquisition",
  "stageBuildUp",
  "stageClimax",
  "stageDecline",
  "stageExit",
  "noScore",
  "channelResponses",
  "channelContacts",
  "otherResponses",
  "daysSinceTouch",
  "tenureDays",
] as const;

export type PropensityFeature = (typeof PROPENSITY_FEATURES)[number];

const STAGE_FEATURE: Readonly<Record<string, PropensityFeature>> = {
  ACQUISITION: "stageAcquisition",
  BUILD_UP: "stageBuildUp",
  CLIMAX: "stageClimax",
  DECLINE: "stageDecline",
  EXIT: "stageExit",
};

/** What the feature query returns for one (customer, as-of) row, before encoding. */
export interface RawFeatureRow {
  /** Days since the last completed order before as-of; null = never bought. */
  recencyDays: number | null;
  orders365: number;
  /** Spend of those orders (summed exactly, then converted). */
  spend365: number;
  /** The snapshot's tier, stage, predicted CLV and P(alive); all null without a snapshot. */
  tier: string | null;
  stage: string | null;
  predictedClv: number | null;
  pAlive: number | null;
  scored: boolean;
  channelResponses: number;
  channelContacts: number;
  otherResponses: number;
  /** Days since the last touchpoint before as-of; null = none. */
  touchDays: number | null;
  tenureDays: number;
}

/** Training medians that fill missing values (kept with the model, reused when scoring). */
export interface Imputation {
  tier: number;
  logPredictedClv: number;
  pAlive: number;
}

function tierValue(row: RawFeatureRow): number | null {
  return row.tier === null ? null : (TIER_ORDINAL[row.tier] ?? null);
}

function clvValue(row: RawFeatureRow): number | null {
  return row.predictedClv === null ? null : Math.log1p(Math.max(0, row.predictedClv));
}

/** Median of the present values (mean of the middle two for an even count); 0 when none is present. */
export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Rows to encode: an array, or a column-wise set that hands its rows one at a time in ONE reused object
 * (TrainingRows in lib/campaigns/propensity-data.ts: 500,000 row objects took longer to build and collect
 * than the fit), so a visitor must not keep the row it is given.
 */
export interface RawFeatureRows<Row extends RawFeatureRow = RawFeatureRow> {
  readonly length: number;
  forEach(visit: (row: Row, index: number) => void): void;
}

/** The medians of the training rows' present tier, log CLV and P(alive). */
export function trainingImputation(rows: RawFeatureRows): Imputation {
  const tiers: number[] = [];
  const clvs: number[] = [];
  const alive: number[] = [];
  rows.forEach((row) => {
    const t = tierValue(row);
    if (t !== null) tiers.push(t);
    const c = clvValue(row);
    if (c !== null) clvs.push(c);
    if (row.pAlive !== null && Number.isFinite(row.pAlive)) alive.push(row.pAlive);
  });
  return { tier: median(tiers), logPredictedClv: median(clvs), pAlive: median(alive) };
}

/** Writes one encoded row (PROPENSITY_FEATURES order) into `out` at `offset`. */
export function encodeRow(row: RawFeatureRow, imputation: Imputation, out: Float64Array, offset: number): void {
  const p = PROPENSITY_FEATURES.length;
  out.fill(0, offset, offset + p);
  out[offset] = row.recencyDays === null ? RECENCY_CAP_DAYS : Math.min(Math.max(row.recencyDays, 0), RECENCY_CAP_DAYS);
  out[offset + 1] = row.orders365;
  out[offset + 2] = Math.log1p(Math.max(0, row.spend365));
  out[offset + 3] = tierValue(row) ?? imputation.tier;
  out[offset + 4] = clvValue(row) ?? imputation.logPredictedClv;
  out[offset + 5] = row.pAlive !== null && Number.isFinite(row.pAlive) ? row.pAlive : imputation.pAlive;
  const stage = row.stage === null ? undefined : STAGE_FEATURE[row.stage];
  if (stage !== undefined) out[offset + PROPENSITY_FEATURES.indexOf(stage)] = 1;
  out[offset + 11] = row.scored ? 0 : 1;
  out[offset + 12] = row.channelResponses;
  out[offset + 13] = row.channelContacts;
  out[offset + 14] = row.otherResponses;
  out[offset + 15] = row.touchDays === null ? TOUCH_CAP_DAYS : Math.min(Math.max(row.touchDays, 0), TOUCH_CAP_DAYS);
  out[offset + 16] = Math.max(0, row.tenureDays);
}

/** The design matrix (row-major, PROPENSITY_FEATURES order) of raw rows. */
export function encodeRows(rows: RawFeatureRows, imputation: Imputation): Float64Array {
  const p = PROPENSITY_FEATURES.length;
  const x = new Float64Array(rows.length * p);
  rows.forEach((row, i) => encodeRow(row, imputation, x, i * p));
  return x;
}

// ---- Reasons in words ------------------------------------------------------------------------------

/**
 * A reason as the UI gets it: the feature, its push on the log-odds (β·z > 0), the customer's encoded
 * value, and whether that value is above ("high") or below ("low") the training mean — the direction
 * decides the wording ("Bought recently" is a low recency with a negative coefficient).
 */
export interface PropensityReason {
  feature: string;
  contribution: number;
  value: number;
  direction: "high" | "low";
}

export type CampaignChannel = "DIRECT_MAIL" | "EMAIL" | "PHONE" | "SMS" | "EVENT" | "ADVERTISING";

/** The message key (under the `propensity` namespace) and its parameters for one reason. */
export interface ReasonMessage {
  key: string;
  params: Record<string, string | number>;
}

const TIER_NAMES = ["", "SMALL", "MEDIUM", "MAJOR", "VIP"];

/**
 * Maps a reason to `propensity.reasons.<feature>.<direction>` with the numbers the sentence needs.
 * Counts and days are whole numbers (days rounded); the channel is the key of `propensity.channels`, so
 * the sentence names it in the reader's language. Every feature has both directions worded: a one-hot
 * stage reads "In the climax stage" (high) or "Not in the exit stage" (low).
 */
export function reasonMessage(reason: PropensityReason, channel: CampaignChannel): ReasonMessage {
  const v = reason.value;
  const whole = Math.round(v);
  const base = `reasons.${reason.feature}`;
  switch (reason.feature) {
    case "recencyDays":
      if (reason.direction === "high" && v >= RECENCY_CAP_DAYS) return { key: `${base}.never`, params: { days: RECENCY_CAP_DAYS } };
      return { key: `${base}.${reason.direction}`, params: { days: whole } };
    case "orders365":
      return { key: `${base}.${reason.direction}`, params: { count: whole } };
    case "logSpend365":
      // Back from the log scale, rounded to whole currency units for the sentence.
      return { key: `${base}.${reason.direction}`, params: { amount: Math.round(Math.expm1(v)) } };
    case "tier":
      return { key: `${base}.${reason.direction}`, params: { tier: TIER_NAMES[Math.min(4, Math.max(1, whole))] } };
    case "logPredictedClv":
      return { key: `${base}.${reason.direction}`, params: { amount: Math.round(Math.expm1(v)) } };
    case "pAlive":
      return { key: `${base}.${reason.direction}`, params: { percent: Math.round(v * 100) } };
    case "channelResponses":
    case "channelContacts":
    case "otherResponses":
      return { key: `${base}.${reason.direction}`, params: { count: whole, channel } };
    case "daysSinceTouch":
      if (reason.direction === "high" && v >= TOUCH_CAP_DAYS) return { key: `${base}.never`, params: { days: TOUCH_CAP_DAYS } };
      return { key: `${base}.${reason.direction}`, params: { days: whole } };
    case "tenureDays":
      return { key: `${base}.${reason.direction}`, params: { days: whole, years: Math.floor(v / 365) } };
    default:
      // Stage one-hots and noScore: the customer is in that stage (or unscored) when the value is 1.
      return { key: `${base}.${reason.direction}`, params: {} };
  }
}

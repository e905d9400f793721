/**
 * The channels' trained propensity models, kept (table PropensityModel) so that a launch scores its
 * audience with the channel's model instead of training one first. Training is a batch concern: it
 * reads every past member of the channel with their customers' orders and touchpoints (1.4 s of a
 * 50,000-member launch at 100,000 customers on PGlite, 5–8 s at 500,000 training rows), while the
 * model it produces changes only when its training data do.
 *
 * A kept model is used when both hold:
 * - its training set is unchanged: the digest of the rows the training statement selects now (their
 *   member, customer, launch instant and outcome known by now: TRAINING_STAMP_SQL) equals the one
 *   stored with it. A campaign of the channel ending, a member contacted, responding or converting, a
 *   campaign's launch moved: each retrains at the next launch;
 * - it is less than MAX_AGE_MS old. The rows' features are as of each campaign's launch (orders,
 *   touchpoints and scores before it), which only a late import or a back-dated entry changes; a day
 *   bounds how long such a change goes unseen.
 * Otherwise the model is trained as of the instant asked for and stored (a channel with too few
 * responders has no model: null, kept as such). The job (instrumentation.ts) keeps the channels that
 * have campaigns current, so a launch usually finds its model ready.
 *
 * Data-layer helpers without an actor, like ./propensity-data.ts: the launch authorises first.
 */
import { getDatabase } from "@/lib/platform/db/client";
import type { SqlRunner } from "@/lib/platform/db/sql";
import { utcTimestamp } from "@/lib/platform/db/sql-builder";
import type { CampaignChannel } from "@/lib/campaigns/rules/propensity-features";
import { TRAINING_ROWS, trainPropensityModel, type TrainedPropensity } from "@/lib/campaigns/propensity-data";

/** A kept model is retrained once it is this old, whatever its data. */
export const MAX_AGE_MS = 24 * 3_600_000;

/**
 * The digest of a channel's training set as of `$2` (`$1` the channel): the training statement's own
 * rows (member, customer, as-of instant = the campaign's launch, outcome known by `$2`), counted and
 * hashed, so whatever selects a row or sets its outcome changes it.
 */
const TRAINING_STAMP_SQL = `
  SELECT count(*)::text || ':' || coalesce(sum(hashtext(concat_ws('|', r.rid, r.cid, r.asof, r.y))::bigint), 0)::text AS "stamp"
  FROM (${TRAINING_ROWS}) r`;

/** The stored form: TrainedPropensity with its typed arrays as plain arrays (JSON keeps doubles exactly). */
type StoredModel = Omit<TrainedPropensity, "channel" | "asOf" | "model"> & {
  model: Omit<TrainedPropensity["model"], "coefficients" | "standardization"> & {
    coefficients: number[];
    standardization: { means: number[]; scales: number[]; constant: boolean[] };
  };
};

function toStored(t: TrainedPropensity): StoredModel {
  const { model, n, positives, cvAuc, lambda, featureNames, imputation, converged } = t;
  return {
    n,
    positives,
    cvAuc,
    lambda,
    featureNames,
    imputation,
    converged,
    model: {
      ...model,
      coefficients: Array.from(model.coefficients),
      standardization: { means: Array.from(model.standardization.means), scales: Array.from(model.standardization.scales), constant: [...model.standardization.constant] },
    },
  };
}

function fromStored(channel: CampaignChannel, asOf: Date, s: StoredModel): TrainedPropensity {
  return {
    ...s,
    channel,
    asOf,
    converged: true,
    model: {
      ...s.model,
      coefficients: Float64Array.from(s.model.coefficients),
      standardization: { means: Float64Array.from(s.model.standardization.means), scales: Float64Array.from(s.model.standardization.scales), constant: [...s.model.standardization.constant] },
    },
  };
}

/** The digest of the channel's training set as of `at` (see TRAINING_STAMP_SQL). */
export async function trainingStamp(channel: CampaignChannel, at: Date, sql: SqlRunner): Promise<string> {
  const [row] = await sql.query<{ stamp: string }>(TRAINING_STAMP_SQL, [channel, utcTimestamp(at)]);
  return row.stamp;
}

export type ChannelModel = { model: TrainedPropensity | null; reused: boolean };

/**
 * The channel's model for an instant: the kept one when its training set is unchanged and it is less
 * than a day old, else one trained as of `at` (and kept). `reused` says which.
 */
export async function channelModel(channel: CampaignChannel, at: Date, options: { sql?: SqlRunner } = {}): Promise<ChannelModel> {
  const sql = options.sql ?? (await getDatabase()).sql;
  const stamp = await trainingStamp(channel, at, sql);
  // Instants as epoch milliseconds (a timestamp column read as UTC on both engines, whatever the driver's zone).
  const [kept] = await sql.query<{ asOfMs: number; trainedMs: number; dataStamp: string; model: StoredModel | null }>(
    `SELECT round(date_part('epoch', "asOf") * 1000)::float8 AS "asOfMs", round(date_part('epoch', "trainedAt") * 1000)::float8 AS "trainedMs", "dataStamp", "model"
       FROM "PropensityModel" WHERE "channel" = $1::"CampaignType"`,
    [channel],
  );
  const age = kept ? at.getTime() - kept.trainedMs : Number.POSITIVE_INFINITY;
  // A model trained "later" than `at` (a back-dated launch) is not reused either.
  if (kept && kept.dataStamp === stamp && age >= 0 && age < MAX_AGE_MS) return { model: kept.model === null ? null : fromStored(channel, new Date(kept.asOfMs), kept.model), reused: true };
  const model = await trainPropensityModel(channel, at, { sql });
  // "No model" (too few responders or non-responders) is kept too, as JSON null: the same data give it again.
  await sql.query(
    `INSERT INTO "PropensityModel" ("channel", "asOf", "trainedAt", "dataStamp", "model") VALUES ($1::"CampaignType", $2::timestamp, $2::timestamp, $3, $4::jsonb)
     ON CONFLICT ("channel") DO UPDATE SET "asOf" = EXCLUDED."asOf", "trainedAt" = EXCLUDED."trainedAt", "dataStamp" = EXCLUDED."dataStamp", "model" = EXCLUDED."model"`,
    [channel, utcTimestamp(at), stamp, JSON.stringify(model === null ? null : toStored(model))],
  );
  return { model, reused: false };
}

/**
 * The job: brings the model of every channel that has a campaign with a known outcome up to date, so
 * that launches find theirs ready. Returns the channels it trained.
 */
export async function refreshChannelModels(at: Date, options: { sql?: SqlRunner } = {}): Promise<CampaignChannel[]> {
  const sql = options.sql ?? (await getDatabase()).sql;
  const channels = await sql.query<{ type: CampaignChannel }>(
    `SELECT DISTINCT "type"::text AS "type" FROM "Campaign" WHERE "status" IN ('ACTIVE', 'COMPLETED') AND "endsAt" <= $1::timestamp ORDER BY 1`,
    [utcTimestamp(at)],
  );
  const trained: CampaignChannel[] = [];
  for (const { type } of channels) if (!(await channelModel(type, at, { sql })).reused) trained.push(type);
  return trained;
}

/**
 * Response propensity from the database (DOMAIN.md §10a, issue 13): the design rows of
 * lib/campaigns/rules/propensity-features.ts from one SQL statement each (scoring: every feature
 * aggregated in SQL as of one instant; training: the rows and their customers' raw events, aggregated as
 * of each row's own instant by asOfFeatures in one pass — see TRAINING_SQL), the training set of a
 * channel's past campaigns, and the scores with their reasons for an audience.
 *
 * Training set for (channel, as-of t):
 * - campaigns of that channel that were launched (status ACTIVE or COMPLETED) before t and ended by t
 *   (endsAt ≤ t): their outcomes are in. A campaign still running at t is left out, however it ends.
 * - their members outside the control group who were contacted (any status but TARGETED: a member never
 *   reached had no chance to respond, so the model predicts the response of a contacted customer);
 * - outcome 1 = RESPONDED or CONVERTED with the response known by t (response time, else conversion
 *   time, else the campaign's end), else 0;
 * - features as of each campaign's launch (launchedAt, else startsAt), so no row sees its own outcome.
 * A model needs at least MIN_POSITIVES responders and MIN_NEGATIVES non-responders, and its Newton fit
 * must have converged (lib/campaigns/rules/propensity.ts); otherwise there is no model (null) and the
 * caller ranks without propensity.
 *
 * The fit minimises the documented objective of rules/propensity.ts with λ (default 1, and λ > 0 is
 * required because the lifecycle one-hot is collinear with the intercept). The cross-validated AUC is the
 * 5-fold stratified one (seed 1) over the training rows — over a fixed random subsample of CV_MAX_ROWS
 * rows when there are more, which keeps it within the training budget and moves it by far less than its
 * own fold-to-fold spread.
 *
 * These are data-layer helpers without an actor: the campaign launch (lib/campaigns/launch.ts) has
 * authorised the campaign before it asks for its audience's propensities. Call them before a PGlite
 * transaction, or pass the transaction's runner as `sql` (reading through the shared connection inside
 * one deadlocks).
 */
import { getDatabase } from "@/lib/platform/db/client";
import type { SqlRunner } from "@/lib/platform/db/sql";
import { utcTimestamp } from "@/lib/platform/db/sql-builder";
import {
  crossValidatePropensity,
  fitPropensity,
  mulberry32,
  predictPropensity,
  topTerms,
  type PropensityData,
  type PropensityModel,
} from "@/lib/campaigns/rules/propensity";
import {
  encodeRow,
  encodeRows,
  PROPENSITY_FEATURES,
  SPEND_WINDOW_DAYS,
  trainingImputation,
  type CampaignChannel,
  type Imputation,
  type PropensityReason,
  type RawFeatureRow,
  type RawFeatureRows,
} from "@/lib/campaigns/rules/propensity-features";

export const MIN_POSITIVES = 30;
export const MIN_NEGATIVES = 30;
export const CV_FOLDS = 5;
export const CV_SEED = 1;
export const CV_MAX_ROWS = 50_000;

const CHANNELS: readonly CampaignChannel[] = ["DIRECT_MAIL", "EMAIL", "PHONE", "SMS", "EVENT", "ADVERTISING"];

export interface TrainedPropensity {
  channel: CampaignChannel;
  asOf: Date;
  lambda: number;
  model: PropensityModel;
  featureNames: string[];
  /** Training medians that fill missing scores, reused when scoring. */
  imputation: Imputation;
  /** Training rows, responders among them. */
  n: number;
  positives: number;
  /** 5-fold cross-validated AUC (mean of the folds); null when a fold could not be fitted. */
  cvAuc: number | null;
  /** Always true: an unconverged fit is never returned. */
  converged: true;
}

export interface PropensityScore {
  /** Probability of a response if contacted. */
  p: number;
  /** The top three positive terms β·z, largest first (fewer when fewer are positive). */
  reasons: PropensityReason[];
}

/** One design row as the feature query returns it: the row key, the customer and (training) the outcome. */
export interface FeatureRow extends RawFeatureRow {
  rowId: number;
  customerId: number;
  responded: boolean;
}

function assertChannel(channel: string): asserts channel is CampaignChannel {
  if (!(CHANNELS as readonly string[]).includes(channel)) throw new RangeError(`unknown campaign channel "${channel}"`);
}

const LAUNCH = `coalesce(k."launchedAt", k."startsAt")`;

/**
 * Which customers' events the scoring aggregates read. Each source (the purchase timelines, campaign
 * history, touchpoints) is reduced to a row per customer and joined to the rows by customer afterwards:
 * - "audience": only the audience's customers (a semi-join on the ids; index probes for a few customers);
 * - "all": every customer's, unfiltered. For a large audience this is the cheaper plan: the semi-join
 *   probes a hash of the ids once per event row (~1M orders, ~1M touchpoints), which on PGlite cost as
 *   much as the aggregation itself (100,000 customers: 1.9 s instead of 2.45 s for the whole statement).
 * Both give the same rows: the aggregates of a customer outside the audience are never joined.
 */
export type ScoringReach = "audience" | "all";

/**
 * Scoring: every row has the same as-of instant `$2`, so each source is filtered by it once and grouped
 * per customer with hash aggregates (orders: read off each customer's timeline) — no per-row join and
 * no sort. Campaign history reads only the
 * memberships that can count: this channel's, or a response on another.
 */
function singleInstantCtes(reach: ScoringReach): string {
  const only = (column: string) => (reach === "audience" ? ` AND ${column} IN (SELECT cid FROM r)` : "");
  // Orders from the purchase timelines (migration customer_purchase_timeline): one row per customer,
  // where `hi` counts the completed orders before as-of and `lo` those before the spend window, so the
  // last purchase, the window's count and its exact sum are array reads (~1M orders were grouped here).
  // m365 stays null for an empty window, as the sum over no orders was.
  return `o AS (
  SELECT p."customerId" AS cid, p."at"[w.hi] AS last, w.hi - w.lo AS n365,
         CASE WHEN w.hi > w.lo THEN p."cumulative"[w.hi] - coalesce(p."cumulative"[w.lo], 0) END AS m365
  FROM "CustomerPurchaseTimeline" p
  CROSS JOIN LATERAL (SELECT width_bucket($2::timestamp - interval '1 microsecond', p."at") AS hi,
                             width_bucket($2::timestamp - interval '${SPEND_WINDOW_DAYS} days' - interval '1 microsecond', p."at") AS lo) w
  ${reach === "audience" ? `WHERE p."customerId" IN (SELECT cid FROM r)` : ""}),
h AS (
  SELECT m."customerId" AS cid,
         count(*) FILTER (WHERE k."type" = $1::"CampaignType" AND m."status" IN ('RESPONDED', 'CONVERTED')
                            AND coalesce(m."respondedAt", m."convertedAt", k."endsAt") < $2::timestamp) AS ch_resp,
         count(*) FILTER (WHERE k."type" = $1::"CampaignType" AND coalesce(m."contactedAt", ${LAUNCH}) < $2::timestamp) AS ch_contacts,
         count(*) FILTER (WHERE k."type" <> $1::"CampaignType" AND m."status" IN ('RESPONDED', 'CONVERTED')
                            AND coalesce(m."respondedAt", m."convertedAt", k."endsAt") < $2::timestamp) AS other_resp
  FROM "CampaignMember" m
  JOIN "Campaign" k ON k."id" = m."campaignId" AND k."status" IN ('ACTIVE', 'COMPLETED', 'CANCELLED') AND ${LAUNCH} < $2::timestamp
  WHERE NOT m."isControl" AND m."status" <> 'TARGETED'
    AND (k."type" = $1::"CampaignType" OR m."status" IN ('RESPONDED', 'CONVERTED'))${only(`m."customerId"`)}
  GROUP BY m."customerId"),
t AS (
  SELECT tp."customerId" AS cid, max(tp."occurredAt") AS last
  FROM "Touchpoint" tp
  WHERE tp."occurredAt" < $2::timestamp${only(`tp."customerId"`)}
  GROUP BY tp."customerId")`;
}

/**
 * The scoring feature statement over a rows source `r(rid, cid, asof, y)` whose rows share one as-of
 * instant `$2` (singleInstantCtes), one row per customer; `$1` is the channel. The score snapshot is the period of that
 * instant, joined by (customer, period), found once from `$2` (not from a DISTINCT over the rows: 0.1 s
 * of PGlite's time at 100,000 customers).
 */
function featureSql(rowsSql: string, reach: ScoringReach): string {
  return `
WITH r AS MATERIALIZED (${rowsSql}),
snap AS MATERIALIZED (
  SELECT $2::timestamp AS asof, (SELECT max(s."periodEnd") FROM "ScoreRun" s WHERE s."periodEnd" + interval '1 day' <= $2::timestamp) AS pe),
${singleInstantCtes(reach)}
SELECT r.rid, r.cid, r.y,
       round(date_part('epoch', r.asof - o.last) * 1000)::bigint AS recency,
       coalesce(o.n365, 0)::int AS n365,
       coalesce(o.m365, 0) AS m365,
       s."tier"::text AS tier, s."lifecycleStage"::text AS stage,
       s."predictedClv" AS clv, s."pAlive" AS palive, (s."customerId" IS NOT NULL) AS scored,
       coalesce(h.ch_resp, 0)::int AS ch_resp, coalesce(h.ch_contacts, 0)::int AS ch_contacts,
       coalesce(h.other_resp, 0)::int AS other_resp,
       round(date_part('epoch', r.asof - t.last) * 1000)::bigint AS touch,
       round(date_part('epoch', r.asof - cu."createdAt") * 1000)::bigint AS tenure
FROM r
JOIN snap ON snap.asof = r.asof
JOIN "Customer" cu ON cu."id" = r.cid
LEFT JOIN o ON o.cid = r.cid
LEFT JOIN h ON h.cid = r.cid
LEFT JOIN "CustomerScore" s ON s."customerId" = r.cid AND s."periodEnd" = snap.pe
LEFT JOIN t ON t.cid = r.cid`;
}

/**
 * The rows packed into one text value, a line per row in rid order and comma-separated fields (empty =
 * null). Durations travel as whole milliseconds (timestamps have millisecond precision) and money as
 * the exact numeric text: integer and numeric output is cheap, while 500,000 rows of numeric day
 * arithmetic and float formatting, handed over one field at a time, cost PGlite several times the joins.
 */
function packedSql(rowsSql: string, reach: ScoringReach): string {
  return `
SELECT string_agg(concat_ws(',', q.rid, q.cid, coalesce(q.y::int::text, ''), coalesce(q.recency::text, ''), q.n365, q.m365,
                            coalesce(q.tier, ''), coalesce(q.stage, ''), coalesce(q.clv::text, ''), coalesce(q.palive::text, ''),
                            q.scored::int, q.ch_resp, q.ch_contacts, q.other_resp, coalesce(q.touch::text, ''), q.tenure),
                  E'\n' ORDER BY q.rid) AS data
FROM (${featureSql(rowsSql, reach)}) q`;
}

/** The campaigns whose members make the training set as of `$2` (`$1` the channel): see the module comment. */
const TRAINING_CAMPAIGNS = `
  SELECT k."id", ${LAUNCH} AS asof, k."endsAt"
  FROM "Campaign" k
  WHERE k."type" = $1::"CampaignType" AND k."status" IN ('ACTIVE', 'COMPLETED')
    AND k."endsAt" <= $2::timestamp AND ${LAUNCH} < $2::timestamp`;

/** The training rows: the contacted members outside the control group of `campaigns` (TRAINING_CAMPAIGNS' columns). */
function trainingRows(campaigns: string, extraColumns = ""): string {
  return `
  SELECT m."id" AS rid, m."customerId" AS cid, k.asof${extraColumns},
         (m."status" IN ('RESPONDED', 'CONVERTED') AND coalesce(m."respondedAt", m."convertedAt", k."endsAt") <= $2::timestamp) AS y
  FROM "CampaignMember" m
  JOIN ${campaigns} k ON k."id" = m."campaignId"
  WHERE NOT m."isControl" AND m."status" <> 'TARGETED'`;
}

/**
 * The rows source of the training set: see the module comment. `$1` is the channel, `$2` the as-of
 * instant. Also the source of the kept models' training-set digest (./propensity-models.ts).
 */
export const TRAINING_ROWS = trainingRows(`(${TRAINING_CAMPAIGNS})`);

/** The rows source for scoring customers as of one instant: `$2` as-of, `$3` the customer ids. */
const SCORING_ROWS = `
  SELECT u.cid AS rid, u.cid, $2::timestamp AS asof, NULL::boolean AS y
  FROM (SELECT DISTINCT unnest($3::int[]) AS cid) u`;

/** The feature statements, exported for the benchmark's raw-SQL baseline and the tests. */
/** Whole microseconds since the epoch of a timestamp (exact: float8 epoch seconds carry µs to < 0.25 µs). */
const US = (column: string) => `round(date_part('epoch', ${column}) * 1000000)::bigint`;

/**
 * Training: every row has its own as-of instant (its campaign's launch), and at 500,000 rows any per-row
 * join or window in SQL (orders, campaign history, touchpoints, each ~10 per customer) costs a few
 * microseconds per joined row — 9–12 s on PostgreSQL. So the statement returns, packed as text, the rows
 * (with what is one join per row: the score snapshot of the campaign's period and tenure) and the raw
 * events — completed orders and touchpoints before the latest launch, and the campaign memberships that
 * make the history — and asOfFeatures (below) computes the as-of aggregates per row in one pass over each
 * customer's events, with the same strict "before as-of" rule. The events are every customer's, not only
 * the rows' customers' (about three in four at the bench's 500,000 rows): semi-joining ~2 million event
 * rows to those customers cost PGlite ~0.8 s more than reading and skipping the others' events (median
 * of 7 runs: 4.64 s against 3.79 s for the statement). Four sections, each a line per row or event,
 * comma-separated, empty = null; instants as whole µs since the epoch.
 */
const TRAINING_SQL = `
WITH camp AS MATERIALIZED (
  SELECT t.*, (SELECT max(s."periodEnd") FROM "ScoreRun" s WHERE s."periodEnd" + interval '1 day' <= t.asof) AS pe
  FROM (${TRAINING_CAMPAIGNS}) t),
r AS MATERIALIZED (${trainingRows("camp", ", k.pe")}),
lim AS MATERIALIZED (SELECT max(asof) AS hi FROM camp)
SELECT
  (SELECT string_agg(concat_ws(',', r.rid, r.cid, r.y::int, ${US("r.asof")}, coalesce(s."tier"::text, ''), coalesce(s."lifecycleStage"::text, ''),
                               coalesce(s."predictedClv"::text, ''), coalesce(s."pAlive"::text, ''), (s."customerId" IS NOT NULL)::int,
                               round(date_part('epoch', r.asof - cu."createdAt") * 1000)::bigint), E'\n' ORDER BY r.rid)
     FROM r JOIN "Customer" cu ON cu."id" = r.cid
     LEFT JOIN "CustomerScore" s ON s."customerId" = r.cid AND s."periodEnd" = r.pe) AS "rows",
  (SELECT string_agg(concat_ws(',', o."customerId", ${US(`o."orderedAt"`)}, o."total"), E'\n')
     FROM "Order" o
    WHERE o."status" = 'COMPLETED' AND o."orderedAt" < (SELECT hi FROM lim)) AS "orders",
  (SELECT string_agg(concat_ws(',', tp."customerId", ${US(`tp."occurredAt"`)}), E'\n')
     FROM "Touchpoint" tp
    WHERE tp."occurredAt" < (SELECT hi FROM lim)) AS "touches",
  (SELECT string_agg(concat_ws(',', e.cid, e.same::int, coalesce(${US("e.contact_at")}::text, ''), coalesce(${US("e.resp_at")}::text, '')), E'\n')
     FROM (SELECT m."customerId" AS cid, k."type" = $1::"CampaignType" AS same,
                  CASE WHEN k."type" = $1::"CampaignType" THEN greatest(${LAUNCH}, coalesce(m."contactedAt", ${LAUNCH})) END AS contact_at,
                  CASE WHEN m."status" IN ('RESPONDED', 'CONVERTED')
                       THEN greatest(${LAUNCH}, coalesce(m."respondedAt", m."convertedAt", k."endsAt")) END AS resp_at
             FROM "CampaignMember" m JOIN "Campaign" k ON k."id" = m."campaignId"
            WHERE NOT m."isControl" AND m."status" <> 'TARGETED' AND k."status" IN ('ACTIVE', 'COMPLETED', 'CANCELLED')) e) AS "history"`;

/** The feature statements, exported for the benchmark's raw-SQL baseline and the tests. */
export const PROPENSITY_SQL = {
  training: TRAINING_SQL,
  scoring: { audience: packedSql(SCORING_ROWS, "audience"), all: packedSql(SCORING_ROWS, "all") } satisfies Record<ScoringReach, string>,
};

type TrainingSections = { rows: string | null; orders: string | null; touches: string | null; history: string | null };

/** A customer's events in compressed-row form: customer k's events are [start[k], start[k + 1]). */
type Events = { start: Int32Array; at: Float64Array; a: Float64Array; b: Float64Array };

const COMMA = 44;
const NEWLINE = 10;
const MINUS = 45;
const DOT = 46;

/**
 * Reads the packed sections field by field without splitting them (at 500,000 rows and 2 million events,
 * split() and its arrays took longer than the statement).
 */
class FieldReader {
  private i = 0;
  constructor(private readonly s: string) {}

  get done(): boolean {
    return this.i >= this.s.length;
  }

  /** Whether the last field read ended its line (or the text). */
  get atLineStart(): boolean {
    return this.i >= this.s.length + 1 || this.s.charCodeAt(this.i - 1) === NEWLINE;
  }

  /** A whole number (NaN for an empty field), then past the delimiter. */
  int(): number {
    const s = this.s;
    let i = this.i;
    let sign = 1;
    if (s.charCodeAt(i) === MINUS) {
      sign = -1;
      i++;
    }
    let v = 0;
    let digits = 0;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === COMMA || c === NEWLINE) break;
      v = v * 10 + (c - 48);
      digits++;
    }
    this.i = i + 1;
    return digits === 0 ? Number.NaN : sign * v;
  }

  /** A decimal with at most two places (numeric(14, 2) text) as exact whole cents, then past the delimiter. */
  cents(): number {
    const s = this.s;
    let i = this.i;
    let sign = 1;
    if (s.charCodeAt(i) === MINUS) {
      sign = -1;
      i++;
    }
    let v = 0;
    let places = -1;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === COMMA || c === NEWLINE) break;
      if (c === DOT) places = 0;
      else {
        v = v * 10 + (c - 48);
        if (places >= 0) places++;
      }
    }
    this.i = i + 1;
    if (places > 2) throw new Error(`propensity features: an order total has ${places} decimal places`);
    return sign * v * (places <= 0 ? 100 : places === 1 ? 10 : 1);
  }

  /**
   * A number in any form PostgreSQL prints, then past the delimiter; NaN for an empty field and for
   * NaN or ±Infinity, which the features treat as missing too.
   */
  number(): number {
    const text = this.text();
    const value = text === "" ? Number.NaN : Number(text);
    return Number.isFinite(value) ? value : Number.NaN;
  }

  /** The field as text, then past the delimiter. */
  text(): string {
    const s = this.s;
    let end = this.i;
    while (end < s.length) {
      const c = s.charCodeAt(end);
      if (c === COMMA || c === NEWLINE) break;
      end++;
    }
    const value = s.slice(this.i, end);
    this.i = end + 1;
    return value;
  }
}

/** Lines of a packed section (string_agg leaves no newline after the last). */
function countLines(text: string | null): number {
  if (!text) return 0;
  let n = 1;
  for (let p = text.indexOf("\n"); p >= 0; p = text.indexOf("\n", p + 1)) n++;
  return n;
}

/**
 * Groups event lines `cid,…` by customer (customers numbered by `index`); `read` reads the rest of a line
 * into (at, a, b). Events of customers without a row are read and skipped.
 */
function groupEvents(text: string | null, index: Map<number, number>, read: (r: FieldReader, out: Float64Array) => void): Events {
  const n = countLines(text);
  const owner = new Int32Array(n);
  const raw = new Float64Array(n * 3);
  const start = new Int32Array(index.size + 1);
  const tmp = new Float64Array(3);
  if (text) {
    const r = new FieldReader(text);
    for (let i = 0; i < n; i++) {
      const k = index.get(r.int()) ?? -1;
      read(r, tmp);
      owner[i] = k;
      if (k >= 0) start[k + 1]++;
      raw[3 * i] = tmp[0];
      raw[3 * i + 1] = tmp[1];
      raw[3 * i + 2] = tmp[2];
    }
  }
  for (let k = 0; k < index.size; k++) start[k + 1] += start[k];
  const fill = start.slice(0, index.size);
  const total = start[index.size];
  const at = new Float64Array(total);
  const a = new Float64Array(total);
  const b = new Float64Array(total);
  for (let i = 0; i < n; i++) {
    const k = owner[i];
    if (k < 0) continue;
    const j = fill[k]++;
    at[j] = raw[3 * i];
    a[j] = raw[3 * i + 1];
    b[j] = raw[3 * i + 2];
  }
  return { start, at, a, b };
}

const US_PER_DAY = 86_400_000_000;
const NO_TIME = Number.NaN;

/**
 * Whole milliseconds of a duration given in whole µs — the statement's former
 * round(date_part('epoch', interval) * 1000), which rounds half to even.
 */
function roundMs(us: number): number {
  const ms = us / 1000;
  const floor = Math.floor(ms);
  const diff = ms - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** A text column's dictionary: rows hold each distinct label's index, −1 for an empty field (null). */
class Labels {
  private readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  code(text: string): number {
    if (text === "") return -1;
    let code = this.codes.get(text);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(text);
      this.codes.set(text, code);
    }
    return code;
  }

  label(code: number): string | null {
    return code < 0 ? null : this.values[code];
  }
}

/** The training rows' features column by column; NaN stands for null in the nullable number columns. */
interface TrainingColumns {
  rowId: Float64Array;
  customerId: Float64Array;
  responded: Uint8Array;
  recencyDays: Float64Array;
  orders365: Int32Array;
  spend365: Float64Array;
  tier: Int16Array;
  stage: Int16Array;
  predictedClv: Float64Array;
  pAlive: Float64Array;
  scored: Uint8Array;
  channelResponses: Int32Array;
  channelContacts: Int32Array;
  otherResponses: Int32Array;
  touchDays: Float64Array;
  tenureDays: Float64Array;
  tiers: Labels;
  stages: Labels;
}

function blankFeatureRow(): FeatureRow {
  return {
    rowId: 0,
    customerId: 0,
    responded: false,
    recencyDays: null,
    orders365: 0,
    spend365: 0,
    tier: null,
    stage: null,
    predictedClv: null,
    pAlive: null,
    scored: false,
    channelResponses: 0,
    channelContacts: 0,
    otherResponses: 0,
    touchDays: null,
    tenureDays: 0,
  };
}

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/**
 * A training set held column-wise. At 500,000 rows, building a row object per row (and the per-row
 * objects of the parse before it) took ~1.4 s more on the bench than the statement's own parsing, mostly
 * in allocation and garbage collection, so forEach hands the rows out one at a time in ONE reused object
 * (see RawFeatureRows); toArray() makes real objects for callers that keep them.
 */
export class TrainingRows implements RawFeatureRows<FeatureRow> {
  constructor(
    readonly length: number,
    private readonly c: TrainingColumns,
  ) {}

  forEach(visit: (row: FeatureRow, index: number) => void): void {
    const row = blankFeatureRow();
    for (let i = 0; i < this.length; i++) {
      this.fill(row, i);
      visit(row, i);
    }
  }

  toArray(): FeatureRow[] {
    const rows: FeatureRow[] = [];
    this.forEach((row) => rows.push({ ...row }));
    return rows;
  }

  private fill(row: FeatureRow, i: number): void {
    const c = this.c;
    row.rowId = c.rowId[i];
    row.customerId = c.customerId[i];
    row.responded = c.responded[i] === 1;
    row.recencyDays = orNull(c.recencyDays[i]);
    row.orders365 = c.orders365[i];
    row.spend365 = c.spend365[i];
    row.tier = c.tiers.label(c.tier[i]);
    row.stage = c.stages.label(c.stage[i]);
    row.predictedClv = orNull(c.predictedClv[i]);
    row.pAlive = orNull(c.pAlive[i]);
    row.scored = c.scored[i] === 1;
    row.channelResponses = c.channelResponses[i];
    row.channelContacts = c.channelContacts[i];
    row.otherResponses = c.otherResponses[i];
    row.touchDays = orNull(c.touchDays[i]);
    row.tenureDays = c.tenureDays[i];
  }
}

/**
 * The training rows from the statement's sections: per row, over its customer's events strictly before
 * its as-of instant t — the last completed order, the count and exact sum (in cents) of those in
 * [t − 365 days, t), the channel responses and contacts and the other channels' responses, and the last
 * touchpoint. The same facts the single-instant statement computes in SQL. A non-finite P(alive) or CLV
 * reads as missing, which is how the encoding treats it anyway.
 */
export function asOfFeatures(sections: TrainingSections): TrainingRows {
  const n = countLines(sections.rows);
  const c: TrainingColumns = {
    rowId: new Float64Array(n),
    customerId: new Float64Array(n),
    responded: new Uint8Array(n),
    recencyDays: new Float64Array(n),
    orders365: new Int32Array(n),
    spend365: new Float64Array(n),
    tier: new Int16Array(n),
    stage: new Int16Array(n),
    predictedClv: new Float64Array(n),
    pAlive: new Float64Array(n),
    scored: new Uint8Array(n),
    channelResponses: new Int32Array(n),
    channelContacts: new Int32Array(n),
    otherResponses: new Int32Array(n),
    touchDays: new Float64Array(n),
    tenureDays: new Float64Array(n),
    tiers: new Labels(),
    stages: new Labels(),
  };
  // Per row: its customer's number (for the events) and its as-of instant in µs.
  const owner = new Int32Array(n);
  const asOfUs = new Float64Array(n);
  const index = new Map<number, number>();
  if (sections.rows) {
    const r = new FieldReader(sections.rows);
    for (let i = 0; i < n; i++) {
      c.rowId[i] = r.int();
      const customerId = r.int();
      c.customerId[i] = customerId;
      c.responded[i] = r.int() === 1 ? 1 : 0;
      asOfUs[i] = r.int();
      c.tier[i] = c.tiers.code(r.text());
      c.stage[i] = c.stages.code(r.text());
      c.predictedClv[i] = r.number();
      c.pAlive[i] = r.number();
      c.scored[i] = r.int() === 1 ? 1 : 0;
      c.tenureDays[i] = r.int() / DAY_MS;
      let k = index.get(customerId);
      if (k === undefined) {
        k = index.size;
        index.set(customerId, k);
      }
      owner[i] = k;
    }
  }
  // Orders: (at, cents); money as whole cents so the sums are exact, converted to currency once.
  const orders = groupEvents(sections.orders, index, (r, out) => {
    out[0] = r.int();
    out[1] = r.cents();
  });
  const touches = groupEvents(sections.touches, index, (r, out) => {
    out[0] = r.int();
  });
  // History: (response instant or NaN, contact instant or NaN, same channel 1/0).
  const history = groupEvents(sections.history, index, (r, out) => {
    out[2] = r.int();
    out[1] = r.int();
    out[0] = r.int();
  });
  const windowUs = SPEND_WINDOW_DAYS * US_PER_DAY;
  for (let i = 0; i < n; i++) {
    const k = owner[i];
    const asOf = asOfUs[i];
    const from = asOf - windowUs;
    let last = NO_TIME;
    let n365 = 0;
    let cents = 0;
    for (let j = orders.start[k]; j < orders.start[k + 1]; j++) {
      const at = orders.at[j];
      if (!(at < asOf)) continue;
      if (!(last >= at)) last = at;
      if (at >= from) {
        n365++;
        cents += orders.a[j];
      }
    }
    let chResp = 0;
    let chContacts = 0;
    let otherResp = 0;
    for (let j = history.start[k]; j < history.start[k + 1]; j++) {
      const same = history.b[j] === 1;
      if (history.at[j] < asOf) {
        if (same) chResp++;
        else otherResp++;
      }
      if (same && history.a[j] < asOf) chContacts++;
    }
    let touch = NO_TIME;
    for (let j = touches.start[k]; j < touches.start[k + 1]; j++) {
      const at = touches.at[j];
      if (at < asOf && !(touch >= at)) touch = at;
    }
    c.recencyDays[i] = Number.isNaN(last) ? Number.NaN : roundMs(asOf - last) / DAY_MS;
    c.orders365[i] = n365;
    c.spend365[i] = cents / 100;
    c.channelResponses[i] = chResp;
    c.channelContacts[i] = chContacts;
    c.otherResponses[i] = otherResp;
    c.touchDays[i] = Number.isNaN(touch) ? Number.NaN : roundMs(asOf - touch) / DAY_MS;
  }
  return new TrainingRows(n, c);
}

const DAY_MS = 86_400_000;

/**
 * Reads the packed rows (see packedSql) with the field reader, not split() (at 100,000 rows the arrays of
 * lines and fields that split() builds took 140-340 ms of a scoring call), handing each to `visit` in
 * ONE reused object: a visitor that keeps a row must copy it. Scoring encodes each row straight into the
 * design matrix, so 100,000 customers make no row objects at all.
 */
function forEachPackedRow(data: string | null, visit: (row: FeatureRow, index: number) => void): number {
  if (data === null || data === "") return 0;
  const r = new FieldReader(data);
  const row = blankFeatureRow();

  let n = 0;
  while (!r.done) {
    row.rowId = r.int();
    row.customerId = r.int();
    row.responded = r.int() === 1;
    const recency = r.int();
    row.recencyDays = Number.isNaN(recency) ? null : recency / DAY_MS;
    row.orders365 = r.int();
    row.spend365 = Number(r.text());
    const tier = r.text();
    row.tier = tier === "" ? null : tier;
    const stage = r.text();
    row.stage = stage === "" ? null : stage;
    row.predictedClv = orNull(r.number());
    row.pAlive = orNull(r.number());
    row.scored = r.int() === 1;
    row.channelResponses = r.int();
    row.channelContacts = r.int();
    row.otherResponses = r.int();
    const touch = r.int();
    row.touchDays = Number.isNaN(touch) ? null : touch / DAY_MS;
    const tenure = r.int();
    row.tenureDays = tenure / DAY_MS;
    // Too many fields leave the reader mid-line; too few run past the text's end into empty (NaN) ones.
    if (!r.atLineStart || Number.isNaN(row.rowId) || Number.isNaN(row.customerId) || Number.isNaN(tenure)) {
      throw new Error(`propensity features: line ${n + 1} does not have 16 fields`);
    }
    visit(row, n++);
  }
  return n;
}

/** Parses the packed rows (see packedSql) into row objects. */
export function unpackFeatureRows(data: string | null): FeatureRow[] {
  const rows: FeatureRow[] = [];
  forEachPackedRow(data, (row) => rows.push({ ...row }));
  return rows;
}

/**
 * Runs a feature statement with room to hash and sort in memory: at 500,000 rows the joins and the
 * per-row aggregates spill to disk under the default 4 MB work_mem (PGlite's too) and take twice as
 * long. SET LOCAL ends with the (read-only) transaction; inside a caller's transaction it lasts to its end.
 */
async function runFeatureQuery(sql: SqlRunner | undefined, text: string, params: unknown[], many: boolean): Promise<string | null> {
  const target = sql ?? (await getDatabase()).sql;
  const [row] = await target.transaction(async (tx) => {
    await tx.exec(`SET LOCAL work_mem = '${FEATURE_WORK_MEM}'`);
    // The planner takes the unnest()ed ids for ~10 rows and probes orders, memberships and touchpoints per
    // customer; for a large audience one pass over each table is cheaper (100,000 customers on
    // PostgreSQL: 2.2 s instead of 3.1 s in EXPLAIN ANALYZE). Without hash aggregation that pass reads
    // orders and touchpoints in customer order from their (customerId, …) indexes, index-only, and
    // groups them as they stream by (PGlite, 100,000 customers: 1.54-1.71 s instead of 1.77-2.5 s).
    // No JIT: the statement's estimated cost would have PostgreSQL compile it first (PostgreSQL here:
    // 2.8-2.9 s with JIT, 1.65-2.2 s without).
    // One statement: inside a launch the runner is Prisma's transaction, which prepares what it runs and
    // refuses several commands in one (the launch then logged the failure and stored no propensities).
    if (many) await tx.query(`SELECT set_config('enable_nestloop', 'off', true), set_config('enable_hashagg', 'off', true), set_config('jit', 'off', true)`);
    return tx.query<{ data: string | null }>(text, params);
  });
  return row?.data ?? null;
}

const FEATURE_WORK_MEM = "128MB";
/**
 * From this many customers, scoring aggregates every customer's events (ScoringReach "all") and joins by
 * hashing rather than per-customer index probes.
 */
const MANY_CUSTOMERS = 5_000;

/**
 * The training rows of a channel as of an instant (features as of each campaign's launch), by member id,
 * column-wise (TrainingRows; toArray() for row objects).
 */
export async function propensityTrainingRows(channel: CampaignChannel, asOf: Date, options: { sql?: SqlRunner } = {}): Promise<TrainingRows> {
  assertChannel(channel);
  const target = options.sql ?? (await getDatabase()).sql;
  const [sections] = await target.transaction(async (tx) => {
    await tx.exec(`SET LOCAL work_mem = '${FEATURE_WORK_MEM}'`);
    return tx.query<TrainingSections>(PROPENSITY_SQL.training, [channel, utcTimestamp(asOf)]);
  });
  return asOfFeatures(sections ?? { rows: null, orders: null, touches: null, history: null });
}

/** The packed feature rows (packedSql) of these customers as of an instant; null for none. */
async function packedFeatureRows(
  channel: CampaignChannel,
  customerIds: readonly number[],
  asOf: Date,
  options: { sql?: SqlRunner; reach?: ScoringReach },
): Promise<string | null> {
  assertChannel(channel);
  if (customerIds.length === 0) return null;
  const reach = options.reach ?? (customerIds.length >= MANY_CUSTOMERS ? "all" : "audience");
  return runFeatureQuery(options.sql, PROPENSITY_SQL.scoring[reach], [channel, utcTimestamp(asOf), customerIds], reach === "all");
}

/**
 * The feature rows of these customers as of an instant (channel history for `channel`), by customer id.
 * `reach` picks the plan (see ScoringReach); by default "all" from MANY_CUSTOMERS customers. Both plans
 * return the same rows, and the tests run both.
 */
export async function propensityFeatureRows(
  channel: CampaignChannel,
  customerIds: readonly number[],
  asOf: Date,
  options: { sql?: SqlRunner; reach?: ScoringReach } = {},
): Promise<FeatureRow[]> {
  return unpackFeatureRows(await packedFeatureRows(channel, customerIds, asOf, options));
}

/** Rows for the cross-validation: all of them, or a fixed random subsample of CV_MAX_ROWS. */
function cvSubset(data: PropensityData): PropensityData {
  const n = data.y.length;
  if (n <= CV_MAX_ROWS) return data;
  const p = data.featureNames.length;
  const random = mulberry32(CV_SEED);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  const picked = order.subarray(0, CV_MAX_ROWS).sort();
  const x = new Float64Array(CV_MAX_ROWS * p);
  const y = new Uint8Array(CV_MAX_ROWS);
  picked.forEach((row, k) => {
    x.set(data.x.subarray(row * p, row * p + p), k * p);
    y[k] = data.y[row];
  });
  return { featureNames: data.featureNames, x, y };
}

/** Fits the model on already computed training rows (the step after the feature query). */
export function fitTrainingRows(channel: CampaignChannel, asOf: Date, rows: RawFeatureRows<FeatureRow>, lambda = 1): TrainedPropensity | null {
  if (!(lambda > 0) || !Number.isFinite(lambda)) throw new RangeError(`lambda must be a finite number > 0 (got ${lambda})`);
  const y = new Uint8Array(rows.length);
  let positives = 0;
  rows.forEach((row, i) => {
    if (!row.responded) return;
    y[i] = 1;
    positives++;
  });
  if (positives < MIN_POSITIVES || rows.length - positives < MIN_NEGATIVES) return null;
  const imputation = trainingImputation(rows);
  const featureNames = [...PROPENSITY_FEATURES];
  const data: PropensityData = { featureNames, x: encodeRows(rows, imputation), y };
  const fit = fitPropensity(data, { lambda });
  if (fit.model === null) return null;
  const cv = crossValidatePropensity(cvSubset(data), { folds: CV_FOLDS, seed: CV_SEED, lambda });
  return {
    channel,
    asOf,
    lambda,
    model: fit.model,
    featureNames,
    imputation,
    n: rows.length,
    positives,
    cvAuc: cv.value === null ? null : cv.value.auc,
    converged: true,
  };
}

/**
 * Trains the channel's model as of an instant from its past campaigns (see the module comment), or null
 * when there are too few responders or non-responders or the fit did not converge.
 */
export async function trainPropensityModel(
  channel: CampaignChannel,
  asOf: Date,
  options: { lambda?: number; sql?: SqlRunner } = {},
): Promise<TrainedPropensity | null> {
  const lambda = options.lambda ?? 1;
  if (!(lambda > 0) || !Number.isFinite(lambda)) throw new RangeError(`lambda must be a finite number > 0 (got ${lambda})`);
  const rows = await propensityTrainingRows(channel, asOf, options);
  return fitTrainingRows(channel, asOf, rows, lambda);
}

/** How many reasons each scored customer keeps. */
const REASONS = 3;

/**
 * The propensities of scored customers, held column-wise: ids in ascending order, each one's
 * probability and top three terms (feature index, β·z, encoded value) in typed arrays. It reads like a
 * map from customer id to PropensityScore (`get`, `size`); a score and its reasons become
 * objects only when read. At 100,000 customers, building 100,000 score objects, ~255,000 reason objects
 * and a Map up front took 150-370 ms, more than the scoring arithmetic itself; a launch reads every
 * member's score once anyway, and the campaign page none of them.
 */
export class PropensityScores {
  private constructor(
    private readonly model: PropensityModel,
    private readonly ids: Int32Array,
    private readonly probabilities: Float64Array,
    private readonly counts: Uint8Array,
    private readonly features: Int32Array,
    private readonly terms: Float64Array,
    private readonly values: Float64Array,
  ) {}

  /** Scores each row of an encoded design matrix (the model's features, row-major) of these customers. */
  static fromEncoded(trained: TrainedPropensity, x: Float64Array, customerIds: ArrayLike<number>): PropensityScores {
    const { model } = trained;
    const p = model.featureNames.length;
    const n = customerIds.length;
    if (x.length !== n * p) throw new RangeError(`propensity scores: ${x.length} values for ${n} customers of ${p} features`);
    // Rows in ascending customer order (the feature statement's order; sorted here for any other caller).
    const order = Int32Array.from({ length: n }, (_, i) => i);
    let ascending = true;
    for (let i = 1; i < n && ascending; i++) ascending = customerIds[i - 1] < customerIds[i];
    if (!ascending) order.sort((a, b) => customerIds[a] - customerIds[b]);
    const probabilities = predictPropensity(model, x);
    const ids = new Int32Array(n);
    const ps = new Float64Array(n);
    const counts = new Uint8Array(n);
    const features = new Int32Array(n * REASONS);
    const terms = new Float64Array(n * REASONS);
    const values = new Float64Array(n * REASONS);
    const rowFeatures = new Int32Array(REASONS);
    const rowTerms = new Float64Array(REASONS);
    for (let k = 0; k < n; k++) {
      const i = order[k];
      ids[k] = customerIds[i];
      if (k > 0 && ids[k] === ids[k - 1]) throw new RangeError(`propensity scores: customer ${ids[k]} was scored twice`);
      ps[k] = probabilities[i];
      const count = topTerms(model, x, REASONS, rowFeatures, rowTerms, i * p);
      counts[k] = count;
      for (let r = 0; r < count; r++) {
        features[k * REASONS + r] = rowFeatures[r];
        terms[k * REASONS + r] = rowTerms[r];
        values[k * REASONS + r] = x[i * p + rowFeatures[r]];
      }
    }
    return new PropensityScores(model, ids, ps, counts, features, terms, values);
  }

  get size(): number {
    return this.ids.length;
  }

  /** The position of a customer's score, or -1 (binary search over the ascending ids). */
  private indexOf(customerId: number): number {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const id = this.ids[mid];
      if (id === customerId) return mid;
      if (id < customerId) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** A customer's probability and reasons, largest first; undefined when the customer was not scored. */
  get(customerId: number): PropensityScore | undefined {
    const k = this.indexOf(customerId);
    return k < 0 ? undefined : this.at(k);
  }

  private at(k: number): PropensityScore {
    const { featureNames, standardization } = this.model;
    const reasons: PropensityReason[] = [];
    for (let r = 0; r < this.counts[k]; r++) {
      const j = this.features[k * REASONS + r];
      const value = this.values[k * REASONS + r];
      reasons.push({ feature: featureNames[j], contribution: this.terms[k * REASONS + r], value, direction: value > standardization.means[j] ? "high" : "low" });
    }
    return { p: this.probabilities[k], reasons };
  }

  /** The sum of the probabilities: the expected number of responses if all were contacted. */
  totalProbability(): number {
    let sum = 0;
    for (let k = 0; k < this.probabilities.length; k++) sum += this.probabilities[k];
    return sum;
  }
}

/** Scores already computed feature rows with a trained model: probability and top three reasons each. */
export function scoreFeatureRows(trained: TrainedPropensity, rows: readonly FeatureRow[]): PropensityScores {
  return PropensityScores.fromEncoded(
    trained,
    encodeRows(rows, trained.imputation),
    rows.map((row) => row.customerId),
  );
}

/** scoreFeatureRows over the packed rows, encoding each straight into the design matrix (no row objects). */
function scorePackedRows(trained: TrainedPropensity, data: string | null): PropensityScores {
  // string_agg leaves no newline after the last line.
  let lines = data ? 1 : 0;
  if (data) for (let at = data.indexOf("\n"); at !== -1; at = data.indexOf("\n", at + 1)) lines++;
  const p = trained.model.featureNames.length;
  const x = new Float64Array(lines * p);
  const ids = new Int32Array(lines);
  const n = forEachPackedRow(data, (row, i) => {
    encodeRow(row, trained.imputation, x, i * p);
    ids[i] = row.customerId;
  });
  if (n !== lines) throw new Error(`propensity features: read ${n} rows of ${lines} lines`);
  return PropensityScores.fromEncoded(trained, x, ids);
}

/** Scores these customers as of an instant with a trained model (`reach` as for propensityFeatureRows). */
export async function scorePropensity(
  trained: TrainedPropensity,
  customerIds: readonly number[],
  asOf: Date,
  options: { sql?: SqlRunner; reach?: ScoringReach } = {},
): Promise<PropensityScores> {
  return scorePackedRows(trained, await packedFeatureRows(trained.channel, customerIds, asOf, options));
}

/**
 * Propensity and reasons for an audience as of an instant (a launch): trains the channel's model as of
 * that instant (or uses `model`, trained earlier) and scores the customers. Null when there is no model.
 * Customers that do not exist are left out of the map.
 */
export async function propensityForAudience(
  channel: CampaignChannel,
  customerIds: readonly number[],
  asOf: Date,
  options: { lambda?: number; sql?: SqlRunner; model?: TrainedPropensity | null } = {},
): Promise<PropensityScores | null> {
  const trained = options.model !== undefined ? options.model : await trainPropensityModel(channel, asOf, options);
  if (trained === null) return null;
  return scorePropensity(trained, customerIds, asOf, options);
}

/** A new campaign's expected responses: the sum of its members' propensities (issue 13). */
export function expectedResponses(scores: PropensityScores): number {
  return scores.totalProbability();
}

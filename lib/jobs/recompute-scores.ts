/**
 * The score job: computes every customer's value scores for one period and stores a snapshot.
 *
 * Aggregation happens in the database (one GROUP BY over orders), the models run in TypeScript
 * (lib/domain), and the results go back in bulk `unnest` inserts. Re-running a period replaces its
 * snapshot, so the job is idempotent. The newest period's snapshot is the customers' current
 * scores (nothing is copied onto Customer); only that period records lifecycle stage changes.
 */
import type { SqlRunner } from "@/lib/db/sql";
import { TableWriter } from "@/lib/db/bulk";
import { dayNumberFromDate, dayNumberToIso } from "@/lib/domain/io/day-number";
import { mineAssociationRules } from "@/lib/domain/rules/apriori";
import { assignAbc } from "@/lib/domain/scoring/abc";
import { conditionalExpectedPurchases, fitBgNbd, type BgNbdParams } from "@/lib/domain/scoring/bg-nbd";
import { predictClv, type ClvPrediction } from "@/lib/domain/scoring/clv";
import { fitGammaGamma, type GammaGammaParams } from "@/lib/domain/scoring/gamma-gamma";
import { lifecycleStage } from "@/lib/domain/scoring/lifecycle";
import { assignPyramid } from "@/lib/domain/scoring/pyramid";
import { scoreRfm } from "@/lib/domain/scoring/rfm";
import type { AnalyticsSettings } from "@/lib/domain/scoring/settings";
import { upgradeCandidates } from "@/lib/domain/scoring/upgrade";

export type ScorePhase = "aggregate" | "models" | "score" | "write" | "rules" | "done";
export type ScoreProgress = { phase: ScorePhase; done: number; total: number };

export type RecomputeOptions = {
  /** The last day of the period (UTC date); default today. */
  asOf?: Date;
  settings: AnalyticsSettings;
  triggeredById?: number | null;
  onProgress?: (progress: ScoreProgress) => void | Promise<void>;
  /** Mine cross-sell rules too (default: when this is the newest period). */
  mineRules?: boolean;
};

export type RecomputeSummary = {
  runId: number;
  periodStart: string;
  periodEnd: string;
  customers: number;
  active: number;
  latest: boolean;
  model: { bgnbd: BgNbdParams | null; gammaGamma: GammaGammaParams | null; logLikelihood: number | null };
  rules: number | null;
  stageChanges: number;
  timings: Record<string, number>;
};

type AggregateRow = {
  id: number;
  region: string;
  kind: string;
  owner_id: number | null;
  first_day: number | null;
  last_day: number | null;
  purchase_days: number | null;
  total_spend: string | null;
  total_margin: string | null;
  first_amount: string | null;
  period_spend: string | null;
  period_margin: string | null;
  period_orders: number | null;
  period_last: number | null;
  recent_spend: string | null;
  previous_spend: string | null;
};

const DAY_EPOCH = "DATE '1970-01-01'";

/** Every customer (not deleted) with order aggregates up to and including the period's last day. */
const AGGREGATE_SQL = `
WITH days AS (
  SELECT o."customerId" AS cid,
         (o."orderedAt"::date - ${DAY_EPOCH}) AS d,
         sum(o.total) AS amount,
         sum(o.margin) AS margin,
         count(*)::int AS n
  FROM "Order" o
  WHERE o.status = 'COMPLETED' AND o."orderedAt" < $1::date + 1
  GROUP BY 1, 2
), agg AS (
  SELECT cid,
         min(d) AS first_day,
         max(d) AS last_day,
         count(*)::int AS purchase_days,
         sum(amount) AS total_spend,
         sum(margin) AS total_margin,
         (array_agg(amount ORDER BY d))[1] AS first_amount,
         sum(amount) FILTER (WHERE d >= $2) AS period_spend,
         sum(margin) FILTER (WHERE d >= $2) AS period_margin,
         sum(n) FILTER (WHERE d >= $2)::int AS period_orders,
         max(d) FILTER (WHERE d >= $2) AS period_last,
         sum(amount) FILTER (WHERE d >= $3) AS recent_spend,
         sum(amount) FILTER (WHERE d >= $2 AND d < $3) AS previous_spend
  FROM days GROUP BY cid
)
SELECT c.id, c.region, c.kind::text AS kind, c."ownerId" AS owner_id, a.first_day, a.last_day, a.purchase_days, a.total_spend::text, a.total_margin::text, a.first_amount::text,
       a.period_spend::text, a.period_margin::text, a.period_orders, a.period_last,
       a.recent_spend::text, a.previous_spend::text
FROM "Customer" c LEFT JOIN agg a ON a.cid = c.id
WHERE c."deletedAt" IS NULL AND c."createdAt" < $1::date + 1
ORDER BY c.id`;

const WEEK = 7;
/** Percentile bands of the spend ranking kept per cube cell: exact points of any slice's Pareto curve. */
export const PARETO_BANDS = 100;

type CubeMeasure = { active: boolean; revenue: number; margin: number; m: number };

/** Sums per (region, kind, owner) cell and figure key, written as ScoreCube rows. */
class CubeBuilder {
  private readonly rows = new Map<string, { region: string; kind: string; ownerId: number | null; dimension: string; key: string; customers: number; active: number; revenue: number; margin: number; m: number }>();

  cell(region: string, kind: string, ownerId: number | null): { region: string; kind: string; ownerId: number | null; id: string } {
    return { region, kind, ownerId, id: `${region}\u0001${kind}\u0001${ownerId ?? ""}` };
  }

  add(cell: ReturnType<CubeBuilder["cell"]>, dimension: string, key: string, v: CubeMeasure): void {
    const id = `${cell.id}\u0001${dimension}\u0001${key}`;
    let row = this.rows.get(id);
    if (!row) {
      row = { region: cell.region, kind: cell.kind, ownerId: cell.ownerId, dimension, key, customers: 0, active: 0, revenue: 0, margin: 0, m: 0 };
      this.rows.set(id, row);
    }
    row.customers++;
    if (v.active) {
      row.active++;
      row.m += v.m;
    }
    row.revenue += v.revenue;
    row.margin += v.margin;
  }

  async write(sql: SqlRunner, runId: number): Promise<void> {
    const writer = new TableWriter(
      "ScoreCube",
      { runId: "int", region: "text", kind: "enum:CustomerKind", ownerId: "int", dimension: "text", key: "text", customers: "int", active: "int", revenue: "money", margin: "money", mScoreSum: "int" },
      false,
    );
    for (const r of this.rows.values()) {
      writer.add({ runId, region: r.region, kind: r.kind, ownerId: r.ownerId, dimension: r.dimension, key: r.key, customers: r.customers, active: r.active, revenue: r.revenue, margin: r.margin, mScoreSum: r.m });
    }
    await writer.flush(sql);
  }
}

function cents(decimal: string | null): number {
  return decimal === null ? 0 : Math.round(Number(decimal) * 100);
}

function toMoney(value: number): number {
  // Model outputs are floats; snapshots store them rounded to cents like all money.
  return Number.isFinite(value) ? Math.round(value * 100) : 0;
}

/** Calendar arithmetic on UTC dates: the period is the `months` months ending on `asOf` inclusive. */
export function periodBounds(asOf: Date, months: number): { startDay: number; endDay: number; recentStartDay: number } {
  const endDay = dayNumberFromDate(asOf);
  const end = new Date(endDay * 86_400_000);
  // Same day `months` earlier, clamped to that month's end (Feb 29 → Feb 28), then the day after.
  const targetMonth = end.getUTCMonth() - months;
  const lastDayOfTarget = new Date(Date.UTC(end.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
  const shifted = Date.UTC(end.getUTCFullYear(), targetMonth, Math.min(end.getUTCDate(), lastDayOfTarget));
  const startDay = dayNumberFromDate(new Date(shifted)) + 1;
  return { startDay, endDay, recentStartDay: startDay + Math.floor((endDay - startDay + 1) / 2) };
}

type Models = { bg: BgNbdParams; gg: GammaGammaParams; logLikelihood: number } | null;

function fitModels(rows: AggregateRow[], endDay: number): Models {
  const bgRows = [];
  const ggRows = [];
  for (const r of rows) {
    if (r.first_day === null || r.last_day === null || r.purchase_days === null) continue;
    const x = r.purchase_days - 1;
    bgRows.push({ x, tx: (r.last_day - r.first_day) / WEEK, T: (endDay - r.first_day) / WEEK });
    const zbar = x > 0 ? (Number(r.total_spend) - Number(r.first_amount)) / x : 0;
    if (x > 0 && zbar > 0) ggRows.push({ x, zbar });
  }
  // With too little repeat buying the models have nothing to learn from; scores without them stay valid.
  if (ggRows.length < 10 || bgRows.length < 30) return null;
  try {
    const bg = fitBgNbd(bgRows);
    const gg = fitGammaGamma(ggRows);
    if (!(gg.params.q > 1)) return null;
    return { bg: bg.params, gg: gg.params, logLikelihood: bg.logLikelihood };
  } catch {
    return null;
  }
}

const SCORE_COLUMNS = {
  customerId: "int",
  runId: "int",
  periodStart: "timestamp",
  periodEnd: "timestamp",
  region: "text",
  kind: "enum:CustomerKind",
  ownerId: "int",
  recencyDays: "int",
  frequency: "int",
  monetary: "money",
  margin: "money",
  rScore: "int",
  fScore: "int",
  mScore: "int",
  rfmCode: "text",
  rfmGroup: "text",
  tier: "enum:Tier",
  tierRank: "int",
  abcSegment: "enum:AbcSegment",
  historicalClv: "money",
  predictedClv: "money",
  repeatPurchases: "int",
  recencyWeeks: "float",
  ageWeeks: "float",
  expectedPurchases: "float",
  expectedSpend: "money",
  pAlive: "float",
  churnRisk: "float",
  lifecycleStage: "enum:LifecycleStage",
  lifecycleReason: "json",
  spendTrend: "float",
  upgradePosition: "int",
  upgradeToTier: "enum:Tier",
  upgradeGap: "money",
  upgradeExpected: "money",
  upgradeCoverage: "float",
  upgradeSource: "text",
} as const;

// Two app servers (or a CLI run and an admin click) must not write the same snapshot at once.
const JOB_LOCK_KEY = 72_707_370;
let runningInProcess = false;

export class ScoreJobBusyError extends Error {
  constructor() {
    super("A score recompute is already running.");
  }
}

export async function recomputeScores(sql: SqlRunner, options: RecomputeOptions): Promise<RecomputeSummary> {
  if (runningInProcess) throw new ScoreJobBusyError();
  runningInProcess = true;
  try {
    const [lock] = await sql.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [JOB_LOCK_KEY]);
    if (!lock.ok) throw new ScoreJobBusyError();
    try {
      return await run(sql, options);
    } finally {
      await sql.query("SELECT pg_advisory_unlock($1)", [JOB_LOCK_KEY]);
    }
  } finally {
    runningInProcess = false;
  }
}

async function run(sql: SqlRunner, options: RecomputeOptions): Promise<RecomputeSummary> {
  const { settings } = options;
  const progress = async (phase: ScorePhase, done: number, total: number) => options.onProgress?.({ phase, done, total });
  const timings: Record<string, number> = {};
  const startedAt = new Date();
  const started = performance.now();
  let t = started;
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };

  const asOf = options.asOf ?? new Date();
  const { startDay, endDay, recentStartDay } = periodBounds(asOf, settings.periodMonths);
  const periodEndIso = dayNumberToIso(endDay);
  const periodStartIso = dayNumberToIso(startDay);

  await progress("aggregate", 0, 1);
  const rows = await sql.query<AggregateRow>(AGGREGATE_SQL, [periodEndIso, startDay, recentStartDay]);
  const n = rows.length;
  lap("aggregateSql");
  await progress("models", 0, n);

  const models = fitModels(rows, endDay);
  lap("fitModels");
  await progress("score", 0, n);

  const ids = rows.map((r) => String(r.id));
  const periodSpend = rows.map((r) => cents(r.period_spend) / 100);
  const rfm = scoreRfm(
    rows.map((r, i) => ({
      customerId: ids[i],
      recencyDays: r.period_last === null ? null : endDay - r.period_last,
      frequency: r.period_orders ?? 0,
      monetary: periodSpend[i],
    })),
  );
  const pyramid = assignPyramid(
    rows.map((_, i) => ({ customerId: ids[i], spend: periodSpend[i] })),
    settings.pyramid,
  );
  const abc = assignAbc(
    rows.map((r, i) => ({ customerId: ids[i], revenue: periodSpend[i], margin: cents(r.period_margin) / 100 })),
    { shareA: settings.abc.shareA, shareB: settings.abc.shareB },
  );
  const rfmOf = new Map(rfm.map((r) => [r.customerId, r]));
  const tierOf = new Map(pyramid.rows.map((r) => [r.customerId, r]));
  const abcOf = new Map(abc.rows.map((r) => [r.customerId, r]));

  const predictions = new Map<string, ClvPrediction & { x: number; tx: number; T: number }>();
  const horizonWeeks = settings.upgradeHorizonDays / WEEK;
  const upgradeSignals = [];
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (r.first_day === null || r.last_day === null || r.purchase_days === null) continue;
    const x = r.purchase_days - 1;
    const tx = (r.last_day - r.first_day) / WEEK;
    const T = (endDay - r.first_day) / WEEK;
    if (models) {
      const zbar = x > 0 ? (Number(r.total_spend) - Number(r.first_amount)) / x : 0;
      const totalSpend = Number(r.total_spend);
      // Predicted value is margin, like historical value: spend times the customer's own margin rate.
      const marginRate = totalSpend > 0 ? Math.max(0, Math.min(1, Number(r.total_margin) / totalSpend)) : 0;
      const prediction = predictClv(models.bg, models.gg, { x, tx, T, zbar }, { ...settings.clv, unit: "week", marginRate });
      predictions.set(ids[i], { ...prediction, x, tx, T });
      const horizonPurchases = conditionalExpectedPurchases(models.bg, horizonWeeks, x, tx, T);
      upgradeSignals.push({ customerId: ids[i], expectedSpend: horizonPurchases * prediction.expectedSpend });
    } else {
      upgradeSignals.push({ customerId: ids[i], recentSpend: cents(r.recent_spend) / 100, recentDays: endDay - recentStartDay + 1 });
    }
  }
  const upgrades = upgradeCandidates(pyramid, upgradeSignals, { horizonDays: settings.upgradeHorizonDays, minCoverage: 0.5 });
  const upgradeOf = new Map(upgrades.map((u) => [u.customerId, u]));
  lap("scoreCustomers");

  // Tiers of the run before this one, for the migration figures of the cube.
  const previousRows = await sql.query<{ customer_id: number; tier: string; region: string; kind: string; owner_id: number | null }>(
    `SELECT s."customerId" AS customer_id, s.tier::text AS tier, s.region, s.kind::text AS kind, s."ownerId" AS owner_id
     FROM "CustomerScore" s
     WHERE s."runId" = (SELECT id FROM "ScoreRun" WHERE "periodEnd" < $1::timestamp ORDER BY "periodEnd" DESC LIMIT 1)`,
    [periodEndIso],
  );
  const previous = previousRows.length > 0 ? new Map(previousRows.map((p) => [p.customer_id, p])) : null;
  lap("readPreviousRun");
  const cube = new CubeBuilder();

  let runId = 0;
  let stageChanges = 0;
  let latest = false;
  await progress("write", 0, n);
  await sql.transaction(async (tx) => {
    // The snapshot references customers read moments ago (never hard-deleted) and the run created
    // just below; per-row foreign-key triggers would more than double the insert time. Where the
    // database user may (PGlite always; a superuser on PostgreSQL), they are skipped for this
    // transaction only; elsewhere the normal checks run.
    // (Set after the delete below: the cascade from runs to their scores is a trigger too.)
    // Idempotent: a re-run of the same period replaces its snapshot (scores cascade with the run).
    await tx.query(`DELETE FROM "ScoreRun" WHERE "periodEnd" = $1::timestamp`, [periodEndIso]);
    lap("replaceOldRun");
    const [{ superuser }] = await tx.query<{ superuser: boolean }>(`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`);
    if (superuser) await tx.exec(`SET LOCAL session_replication_role = replica`);
    const [{ id }] = await tx.query<{ id: number }>(
      `INSERT INTO "ScoreRun" ("periodStart", "periodEnd", settings, model, "customerCount", "activeCount", "durationMs", "triggeredById", "startedAt")
       VALUES ($1::timestamp, $2::timestamp, $3::jsonb, $4::jsonb, $5, $6, 0, $7, $8) RETURNING id`,
      [
        periodStartIso,
        periodEndIso,
        JSON.stringify(settings),
        models ? JSON.stringify({ bgnbd: models.bg, gammaGamma: models.gg, logLikelihood: models.logLikelihood, unit: "week" }) : null,
        n,
        rfm.filter((r) => r.frequency > 0).length,
        options.triggeredById ?? null,
        startedAt.toISOString(),
      ],
    );
    runId = id;
    const writer = new TableWriter("CustomerScore", SCORE_COLUMNS, false);
    let flushMs = 0;
    const periodStartMs = startDay * 86_400_000;
    const periodEndMs = endDay * 86_400_000;
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      const cid = ids[i];
      const rf = rfmOf.get(cid)!;
      const tier = tierOf.get(cid)!;
      const seg = abcOf.get(cid)!;
      const p = predictions.get(cid);
      const up = upgradeOf.get(cid);
      const recentSpend = cents(r.recent_spend) / 100;
      const previousSpend = cents(r.previous_spend) / 100;
      const life = lifecycleStage(
        {
          daysSinceFirstPurchase: r.first_day === null ? null : endDay - r.first_day,
          daysSinceLastPurchase: r.last_day === null ? null : endDay - r.last_day,
          recentSpend,
          previousSpend,
          pAlive: p?.pAlive ?? null,
        },
        settings.lifecycle,
      );
      writer.add({
        customerId: r.id,
        runId: id,
        periodStart: periodStartMs,
        periodEnd: periodEndMs,
        region: r.region,
        kind: r.kind,
        ownerId: r.owner_id,
        recencyDays: rf.recencyDays,
        frequency: rf.frequency,
        monetary: cents(r.period_spend),
        margin: cents(r.period_margin),
        rScore: rf.r,
        fScore: rf.f,
        mScore: rf.m,
        rfmCode: rf.code,
        rfmGroup: rf.group,
        tier: tier.tier,
        tierRank: tier.rank,
        abcSegment: seg.segment,
        historicalClv: cents(r.total_margin),
        predictedClv: p ? toMoney(p.clv) : 0,
        repeatPurchases: r.purchase_days === null ? 0 : r.purchase_days - 1,
        recencyWeeks: p ? p.tx : null,
        ageWeeks: p ? p.T : null,
        expectedPurchases: p ? p.expectedPurchases : null,
        expectedSpend: p ? toMoney(p.expectedSpend) : null,
        pAlive: p ? p.pAlive : null,
        churnRisk: p ? p.churnRisk : null,
        lifecycleStage: life.stage,
        lifecycleReason: JSON.stringify(life.reason),
        spendTrend: previousSpend > 0 ? (recentSpend - previousSpend) / previousSpend : null,
        upgradePosition: up ? up.position : null,
        upgradeToTier: up ? up.toTier : null,
        upgradeGap: up ? toMoney(up.gap) : null,
        upgradeExpected: up ? toMoney(up.expectedSpend) : null,
        upgradeCoverage: up ? up.coverage : null,
        upgradeSource: up ? up.source : null,
      });
      const cell = cube.cell(r.region, r.kind, r.owner_id);
      const money = { active: rf.frequency > 0, revenue: cents(r.period_spend), margin: cents(r.period_margin), m: rf.m };
      cube.add(cell, "tier", tier.tier, money);
      cube.add(cell, "abc", seg.segment, money);
      cube.add(cell, "group", rf.group, money);
      cube.add(cell, "stage", life.stage, money);
      cube.add(cell, "band", String(Math.ceil((tier.rank * PARETO_BANDS) / n)), money);
      if (rf.frequency > 0) cube.add(cell, "rf", `${rf.r}:${rf.f}`, money);
      if (previous) {
        const before = previous.get(r.id);
        cube.add(cell, "mig", `${before?.tier ?? "NEW"}>${tier.tier}`, money);
        previous.delete(r.id);
      }
      if (writer.pending >= 20_000) {
        const f = performance.now();
        await writer.flush(tx);
        flushMs += performance.now() - f;
        await progress("write", i + 1, n);
      }
    }
    const f = performance.now();
    await writer.flush(tx);
    flushMs += performance.now() - f;
    if (previous) {
      const none = { active: false, revenue: 0, margin: 0, m: 0 };
      for (const gone of previous.values()) cube.add(cube.cell(gone.region, gone.kind, gone.owner_id), "mig", `${gone.tier}>GONE`, none);
    }
    timings.insertScores = Math.round(flushMs);
    lap("buildScores");
    timings.buildScores -= timings.insertScores;
    await cube.write(tx, id);
    lap("writeCube");
    const [{ newest }] = await tx.query<{ newest: boolean }>(
      `SELECT NOT EXISTS (SELECT 1 FROM "ScoreRun" WHERE "periodEnd" > $1::timestamp) AS newest`,
      [periodEndIso],
    );
    latest = newest;
    if (latest) {
      // This run's snapshot is now every customer's current score (lib/dal/current-score.ts reads
      // the newest period), so Customer rows are not rewritten. Stage changes compare with the
      // previous period's snapshot; a customer without one was new (Acquisition). They are dated at
      // the period end, so a re-run of the period replaces its own rows instead of adding more.
      await tx.query(`DELETE FROM "LifecycleStageChange" WHERE "changedAt" = $1::timestamp`, [periodEndIso]);
      const changes = await tx.query<{ n: number }>(
        `WITH changed AS (
           INSERT INTO "LifecycleStageChange" ("customerId", "fromStage", "toStage", reason, "changedAt")
           SELECT s."customerId", COALESCE(p."lifecycleStage", 'ACQUISITION'), s."lifecycleStage", s."lifecycleReason"->>'code', s."periodEnd"
           FROM "CustomerScore" s
           LEFT JOIN "CustomerScore" p ON p."customerId" = s."customerId"
             AND p."periodEnd" = (SELECT max("periodEnd") FROM "ScoreRun" WHERE "periodEnd" < $2::timestamp)
           WHERE s."runId" = $1 AND COALESCE(p."lifecycleStage", 'ACQUISITION') <> s."lifecycleStage"
           RETURNING 1)
         SELECT count(*)::int AS n FROM changed`,
        [id, periodEndIso],
      );
      stageChanges = changes[0].n;
      lap("stageChanges");
    }
  });
  lap("commit");
  // Fresh statistics for the new snapshot: the customer list and the dashboard pick their indexes by
  // them, and the embedded database has no autovacuum to notice 100,000 new rows by itself (without
  // this, PGlite planned the dashboard's lists on empty-table estimates: 140 ms instead of 7 ms).
  await sql.exec(`ANALYZE "CustomerScore"; ANALYZE "ScoreCube"`);
  lap("analyze");

  let ruleCount: number | null = null;
  if (options.mineRules ?? latest) {
    await progress("rules", 0, 1);
    ruleCount = await mineRules(sql, periodStartIso, periodEndIso, settings);
    lap("mineRules");
  }
  const durationMs = Math.round(performance.now() - started);
  await sql.query(`UPDATE "ScoreRun" SET "durationMs" = $2 WHERE id = $1`, [runId, durationMs]);
  await sql.query(
    `INSERT INTO "AuditLog" ("userId", action, entity, "entityId", changes) VALUES ($1, 'RECOMPUTE', 'ScoreRun', $2, $3::jsonb)`,
    [options.triggeredById ?? null, String(runId), JSON.stringify({ periodEnd: periodEndIso, customers: n, stageChanges, rules: ruleCount })],
  );
  await progress("done", n, n);
  return {
    runId,
    periodStart: periodStartIso,
    periodEnd: periodEndIso,
    customers: n,
    active: rfm.filter((r) => r.frequency > 0).length,
    latest,
    model: { bgnbd: models?.bg ?? null, gammaGamma: models?.gg ?? null, logLikelihood: models?.logLikelihood ?? null },
    rules: ruleCount,
    stageChanges,
    timings,
  };
}

/** Cross-sell rules over the period's order baskets (products bought together in one order). */
async function mineRules(sql: SqlRunner, startIso: string, endIso: string, settings: AnalyticsSettings): Promise<number> {
  const baskets = await sql.query<{ items: number[] }>(
    `SELECT array_agg(DISTINCT l."productId") AS items
     FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId"
     WHERE o.status = 'COMPLETED' AND o."orderedAt" >= $1::date AND o."orderedAt" < $2::date + 1
     GROUP BY o.id`,
    [startIso, endIso],
  );
  const result =
    baskets.length === 0
      ? { rules: [] }
      : mineAssociationRules(
          baskets.map((b) => b.items.map(String)),
          { minSupport: settings.rules.minSupport, minConfidence: settings.rules.minConfidence, minLift: settings.rules.minLift, maxLength: 4 },
        );
  await sql.transaction(async (tx) => {
    await tx.exec(`DELETE FROM "AssociationRule"`);
    const writer = new TableWriter("AssociationRule", { lhs: "intList", rhs: "int", support: "float", confidence: "float", lift: "float", count: "int" }, false);
    for (const rule of result.rules) {
      writer.add({ lhs: rule.lhs.join(","), rhs: Number(rule.rhs), support: rule.support, confidence: rule.confidence, lift: rule.lift, count: rule.count });
    }
    await writer.flush(tx);
  });
  return result.rules.length;
}

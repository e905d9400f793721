import { CACHE_TAGS, invalidateCache } from "@/lib/platform/cache";
/**
 * The score job: computes every customer's value scores for one period and stores a snapshot.
 *
 * Aggregation happens in the database (one GROUP BY over orders), the models run in TypeScript
 * (lib/scoring/rules), and the results go back in bulk `unnest` inserts. Re-running a period replaces its
 * snapshot, so the job is idempotent. The newest period's snapshot is the customers' current
 * scores (nothing is copied onto Customer); only that period records lifecycle stage changes.
 */
import type { SqlRunner } from "@/lib/platform/db/sql";
import { TableWriter } from "@/lib/platform/db/bulk";
import { nowMs } from "@/lib/platform/clock";
import { dayNumberToIso } from "@/lib/platform/day-number";
import { mineAssociationRules } from "@/lib/scoring/rules/apriori";
import { periodBounds, scorePeriod, type CustomerAggregate, type ModelReport, type RejectedValue } from "@/lib/scoring/rules/score-period";
import type { AnalyticsSettings } from "@/lib/scoring/rules/settings";
// The score job drives segment membership (issue 11: built-in and dynamic segments follow every run,
// with the run's id in their history): a composition across features declared in eslint.config.mjs.
import { refreshSegmentsAfterScoreRun } from "@/lib/segments/refresh";

export type ScorePhase = "aggregate" | "models" | "score" | "write" | "rules" | "done";
export type ScoreProgress = { phase: ScorePhase; done: number; total: number };

export type RecomputeOptions = {
  /** The last day of the period (UTC date); default today by the clock. */
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
  /** Which models produced the predictions, and why any fallback was taken. */
  models: ModelReport;
  /** Customers whose model outputs failed the pre-write checks (scored without a prediction). */
  rejected: number;
  rules: number | null;
  stageChanges: number;
  /**
   * Segments refreshed after the run (only when it became the current period): how many, and those
   * that failed (logged; their refreshedAt stays old). A failing segment never fails the run.
   */
  segments: { refreshed: number; failed: { id: number; name: string; error: string }[] } | null;
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

/** Exact cents of a decimal text from PostgreSQL (numeric(14,2) never has more than two places). */
function cents(decimal: string | null): number {
  if (decimal === null) return 0;
  const negative = decimal.startsWith("-");
  const [whole, fraction = ""] = (negative ? decimal.slice(1) : decimal).split(".");
  const value = Number(whole) * 100 + Number((fraction + "00").slice(0, 2));
  return negative ? -value : value;
}

export { periodBounds };

/** The SQL aggregate row as the pure scorer takes it. */
function toAggregate(r: AggregateRow): CustomerAggregate {
  return {
    id: r.id,
    firstDay: r.first_day,
    lastDay: r.last_day,
    purchaseDays: r.purchase_days ?? 0,
    totalSpend: cents(r.total_spend),
    totalMargin: cents(r.total_margin),
    firstAmount: cents(r.first_amount),
    periodSpend: cents(r.period_spend),
    periodMargin: cents(r.period_margin),
    periodOrders: r.period_orders ?? 0,
    periodLast: r.period_last,
    recentSpend: cents(r.recent_spend),
    previousSpend: cents(r.previous_spend),
  };
}

/** At most this many rejected values are kept on the run for the admin page (all are counted). */
const REJECTED_SAMPLE = 20;

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
export const JOB_LOCK_KEY = 72_707_370;
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
    // The lock is a session lock: taken and released on one pinned connection, held for the run.
    return await sql.session(async (session) => {
      const [lock] = await session.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [JOB_LOCK_KEY]);
      if (!lock.ok) throw new ScoreJobBusyError();
      try {
        return await run(session, options);
      } finally {
        await session.query("SELECT pg_advisory_unlock($1)", [JOB_LOCK_KEY]);
      }
    });
  } finally {
    runningInProcess = false;
  }
}

async function run(sql: SqlRunner, options: RecomputeOptions): Promise<RecomputeSummary> {
  const { settings } = options;
  const progress = async (phase: ScorePhase, done: number, total: number) => options.onProgress?.({ phase, done, total });
  const timings: Record<string, number> = {};
  const startedAt = new Date(nowMs());
  const started = performance.now();
  let t = started;
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };

  const asOf = options.asOf ?? new Date(nowMs());
  const bounds = periodBounds(asOf, settings.periodMonths);
  const { startDay, endDay } = bounds;
  const periodEndIso = dayNumberToIso(endDay);
  const periodStartIso = dayNumberToIso(startDay);

  await progress("aggregate", 0, 1);
  const sqlRows = await sql.query<AggregateRow>(AGGREGATE_SQL, [periodEndIso, startDay, bounds.recentStartDay]);
  const rows = sqlRows.map(toAggregate);
  const n = rows.length;
  lap("aggregateSql");
  await progress("models", 0, n);

  // Models are fitted, checked and applied in pure code; nothing it returns is unchecked.
  const scored = scorePeriod(rows, bounds, settings);
  const { records, models } = scored;
  lap("scoreCustomers");
  if (models.fallback) console.warn(`[summit] score run ${periodEndIso}: model fallback (${models.reasons.join(", ") || "see run"})`);
  if (scored.rejected.length > 0) console.warn(`[summit] score run ${periodEndIso}: ${scored.rejected.length} customers' predictions failed the checks and were left out`);
  await progress("score", n, n);

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
      `INSERT INTO "ScoreRun" ("periodStart", "periodEnd", settings, model, "customerCount", "activeCount", "durationMs", "triggeredById", "startedAt", "finishedAt", fallback, "rejectedCount", rejected)
       VALUES ($1::timestamp, $2::timestamp, $3::jsonb, $4::jsonb, $5, $6, 0, $7, $8::timestamp, $8::timestamp, $9, $10, $11::jsonb) RETURNING id`,
      [
        periodStartIso,
        periodEndIso,
        JSON.stringify(settings),
        JSON.stringify(models),
        n,
        scored.active,
        options.triggeredById ?? null,
        startedAt.toISOString(),
        models.fallback,
        scored.rejected.length,
        JSON.stringify(scored.rejected.slice(0, REJECTED_SAMPLE) satisfies RejectedValue[]),
      ],
    );
    runId = id;
    const writer = new TableWriter("CustomerScore", SCORE_COLUMNS, false);
    let flushMs = 0;
    const periodStartMs = startDay * 86_400_000;
    const periodEndMs = endDay * 86_400_000;
    for (let i = 0; i < n; i++) {
      const r = sqlRows[i];
      const rec = records[i];
      const up = rec.upgrade;
      writer.add({
        customerId: r.id,
        runId: id,
        periodStart: periodStartMs,
        periodEnd: periodEndMs,
        region: r.region,
        kind: r.kind,
        ownerId: r.owner_id,
        recencyDays: rec.recencyDays,
        frequency: rec.frequency,
        monetary: rec.monetary,
        margin: rec.margin,
        rScore: rec.rScore,
        fScore: rec.fScore,
        mScore: rec.mScore,
        rfmCode: rec.rfmCode,
        rfmGroup: rec.rfmGroup,
        tier: rec.tier,
        tierRank: rec.tierRank,
        abcSegment: rec.abcSegment,
        historicalClv: rec.historicalClv,
        predictedClv: rec.predictedClv,
        repeatPurchases: rec.repeatPurchases,
        recencyWeeks: rec.recencyWeeks,
        ageWeeks: rec.ageWeeks,
        expectedPurchases: rec.expectedPurchases,
        expectedSpend: rec.expectedSpend,
        pAlive: rec.pAlive,
        churnRisk: rec.churnRisk,
        lifecycleStage: rec.lifecycle.stage,
        lifecycleReason: JSON.stringify(rec.lifecycle.reason),
        spendTrend: rec.spendTrend,
        upgradePosition: up ? up.position : null,
        upgradeToTier: up ? up.toTier : null,
        upgradeGap: up ? up.gap : null,
        upgradeExpected: up ? up.expected : null,
        upgradeCoverage: up ? up.coverage : null,
        upgradeSource: up ? up.source : null,
      });
      const cell = cube.cell(r.region, r.kind, r.owner_id);
      const money = { active: rec.frequency > 0, revenue: rec.monetary, margin: rec.margin, m: rec.mScore };
      cube.add(cell, "tier", rec.tier, money);
      cube.add(cell, "abc", rec.abcSegment, money);
      cube.add(cell, "group", rec.rfmGroup, money);
      cube.add(cell, "stage", rec.lifecycle.stage, money);
      cube.add(cell, "band", String(Math.ceil((rec.tierRank * PARETO_BANDS) / n)), money);
      if (rec.frequency > 0) cube.add(cell, "rf", `${rec.rScore}:${rec.fScore}`, money);
      if (previous) {
        const before = previous.get(r.id);
        cube.add(cell, "mig", `${before?.tier ?? "NEW"}>${rec.tier}`, money);
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
      // This run's snapshot is now every customer's current score (lib/scoring/queries.ts reads
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
  await sql.query(`UPDATE "ScoreRun" SET "durationMs" = $2, "finishedAt" = $3::timestamp WHERE id = $1`, [runId, durationMs, new Date(nowMs()).toISOString()]);
  await sql.query(
    `INSERT INTO "AuditLog" ("userId", action, entity, "entityId", changes) VALUES ($1, 'RECOMPUTE', 'ScoreRun', $2, $3::jsonb)`,
    [options.triggeredById ?? null, String(runId), JSON.stringify({ periodEnd: periodEndIso, customers: n, stageChanges, rules: ruleCount })],
  );
  // Outside the run's transaction: the new snapshot is committed and current before any segment reads it.
  let segments: RecomputeSummary["segments"] = null;
  if (latest) {
    const report = await refreshSegmentsAfterScoreRun(sql, runId);
    segments = { refreshed: report.segments, failed: report.failed };
    lap("segments");
  }
  await progress("done", n, n);
  return {
    runId,
    periodStart: periodStartIso,
    periodEnd: periodEndIso,
    customers: n,
    active: scored.active,
    latest,
    models,
    rejected: scored.rejected.length,
    rules: ruleCount,
    stageChanges,
    segments,
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
    await invalidateCache(tx, CACHE_TAGS.associationRules);
  });
  return result.rules.length;
}

/**
 * At server start: a recompute recorded as "running" that no process is running any more (the server
 * stopped mid-run) is marked failed, so the admin sees it and can start it again instead of a progress
 * bar that never moves. On PGlite this process is the only one, so nothing can still be running; on
 * PostgreSQL the run's advisory lock tells — it is free only when no app server or CLI is running one.
 */
export async function markInterruptedRecompute(sql: SqlRunner, engine: "pglite" | "postgres"): Promise<boolean> {
  const free =
    engine === "pglite" ||
    (await sql.session(async (session) => {
      const [lock] = await session.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [JOB_LOCK_KEY]);
      if (lock.ok) await session.query("SELECT pg_advisory_unlock($1)", [JOB_LOCK_KEY]);
      return lock.ok;
    }));
  if (!free) return false;
  const at = new Date(nowMs()).toISOString();
  const rows = await sql.query<{ key: string }>(
    `UPDATE "Setting"
     SET value = jsonb_build_object('state', 'failed', 'startedAt', value->'startedAt', 'finishedAt', $1::text,
                                    'error', 'interrupted: the server stopped during the run', 'byUserId', value->'byUserId'),
         "updatedAt" = $1::timestamp
     WHERE key = 'scoreJob' AND value->>'state' = 'running'
     RETURNING key`,
    [at],
  );
  return rows.length > 0;
}

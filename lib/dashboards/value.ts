import "server-only";
import { loadRules, productNames } from "@/lib/scoring/queries";
import type { Actor } from "@/lib/platform/auth/permissions";
import { recommendForCustomer } from "@/lib/scoring/rules/recommend";
import { summariseMigration, TIERS, type TierMigration } from "@/lib/scoring/rules/pyramid";
import { ABC_SEGMENTS } from "@/lib/scoring/rules/abc";
import { LIFECYCLE_STAGES } from "@/lib/scoring/rules/lifecycle";
import { RFM_GROUPS } from "@/lib/scoring/rules/rfm";
import { type AnalyticsSettings, resolveAnalyticsSettings } from "@/lib/scoring/rules/settings";
import { Prisma } from "@/lib/generated/prisma/client";
import { CustomerKind } from "@/lib/generated/prisma/enums";
import { z } from "zod";
import { accessSql, accessWhere, teamFilterSql } from "@/lib/platform/auth/scope-filters";
import { db } from "@/lib/platform/db/prisma";
import { requireRight } from "@/lib/platform/auth/guard";
import { prismaSql } from "@/lib/platform/db/sql-builder";
import { idField } from "@/lib/platform/form-fields";
import { listSegments } from "@/lib/segments/queries";

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Dashboard filters as they come from the URL; anything malformed is dropped rather than failing the page. */
export const valueFiltersSchema = z.object({
  period: isoDay.optional().catch(undefined),
  compare: isoDay.optional().catch(undefined),
  region: z.string().trim().min(1).max(100).optional().catch(undefined),
  kind: z.enum(CustomerKind).optional().catch(undefined),
  // Ids beyond int32 would reach the query and fail there (a 500): they are dropped like any bad filter.
  owner: idField().optional().catch(undefined),
  team: idField().optional().catch(undefined),
  // The figures of one segment's current members (any segment: every role may read and use them).
  segment: idField().optional().catch(undefined),
});
export type ValueFilters = z.infer<typeof valueFiltersSchema>;

export type ShareRow<K extends string> = { key: K; customers: number; revenue: string; margin: string; customerShare: number; revenueShare: number; marginShare: number };
export type ListCustomer = {
  id: number;
  name: string;
  tier: string;
  monetary: string;
  predictedClv: string;
  churnRisk: number | null;
  detail: Record<string, string | number | null>;
};

export type ValueDashboard = {
  periods: { periodEnd: string; periodStart: string }[];
  period: { periodEnd: string; periodStart: string; months: number } | null;
  compare: string | null;
  settings: AnalyticsSettings;
  options: { regions: string[]; owners: { id: number; name: string }[]; teams: { id: number; name: string }[]; segments: { id: number; name: string; builtInKey: string | null }[] };
  totals: { customers: number; active: number; revenue: string; margin: string };
  pyramid: ShareRow<(typeof TIERS)[number]>[];
  abc: ShareRow<(typeof ABC_SEGMENTS)[number]>[];
  pareto: { customerPct: number; revenuePct: number }[];
  rfmGrid: { r: number; f: number; customers: number; avgMonetaryScore: number }[];
  rfmGroups: { group: string; customers: number }[];
  lifecycle: { stage: string; customers: number }[];
  migration: (TierMigration & { from: string }) | null;
  lists: { upgrade: ListCustomer[]; atRisk: ListCustomer[]; golden: ListCustomer[]; crossSell: ListCustomer[] };
};

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The slice of score rows an actor's dashboard covers (all, the team's, or their own — PERMISSIONS.md)
 * narrowed by the filters. `t` is the alias of a table that carries region, kind and ownerId: the
 * snapshots and the cube both do, so neither query joins Customer. Segment membership is per
 * customer, which only the snapshots have: the cube is never read with a segment filter.
 */
function sliceSql(actor: Actor, f: ValueFilters, t: "s" | "q"): Prisma.Sql {
  const col = (name: string) => Prisma.raw(`${t}."${name}"`);
  const parts: Prisma.Sql[] = [prismaSql(accessSql(actor, "dashboard.value", "ScoreSlice", t))];
  if (f.region) parts.push(Prisma.sql`${col("region")} = ${f.region}`);
  if (f.kind) parts.push(Prisma.sql`${col("kind")} = ${f.kind}::"CustomerKind"`);
  if (f.owner) parts.push(Prisma.sql`${col("ownerId")} = ${f.owner}`);
  if (f.team) parts.push(prismaSql(teamFilterSql(f.team, "ScoreSlice", t)));
  if (f.segment && t === "s") parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "SegmentMember" sm WHERE sm."segmentId" = ${f.segment} AND sm."customerId" = s."customerId")`);
  return Prisma.join(parts, " AND ");
}

type CubeRow = { dimension: string; key: string; customers: number; active: number; revenue: string; margin: string; m: number };

function shares<K extends string>(keys: readonly K[], rows: CubeRow[], total: { customers: number; revenue: number; margin: number }): ShareRow<K>[] {
  return keys.map((key) => {
    const row = rows.find((r) => r.key === key);
    const revenue = row ? Number(row.revenue).toFixed(2) : "0.00";
    const margin = row ? Number(row.margin).toFixed(2) : "0.00";
    return {
      key,
      customers: row?.customers ?? 0,
      revenue,
      margin,
      customerShare: total.customers > 0 ? (row?.customers ?? 0) / total.customers : 0,
      revenueShare: total.revenue > 0 ? Number(revenue) / total.revenue : 0,
      marginShare: total.margin > 0 ? Number(margin) / total.margin : 0,
    };
  });
}

/**
 * Everything the value dashboard shows, from the score job's pre-aggregated cube (one small GROUP BY,
 * whatever the filters) plus a few indexed top-10 lists from the snapshots. Orders are never scanned.
 */
export async function getValueDashboard(actor: Actor, filters: ValueFilters): Promise<ValueDashboard> {
  await requireRight(actor, "dashboard.value", "ValueDashboard");
  const prisma = await db();
  const runs = await prisma.scoreRun.findMany({ orderBy: { periodEnd: "desc" }, select: { id: true, periodEnd: true, periodStart: true, settings: true } });
  const periods = runs.map((r) => ({ periodEnd: iso(r.periodEnd), periodStart: iso(r.periodStart) }));
  const runIndex = Math.max(0, runs.findIndex((r) => iso(r.periodEnd) === filters.period));
  const run = runs[runIndex];
  const settings = resolveAnalyticsSettings(run?.settings ?? null);
  const [regions, owners, teams, segments] = await Promise.all([
    run ? prisma.$queryRaw<{ region: string }[]>`SELECT DISTINCT region FROM "ScoreCube" WHERE "runId" = ${run.id} AND dimension = 'tier' ORDER BY region` : [],
    // The filter offers only the owners and teams the actor's slice reaches.
    prisma.user.findMany({
      where: { AND: [accessWhere(actor, "dashboard.value", "User"), { role: { in: ["REP", "MANAGER"] }, active: true }] },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    prisma.team.findMany({ where: accessWhere(actor, "dashboard.value", "Team"), select: { id: true, name: true }, orderBy: { name: "asc" } }),
    listSegments(actor, {}),
  ]);
  const empty: ValueDashboard = {
    periods,
    period: null,
    compare: null,
    settings,
    options: { regions: regions.map((r) => r.region), owners, teams, segments: segments.map((g) => ({ id: g.id, name: g.name, builtInKey: g.builtInKey })) },
    totals: { customers: 0, active: 0, revenue: "0.00", margin: "0.00" },
    pyramid: [],
    abc: [],
    pareto: [],
    rfmGrid: [],
    rfmGroups: [],
    lifecycle: [],
    migration: null,
    lists: { upgrade: [], atRisk: [], golden: [], crossSell: [] },
  };
  if (!run) return empty;

  const cube = filters.segment
    ? await segmentCube(run.id, sliceSql(actor, filters, "s"))
    : await prisma.$queryRaw<CubeRow[]>`
    SELECT q.dimension, q.key, sum(q.customers)::int AS customers, sum(q.active)::int AS active,
           sum(q.revenue)::text AS revenue, sum(q.margin)::text AS margin, sum(q."mScoreSum")::int AS m
    FROM "ScoreCube" q WHERE q."runId" = ${run.id} AND ${sliceSql(actor, filters, "q")}
    GROUP BY q.dimension, q.key`;
  const dim = (name: string) => cube.filter((r) => r.dimension === name);
  const tierRows = dim("tier");
  const total = {
    customers: tierRows.reduce((sum, r) => sum + r.customers, 0),
    active: tierRows.reduce((sum, r) => sum + r.active, 0),
    revenue: tierRows.reduce((sum, r) => sum + Number(r.revenue), 0),
    margin: tierRows.reduce((sum, r) => sum + Number(r.margin), 0),
  };

  // Bands are percentiles of the whole run's spend ranking; within any slice they keep spend order,
  // so their running sums are exact points of the slice's Pareto curve.
  const bands = dim("band").sort((a, b) => Number(a.key) - Number(b.key));
  let seen = 0;
  let cumulative = 0;
  const pareto = [{ customerPct: 0, revenuePct: 0 }].concat(
    bands.map((b) => {
      seen += b.customers;
      cumulative += Number(b.revenue);
      return { customerPct: total.customers > 0 ? (seen / total.customers) * 100 : 0, revenuePct: total.revenue > 0 ? (cumulative / total.revenue) * 100 : 0 };
    }),
  );

  const compareRun = filters.compare ? runs.find((r) => iso(r.periodEnd) === filters.compare && r.id !== run.id) : runs[runIndex + 1];
  let migration: ValueDashboard["migration"] = null;
  if (compareRun) {
    const matrix = TIERS.map(() => TIERS.map(() => 0));
    let onlyBefore = 0;
    let onlyAfter = 0;
    const cells: { from: string; to: string; n: number }[] =
      compareRun.id === runs[runIndex + 1]?.id && !filters.segment
        ? dim("mig").map((r) => {
            const [from, to] = r.key.split(">");
            return { from, to, n: r.customers };
          })
        : await liveMigration(compareRun.id, run.id, sliceSql(actor, filters, "s"));
    for (const { from, to, n } of cells) {
      const i = TIERS.indexOf(from as (typeof TIERS)[number]);
      const j = TIERS.indexOf(to as (typeof TIERS)[number]);
      if (i >= 0 && j >= 0) matrix[i][j] += n;
      else if (i >= 0) onlyBefore += n;
      else if (j >= 0) onlyAfter += n;
    }
    migration = { ...summariseMigration(matrix, onlyBefore, onlyAfter), from: iso(compareRun.periodEnd) };
  }

  const lists = await dashboardLists(run.id, sliceSql(actor, filters, "s"), settings);
  const groups = dim("group");
  const stages = dim("stage");
  return {
    ...empty,
    period: { periodEnd: iso(run.periodEnd), periodStart: iso(run.periodStart), months: settings.periodMonths },
    compare: migration?.from ?? null,
    totals: { customers: total.customers, active: total.active, revenue: total.revenue.toFixed(2), margin: total.margin.toFixed(2) },
    pyramid: shares(TIERS, tierRows, total),
    abc: shares(ABC_SEGMENTS, dim("abc"), total),
    pareto: bands.length > 0 ? pareto : [],
    // The grid holds buyers only; customers without a purchase in the period are the "lost" group.
    rfmGrid: dim("rf").map((c) => {
      const [r, f] = c.key.split(":").map(Number);
      return { r, f, customers: c.active, avgMonetaryScore: c.active > 0 ? c.m / c.active : 0 };
    }),
    rfmGroups: RFM_GROUPS.map((group) => ({ group, customers: groups.find((g) => g.key === group)?.customers ?? 0 })),
    lifecycle: LIFECYCLE_STAGES.map((stage) => ({ stage, customers: stages.find((g) => g.key === stage)?.customers ?? 0 })),
    migration,
    lists,
  };
}

/** Spend bands of the cube (lib/scoring/recompute.ts PARETO_BANDS: the score job's run size `n` is ScoreRun.customerCount). */
const PARETO_BANDS = 100;

/**
 * The cube's figures for a slice the cube cannot answer (a segment's members), computed the way the
 * score job builds the cube (lib/scoring/recompute.ts CubeBuilder) but from the run's snapshot rows:
 * one statement, the slice read once. `active` = bought in the period; the M-score sum counts active
 * customers only; spend bands are percentiles of the whole run's ranking, as in the cube.
 */
async function segmentCube(runId: number, slice: Prisma.Sql): Promise<CubeRow[]> {
  const prisma = await db();
  return prisma.$queryRaw<CubeRow[]>`
    WITH s AS MATERIALIZED (
      SELECT s.tier::text AS tier, s."abcSegment"::text AS abc, s."rfmGroup" AS grp, s."lifecycleStage"::text AS stage,
             ceil(s."tierRank" * ${PARETO_BANDS}::numeric / (SELECT greatest(r."customerCount", 1) FROM "ScoreRun" r WHERE r.id = ${runId}))::int::text AS band,
             CASE WHEN s.frequency > 0 THEN s."rScore" || ':' || s."fScore" END AS rf,
             s.frequency > 0 AS active, s.monetary, s.margin, s."mScore"
      FROM "CustomerScore" s WHERE s."runId" = ${runId} AND ${slice}
    ), d AS (
      SELECT 'tier' AS dimension, tier AS key, active, monetary, margin, "mScore" FROM s
      UNION ALL SELECT 'abc', abc, active, monetary, margin, "mScore" FROM s
      UNION ALL SELECT 'group', grp, active, monetary, margin, "mScore" FROM s
      UNION ALL SELECT 'stage', stage, active, monetary, margin, "mScore" FROM s
      UNION ALL SELECT 'band', band, active, monetary, margin, "mScore" FROM s
      UNION ALL SELECT 'rf', rf, active, monetary, margin, "mScore" FROM s WHERE rf IS NOT NULL
    )
    SELECT dimension, key, count(*)::int AS customers, count(*) FILTER (WHERE active)::int AS active,
           sum(monetary)::text AS revenue, sum(margin)::text AS margin, coalesce(sum("mScore") FILTER (WHERE active), 0)::int AS m
    FROM d GROUP BY dimension, key`;
}

/** Migration against a period other than the previous one: not in the cube, so joined from the snapshots. */
async function liveMigration(fromRunId: number, toRunId: number, slice: Prisma.Sql): Promise<{ from: string; to: string; n: number }[]> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ from_tier: string | null; to_tier: string | null; n: number }[]>`
    SELECT a.tier::text AS from_tier, s.tier::text AS to_tier, count(*)::int AS n
    FROM (SELECT * FROM "CustomerScore" s WHERE s."runId" = ${toRunId} AND ${slice}) s
    FULL JOIN (SELECT * FROM "CustomerScore" s WHERE s."runId" = ${fromRunId} AND ${slice}) a ON a."customerId" = s."customerId"
    GROUP BY 1, 2`;
  return rows.map((r) => ({ from: r.from_tier ?? "NEW", to: r.to_tier ?? "GONE", n: r.n }));
}

type ListRow = {
  id: number;
  name: string;
  tier: string;
  monetary: string;
  predicted_clv: string;
  churn_risk: number | null;
  upgrade_to: string | null;
  upgrade_gap: string | null;
  upgrade_coverage: number | null;
  rfm_code: string;
};

const LIST_LIMIT = 10;

function toListCustomer(r: ListRow, detail: ListCustomer["detail"] = {}): ListCustomer {
  return { id: r.id, name: r.name, tier: r.tier, monetary: r.monetary, predictedClv: r.predicted_clv, churnRisk: r.churn_risk, detail };
}

async function dashboardLists(runId: number, slice: Prisma.Sql, settings: AnalyticsSettings): Promise<ValueDashboard["lists"]> {
  const prisma = await db();
  const select = Prisma.sql`SELECT c.id, c.name, s.tier::text AS tier, s.monetary::text AS monetary, s."predictedClv"::text AS predicted_clv,
      s."churnRisk" AS churn_risk, s."upgradeToTier"::text AS upgrade_to, s."upgradeGap"::text AS upgrade_gap,
      s."upgradeCoverage" AS upgrade_coverage, s."rfmCode" AS rfm_code
    FROM "CustomerScore" s JOIN "Customer" c ON c.id = s."customerId" AND c."deletedAt" IS NULL`;
  const runPeriod = Prisma.sql`(SELECT "periodEnd" FROM "ScoreRun" WHERE id = ${runId})`;
  const [upgrade, atRisk, golden, valuable] = await Promise.all([
    prisma.$queryRaw<ListRow[]>`${select} WHERE s."runId" = ${runId} AND s."upgradePosition" IS NOT NULL AND ${slice}
      ORDER BY s."upgradePosition" LIMIT ${LIST_LIMIT}`,
    // Lists ordered by predicted value select the run by its period: that walks the snapshot's
    // (periodEnd, predictedClv) index from the top and stops after a page.
    prisma.$queryRaw<ListRow[]>`${select} WHERE s."periodEnd" = ${runPeriod} AND s.tier IN ('VIP', 'MAJOR') AND s."churnRisk" >= ${settings.churnAlertThreshold} AND ${slice}
      ORDER BY s."predictedClv" DESC, s.monetary DESC LIMIT ${LIST_LIMIT}`,
    // Golden customers (黄金客户): the highest and most stable spenders — top tiers whose RFM is champion-grade.
    prisma.$queryRaw<ListRow[]>`${select} WHERE s."runId" = ${runId} AND s.tier IN ('VIP', 'MAJOR') AND s."rfmGroup" IN ('champions', 'loyal') AND ${slice}
      ORDER BY s."tierRank" LIMIT ${LIST_LIMIT}`,
    prisma.$queryRaw<ListRow[]>`${select} WHERE s."periodEnd" = ${runPeriod} AND s.tier IN ('VIP', 'MAJOR', 'MEDIUM') AND ${slice}
      ORDER BY s."predictedClv" DESC LIMIT 60`,
  ]);
  return {
    upgrade: upgrade.map((r) => toListCustomer(r, { toTier: r.upgrade_to, gap: r.upgrade_gap, coverage: r.upgrade_coverage })),
    atRisk: atRisk.map((r) => toListCustomer(r)),
    golden: golden.map((r) => toListCustomer(r, { rfmCode: r.rfm_code })),
    crossSell: await crossSellList(valuable),
  };
}

/** The most valuable customers' best cross-sell suggestion each, strongest rules first. */
async function crossSellList(candidates: ListRow[]): Promise<ListCustomer[]> {
  if (candidates.length === 0) return [];
  const prisma = await db();
  const rules = await loadRules();
  if (rules.length === 0) return [];
  const ids = candidates.map((c) => c.id);
  const owned = await prisma.$queryRaw<{ customer_id: number; products: number[] }[]>`
    SELECT o."customerId" AS customer_id, array_agg(DISTINCT l."productId") AS products
    FROM "Order" o JOIN "OrderLine" l ON l."orderId" = o.id
    WHERE o."customerId" = ANY(${ids}::int[]) AND o.status = 'COMPLETED' GROUP BY 1`;
  const productsOf = new Map(owned.map((o) => [o.customer_id, o.products.map(String)]));
  const names = await productNames();
  const found: { row: ListRow; score: number; detail: ListCustomer["detail"] }[] = [];
  for (const row of candidates) {
    const [best] = recommendForCustomer(rules, productsOf.get(row.id) ?? [], { limit: 1 });
    if (!best) continue;
    found.push({
      row,
      score: best.rule.confidence * Number(row.predicted_clv),
      detail: { product: names.get(Number(best.item)) ?? best.item, because: best.rule.lhs.map((i) => names.get(Number(i)) ?? i).join(" + "), confidence: best.rule.confidence, lift: best.rule.lift },
    });
  }
  return found
    .sort((a, b) => b.score - a.score)
    .slice(0, LIST_LIMIT)
    .map((f) => toListCustomer(f.row, f.detail));
}

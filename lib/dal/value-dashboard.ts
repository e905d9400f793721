import "server-only";
import { type Actor, scopeFor } from "@/lib/auth/permissions";
import { recommendForCustomer } from "@/lib/domain/rules/recommend";
import type { AssociationRule as DomainRule } from "@/lib/domain/rules/apriori";
import { summariseMigration, TIERS, type TierMigration } from "@/lib/domain/scoring/pyramid";
import { ABC_SEGMENTS } from "@/lib/domain/scoring/abc";
import { LIFECYCLE_STAGES } from "@/lib/domain/scoring/lifecycle";
import { RFM_GROUPS } from "@/lib/domain/scoring/rfm";
import { type AnalyticsSettings, resolveAnalyticsSettings } from "@/lib/domain/scoring/settings";
import { Prisma } from "@/lib/generated/prisma/client";
import { CustomerKind } from "@/lib/generated/prisma/enums";
import { z } from "zod";
import { db } from "./db";
import { NotAllowedError } from "./errors";
import { requireRight } from "./guard";

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Dashboard filters as they come from the URL; anything malformed is dropped rather than failing the page. */
export const valueFiltersSchema = z.object({
  period: isoDay.optional().catch(undefined),
  compare: isoDay.optional().catch(undefined),
  region: z.string().trim().min(1).max(100).optional().catch(undefined),
  kind: z.enum(CustomerKind).optional().catch(undefined),
  owner: z.coerce.number().int().positive().optional().catch(undefined),
  team: z.coerce.number().int().positive().optional().catch(undefined),
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
  options: { regions: string[]; owners: { id: number; name: string }[]; teams: { id: number; name: string }[] };
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

/** The customers an actor's dashboard covers: all, the team's, or their own (PERMISSIONS.md). */
function scopeSql(actor: Actor): Prisma.Sql {
  const scope = scopeFor(actor, "dashboard.value");
  if (scope === "all") return Prisma.sql`TRUE`;
  if (scope === "team" && actor.teamId !== null) return Prisma.sql`c."ownerId" IN (SELECT id FROM "User" WHERE "teamId" = ${actor.teamId})`;
  if (scope === "own" || scope === "team") return Prisma.sql`c."ownerId" = ${actor.id}`;
  throw new NotAllowedError({ userId: actor.id, action: "dashboard.value", entity: "Dashboard", entityId: null });
}

function filterSql(actor: Actor, f: ValueFilters): Prisma.Sql {
  const parts = [Prisma.sql`c."deletedAt" IS NULL`, scopeSql(actor)];
  if (f.region) parts.push(Prisma.sql`c.region = ${f.region}`);
  if (f.kind) parts.push(Prisma.sql`c.kind = ${f.kind}::"CustomerKind"`);
  if (f.owner) parts.push(Prisma.sql`c."ownerId" = ${f.owner}`);
  if (f.team) parts.push(Prisma.sql`c."ownerId" IN (SELECT id FROM "User" WHERE "teamId" = ${f.team})`);
  return Prisma.join(parts, " AND ");
}

type GroupRow = {
  tier: string | null;
  abc: string | null;
  r: number | null;
  f: number | null;
  rfm_group: string | null;
  stage: string | null;
  customers: number;
  active: number;
  revenue: string;
  margin: string;
  avg_m: number | null;
  g: number;
};

function shares<K extends string>(keys: readonly K[], rows: GroupRow[], pick: (r: GroupRow) => string | null, total: GroupRow): ShareRow<K>[] {
  const totalRevenue = Number(total.revenue);
  const totalMargin = Number(total.margin);
  return keys.map((key) => {
    const row = rows.find((r) => pick(r) === key);
    const revenue = row?.revenue ?? "0.00";
    const margin = row?.margin ?? "0.00";
    return {
      key,
      customers: row?.customers ?? 0,
      revenue,
      margin,
      customerShare: total.customers > 0 ? (row?.customers ?? 0) / total.customers : 0,
      revenueShare: totalRevenue > 0 ? Number(revenue) / totalRevenue : 0,
      marginShare: totalMargin > 0 ? Number(margin) / totalMargin : 0,
    };
  });
}

/**
 * Everything the value dashboard shows, read from the score snapshots (never from orders), in a few
 * set-based queries: one GROUPING SETS scan for the distributions, one for the Pareto curve, one for
 * the migration matrix, and small indexed lists.
 */
export async function getValueDashboard(actor: Actor, filters: ValueFilters): Promise<ValueDashboard> {
  await requireRight(actor, "dashboard.value", "ValueDashboard");
  const prisma = await db();
  const where = filterSql(actor, filters);
  const runs = await prisma.scoreRun.findMany({ orderBy: { periodEnd: "desc" }, select: { id: true, periodEnd: true, periodStart: true, settings: true } });
  const periods = runs.map((r) => ({ periodEnd: iso(r.periodEnd), periodStart: iso(r.periodStart) }));
  const run = runs.find((r) => iso(r.periodEnd) === filters.period) ?? runs[0];
  const settings = resolveAnalyticsSettings(run?.settings ?? null);
  const [regions, owners, teams] = await Promise.all([
    // Prisma's `distinct` de-duplicates in memory after reading every row; the database does it from the index.
    prisma.$queryRaw<{ region: string }[]>`SELECT DISTINCT region FROM "Customer" WHERE "deletedAt" IS NULL ORDER BY region`,
    prisma.user.findMany({ where: { role: { in: ["REP", "MANAGER"] }, active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const options = { regions: regions.map((r) => r.region), owners, teams };
  const empty: ValueDashboard = {
    periods,
    period: null,
    compare: null,
    settings,
    options,
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

  const groups = await prisma.$queryRaw<GroupRow[]>`
    SELECT s.tier::text AS tier, s."abcSegment"::text AS abc, s."rScore" AS r, s."fScore" AS f, s."rfmGroup" AS rfm_group,
           s."lifecycleStage"::text AS stage,
           count(*)::int AS customers, count(*) FILTER (WHERE s.frequency > 0)::int AS active,
           COALESCE(sum(s.monetary), 0)::text AS revenue, COALESCE(sum(s.margin), 0)::text AS margin,
           avg(s."mScore") FILTER (WHERE s.frequency > 0)::float8 AS avg_m,
           GROUPING(s.tier, s."abcSegment", s."rScore", s."fScore", s."rfmGroup", s."lifecycleStage")::int AS g
    FROM "CustomerScore" s JOIN "Customer" c ON c.id = s."customerId"
    WHERE s."runId" = ${run.id} AND ${where}
    GROUP BY GROUPING SETS ((), (s.tier), (s."abcSegment"), (s."rScore", s."fScore"), (s."rfmGroup"), (s."lifecycleStage"))`;
  const total = groups.find((g) => g.g === 63) ?? { customers: 0, active: 0, revenue: "0", margin: "0" };
  const byTier = groups.filter((g) => g.tier !== null);
  const byAbc = groups.filter((g) => g.abc !== null);
  const byRf = groups.filter((g) => g.r !== null && g.f !== null);
  const byGroup = groups.filter((g) => g.rfm_group !== null);
  const byStage = groups.filter((g) => g.stage !== null);
  const totalRow = total as GroupRow;

  // Pareto: revenue share held by each customer percentile, top spenders first.
  const pareto = await prisma.$queryRaw<{ bucket: number; revenue: string }[]>`
    SELECT bucket, sum(monetary)::text AS revenue FROM (
      SELECT s.monetary, ntile(50) OVER (ORDER BY s.monetary DESC, s."customerId") AS bucket
      FROM "CustomerScore" s JOIN "Customer" c ON c.id = s."customerId"
      WHERE s."runId" = ${run.id} AND ${where}) ranked
    GROUP BY bucket ORDER BY bucket`;
  const paretoTotal = pareto.reduce((sum, p) => sum + Number(p.revenue), 0);
  let cumulative = 0;
  const paretoPoints = [{ customerPct: 0, revenuePct: 0 }].concat(
    pareto.map((p) => {
      cumulative += Number(p.revenue);
      return { customerPct: (p.bucket / pareto.length) * 100, revenuePct: paretoTotal > 0 ? (cumulative / paretoTotal) * 100 : 0 };
    }),
  );

  const compareRun = filters.compare ? runs.find((r) => iso(r.periodEnd) === filters.compare && r.id !== run.id) : runs.find((r) => r.periodEnd < run.periodEnd);
  let migration: ValueDashboard["migration"] = null;
  if (compareRun) {
    const cells = await prisma.$queryRaw<{ from_tier: string | null; to_tier: string | null; n: number }[]>`
      SELECT a.tier::text AS from_tier, b.tier::text AS to_tier, count(*)::int AS n
      FROM "CustomerScore" a FULL JOIN "CustomerScore" b ON b."customerId" = a."customerId" AND b."runId" = ${run.id}
      JOIN "Customer" c ON c.id = COALESCE(a."customerId", b."customerId")
      WHERE (a."runId" = ${compareRun.id} OR a."runId" IS NULL) AND (b."runId" = ${run.id} OR b."runId" IS NULL) AND ${where}
      GROUP BY 1, 2`;
    const matrix = TIERS.map(() => TIERS.map(() => 0));
    let onlyBefore = 0;
    let onlyAfter = 0;
    for (const cell of cells) {
      if (cell.from_tier && cell.to_tier) matrix[TIERS.indexOf(cell.from_tier as never)][TIERS.indexOf(cell.to_tier as never)] = cell.n;
      else if (cell.from_tier) onlyBefore += cell.n;
      else onlyAfter += cell.n;
    }
    migration = { ...summariseMigration(matrix, onlyBefore, onlyAfter), from: iso(compareRun.periodEnd) };
  }

  const lists = await dashboardLists(run.id, where, settings);
  return {
    ...empty,
    period: { periodEnd: iso(run.periodEnd), periodStart: iso(run.periodStart), months: settings.periodMonths },
    compare: migration?.from ?? null,
    totals: { customers: totalRow.customers, active: totalRow.active, revenue: Number(totalRow.revenue).toFixed(2), margin: Number(totalRow.margin).toFixed(2) },
    pyramid: shares(TIERS, byTier, (r) => r.tier, totalRow),
    abc: shares(ABC_SEGMENTS, byAbc, (r) => r.abc, totalRow),
    pareto: paretoPoints,
    // The grid shows buyers only; customers without a purchase in the period are the "lost" group.
    rfmGrid: byRf.filter((g) => g.active > 0).map((g) => ({ r: g.r as number, f: g.f as number, customers: g.active, avgMonetaryScore: g.avg_m ?? 0 })),
    rfmGroups: RFM_GROUPS.map((group) => ({ group, customers: byGroup.find((g) => g.rfm_group === group)?.customers ?? 0 })),
    lifecycle: LIFECYCLE_STAGES.map((stage) => ({ stage, customers: byStage.find((g) => g.stage === stage)?.customers ?? 0 })),
    migration,
    lists,
  };
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

async function dashboardLists(runId: number, where: Prisma.Sql, settings: AnalyticsSettings): Promise<ValueDashboard["lists"]> {
  const prisma = await db();
  const select = Prisma.sql`SELECT c.id, c.name, s.tier::text AS tier, s.monetary::text AS monetary, s."predictedClv"::text AS predicted_clv,
      s."churnRisk" AS churn_risk, s."upgradeToTier"::text AS upgrade_to, s."upgradeGap"::text AS upgrade_gap,
      s."upgradeCoverage" AS upgrade_coverage, s."rfmCode" AS rfm_code
    FROM "CustomerScore" s JOIN "Customer" c ON c.id = s."customerId"`;
  const [upgrade, atRisk, golden, valuable] = await Promise.all([
    prisma.$queryRaw<ListRow[]>`${select} WHERE s."runId" = ${runId} AND s."upgradePosition" IS NOT NULL AND ${where}
      ORDER BY s."upgradePosition" LIMIT ${LIST_LIMIT}`,
    prisma.$queryRaw<ListRow[]>`${select} WHERE s."runId" = ${runId} AND s.tier IN ('VIP', 'MAJOR') AND s."churnRisk" >= ${settings.churnAlertThreshold} AND ${where}
      ORDER BY s."predictedClv" DESC, s.monetary DESC LIMIT ${LIST_LIMIT}`,
    // Golden customers (黄金客户): the highest and most stable spenders — top tiers whose RFM is champion-grade.
    prisma.$queryRaw<ListRow[]>`${select} WHERE s."runId" = ${runId} AND s.tier IN ('VIP', 'MAJOR') AND s."rfmGroup" IN ('champions', 'loyal') AND ${where}
      ORDER BY s.monetary DESC LIMIT ${LIST_LIMIT}`,
    prisma.$queryRaw<ListRow[]>`${select} WHERE s."runId" = ${runId} AND s.tier IN ('VIP', 'MAJOR', 'MEDIUM') AND ${where}
      ORDER BY s."predictedClv" DESC LIMIT 200`,
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

export async function loadRules(): Promise<DomainRule[]> {
  const prisma = await db();
  const rows = await prisma.associationRule.findMany({ orderBy: [{ confidence: "desc" }, { lift: "desc" }] });
  return rows.map((r) => ({
    lhs: r.lhs.map(String).sort(),
    rhs: String(r.rhs),
    support: r.support,
    confidence: r.confidence,
    coverage: r.confidence > 0 ? r.support / r.confidence : 0,
    lift: r.lift,
    count: r.count,
  }));
}

export async function productNames(): Promise<Map<number, string>> {
  const prisma = await db();
  const products = await prisma.product.findMany({ select: { id: true, name: true } });
  return new Map(products.map((p) => [p.id, p.name]));
}

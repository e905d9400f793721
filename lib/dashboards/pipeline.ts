import "server-only";
import { CACHE_TAGS, cached } from "@/lib/platform/cache";
import { z } from "zod";
import { type Actor, can, scopeFor } from "@/lib/platform/auth/permissions";
import { cycleStats, type CycleStats } from "@/lib/dashboards/rules/cycle";
import {
  addMonths,
  buildForecast,
  centsToDecimal,
  isQuarterKey,
  type MonthKey,
  monthOf,
  monthsBetween,
  monthStart,
  parseCents,
  quarterMonths,
  quarterOf,
  type ForecastBucket,
} from "@/lib/dashboards/rules/forecast";
import { buildFunnel } from "@/lib/dashboards/rules/funnel";
import { staleCutoff } from "@/lib/opportunities/rules/stale";
import { CLOSED_STAGES, OPEN_STAGES } from "@/lib/opportunities/rules/stages";
import { averageDealCents, conversionRows, winRate, winRateRows } from "@/lib/dashboards/rules/win-rate";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OpportunityStage } from "@/lib/generated/prisma/enums";
import { now as clockNow } from "@/lib/platform/clock";
import { accessSql, teamFilterSql, teamOwnedRef } from "@/lib/platform/auth/scope-filters";
import { db } from "@/lib/platform/db/prisma";
import { requireRight } from "@/lib/platform/auth/guard";
import { getStaleDaysDefault } from "@/lib/opportunities/queries";
import { prismaSql, utcTimestamp } from "@/lib/platform/db/sql-builder";

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const id = z.coerce.number().int().positive().max(2_147_483_647);

/** Longest period one page aggregates: three years of months keeps every chart readable. */
export const MAX_PERIOD_MONTHS = 36;
const STALE_LIMIT = 15;

/** Dashboard filters as they come from the URL; anything malformed is dropped rather than failing the page. */
export const pipelineFiltersSchema = z.object({
  from: month.optional().catch(undefined),
  to: month.optional().catch(undefined),
  quarter: z.string().refine(isQuarterKey).optional().catch(undefined),
  team: id.optional().catch(undefined),
  rep: id.optional().catch(undefined),
  region: z.string().trim().min(1).max(100).optional().catch(undefined),
  category: id.optional().catch(undefined),
  stale: z.coerce.number().int().min(1).max(365).optional().catch(undefined),
});
export type PipelineFilters = z.infer<typeof pipelineFiltersSchema>;

export type PipelinePeriod = {
  from: MonthKey;
  to: MonthKey;
  quarter: string | null;
  /** First and last day (inclusive, YYYY-MM-DD): the drill-down's closeFrom / closeTo. */
  firstDay: string;
  lastDay: string;
  months: MonthKey[];
};

/**
 * The period the dashboard covers. Default: the previous, current and next quarter, so one screen
 * shows what was won against target, the quarter in play and the pipeline ahead.
 */
export function resolvePeriod(filters: PipelineFilters, now = clockNow()): PipelinePeriod {
  let from: MonthKey;
  let to: MonthKey;
  let quarter: string | null = null;
  if (filters.quarter) {
    quarter = filters.quarter;
    const months = quarterMonths(filters.quarter);
    from = months[0];
    to = months[2];
  } else {
    const current = quarterMonths(quarterOf(monthOf(now)));
    from = filters.from ?? addMonths(current[0], -3);
    to = filters.to ?? (filters.from ? addMonths(filters.from, 5) : addMonths(current[2], 3));
    if (to < from) [from, to] = [to, from];
    if (monthsBetween(from, to).length > MAX_PERIOD_MONTHS) to = addMonths(from, MAX_PERIOD_MONTHS - 1);
  }
  const end = monthStart(addMonths(to, 1));
  return {
    from,
    to,
    quarter,
    firstDay: `${from}-01`,
    lastDay: new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10),
    months: monthsBetween(from, to),
  };
}

type Option = { id: number; name: string };
type Money = string;

export type ForecastRow = {
  key: string;
  months: MonthKey[];
  partial: boolean;
  openCount: number;
  pipeline: Money;
  weighted: Money;
  wonCount: number;
  won: Money;
  target: Money | null;
  expected: Money;
  attainment: number | null;
  coverage: number | null;
};

export type PipelineDashboard = {
  scope: "all" | "team" | "own";
  asOf: string;
  period: PipelinePeriod;
  staleDays: number;
  options: { teams: Option[]; reps: Option[]; regions: string[]; categories: Option[]; quarters: string[] };
  funnel: { stage: OpportunityStage; open: boolean; count: number; amount: Money; openShare: number | null }[];
  totals: {
    openCount: number;
    openAmount: Money;
    weighted: Money;
    wonCount: number;
    wonAmount: Money;
    lostCount: number;
    winRate: number | null;
    averageDeal: Money | null;
    cycle: CycleStats;
  };
  forecast: {
    months: ForecastRow[];
    quarters: ForecastRow[];
    total: ForecastRow;
    /** Whose targets the figures compare with. */
    targetBasis: "rep" | "team" | "allTeams";
    /** Targets are set per rep or team, not per region or product category. */
    targetsFiltered: boolean;
  };
  winByRep: { id: number; name: string; won: number; lost: number; rate: number | null; wonAmount: Money; averageDeal: Money | null }[];
  winBySource: { source: string | null; won: number; lost: number; rate: number | null; wonAmount: Money; averageDeal: Money | null }[];
  conversion: { source: string; leads: number; converted: number; rate: number | null }[];
  stale: {
    count: number;
    amount: Money;
    rows: { id: number; name: string; customer: string; owner: string; stage: OpportunityStage; amount: Money; lastActivityAt: string; idleDays: number }[];
  };
};

/** The SQL timestamp of an instant; columns are UTC timestamps without a zone. */
const ts = (date: Date) => Prisma.sql`${utcTimestamp(date)}::timestamp`;

/**
 * Whose deals the actor sees (PERMISSIONS.md: all / team / own) narrowed by the filters. `o` is the
 * Opportunity alias; the region filter reads the deal's customer.
 */
function dealSlice(actor: Actor, f: PipelineFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [prismaSql(accessSql(actor, "dashboard.pipeline", "Opportunity", "o"))];
  if (f.team) parts.push(prismaSql(teamFilterSql(f.team, "Opportunity", "o")));
  if (f.rep) parts.push(Prisma.sql`o."ownerId" = ${f.rep}`);
  if (f.category) parts.push(Prisma.sql`o."productCategoryId" = ${f.category}`);
  if (f.region) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "Customer" c WHERE c.id = o."customerId" AND c.region = ${f.region})`);
  return Prisma.join(parts, " AND ");
}

/** Leads in the actor's reach: the owner's team for managers, or the team a not-yet-assigned lead waits in. */
function leadSlice(actor: Actor, f: PipelineFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [prismaSql(accessSql(actor, "dashboard.pipeline", "LeadInTeamQueue", "l"))];
  if (f.team) parts.push(prismaSql(teamFilterSql(f.team, "LeadInTeamQueue", "l")));
  if (f.rep) parts.push(Prisma.sql`l."ownerId" = ${f.rep}`);
  if (f.region) parts.push(Prisma.sql`l.region = ${f.region}`);
  return Prisma.join(parts, " AND ");
}

/**
 * Sales targets that match the slice: the rep's, else the team's, else every team's. Which targets
 * the actor may see at all is the scope (a manager's team and its reps, a rep's own); the basis
 * picks among those the ones the figures compare with.
 */
function targetSlice(actor: Actor, f: PipelineFilters): { sql: Prisma.Sql; basis: PipelineDashboard["forecast"]["targetBasis"] } {
  const scope = scopeFor(actor, "dashboard.pipeline");
  const parts: Prisma.Sql[] = [prismaSql(accessSql(actor, "dashboard.pipeline", "SalesTarget", "t"))];
  // Someone who sees only their own deals compares them with their own target.
  const rep = scope === "own" || (scope === "team" && actor.teamId === null) ? actor.id : f.rep;
  if (rep !== undefined) {
    parts.push(Prisma.sql`t."userId" = ${rep}`);
    if (f.team) parts.push(prismaSql(teamFilterSql(f.team, "SalesTarget", "t")));
    return { sql: Prisma.join(parts, " AND "), basis: "rep" };
  }
  const team = f.team ?? (scope === "team" ? actor.teamId : null);
  parts.push(team === null ? Prisma.sql`t."teamId" IS NOT NULL` : Prisma.sql`t."teamId" = ${team}`);
  return { sql: Prisma.join(parts, " AND "), basis: team === null ? "allTeams" : "team" };
}

function toRow(b: ForecastBucket): ForecastRow {
  return {
    key: b.key,
    months: b.months,
    partial: b.partial,
    openCount: b.openCount,
    pipeline: centsToDecimal(b.pipelineCents),
    weighted: centsToDecimal(b.weightedCents),
    wonCount: b.wonCount,
    won: centsToDecimal(b.wonCents),
    target: b.targetCents === null ? null : centsToDecimal(b.targetCents),
    expected: centsToDecimal(b.expectedCents),
    attainment: b.attainment,
    coverage: b.coverage,
  };
}

const OPEN_LIST = Prisma.join(OPEN_STAGES.map((s) => Prisma.sql`${s}::"OpportunityStage"`));
const CLOSED_LIST = Prisma.join(CLOSED_STAGES.map((s) => Prisma.sql`${s}::"OpportunityStage"`));

type GroupRow = {
  set: "month" | "owner" | "source";
  stage: OpportunityStage;
  month: string | null;
  probability: number | null;
  owner_id: number | null;
  source: string | null;
  n: number;
  amount: string;
};
type StaleRow = {
  id: number;
  name: string;
  customer: string;
  owner: string;
  stage: OpportunityStage;
  amount: string;
  last_activity: Date;
};

/**
 * Everything the pipeline dashboard shows. Each figure is one GROUP BY over the deals in scope (a few
 * dozen rows back whatever the pipeline's size); the arithmetic on those rows is the pure domain code.
 * A deal belongs to the period by its close date: the expected close for open deals, the actual close
 * for won and lost ones — the same rule the drill-down links ask the opportunity list for.
 */
export async function getPipelineDashboard(actor: Actor, filters: PipelineFilters, now = clockNow()): Promise<PipelineDashboard> {
  await requireRight(actor, "dashboard.pipeline", "PipelineDashboard");
  const prisma = await db();
  const scope = scopeFor(actor, "dashboard.pipeline") as PipelineDashboard["scope"];
  const period = resolvePeriod(filters, now);
  // The same N as the board's and the rep home's unless the URL asks for another.
  const staleDays = filters.stale ?? (await getStaleDaysDefault());
  const start = monthStart(period.from);
  const end = monthStart(addMonths(period.to, 1));
  const slice = dealSlice(actor, filters);
  const inPeriod = Prisma.sql`(
    (o.stage IN (${OPEN_LIST}) AND o."expectedCloseDate" >= ${ts(start)} AND o."expectedCloseDate" < ${ts(end)})
    OR (o.stage IN (${CLOSED_LIST}) AND o."closedAt" >= ${ts(start)} AND o."closedAt" < ${ts(end)}))`;
  const staleBefore = staleCutoff(now, staleDays);
  const targets = targetSlice(actor, filters);

  // One pass over the period's deals answers the funnel, the forecast and both win-rate tables
  // (GROUPING SETS); the month is truncated per row and formatted per group.
  const [groups, cycle, leads, staleTotals, staleRows, targetRows, options] = await Promise.all([
    prisma.$queryRaw<GroupRow[]>`
      SELECT g.stage, to_char(g.month, 'YYYY-MM') AS month, g.probability, g.owner_id, g.source, g.set, g.n, g.amount::text AS amount
      FROM (
        SELECT o.stage, date_trunc('month', COALESCE(o."closedAt", o."expectedCloseDate")) AS month, o.probability,
               o."ownerId" AS owner_id, o.source,
               CASE WHEN GROUPING(o."ownerId") = 0 THEN 'owner' WHEN GROUPING(o.source) = 0 THEN 'source' ELSE 'month' END AS set,
               count(*)::int AS n, sum(o.amount) AS amount
        FROM "Opportunity" o WHERE ${inPeriod} AND ${slice}
        GROUP BY GROUPING SETS (
          (o.stage, date_trunc('month', COALESCE(o."closedAt", o."expectedCloseDate")), o.probability),
          (o.stage, o."ownerId"),
          (o.stage, o.source))
      ) g`,
    // The cycle histogram reads won deals only (a grouping set over every deal costs twice as much).
    prisma.$queryRaw<{ days: number; n: number }[]>`
      SELECT floor(extract(epoch FROM (o."closedAt" - o."createdAt")) / 86400)::int AS days, count(*)::int AS n
      FROM "Opportunity" o WHERE o.stage = 'WON' AND o."closedAt" >= ${ts(start)} AND o."closedAt" < ${ts(end)} AND ${slice}
      GROUP BY 1`,
    prisma.$queryRaw<{ source: string; leads: number; converted: number }[]>`
      SELECT l.source, count(*)::int AS leads,
             count(*) FILTER (WHERE l.status = 'CONVERTED' OR l."opportunityId" IS NOT NULL)::int AS converted
      FROM "Lead" l WHERE l."createdAt" >= ${ts(start)} AND l."createdAt" < ${ts(end)} AND ${leadSlice(actor, filters)}
      GROUP BY l.source`,
    // Totals of every stale deal, and the longest idle ones read in lastActivityAt index order.
    prisma.$queryRaw<{ n: number; amount: string }[]>`
      SELECT count(*)::int AS n, COALESCE(sum(o.amount), 0)::text AS amount
      FROM "Opportunity" o WHERE o.stage IN (${OPEN_LIST}) AND o."lastActivityAt" < ${ts(staleBefore)} AND ${slice}`,
    prisma.$queryRaw<StaleRow[]>`
      SELECT o.id, o.name, c.name AS customer, u.name AS owner, o.stage, o.amount::text AS amount, o."lastActivityAt" AS last_activity
      FROM "Opportunity" o JOIN "Customer" c ON c.id = o."customerId" JOIN "User" u ON u.id = o."ownerId"
      WHERE o.stage IN (${OPEN_LIST}) AND o."lastActivityAt" < ${ts(staleBefore)} AND ${slice}
      ORDER BY o."lastActivityAt", o.id LIMIT ${STALE_LIMIT}`,
    prisma.$queryRaw<{ month: string; amount: string }[]>`
      SELECT to_char(t.month, 'YYYY-MM') AS month, sum(t.amount)::text AS amount
      FROM "SalesTarget" t WHERE t.month >= ${ts(start)} AND t.month < ${ts(end)} AND ${targets.sql}
      GROUP BY 1`,
    filterOptions(actor, now),
  ]);
  const set = (name: GroupRow["set"]) => groups.filter((g) => g.set === name);
  const stageMonths = set("month");
  const isClosed = (stage: OpportunityStage) => stage === "WON" || stage === "LOST";
  const closedBy = <K>(rows: GroupRow[], key: (r: GroupRow) => K) => {
    const out = new Map<K, { key: K; won: number; lost: number; wonCents: bigint }>();
    for (const r of rows) {
      if (!isClosed(r.stage)) continue;
      const k = key(r);
      const g = out.get(k) ?? { key: k, won: 0, lost: 0, wonCents: 0n };
      if (r.stage === "WON") {
        g.won += r.n;
        g.wonCents += parseCents(r.amount);
      } else g.lost += r.n;
      out.set(k, g);
    }
    return [...out.values()];
  };
  const byRep = closedBy(set("owner"), (r) => r.owner_id as number);
  const bySource = closedBy(set("source"), (r) => r.source);
  const funnel = buildFunnel(
    stageMonths.map((r) => ({ stage: r.stage, count: r.n, amountCents: parseCents(r.amount) })),
  );
  const forecast = buildForecast({
    months: period.months,
    open: stageMonths
      .filter((r) => (OPEN_STAGES as readonly string[]).includes(r.stage))
      .map((r) => ({ month: r.month ?? "", probability: r.probability ?? 0, count: r.n, amountCents: parseCents(r.amount) })),
    won: stageMonths.filter((r) => r.stage === "WON").map((r) => ({ month: r.month ?? "", count: r.n, amountCents: parseCents(r.amount) })),
    targets: targetRows.map((t) => ({ month: t.month, amountCents: parseCents(t.amount) })),
  });
  const money = (c: bigint | null) => (c === null ? null : centsToDecimal(c));
  const names = await userNames();
  const average = averageDealCents(funnel.wonCents, funnel.wonCount);

  return {
    scope,
    asOf: now.toISOString().slice(0, 10),
    period,
    staleDays,
    options,
    funnel: funnel.rows.map((r) => ({ stage: r.stage, open: r.open, count: r.count, amount: centsToDecimal(r.amountCents), openShare: r.openShare })),
    totals: {
      openCount: funnel.openCount,
      openAmount: centsToDecimal(funnel.openCents),
      weighted: centsToDecimal(forecast.total.weightedCents),
      wonCount: funnel.wonCount,
      wonAmount: centsToDecimal(funnel.wonCents),
      lostCount: funnel.lostCount,
      winRate: winRate(funnel.wonCount, funnel.lostCount),
      averageDeal: money(average),
      cycle: cycleStats(cycle.map((c) => ({ days: Math.max(0, c.days), count: c.n }))),
    },
    forecast: {
      months: forecast.months.map(toRow),
      quarters: forecast.quarters.map(toRow),
      total: toRow(forecast.total),
      targetBasis: targets.basis,
      targetsFiltered: filters.region !== undefined || filters.category !== undefined,
    },
    winByRep: winRateRows(byRep).map((r) => ({
      id: r.key,
      name: names.get(r.key) ?? String(r.key),
      won: r.won,
      lost: r.lost,
      rate: r.rate,
      wonAmount: centsToDecimal(r.wonCents),
      averageDeal: money(r.averageDealCents),
    })),
    winBySource: winRateRows(bySource).map((r) => ({
      source: r.key,
      won: r.won,
      lost: r.lost,
      rate: r.rate,
      wonAmount: centsToDecimal(r.wonCents),
      averageDeal: money(r.averageDealCents),
    })),
    conversion: conversionRows(leads),
    stale: {
      count: staleTotals[0]?.n ?? 0,
      amount: staleTotals[0]?.amount ?? "0.00",
      rows: staleRows.map((r) => ({
        id: r.id,
        name: r.name,
        customer: r.customer,
        owner: r.owner,
        stage: r.stage,
        amount: r.amount,
        lastActivityAt: r.last_activity.toISOString(),
        idleDays: Math.floor((now.getTime() - r.last_activity.getTime()) / 86_400_000),
      })),
    },
  };
}

// Teams, people, regions and categories change rarely: the shared cache (lib/platform/cache.ts) keeps
// four small queries off every render, and any server's change to them reaches every server at once
// (filters are convenience: the slice itself is always enforced in SQL).
type OptionLists = { teams: Option[]; people: (Option & { teamId: number | null })[]; regions: string[]; categories: Option[] };

function optionLists(): Promise<OptionLists> {
  return cached([CACHE_TAGS.people, CACHE_TAGS.customerRegions, CACHE_TAGS.products], "pipeline-filter-options", async () => {
    const prisma = await db();
    const [teams, people, regions, categories] = await Promise.all([
      prisma.team.findMany({ where: { members: { some: { role: { in: ["REP", "MANAGER"] } } } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
      prisma.user.findMany({ where: { role: "REP", active: true }, select: { id: true, name: true, teamId: true }, orderBy: { name: "asc" } }),
      prisma.$queryRaw<{ region: string }[]>`SELECT DISTINCT region FROM "Customer" WHERE "deletedAt" IS NULL ORDER BY region`,
      prisma.productCategory.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    ]);
    return { teams, people, regions: regions.map((r) => r.region), categories };
  });
}

async function filterOptions(actor: Actor, now: Date): Promise<PipelineDashboard["options"]> {
  const { teams, people, regions, categories } = await optionLists();
  const current = quarterOf(monthOf(now));
  const [year] = current.split("-").map(Number);
  const quarters = [year - 1, year, year + 1].flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`));
  // The choices are the teams and reps whose figures the actor's scope reaches; a choice of
  // nobody but the actor is no choice, so a rep gets no rep filter.
  const reps = people.filter((p) => can(actor, "dashboard.pipeline", { ownerId: p.id, ownerTeamId: p.teamId })).map(({ id: i, name }) => ({ id: i, name }));
  return {
    teams: teams.filter((t) => can(actor, "dashboard.pipeline", teamOwnedRef(t.id))),
    reps: reps.length === 1 && reps[0].id === actor.id ? [] : reps,
    regions,
    categories,
    quarters,
  };
}

/** Names of the deals' owners (a few dozen at most), from the shared cache like the filters. */
async function userNames(): Promise<Map<number, string>> {
  const pairs = await cached([CACHE_TAGS.people], "user-names", async () => {
    const users = await (await db()).user.findMany({ select: { id: true, name: true } });
    return users.map((u): [number, string] => [u.id, u.name]);
  });
  return new Map(pairs);
}

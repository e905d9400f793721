import "server-only";
import { z } from "zod";
import { type Actor, scopeFor } from "@/lib/platform/auth/permissions";
import { teamMembersSql } from "@/lib/platform/auth/access-scope";
import { requireRight } from "@/lib/platform/auth/guard";
import { CACHE_TAGS, cached } from "@/lib/platform/cache";
import { now as clockNow } from "@/lib/platform/clock";
import { db } from "@/lib/platform/db/prisma";
import { prismaSql, utcTimestamp } from "@/lib/platform/db/sql-builder";
import { TicketPriority, Tier } from "@/lib/platform/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { addMonths, monthOf, monthsBetween, monthStart, type MonthKey } from "@/lib/dashboards/rules/forecast";
import {
  aggregateBacklog,
  aggregatePeriod,
  BACKLOG_FIELD,
  type BacklogRow as ServiceBacklogRow,
  type PeriodCountRow,
  type PeriodGroup,
  type TicketGroup,
  type PeriodKeys,
  type PeriodSet,
  type PeriodTimeRow,
  TICKET_FIELD,
} from "@/lib/dashboards/rules/service-period";
import { type EntryFilter } from "@/lib/dashboards/rules/service-rollup";
import { rolledUpPeriod } from "@/lib/dashboards/service-rollup";
import { isTicketCategory, TICKET_CATEGORIES, type TicketCategory } from "@/lib/tickets/rules/categories";
import { serializeTicketListQuery, type TicketListQuery } from "@/lib/tickets/rules/list-query";
import { OPEN_TICKET_STATUSES } from "@/lib/tickets/rules/status";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Presets count back from now; months are whole UTC calendar months, like the pipeline dashboard's. */
export const SERVICE_PRESETS = ["7d", "30d", "90d", "365d"] as const;
export type ServicePreset = (typeof SERVICE_PRESETS)[number];
const PRESET_DAYS: Record<ServicePreset, number> = { "7d": 7, "30d": 30, "90d": 90, "365d": 365 };
export const DEFAULT_SERVICE_PRESET: ServicePreset = "30d";
/** Longest month range one page aggregates (as the pipeline dashboard). */
export const MAX_SERVICE_MONTHS = 36;

const PRIORITIES = Object.values(TicketPriority);
const TIERS = Object.values(Tier);

/** Age of an open ticket since it was opened: under a day, 1–3 days, 3–7 days, over 7 days. */
export const AGE_BUCKETS = ["lt1d", "d1to3", "d3to7", "gt7d"] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
/** Lower bound of each bucket in days (a ticket exactly 1 day old is in "1–3 days"). */
const AGE_FROM_DAYS = [0, 1, 3, 7] as const;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const id = z.coerce.number().int().positive().max(2_147_483_647);

/** Dashboard filters as they come from the URL; anything malformed is dropped rather than failing the page. */
export const serviceFiltersSchema = z.object({
  period: z.enum(SERVICE_PRESETS).optional().catch(undefined),
  from: month.optional().catch(undefined),
  to: month.optional().catch(undefined),
  team: id.optional().catch(undefined),
  agent: id.optional().catch(undefined),
  category: z.enum(TICKET_CATEGORIES).optional().catch(undefined),
  tier: z.enum(TIERS as [Tier, ...Tier[]]).optional().catch(undefined),
  priority: z.enum(PRIORITIES as [TicketPriority, ...TicketPriority[]]).optional().catch(undefined),
});
export type ServiceFilters = z.infer<typeof serviceFiltersSchema>;

export type ServicePeriod = {
  /** The preset in force, or null for a month range. */
  preset: ServicePreset | null;
  /** First month and last month (inclusive) of a month range; null for a preset. */
  fromMonth: MonthKey | null;
  toMonth: MonthKey | null;
  /** [start, end) as ISO instants; a preset ends now. */
  start: string;
  end: string;
  /** First and last calendar day (UTC, inclusive, YYYY-MM-DD), for display. */
  firstDay: string;
  lastDay: string;
  /** The trend's bucket size: days for a month or less, weeks (from Monday) up to a quarter, else months. */
  bucket: "day" | "week" | "month";
};

/**
 * The period the figures of "how did we do" cover: a preset (the last 7/30/90/365 days, default 30)
 * or whole UTC months. A preset wins over months, as a quarter does on the pipeline dashboard. The
 * backlog is not of a period: it is the open tickets now.
 */
export function resolveServicePeriod(filters: ServiceFilters, now: Date = clockNow()): ServicePeriod {
  let start: Date;
  let end: Date;
  let preset: ServicePreset | null = null;
  let fromMonth: MonthKey | null = null;
  let toMonth: MonthKey | null = null;
  if (filters.period || (!filters.from && !filters.to)) {
    preset = filters.period ?? DEFAULT_SERVICE_PRESET;
    end = now;
    start = new Date(now.getTime() - PRESET_DAYS[preset] * DAY_MS);
  } else {
    const current = monthOf(now);
    let from = filters.from ?? (filters.to as MonthKey);
    let to = filters.to ?? (from < current ? current : from);
    if (to < from) [from, to] = [to, from];
    if (monthsBetween(from, to).length > MAX_SERVICE_MONTHS) to = addMonths(from, MAX_SERVICE_MONTHS - 1);
    fromMonth = from;
    toMonth = to;
    start = monthStart(from);
    end = monthStart(addMonths(to, 1));
  }
  const days = (end.getTime() - start.getTime()) / DAY_MS;
  return {
    preset,
    fromMonth,
    toMonth,
    start: start.toISOString(),
    end: end.toISOString(),
    firstDay: start.toISOString().slice(0, 10),
    lastDay: new Date(end.getTime() - 1).toISOString().slice(0, 10),
    bucket: days <= 31 ? "day" : days <= 92 ? "week" : "month",
  };
}

// ---------------------------------------------------------------------------------------------
// DTO

/**
 * The ticket list (/tickets) behind a count: `params` is its URL query (lib/tickets/rules/list-query.ts
 * vocabulary; `status=all` where every status counts, since the list opens on open tickets). `exact`
 * says the list shows exactly the counted tickets; otherwise it shows a superset, because the list has
 * no filter for the period, a backlog age, the assignee's team or "no tier".
 */
export type TicketDrill = { params: string; exact: boolean };
export type TicketCount = { count: number; drill: TicketDrill };

/** Met / fell due (done at or before the due instant); rate null when nothing fell due. */
export type SlaFigure = { met: TicketCount; due: TicketCount; rate: number | null };
/** Wall-clock hours from opening (see getServiceDashboard); null without any ticket. */
export type DurationFigure = { count: number; medianHours: number | null; p90Hours: number | null };
export type CsatFigure = {
  count: TicketCount;
  average: number | null;
  /** CSAT % (DOMAIN.md §10c): the share of 4s and 5s. */
  satisfiedShare: number | null;
  distribution: { score: 1 | 2 | 3 | 4 | 5; count: number }[];
};

/** The figures of a period, for the whole slice, one breakdown row or one trend bucket. */
export type PeriodFigures = {
  /** Tickets opened in the period. */
  opened: TicketCount;
  /** Tickets resolved in the period (and not reopened since). */
  resolved: TicketCount;
  responseSla: SlaFigure;
  resolutionSla: SlaFigure;
  responseTime: DurationFigure;
  resolutionTime: DurationFigure;
  csat: CsatFigure;
};

/** The backlog part of a row: open tickets now, and those past their resolution due instant (not paused). */
export type BacklogFigures = { open: TicketCount; breachedOpen: TicketCount };

export type BreakdownRow<K> = PeriodFigures & BacklogFigures & { key: K; name: string | null };

export type ServiceDashboard = {
  /** "own": an agent's own figures (tickets assigned to them). */
  scope: "all" | "own";
  asOf: string;
  period: ServicePeriod;
  /** The filters in force (an agent's team and agent filters are dropped: their scope is themselves). */
  filters: ServiceFilters;
  options: {
    presets: readonly ServicePreset[];
    teams: { id: number; name: string }[];
    agents: { id: number; name: string }[];
    categories: readonly TicketCategory[];
    tiers: Tier[];
    priorities: TicketPriority[];
  };
  /** Nothing at all in the slice: no open ticket and nothing happened in the period. */
  empty: boolean;
  backlog: {
    total: TicketCount;
    breached: TicketCount;
    buckets: readonly AgeBucket[];
    byPriority: { priority: TicketPriority; total: TicketCount; cells: { bucket: AgeBucket; count: TicketCount }[] }[];
    byAge: { bucket: AgeBucket; total: TicketCount }[];
  };
  totals: PeriodFigures & BacklogFigures;
  trend: (PeriodFigures & { start: string })[];
  byAgent: BreakdownRow<number | null>[];
  byTeam: BreakdownRow<number | null>[];
  byCategory: BreakdownRow<string>[];
  byTier: BreakdownRow<Tier | null>[];
};

// ---------------------------------------------------------------------------------------------
// SQL

/** Columns are UTC timestamps without a zone. */
const ts = (date: Date) => Prisma.sql`${utcTimestamp(date)}::timestamp`;
const OPEN_LIST = Prisma.join(OPEN_TICKET_STATUSES.map((s) => Prisma.sql`${s}::"TicketStatus"`));

/**
 * The tickets whose figures `actor` sees, narrowed by the filters; `t` is the Ticket alias.
 *
 * The scope is written here rather than taken from accessSql(actor, "dashboard.service", "Ticket", …):
 * that helper renders the "own" scope as an owner term, and the Ticket map's owner is the customer's
 * owner (c."ownerId"), which is right for reading tickets but not for this right, where PERMISSIONS.md's
 * "own figures" of an agent are the tickets assigned to them. So: all → every ticket; own → assignee.
 */
function ticketSlice(actor: Actor, f: ServiceFilters): Prisma.Sql {
  const scope = scopeFor(actor, "dashboard.service");
  const parts: Prisma.Sql[] = [];
  if (scope === "all") parts.push(Prisma.sql`TRUE`);
  else if (scope === "own" || scope === "assigned") parts.push(Prisma.sql`t."assigneeId" = ${actor.id}::int`);
  // Anything else reaches no ticket (requireRight has already refused "none").
  else parts.push(Prisma.sql`FALSE`);
  // A team is the assignee's (service) team, read from User: a ticket has no team of its own.
  if (f.team) parts.push(prismaSql(teamMembersSql('t."assigneeId"', f.team)));
  if (f.agent) parts.push(Prisma.sql`t."assigneeId" = ${f.agent}::int`);
  if (f.category) parts.push(Prisma.sql`t.category = ${f.category}`);
  if (f.tier) parts.push(Prisma.sql`t.tier = ${f.tier}::"Tier"`);
  if (f.priority) parts.push(Prisma.sql`t.priority = ${f.priority}::"TicketPriority"`);
  return Prisma.join(parts, " AND ");
}

/**
 * ticketSlice's test on a rollup entry's fields (tier and priority as indices: 1 + the position in
 * their lists), with the team read from User now: the same tickets, by the same rules.
 */
function entryFilter(actor: Actor, f: ServiceFilters, teamOf: (agent: number | null) => number | null): EntryFilter {
  const scope = scopeFor(actor, "dashboard.service");
  const own = scope === "own" || scope === "assigned";
  if (scope !== "all" && !own) return () => false;
  const tier = f.tier ? TIERS.indexOf(f.tier) + 1 : 0;
  const priority = f.priority ? PRIORITIES.indexOf(f.priority) + 1 : 0;
  return (agent, category, tierIndex, priorityIndex) =>
    (!own || agent === actor.id) &&
    (!f.team || (agent !== null && teamOf(agent) === f.team)) &&
    (!f.agent || agent === f.agent) &&
    (!f.category || category === f.category) &&
    (!f.tier || tierIndex === tier) &&
    (!f.priority || priorityIndex === priority);
}

type DimSet = PeriodSet;
type Dim = PeriodKeys<Tier>;
type BacklogRow = ServiceBacklogRow<Tier, TicketPriority>;
/** Period counts of one group (a dimension's value, or a trend bucket). */
type CountRow = PeriodCountRow<Tier>;
/** Durations of one group: tickets answered (or resolved) in the period, median and p90 hours. */
type TimeRow = PeriodTimeRow<Tier>;

// ---------------------------------------------------------------------------------------------
// Drill-downs

type Figure = Partial<Omit<TicketListQuery, "sort" | "cursor">> & {
  /** The count is of a period, a backlog age or a team: the list has no such filter. */
  inexact?: boolean;
};

function drillMaker(scope: ServiceDashboard["scope"], f: ServiceFilters) {
  // An agent's figures are their own tickets, but the list shows an agent every ticket: pin "me".
  const baseAssignee: TicketListQuery["assignee"] = scope === "own" ? "me" : f.agent;
  return (figure: Figure): TicketDrill => {
    const q: TicketListQuery = {
      sort: "due",
      status: figure.status,
      priority: figure.priority ?? f.priority,
      category: figure.category ?? f.category,
      tier: figure.tier ?? f.tier,
      assignee: figure.assignee ?? baseAssignee,
      sla: figure.sla,
    };
    const params = new URLSearchParams(serializeTicketListQuery(q));
    if (!q.status) params.set("status", "all");
    // The team filter is implied when one assignee is pinned (the team is the assignee's own).
    const teamExpressed = !f.team || typeof q.assignee === "number" || q.assignee === "me";
    return { params: params.toString(), exact: !figure.inexact && teamExpressed };
  };
}

type Drill = ReturnType<typeof drillMaker>;

const count = (n: number, drill: TicketDrill): TicketCount => ({ count: n, drill });

function rate(met: number, due: number): number | null {
  return due === 0 ? null : met / due;
}

/** A period's figures from its group's rows (any may be missing: nothing of that kind happened). */
function periodFigures(
  counts: CountRow | undefined,
  response: TimeRow | undefined,
  resolution: TimeRow | undefined,
  drill: Drill,
  figure: Figure,
): PeriodFigures {
  // The list has no period filter: every figure of the period drills to a superset.
  const inPeriod = drill({ ...figure, inexact: true });
  const sla = (met: number, due: number): SlaFigure => ({ met: count(met, inPeriod), due: count(due, inPeriod), rate: rate(met, due) });
  const duration = (r: TimeRow | undefined): DurationFigure => ({ count: r?.n ?? 0, medianHours: r?.p50 ?? null, p90Hours: r?.p90 ?? null });
  const scores = counts ? [counts.s1, counts.s2, counts.s3, counts.s4, counts.s5] : [0, 0, 0, 0, 0];
  const rated = counts?.rated ?? 0;
  return {
    opened: count(counts?.opened ?? 0, inPeriod),
    resolved: count(resolution?.n ?? 0, inPeriod),
    responseSla: sla(counts?.fr_met ?? 0, counts?.fr_due ?? 0),
    resolutionSla: sla(counts?.res_met ?? 0, counts?.res_due ?? 0),
    responseTime: duration(response),
    resolutionTime: duration(resolution),
    csat: {
      count: count(rated, inPeriod),
      average: rated === 0 ? null : (counts?.score_sum ?? 0) / rated,
      satisfiedShare: rated === 0 ? null : (scores[3] + scores[4]) / rated,
      distribution: scores.map((k, i) => ({ score: (i + 1) as 1 | 2 | 3 | 4 | 5, count: k })),
    },
  };
}

function backlogFigures(row: BacklogRow | undefined, drill: Drill, figure: Figure): BacklogFigures {
  return {
    open: count(row?.n ?? 0, drill({ ...figure, status: "open" })),
    // The list's "breached": open, resolution due passed, not resolved and not paused (a paused
    // ticket's due instant is stale until the pause ends) — the same test as the backlog query's.
    breachedOpen: count(row?.breached ?? 0, drill({ ...figure, status: "open", sla: "breached" })),
  };
}

/** The start of each trend bucket in the period, as PostgreSQL's date_trunc names them (UTC; weeks from Monday). */
function bucketStarts(period: ServicePeriod): string[] {
  const start = new Date(period.start);
  const end = new Date(period.end).getTime();
  let cur: Date;
  if (period.bucket === "month") cur = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
  else {
    cur = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
    if (period.bucket === "week") cur = new Date(cur.getTime() - ((cur.getUTCDay() + 6) % 7) * DAY_MS);
  }
  const out: string[] = [];
  while (cur.getTime() < end) {
    out.push(cur.toISOString().slice(0, 10));
    cur =
      period.bucket === "month"
        ? new Date(Date.UTC(cur.getUTCFullYear(), cur.getUTCMonth() + 1, 1))
        : new Date(cur.getTime() + (period.bucket === "week" ? 7 : 1) * DAY_MS);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The dashboard

/**
 * Everything the service dashboard shows. The backlog, and the period when read in one pass, come
 * from one statement each over the slice's tickets grouped by assignee and category:
 *
 * 1. The backlog now: each open ticket as one small token (tier, priority, age bucket, past its
 *    resolution due instant or not).
 * 2. The period: each ticket with anything in it as a token (the trend bucket in which each SLA
 *    target fell due and whether it was met, the rating and its bucket, the tier), with the instant it
 *    was opened and its first-response and resolution times, in whole milliseconds.
 *
 * rules/service-period.ts rolls these up into the counts by agent, team, category, tier and trend
 * bucket (each kind of event in the bucket of its own instant), and picks the medians and p90s
 * exactly: percentile_cont's definition (linear interpolation between the two nearest ranks) on the
 * exact durations (the columns hold milliseconds). percentile_cont itself, inside GROUPING SETS, sorted
 * the period's durations once per grouping set and per measure, which at a year of 200,000 tickets
 * cost most of a second. Grouping durations into whole minutes would not have helped: a minute-level
 * histogram per agent and per trend bucket has about as many rows as there are durations.
 *
 * The period comes from one of two readings with the same figures (tests/integration/
 * service-dashboard-rollup.test.ts compares them on both engines):
 * - the rollup (service-rollup.ts): whole UTC days wholly before now from day rows that hold each
 *   ticket's facts of that day; the partial days at the period's ends, later days and tickets
 *   changed since their days were rolled up (marked by Ticket triggers) live, by id. The default.
 * - the one pass over the tickets below: for one assignee's tickets (an agent's own figures, the
 *   agent filter), which the assignee index finds faster than the rollup's rows are parsed.
 *
 * Measured at 200,000 synthetic tickets over two years (tests/bench/service-bench.ts), this machine
 * (2 shared cores, busy: indicative), p95 of the pass → the rollup: PGlite 30 days ~180–260 → ~90–120
 * ms, 90 days ~230–380 → ~130 ms, 365 days ~370–520 → ~155–175 ms; PostgreSQL 15 30 days ~120 → ~60
 * ms, 90 days ~150–170 → ~55–100 ms, 365 days ~300 → ~100–235 ms. The pass sorted nothing twice
 * already (percentile_cont per grouping set did, at ~1.9 s a year); what it still paid was evaluating
 * every ticket of the period, ~110,000 a year, on every read.
 *
 * Times are wall-clock hours from opening the ticket to the first response or the resolution. The SLA
 * targets themselves run in business hours, but a business-hours median would need per-row business
 * time arithmetic (opening hours, holidays, pauses) that the database cannot do in one aggregate; the
 * SLA compliance figures carry the business-time view instead (the due instants are business-time).
 *
 * SLA compliance counts a target once it has fallen due in the period (due instant in the period and
 * not after now); it was met when done at or before the due instant. A target whose clock was paused
 * (waiting on the customer) before its due instant and is not done yet has not fallen due: its due
 * instant moves on when the pause ends. A rating belongs to the period by the time it was given (the
 * resolution time where that is not recorded).
 */
export async function getServiceDashboard(
  actor: Actor,
  filters: ServiceFilters,
  now: Date = clockNow(),
  read: { period?: "rollup" | "pass" } = {},
): Promise<ServiceDashboard> {
  await requireRight(actor, "dashboard.service", "ServiceDashboard");
  const prisma = await db();
  const scope: ServiceDashboard["scope"] = scopeFor(actor, "dashboard.service") === "all" ? "all" : "own";
  // An agent chooses no team or agent: their scope is their own tickets whatever the URL says.
  const f: ServiceFilters = scope === "own" ? { ...filters, team: undefined, agent: undefined } : filters;
  const period = resolveServicePeriod(f, now);
  const slice = ticketSlice(actor, f);
  const nowTs = ts(now);
  const ageFrom = AGE_FROM_DAYS.map((d) => ts(new Date(now.getTime() - d * DAY_MS)));
  const [start, end] = [ts(new Date(period.start)), ts(new Date(period.end))];
  const inPeriod = (col: Prisma.Sql) => Prisma.sql`(${col} >= ${start} AND ${col} < ${end})`;
  const n = (value: number) => Prisma.raw(String(value));
  // Trend buckets: width_bucket over [period start, each later bucket start, period end] numbers an
  // instant 1..buckets.length inside the period (the bucket date_trunc would give it), 0 before and
  // buckets.length + 1 after. The database does this for the due instants and ratings; openings,
  // first responses and resolutions come as milliseconds and are bucketed the same way from
  // periodBuckets (rules/service-period.ts).
  const buckets = bucketStarts(period);
  const bounds = [utcTimestamp(new Date(period.start)), ...buckets.slice(1), utcTimestamp(new Date(period.end))];
  const thresholds = Prisma.sql`${`{${bounds.join(",")}}`}::timestamp[]`;
  const bucketOf = (at: Prisma.Sql) => Prisma.sql`width_bucket(${at}, ${thresholds})`;
  const tierIndex = Prisma.sql`COALESCE(array_position(${`{${TIERS.join(",")}}`}::"Tier"[], t.tier), 0)`;
  // A target has fallen due once its instant has passed, unless its clock stopped before then (the
  // period test is the bucket's).
  const fellDue = (due: Prisma.Sql, done: Prisma.Sql) => Prisma.sql`(${due} <= ${nowTs} AND NOT (${done} IS NULL AND t."slaPausedAt" IS NOT NULL AND t."slaPausedAt" < ${due}))`;
  const dueField = (due: Prisma.Sql, done: Prisma.Sql) =>
    Prisma.sql`CASE WHEN ${fellDue(due, done)} THEN ${bucketOf(due)} * 2 + CASE WHEN ${done} <= ${due} THEN 1 ELSE 0 END ELSE 0 END`;
  const ratedAt = Prisma.sql`COALESCE(t."satisfactionAt", t."resolvedAt")`;
  const rated = Prisma.sql`(t.satisfaction IS NOT NULL AND ${inPeriod(ratedAt)})`;
  const bucketOrZero = (at: Prisma.Sql) => Prisma.sql`COALESCE(${bucketOf(at)}, 0)`;
  /** The ticket token (lib/dashboards/rules/service-period.ts has the layout; below 2^28, so int4). */
  const ticketToken = Prisma.sql`${n(TICKET_FIELD.responseDue)} * ${dueField(Prisma.sql`t."firstResponseDueAt"`, Prisma.sql`t."firstResponseAt"`)}
    + ${n(TICKET_FIELD.resolutionDue)} * ${dueField(Prisma.sql`t."slaDueAt"`, Prisma.sql`t."resolvedAt"`)}
    + ${n(TICKET_FIELD.rated)} * CASE WHEN t.satisfaction BETWEEN 1 AND 5 THEN ${bucketOrZero(ratedAt)} * 8 + t.satisfaction ELSE 0 END
    + ${n(TICKET_FIELD.tier)} * ${tierIndex}
    + CASE WHEN t."firstResponseAt" IS NULL THEN 0 ELSE ${n(TICKET_FIELD.responded)} END
    + CASE WHEN t."resolvedAt" IS NULL THEN 0 ELSE ${n(TICKET_FIELD.resolved)} END`;
  /** Whole milliseconds from `from` to `to` (the columns are TIMESTAMP(3)); null when either is. */
  const ms = (to: Prisma.Sql, from: Prisma.Sql) => Prisma.sql`(date_part('epoch', ${to} - ${from}) * 1000)::int8`;
  const startMs = new Date(period.start).getTime();
  const periodBuckets = {
    names: buckets,
    startsMs: buckets.map((day, i) => (i === 0 ? 0 : Date.parse(`${day}T00:00:00Z`) - startMs)),
    spanMs: new Date(period.end).getTime() - startMs,
  };

  // The period: from the rollup (service-rollup.ts: whole days from day rows, the rest live), or in
  // one pass over the tickets, which is also what the rollup's figures are tested against.
  // One assignee's tickets (an agent's own figures, or the agent filter) are few and found through
  // the assignee index: the pass reads them faster than the rollup's day rows are parsed. Either way
  // the figures are the same (tests/integration/service-dashboard-rollup.test.ts).
  const oneAssignee = scope === "own" || f.agent !== undefined;
  const periodReading = (read.period ?? (oneAssignee ? "pass" : "rollup")) === "pass" ? passOverPeriod() : fromRollup();
  async function fromRollup() {
    // The team is the assignee's team now, as the pass's join to User reads it.
    const users = await prisma.$queryRaw<{ id: number; teamId: number | null }[]>`SELECT "id", "teamId" FROM "User"`;
    const teams = new Map(users.map((u) => [u.id, u.teamId]));
    const teamOf = (agent: number | null) => (agent === null ? null : (teams.get(agent) ?? null));
    return rolledUpPeriod({
      start: new Date(period.start),
      end: new Date(period.end),
      now,
      buckets: periodBuckets,
      tiers: TIERS,
      accepts: entryFilter(actor, f, teamOf),
      teamOf,
    });
  }
  function passOverPeriod() {
    return (
      // The period in one statement and one pass over the tickets: those with anything in the period,
      // grouped by assignee and category, written as integer lists (see getServiceDashboard). Four
      // aggregates of text want more than the default 4 MB work_mem in the planner's estimate (8 kB per
      // group each), and without it the planner sorts every ticket instead of hashing a few hundred groups.
      prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`);
        return tx.$queryRaw<PeriodGroup[]>`
          SELECT g.agent, u."teamId" AS team, g.category, g.codes, g.created, g.responses, g.resolutions
          FROM (
            SELECT t."assigneeId" AS agent, t.category, string_agg((${ticketToken})::text, ',') AS codes,
                   string_agg(${ms(Prisma.sql`t."createdAt"`, start)}::text, ',') AS created,
                   string_agg(${ms(Prisma.sql`t."firstResponseAt"`, Prisma.sql`t."createdAt"`)}::text, ',') AS responses,
                   string_agg(${ms(Prisma.sql`t."resolvedAt"`, Prisma.sql`t."createdAt"`)}::text, ',') AS resolutions
            FROM "Ticket" t
            WHERE ${slice}
              -- A cheap first test (the latest of its instants is not before the period) turns most older
              -- tickets away before the exact one below.
              AND GREATEST(t."createdAt", t."firstResponseAt", t."resolvedAt", t."firstResponseDueAt", t."slaDueAt", t."satisfactionAt") >= ${start}
              AND (${inPeriod(Prisma.sql`t."createdAt"`)} OR ${inPeriod(Prisma.sql`t."firstResponseAt"`)} OR ${inPeriod(Prisma.sql`t."resolvedAt"`)}
                   OR ${inPeriod(Prisma.sql`t."firstResponseDueAt"`)} OR ${inPeriod(Prisma.sql`t."slaDueAt"`)} OR ${rated})
            GROUP BY t."assigneeId", t.category
          ) g LEFT JOIN "User" u ON u.id = g.agent`;
      })
    ).then((groups) => aggregatePeriod(groups, TIERS, periodBuckets));
  }

  const [periodResult, backlogGroups, names] = await Promise.all([
    periodReading,
    // The backlog now: the open tickets grouped by assignee and category, each written as one small
    // token (tier, priority, age bucket, breached), rolled up here (rules/service-period.ts).
    prisma.$queryRaw<TicketGroup[]>`
      SELECT g.agent, u."teamId" AS team, g.category, g.codes
      FROM (
        SELECT t."assigneeId" AS agent, t.category,
               string_agg((${tierIndex} * ${n(BACKLOG_FIELD.tier)}
                 + COALESCE(array_position(${`{${PRIORITIES.join(",")}}`}::"TicketPriority"[], t.priority), 0) * ${n(BACKLOG_FIELD.priority)}
                 + CASE WHEN t."createdAt" > ${ageFrom[1]} THEN 0 WHEN t."createdAt" > ${ageFrom[2]} THEN 1 WHEN t."createdAt" > ${ageFrom[3]} THEN 2 ELSE 3 END * ${n(BACKLOG_FIELD.age)}
                 + CASE WHEN t."resolvedAt" IS NULL AND t."slaPausedAt" IS NULL AND t."slaDueAt" < ${nowTs} THEN 1 ELSE 0 END)::text, ',') AS codes
        FROM "Ticket" t
        WHERE t.status IN (${OPEN_LIST}) AND ${slice}
        GROUP BY t."assigneeId", t.category
      ) g LEFT JOIN "User" u ON u.id = g.agent`,
    peopleAndTeams(),
  ]);
  const backlogRows = aggregateBacklog(backlogGroups, TIERS, PRIORITIES);
  const { counts: countRows, response: responseRows, resolution: resolutionRows, trend: trendRows } = periodResult;

  const drill = drillMaker(scope, f);
  const find = <R extends Dim & { set: string }>(rows: R[], set: R["set"], match: (r: R) => boolean = () => true) => rows.find((r) => r.set === set && match(r));

  // Backlog grid: every priority × age cell, zeros included, so the chart and table have a fixed shape.
  const cellCount = (p: TicketPriority, age: number) => find(backlogRows, "cell", (c) => c.priority === p && c.age === age)?.n ?? 0;
  const byPriority = PRIORITIES.map((priority) => ({
    priority,
    total: count(
      AGE_BUCKETS.reduce((sum, _, i) => sum + cellCount(priority, i), 0),
      drill({ status: "open", priority }),
    ),
    // The list has no age filter.
    cells: AGE_BUCKETS.map((bucket, i) => ({ bucket, count: count(cellCount(priority, i), drill({ status: "open", priority, inexact: true })) })),
  }));
  const byAge = AGE_BUCKETS.map((bucket, i) => ({
    bucket,
    total: count(
      PRIORITIES.reduce((sum, p) => sum + cellCount(p, i), 0),
      drill({ status: "open", inexact: true }),
    ),
  }));
  const totalBacklog = backlogFigures(find(backlogRows, "total"), drill, {});
  const totals = {
    ...periodFigures(find(countRows, "total"), find(responseRows, "total"), find(resolutionRows, "total"), drill, {}),
    ...totalBacklog,
  };

  // Rows: every key that has a backlog or a period figure.
  function rows<K extends number | string | null>(
    set: Exclude<DimSet, "total">,
    keyOf: (r: Dim) => K,
    figureOf: (key: K) => Figure,
    nameOf: (key: K) => string | null,
  ): BreakdownRow<K>[] {
    const keys = new Map<string, K>();
    for (const list of [backlogRows, countRows, responseRows, resolutionRows] as (Dim & { set: string })[][]) {
      for (const r of list) if (r.set === set) keys.set(String(keyOf(r)), keyOf(r));
    }
    return [...keys.values()].map((key) => {
      const figure = figureOf(key);
      const same = (r: Dim) => keyOf(r) === key;
      return {
        key,
        name: nameOf(key),
        ...periodFigures(find(countRows, set, same), find(responseRows, set, same), find(resolutionRows, set, same), drill, figure),
        ...backlogFigures(find(backlogRows, set, same), drill, figure),
      };
    });
  }
  const byName = <K>(a: BreakdownRow<K>, b: BreakdownRow<K>) =>
    a.key === null ? 1 : b.key === null ? -1 : (a.name ?? "").localeCompare(b.name ?? "") || String(a.key).localeCompare(String(b.key));
  const byAgent = rows(
    "agent",
    (r) => r.agent,
    (key): Figure => ({ assignee: key === null ? "unassigned" : scope === "own" ? "me" : key }),
    (key) => (key === null ? null : (names.people.get(key) ?? String(key))),
  ).sort(byName);
  // The list has no team filter.
  const byTeam = rows(
    "team",
    (r) => r.team,
    (): Figure => ({ inexact: true }),
    (key) => (key === null ? null : (names.teams.get(key) ?? String(key))),
  ).sort(byName);
  const byCategory = rows(
    "category",
    (r) => r.category ?? "",
    (key): Figure => (isTicketCategory(key) ? { category: key } : { inexact: true }),
    () => null,
    // Categories outside the list (free text) after it, by name: the same order whichever reading found them first.
  ).sort((a, b) => rank(TICKET_CATEGORIES, a.key) - rank(TICKET_CATEGORIES, b.key) || a.key.localeCompare(b.key));
  // The list has no "without a tier" filter.
  const byTier = rows(
    "tier",
    (r) => r.tier,
    (key): Figure => (key === null ? { inexact: true } : { tier: key }),
    () => null,
  ).sort((a, b) => rank(TIERS, a.key) - rank(TIERS, b.key));

  const trend = bucketStarts(period).map((day) => {
    const inBucket = (r: { bucket: string | null }) => r.bucket === day;
    return {
      start: day,
      ...periodFigures(find(trendRows, "bucket", inBucket), find(responseRows, "bucket", inBucket), find(resolutionRows, "bucket", inBucket), drill, {}),
    };
  });

  const options = scope === "own" ? { teams: [], agents: [] } : { teams: names.agentTeams, agents: names.agents };
  const happened = totals.opened.count + totals.resolved.count + totals.responseTime.count + totals.responseSla.due.count + totals.resolutionSla.due.count + totals.csat.count.count;
  return {
    scope,
    asOf: now.toISOString(),
    period,
    filters: f,
    options: { presets: SERVICE_PRESETS, ...options, categories: TICKET_CATEGORIES, tiers: TIERS, priorities: PRIORITIES },
    empty: totalBacklog.open.count === 0 && happened === 0,
    backlog: { total: totalBacklog.open, breached: totalBacklog.breachedOpen, buckets: AGE_BUCKETS, byPriority, byAge },
    totals,
    trend,
    byAgent,
    byTeam,
    byCategory,
    byTier,
  };
}

/** Position in a fixed order; unknown and null values last. */
function rank<T>(order: readonly T[], value: unknown): number {
  const i = order.indexOf(value as T);
  return i === -1 ? order.length : i;
}

// People and teams change rarely: the shared cache (lib/platform/cache.ts) keeps them off every render.
// The choices are filters only: the slice itself is always enforced in SQL.
type PeopleLists = {
  people: [number, string][];
  teams: [number, string][];
  agents: { id: number; name: string }[];
  agentTeams: { id: number; name: string }[];
};

async function peopleAndTeams(): Promise<{ people: Map<number, string>; teams: Map<number, string>; agents: PeopleLists["agents"]; agentTeams: PeopleLists["agentTeams"] }> {
  const lists = await cached([CACHE_TAGS.people], "service-dashboard-people", async (): Promise<PeopleLists> => {
    const prisma = await db();
    const [users, teams] = await Promise.all([
      prisma.user.findMany({ select: { id: true, name: true, role: true, active: true, teamId: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
      prisma.team.findMany({ select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    ]);
    // Tickets are worked by agents (routing gives them to active agents only): they and their teams are the choices.
    const agents = users.filter((u) => u.role === "AGENT" && u.active);
    const agentTeamIds = new Set(agents.map((a) => a.teamId));
    return {
      people: users.map((u): [number, string] => [u.id, u.name]),
      teams: teams.map((t): [number, string] => [t.id, t.name]),
      agents: agents.map((a) => ({ id: a.id, name: a.name })),
      agentTeams: teams.filter((t) => agentTeamIds.has(t.id)),
    };
  });
  return { people: new Map(lists.people), teams: new Map(lists.teams), agents: lists.agents, agentTeams: lists.agentTeams };
}

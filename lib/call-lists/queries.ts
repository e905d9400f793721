import "server-only";
import { type Actor, can, scopeFor } from "@/lib/platform/auth/permissions";
import { logReadDenied, requireRight } from "@/lib/platform/auth/guard";
import { pickableUsers } from "@/lib/platform/auth/scope-filters";
import { now as clockNow } from "@/lib/platform/clock";
import { type Snapshot, snapshotOf } from "@/lib/platform/concurrency";
import { db, type Db } from "@/lib/platform/db/prisma";
import type { CallEntryStatus, CallListStatus, CallOutcome } from "@/lib/platform/enums";
import { utcTimestamp } from "@/lib/platform/db/sql-builder";
import { campaignChoices, companyTimeZone } from "@/lib/campaigns/queries";
import { segmentChoices } from "@/lib/segments/queries";
import { NOT_REACHED_OUTCOMES } from "@/lib/call-lists/rules/outcomes";
import { hourBuckets, projectFinish, type Projection, reachRate, RECENT_WINDOW_HOURS } from "@/lib/call-lists/rules/progress";
import { SEAT_ROLES } from "@/lib/call-lists/rules/status";

/**
 * Call-list reads. Who sees a list: whoever may work it (PERMISSIONS.md "call list: work the queue":
 * admins and managers every list, reps and agents the lists they are assigned to); who may build and
 * manage: admins and managers.
 */

const HOUR = 3_600_000;

/** May `actor` work (and so see) the list with these seated agents? */
export function mayWork(actor: Actor, agentIds: readonly number[]): boolean {
  return can(actor, "callList.work", { assignedToId: agentIds.includes(actor.id) ? actor.id : null });
}

/** The SQL condition "the list `listAlias` may be worked by user $n" (all lists, or only seated ones). */
export function workableListSql(actor: Actor, listAlias: string, userParam: string): string {
  // "All lists" still names the parameter, so the statement's parameters type the same either way.
  return scopeFor(actor, "callList.work") === "all"
    ? `(${userParam} IS NOT NULL)`
    : `EXISTS (SELECT 1 FROM "CallListAgent" a WHERE a."callListId" = ${listAlias}."id" AND a."userId" = ${userParam})`;
}

export type CallListRow = {
  id: number;
  name: string;
  status: CallListStatus;
  campaignId: number | null;
  campaignName: string | null;
  segmentId: number | null;
  segmentName: string | null;
  script: string;
  maxAttempts: number;
  retryMinutes: number;
  excludedDoNotCall: number;
  excludedNoPhone: number;
  builtAt: Date | null;
  ownerName: string;
  version: number;
  agents: { id: number; name: string; role: string }[];
};

const LIST_SELECT = {
  id: true,
  name: true,
  status: true,
  campaignId: true,
  campaign: { select: { name: true } },
  segmentId: true,
  segment: { select: { name: true } },
  script: true,
  maxAttempts: true,
  retryMinutes: true,
  excludedDoNotCall: true,
  excludedNoPhone: true,
  builtAt: true,
  owner: { select: { name: true } },
  version: true,
  agents: { select: { user: { select: { id: true, name: true, role: true } } } },
} as const;

type ListRecord = {
  id: number;
  name: string;
  status: CallListStatus;
  campaignId: number | null;
  campaign: { name: string } | null;
  segmentId: number | null;
  segment: { name: string } | null;
  script: string;
  maxAttempts: number;
  retryMinutes: number;
  excludedDoNotCall: number;
  excludedNoPhone: number;
  builtAt: Date | null;
  owner: { name: string };
  version: number;
  agents: { user: { id: number; name: string; role: string } }[];
};

function toRow(r: ListRecord): CallListRow {
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    campaignId: r.campaignId,
    campaignName: r.campaign?.name ?? null,
    segmentId: r.segmentId,
    segmentName: r.segment?.name ?? null,
    script: r.script,
    maxAttempts: r.maxAttempts,
    retryMinutes: r.retryMinutes,
    excludedDoNotCall: r.excludedDoNotCall,
    excludedNoPhone: r.excludedNoPhone,
    builtAt: r.builtAt,
    ownerName: r.owner.name,
    version: r.version,
    agents: r.agents.map((a) => a.user).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** The fields a versioned save of the list compares (the conflict panel's view). */
export function listSnapshot(row: Pick<CallListRow, "name" | "status" | "maxAttempts" | "retryMinutes" | "agents">): Snapshot {
  return snapshotOf({ name: row.name, status: row.status, maxAttempts: row.maxAttempts, retryMinutes: row.retryMinutes, agents: row.agents.map((a) => a.id).join(",") }, ["name", "status", "maxAttempts", "retryMinutes", "agents"]);
}

export async function findCallList(client: Db, id: number): Promise<CallListRow | null> {
  const row = await client.callList.findUnique({ where: { id }, select: LIST_SELECT });
  return row ? toRow(row) : null;
}

export type StatusCounts = Record<CallEntryStatus, number>;
const EMPTY_COUNTS = (): StatusCounts => ({ QUEUED: 0, IN_CALL: 0, CALLBACK: 0, DONE: 0, EXHAUSTED: 0, DO_NOT_CALL: 0 });

export type CallListSummary = CallListRow & { counts: StatusCounts; total: number; remaining: number; calls: number; canManage: boolean };

/** Lists the actor may see (work), newest first, with their record counts by status and calls made. */
export async function listCallLists(actor: Actor): Promise<CallListSummary[]> {
  await requireRight(actor, "callList.work", "CallList");
  const prisma = await db();
  const all = scopeFor(actor, "callList.work") === "all";
  const rows = await prisma.callList.findMany({
    where: all ? {} : { agents: { some: { userId: actor.id } } },
    select: LIST_SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  const ids = rows.map((r) => r.id);
  const [grouped, calls] = await Promise.all([
    prisma.callListEntry.groupBy({ by: ["callListId", "status"], where: { callListId: { in: ids } }, _count: { _all: true } }),
    prisma.callAttempt.groupBy({ by: ["callListId"], where: { callListId: { in: ids } }, _count: { _all: true } }),
  ]);
  const callsBy = new Map(calls.map((c) => [c.callListId, c._count._all]));
  const canManage = can(actor, "callList.manage");
  return rows.map((r) => {
    const counts = EMPTY_COUNTS();
    for (const g of grouped) if (g.callListId === r.id) counts[g.status] = g._count._all;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return { ...toRow(r), counts, total, remaining: counts.QUEUED + counts.CALLBACK + counts.IN_CALL, calls: callsBy.get(r.id) ?? 0, canManage };
  });
}

/** One list the actor may see, or null (missing and not allowed look the same; the refusal is logged). */
export async function getCallList(actor: Actor, id: number): Promise<(CallListRow & { snapshot: Snapshot; canManage: boolean; canWork: boolean }) | null> {
  const prisma = await db();
  const row = await findCallList(prisma, id);
  if (!row) return null;
  const canWork = mayWork(actor, row.agents.map((a) => a.id));
  if (!canWork) {
    await logReadDenied(actor, "callList.work", "CallList", id);
    return null;
  }
  return { ...row, snapshot: listSnapshot(row), canManage: can(actor, "callList.manage"), canWork };
}

export type BuildFormOptions = {
  campaigns: { id: number; name: string }[];
  segments: { id: number; name: string; memberCount: number }[];
  agents: { id: number; name: string; role: string }[];
};

/** What the build form offers: running phone campaigns, segments, and the people who may be seated. */
export async function buildFormOptions(actor: Actor): Promise<BuildFormOptions> {
  await requireRight(actor, "callList.manage", "CallList");
  const prisma = await db();
  const [campaigns, segments, pickable] = await Promise.all([
    campaignChoices(actor, ["ACTIVE"]),
    segmentChoices(actor),
    pickableUsers(actor, "callList.manage", { roles: [...SEAT_ROLES], actorFirst: false }),
  ]);
  const phone = await prisma.campaign.findMany({ where: { id: { in: campaigns.map((c) => c.id) }, type: "PHONE" }, select: { id: true } });
  const phoneIds = new Set(phone.map((p) => p.id));
  const roles = await prisma.user.findMany({ where: { id: { in: pickable.map((p) => p.id) } }, select: { id: true, role: true } });
  const roleOf = new Map(roles.map((r) => [r.id, r.role]));
  return {
    campaigns: campaigns.filter((c) => phoneIds.has(c.id)).map((c) => ({ id: c.id, name: c.name })),
    segments: segments.map((s) => ({ id: s.id, name: s.name, memberCount: s.memberCount })),
    agents: pickable.map((p) => ({ id: p.id, name: p.name, role: roleOf.get(p.id) ?? "AGENT" })),
  };
}

// ---- Progress -------------------------------------------------------------------------------------

export type AgentProgress = { agentId: number; name: string; calls: number; reached: number; conversions: number; agentHours: number; callsPerHour: number | null; reach: number | null };
export type CallListProgress = {
  total: number;
  counts: StatusCounts;
  remaining: number;
  calls: number;
  reached: number;
  reach: number | null;
  conversions: number;
  recentCalls: number;
  recentAgentHours: number;
  callsPerHour: number | null;
  projection: Projection;
  hourly: { hour: Date; calls: number; reached: number }[];
  outcomes: { outcome: CallOutcome; calls: number }[];
  agents: AgentProgress[];
};

const notReachedSql = NOT_REACHED_OUTCOMES.map((o) => `'${o}'`).join(", ");

/**
 * Calls per hour, reach %, conversions, records remaining and the projected finish of one list, per
 * list and per agent (lib/call-lists/rules/progress.ts states the rule), with the last 24 hours by
 * hour and the calls by outcome. Null when the actor may not see the list.
 */
export async function callListProgress(actor: Actor, id: number, now: Date = clockNow()): Promise<CallListProgress | null> {
  const list = await getCallList(actor, id);
  if (!list) return null;
  const prisma = await db();
  const timeZone = await companyTimeZone();
  const since = new Date(now.getTime() - RECENT_WINDOW_HOURS * HOUR);
  const [grouped, perAgent, recent, hourly, outcomes] = await Promise.all([
    prisma.callListEntry.groupBy({ by: ["status"], where: { callListId: id }, _count: { _all: true } }),
    prisma.$queryRawUnsafe<{ agentId: number; name: string; calls: number; reached: number; conversions: number; agentHours: number }[]>(
      `SELECT a."agentId", u."name", count(*)::int AS "calls",
              count(*) FILTER (WHERE a."outcome"::text NOT IN (${notReachedSql}))::int AS "reached",
              count(*) FILTER (WHERE a."outcome" = 'CONVERTED')::int AS "conversions",
              count(DISTINCT date_trunc('hour', a."endedAt"))::int AS "agentHours"
         FROM "CallAttempt" a JOIN "User" u ON u."id" = a."agentId"
        WHERE a."callListId" = $1::int
        GROUP BY a."agentId", u."name" ORDER BY count(*) DESC, a."agentId"`,
      id,
    ),
    prisma.$queryRawUnsafe<{ calls: number; agentHours: number }[]>(
      `SELECT count(*)::int AS "calls", count(DISTINCT (a."agentId", date_trunc('hour', a."endedAt")))::int AS "agentHours"
         FROM "CallAttempt" a WHERE a."callListId" = $1::int AND a."endedAt" > $2::timestamp AND a."endedAt" <= $3::timestamp`,
      id,
      utcTimestamp(since),
      utcTimestamp(now),
    ),
    prisma.$queryRawUnsafe<{ hour: Date; calls: number; reached: number }[]>(
      `SELECT date_trunc('hour', a."endedAt") AS "hour", count(*)::int AS "calls",
              count(*) FILTER (WHERE a."outcome"::text NOT IN (${notReachedSql}))::int AS "reached"
         FROM "CallAttempt" a WHERE a."callListId" = $1::int AND a."endedAt" > $2::timestamp AND a."endedAt" <= $3::timestamp
        GROUP BY 1`,
      id,
      utcTimestamp(since),
      utcTimestamp(now),
    ),
    prisma.callAttempt.groupBy({ by: ["outcome"], where: { callListId: id }, _count: { _all: true } }),
  ]);
  const counts = EMPTY_COUNTS();
  for (const g of grouped) counts[g.status] = g._count._all;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const remaining = counts.QUEUED + counts.CALLBACK + counts.IN_CALL;
  const calls = perAgent.reduce((s, a) => s + a.calls, 0);
  const reached = perAgent.reduce((s, a) => s + a.reached, 0);
  const conversions = perAgent.reduce((s, a) => s + a.conversions, 0);
  const { calls: recentCalls, agentHours: recentAgentHours } = recent[0] ?? { calls: 0, agentHours: 0 };
  const projection = projectFinish(
    {
      totalRecords: total,
      remainingRecords: remaining,
      closedRecords: counts.DONE + counts.EXHAUSTED + counts.DO_NOT_CALL,
      totalCalls: calls,
      maxAttempts: list.maxAttempts,
      assignedAgents: list.agents.length,
      recentCalls,
      recentAgentHours,
    },
    now,
    timeZone,
  );
  const byHour = new Map(hourly.map((h) => [new Date(h.hour).getTime(), h]));
  return {
    total,
    counts,
    remaining,
    calls,
    reached,
    reach: reachRate(reached, calls),
    conversions,
    recentCalls,
    recentAgentHours,
    callsPerHour: recentAgentHours > 0 ? recentCalls / recentAgentHours : null,
    projection,
    hourly: hourBuckets(now, RECENT_WINDOW_HOURS).map((hour) => {
      const h = byHour.get(hour.getTime());
      return { hour, calls: h?.calls ?? 0, reached: h?.reached ?? 0 };
    }),
    outcomes: outcomes.map((o) => ({ outcome: o.outcome, calls: o._count._all })).sort((a, b) => b.calls - a.calls),
    agents: perAgent.map((a) => ({ ...a, callsPerHour: a.agentHours > 0 ? a.calls / a.agentHours : null, reach: reachRate(a.reached, a.calls) })),
  };
}

// ---- Entries (drill-down) --------------------------------------------------------------------------

export type EntryDto = {
  id: number;
  customerId: number;
  customerName: string;
  phone: string | null;
  status: CallEntryStatus;
  priority: number;
  attempts: number;
  dueAt: Date;
  bestSlot: number | null;
  lastOutcome: CallOutcome | null;
  lastCalledAt: Date | null;
  agentName: string | null;
};
export type EntryFilter = { status?: CallEntryStatus; outcome?: CallOutcome; page: number };
export const ENTRY_PAGE_SIZE = 50;

/** The list's records, filtered by status or last outcome, in call order. */
export async function listEntries(actor: Actor, listId: number, filter: EntryFilter): Promise<{ items: EntryDto[]; total: number; page: number; pageSize: number } | null> {
  const list = await getCallList(actor, listId);
  if (!list) return null;
  const prisma = await db();
  const where = { callListId: listId, ...(filter.status ? { status: filter.status } : {}), ...(filter.outcome ? { lastOutcome: filter.outcome } : {}) };
  const page = Math.max(1, filter.page);
  const [rows, total] = await Promise.all([
    prisma.callListEntry.findMany({
      where,
      select: {
        id: true,
        customerId: true,
        customer: { select: { name: true, phone: true } },
        status: true,
        priority: true,
        attempts: true,
        dueAt: true,
        bestSlot: true,
        lastOutcome: true,
        lastCalledAt: true,
        agent: { select: { name: true } },
      },
      orderBy: [{ priority: "desc" }, { id: "asc" }],
      skip: (page - 1) * ENTRY_PAGE_SIZE,
      take: ENTRY_PAGE_SIZE,
    }),
    prisma.callListEntry.count({ where }),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      customerId: r.customerId,
      customerName: r.customer.name,
      phone: r.customer.phone,
      status: r.status,
      priority: r.priority,
      attempts: r.attempts,
      dueAt: r.dueAt,
      bestSlot: r.bestSlot,
      lastOutcome: r.lastOutcome,
      lastCalledAt: r.lastCalledAt,
      agentName: r.agent?.name ?? null,
    })),
    total,
    page,
    pageSize: ENTRY_PAGE_SIZE,
  };
}

// ---- The agent's queue -----------------------------------------------------------------------------

export type QueueList = { id: number; name: string; due: number; callbacksDue: number; remaining: number };
export type HeldCall = {
  entryId: number;
  version: number;
  listId: number;
  listName: string;
  script: string;
  campaignId: number | null;
  customerId: number;
  customerName: string;
  phone: string | null;
  attempts: number;
  maxAttempts: number;
  bestSlot: number | null;
  lastOutcome: CallOutcome | null;
  takenAt: Date | null;
  status: CallEntryStatus;
};

/** The active lists the actor may work with what is due now, and the call the actor holds (if any). */
export async function queueState(actor: Actor, now: Date = clockNow()): Promise<{ lists: QueueList[]; held: HeldCall | null }> {
  await requireRight(actor, "callList.work", "CallList");
  const prisma = await db();
  const lists = await prisma.$queryRawUnsafe<QueueList[]>(
    `SELECT l."id", l."name",
            count(e."id") FILTER (WHERE e."status" IN ('QUEUED', 'CALLBACK') AND e."dueAt" <= $2::timestamp)::int AS "due",
            count(e."id") FILTER (WHERE e."status" = 'CALLBACK' AND e."dueAt" <= $2::timestamp)::int AS "callbacksDue",
            count(e."id") FILTER (WHERE e."status" IN ('QUEUED', 'CALLBACK', 'IN_CALL'))::int AS "remaining"
       FROM "CallList" l LEFT JOIN "CallListEntry" e ON e."callListId" = l."id"
      WHERE l."status" = 'ACTIVE' AND ${workableListSql(actor, "l", "$1::int")}
      GROUP BY l."id", l."name" ORDER BY l."name", l."id"`,
    actor.id,
    utcTimestamp(now),
  );
  return { lists, held: await heldCall(prisma, actor.id) };
}

/** The entry `userId` holds in a call (at most one: "next call" gives the held one back). */
export async function heldCall(client: Db, userId: number): Promise<HeldCall | null> {
  const e = await client.callListEntry.findFirst({
    where: { agentId: userId, status: "IN_CALL" },
    select: {
      id: true,
      version: true,
      callListId: true,
      callList: { select: { name: true, script: true, campaignId: true, maxAttempts: true } },
      customerId: true,
      customer: { select: { name: true, phone: true } },
      attempts: true,
      bestSlot: true,
      lastOutcome: true,
      takenAt: true,
      status: true,
    },
    orderBy: { takenAt: "asc" },
  });
  if (!e) return null;
  return {
    entryId: e.id,
    version: e.version,
    listId: e.callListId,
    listName: e.callList.name,
    script: e.callList.script,
    campaignId: e.callList.campaignId,
    customerId: e.customerId,
    customerName: e.customer.name,
    phone: e.customer.phone,
    attempts: e.attempts,
    maxAttempts: e.callList.maxAttempts,
    bestSlot: e.bestSlot,
    lastOutcome: e.lastOutcome,
    takenAt: e.takenAt,
    status: e.status,
  };
}

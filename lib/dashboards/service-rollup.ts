import "server-only";
import { now as clockNow } from "@/lib/platform/clock";
import type { AppPrismaClient } from "@/lib/platform/db/clock-defaults";
import { db, type Tx } from "@/lib/platform/db/prisma";
import { utcTimestamp } from "@/lib/platform/db/sql-builder";
import { TicketPriority, Tier } from "@/lib/platform/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { PeriodAccumulator, type PeriodBuckets, type PeriodFigures } from "@/lib/dashboards/rules/service-period";
import {
  addDayRow,
  addLiveTicket,
  buildDayRows,
  DAY_MS,
  type DayRow,
  dayOf,
  type EntryFilter,
  parseTickets,
  type ReadContext,
  type RolledTicket,
  rowTicketIds,
  STATE_DAY,
} from "@/lib/dashboards/rules/service-rollup";

/**
 * The service dashboard's rollup table (ServiceDashboardRollup; rules/service-rollup.ts describes the
 * rows): built once on demand, kept exact by the Ticket triggers' marks, and rolled up again for the
 * marked days by a refresh (on demand when the marks pile up, and whenever refreshServiceRollup runs).
 *
 * Why: the period's figures need every ticket with anything in the period, and on the embedded
 * database one pass over a year of tickets (some 110,000 of 200,000) costs 250–450 ms of expression
 * evaluation alone. Whole days read from a few hundred fat rows instead, and only the days at the
 * period's ends and marked tickets are computed live, by id.
 */

const TIERS = Object.values(Tier);
const PRIORITIES = Object.values(TicketPriority);
/** Builds and refreshes take this lock: one at a time, across servers. */
const ROLLUP_LOCK = "service-dashboard-rollup";
/** More marked tickets than this in a period and the dashboard refreshes the rollup before reading it. */
const REFRESH_AT_MARKS = 5_000;
/** Day rows per INSERT. */
const WRITE_BATCH = 100;

type RollupRow = Omit<DayRow, "ids"> & { ids: string | null; ticketId: number };
const NONE: ReadonlySet<number> = new Set();
/** seq is int8 (a sequence every ticket change draws from): read as text, it stays exact. */
type Mark = { day: number; ticketId: number; seq: string };

/** Epoch milliseconds of a TIMESTAMP(3) column, as text ('' for none). */
const ms = (column: string) => Prisma.raw(`COALESCE((extract(epoch FROM t."${column}") * 1000)::int8::text, '')`);

/** The tickets `where` selects, as the rollup reads them (rules/service-rollup.ts parseTickets has the layout). */
async function fetchTickets(tx: Tx | AppPrismaClient, where: Prisma.Sql): Promise<RolledTicket[]> {
  const tierIndex = Prisma.sql`COALESCE(array_position(${`{${TIERS.join(",")}}`}::"Tier"[], t.tier), 0)`;
  const priorityIndex = Prisma.sql`COALESCE(array_position(${`{${PRIORITIES.join(",")}}`}::"TicketPriority"[], t.priority), 0)`;
  const groups = await tx.$queryRaw<{ agent: number | null; category: string; list: string | null }[]>`
    SELECT t."assigneeId" AS agent, t.category,
           string_agg(t.id::text || ',' || (${tierIndex} * 8 + ${priorityIndex})::text || ',' || ${ms("createdAt")} || ',' || ${ms("firstResponseAt")}
             || ',' || ${ms("resolvedAt")} || ',' || ${ms("firstResponseDueAt")} || ',' || ${ms("slaDueAt")} || ',' || ${ms("slaPausedAt")}
             || ',' || COALESCE(t.satisfaction::text, '') || ',' || ${ms("satisfactionAt")}, ',') AS list
    FROM "Ticket" t
    WHERE ${where}
    GROUP BY t."assigneeId", t.category`;
  return groups.flatMap((g) => parseTickets(g.agent, g.category, g.list));
}

const byIds = (ids: Iterable<number>) => Prisma.sql`t.id = ANY(${`{${[...ids].join(",")}}`}::int[])`;

async function writeDayRows(tx: Tx, rows: readonly DayRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += WRITE_BATCH) {
    const values = rows
      .slice(i, i + WRITE_BATCH)
      .map((r) => Prisma.sql`(${r.day}::int, 0, ${r.ids}, ${r.agents}, ${r.categories}, ${r.cats}, ${r.tokens}, ${r.responses}, ${r.resolutions})`);
    await tx.$executeRaw`
      INSERT INTO "ServiceDashboardRollup" ("day", "ticketId", "ids", "agents", "categories", "cats", "tokens", "responses", "resolutions")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("day", "ticketId") DO UPDATE SET "ids" = EXCLUDED."ids", "agents" = EXCLUDED."agents", "categories" = EXCLUDED."categories",
        "cats" = EXCLUDED."cats", "tokens" = EXCLUDED."tokens", "responses" = EXCLUDED."responses", "resolutions" = EXCLUDED."resolutions"`;
  }
}

/**
 * Deletes the marks a build or refresh read, unless a ticket change renewed them since (its seq moved
 * on): that change is not in what was rolled up, so its mark stays. A mark a ticket write holds right
 * now is skipped too (that write renews it anyway), so a refresh never waits for ticket writes and
 * never deadlocks with one.
 */
async function deleteMarks(tx: Tx, marks: readonly Mark[]): Promise<void> {
  for (let i = 0; i < marks.length; i += 10_000) {
    const part = marks.slice(i, i + 10_000);
    await tx.$executeRaw`
      DELETE FROM "ServiceDashboardRollup" r
      USING (
        SELECT x."day", x."ticketId" FROM "ServiceDashboardRollup" x
        JOIN unnest(${`{${part.map((m) => m.day).join(",")}}`}::int[], ${`{${part.map((m) => m.ticketId).join(",")}}`}::int[], ${`{${part.map((m) => m.seq).join(",")}}`}::int8[]) AS m(day, ticket, seq)
          ON x."day" = m.day AND x."ticketId" = m.ticket AND x."seq" = m.seq
        FOR UPDATE OF x SKIP LOCKED
      ) d
      WHERE r."day" = d."day" AND r."ticketId" = d."ticketId"`;
  }
}

async function readMarks(tx: Tx): Promise<Mark[]> {
  return tx.$queryRaw<Mark[]>`SELECT "day", "ticketId", "seq"::text AS "seq" FROM "ServiceDashboardRollup" WHERE "ticketId" > 0`;
}

/** Work memory for a pass grouping many tickets into text (the planner would sort them all instead). */
async function roomyWorkMem(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`);
}

/**
 * Builds the whole rollup from the tickets (on demand, the first time the dashboard is read; after a
 * TRUNCATE of the tickets). The state row goes in first, in its own transaction: from then on every
 * ticket change is marked, so a change the build's read does not see stays marked.
 */
export async function buildServiceRollup(options: { ifMissing?: boolean } = {}): Promise<{ days: number; tickets: number }> {
  const prisma = await db();
  await prisma.$executeRaw`
    INSERT INTO "ServiceDashboardRollup" ("day", "ticketId", "builtAt") VALUES (${STATE_DAY}::int, 0, NULL)
    ON CONFLICT ("day", "ticketId") DO NOTHING`;
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${ROLLUP_LOCK}::text))`;
      // Two first reads at once: the second finds the rollup built by the first.
      if (options.ifMissing && (await isBuilt(tx))) return { days: 0, tickets: 0 };
      const marks = await readMarks(tx);
      await roomyWorkMem(tx);
      const tickets = await fetchTickets(tx, Prisma.sql`TRUE`);
      const rows = buildDayRows(tickets);
      await tx.$executeRaw`DELETE FROM "ServiceDashboardRollup" WHERE "ticketId" = 0 AND "day" <> ${STATE_DAY}::int`;
      await writeDayRows(tx, rows);
      await deleteMarks(tx, marks);
      await tx.$executeRaw`UPDATE "ServiceDashboardRollup" SET "builtAt" = ${utcTimestamp(clockNow())}::timestamp WHERE "day" = ${STATE_DAY}::int AND "ticketId" = 0`;
      return { days: rows.length, tickets: tickets.length };
    },
    { maxWait: 60_000, timeout: 600_000 },
  );
}

/**
 * Rolls up again the days that have marks (nothing when none has): each such day's tickets are the
 * ones of its row and its marks (a ticket with anything on the day either had it when the day was
 * rolled up or has changed since, and a change marks the days of its instants before and after).
 */
export async function refreshServiceRollup(): Promise<{ days: number; tickets: number }> {
  const prisma = await db();
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${ROLLUP_LOCK}::text))`;
      const marks = await readMarks(tx);
      if (marks.length === 0) return { days: 0, tickets: 0 };
      const days = new Set(marks.map((m) => m.day));
      const dayList = `{${[...days].join(",")}}`;
      const rows = await tx.$queryRaw<{ ids: string | null }[]>`
        SELECT "ids" FROM "ServiceDashboardRollup" WHERE "ticketId" = 0 AND "day" = ANY(${dayList}::int[])`;
      const ids = new Set(marks.map((m) => m.ticketId));
      for (const r of rows) for (const id of rowTicketIds(r.ids)) ids.add(id);
      await roomyWorkMem(tx);
      const tickets = await fetchTickets(tx, byIds(ids));
      const fresh = buildDayRows(tickets, days);
      await tx.$executeRaw`DELETE FROM "ServiceDashboardRollup" WHERE "ticketId" = 0 AND "day" = ANY(${dayList}::int[])`;
      await writeDayRows(tx, fresh);
      await deleteMarks(tx, marks);
      return { days: days.size, tickets: tickets.length };
    },
    { maxWait: 60_000, timeout: 600_000 },
  );
}

/** Whether the rollup has been built (and not emptied since). */
async function isBuilt(client?: Tx): Promise<boolean> {
  const prisma = client ?? (await db());
  const [state] = await prisma.$queryRaw<{ builtAt: Date | null }[]>`
    SELECT "builtAt" FROM "ServiceDashboardRollup" WHERE "day" = ${STATE_DAY}::int AND "ticketId" = 0`;
  return state?.builtAt != null;
}

export type RolledPeriodInput<T extends string> = {
  /** The period [start, end) and now. */
  start: Date;
  end: Date;
  now: Date;
  buckets: PeriodBuckets;
  tiers: readonly T[];
  accepts: EntryFilter;
  teamOf: (agent: number | null) => number | null;
};

/**
 * The period's figures from the rollup: whole days wholly before now from their rows, everything
 * else (the period's first and last days when they are partial, days from today on, and every marked
 * ticket) live from the tickets by id. The same figures as the one pass over the tickets.
 */
export async function rolledUpPeriod<T extends string>(input: RolledPeriodInput<T>): Promise<PeriodFigures<T>> {
  if (!(await isBuilt())) await buildServiceRollup({ ifMissing: true });
  const prisma = await db();
  const startMs = input.start.getTime();
  const endMs = input.end.getTime();
  const nowMs = input.now.getTime();
  const [firstDay, lastDay] = [dayOf(startMs), dayOf(endMs - 1)];
  /** A day read from its row: wholly in the period and wholly before now. */
  const whole = (day: number) => day * DAY_MS >= startMs && (day + 1) * DAY_MS <= Math.min(endMs, nowMs);
  // A whole day's ticket ids are needed only when the day has marks (to skip the marked tickets'
  // entries; a marked ticket's entries are all on marked days); the other days' are a quarter of the
  // bytes for nothing. Partial days need theirs: their tickets are read live.
  const partial = [firstDay, lastDay, ...Array.from({ length: Math.max(0, lastDay - dayOf(nowMs) + 1) }, (_, i) => dayOf(nowMs) + i)].filter(
    (day) => day >= firstDay && day <= lastDay && !whole(day),
  );
  const read = () =>
    prisma.$queryRaw<RollupRow[]>`
      SELECT r."day", r."ticketId", r."agents", r."categories", r."cats", r."tokens", r."responses", r."resolutions",
             CASE WHEN r."day" = ANY(${`{${partial.join(",")}}`}::int[])
                    OR EXISTS (SELECT 1 FROM "ServiceDashboardRollup" m WHERE m."day" = r."day" AND m."ticketId" > 0)
                  THEN r."ids" END AS "ids"
      FROM "ServiceDashboardRollup" r WHERE r."day" BETWEEN ${firstDay}::int AND ${lastDay}::int`;
  let rows = await read();
  if (rows.filter((r) => r.ticketId > 0).length > REFRESH_AT_MARKS) {
    await refreshServiceRollup();
    rows = await read();
  }

  const marked = new Set<number>();
  const markedDays = new Set<number>();
  for (const r of rows) {
    if (r.ticketId === 0) continue;
    marked.add(r.ticketId);
    markedDays.add(r.day);
  }
  const acc = new PeriodAccumulator(input.tiers, input.buckets);
  const ctx: ReadContext<T> = { acc, startMs, endMs, nowMs, accepts: input.accepts, teamOf: input.teamOf };
  const live = new Set(marked);
  for (const r of rows) {
    if (r.ticketId !== 0) continue;
    if (whole(r.day)) addDayRow(ctx, r, markedDays.has(r.day) ? marked : NONE);
    else {
      if (r.ids === null) throw new Error(`the rollup read day ${r.day} without its ticket ids`);
      for (const id of rowTicketIds(r.ids)) live.add(id);
    }
  }
  if (live.size > 0) {
    const tickets = await fetchTickets(prisma, byIds(live));
    // A marked ticket counts live on every day; the others only on the days not read from rows.
    for (const t of tickets) addLiveTicket(ctx, t, marked.has(t.id) ? () => true : (day) => !whole(day));
  }
  return acc.finish();
}

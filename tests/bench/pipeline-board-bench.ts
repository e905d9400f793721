/**
 * Pipeline board timings at 5,000 open opportunities (issue targets: board server data p95 <= 200 ms,
 * stage move round trip p95 <= 100 ms), each printed beside the raw SQL of the same work.
 * Benchmarks print; they never fail on time.
 *
 * Called by the benchmark runner with an open, seeded database. On its own:
 *   SUMMIT_BENCH_DIR=/tmp/wt-bench/pglite npx tsx --conditions react-server tests/bench/pipeline-board-bench.ts [--customers N]
 *   (or DATABASE_URL=postgresql://… for a server); an empty database is seeded with N demo customers
 *   first (default 2,000). `--conditions react-server` lets the DAL's `server-only` guard load outside Next.js.
 */
import type { Actor } from "@/lib/platform/auth/permissions";
import { type Database, setDatabase } from "@/lib/platform/db/client";
import { BOARD_COLUMN_LIMIT, getBoard } from "@/lib/opportunities/board";
import { moveOpportunityStage } from "@/lib/opportunities/mutations";
import { OPEN_STAGES } from "@/lib/opportunities/rules/stages";
import { formatMs, printPair, timeIt } from "./measure";
import { firstActor, invokedDirectly, runStandalone } from "./standalone";

const RUNS = 40;
export const BOARD_OPEN_TARGET = 5_000;

/** Tops the open pipeline up to `target` deals with one INSERT … SELECT (row objects would take far longer). */
async function ensureOpenOpportunities(db: Database, target: number): Promise<{ before: number; after: number }> {
  const open = async () =>
    (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Opportunity" WHERE "stage" IN ('PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION')`))[0].n;
  const before = await open();
  const missing = target - before;
  if (missing > 0) {
    await db.sql.query(
      `WITH reps AS (SELECT array_agg("id" ORDER BY "id") AS ids FROM "User" WHERE "role" IN ('REP', 'MANAGER') AND "active"),
            custs AS (SELECT array_agg("id" ORDER BY "id") AS ids FROM (SELECT "id" FROM "Customer" WHERE "deletedAt" IS NULL ORDER BY "id" LIMIT 20000) c)
       INSERT INTO "Opportunity" ("name", "customerId", "amount", "stage", "probability", "expectedCloseDate", "ownerId", "source", "lastActivityAt", "version", "updatedAt")
       SELECT 'Bench deal ' || g,
              custs.ids[1 + (g * 7919) % array_length(custs.ids, 1)],
              (1000 + (g * 104729) % 500000)::numeric / 100 * 10,
              (ARRAY['PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION'])[1 + g % 4]::"OpportunityStage",
              (ARRAY[10, 20, 50, 75])[1 + g % 4],
              now() + ((g % 180) || ' days')::interval,
              reps.ids[1 + g % array_length(reps.ids, 1)],
              'bench',
              now() - ((g % 40) || ' days')::interval,
              1,
              now()
       FROM generate_series(1, $1::int) AS g, reps, custs`,
      [missing],
    );
  }
  return { before, after: await open() };
}

/** The board's statements written by hand, the baseline for getBoard: all deals, or one owner's. */
async function rawBoard(db: Database, ownerId?: number): Promise<void> {
  const owner = ownerId === undefined ? "" : `AND o."ownerId" = ${Number(ownerId)}`;
  await db.sql.query(
    `SELECT o."stage", count(*)::int, sum(o."amount")::text FROM "Opportunity" o WHERE o."stage" IN ('PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION') ${owner} GROUP BY o."stage"`,
  );
  for (const stage of OPEN_STAGES) {
    await db.sql.query(
      `SELECT o."id", o."name", o."amount", o."stage", o."expectedCloseDate", o."lastActivityAt", o."version", o."ownerId", c."name", u."name", u."teamId"
       FROM "Opportunity" o JOIN "Customer" c ON c."id" = o."customerId" JOIN "User" u ON u."id" = o."ownerId"
       WHERE o."stage" = $1::"OpportunityStage" ${owner} ORDER BY o."expectedCloseDate", o."id" LIMIT $2`,
      [stage, BOARD_COLUMN_LIMIT + 1],
    );
  }
}

/** The same write a move makes (update with version check, history row, audit row), by hand. */
async function rawMove(db: Database, id: number, stage: string, userId: number): Promise<void> {
  await db.sql.transaction(async (tx) => {
    const rows = await tx.query<{ stage: string; version: number }>(`SELECT "stage", "version" FROM "Opportunity" WHERE "id" = $1 FOR UPDATE`, [id]);
    await tx.query(`UPDATE "Opportunity" SET "stage" = $2::"OpportunityStage", "probability" = 50, "lastActivityAt" = now(), "version" = "version" + 1, "updatedAt" = now() WHERE "id" = $1 AND "version" = $3`, [
      id,
      stage,
      rows[0].version,
    ]);
    await tx.query(`INSERT INTO "OpportunityStageChange" ("opportunityId", "fromStage", "toStage", "changedById") VALUES ($1, $2::"OpportunityStage", $3::"OpportunityStage", $4)`, [
      id,
      rows[0].stage,
      stage,
      userId,
    ]);
    await tx.query(`INSERT INTO "AuditLog" ("userId", "action", "entity", "entityId", "changes") VALUES ($1, 'UPDATE', 'Opportunity', $2, $3::jsonb)`, [
      userId,
      String(id),
      JSON.stringify({ stage: { from: rows[0].stage, to: stage } }),
    ]);
  });
}

/**
 * Board server data and stage moves through the DAL at BOARD_OPEN_TARGET open deals.
 * `admin` sees every deal (the heaviest board); `rep` is the mover for the round trip.
 */
export async function benchPipelineBoard(db: Database, admin: Actor, rep: Actor): Promise<void> {
  setDatabase(db);
  const { before, after } = await ensureOpenOpportunities(db, BOARD_OPEN_TARGET);
  console.log(`pipeline board (${db.engine}, ${after.toLocaleString("en-US")} open opportunities${after > before ? `, ${(after - before).toLocaleString("en-US")} added for the bench` : ""}; p50/p95 of server-side work)`);

  const board = await timeIt(`board data: admin, all ${after.toLocaleString("en-US")} open deals`, () => getBoard(admin, { staleDays: 14 }), RUNS);
  const boardRaw = await timeIt("raw", () => rawBoard(db), RUNS);
  printPair(board, boardRaw, "p95 <= 200 ms");
  const repBoard = await timeIt("board data: one rep's own deals", () => getBoard(rep, { staleDays: 14 }), RUNS);
  const repRaw = await timeIt("raw", () => rawBoard(db, rep.id), RUNS);
  printPair(repBoard, repRaw, "p95 <= 200 ms");

  // The rep's own open deals, moved one step along and back, versions tracked as the board would.
  const deals = await db.sql.query<{ id: number; stage: string; version: number }>(
    `SELECT "id", "stage"::text AS "stage", "version" FROM "Opportunity" WHERE "ownerId" = $1 AND "stage" IN ('PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION') ORDER BY "id" LIMIT 20`,
    [rep.id],
  );
  if (deals.length === 0) {
    console.log("  stage move: skipped (the rep has no open deals)");
    return;
  }
  const state = new Map(deals.map((d) => [d.id, { stage: d.stage, version: d.version, home: d.stage }]));
  const nextStage = (s: { stage: string; home: string }) => (s.stage === s.home ? (s.home === "PROPOSAL" ? "NEGOTIATION" : "PROPOSAL") : s.home);
  const move = await timeIt(
    "stage move round trip (DAL: check, update, history, audit)",
    async (i) => {
      const d = deals[i % deals.length];
      const s = state.get(d.id)!;
      const to = nextStage(s) as (typeof OPEN_STAGES)[number];
      const result = await moveOpportunityStage(rep, { id: d.id, version: s.version, stage: to, lostReason: null });
      s.stage = result.stage;
      s.version = result.version;
    },
    RUNS,
  );
  const moveRaw = await timeIt(
    "raw",
    async (i) => {
      const d = deals[i % deals.length];
      const s = state.get(d.id)!;
      const to = nextStage(s);
      await rawMove(db, d.id, to, rep.id);
      s.stage = to;
      s.version += 1;
    },
    RUNS,
  );
  printPair(move, moveRaw, "p95 <= 100 ms");
  console.log(`  (board column limit ${BOARD_COLUMN_LIMIT} cards; totals per column from one GROUP BY; ${formatMs(board.p95)} p95 for the full board)`);
}

if (invokedDirectly(import.meta.url)) {
  runStandalone(async (db) => benchPipelineBoard(db, await firstActor(db, "ADMIN"), await firstActor(db, "REP")), 2_000);
}

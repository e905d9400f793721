/**
 * Call lists (issue 13 target: "next call" p95 <= 50 ms with 20 concurrent agents and 0 double
 * assignments), beside a raw-SQL baseline: the bare take (SELECT … FOR UPDATE SKIP LOCKED + UPDATE in
 * one statement, no held-call check, no stop-call step, no audit, no ORM). Also times the set-based build of a 20,000-record list.
 * Benchmarks print; they never fail on time.
 *
 * On PostgreSQL the agents run on separate connections (a pool of 24 opened, and its connections
 * established, before the timing), so the row locks are really contended; PGlite is one connection and
 * serialises them.
 *
 * Called by the benchmark runner with an open, seeded database. On its own:
 *   SUMMIT_BENCH_DIR=/tmp/call-lists-bench/pglite npx tsx --conditions react-server tests/bench/call-lists-bench.ts
 *   (or DATABASE_URL=postgresql://… for a server).
 */
import { connectPostgres, type Database, setDatabase } from "@/lib/platform/db/client";
import { nowMs } from "@/lib/platform/clock";
import { utcTimestamp } from "@/lib/platform/db/sql-builder";
import type { Actor } from "@/lib/platform/auth/permissions";
import { buildCallList, recordCallOutcome, takeStatement, takeNextCall } from "@/lib/call-lists/mutations";
import { buildCallListSchema, callOutcomeSchema } from "@/lib/call-lists/schema";
import { formatMs, percentile, printPair, type Timing } from "./measure";
import { firstActor, invokedDirectly, runStandalone } from "./standalone";

const AGENTS = 20;
const LIST_SIZE = 20_000;
const CALLS_PER_AGENT = 25;
const PREFIX = "Call list bench";

function timing(name: string, samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { name, p50: percentile(sorted, 50), p95: percentile(sorted, 95), runs: samples.length };
}

/** A database on separate connections for the agents (PostgreSQL), or the same one (PGlite). */
async function widePool(db: Database): Promise<{ wide: Database; close: () => Promise<void> }> {
  const base = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (db.engine !== "postgres" || !base) return { wide: db, close: async () => {} };
  const [{ name }] = await db.sql.query<{ name: string }>(`SELECT current_database() AS "name"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const previous = process.env.DATABASE_POOL_SIZE;
  process.env.DATABASE_POOL_SIZE = String(AGENTS + 4);
  const wide = await connectPostgres(url.toString());
  if (previous === undefined) delete process.env.DATABASE_POOL_SIZE;
  else process.env.DATABASE_POOL_SIZE = previous;
  // The app's pool keeps its connections open; opening twenty at once (TCP, authentication, a new
  // server process each: 200-700 ms here) is the pool's start-up, not "next call", so it happens
  // before the timing. Nothing is prepared or planned yet: the first round still pays for that.
  await Promise.all(Array.from({ length: AGENTS }, () => wide.sql.session((s) => s.query(`SELECT 1`))));
  return { wide, close: () => wide.close() };
}

export async function benchCallLists(db: Database): Promise<void> {
  setDatabase(db);
  const admin = await firstActor(db, "ADMIN");
  const now = new Date(nowMs());
  const at = utcTimestamp(now);
  const [{ id: segmentId }] = await db.sql.query<{ id: number }>(
    `INSERT INTO "Segment" (name, kind, rule, "memberCount", "createdAt", "updatedAt") VALUES ($1, 'STATIC', '{"type":"group","op":"and","children":[]}'::jsonb, 0, $2::timestamp, $2::timestamp) RETURNING id`,
    [`${PREFIX} audience`, at],
  );
  await db.sql.query(
    `INSERT INTO "User" (email, name, role, "passwordHash", active, "createdAt", "updatedAt")
     SELECT 'bench.agent' || g || '@bench.local', 'Bench agent ' || g, 'AGENT', 'x', true, $1::timestamp, $1::timestamp FROM generate_series(1, ${AGENTS}) g
     ON CONFLICT (email) DO NOTHING`,
    [at],
  );
  const agents = (await db.sql.query<{ id: number }>(`SELECT id FROM "User" WHERE email LIKE 'bench.agent%@bench.local' ORDER BY id`)).map((u): Actor => ({ id: u.id, role: "AGENT", teamId: null }));
  let listId: number | null = null;
  const { wide, close } = await widePool(db);
  try {
    await db.sql.query(
      `INSERT INTO "SegmentMember" ("segmentId", "customerId", "addedAt")
       SELECT $1::int, c.id, $2::timestamp FROM "Customer" c WHERE c."deletedAt" IS NULL ORDER BY c.id LIMIT ${LIST_SIZE + 2_000}`,
      [segmentId, at],
    );
    await db.sql.exec(`ANALYZE "SegmentMember"`);

    // ---- build ------------------------------------------------------------------------------------
    const t0 = performance.now();
    const built = await buildCallList(
      admin,
      buildCallListSchema.parse({ name: `${PREFIX} list`, source: "segment", segmentId, maxAttempts: "3", retryMinutes: "60", agentIds: agents.map((a) => a.id) }),
      now,
    );
    listId = built.id;
    console.log(
      `  build from a ${(LIST_SIZE + 2_000).toLocaleString("en")}-member segment (one INSERT … SELECT)`.padEnd(54) +
        ` ${formatMs(performance.now() - t0)}  → ${built.entries.toLocaleString("en")} records, ${built.excludedDoNotCall} stop-call, ${built.excludedNoPhone} without phone`,
    );
    await db.sql.exec(`ANALYZE "CallListEntry"`);

    // ---- next call, 20 agents at once -------------------------------------------------------------
    setDatabase(wide);
    const takeMs: number[] = [];
    const logMs: number[] = [];
    const taken: number[] = [];
    const id = listId;
    // Rounds: the twenty agents press "next call" at the same moment (the figure the target is about),
    // then all log their outcome at once (timed on its own), so the takes measure contention between
    // takes rather than sharing the two cores with twenty outcome transactions.
    for (let round = 0; round < CALLS_PER_AGENT; round++) {
      const got = await Promise.all(
        agents.map(async (agent) => {
          const a = performance.now();
          const next = await takeNextCall(agent, id, now);
          takeMs.push(performance.now() - a);
          return next ? { agent, entryId: next.entryId } : null;
        }),
      );
      await Promise.all(
        got.map(async (g, i) => {
          if (!g) return;
          taken.push(g.entryId);
          const [{ version }] = await wide.sql.query<{ version: number }>(`SELECT version FROM "CallListEntry" WHERE id = $1`, [g.entryId]);
          const b = performance.now();
          await recordCallOutcome(g.agent, callOutcomeSchema.parse({ entryId: g.entryId, version, outcome: (round + i) % 3 === 0 ? "NO_ANSWER" : "REACHED" }), now);
          logMs.push(performance.now() - b);
        }),
      );
    }
    const doubles = taken.length - new Set(taken).size;

    // ---- the raw-SQL baseline: the bare take, twenty workers at once, in the same rounds ------------
    const rawMs: number[] = [];
    const rawTaken: number[] = [];
    const takeSql = takeStatement(agents[0], id);
    for (let round = 0; round < CALLS_PER_AGENT; round++) {
      const got = await Promise.all(
        agents.map(async (agent) => {
          const a = performance.now();
          const [row] = await wide.sql.query<{ id: number; status: string }>(takeSql, [agent.id, at, id]);
          rawMs.push(performance.now() - a);
          return row ? row.id : null;
        }),
      );
      // Released the way an outcome would close them (no audit, no touchpoint).
      const ids = got.filter((g): g is number => g !== null);
      rawTaken.push(...ids);
      if (ids.length > 0) await wide.sql.query(`UPDATE "CallListEntry" SET status = 'DONE', "agentId" = NULL, "takenAt" = NULL, version = version + 1 WHERE id = ANY($1::int[])`, [ids]);
    }
    const rawDoubles = rawTaken.length - new Set(rawTaken).size;
    printPair(timing(`next call, ${AGENTS} agents at once (${db.engine})`, takeMs), timing("raw take", rawMs), "p95 <= 50 ms");
    const first = timing("", takeMs.slice(0, AGENTS));
    console.log(`  of which the first round (each agent's first call)`.padEnd(54) + ` p50 ${formatMs(first.p50).padStart(9)}  p95 ${formatMs(first.p95).padStart(9)}`);
    console.log(`  log an outcome (attempt, touchpoint, record, audit)`.padEnd(54) + ` p50 ${formatMs(timing("", logMs).p50).padStart(9)}  p95 ${formatMs(timing("", logMs).p95).padStart(9)}`);
    console.log(`  double assignments: ${doubles} of ${taken.length} calls (raw baseline: ${rawDoubles} of ${rawTaken.length})  target 0`);
  } finally {
    setDatabase(db);
    await close();
    if (listId !== null) {
      await db.sql.query(`DELETE FROM "Touchpoint" WHERE id IN (SELECT "touchpointId" FROM "CallAttempt" WHERE "callListId" = $1)`, [listId]);
      await db.sql.query(`DELETE FROM "CallList" WHERE id = $1`, [listId]);
    }
    await db.sql.query(`DELETE FROM "Segment" WHERE id = $1`, [segmentId]);
  }
}

if (invokedDirectly(import.meta.url)) runStandalone(benchCallLists, 20_000);

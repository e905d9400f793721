/**
 * Materialising segments: a rule's members written to SegmentMember, set-based, with the membership
 * history (SegmentMembershipChange: who joined, who left, when, after which score run). Used by the
 * editor's saves (lib/segments/mutations.ts) and by the score job after every run
 * (lib/scoring/recompute.ts), which is why this file works on a plain SQL runner: the score job runs
 * from the CLI and the first start too, outside any request and without Prisma.
 *
 * One refresh of one segment = one transaction: lock the Segment row (two refreshes of one segment,
 * on two app servers, wait for each other instead of both inserting the same joiners), delete the
 * leavers and insert the joiners — each one statement that also writes the history rows — and store
 * the new member count.
 */
import type { SqlRunner } from "@/lib/platform/db/sql";
import { getDatabase } from "@/lib/platform/db/client";
import { nowMs } from "@/lib/platform/clock";
import { compileRule, type CompileContext, type ParamSink } from "@/lib/segments/rules/compile";
import { parseRule, type Rule } from "@/lib/segments/rules/rule";
import { BUILT_IN_SEGMENTS } from "@/lib/segments/rules/built-ins";
import { parseBusinessHours } from "@/lib/tickets/rules/service-settings";

/** What materialising needs of a connection: parameterised queries (a SqlRunner, or Prisma's tx wrapped). */
export type QueryRunner = { query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> };

/** The service desk's business-hours setting holds the company time zone (lib/tickets/sla-clock.ts). */
const BUSINESS_HOURS_KEY = "service.businessHours";

/** Positional parameters, as lib/platform/db/sql-builder.ts's SqlParams (which is server-only; this file runs in the CLI too). */
export class Params implements ParamSink {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ""): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/**
 * The company time zone rules' calendar days are read in: the service settings' zone (Asia/Shanghai
 * by default). Read before opening a transaction (on PGlite a second connection would wait for it).
 */
export async function companyTimeZone(q: QueryRunner): Promise<string> {
  const rows = await q.query<{ value: unknown }>(`SELECT value FROM "Setting" WHERE key = $1`, [BUSINESS_HOURS_KEY]);
  return parseBusinessHours(rows[0]?.value ?? null).timeZone;
}

/** What rules compile against now: the instant, the company time zone and the newest scoring period (one query). */
export async function ruleContext(q: QueryRunner): Promise<CompileContext> {
  const [row] = await q.query<{ value: unknown; period: string | null }>(
    // The period as text: a driver would turn a zone-less timestamp into a Date in the process's zone.
    `SELECT (SELECT value FROM "Setting" WHERE key = $1) AS value, (SELECT max("periodEnd")::text FROM "ScoreRun") AS period`,
    [BUSINESS_HOURS_KEY],
  );
  return { now: new Date(nowMs()), timeZone: parseBusinessHours(row?.value ?? null).timeZone, currentPeriod: row?.period ?? null };
}

function utc(instant: Date): string {
  return instant.toISOString().replace("Z", "");
}

/** `SELECT c."id" …` of the rule's members (deleted customers never are), plus its parameters. */
export function memberSelect(rule: Rule, ctx: CompileContext, params: Params, columns = `c."id"`): string {
  return `SELECT ${columns} FROM "Customer" c WHERE c."deletedAt" IS NULL AND ${compileRule(rule, params, ctx)}`;
}

export type MaterialiseResult = { memberCount: number; joined: number; left: number };

/**
 * For the caller's transaction: the planner settings for statements that evaluate a rule.
 * - No JIT compilation. A rule's conditions are correlated subqueries whose estimated cost is far
 *   above what they take (the bench's three-level preview rule: estimated 2.9M, executed in ~230 ms),
 *   so PostgreSQL compiled each one with LLVM first — 214 ms of a 541 ms preview on the bench's
 *   server. PGlite has no JIT; it accepts the setting and nothing changes.
 * - No Memoize. A rule's candidates are distinct customers (a period's score rows, or the customers
 *   themselves), so a cache of the customer look-up by id never hits; the planner, which cannot know
 *   that from the statistics, put one in front of every candidate's probe: 20,000 misses, ~8% of the
 *   preview bench's count on PGlite (interleaved A/B, p50 92.0 -> 84.5 ms).
 */
export async function rulePlannerSettings(q: QueryRunner): Promise<void> {
  await q.query(`SELECT set_config('jit', 'off', true), set_config('enable_memoize', 'off', true)`);
}

/** Takes the segment's row lock for the rest of the transaction; false when the segment is gone. */
export async function lockSegment(q: QueryRunner, segmentId: number): Promise<boolean> {
  const rows = await q.query<{ id: number }>(`SELECT "id" FROM "Segment" WHERE "id" = $1 FOR UPDATE`, [segmentId]);
  return rows.length > 0;
}

/** Stores the segment's member count (deleted customers do not count) and when it was refreshed. */
export async function storeMemberCount(q: QueryRunner, segmentId: number, at: Date, refreshed: boolean): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `UPDATE "Segment" s SET "memberCount" = (
       SELECT count(*)::int FROM "SegmentMember" m JOIN "Customer" c ON c."id" = m."customerId" WHERE m."segmentId" = s."id" AND c."deletedAt" IS NULL
     )${refreshed ? `, "refreshedAt" = $2::timestamp` : ""}
     WHERE s."id" = $1 RETURNING s."memberCount" AS n`,
    refreshed ? [segmentId, utc(at)] : [segmentId],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Makes the segment's members exactly the rule's members now (in the caller's transaction, after
 * lockSegment): leavers deleted and joiners inserted, with their history rows — ONE statement.
 * `keepLeavers` (a static snapshot) only adds.
 *
 * Shape (chosen by EXPLAIN ANALYZE at 100,000 customers): the rule is evaluated once into a
 * materialised set and diffed against the stored members with EXCEPT both ways. EXCEPT is a hashed or
 * sorted set operation whatever the statistics say; the earlier `NOT EXISTS (… SegmentMember …)`
 * anti-join was planned as a nested loop over the whole segment's members when the segment had no
 * statistics yet (PGlite has no autovacuum): a 59,000-member segment compared 59,000 × 59,000 pairs
 * and took 174 s instead of 0.6 s; a `DELETE … USING leavers` joined the same way (80,000 members,
 * > 6 min). The leavers are therefore deleted as one array of keys (`= ANY(ARRAY(…))`: the set is
 * computed once, then probed on the primary key; the index scan visits the keys in order), a plan
 * that does not depend on estimates. The member count is the target's size (deleted customers are
 * never targets and always leave).
 *
 * Speed (issue 11; PGlite, 100,000 joiners): almost all of the time is per written row — the heap
 * and index writes, and the reference checks. Those are one query per statement (statement-level
 * triggers, migration segment_statement_refs): as row-level foreign keys they cost ~10–13 µs per row on
 * PGlite, three per member, more than half of the time. And:
 * - joiners go in in customer order (a hashed EXCEPT hands them out in hash order): the primary key
 *   and the customerId index then grow at their right edge instead of splitting pages all over, and
 *   the customer foreign-key checks walk Customer's key and pages in order (measured: ~1 s of 6 at
 *   100,000 joiners);
 * - a segment with no members yet (a new one) skips the diff: its joiners are the rule's result in
 *   customer order, and there are no leavers to look for;
 * - the counts come from the joiner and leaver sets, not from a RETURNING of every history row.
 */
export async function materialise(
  q: QueryRunner,
  segmentId: number,
  rule: Rule,
  ctx: CompileContext,
  options: { runId: number | null; at: Date; keepLeavers?: boolean },
): Promise<MaterialiseResult> {
  // Room to sort the joiners and to keep the reference checks' transition tables (a row per member) in
  // memory: at the default 4 MB both spill to temporary files from ~100,000 members. SET LOCAL ends
  // with the caller's transaction, which is this segment's.
  await q.query(`SET LOCAL work_mem = '64MB'`);
  await rulePlannerSettings(q);
  // Under the segment's row lock nobody else writes its members, so this answer holds for the statement below.
  const [{ empty }] = await q.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM "SegmentMember" WHERE "segmentId" = $1::int) AS empty`, [segmentId]);
  const params = new Params();
  const seg = params.add(segmentId, "::int");
  const select = memberSelect(rule, ctx, params);
  const atP = params.add(utc(options.at), "::timestamp");
  const run = params.add(options.runId, "::int");
  const diff = !empty;
  const leaving = diff && !options.keepLeavers;
  const [row] = await q.query<{ total: number; joined: number; left: number }>(
    `WITH target AS MATERIALIZED (${select}),
     ${diff ? `stored AS MATERIALIZED (SELECT m."customerId" AS "id" FROM "SegmentMember" m WHERE m."segmentId" = ${seg}),` : ""}
     added AS (
       INSERT INTO "SegmentMember" ("segmentId", "customerId", "addedAt")
       SELECT ${seg}, j."id", ${atP} FROM (${diff ? `SELECT "id" FROM target EXCEPT SELECT "id" FROM stored` : `SELECT "id" FROM target`}) j
       ORDER BY j."id"
       RETURNING "customerId"
     ),
     ${
       leaving
         ? `gone AS (
         DELETE FROM "SegmentMember" m
         WHERE m."segmentId" = ${seg} AND m."customerId" = ANY(ARRAY(SELECT "id" FROM stored EXCEPT SELECT "id" FROM target))
         RETURNING m."customerId"
       ),`
         : ""
     }
     logged AS (
       INSERT INTO "SegmentMembershipChange" ("segmentId", "customerId", "joined", "at", "runId")
       SELECT ${seg}, "customerId", true, ${atP}, ${run} FROM added
       ${leaving ? `UNION ALL SELECT ${seg}, "customerId", false, ${atP}, ${run} FROM gone` : ""}
     )
     SELECT (SELECT count(*)::int FROM target) AS total,
            (SELECT count(*)::int FROM added) AS joined,
            ${leaving ? `(SELECT count(*)::int FROM gone)` : "0"} AS left`,
    params.values,
  );
  const joined = row?.joined ?? 0;
  const left = row?.left ?? 0;
  if (options.keepLeavers) return { memberCount: await storeMemberCount(q, segmentId, options.at, true), joined, left };
  await q.query(`UPDATE "Segment" SET "memberCount" = $2::int, "refreshedAt" = $3::timestamp WHERE "id" = $1`, [segmentId, row?.total ?? 0, utc(options.at)]);
  return { memberCount: row?.total ?? 0, joined, left };
}

/** One audit row for a refresh, written with the refresh (the score job has no Prisma client). */
export async function auditRefresh(q: QueryRunner, userId: number | null, segmentId: number, result: MaterialiseResult & { runId: number | null }): Promise<void> {
  await q.query(`INSERT INTO "AuditLog" ("userId", action, entity, "entityId", changes, at) VALUES ($1, 'REFRESH', 'Segment', $2, $3::jsonb, $4::timestamp)`, [
    userId,
    String(segmentId),
    JSON.stringify(result),
    utc(new Date(nowMs())),
  ]);
}

/**
 * Refreshes one dynamic segment in its own transaction. Returns null when the segment vanished or is
 * not dynamic (a static list is frozen); throws when its stored rule no longer parses.
 */
export async function refreshOne(sql: SqlRunner, segmentId: number, options: { runId: number | null; userId: number | null; ctx: CompileContext }): Promise<MaterialiseResult | null> {
  return sql.transaction(async (tx) => {
    if (!(await lockSegment(tx, segmentId))) return null;
    const [row] = await tx.query<{ kind: string; rule: unknown }>(`SELECT kind::text AS kind, rule FROM "Segment" WHERE "id" = $1`, [segmentId]);
    if (!row || row.kind !== "DYNAMIC") return null;
    const parsed = parseRule(row.rule);
    if (!parsed.ok) throw new Error(`segment ${segmentId}: stored rule is invalid (${parsed.issues.map((i) => `${i.path || "root"}: ${i.message}`).join("; ")})`);
    const result = await materialise(tx, segmentId, parsed.rule, options.ctx, { runId: options.runId, at: options.ctx.now });
    await auditRefresh(tx, options.userId, segmentId, { ...result, runId: options.runId });
    return result;
  });
}

async function runner(sql?: SqlRunner): Promise<SqlRunner> {
  return sql ?? (await getDatabase()).sql;
}

/**
 * Creates the built-in segments that do not exist yet and keeps their rules at the current
 * definition (lib/segments/rules/built-ins.ts). Idempotent; concurrent callers are serialised by an
 * advisory lock. A user segment that already took a built-in's name leaves the built-in a suffixed name.
 */
export async function ensureBuiltInSegments(sql?: SqlRunner): Promise<void> {
  const db = await runner(sql);
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('segments.builtIn'))::text`);
    const existing = await tx.query<{ builtInKey: string }>(`SELECT "builtInKey" FROM "Segment" WHERE "builtInKey" IS NOT NULL`);
    const have = new Set(existing.map((r) => r.builtInKey));
    const at = utc(new Date(nowMs()));
    for (const def of BUILT_IN_SEGMENTS) {
      const rule = JSON.stringify(def.rule);
      if (have.has(def.key)) {
        await tx.query(`UPDATE "Segment" SET rule = $2::jsonb, kind = 'DYNAMIC' WHERE "builtInKey" = $1 AND rule <> $2::jsonb`, [def.key, rule]);
        continue;
      }
      const taken = await tx.query<{ name: string }>(`SELECT name FROM "Segment" WHERE name = $1 OR name LIKE $2`, [def.name, `${def.name} (built-in%`]);
      const names = new Set(taken.map((r) => r.name));
      let name = def.name;
      for (let n = 1; names.has(name); n++) name = n === 1 ? `${def.name} (built-in)` : `${def.name} (built-in ${n})`;
      await tx.query(
        `INSERT INTO "Segment" (name, description, kind, rule, "builtInKey", "ownerId", "createdAt", "updatedAt")
         VALUES ($1, $2, 'DYNAMIC', $3::jsonb, $4, NULL, $5::timestamp, $5::timestamp)`,
        [name, def.description, rule, def.key, at],
      );
    }
  });
}

export type RefreshReport = { segments: number; ms: number; failed: { id: number; name: string; error: string }[] };

/**
 * Re-evaluates every dynamic segment, one transaction each, recording `runId` on the history rows.
 * A segment that fails is logged and reported (its refreshedAt stays old) and the others go on: the
 * score job that calls this must not fail for one bad segment.
 */
export async function refreshDynamicSegments(opts: { runId?: number; sql?: SqlRunner; userId?: number | null } = {}): Promise<RefreshReport> {
  const started = performance.now();
  const db = await runner(opts.sql);
  const ctx = await ruleContext(db);
  const segments = await db.query<{ id: number; name: string }>(`SELECT "id", name FROM "Segment" WHERE kind = 'DYNAMIC' ORDER BY "id"`);
  const failed: RefreshReport["failed"] = [];
  let refreshed = 0;
  for (const segment of segments) {
    try {
      if (await refreshOne(db, segment.id, { runId: opts.runId ?? null, userId: opts.userId ?? null, ctx })) refreshed += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[summit] segment ${segment.id} (${segment.name}) was not refreshed: ${message}`);
      failed.push({ id: segment.id, name: segment.name, error: message });
    }
  }
  return { segments: refreshed, ms: Math.round(performance.now() - started), failed };
}

/** The score job's hook: built-ins exist and every dynamic segment follows the new scores. Never throws. */
export async function refreshSegmentsAfterScoreRun(sql: SqlRunner, runId: number): Promise<RefreshReport> {
  try {
    await ensureBuiltInSegments(sql);
    return await refreshDynamicSegments({ runId, sql });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[summit] segments were not refreshed after score run ${runId}: ${message}`);
    return { segments: 0, ms: 0, failed: [{ id: 0, name: "*", error: message }] };
  }
}

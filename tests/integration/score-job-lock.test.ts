import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_ANALYTICS_SETTINGS } from "@/lib/scoring/rules/settings";
import { JOB_LOCK_KEY, markInterruptedRecompute, recomputeScores, ScoreJobBusyError } from "@/lib/scoring/recompute";
import { seedDemoData } from "@/prisma/seed/generate";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

const AS_OF = new Date("2026-03-31T00:00:00Z");
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.sql, { customers: 120, now: AS_OF });
});
afterAll(() => db.close());

async function heldJobLocks(): Promise<number> {
  const [row] = await db.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND pid <> pg_backend_pid()`,
    [JOB_LOCK_KEY],
  );
  return row.n;
}

async function jobStatus(): Promise<Record<string, unknown> | null> {
  const rows = await db.sql.query<{ value: Record<string, unknown> }>(`SELECT value FROM "Setting" WHERE key = 'scoreJob'`);
  return rows[0]?.value ?? null;
}

describe("the score job's lock", () => {
  test("is taken and released on one session: after runs, no connection is left holding it", async () => {
    for (let i = 0; i < 3; i++) await recomputeScores(db.sql, { asOf: AS_OF, settings: DEFAULT_ANALYTICS_SETTINGS });
    expect(await heldJobLocks()).toBe(0);
    // And a run can start again at once (a leaked lock on a pooled connection refused it).
    await expect(recomputeScores(db.sql, { asOf: AS_OF, settings: DEFAULT_ANALYTICS_SETTINGS })).resolves.toMatchObject({ customers: 120 });
  });

  test("while another session holds it, a second run is refused as busy and an interrupted-run check leaves the status alone", async () => {
    if (db.engine !== "postgres") return; // PGlite has one session: there is no "other" holder to test.
    await db.sql.query(`INSERT INTO "Setting" (key, value, "updatedAt") VALUES ('scoreJob', '{"state":"running","startedAt":"2026-03-31T00:00:00.000Z","byUserId":1}'::jsonb, now())
                        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`);
    await db.sql.session(async (holder) => {
      await holder.query("SELECT pg_advisory_lock($1)", [JOB_LOCK_KEY]);
      try {
        await expect(recomputeScores(db.sql, { asOf: AS_OF, settings: DEFAULT_ANALYTICS_SETTINGS })).rejects.toBeInstanceOf(ScoreJobBusyError);
        expect(await markInterruptedRecompute(db.sql, db.engine)).toBe(false);
        expect(await jobStatus()).toMatchObject({ state: "running" });
      } finally {
        await holder.query("SELECT pg_advisory_unlock($1)", [JOB_LOCK_KEY]);
      }
    });
  });
});

describe("a recompute interrupted by a server stop", () => {
  test("is marked failed at the next start, so the admin can start it again", async () => {
    await db.sql.query(`INSERT INTO "Setting" (key, value, "updatedAt") VALUES ('scoreJob', '{"state":"running","phase":"write","startedAt":"2026-03-31T01:00:00.000Z","byUserId":7}'::jsonb, now())
                        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`);
    expect(await markInterruptedRecompute(db.sql, db.engine)).toBe(true);
    expect(await jobStatus()).toMatchObject({ state: "failed", startedAt: "2026-03-31T01:00:00.000Z", byUserId: 7, error: expect.stringContaining("interrupted") });
    // A finished or failed run is left as it is.
    expect(await markInterruptedRecompute(db.sql, db.engine)).toBe(false);
  });
});

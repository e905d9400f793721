import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/platform/auth/permissions";
import { runFirstStart } from "@/lib/platform/db/bootstrap";
import { readFirstStart, writeFirstStart } from "@/lib/platform/db/first-start";
import { NotAllowedError } from "@/lib/platform/errors";
import { getFirstStartStatus, listScoreRuns } from "@/lib/scoring/jobs";
import { periodBounds, scorePeriod } from "@/lib/scoring/rules/score-period";
import { DEFAULT_ANALYTICS_SETTINGS } from "@/lib/scoring/rules/settings";
import { resetDatabase } from "@/prisma/seed/generate";
import { generateDemoHistory } from "@/prisma/seed/history";
import { aggregateDemoHistory } from "../support/demo-aggregates";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

// The day the first start broke for every new user (a Gamma-Gamma fit ran off to a boundary).
const BROKEN_DAY = "2026-12-01";
let db: TestDatabase;
const savedDemoToday = process.env.SUMMIT_DEMO_TODAY;

async function actor(email: string): Promise<Actor> {
  const u = await db.prisma.user.findUniqueOrThrow({ where: { email } });
  return { id: u.id, role: u.role, teamId: u.teamId };
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());
afterEach(() => {
  if (savedDemoToday === undefined) delete process.env.SUMMIT_DEMO_TODAY;
  else process.env.SUMMIT_DEMO_TODAY = savedDemoToday;
});

describe("first start of the demo company", () => {
  test("on the day it broke, seeds and scores five sane quarters (default size), as the in-memory path does", async () => {
    process.env.SUMMIT_DEMO_TODAY = BROKEN_DAY;
    const state = await runFirstStart(db.sql);
    expect(state).toMatchObject({ state: "done", demoToday: BROKEN_DAY, periods: 5, customers: expect.any(Number) });
    const runs = await db.sql.query<{ period_end: string; customers: number; scores: number; fallback: boolean; rejected: number }>(
      `SELECT to_char(r."periodEnd", 'YYYY-MM-DD') AS period_end, r."customerCount" AS customers, r.fallback, r."rejectedCount" AS rejected,
              (SELECT count(*)::int FROM "CustomerScore" s WHERE s."runId" = r.id) AS scores
       FROM "ScoreRun" r ORDER BY r."periodEnd"`,
    );
    expect(runs.map((r) => r.period_end)).toEqual(["2025-12-31", "2026-03-31", "2026-06-30", "2026-09-30", BROKEN_DAY]);
    for (const r of runs) {
      expect(r.scores).toBe(r.customers);
      expect(r.rejected).toBe(0);
    }
    // Every written value is sane.
    const [bad] = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "CustomerScore"
       WHERE "predictedClv" < 0 OR "expectedSpend" < 0 OR "expectedPurchases" < 0
          OR "pAlive" < 0 OR "pAlive" > 1 OR "pAlive" = 'NaN'::float8 OR abs("churnRisk" - (1 - "pAlive")) > 1e-9
          OR ("pAlive" IS NULL) <> ("churnRisk" IS NULL)`,
    );
    expect(bad.n).toBe(0);

    // The database path and the in-memory path of the many-dates test agree, customer by customer.
    const asOf = new Date(`${BROKEN_DAY}T00:00:00Z`);
    const bounds = periodBounds(asOf, DEFAULT_ANALYTICS_SETTINGS.periodMonths);
    const memory = scorePeriod(aggregateDemoHistory(generateDemoHistory({ now: asOf }), bounds), bounds, DEFAULT_ANALYTICS_SETTINGS);
    const stored = await db.sql.query<{ id: number; tier: string; rank: number; rfm: string; p_alive: number | null; clv: string }>(
      `SELECT "customerId" AS id, tier::text AS tier, "tierRank" AS rank, "rfmCode" AS rfm, "pAlive" AS p_alive, "predictedClv"::text AS clv
       FROM "CustomerScore" WHERE "periodEnd" = $1::timestamp ORDER BY "customerId"`,
      [BROKEN_DAY],
    );
    expect(stored.length).toBe(memory.records.length);
    stored.forEach((row, i) => {
      const m = memory.records[i];
      expect({ id: row.id, tier: row.tier, rank: row.rank, rfm: row.rfm }).toEqual({ id: m.customerId, tier: m.tier, rank: m.tierRank, rfm: m.rfmCode });
      if (m.pAlive === null) expect(row.p_alive).toBeNull();
      else expect(row.p_alive).toBeCloseTo(m.pAlive, 9);
      expect(Math.round(Number(row.clv) * 100)).toBe(m.predictedClv);
    });

    // The admin sees which models spoke for every period; nobody else may read it.
    const admin = await actor("admin@summit.test");
    const listed = await listScoreRuns(admin);
    expect(listed).toHaveLength(5);
    for (const run of listed) expect(run.purchaseModel).toMatch(/^(pareto-nbd|bg-nbd)$/);
    expect(await getFirstStartStatus(admin)).toMatchObject({ state: "done" });
    await expect(getFirstStartStatus(await actor("rep.east1@summit.test"))).rejects.toBeInstanceOf(NotAllowedError);

    // A second start finds it done and changes nothing.
    const before = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "ScoreRun"`);
    expect(await runFirstStart(db.sql)).toMatchObject({ state: "done", startedAt: state?.startedAt });
    expect(await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "ScoreRun"`)).toEqual(before);
  });

  test("a start that failed while seeding is recorded, and the next start seeds again from scratch", async () => {
    await resetDatabase(db.sql);
    process.env.SUMMIT_DEMO_TODAY = "2025-03-14";
    const failed = await runFirstStart(db.sql, { customers: 0 });
    expect(failed).toMatchObject({ state: "failed", phase: "seeding", demoToday: "2025-03-14", error: expect.stringContaining("customers must be a positive integer") });
    expect(await readFirstStart(db.sql)).toEqual(failed);

    const done = await runFirstStart(db.sql, { customers: 150 });
    expect(done).toMatchObject({ state: "done", demoToday: "2025-03-14", customers: 150, periods: 5 });
    const [counts] = await db.sql.query<{ users: number; customers: number }>(
      `SELECT (SELECT count(*)::int FROM "User") AS users, (SELECT count(*)::int FROM "Customer") AS customers`,
    );
    expect(counts.customers).toBe(150);
    expect(counts.users).toBeGreaterThan(0);
  });

  test("a start that stopped half-way through seeding is redone, not left half-done", async () => {
    await resetDatabase(db.sql);
    process.env.SUMMIT_DEMO_TODAY = "2024-08-02";
    expect(await runFirstStart(db.sql, { customers: 120 })).toMatchObject({ state: "done" });
    // As a crash mid-seed leaves it: some rows written, the state still "seeding".
    await db.sql.exec(`DELETE FROM "CustomerScore"; DELETE FROM "ScoreCube"; DELETE FROM "ScoreRun"`);
    await writeFirstStart(db.sql, { state: "seeding", startedAt: "2024-08-02T01:00:00.000Z", demoToday: "2024-08-02" });
    const redone = await runFirstStart(db.sql, { customers: 120 });
    expect(redone).toMatchObject({ state: "done", demoToday: "2024-08-02", customers: 120 });
    const [counts] = await db.sql.query<{ customers: number; runs: number; users: number }>(
      `SELECT (SELECT count(*)::int FROM "Customer") AS customers, (SELECT count(*)::int FROM "ScoreRun") AS runs,
              (SELECT count(*)::int FROM "User" WHERE email = 'admin@summit.test') AS users`,
    );
    expect(counts).toEqual({ customers: 120, runs: 5, users: 1 });
  });

  test("a start that failed while scoring keeps the data, says why, and the next start scores it", async () => {
    await resetDatabase(db.sql);
    process.env.SUMMIT_DEMO_TODAY = "2026-02-27";
    expect(await runFirstStart(db.sql, { customers: 120 })).toMatchObject({ state: "done" });
    await db.sql.exec(`DELETE FROM "CustomerScore"; DELETE FROM "ScoreCube"; DELETE FROM "ScoreRun"`);
    await writeFirstStart(db.sql, { state: "scoring", startedAt: "2026-02-27T01:00:00.000Z", demoToday: "2026-02-27" });
    // A real failure inside the score job: the table its cube goes to is missing.
    await db.sql.exec(`ALTER TABLE "ScoreCube" RENAME TO "ScoreCubeAway"`);
    const failed = await runFirstStart(db.sql);
    await db.sql.exec(`ALTER TABLE "ScoreCubeAway" RENAME TO "ScoreCube"`);
    expect(failed).toMatchObject({ state: "failed", phase: "scoring", error: expect.stringMatching(/ScoreCube/) });
    const admin = await actor("admin@summit.test");
    expect(await getFirstStartStatus(admin)).toMatchObject({ state: "failed", phase: "scoring" });
    expect(await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Customer"`)).toEqual([{ n: 120 }]);

    const done = await runFirstStart(db.sql);
    expect(done).toMatchObject({ state: "done", demoToday: "2026-02-27", periods: 5 });
  });
});

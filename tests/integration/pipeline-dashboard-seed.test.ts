import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connectPglite, type Database, setDatabase } from "@/lib/platform/db/client";
import { getPipelineDashboard } from "@/lib/dashboards/pipeline";
import { seedDemoData } from "@/prisma/seed/generate";
import { TARGET_MONTHS_AHEAD, TARGET_MONTHS_BACK } from "@/prisma/seed/targets";

/** The demo data the dashboard needs: deals with a product category, and targets around "now". */
const NOW = new Date("2026-03-10T00:00:00Z");
let db: Database;

beforeAll(async () => {
  db = await connectPglite(undefined);
  setDatabase(db);
  await seedDemoData(db.sql, { customers: 300, seed: 4242, now: NOW });
});
afterAll(() => db.close());

describe("demo data for the pipeline dashboard", () => {
  test("every deal carries its anchor product's category, and the categories vary", async () => {
    const [row] = await db.sql.query<{ missing: number; categories: number; mismatched: number }>(
      `SELECT count(*) FILTER (WHERE o."productCategoryId" IS NULL)::int AS missing,
              count(DISTINCT o."productCategoryId")::int AS categories,
              -- quoted deals: the category is that of one of the quote's products
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Quote" q WHERE q."opportunityId" = o.id)
                AND NOT EXISTS (SELECT 1 FROM "Quote" q JOIN "QuoteLine" l ON l."quoteId" = q.id JOIN "Product" p ON p.id = l."productId"
                                WHERE q."opportunityId" = o.id AND p."categoryId" = o."productCategoryId"))::int AS mismatched
       FROM "Opportunity" o`,
    );
    expect(row).toMatchObject({ missing: 0, mismatched: 0 });
    expect(row.categories).toBeGreaterThan(2);
  });

  test("monthly targets for every rep and team around now; a team's is the sum of its reps'", async () => {
    const months = TARGET_MONTHS_BACK + TARGET_MONTHS_AHEAD + 1;
    const [counts] = await db.sql.query<{ reps: number; teams: number; rep_rows: number; team_rows: number; first: string; last: string }>(
      `SELECT count(DISTINCT "userId")::int AS reps, count(DISTINCT "teamId")::int AS teams,
              count("userId")::int AS rep_rows, count("teamId")::int AS team_rows,
              to_char(min(month), 'YYYY-MM') AS first, to_char(max(month), 'YYYY-MM') AS last
       FROM "SalesTarget"`,
    );
    const [{ reps }] = await db.sql.query<{ reps: number }>(`SELECT count(*)::int AS reps FROM "User" WHERE role = 'REP'`);
    expect(counts).toMatchObject({ reps, teams: 2, rep_rows: reps * months, team_rows: 2 * months, first: "2025-03", last: "2026-09" });
    const mismatches = await db.sql.query(
      `SELECT t."teamId", t.month FROM "SalesTarget" t
       WHERE t."teamId" IS NOT NULL
         AND t.amount <> (SELECT sum(r.amount) FROM "SalesTarget" r JOIN "User" u ON u.id = r."userId" WHERE u."teamId" = t."teamId" AND r.month = t.month)`,
    );
    expect(mismatches).toEqual([]);
  });

  test("the dashboard over the demo data: a full funnel, and the manager's forecast against the team's targets", async () => {
    const admin = (await db.prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } })).id;
    const manager = await db.prisma.user.findFirstOrThrow({ where: { role: "MANAGER" } });
    const all = await getPipelineDashboard({ id: admin, role: "ADMIN", teamId: null }, {}, NOW);
    expect(all.funnel.every((r) => r.count > 0)).toBe(true);
    expect(all.forecast.months.every((m) => m.target !== null)).toBe(true);
    expect(all.winBySource.length).toBeGreaterThan(3);
    const team = await getPipelineDashboard({ id: manager.id, role: "MANAGER", teamId: manager.teamId }, {}, NOW);
    const [{ amount }] = await db.sql.query<{ amount: string }>(
      `SELECT amount::text AS amount FROM "SalesTarget" WHERE "teamId" = $1 AND month = '2026-03-01'`,
      [manager.teamId],
    );
    expect(team.forecast.months.find((m) => m.key === "2026-03")?.target).toBe(amount);
    expect(team.totals.openCount).toBeLessThan(all.totals.openCount);
  });
});

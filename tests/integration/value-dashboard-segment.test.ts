import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/platform/auth/permissions";
import { getValueDashboard } from "@/lib/dashboards/value";
import { recomputeWithHistory } from "@/lib/scoring/history";
import { DEFAULT_ANALYTICS_SETTINGS } from "@/lib/scoring/rules/settings";
import { seedDemoData } from "@/prisma/seed/generate";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * The value dashboard filtered by a segment: without a filter it sums the score job's cube; with one
 * it computes the same figures from the snapshot rows of the segment's members. Checked against the
 * snapshots read directly, and against the cube itself for a segment holding every customer.
 */

const AS_OF = new Date("2026-06-30T00:00:00Z");
let db: TestDatabase;
let admin: Actor;
let manager: Actor;
let everyone: number;
let some: number;
let latestRun: number;
let previousRun: number;

async function actor(email: string): Promise<Actor> {
  const u = await db.prisma.user.findUniqueOrThrow({ where: { email } });
  return { id: u.id, role: u.role, teamId: u.teamId };
}

/** A static segment with the given customers, written directly (the segment data layer is tested elsewhere). */
async function segmentOf(name: string, where: string): Promise<number> {
  const { id } = await db.prisma.segment.create({ data: { name, kind: "STATIC", rule: { type: "group", op: "and", children: [] }, ownerId: admin.id }, select: { id: true } });
  await db.sql.query(`INSERT INTO "SegmentMember" ("segmentId", "customerId") SELECT $1, c.id FROM "Customer" c WHERE c."deletedAt" IS NULL AND ${where}`, [id]);
  return id;
}

type Row = { customerId: number; tier: string; frequency: number; monetary: string; margin: string; rfmGroup: string; lifecycleStage: string; ownerId: number | null; abcSegment: string };

/** The latest run's snapshot rows of a segment's members, read straight from the tables. */
async function memberRows(segmentId: number, runId = latestRun): Promise<Row[]> {
  return db.sql.query<Row>(
    `SELECT s."customerId", s.tier::text AS tier, s.frequency, s.monetary::text AS monetary, s.margin::text AS margin, s."rfmGroup", s."lifecycleStage"::text AS "lifecycleStage",
            s."ownerId", s."abcSegment"::text AS "abcSegment"
       FROM "CustomerScore" s JOIN "SegmentMember" m ON m."customerId" = s."customerId" AND m."segmentId" = $1
      WHERE s."runId" = $2`,
    [segmentId, runId],
  );
}

const cents = (v: string) => Math.round(Number(v) * 100);
const sumOf = (rows: Row[], f: (r: Row) => string) => (rows.reduce((n, r) => n + cents(f(r)), 0) / 100).toFixed(2);

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.sql, { customers: 300, seed: 11, now: AS_OF });
  admin = await actor("admin@summit.test");
  manager = await actor("manager.east@summit.test");
  await recomputeWithHistory(db.sql, { asOf: AS_OF, quarters: 1, settings: DEFAULT_ANALYTICS_SETTINGS });
  const runs = await db.prisma.scoreRun.findMany({ orderBy: { periodEnd: "desc" }, select: { id: true } });
  latestRun = runs[0].id;
  previousRun = runs[1].id;
  everyone = await segmentOf("Everyone", "true");
  // Every third customer: a slice across tiers, regions and owners.
  some = await segmentOf("Every third", "c.id % 3 = 0");
});
afterAll(() => db.close());

describe("value dashboard filtered by a segment", () => {
  test("a segment of every scored customer gives exactly the cube's figures", async () => {
    const cube = await getValueDashboard(admin, {});
    const seg = await getValueDashboard(admin, { segment: everyone });
    expect(seg.totals).toEqual(cube.totals);
    expect(seg.pyramid).toEqual(cube.pyramid);
    expect(seg.abc).toEqual(cube.abc);
    expect(seg.rfmGrid.sort((a, b) => a.r - b.r || a.f - b.f)).toEqual(cube.rfmGrid.sort((a, b) => a.r - b.r || a.f - b.f));
    expect(seg.rfmGroups).toEqual(cube.rfmGroups);
    expect(seg.lifecycle).toEqual(cube.lifecycle);
    expect(seg.pareto).toEqual(cube.pareto);
    expect(seg.migration).toEqual(cube.migration);
    expect(seg.options.segments.map((s) => s.id)).toEqual(expect.arrayContaining([everyone, some]));
  });

  test("a partial segment's figures are those of its members' snapshot rows", async () => {
    const rows = await memberRows(some);
    expect(rows.length).toBeGreaterThan(50);
    const data = await getValueDashboard(admin, { segment: some });
    expect(data.totals).toEqual({ customers: rows.length, active: rows.filter((r) => r.frequency > 0).length, revenue: sumOf(rows, (r) => r.monetary), margin: sumOf(rows, (r) => r.margin) });
    for (const tier of data.pyramid) {
      const mine = rows.filter((r) => r.tier === tier.key);
      expect({ tier: tier.key, customers: tier.customers, revenue: tier.revenue }).toEqual({ tier: tier.key, customers: mine.length, revenue: sumOf(mine, (r) => r.monetary) });
    }
    for (const abc of data.abc) expect(abc.customers).toBe(rows.filter((r) => r.abcSegment === abc.key).length);
    for (const g of data.rfmGroups) expect(g.customers).toBe(rows.filter((r) => r.rfmGroup === g.group).length);
    for (const s of data.lifecycle) expect(s.customers).toBe(rows.filter((r) => r.lifecycleStage === s.stage).length);
    expect(data.rfmGrid.reduce((n, c) => n + c.customers, 0)).toBe(rows.filter((r) => r.frequency > 0).length);
    // The Pareto curve ends at the whole slice.
    expect(data.pareto.at(-1)?.customerPct).toBeCloseTo(100, 6);
    expect(data.pareto.at(-1)?.revenuePct).toBeCloseTo(100, 6);
    // Migration: the members' tier pairs between the two runs.
    const before = new Map((await memberRows(some, previousRun)).map((r) => [r.customerId, r.tier]));
    const stayed = rows.filter((r) => before.get(r.customerId) === r.tier).length;
    const matrixTotal = (data.migration?.matrix ?? []).flat().reduce((n, v) => n + v, 0);
    expect(matrixTotal).toBe(rows.filter((r) => before.has(r.customerId)).length);
    expect((data.migration?.matrix ?? []).reduce((n, row, i) => n + row[i], 0)).toBe(stayed);
    // Every customer of every list is a member.
    const ids = new Set(rows.map((r) => r.customerId));
    for (const list of Object.values(data.lists)) for (const c of list) expect(ids.has(c.id)).toBe(true);
  });

  test("the segment narrows the actor's scope, never widens it", async () => {
    const rows = await memberRows(some);
    const team = new Set((await db.prisma.user.findMany({ where: { teamId: manager.teamId }, select: { id: true } })).map((u) => u.id));
    const inTeam = rows.filter((r) => r.ownerId !== null && team.has(r.ownerId));
    const data = await getValueDashboard(manager, { segment: some });
    expect(data.totals.customers).toBe(inTeam.length);
    expect(data.totals.revenue).toBe(sumOf(inTeam, (r) => r.monetary));
    // With no filter the manager's figures come from the cube, unchanged.
    const whole = await getValueDashboard(manager, {});
    expect(whole.totals.customers).toBeGreaterThanOrEqual(inTeam.length);
  });

  test("an unknown segment id shows nothing rather than everything", async () => {
    const data = await getValueDashboard(admin, { segment: 999_999 });
    expect(data.totals).toEqual({ customers: 0, active: 0, revenue: "0.00", margin: "0.00" });
  });
});

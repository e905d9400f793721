import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/platform/auth/permissions";
import { getCustomer } from "@/lib/customers/mutations";
import { NotAllowedError } from "@/lib/platform/errors";
import { getScoreJobStatus, startScoreRecompute, updateAnalyticsSettings } from "@/lib/scoring/jobs";
import { getCustomerScoreView } from "@/lib/scoring/customer-scores";
import { getValueDashboard } from "@/lib/dashboards/value";
import { DEFAULT_ANALYTICS_SETTINGS } from "@/lib/scoring/rules/settings";
import { recomputeScores } from "@/lib/scoring/recompute";
import { recomputeWithHistory } from "@/lib/scoring/history";
import { seedDemoData } from "@/prisma/seed/generate";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

const AS_OF = new Date("2026-06-30T00:00:00Z");
const CUSTOMERS = 400;
let db: TestDatabase;
let admin: Actor;
let manager: Actor;
let rep: Actor;
let agent: Actor;

async function actor(email: string): Promise<Actor> {
  const u = await db.prisma.user.findUniqueOrThrow({ where: { email } });
  return { id: u.id, role: u.role, teamId: u.teamId };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.sql, { customers: CUSTOMERS, seed: 7, now: AS_OF });
  admin = await actor("admin@summit.test");
  manager = await actor("manager.east@summit.test");
  rep = await actor("rep.east1@summit.test");
  agent = await actor("agent1@summit.test");
  await recomputeWithHistory(db.sql, { asOf: AS_OF, quarters: 2, settings: DEFAULT_ANALYTICS_SETTINGS });
});
afterAll(() => db.close());

describe("score job", () => {
  test("scores every customer once per period, and the tiers partition them by the cut points", async () => {
    const runs = await db.prisma.scoreRun.findMany({ orderBy: { periodEnd: "asc" } });
    expect(runs.map((r) => r.periodEnd.toISOString().slice(0, 10))).toEqual(["2025-12-31", "2026-03-31", "2026-06-30"]);
    const latest = runs[2];
    const scores = await db.prisma.customerScore.findMany({ where: { runId: latest.id } });
    expect(scores.length).toBe(latest.customerCount);
    expect(new Set(scores.map((s) => s.customerId)).size).toBe(scores.length);
    const count = (tier: string) => scores.filter((s) => s.tier === tier).length;
    const n = scores.length;
    // Within one customer of the cut points (customers without spend are always Small).
    expect(Math.abs(count("VIP") - 0.01 * n)).toBeLessThanOrEqual(1);
    expect(Math.abs(count("VIP") + count("MAJOR") - 0.05 * n)).toBeLessThanOrEqual(1);
    expect(Math.abs(count("VIP") + count("MAJOR") + count("MEDIUM") - 0.2 * n)).toBeLessThanOrEqual(1);
    for (const s of scores) {
      for (const v of [s.rScore, s.fScore, s.mScore]) {
        expect(v).toBeGreaterThanOrEqual(1);
        expect(v).toBeLessThanOrEqual(5);
      }
      if (s.pAlive !== null) expect(s.churnRisk).toBeCloseTo(1 - s.pAlive, 10);
    }
    // Higher tiers never spend less than lower ones.
    const minSpend = (tier: string) => Math.min(...scores.filter((s) => s.tier === tier).map((s) => Number(s.monetary)));
    const maxSpend = (tier: string) => Math.max(...scores.filter((s) => s.tier === tier).map((s) => Number(s.monetary)));
    expect(minSpend("VIP")).toBeGreaterThanOrEqual(maxSpend("MAJOR"));
    expect(minSpend("MAJOR")).toBeGreaterThanOrEqual(maxSpend("MEDIUM"));
  });

  test("period spend in the snapshot is the exact sum of the period's orders (aggregated in SQL)", async () => {
    const [row] = await db.sql.query<{ snapshot: string; orders: string }>(
      `SELECT (SELECT sum(monetary) FROM "CustomerScore" s JOIN "ScoreRun" r ON r.id = s."runId" WHERE r."periodEnd" = '2026-06-30')::text AS snapshot,
              (SELECT sum(o.total) FROM "Order" o JOIN "Customer" c ON c.id = o."customerId"
               WHERE o.status = 'COMPLETED' AND c."deletedAt" IS NULL AND o."orderedAt" >= '2025-07-01' AND o."orderedAt" < '2026-07-01')::text AS orders`,
    );
    expect(row.snapshot).toBe(row.orders);
  });

  test("the newest period's snapshot is what the customer pages show, and its stage changes are recorded", async () => {
    const newest = await db.prisma.customerScore.findMany({
      where: { periodEnd: AS_OF },
      select: { customerId: true, tier: true, lifecycleStage: true, predictedClv: true, churnRisk: true },
      orderBy: { customerId: "asc" },
    });
    for (const s of newest.filter((_, i) => i % 40 === 0)) {
      const c = await getCustomer(rep, s.customerId);
      expect(c).toMatchObject({ tier: s.tier, lifecycleStage: s.lifecycleStage, predictedClv: s.predictedClv.toFixed(2), churnRisk: s.churnRisk });
    }
    // Each recorded change of the newest period goes from the previous period's stage to this one's.
    const [{ wrong }] = await db.sql.query<{ wrong: number }>(
      `SELECT count(*)::int AS wrong FROM "LifecycleStageChange" ch
       JOIN "CustomerScore" s ON s."customerId" = ch."customerId" AND s."periodEnd" = ch."changedAt"
       LEFT JOIN "CustomerScore" p ON p."customerId" = ch."customerId" AND p."periodEnd" = '2026-03-31'
       WHERE ch."changedAt" = '2026-06-30' AND (ch."toStage" <> s."lifecycleStage" OR ch."fromStage" <> COALESCE(p."lifecycleStage", 'ACQUISITION'))`,
    );
    expect(wrong).toBe(0);
    const [{ missing }] = await db.sql.query<{ missing: number }>(
      `SELECT count(*)::int AS missing FROM "CustomerScore" s
       LEFT JOIN "CustomerScore" p ON p."customerId" = s."customerId" AND p."periodEnd" = '2026-03-31'
       WHERE s."periodEnd" = '2026-06-30' AND s."lifecycleStage" <> COALESCE(p."lifecycleStage", 'ACQUISITION')
         AND NOT EXISTS (SELECT 1 FROM "LifecycleStageChange" ch WHERE ch."customerId" = s."customerId" AND ch."changedAt" = '2026-06-30')`,
    );
    expect(missing).toBe(0);
    expect(await db.prisma.lifecycleStageChange.count()).toBeGreaterThan(0);
    expect(await db.prisma.associationRule.count()).toBeGreaterThan(0);
    const audit = await db.prisma.auditLog.findMany({ where: { action: "RECOMPUTE" } });
    expect(audit.length).toBe(3);
  });

  test("re-running a period is idempotent: same snapshot, no duplicate runs, no new stage changes", async () => {
    const before = await db.sql.query<{ fingerprint: string }>(
      `SELECT md5(string_agg(concat_ws('|', "customerId", tier, "rfmCode", "abcSegment", monetary, "predictedClv", "lifecycleStage"), ',' ORDER BY "customerId")) AS fingerprint
       FROM "CustomerScore" s JOIN "ScoreRun" r ON r.id = s."runId" WHERE r."periodEnd" = '2026-06-30'`,
    );
    const changes = await db.prisma.lifecycleStageChange.count();
    await recomputeScores(db.sql, { asOf: AS_OF, settings: DEFAULT_ANALYTICS_SETTINGS });
    const after = await db.sql.query<{ fingerprint: string }>(
      `SELECT md5(string_agg(concat_ws('|', "customerId", tier, "rfmCode", "abcSegment", monetary, "predictedClv", "lifecycleStage"), ',' ORDER BY "customerId")) AS fingerprint
       FROM "CustomerScore" s JOIN "ScoreRun" r ON r.id = s."runId" WHERE r."periodEnd" = '2026-06-30'`,
    );
    expect(after[0].fingerprint).toBe(before[0].fingerprint);
    expect(await db.prisma.scoreRun.count({ where: { periodEnd: AS_OF } })).toBe(1);
    expect(await db.prisma.lifecycleStageChange.count()).toBe(changes);
  });
});

describe("value dashboard", () => {
  test("an admin sees every scored customer; shares add up; migration compares with the previous period", async () => {
    const data = await getValueDashboard(admin, {});
    expect(data.period?.periodEnd).toBe("2026-06-30");
    expect(data.totals.customers).toBe(await db.prisma.customerScore.count({ where: { periodEnd: AS_OF } }));
    expect(data.pyramid.reduce((s, r) => s + r.customers, 0)).toBe(data.totals.customers);
    expect(data.pyramid.reduce((s, r) => s + r.revenueShare, 0)).toBeCloseTo(1, 9);
    expect(data.abc.reduce((s, r) => s + r.customers, 0)).toBe(data.totals.customers);
    expect(data.rfmGrid.reduce((s, c) => s + c.customers, 0)).toBe(data.totals.active);
    expect(data.lifecycle.reduce((s, c) => s + c.customers, 0)).toBe(data.totals.customers);
    expect(data.pareto.at(-1)?.revenuePct).toBeCloseTo(100, 6);
    expect(data.migration?.from).toBe("2026-03-31");
    const m = data.migration!;
    expect(m.up + m.down + m.same).toBe(m.inBoth);
    expect(m.netUpwardPct).toBeCloseTo((100 * (m.up - m.down)) / m.inBoth, 9);
  });

  test("an older period and an explicit comparison can be chosen", async () => {
    const data = await getValueDashboard(admin, { period: "2026-03-31", compare: "2025-12-31" });
    expect(data.period?.periodEnd).toBe("2026-03-31");
    expect(data.migration?.from).toBe("2025-12-31");
  });

  test("migration against any period adds up: the cube (previous period) and the live join (older) agree on totals", async () => {
    for (const compare of ["2026-03-31", "2025-12-31"]) {
      const data = await getValueDashboard(admin, { compare });
      const m = data.migration!;
      expect(m.from).toBe(compare);
      const before = await db.prisma.customerScore.count({ where: { periodEnd: new Date(`${compare}T00:00:00Z`) } });
      expect(m.inBoth + m.onlyAfter).toBe(data.totals.customers);
      expect(m.inBoth + m.onlyBefore).toBe(before);
    }
  });

  test("a manager sees the team's customers, a rep their own; filters narrow further", async () => {
    const all = await getValueDashboard(admin, {});
    const team = await getValueDashboard(manager, {});
    const own = await getValueDashboard(rep, {});
    const teamCount = await db.prisma.customerScore.count({ where: { periodEnd: AS_OF, customer: { owner: { teamId: manager.teamId } } } });
    const ownCount = await db.prisma.customerScore.count({ where: { periodEnd: AS_OF, customer: { ownerId: rep.id } } });
    expect(team.totals.customers).toBe(teamCount);
    expect(own.totals.customers).toBe(ownCount);
    expect(ownCount).toBeLessThan(teamCount);
    expect(teamCount).toBeLessThan(all.totals.customers);
    const region = all.options.regions[0];
    const filtered = await getValueDashboard(admin, { region, kind: "ENTERPRISE" });
    const expected = await db.prisma.customerScore.count({ where: { periodEnd: AS_OF, customer: { region, kind: "ENTERPRISE" } } });
    expect(filtered.totals.customers).toBe(expected);
  });

  test("the lists hold what they promise", async () => {
    const { lists, settings } = await getValueDashboard(admin, {});
    expect(lists.upgrade.length).toBeGreaterThan(0);
    for (const c of lists.atRisk) {
      expect(["VIP", "MAJOR"]).toContain(c.tier);
      expect(c.churnRisk).toBeGreaterThanOrEqual(settings.churnAlertThreshold);
    }
    for (const c of lists.golden) expect(["VIP", "MAJOR"]).toContain(c.tier);
    for (const c of lists.crossSell) expect(typeof c.detail.product).toBe("string");
  });

  test("an agent has no value dashboard; the refusal is logged", async () => {
    await expect(getValueDashboard(agent, {})).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", userId: agent.id, entity: "ValueDashboard" } })).toBe(1);
  });
});

describe("customer score explanations", () => {
  test("the top customer is explained as VIP with its rank among all scored customers", async () => {
    const top = await db.prisma.customerScore.findFirstOrThrow({ where: { periodEnd: AS_OF }, orderBy: { tierRank: "asc" } });
    const view = await getCustomerScoreView(rep, top.customerId);
    const tier = view?.explanations.find((e) => e.key === "tier");
    expect(tier).toMatchObject({ key: "tier", tier: "VIP", topPct: 1, rank: 1, months: 12 });
    expect(view?.periodEnd).toBe("2026-06-30");
    expect(view?.explanations.some((e) => e.key === "pAlive" || e.key === "pAliveNoRepeat")).toBe(true);
  });
});

describe("admin recompute and settings", () => {
  test("only an admin may change analytics settings; the change is audited field by field", async () => {
    const changed = { ...DEFAULT_ANALYTICS_SETTINGS, pyramid: { vip: 0.02, major: 0.04, medium: 0.15 } };
    await expect(updateAnalyticsSettings(manager, changed, 0)).rejects.toBeInstanceOf(NotAllowedError);
    await updateAnalyticsSettings(admin, changed, 0);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: "Setting", action: "CREATE" } });
    expect(audit.changes).toMatchObject({ "pyramid.vip": { from: null, to: 0.02 } });
    await updateAnalyticsSettings(admin, DEFAULT_ANALYTICS_SETTINGS, 1);
    const update = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: "Setting", action: "UPDATE" } });
    expect(update.changes).toEqual({ "pyramid.vip": { from: 0.02, to: 0.01 } });
  });

  test("recompute now runs in the background with visible progress and ends done; others may not start it", async () => {
    await expect(startScoreRecompute(manager, { historyQuarters: 0 })).rejects.toBeInstanceOf(NotAllowedError);
    await startScoreRecompute(admin, { historyQuarters: 0 });
    let status = await getScoreJobStatus(admin);
    // 400 customers score in well under a second, so the run may already be over here.
    expect(["running", "done"]).toContain(status.state);
    if (status.state === "running") expect(status.periods).toBe(1);
    for (let i = 0; i < 240 && status.state === "running"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = await getScoreJobStatus(admin);
    }
    expect(status).toMatchObject({ state: "done", periods: 1 });
  });
});

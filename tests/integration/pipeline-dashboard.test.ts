import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/platform/auth/permissions";
import { NotAllowedError } from "@/lib/platform/errors";
import { getPipelineDashboard, type PipelineDashboard, type PipelineFilters, resolvePeriod } from "@/lib/dashboards/pipeline";
import { listOpportunities } from "@/lib/opportunities/mutations";
import { parseOpportunityQuery } from "@/lib/opportunities/rules/list-query";
import type { OpportunityStage } from "@/lib/generated/prisma/enums";
import { opportunitiesHref } from "@/components/pipeline-dashboard/drill";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * A hand-built pipeline whose every figure is worked out below by hand. "Now" is 2026-06-15 and the
 * period April–September 2026 (Q2 + Q3).
 */
const NOW = new Date("2026-06-15T12:00:00Z");
const PERIOD: PipelineFilters = { from: "2026-04", to: "2026-09" };
const day = (iso: string) => new Date(`${iso}T10:00:00Z`);
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

let db: TestDatabase;
let people: People;
let catA: number;
let catB: number;

async function deal(
  owner: Actor,
  customerId: number,
  stage: OpportunityStage,
  probability: number,
  amount: string,
  o: { expected: string; created?: string; closed?: string; source?: string; category?: number; idleDays?: number },
): Promise<number> {
  const row = await db.prisma.opportunity.create({
    data: {
      name: `${stage} ${amount}`,
      customerId,
      stage,
      probability,
      amount,
      expectedCloseDate: day(o.expected),
      ownerId: owner.id,
      source: o.source ?? null,
      productCategoryId: o.category ?? null,
      createdAt: day(o.created ?? "2026-03-01"),
      closedAt: o.closed ? day(o.closed) : null,
      lastActivityAt: daysAgo(o.idleDays ?? 1),
    },
  });
  return row.id;
}

async function lead(source: string, createdAt: string, ownerId: number | null, teamId: number | null, converted: boolean): Promise<void> {
  await db.prisma.lead.create({ data: { name: `${source} lead`, source, status: converted ? "CONVERTED" : "NEW", ownerId, teamId, createdAt: day(createdAt) } });
}

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  const north = await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "North Co", region: "North" } });
  const south = await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "South Co", region: "South" } });
  catA = (await db.prisma.productCategory.create({ data: { name: "Broadband" } })).id;
  catB = (await db.prisma.productCategory.create({ data: { name: "Cloud" } })).id;
  const { repEast: e1, repEast2: e2, repWest: w } = people;
  // Open deals (by expected close): June 1000.00 @50 % (stale) + 500.55 @10 % (stale); July 2000 @75 %; August 3000 @20 %.
  await deal(e1, north.id, "PROPOSAL", 50, "1000.00", { expected: "2026-06-20", source: "web", category: catA, idleDays: 30 });
  await deal(e1, south.id, "NEGOTIATION", 75, "2000.00", { expected: "2026-07-10", source: "referral", category: catB });
  await deal(e2, north.id, "PROSPECTING", 10, "500.55", { expected: "2026-06-05", source: "web", category: catA, idleDays: 20 });
  await deal(w, south.id, "QUALIFICATION", 20, "3000.00", { expected: "2026-08-01", source: "event", idleDays: 2 });
  // Closed in the period: cycles of 71, 61 and 104 days for the won ones.
  await deal(e1, north.id, "WON", 100, "1500.00", { expected: "2026-05-01", created: "2026-03-01", closed: "2026-05-11", source: "web" });
  await deal(e1, south.id, "LOST", 0, "700.00", { expected: "2026-05-01", closed: "2026-05-20", source: "web" });
  await deal(e2, north.id, "WON", 100, "800.00", { expected: "2026-06-01", created: "2026-04-01", closed: "2026-06-01", source: "referral" });
  await deal(w, south.id, "WON", 100, "4000.00", { expected: "2026-04-01", created: "2026-01-01", closed: "2026-04-15", source: "event" });
  await deal(w, south.id, "LOST", 0, "100.00", { expected: "2026-04-01", closed: "2026-04-20", source: "event" });
  // Outside the period: an open deal for December and a deal won in February.
  await deal(e1, north.id, "PROPOSAL", 50, "9999.00", { expected: "2026-12-01", idleDays: 90 - 89 });
  await deal(e1, north.id, "WON", 100, "5000.00", { expected: "2026-02-01", created: "2026-01-01", closed: "2026-02-01", source: "web" });

  const east = people.managerEast.teamId;
  const west = people.repWest.teamId;
  await lead("web", "2026-05-01", e1.id, east, true);
  await lead("web", "2026-05-02", e2.id, east, false);
  await lead("web", "2026-06-01", null, east, false);
  await lead("referral", "2026-04-10", e1.id, east, true);
  await lead("referral", "2026-04-11", w.id, west, true);
  await lead("event", "2026-07-01", w.id, west, false);
  await lead("web", "2026-01-05", e1.id, east, true);

  const june = new Date("2026-06-01T00:00:00Z");
  await db.prisma.salesTarget.createMany({
    data: [
      { teamId: east, month: june, amount: "5000.00" },
      { teamId: west, month: june, amount: "3000.00" },
      { teamId: east, month: new Date("2026-07-01T00:00:00Z"), amount: "4000.00" },
      { userId: e1.id, month: june, amount: "2000.00" },
    ],
  });
});
afterAll(() => db.close());

const get = (actor: Actor, filters: PipelineFilters = {}) => getPipelineDashboard(actor, { ...PERIOD, ...filters }, NOW);
const funnelOf = (d: PipelineDashboard) => Object.fromEntries(d.funnel.map((r) => [r.stage, [r.count, r.amount]]));
const month = (d: PipelineDashboard, key: string) => d.forecast.months.find((m) => m.key === key);

describe("period", () => {
  test("defaults to the previous, current and next quarter; a quarter overrides from/to; reversed months swap", () => {
    expect(resolvePeriod({}, NOW)).toMatchObject({ from: "2026-01", to: "2026-09", firstDay: "2026-01-01", lastDay: "2026-09-30" });
    expect(resolvePeriod({ quarter: "2026-Q4", from: "2020-01" }, NOW)).toMatchObject({ from: "2026-10", to: "2026-12", quarter: "2026-Q4", lastDay: "2026-12-31" });
    expect(resolvePeriod({ from: "2026-05", to: "2026-02" }, NOW)).toMatchObject({ from: "2026-02", to: "2026-05" });
    expect(resolvePeriod({ from: "2020-01", to: "2029-12" }, NOW).months).toHaveLength(36);
  });
});

describe("admin: everything", () => {
  test("funnel counts and amounts: open deals by expected close, won/lost by close date, in the period only", async () => {
    const d = await get(people.admin);
    expect(funnelOf(d)).toEqual({
      PROSPECTING: [1, "500.55"],
      QUALIFICATION: [1, "3000.00"],
      PROPOSAL: [1, "1000.00"],
      NEGOTIATION: [1, "2000.00"],
      WON: [3, "6300.00"],
      LOST: [2, "800.00"],
    });
    expect(d.totals).toMatchObject({ openCount: 4, openAmount: "6500.55", wonCount: 3, wonAmount: "6300.00", lostCount: 2, winRate: 0.6, averageDeal: "2100.00" });
  });

  test("weighted forecast per month and quarter against all teams' targets, with won amounts", async () => {
    const d = await get(people.admin);
    expect(d.forecast.targetBasis).toBe("allTeams");
    // June: 1000 x 50 % + 500.55 x 10 % = 550.055 -> 550.06; won 800; target 5000 + 3000.
    expect(month(d, "2026-06")).toMatchObject({ openCount: 2, pipeline: "1500.55", weighted: "550.06", won: "800.00", target: "8000.00", expected: "1350.06" });
    expect(month(d, "2026-07")).toMatchObject({ weighted: "1500.00", target: "4000.00", won: "0.00" });
    expect(month(d, "2026-08")).toMatchObject({ weighted: "600.00", target: null });
    expect(month(d, "2026-04")).toMatchObject({ won: "4000.00", weighted: "0.00" });
    expect(month(d, "2026-05")).toMatchObject({ won: "1500.00" });
    expect(d.forecast.quarters.map((q) => [q.key, q.weighted, q.won, q.target])).toEqual([
      ["2026-Q2", "550.06", "6300.00", "8000.00"],
      ["2026-Q3", "2100.00", "0.00", "4000.00"],
    ]);
    expect(d.forecast.months.find((m) => m.key === "2026-12")).toBeUndefined();
    expect(d.totals.weighted).toBe("2650.06");
  });

  test("win rate by rep and by lead source, sales cycle and stale deals", async () => {
    const d = await get(people.admin);
    const byRep = Object.fromEntries(d.winByRep.map((r) => [r.id, [r.won, r.lost, r.rate, r.wonAmount]]));
    expect(byRep).toEqual({
      [people.repEast.id]: [1, 1, 0.5, "1500.00"],
      [people.repEast2.id]: [1, 0, 1, "800.00"],
      [people.repWest.id]: [1, 1, 0.5, "4000.00"],
    });
    expect(d.winByRep[0].id).toBe(people.repEast2.id);
    const bySource = Object.fromEntries(d.winBySource.map((r) => [r.source, [r.won, r.lost, r.rate]]));
    expect(bySource).toEqual({ web: [1, 1, 0.5], referral: [1, 0, 1], event: [1, 1, 0.5] });
    expect(d.totals.cycle).toMatchObject({ deals: 3, medianDays: 71, minDays: 61, maxDays: 104 });
    expect(d.totals.cycle.averageDays).toBeCloseTo(236 / 3, 10);
    expect(d.stale).toMatchObject({ count: 2, amount: "1500.55" });
    expect(d.stale.rows.map((r) => [r.amount, r.idleDays])).toEqual([
      ["1000.00", 30],
      ["500.55", 20],
    ]);
    const relaxed = await get(people.admin, { stale: 25 });
    expect(relaxed.stale.count).toBe(1);
  });

  test("lead to opportunity conversion by source, leads created in the period", async () => {
    const d = await get(people.admin);
    expect(d.conversion).toEqual([
      { source: "web", leads: 3, converted: 1, rate: 1 / 3 },
      { source: "referral", leads: 2, converted: 2, rate: 1 },
      { source: "event", leads: 1, converted: 0, rate: 0 },
    ]);
  });

  test("region, category, team and rep filters narrow every figure; targets follow team and rep", async () => {
    const north = await get(people.admin, { region: "North" });
    expect(funnelOf(north).PROSPECTING).toEqual([1, "500.55"]);
    expect(funnelOf(north).WON).toEqual([2, "2300.00"]);
    expect(north.totals.openCount).toBe(2);
    expect(north.forecast.targetsFiltered).toBe(true);
    const cat = await get(people.admin, { category: catA });
    expect(cat.totals).toMatchObject({ openCount: 2, openAmount: "1500.55", wonCount: 0 });
    expect((await get(people.admin, { category: catB })).totals.openAmount).toBe("2000.00");
    const west = await get(people.admin, { team: people.repWest.teamId ?? undefined });
    expect(west.forecast.targetBasis).toBe("team");
    expect(month(west, "2026-06")?.target).toBe("3000.00");
    expect(west.totals).toMatchObject({ openCount: 1, wonAmount: "4000.00" });
    const rep = await get(people.admin, { rep: people.repEast.id });
    expect(rep.forecast.targetBasis).toBe("rep");
    expect(month(rep, "2026-06")).toMatchObject({ target: "2000.00", weighted: "500.00" });
  });
});

describe("scopes", () => {
  test("a manager sees the team's deals, leads and target only", async () => {
    const d = await get(people.managerEast);
    expect(d.scope).toBe("team");
    expect(funnelOf(d)).toMatchObject({ PROSPECTING: [1, "500.55"], QUALIFICATION: [0, "0.00"], WON: [2, "2300.00"], LOST: [1, "700.00"] });
    expect(d.winByRep.map((r) => r.id).sort()).toEqual([people.repEast.id, people.repEast2.id].sort());
    expect(d.forecast.targetBasis).toBe("team");
    expect(month(d, "2026-06")?.target).toBe("5000.00");
    // The unassigned lead waiting in the East team counts; the West rep's referral does not.
    expect(d.conversion).toEqual([
      { source: "web", leads: 3, converted: 1, rate: 1 / 3 },
      { source: "referral", leads: 1, converted: 1, rate: 1 },
    ]);
    expect(d.options.teams.map((t) => t.id)).toEqual([people.managerEast.teamId]);
    expect(d.options.reps.map((r) => r.id).sort()).toEqual([people.repEast.id, people.repEast2.id].sort());
  });

  test("a manager asking for another team gets nothing, not the other team", async () => {
    const d = await get(people.managerEast, { team: people.repWest.teamId ?? undefined });
    expect(d.totals).toMatchObject({ openCount: 0, wonCount: 0, lostCount: 0 });
    expect(d.conversion).toEqual([]);
    expect(d.forecast.total.target).toBeNull();
    const rep = await get(people.managerEast, { rep: people.repWest.id });
    expect(rep.totals.wonCount).toBe(0);
    expect(rep.forecast.total.target).toBeNull();
  });

  test("a rep sees only their own deals and target", async () => {
    const d = await get(people.repEast);
    expect(d.scope).toBe("own");
    expect(funnelOf(d)).toMatchObject({ PROSPECTING: [0, "0.00"], PROPOSAL: [1, "1000.00"], NEGOTIATION: [1, "2000.00"], WON: [1, "1500.00"], LOST: [1, "700.00"] });
    expect(d.forecast.targetBasis).toBe("rep");
    expect(month(d, "2026-06")?.target).toBe("2000.00");
    expect(d.winByRep.map((r) => r.id)).toEqual([people.repEast.id]);
    expect(d.options.reps).toEqual([]);
    // Filters cannot widen a rep's scope.
    expect((await get(people.repEast, { rep: people.repWest.id })).totals.wonCount).toBe(0);
  });

  test("an agent is refused and the refusal is logged", async () => {
    const before = await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "PipelineDashboard", userId: people.agent.id } });
    await expect(get(people.agent)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "PipelineDashboard", userId: people.agent.id } })).toBe(before + 1);
  });
});

describe("drill-downs: the opportunity list behind a figure lists exactly the deals it counts", () => {
  const listed = async (actor: Actor, href: string) => {
    const url = new URL(href, "http://x");
    expect(url.pathname).toBe("/opportunities");
    const query = parseOpportunityQuery(Object.fromEntries(url.searchParams));
    return (await listOpportunities(actor, query, NOW)).total;
  };

  // (Fixtures are made in beforeAll, so the cases are functions.)
  test.each<[string, () => Actor, () => PipelineFilters]>([
    ["admin, whole period", () => people.admin, () => ({})],
    ["admin, region North", () => people.admin, () => ({ region: "North" })],
    ["admin, category A", () => people.admin, () => ({ category: catA })],
    ["admin, one rep", () => people.admin, () => ({ rep: people.repEast.id })],
    ["manager, own team", () => people.managerEast, () => ({})],
  ])("%s: funnel stages, win/loss by rep and by source, stale deals", async (_, actor, extra) => {
    const filters = { ...PERIOD, ...extra() };
    const d = await getPipelineDashboard(actor(), filters, NOW);
    for (const row of d.funnel) expect(await listed(actor(), opportunitiesHref(filters, d.period, { stage: row.stage }))).toBe(row.count);
    for (const r of d.winByRep) {
      expect(await listed(actor(), opportunitiesHref(filters, d.period, { owner: r.id, status: "won" }))).toBe(r.won);
      expect(await listed(actor(), opportunitiesHref(filters, d.period, { owner: r.id, status: "lost" }))).toBe(r.lost);
    }
    for (const r of d.winBySource) {
      expect(await listed(actor(), opportunitiesHref(filters, d.period, { source: r.source ?? "", status: "won" }))).toBe(r.won);
    }
    expect(await listed(actor(), opportunitiesHref(filters, d.period, { status: "open", stale: d.staleDays, period: false }))).toBe(d.stale.count);
  });
});

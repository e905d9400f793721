import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/platform/auth/permissions";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { getServiceDashboard, type ServiceFilters } from "@/lib/dashboards/service";
import { buildServiceRollup, refreshServiceRollup } from "@/lib/dashboards/service-rollup";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * The dashboard's period figures from the rollup (day rows, marks, live days) must be exactly those of
 * the one pass over the tickets, for every filter, period and scope, however the tickets change
 * between reads: edited after their days were rolled up, added, deleted, reassigned across teams,
 * before and after a refresh, and as "now" moves on. Generated tickets (a fixed-seed generator) put
 * instants on the period's edges: at the start instant, at now, at UTC midnights, and in the future.
 */
const DAY = 86_400_000;
const NOW = new Date("2026-06-15T12:34:56.789Z");

let db: TestDatabase;
let people: People;
let agents: Actor[];
let serviceTeam: number;
let supportTeam: number;
let customer: number;

/** mulberry32: the same tickets on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const rnd = random(20261202);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
const chance = (p: number) => rnd() < p;

const CATEGORIES = ["technical", "billing", "account", "orders", "complaint", "general", "warranty"] as const;
const TIERS = ["VIP", "MAJOR", "MEDIUM", "SMALL", null] as const;
const PRIORITIES = ["P1", "P2", "P3", "P4"] as const;

/** An instant `ms` after `from`, sometimes snapped to an edge the rollup must get right. */
function instant(from: number, maxMs: number, edges: readonly number[]): Date {
  if (chance(0.08)) return new Date(pick(edges));
  const at = from + Math.floor(rnd() * maxMs);
  // Some on a UTC midnight exactly.
  return new Date(chance(0.05) ? Math.floor(at / DAY) * DAY : at);
}

type TicketData = {
  customerId: number;
  subject: string;
  category: string;
  priority: (typeof PRIORITIES)[number];
  tier: (typeof TIERS)[number];
  assigneeId: number | null;
  createdAt: Date;
  firstResponseAt: Date | null;
  firstResponseDueAt: Date | null;
  resolvedAt: Date | null;
  slaDueAt: Date | null;
  slaPausedAt: Date | null;
  satisfaction: number | null;
  satisfactionAt: Date | null;
  status: "NEW" | "IN_PROGRESS" | "RESOLVED";
};

function generateTicket(now: number): TicketData {
  // Period starts of the presets at `now`, now itself, and the month starts around it.
  const edges = [7, 30, 90, 365].map((d) => now - d * DAY).concat([now, Date.UTC(2026, 5, 1), Date.UTC(2026, 4, 1), Date.UTC(2026, 6, 1)]);
  const created = instant(now - 400 * DAY, 400 * DAY, edges);
  const c = created.getTime();
  const responded = chance(0.8) ? instant(c, 2 * DAY, edges) : null;
  const resolved = responded && chance(0.7) ? instant(responded.getTime(), 6 * DAY, edges) : null;
  const rated = resolved && chance(0.5);
  return {
    customerId: customer,
    subject: "generated",
    category: pick(CATEGORIES),
    priority: pick(PRIORITIES),
    tier: pick(TIERS),
    assigneeId: chance(0.15) ? null : pick(agents).id,
    createdAt: created,
    firstResponseAt: responded && responded.getTime() >= c ? responded : null,
    firstResponseDueAt: chance(0.9) ? instant(c, DAY, edges) : null,
    resolvedAt: resolved && resolved.getTime() >= c ? resolved : null,
    slaDueAt: chance(0.9) ? instant(c, 8 * DAY, edges) : null,
    slaPausedAt: chance(0.15) ? instant(c, 3 * DAY, edges) : null,
    satisfaction: rated ? 1 + Math.floor(rnd() * 5) : null,
    satisfactionAt: rated && chance(0.6) ? instant(c, 10 * DAY, edges) : null,
    status: resolved ? "RESOLVED" : responded ? "IN_PROGRESS" : "NEW",
  };
}

async function insertTickets(n: number, now: number): Promise<void> {
  await db.prisma.ticket.createMany({ data: Array.from({ length: n }, () => generateTicket(now)) });
}

const marks = async () => (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "ServiceDashboardRollup" WHERE "ticketId" > 0`))[0].n;

/** Every scope × filter × period below, from the rollup and from the one pass: the same dashboard. */
async function expectSameFigures(now: Date): Promise<number> {
  const [a1, a2, a3] = agents;
  const cases: [Actor, ServiceFilters][] = [
    [people.admin, {}],
    [people.admin, { period: "7d" }],
    [people.admin, { period: "90d" }],
    [people.admin, { period: "365d" }],
    [people.admin, { from: "2026-06", to: "2026-06" }],
    [people.admin, { from: "2026-03", to: "2026-05" }],
    [people.admin, { from: "2025-06", to: "2026-07" }],
    [people.admin, { team: serviceTeam }],
    [people.admin, { period: "365d", team: supportTeam }],
    [people.admin, { period: "90d", agent: a2.id }],
    [people.admin, { category: "billing" }],
    [people.admin, { period: "365d", tier: "VIP" }],
    [people.admin, { period: "7d", priority: "P1" }],
    [people.admin, { period: "90d", team: serviceTeam, category: "technical", tier: "SMALL", priority: "P2" }],
    [people.managerEast, {}],
    [people.managerEast, { period: "365d", agent: a3.id, priority: "P3" }],
    [a1, {}],
    [a1, { period: "365d" }],
    [a2, { from: "2026-05", to: "2026-06", category: "general" }],
  ];
  let compared = 0;
  for (const [actor, filters] of cases) {
    const rolled = await getServiceDashboard(actor, filters, now, { period: "rollup" });
    const pass = await getServiceDashboard(actor, filters, now, { period: "pass" });
    expect(rolled, `${actor.role} ${JSON.stringify(filters)} at ${now.toISOString()}`).toEqual(pass);
    compared++;
  }
  return compared;
}

beforeAll(async () => {
  fixClock(NOW);
  db = await createTestDatabase();
  people = await createPeople(db);
  serviceTeam = people.agent.teamId!;
  supportTeam = (await db.prisma.team.create({ data: { name: "Support" } })).id;
  const more = [];
  for (const [i, team] of [serviceTeam, supportTeam, supportTeam].entries()) {
    const u = await db.prisma.user.create({ data: { email: `agent${i + 2}@test.local`, name: `agent${i + 2}`, role: "AGENT", teamId: team, passwordHash: "x" } });
    more.push({ id: u.id, role: u.role, teamId: u.teamId } as Actor);
  }
  agents = [people.agent, ...more];
  customer = (await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Acme", region: "North" } })).id;
  await insertTickets(500, NOW.getTime());
}, 120_000);

afterAll(async () => {
  resetClock();
  await db.close();
});

describe("service dashboard rollup", () => {
  test("built on the first read: the same figures as the one pass", async () => {
    expect(await expectSameFigures(NOW)).toBeGreaterThan(10);
    const [state] = await db.sql.query<{ built: boolean }>(`SELECT "builtAt" IS NOT NULL AS built FROM "ServiceDashboardRollup" WHERE "day" = -2147483648`);
    expect(state.built).toBe(true);
    expect(await marks()).toBe(0);
  }, 120_000);

  test("tickets edited after they were rolled up, added and deleted: marked, and still the same figures", async () => {
    const ids = (await db.prisma.ticket.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((t) => t.id);
    const some = (from: number, n: number) => ids.slice(from, from + n);
    // Reassigned, recategorised (to and from a category outside the list), re-tiered, re-prioritised.
    await db.prisma.ticket.updateMany({ where: { id: { in: some(0, 15) } }, data: { assigneeId: agents[2].id } });
    await db.prisma.ticket.updateMany({ where: { id: { in: some(15, 10) } }, data: { category: "warranty", tier: null, priority: "P1" } });
    // Resolved now, answered late, rated (with and without a rating time), paused and unpaused.
    await db.prisma.ticket.updateMany({ where: { id: { in: some(25, 10) }, resolvedAt: null }, data: { resolvedAt: NOW, status: "RESOLVED" } });
    await db.prisma.ticket.updateMany({ where: { id: { in: some(35, 10) } }, data: { firstResponseAt: new Date(NOW.getTime() - 3_600_000) } });
    await db.prisma.ticket.updateMany({ where: { id: { in: some(45, 10) } }, data: { satisfaction: 5, satisfactionAt: null } });
    await db.prisma.ticket.updateMany({ where: { id: { in: some(55, 10) } }, data: { satisfaction: 2, satisfactionAt: new Date(NOW.getTime() - 40 * DAY) } });
    await db.prisma.ticket.updateMany({ where: { id: { in: some(65, 10) } }, data: { slaPausedAt: new Date(NOW.getTime() - 20 * DAY) } });
    await db.prisma.ticket.updateMany({ where: { id: { in: some(75, 10) } }, data: { slaPausedAt: null } });
    // An old ticket moved into this week, and a recent one back by a year (its old days must stop counting).
    await db.prisma.ticket.update({ where: { id: ids[90] }, data: { createdAt: new Date(NOW.getTime() - 3 * DAY), firstResponseAt: null, resolvedAt: null } });
    await db.prisma.ticket.update({ where: { id: ids[91] }, data: { createdAt: new Date(NOW.getTime() - 380 * DAY), firstResponseDueAt: new Date(NOW.getTime() - 379 * DAY), slaDueAt: null, firstResponseAt: null, resolvedAt: null, satisfaction: null, satisfactionAt: null } });
    // A change the dashboard does not read leaves no mark.
    const before = await marks();
    await db.prisma.ticket.update({ where: { id: ids[92] }, data: { subject: "renamed" } });
    expect(await marks()).toBe(before);
    await db.prisma.ticket.deleteMany({ where: { id: { in: some(100, 3) } } });
    await insertTickets(40, NOW.getTime());
    // The team is the assignee's team now: a move shows at once, without a mark.
    await db.prisma.user.update({ where: { id: agents[1].id }, data: { teamId: supportTeam } });
    expect(await marks()).toBeGreaterThan(100);
    await expectSameFigures(NOW);
  }, 120_000);

  test("a refresh rolls the marked days up again and clears the marks; edits after it are marked again", async () => {
    const refreshed = await refreshServiceRollup();
    expect(refreshed.days).toBeGreaterThan(0);
    expect(await marks()).toBe(0);
    await expectSameFigures(NOW);
    const [first] = await db.prisma.ticket.findMany({ select: { id: true }, where: { resolvedAt: { not: null } }, orderBy: { id: "asc" }, take: 1 });
    await db.prisma.ticket.update({ where: { id: first.id }, data: { resolvedAt: null, status: "IN_PROGRESS", satisfaction: null } });
    expect(await marks()).toBeGreaterThan(0);
    await expectSameFigures(NOW);
  }, 120_000);

  test("as now moves on (today becomes a whole day; a period that starts at midnight) and after a rebuild", async () => {
    const later = new Date(NOW.getTime() + DAY + 3 * 3_600_000);
    fixClock(later);
    await insertTickets(20, later.getTime());
    await expectSameFigures(later);
    const midnight = new Date(Date.UTC(2026, 5, 18));
    fixClock(midnight);
    await refreshServiceRollup();
    await expectSameFigures(midnight);
    const rebuilt = await buildServiceRollup();
    expect(rebuilt.tickets).toBeGreaterThan(500);
    expect(await marks()).toBe(0);
    await expectSameFigures(midnight);
  }, 120_000);

  test("emptying the tickets empties the rollup; the next read builds it again", async () => {
    await db.sql.exec(`TRUNCATE "Ticket" CASCADE`);
    const rows = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "ServiceDashboardRollup"`);
    expect(rows[0].n).toBe(0);
    fixClock(NOW);
    await insertTickets(60, NOW.getTime());
    await expectSameFigures(NOW);
  }, 120_000);
});

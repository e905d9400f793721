import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "@/lib/platform/auth/permissions";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { NotAllowedError } from "@/lib/platform/errors";
import type { TicketPriority, TicketStatus, Tier } from "@/lib/platform/enums";
import {
  type DurationFigure,
  getServiceDashboard,
  resolveServicePeriod,
  type ServiceDashboard,
  type ServiceFilters,
  serviceFiltersSchema,
  type TicketCount,
} from "@/lib/dashboards/service";
import { listTickets } from "@/lib/tickets/queries";
import { parseTicketListQuery } from "@/lib/tickets/rules/list-query";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * A hand-built service desk whose every figure is worked out below by hand. "Now" is 2026-06-15 12:00
 * UTC (pinned with fixClock) and the period is June 2026, so a target "fell due" when its instant is in
 * June and not after now.
 */
const NOW = new Date("2026-06-15T12:00:00Z");
const JUNE: ServiceFilters = { from: "2026-06", to: "2026-06" };
const at = (iso: string) => new Date(`${iso}:00Z`);

let db: TestDatabase;
let people: People;
let agent2: Actor;
let agent3: Actor;
let supportTeam: number;

type T = {
  who: Actor | null;
  status: TicketStatus;
  priority: TicketPriority;
  category: string;
  tier: Tier | null;
  created: string;
  fr?: string;
  frDue?: string;
  resolved?: string;
  due?: string;
  paused?: string;
  sat?: number;
  satAt?: string;
};

async function ticket(customerId: number, t: T): Promise<void> {
  await db.prisma.ticket.create({
    data: {
      customerId,
      subject: `${t.priority} ${t.category} ${t.created}`,
      status: t.status,
      priority: t.priority,
      category: t.category,
      tier: t.tier,
      assigneeId: t.who?.id ?? null,
      createdAt: at(t.created),
      firstResponseAt: t.fr ? at(t.fr) : null,
      firstResponseDueAt: t.frDue ? at(t.frDue) : null,
      resolvedAt: t.resolved ? at(t.resolved) : null,
      closedAt: t.status === "CLOSED" && t.resolved ? at(t.resolved) : null,
      slaDueAt: t.due ? at(t.due) : null,
      slaPausedAt: t.paused ? at(t.paused) : null,
      satisfaction: t.sat ?? null,
      satisfactionAt: t.satAt ? at(t.satAt) : null,
    },
  });
}

beforeAll(async () => {
  fixClock(NOW);
  db = await createTestDatabase();
  people = await createPeople(db);
  const service = people.agent.teamId;
  supportTeam = (await db.prisma.team.create({ data: { name: "Support" } })).id;
  const user = async (email: string, teamId: number | null): Promise<Actor> => {
    const u = await db.prisma.user.create({ data: { email, name: email.split("@")[0], role: "AGENT", teamId, passwordHash: "x" } });
    return { id: u.id, role: u.role, teamId: u.teamId };
  };
  agent2 = await user("agent2@test.local", service);
  agent3 = await user("agent3@test.local", supportTeam);
  const customer = (await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Acme", region: "North" } })).id;
  const { agent } = people;

  // Open now (ages from now): O1 2 h, O2 2 days, O3 5 days, O4 10 days, O5 exactly 1 day.
  // O1: response due passed unanswered, resolution due passed (breached).
  await ticket(customer, { who: agent, status: "IN_PROGRESS", priority: "P1", category: "technical", tier: "VIP", created: "2026-06-15T10:00", frDue: "2026-06-15T11:00", due: "2026-06-15T11:30" });
  // O2: answered in 1 h (met); resolution due still ahead (not yet fallen due, not breached).
  await ticket(customer, { who: agent, status: "ASSIGNED", priority: "P2", category: "billing", tier: "MAJOR", created: "2026-06-13T12:00", fr: "2026-06-13T13:00", frDue: "2026-06-13T14:00", due: "2026-06-15T17:00" });
  // O3: answered in 0.5 h (met), reopened past its resolution due (breached).
  await ticket(customer, { who: agent2, status: "REOPENED", priority: "P1", category: "technical", tier: "VIP", created: "2026-06-10T12:00", fr: "2026-06-10T12:30", frDue: "2026-06-10T13:00", due: "2026-06-12T12:00" });
  // O4: in the queue, no targets, no tier.
  await ticket(customer, { who: null, status: "NEW", priority: "P3", category: "general", tier: null, created: "2026-06-05T12:00" });
  // O5: answered in 2 h (met); waiting on the customer since before its resolution due instant, which
  // has passed: paused, not breached (as the list says), and not fallen due for compliance either,
  // since its clock stopped before the due instant.
  await ticket(customer, { who: agent3, status: "WAITING_ON_CUSTOMER", priority: "P4", category: "technical", tier: "SMALL", created: "2026-06-14T12:00", fr: "2026-06-14T14:00", frDue: "2026-06-14T16:00", due: "2026-06-14T18:00", paused: "2026-06-14T15:00" });

  // Resolved in June. Response h / resolution h / response SLA / resolution SLA / CSAT:
  // R1 1 / 10 / met / missed / 4
  await ticket(customer, { who: agent, status: "RESOLVED", priority: "P2", category: "technical", tier: "VIP", created: "2026-06-01T00:00", fr: "2026-06-01T01:00", frDue: "2026-06-01T02:00", resolved: "2026-06-01T10:00", due: "2026-06-01T08:00", sat: 4, satAt: "2026-06-01T12:00" });
  // R2 3 / 20 / missed / met / 5
  await ticket(customer, { who: agent, status: "CLOSED", priority: "P3", category: "billing", tier: "MAJOR", created: "2026-06-02T00:00", fr: "2026-06-02T03:00", frDue: "2026-06-02T02:00", resolved: "2026-06-02T20:00", due: "2026-06-03T00:00", sat: 5, satAt: "2026-06-03T00:00" });
  // R3 0.5 / 4 / met / met at the very due instant / 2
  await ticket(customer, { who: agent2, status: "RESOLVED", priority: "P1", category: "technical", tier: "VIP", created: "2026-06-03T00:00", fr: "2026-06-03T00:30", frDue: "2026-06-03T01:00", resolved: "2026-06-03T04:00", due: "2026-06-03T04:00", sat: 2, satAt: "2026-06-03T05:00" });
  // R4 2 / 50 / met / missed / not rated
  await ticket(customer, { who: agent3, status: "CLOSED", priority: "P3", category: "general", tier: null, created: "2026-06-05T00:00", fr: "2026-06-05T02:00", frDue: "2026-06-05T04:00", resolved: "2026-06-07T02:00", due: "2026-06-07T00:00" });
  // R5 opened and answered in May; resolved in June after 360 h, missing its June due; rated 3 (no
  // rating time: it counts at the resolution).
  await ticket(customer, { who: agent, status: "CLOSED", priority: "P2", category: "technical", tier: "VIP", created: "2026-05-20T00:00", fr: "2026-05-20T01:00", frDue: "2026-05-20T02:00", resolved: "2026-06-04T00:00", due: "2026-06-03T00:00", sat: 3 });
  // R6 entirely in April.
  await ticket(customer, { who: agent, status: "CLOSED", priority: "P4", category: "billing", tier: "SMALL", created: "2026-04-01T00:00", fr: "2026-04-01T01:00", frDue: "2026-04-01T02:00", resolved: "2026-04-02T00:00", due: "2026-04-03T00:00", sat: 1 });
});
afterAll(async () => {
  resetClock();
  await db.close();
});

const get = (actor: Actor, filters: ServiceFilters = {}) => getServiceDashboard(actor, { ...JUNE, ...filters });
const cells = (d: ServiceDashboard) => Object.fromEntries(d.backlog.byPriority.map((p) => [p.priority, p.cells.map((c) => c.count.count)]));
const sla = (s: { met: TicketCount; due: TicketCount; rate: number | null }) => [s.met.count, s.due.count, s.rate];

describe("filters and period", () => {
  test("malformed URL values are dropped, good ones kept", () => {
    expect(serviceFiltersSchema.parse({ period: "5d", from: "2026-13", to: "June", team: "abc", agent: "-1", category: "nope", tier: "GOLD", priority: "P9" })).toEqual({});
    expect(serviceFiltersSchema.parse({ period: "90d", team: "3", agent: "7", category: "billing", tier: "VIP", priority: "P1" })).toEqual({
      period: "90d",
      team: 3,
      agent: 7,
      category: "billing",
      tier: "VIP",
      priority: "P1",
    });
  });

  test("presets count back from now (default 30 days); months are whole UTC months; a preset wins", () => {
    expect(resolveServicePeriod({}, NOW)).toMatchObject({ preset: "30d", start: "2026-05-16T12:00:00.000Z", end: NOW.toISOString(), bucket: "day" });
    expect(resolveServicePeriod({ period: "90d", from: "2020-01" }, NOW)).toMatchObject({ preset: "90d", bucket: "week" });
    expect(resolveServicePeriod({ from: "2026-06", to: "2026-01" }, NOW)).toMatchObject({
      preset: null,
      fromMonth: "2026-01",
      toMonth: "2026-06",
      start: "2026-01-01T00:00:00.000Z",
      end: "2026-07-01T00:00:00.000Z",
      lastDay: "2026-06-30",
      bucket: "month",
    });
    expect(resolveServicePeriod({ from: "2026-03" }, NOW)).toMatchObject({ fromMonth: "2026-03", toMonth: "2026-06" });
    expect(resolveServicePeriod({ from: "2020-01", to: "2029-12" }, NOW).toMonth).toBe("2022-12");
  });
});

describe("manager: every ticket", () => {
  test("backlog by priority and age, breached open tickets", async () => {
    const d = await get(people.managerEast);
    expect(d.scope).toBe("all");
    expect(d.asOf).toBe(NOW.toISOString());
    expect(d.backlog.total.count).toBe(5);
    expect(d.backlog.breached.count).toBe(2);
    // Columns: < 1 day, 1–3 days, 3–7 days, > 7 days (O5, exactly one day old, is in 1–3 days).
    expect(cells(d)).toEqual({ P1: [1, 0, 1, 0], P2: [0, 1, 0, 0], P3: [0, 0, 0, 1], P4: [0, 1, 0, 0] });
    expect(d.backlog.byPriority.map((p) => p.total.count)).toEqual([2, 1, 1, 1]);
    expect(d.backlog.byAge.map((a) => a.total.count)).toEqual([1, 2, 1, 1]);
    expect(d.empty).toBe(false);
  });

  test("SLA compliance over targets that fell due in the period", async () => {
    const d = await get(people.managerEast);
    // Response: O1 missed, O2 O3 O5 R1 R3 R4 met, R2 missed (R5's and R6's fell due outside June).
    expect(sla(d.totals.responseSla)).toEqual([6, 8, 0.75]);
    // Resolution: O1 O3 R1 R4 R5 missed, R2 R3 met; O2 not yet due, O5 paused before its due.
    expect(sla(d.totals.resolutionSla)).toEqual([2, 7, 2 / 7]);
  });

  test("response and resolution times: median and p90 by percentile_cont, in wall-clock hours", async () => {
    const d = await get(people.managerEast);
    // 0.5 0.5 1 1 2 2 3: median the 4th; p90 at position 5.4 = 2 + 0.4 × (3 − 2).
    expect(d.totals.responseTime.count).toBe(7);
    expect(d.totals.responseTime.medianHours).toBeCloseTo(1, 10);
    expect(d.totals.responseTime.p90Hours).toBeCloseTo(2.4, 10);
    // 4 10 20 50 360: median 20; p90 at position 3.6 = 50 + 0.6 × (360 − 50) = 236.
    expect(d.totals.resolutionTime).toMatchObject({ count: 5 });
    expect(d.totals.resolutionTime.medianHours).toBeCloseTo(20, 10);
    expect(d.totals.resolutionTime.p90Hours).toBeCloseTo(236, 10);
    expect(d.totals.resolved.count).toBe(5);
    expect(d.totals.opened.count).toBe(9);
  });

  test("CSAT: average, count, share of 4s and 5s, distribution (a rating counts at its time, else at the resolution)", async () => {
    const d = await get(people.managerEast);
    expect(d.totals.csat.count.count).toBe(4);
    expect(d.totals.csat.average).toBeCloseTo(3.5, 10);
    expect(d.totals.csat.satisfiedShare).toBeCloseTo(0.5, 10);
    expect(d.totals.csat.distribution.map((s) => s.count)).toEqual([0, 1, 1, 1, 1]);
  });

  test("per agent, team, category and tier", async () => {
    const d = await get(people.managerEast);
    const row = (r: ServiceDashboard["byAgent"][number]) => ({
      open: r.open.count,
      breached: r.breachedOpen.count,
      opened: r.opened.count,
      resolved: r.resolved.count,
      resolution: sla(r.resolutionSla),
      response: sla(r.responseSla),
      median: r.resolutionTime.medianHours,
      csat: [r.csat.average, r.csat.count.count],
    });
    expect(d.byAgent.map((r) => r.key)).toEqual([people.agent.id, agent2.id, agent3.id, null]);
    expect(d.byAgent.map((r) => r.name)).toEqual(["agent", "agent2", "agent3", null]);
    expect(row(d.byAgent[0])).toEqual({ open: 2, breached: 1, opened: 4, resolved: 3, resolution: [1, 4, 0.25], response: [2, 4, 0.5], median: 20, csat: [4, 3] });
    expect(row(d.byAgent[1])).toEqual({ open: 1, breached: 1, opened: 2, resolved: 1, resolution: [1, 2, 0.5], response: [2, 2, 1], median: 4, csat: [2, 1] });
    expect(row(d.byAgent[2])).toEqual({ open: 1, breached: 0, opened: 2, resolved: 1, resolution: [0, 1, 0], response: [2, 2, 1], median: 50, csat: [null, 0] });
    expect(row(d.byAgent[3])).toEqual({ open: 1, breached: 0, opened: 1, resolved: 0, resolution: [0, 0, null], response: [0, 0, null], median: null, csat: [null, 0] });

    // Teams are the assignees' teams: Service (agent, agent2), Support (agent3), none (the queue).
    expect(d.byTeam.map((r) => [r.name, r.open.count, r.resolved.count, r.resolutionTime.medianHours])).toEqual([
      ["Service", 3, 4, 15],
      ["Support", 1, 1, 50],
      [null, 1, 0, null],
    ]);
    expect(d.byCategory.map((r) => [r.key, r.open.count, r.resolved.count, r.csat.count.count])).toEqual([
      ["technical", 3, 3, 3],
      ["billing", 1, 1, 1],
      ["general", 1, 1, 0],
    ]);
    expect(d.byTier.map((r) => [r.key, r.open.count, r.resolved.count, sla(r.resolutionSla)])).toEqual([
      ["VIP", 2, 3, [1, 5, 0.2]],
      ["MAJOR", 1, 1, [1, 1, 1]],
      ["SMALL", 1, 0, [0, 0, null]],
      [null, 1, 1, [0, 1, 0]],
    ]);
  });

  test("the trend has every day of June; each event counts on its own day", async () => {
    const d = await get(people.managerEast);
    expect(d.period.bucket).toBe("day");
    expect(d.trend).toHaveLength(30);
    expect(d.trend[0].start).toBe("2026-06-01");
    const first = d.trend[0];
    expect([first.opened.count, first.resolved.count, sla(first.responseSla), sla(first.resolutionSla), first.csat.average]).toEqual([1, 1, [1, 1, 1], [0, 1, 0], 4]);
    expect(d.trend.reduce((s, b) => s + b.opened.count, 0)).toBe(9);
    expect(d.trend.reduce((s, b) => s + b.resolutionSla.due.count, 0)).toBe(7);
    expect(d.trend.find((b) => b.start === "2026-06-04")?.resolutionTime.medianHours).toBeCloseTo(360, 10);
  });

  test("filters narrow every figure: category technical", async () => {
    const d = await get(people.managerEast, { category: "technical" });
    expect(d.backlog.total.count).toBe(3);
    expect(d.backlog.breached.count).toBe(2);
    expect(cells(d)).toEqual({ P1: [1, 0, 1, 0], P2: [0, 0, 0, 0], P3: [0, 0, 0, 0], P4: [0, 1, 0, 0] });
    expect(d.totals.opened.count).toBe(5);
    expect(d.totals.resolved.count).toBe(3);
    expect(d.totals.resolutionTime.medianHours).toBeCloseTo(10, 10);
    expect(sla(d.totals.resolutionSla)).toEqual([1, 5, 0.2]);
    expect(sla(d.totals.responseSla)).toEqual([4, 5, 0.8]);
    expect([d.totals.csat.average, d.totals.csat.count.count]).toEqual([3, 3]);
    expect(d.byCategory.map((r) => r.key)).toEqual(["technical"]);
    expect(d.byAgent.map((r) => r.key)).toEqual([people.agent.id, agent2.id, agent3.id]);
  });

  test("filters narrow every figure: tier VIP, team, agent, priority", async () => {
    const vip = await get(people.managerEast, { tier: "VIP" });
    expect([vip.backlog.total.count, vip.backlog.breached.count, vip.totals.resolved.count, vip.totals.csat.average]).toEqual([2, 2, 3, 3]);
    expect(vip.byTier.map((r) => r.key)).toEqual(["VIP"]);
    const support = await get(people.managerEast, { team: supportTeam });
    expect([support.backlog.total.count, support.totals.opened.count, support.totals.resolved.count]).toEqual([1, 2, 1]);
    expect(support.byAgent.map((r) => r.key)).toEqual([agent3.id]);
    const one = await get(people.managerEast, { agent: agent2.id });
    expect([one.backlog.total.count, one.totals.resolved.count, one.totals.csat.average]).toEqual([1, 1, 2]);
    const p1 = await get(people.managerEast, { priority: "P1" });
    expect([p1.backlog.total.count, p1.totals.resolved.count, p1.totals.resolutionTime.medianHours]).toEqual([2, 1, 4]);
  });

  test("options: teams that have agents and the active agents; nothing in a period without tickets is empty", async () => {
    const d = await get(people.admin);
    expect(d.options.teams.map((t) => t.name)).toEqual(["Service", "Support"]);
    expect(d.options.agents.map((a) => a.id)).toEqual([people.agent.id, agent2.id, agent3.id]);
    const none = await get(people.admin, { category: "orders" });
    expect(none.empty).toBe(true);
  });
});

describe("scopes", () => {
  test("an agent sees only the tickets assigned to them, whatever the URL asks", async () => {
    for (const filters of [{}, { agent: agent2.id }, { team: supportTeam }]) {
      const d = await get(people.agent, filters);
      expect(d.scope).toBe("own");
      expect(d.filters.agent).toBeUndefined();
      expect(d.backlog.total.count).toBe(2);
      expect(cells(d)).toEqual({ P1: [1, 0, 0, 0], P2: [0, 1, 0, 0], P3: [0, 0, 0, 0], P4: [0, 0, 0, 0] });
      expect(d.backlog.breached.count).toBe(1);
      expect(sla(d.totals.resolutionSla)).toEqual([1, 4, 0.25]);
      expect(d.totals.resolutionTime.medianHours).toBeCloseTo(20, 10);
      expect([d.totals.csat.average, d.totals.csat.count.count]).toEqual([4, 3]);
      expect(d.byAgent.map((r) => r.key)).toEqual([people.agent.id]);
      expect(d.options.agents).toEqual([]);
      expect(d.options.teams).toEqual([]);
    }
  });

  test("a rep is refused and the refusal is logged", async () => {
    const denied = () => db.prisma.auditLog.count({ where: { action: "DENIED", entity: "ServiceDashboard", userId: people.repEast.id } });
    const before = await denied();
    await expect(get(people.repEast)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await denied()).toBe(before + 1);
  });
});

describe("drill-downs: the ticket list behind a count", () => {
  const listed = async (actor: Actor, params: string) => (await listTickets(actor, parseTicketListQuery(Object.fromEntries(new URLSearchParams(params))))).total;

  /** Every count in the DTO with its drill-down. */
  function countsOf(d: ServiceDashboard): [string, TicketCount][] {
    const out: [string, TicketCount][] = [];
    const walk = (value: unknown, path: string) => {
      if (typeof value !== "object" || value === null) return;
      if ("count" in value && "drill" in value && typeof (value as TicketCount).count === "number") {
        out.push([path, value as TicketCount]);
        return;
      }
      for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    };
    walk({ backlog: d.backlog, totals: d.totals, trend: d.trend, byAgent: d.byAgent, byTeam: d.byTeam, byCategory: d.byCategory, byTier: d.byTier }, "");
    return out;
  }

  test.each<[string, () => Actor, () => ServiceFilters]>([
    ["manager, everything", () => people.managerEast, () => ({})],
    ["manager, category technical", () => people.managerEast, () => ({ category: "technical" })],
    ["admin, tier VIP and priority P1", () => people.admin, () => ({ tier: "VIP", priority: "P1" })],
    ["admin, one agent", () => people.admin, () => ({ agent: agent2.id })],
    ["admin, team Support", () => people.admin, () => ({ team: supportTeam })],
    ["agent, own figures", () => people.agent, () => ({})],
  ])("%s: exact drill-downs list the same count, the others a superset", async (_, actor, extra) => {
    const d = await get(actor(), extra());
    const counts = countsOf(d);
    let exact = 0;
    for (const [path, c] of counts) {
      const total = await listed(actor(), c.drill.params);
      if (c.drill.exact) {
        exact++;
        expect(total, `${path} ${c.drill.params}`).toBe(c.count);
      } else expect(total, `${path} ${c.drill.params}`).toBeGreaterThanOrEqual(c.count);
    }
    expect(exact).toBeGreaterThan(0);
  });

  test("the backlog's exact figures: open, breached, per priority, per agent, per category", async () => {
    const d = await get(people.managerEast);
    expect(d.backlog.total.drill).toEqual({ params: "status=open", exact: true });
    expect(d.backlog.breached.drill).toEqual({ params: "status=open&sla=breached", exact: true });
    expect(d.backlog.byPriority[0].total.drill).toEqual({ params: "status=open&priority=P1", exact: true });
    expect(d.backlog.byPriority[0].cells[0].count.drill.exact).toBe(false);
    expect(d.byAgent[3].open.drill).toEqual({ params: "status=open&assignee=unassigned", exact: true });
    expect(d.byTeam[0].open.drill.exact).toBe(false);
    expect(d.totals.resolved.drill).toEqual({ params: "status=all", exact: false });
    const mine = await get(people.agent);
    expect(mine.backlog.total.drill).toEqual({ params: "status=open&assignee=me", exact: true });
  });
});

describe("exact medians and p90s through the database (March 2026, constructed)", () => {
  const MARCH: ServiceFilters = { from: "2026-03", to: "2026-03" };
  const H = 3_600_000;
  let customer: number;

  /** A closed ticket opened at `opened`, answered and resolved `responseMs` / `resolutionMs` later (millisecond precision). */
  async function closed(who: Actor, category: string, tier: Tier | null, opened: string, responseMs: number, resolutionMs: number): Promise<void> {
    const createdAt = new Date(opened);
    await db.prisma.ticket.create({
      data: {
        customerId: customer,
        subject: `March ${category} ${opened}`,
        status: "CLOSED",
        priority: "P3",
        category,
        tier,
        assigneeId: who.id,
        createdAt,
        firstResponseAt: new Date(createdAt.getTime() + responseMs),
        resolvedAt: new Date(createdAt.getTime() + resolutionMs),
        closedAt: new Date(createdAt.getTime() + resolutionMs),
      },
    });
  }

  beforeAll(async () => {
    customer = (await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "March Co", region: "North" } })).id;
    const { agent } = people;
    // agent (Service): resolutions 1 2 2 5 h (an even count with a tie), responses 0.25 0.5 0.5 1 h.
    await closed(agent, "technical", "VIP", "2026-03-10T08:00:00.000Z", 0.25 * H, 1 * H);
    await closed(agent, "technical", "VIP", "2026-03-10T09:00:00.000Z", 0.5 * H, 2 * H);
    await closed(agent, "billing", "MAJOR", "2026-03-11T08:00:00.000Z", 0.5 * H, 2 * H);
    await closed(agent, "billing", null, "2026-03-12T08:00:00.000Z", 1 * H, 5 * H);
    // agent2 (Service): one ticket, 7.5 h (every percentile is that value).
    await closed(agent2, "technical", "MAJOR", "2026-03-12T09:00:00.000Z", 2 * H, 7.5 * H);
    // agent3 (Support): millisecond apart, 3 h + 1 ms and 3 h + 3 ms; responses 1 h + 1 ms and 1 h + 2 ms.
    await closed(agent3, "account", "SMALL", "2026-03-20T10:00:00.000Z", H + 1, 3 * H + 1);
    await closed(agent3, "account", "SMALL", "2026-03-20T11:00:00.123Z", H + 2, 3 * H + 3);
  });

  const hours = (ms: number) => ms / H;
  /** Count exactly; median and p90 to 12 decimals (interpolation rounds in the last bit). */
  const expectTimes = (f: DurationFigure, count: number, median: number | null, p90: number | null) => {
    expect(f.count).toBe(count);
    for (const [got, want] of [
      [f.medianHours, median],
      [f.p90Hours, p90],
    ]) {
      if (want === null) expect(got).toBeNull();
      else expect(got).toBeCloseTo(want, 12);
    }
  };

  test("per agent, team, tier, category and day, as percentile_cont defines them", async () => {
    const d = await get(people.managerEast, MARCH);
    // All seven: 1 2 2 3h+1ms 3h+3ms 5 7.5 -> median the 4th; p90 at 5.4 = 5 + 0.4 × 2.5 = 6.
    expectTimes(d.totals.resolutionTime, 7, hours(3 * H + 1), 6);
    const byAgent = Object.fromEntries(d.byAgent.map((r) => [r.key, r]));
    // 1 2 2 5: median (2 + 2) / 2, p90 at 2.7 = 2 + 0.7 × 3.
    expect(byAgent[people.agent.id].resolutionTime.medianHours).toBe(2);
    expect(byAgent[people.agent.id].resolutionTime.p90Hours).toBeCloseTo(4.1, 12);
    // 0.25 0.5 0.5 1: median 0.5, p90 at 2.7 = 0.5 + 0.7 × 0.5.
    expect(byAgent[people.agent.id].responseTime.medianHours).toBe(0.5);
    expect(byAgent[people.agent.id].responseTime.p90Hours).toBeCloseTo(0.85, 12);
    expectTimes(byAgent[agent2.id].resolutionTime, 1, 7.5, 7.5);
    // Two values a few milliseconds apart: the median is their mean, to the millisecond.
    expect(byAgent[agent3.id].resolutionTime.medianHours).toBeCloseTo(hours(3 * H + 2), 12);
    expect(byAgent[agent3.id].resolutionTime.p90Hours).toBeCloseTo(hours(3 * H + 2.8), 12);
    expect(byAgent[agent3.id].responseTime.medianHours).toBeCloseTo(hours(H + 1.5), 12);
    // Teams: Service holds agent and agent2 (1 2 2 5 7.5), Support agent3; the open queue has no team.
    expect(d.byTeam.map((r) => r.name)).toEqual(["Service", "Support", null]);
    expectTimes(d.byTeam[0].resolutionTime, 5, 2, 6.5);
    expectTimes(d.byTeam[1].resolutionTime, 2, hours(3 * H + 2), hours(3 * H + 2.8));
    expectTimes(d.byTeam[2].resolutionTime, 0, null, null);
    // Tiers: VIP 1 2; MAJOR 2 7.5; SMALL agent3's two; none 5.
    expect(d.byTier.map((r) => [r.key, r.resolutionTime.count, r.resolutionTime.medianHours])).toEqual([
      ["VIP", 2, 1.5],
      ["MAJOR", 2, 4.75],
      ["SMALL", 2, hours(3 * H + 2)],
      [null, 1, 5],
    ]);
    expect(d.byCategory.map((r) => [r.key, r.resolutionTime.medianHours])).toEqual([
      ["technical", 2],
      ["billing", 3.5],
      ["account", hours(3 * H + 2)],
      // In the backlog (open now), nothing resolved in March.
      ["general", null],
    ]);
    // Each duration counts on the day of its event: resolved on the 10th: 1 2; the 12th: 5 7.5.
    const day = (iso: string) => d.trend.find((b) => b.start === iso);
    expectTimes(day("2026-03-10")!.resolutionTime, 2, 1.5, 1.9);
    expectTimes(day("2026-03-12")!.resolutionTime, 2, 6.25, 7.25);
    expectTimes(day("2026-03-15")!.resolutionTime, 0, null, null);
    expect(d.trend.reduce((s, b) => s + b.responseTime.count, 0)).toBe(7);
  });

  test("the same figures as the database's own percentile_cont, per agent and in all", async () => {
    const d = await get(people.managerEast, MARCH);
    const start = new Date("2026-03-01T00:00:00Z");
    const end = new Date("2026-04-01T00:00:00Z");
    const rows = await db.prisma.$queryRaw<{ agent: number | null; total: boolean; n: number; p50: number; p90: number }[]>`
      SELECT "assigneeId" AS agent, GROUPING("assigneeId") = 1 AS total, count(*)::int AS n,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ("resolvedAt" - "createdAt"))::float8 / 3600) AS p50,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM ("resolvedAt" - "createdAt"))::float8 / 3600) AS p90
      FROM "Ticket" WHERE "resolvedAt" >= ${start} AND "resolvedAt" < ${end}
      GROUP BY GROUPING SETS (("assigneeId"), ())`;
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      const figure = r.total ? d.totals.resolutionTime : d.byAgent.find((a) => a.key === r.agent)!.resolutionTime;
      expect(figure.count).toBe(r.n);
      expect(figure.medianHours).toBeCloseTo(r.p50, 12);
      expect(figure.p90Hours).toBeCloseTo(r.p90, 12);
    }
  });
});

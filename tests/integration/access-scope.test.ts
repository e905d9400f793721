import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Action, type Actor, can, type RecordRef } from "@/lib/platform/auth/permissions";
import { accessWhere, pickableUsers, SELLER_ROLES, teamOwnedRef } from "@/lib/platform/auth/scope-filters";
import { getOpportunity, getOpportunityFormOptions, getOpportunityRelated, listOpportunities } from "@/lib/opportunities/mutations";
import { getAppointment, listAppointments, listCalendarPeople, listInvitees } from "@/lib/calendar/queries";
import { getBoard } from "@/lib/opportunities/board";
import { getCustomer360Sections } from "@/lib/customers/customer-360-sections";
import { iterateCustomers, listCustomers } from "@/lib/customers/queries";
import { getBulkTargets, listRecycleBin } from "@/lib/customers/mutations";
import { NotAllowedError } from "@/lib/platform/errors";
import { globalSearch, type SearchHit } from "@/lib/search/queries";
import { getLead, listLeadAssignees, listLeadCreateOwners, listLeads } from "@/lib/leads/mutations";
import { getPartnerDetail, listPartnerReport } from "@/lib/partners/mutations";
import { getPipelineDashboard } from "@/lib/dashboards/pipeline";
import { getQuote } from "@/lib/quotes/mutations";
import { getRepHome } from "@/lib/home/queries";
import { getTargetGrid } from "@/lib/dashboards/targets";
import { getTask, listTasks } from "@/lib/tasks/queries";
import { getValueDashboard } from "@/lib/dashboards/value";
import { parseListQuery } from "@/lib/customers/rules/list-query";
import { parseLeadListQuery } from "@/lib/leads/rules/list-query";
import { parseOpportunityQuery } from "@/lib/opportunities/rules/list-query";
import { OPEN_STAGES } from "@/lib/opportunities/rules/stages";
import type { Role } from "@/lib/generated/prisma/enums";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { TEST_NOW } from "../support/clock";
import { createPeople } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * The differential test of the access-scope module: for every entity, role and action, what each
 * list, count, search, board, dashboard and picker returns is EXACTLY the set of records for which
 * `can(actor, action, record)` holds, the expected set being computed by calling can() on every
 * record of a fixture spread over two sales teams, a service team, a teamless manager, owners,
 * assignees, attendees and unassigned records.
 */
const DAY = 86_400_000;
const NOW = TEST_NOW; // 2026-06-10T02:00Z
const PERIOD = { from: new Date("2026-04-01T00:00:00Z"), to: new Date("2026-07-01T00:00:00Z") };
const CAL_FROM = new Date("2030-01-10T00:00:00Z");
const CAL_TO = new Date("2030-01-11T00:00:00Z");

let db: TestDatabase;
type Named = Actor & { name: string };
/** The actors, one per situation a scope distinguishes: every role, both sales teams, a manager without a team. */
const ACTOR_KEYS = ["admin", "managerEast", "managerWest", "loner", "repEast", "repEast2", "repWest", "agent"] as const;
type ActorKey = (typeof ACTOR_KEYS)[number];
let actors: Record<ActorKey, Named>;
let users: { id: number; name: string; role: Role; teamId: number | null; active: boolean }[];
let teams: { east: number; west: number; service: number };
const teamOf = new Map<number, number | null>();

/** The owner's team as the database says it (User.teamId), as the DAL fills RecordRef. */
const ownerRef = (ownerId: number | null): RecordRef => ({ ownerId, ownerTeamId: ownerId === null ? null : (teamOf.get(ownerId) ?? null) });

type Fixture = {
  customers: { id: number; name: string; ownerId: number | null }[];
  deleted: { id: number; ownerId: number | null }[];
  leads: { id: number; name: string; ownerId: number | null; teamId: number | null }[];
  opps: { id: number; name: string; ownerId: number; customerId: number; open: boolean; partnerId: number | null }[];
  quotes: { id: number; ownerId: number }[];
  tasks: { id: number; ownerId: number; opportunityId: number | null }[];
  appointments: { id: number; ownerId: number; attendeeIds: number[] }[];
  tickets: { id: number; subject: string; customerOwnerId: number | null }[];
  contacts: { id: number; name: string }[];
  cube: { ownerId: number | null; customers: number }[];
  upgrade: { customerId: number; ownerId: number | null }[];
  partner: number;
};
let fx: Fixture;

/** Records share a search token in groups of four, below the palette's five hits per kind. */
const token = (i: number) => `g${String(Math.floor(i / 4)).padStart(2, "0")}z`;

beforeAll(async () => {
  fixClock(NOW);
  db = await createTestDatabase();
  const people = await createPeople(db);
  const east = people.managerEast.teamId!;
  const west = people.repWest.teamId!;
  const service = people.agent.teamId!;
  teams = { east, west, service };
  const make = async (email: string, role: Role, teamId: number | null, active = true) => {
    const u = await db.prisma.user.create({ data: { email, name: email.split("@")[0], role, teamId, active, passwordHash: "x" } });
    return { id: u.id, role: u.role, teamId: u.teamId };
  };
  const managerWest = await make("manager.west@test.local", "MANAGER", west);
  const loner = await make("manager.loner@test.local", "MANAGER", null);
  await make("rep.east.gone@test.local", "REP", east, false);
  users = await db.prisma.user.findMany({ select: { id: true, name: true, role: true, teamId: true, active: true }, orderBy: { id: "asc" } });
  for (const u of users) teamOf.set(u.id, u.teamId);
  const nameOf = (id: number) => users.find((u) => u.id === id)!.name;
  const byKey: Record<ActorKey, Actor> = { ...people, managerWest, loner };
  actors = Object.fromEntries(ACTOR_KEYS.map((k) => [k, { ...byKey[k], name: nameOf(byKey[k].id) }])) as Record<ActorKey, Named>;
  const base = ACTOR_KEYS.map((k) => byKey[k]);

  const owners: (number | null)[] = [null, ...base.map((a) => a.id)];
  const sellers = [people.admin, people.managerEast, people.repEast, people.repEast2, people.repWest, managerWest, loner].map((a) => a.id);

  // Customers: two per owner (and two unowned), plus one recently deleted per owner for the recycle bin.
  const customers: Fixture["customers"] = [];
  for (const [i, ownerId] of [...owners, ...owners].entries()) {
    const name = `Customer ${token(i)} ${i}`;
    const c = await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name, region: "East China", ownerId } });
    customers.push({ id: c.id, name, ownerId });
  }
  const deleted: Fixture["deleted"] = [];
  for (const ownerId of owners) {
    const c = await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: `Gone ${ownerId}`, region: "East China", ownerId, deletedAt: new Date(NOW.getTime() - 3 * DAY) } });
    deleted.push({ id: c.id, ownerId });
  }

  // Leads: owned by everyone, and unowned ones waiting in either sales team's queue or in none.
  const leadSpecs: { ownerId: number | null; teamId: number | null }[] = [
    ...owners.filter((o): o is number => o !== null).map((ownerId) => ({ ownerId, teamId: teamOf.get(ownerId) ?? null })),
    { ownerId: null, teamId: east },
    { ownerId: null, teamId: west },
    { ownerId: null, teamId: null },
  ];
  const leads: Fixture["leads"] = [];
  for (const [i, spec] of leadSpecs.entries()) {
    const name = `Lead ${token(i)} ${i}`;
    const l = await db.prisma.lead.create({ data: { name, source: i % 2 ? "web" : "fair", ...spec, createdAt: new Date("2026-05-01T10:00:00Z") } });
    leads.push({ id: l.id, name, ...spec });
  }

  // Deals: per seller one open (closing in July) and one won in May; every other one through the partner.
  const partner = (await db.prisma.partner.create({ data: { name: "Scope Partner" } })).id;
  const category = await db.prisma.productCategory.create({ data: { name: "Scope category" } });
  const product = await db.prisma.product.create({ data: { sku: "SCOPE-1", name: "Scope product", listPrice: "10.00", unitCost: "4.00", categoryId: category.id } });
  const opps: Fixture["opps"] = [];
  const quotes: Fixture["quotes"] = [];
  for (const [i, ownerId] of [...sellers, ...sellers].entries()) {
    const open = i < sellers.length;
    const name = `Deal ${token(i)} ${i}`;
    const customerId = customers[i % customers.length].id;
    const partnerId = i % 2 === 0 ? partner : null;
    const o = await db.prisma.opportunity.create({
      data: {
        name,
        customerId,
        ownerId,
        amount: "1000.00",
        probability: open ? 50 : 100,
        stage: open ? "PROPOSAL" : "WON",
        expectedCloseDate: new Date("2026-07-15T00:00:00Z"),
        closedAt: open ? null : new Date("2026-05-10T00:00:00Z"),
        createdAt: new Date("2026-04-05T00:00:00Z"),
        lastActivityAt: new Date(NOW.getTime() - (i % 3 === 0 ? 60 : 1) * DAY),
        partnerId,
      },
    });
    opps.push({ id: o.id, name, ownerId, customerId, open, partnerId });
    const q = await db.prisma.quote.create({
      data: { opportunityId: o.id, subtotal: "10.00", total: "10.00", lines: { create: [{ productId: product.id, quantity: 1, unitPrice: "10.00", lineTotal: "10.00" }] } },
    });
    quotes.push({ id: q.id, ownerId });
  }

  // Tasks: everyone's, several on the same deals (a teammate's, another team's) to test the deal page.
  const tasks: Fixture["tasks"] = [];
  for (const [i, ownerId] of [...base.map((a) => a.id), ...base.map((a) => a.id)].entries()) {
    const opportunityId = opps[i % 4].id;
    const t = await db.prisma.task.create({ data: { title: `Task ${i}`, ownerId, dueAt: new Date("2026-06-20T00:00:00Z"), opportunityId } });
    tasks.push({ id: t.id, ownerId, opportunityId });
  }

  // Appointments on one day: everyone's, some with attendees from other teams (seeded: the DAL would refuse them).
  const appointments: Fixture["appointments"] = [];
  for (const [i, owner] of base.entries()) {
    const attendeeIds = i % 2 === 0 ? [base[(i + 3) % base.length].id] : [];
    const startsAt = new Date(CAL_FROM.getTime() + (8 + i) * 3_600_000);
    const a = await db.prisma.appointment.create({
      data: { title: `Meeting ${i}`, ownerId: owner.id, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), attendees: { create: attendeeIds.map((userId) => ({ userId })) } },
    });
    appointments.push({ id: a.id, ownerId: owner.id, attendeeIds });
  }

  // Tickets and contacts on every live customer, named with the customer's token.
  const tickets: Fixture["tickets"] = [];
  const contacts: Fixture["contacts"] = [];
  for (const [i, c] of customers.entries()) {
    const subject = `Ticket ${token(i)} ${i}`;
    const t = await db.prisma.ticket.create({ data: { customerId: c.id, subject, assigneeId: i % 3 === 0 ? people.agent.id : null } });
    tickets.push({ id: t.id, subject, customerOwnerId: c.ownerId });
    const ct = await db.prisma.contact.create({ data: { customerId: c.id, name: `Contact ${token(i)} ${i}` } });
    contacts.push({ id: ct.id, name: `Contact ${token(i)} ${i}` });
  }

  // Targets: a rep's and each sales team's own, in the period.
  await db.prisma.salesTarget.createMany({
    data: [
      { userId: people.repEast.id, month: new Date("2026-05-01T00:00:00Z"), amount: "100.00" },
      { userId: people.repWest.id, month: new Date("2026-05-01T00:00:00Z"), amount: "200.00" },
      { teamId: east, month: new Date("2026-05-01T00:00:00Z"), amount: "1000.00" },
      { teamId: west, month: new Date("2026-05-01T00:00:00Z"), amount: "2000.00" },
    ],
  });

  // A score run: one cube cell per owner (and the unowned), snapshots with upgrade positions.
  const periodEnd = new Date("2026-05-31T00:00:00Z");
  const run = await db.prisma.scoreRun.create({
    data: { periodStart: new Date("2025-06-01T00:00:00Z"), periodEnd, settings: {}, customerCount: customers.length, activeCount: customers.length, durationMs: 0, startedAt: periodEnd },
  });
  const cube = owners.map((ownerId, i) => ({ ownerId, customers: i + 1 }));
  await db.prisma.scoreCube.createMany({
    data: cube.map((c) => ({ runId: run.id, region: "East China", kind: "ENTERPRISE" as const, ownerId: c.ownerId, dimension: "tier", key: "VIP", customers: c.customers, active: c.customers, revenue: "100.00", margin: "10.00", mScoreSum: 0 })),
  });
  const upgrade = customers.slice(0, 9).map((c) => ({ customerId: c.id, ownerId: c.ownerId }));
  await db.prisma.customerScore.createMany({
    data: upgrade.map((u, i) => ({
      customerId: u.customerId,
      runId: run.id,
      periodStart: new Date("2025-06-01T00:00:00Z"),
      periodEnd,
      region: "East China",
      kind: "ENTERPRISE" as const,
      ownerId: u.ownerId,
      frequency: 1,
      monetary: "10.00",
      margin: "1.00",
      rScore: 3,
      fScore: 3,
      mScore: 3,
      rfmCode: "333",
      rfmGroup: "loyal",
      tier: "MEDIUM" as const,
      tierRank: i + 1,
      abcSegment: "B" as const,
      historicalClv: "10.00",
      predictedClv: "20.00",
      lifecycleStage: "BUILD_UP" as const,
      upgradePosition: i + 1,
      upgradeToTier: "MAJOR" as const,
    })),
  });

  fx = { customers, deleted, leads, opps, quotes, tasks, appointments, tickets, contacts, cube, upgrade, partner };
});

afterAll(async () => {
  resetClock();
  await db.close();
});

const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);
const allowedIds = <T extends { id: number }>(rows: T[], actor: Actor, action: Action, ref: (r: T) => RecordRef) => ids(rows.filter((r) => can(actor, action, ref(r))));

/** Lists that refuse a role without the right throw NotAllowedError; the expected set is then empty. */
async function orRefused<T>(actor: Actor, action: Action, run: () => Promise<T[]>): Promise<T[]> {
  if (can(actor, action)) return run();
  await expect(run()).rejects.toBeInstanceOf(NotAllowedError);
  return [];
}

describe.each(ACTOR_KEYS)("%s", (key) => {
  let actor: Named;
  beforeAll(() => {
    actor = actors[key];
  });

  test("customers list, export and recycle bin", async () => {
    const listed: number[] = [];
    let query = parseListQuery({ size: "100" });
    for (let guard = 0; guard < 20; guard++) {
      const page = await listCustomers(actor, query);
      listed.push(...page.items.map((c) => c.id));
      if (!page.next) {
        expect(page.total).toBe(listed.length);
        break;
      }
      query = { ...query, after: parseListQuery({ after: page.next }).after };
    }
    expect(listed.sort((a, b) => a - b)).toEqual(allowedIds(fx.customers, actor, "customer.read", (c) => ownerRef(c.ownerId)));

    const exported: number[] = [];
    for await (const batch of iterateCustomers(actor, parseListQuery({}), 7)) exported.push(...batch.map((c) => c.id));
    expect(exported.sort((a, b) => a - b)).toEqual(allowedIds(fx.customers, actor, "customer.export", (c) => ownerRef(c.ownerId)));

    expect(ids(await listRecycleBin(actor))).toEqual(allowedIds(fx.deleted, actor, "recycleBin.use", (c) => ownerRef(c.ownerId)));
  });

  test("leads list and single reads", async () => {
    const listed = await orRefused(actor, "lead.read", async () => {
      const out: number[] = [];
      for (let page = 1; page < 20; page++) {
        const p = await listLeads(actor, { ...parseLeadListQuery({}), page });
        out.push(...p.items.map((l) => l.id));
        if (page >= p.pages) {
          expect(p.total).toBe(out.length);
          break;
        }
      }
      return out;
    });
    const expected = allowedIds(fx.leads, actor, "lead.read", (l) => ownerRef(l.ownerId));
    expect(listed.sort((a, b) => a - b)).toEqual(expected);
    for (const lead of fx.leads) {
      const got = await getLead(actor, lead.id).catch((error: unknown) => (error instanceof NotAllowedError ? null : Promise.reject(error)));
      expect(got !== null).toBe(expected.includes(lead.id));
    }
  });

  test("opportunities list, board, quotes and single reads", async () => {
    const expected = allowedIds(fx.opps, actor, "opportunity.read", (o) => ownerRef(o.ownerId));
    const listed = await orRefused(actor, "opportunity.read", async () => {
      const p = await listOpportunities(actor, parseOpportunityQuery({}), NOW);
      expect(p.pages).toBe(1);
      expect(p.total).toBe(p.items.length);
      return p.items;
    });
    expect(ids(listed)).toEqual(expected);

    const limits = Object.fromEntries(OPEN_STAGES.map((s) => [s, 300]));
    const board = await orRefused(actor, "opportunity.read", async () => getBoard(actor, { staleDays: 30, limits }, NOW));
    expect(ids(board.flatMap((c) => c.cards))).toEqual(ids(fx.opps.filter((o) => o.open && expected.includes(o.id))));
    expect(board.reduce((n, c) => n + c.count, 0)).toBe(fx.opps.filter((o) => o.open && expected.includes(o.id)).length);

    for (const o of fx.opps) expect((await getOpportunity(actor, o.id)) !== null).toBe(expected.includes(o.id));
    for (const q of fx.quotes) expect((await getQuote(actor, q.id)) !== null).toBe(can(actor, "opportunity.read", ownerRef(q.ownerId)));
  });

  test("the deal page lists only the tasks the actor may read", async () => {
    for (const o of fx.opps.slice(0, 4)) {
      if (!can(actor, "opportunity.read", ownerRef(o.ownerId))) {
        await expect(getOpportunityRelated(actor, o.id)).rejects.toBeInstanceOf(NotAllowedError);
        continue;
      }
      const related = await getOpportunityRelated(actor, o.id);
      expect(ids(related.tasks)).toEqual(allowedIds(fx.tasks.filter((t) => t.opportunityId === o.id), actor, "task.read", (t) => ownerRef(t.ownerId)));
    }
  });

  test("tasks list and single reads", async () => {
    const expected = allowedIds(fx.tasks, actor, "task.read", (t) => ownerRef(t.ownerId));
    const listed: number[] = [];
    for (let page = 1; page < 20; page++) {
      const p = await listTasks(actor, { view: "open", ownerId: null, page, now: NOW, endOfToday: new Date(NOW.getTime() + DAY) });
      listed.push(...p.items.map((t) => t.id));
      if (page >= p.pages) break;
    }
    expect(listed.sort((a, b) => a - b)).toEqual(expected);
    for (const t of fx.tasks) expect((await getTask(actor, t.id)) !== null).toBe(expected.includes(t.id));
  });

  test("calendar: whose calendars, and what shows in detail rather than as busy", async () => {
    const readable = (a: Fixture["appointments"][number]) => can(actor, "appointment.read", ownerRef(a.ownerId)) || a.attendeeIds.includes(actor.id);
    const people = users.filter((u) => u.active && can(actor, "appointment.read", ownerRef(u.id)));
    expect(ids(await listCalendarPeople(actor))).toEqual(ids(people));

    const team = users.filter((u) => can(actor, "appointment.read", ownerRef(u.id)) && (actor.teamId === null ? u.id === actor.id : u.teamId === actor.teamId)).map((u) => u.id);
    const involved = fx.appointments.filter((a) => team.includes(a.ownerId) || a.attendeeIds.some((x) => team.includes(x)));
    const listed = await listAppointments(actor, "team", CAL_FROM, CAL_TO);
    expect(ids(listed)).toEqual(ids(involved));
    expect(ids(listed.filter((a) => !a.busyOnly))).toEqual(ids(involved.filter(readable)));
    expect(listed.filter((a) => a.busyOnly).every((a) => a.title === null && a.attendees.length === 0)).toBe(true);
    for (const a of fx.appointments) expect((await getAppointment(actor, a.id)) !== null).toBe(readable(a));
  });

  test("global search: every kind through its own read rule", async () => {
    const tokens = [...new Set(fx.customers.map((_, i) => token(i)))];
    const hits: SearchHit[] = [];
    for (const t of tokens) hits.push(...(await globalSearch(actor, t)));
    const of = (kind: SearchHit["kind"]) => ids(hits.filter((h) => h.kind === kind));
    expect(of("customer")).toEqual(allowedIds(fx.customers, actor, "customer.read", (c) => ownerRef(c.ownerId)));
    expect(of("contact")).toEqual(ids(fx.contacts.filter(() => can(actor, "customer.read"))));
    expect(of("lead")).toEqual(allowedIds(fx.leads.filter((l) => tokens.some((t) => l.name.includes(t))), actor, "lead.read", (l) => ownerRef(l.ownerId)));
    expect(of("opportunity")).toEqual(allowedIds(fx.opps.filter((o) => tokens.some((t) => o.name.includes(t))), actor, "opportunity.read", (o) => ownerRef(o.ownerId)));
    expect(of("ticket")).toEqual(allowedIds(fx.tickets, actor, "ticket.read", (t) => ownerRef(t.customerOwnerId)));
  });

  test("customer 360: the deals section", async () => {
    for (const c of fx.customers.slice(0, 8)) {
      const sections = await getCustomer360Sections(actor, c.id, ownerRef(c.ownerId) as { ownerId: number | null; ownerTeamId: number | null });
      expect(ids(sections.opportunities)).toEqual(allowedIds(fx.opps.filter((o) => o.customerId === c.id), actor, "opportunity.read", (o) => ownerRef(o.ownerId)));
    }
  });

  test("partner report and detail: over the deals the actor may read", async () => {
    const mine = fx.opps.filter((o) => o.partnerId === fx.partner && can(actor, "opportunity.read", ownerRef(o.ownerId)));
    const report = await orRefused(actor, "partner.read", () => listPartnerReport(actor, PERIOD));
    if (!can(actor, "partner.read")) return;
    expect(report.find((r) => r.id === fx.partner)?.sourced).toBe(mine.length);
    expect(report.find((r) => r.id === fx.partner)?.wonCount).toBe(mine.filter((o) => !o.open).length);
    const detail = await getPartnerDetail(actor, fx.partner, PERIOD);
    expect(ids(detail?.opportunities ?? [])).toEqual(ids(mine));
  });

  test("pipeline dashboard and rep home: the slice's deals and leads", async () => {
    const inSlice = fx.opps.filter((o) => can(actor, "dashboard.pipeline", ownerRef(o.ownerId)));
    // A lead nobody owns counts for the team whose queue it waits in (owned by "the team itself").
    const leadRef = (l: Fixture["leads"][number]) => (l.ownerId === null && l.teamId !== null ? teamOwnedRef(l.teamId) : ownerRef(l.ownerId));
    const leads = fx.leads.filter((l) => can(actor, "dashboard.pipeline", leadRef(l)));
    const dashboards = await orRefused(actor, "dashboard.pipeline", async () => [await getPipelineDashboard(actor, { from: "2026-04", to: "2026-09" }, NOW)]);
    if (dashboards.length > 0) {
      const [d] = dashboards;
      expect(d.totals.openCount).toBe(inSlice.filter((o) => o.open).length);
      expect(d.totals.wonCount).toBe(inSlice.filter((o) => !o.open).length);
      expect(d.conversion.reduce((n, r) => n + r.leads, 0)).toBe(leads.length);
      expect(d.stale.count).toBe(inSlice.filter((o) => o.open && fx.opps.indexOf(o) % 3 === 0).length);
      expect(ids(d.winByRep)).toEqual([...new Set(inSlice.filter((o) => !o.open).map((o) => o.ownerId))].sort((a, b) => a - b));
    }
    const home = await getRepHome(actor, "UTC", NOW);
    expect(home.pipeline.count).toBe(fx.opps.filter((o) => o.open && o.ownerId === actor.id && can(actor, "opportunity.read", ownerRef(o.ownerId))).length);
  });

  test("value dashboard: cube cells and snapshot lists of the slice", async () => {
    const dashboards = await orRefused(actor, "dashboard.value", async () => [await getValueDashboard(actor, {})]);
    if (dashboards.length === 0) return;
    const [d] = dashboards;
    expect(d.totals.customers).toBe(fx.cube.filter((c) => can(actor, "dashboard.value", ownerRef(c.ownerId))).reduce((n, c) => n + c.customers, 0));
    expect(ids(d.options.owners)).toEqual(ids(users.filter((u) => u.active && ["REP", "MANAGER"].includes(u.role) && can(actor, "dashboard.value", ownerRef(u.id)))));
    expect(ids(d.options.teams)).toEqual([teams.east, teams.west, teams.service].filter((t) => can(actor, "dashboard.value", teamOwnedRef(t))).sort((a, b) => a - b));
    expect(d.lists.upgrade.map((c) => c.id).sort((a, b) => a - b)).toEqual(
      fx.upgrade.filter((u) => can(actor, "dashboard.value", ownerRef(u.ownerId))).map((u) => u.customerId).sort((a, b) => a - b),
    );
  });

  test("sales-target grid: the teams whose targets the actor may set", async () => {
    const salesTeams = [teams.east, teams.west];
    const grid = await orRefused(actor, "target.edit", async () => [await getTargetGrid(actor, {}, NOW)]);
    const expected = salesTeams.filter((t) => can(actor, "target.edit", teamOwnedRef(t))).sort((a, b) => a - b);
    expect(grid.flatMap((g) => ids(g.teams))).toEqual(expected);
  });

  test("pickers offer exactly the users the policy lets the actor pick", async () => {
    const pick = (action: Action, roles?: Role[]) => ids(users.filter((u) => u.active && (!roles || roles.includes(u.role)) && can(actor, action, ownerRef(u.id))));
    expect(ids(await listLeadAssignees(actor))).toEqual(pick("lead.edit", SELLER_ROLES));
    expect(ids(await listLeadCreateOwners(actor))).toEqual(pick("lead.create", SELLER_ROLES));
    expect(ids((await getOpportunityFormOptions(actor)).owners)).toEqual(pick("opportunity.edit", SELLER_ROLES));
    expect(ids((await getBulkTargets(actor)).owners)).toEqual(pick("customer.reassign", SELLER_ROLES));
    expect(ids(await pickableUsers(actor, "task.edit"))).toEqual(pick("task.edit"));
    expect(ids(await pickableUsers(actor, "task.read"))).toEqual(pick("task.read"));
    // Invitees: the invite row, and (PERMISSIONS.md) admins for managers.
    const invitees = ids(users.filter((u) => u.active && (can(actor, "appointment.invite", ownerRef(u.id)) || (actor.role === "MANAGER" && u.role === "ADMIN"))));
    expect(ids(await listInvitees(actor))).toEqual(invitees);
  });
});

test("a role without the right matches nothing, also inside AND (where Prisma 7 ignores an empty OR)", async () => {
  const none = accessWhere(actors.agent, "opportunity.read", "Opportunity");
  expect(await db.prisma.opportunity.count({ where: none })).toBe(0);
  expect(await db.prisma.opportunity.count({ where: { AND: [none, { amount: { gt: 0 } }] } })).toBe(0);
  expect(await db.prisma.team.count({ where: { AND: [accessWhere(actors.loner, "target.edit", "Team"), { name: { not: "" } }] } })).toBe(0);
});

test("the fixture covers every situation: own, teammate's, other team's, teamless, unassigned, team queue", () => {
  expect(new Set(Object.values(actors).map((a) => a.role))).toEqual(new Set(["ADMIN", "MANAGER", "REP", "AGENT"]));
  expect(actors.loner).toMatchObject({ role: "MANAGER", teamId: null });
  expect(fx.customers.some((c) => c.ownerId === null)).toBe(true);
  expect(fx.leads.filter((l) => l.ownerId === null).map((l) => l.teamId)).toEqual([teams.east, teams.west, null]);
  expect(fx.appointments.some((a) => a.attendeeIds.some((x) => teamOf.get(x) !== teamOf.get(a.ownerId)))).toBe(true);
  expect(users.some((u) => !u.active)).toBe(true);
});

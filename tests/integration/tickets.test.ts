import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createCustomer } from "@/lib/customers/mutations";
import { customerInputSchema } from "@/lib/customers/schema";
import type { Actor } from "@/lib/platform/auth/permissions";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { transaction } from "@/lib/platform/db/prisma";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import { addTicketMessage, assignTicket, changeTicketStatus, createTicket, recordSatisfaction } from "@/lib/tickets/mutations";
import { agentQueueSummary, getTicket, listTickets } from "@/lib/tickets/queries";
import { AGENT_LOAD_SQL, OPEN_STATUSES_PARAM, routeQueued } from "@/lib/tickets/routing";
import { escalateBreaches } from "@/lib/tickets/escalation";
import { CSAT_LINK_DAYS, CSAT_RATE_LIMIT, rateByLink, readCsatLink } from "@/lib/tickets/csat";
import { parseTicketListQuery } from "@/lib/tickets/rules/list-query";
import { OPEN_TICKET_STATUSES } from "@/lib/tickets/rules/status";
import { addBusinessMinutes } from "@/lib/tickets/rules/business-hours";
import { DEFAULT_BUSINESS_HOURS, DEFAULT_SLA_MATRIX } from "@/lib/tickets/rules/service-settings";
import { ticketInputSchema } from "@/lib/tickets/schema";
import { createPeople, type People } from "../support/fixtures";
import { planWithOnlyIndex } from "../support/plans";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;
let customerEast: number;
let customerWest: number;
let billingAgent: Actor;
let techAgent: Actor;

// A Tuesday, 10:00 in Shanghai (the default business hours' zone): inside business hours.
const OPENED = new Date("2026-06-09T02:00:00Z");

const input = (over: Record<string, unknown> = {}) =>
  ticketInputSchema.parse({ customerId: customerEast, subject: "Invoice wrong", description: "Charged twice", category: "billing", priority: "P3", channel: "PHONE", ...over });

async function agent(email: string, skills: string[]): Promise<Actor> {
  const team = await db.prisma.team.findFirstOrThrow({ where: { name: "Service" } });
  const user = await db.prisma.user.create({ data: { email, name: email.split("@")[0], role: "AGENT", teamId: team.id, passwordHash: "x", skills } });
  return { id: user.id, role: "AGENT", teamId: team.id };
}

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  fixClock(OPENED);
  customerEast = (await createCustomer(people.repEast, customerInputSchema.parse({ kind: "INDIVIDUAL", name: "Li Wei", region: "East China", email: "li.wei@example.com" }))).id;
  customerWest = (await createCustomer(people.repWest, customerInputSchema.parse({ kind: "INDIVIDUAL", name: "Zhao Min", region: "West China" }))).id;
  // The fixture's agent holds no skill; these two do.
  billingAgent = await agent("billing@test.local", ["billing"]);
  techAgent = await agent("tech@test.local", ["technical"]);
});
afterAll(async () => {
  resetClock();
  await db.close();
});
beforeEach(() => fixClock(OPENED));

describe("opening a ticket", () => {
  test("SLA due instants come from the matrix in business hours; it is routed to the category's agent", async () => {
    const { id, assigneeId } = await createTicket(people.agent, input(), OPENED);
    expect(assigneeId).toBe(billingAgent.id);
    const ticket = await getTicket(people.admin, id, OPENED);
    const targets = DEFAULT_SLA_MATRIX.P3.NONE;
    expect(ticket).toMatchObject({
      status: "ASSIGNED",
      tier: null,
      firstResponseDueAt: addBusinessMinutes(OPENED, targets.firstResponseMinutes, DEFAULT_BUSINESS_HOURS),
      slaDueAt: addBusinessMinutes(OPENED, targets.resolutionMinutes, DEFAULT_BUSINESS_HOURS),
      sla: "on_track",
    });
    expect(await db.prisma.notification.count({ where: { userId: billingAgent.id, entityId: String(id) } })).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { entity: "Ticket", entityId: String(id), action: { in: ["CREATE", "ASSIGN"] } } })).toBe(2);
  });

  test("bad input changes nothing: a contact of another customer, a deleted customer", async () => {
    const contact = await db.prisma.contact.create({ data: { customerId: customerWest, name: "Other" } });
    await expect(createTicket(people.agent, input({ contactId: contact.id }))).rejects.toMatchObject({ message: "service.errors.contactNotOfCustomer" });
    const before = await db.prisma.ticket.count();
    const gone = await db.prisma.customer.create({ data: { kind: "INDIVIDUAL", name: "Gone", region: "East China", deletedAt: OPENED } });
    await expect(createTicket(people.agent, input({ customerId: gone.id }))).rejects.toBeInstanceOf(RuleError);
    expect(await db.prisma.ticket.count()).toBe(before);
  });
});

describe("the workflow", () => {
  test("transitions are enforced; waiting on the customer pauses the SLA and the due moves on by the pause", async () => {
    const { id } = await createTicket(people.agent, input(), OPENED);
    let t = (await getTicket(billingAgent, id))!;
    await expect(changeTicketStatus(billingAgent, id, t.version, "CLOSED")).rejects.toMatchObject({ message: "service.errors.transition" });
    await changeTicketStatus(billingAgent, id, t.version, "IN_PROGRESS", OPENED);
    t = (await getTicket(billingAgent, id))!;
    const dueBefore = t.slaDueAt!;
    // Paused Tuesday 11:00 local, resumed Wednesday 11:00 local: one business day (8 h) later.
    const pausedAt = new Date("2026-06-09T03:00:00Z");
    await changeTicketStatus(billingAgent, id, t.version, "WAITING_ON_CUSTOMER", pausedAt);
    t = (await getTicket(billingAgent, id, pausedAt))!;
    expect(t).toMatchObject({ status: "WAITING_ON_CUSTOMER", sla: "paused" });
    const resumedAt = new Date("2026-06-10T03:00:00Z");
    await changeTicketStatus(billingAgent, id, t.version, "IN_PROGRESS", resumedAt);
    t = (await getTicket(billingAgent, id, resumedAt))!;
    expect(t.slaPausedAt).toBeNull();
    expect(t.slaDueAt!.getTime()).toBe(addBusinessMinutes(dueBefore, 8 * 60, DEFAULT_BUSINESS_HOURS).getTime());
  });

  test("a stale page is refused with what changed", async () => {
    const { id } = await createTicket(people.agent, input(), OPENED);
    const t = (await getTicket(billingAgent, id))!;
    await changeTicketStatus(billingAgent, id, t.version, "IN_PROGRESS", OPENED);
    await expect(changeTicketStatus(billingAgent, id, { version: t.version, seen: t.snapshot }, "RESOLVED", OPENED)).rejects.toBeInstanceOf(ConflictError);
  });

  test("a reply is the first response, starts the work and goes out through the outbox; a note does not", async () => {
    const { id } = await createTicket(people.agent, input(), OPENED);
    await addTicketMessage(billingAgent, id, { kind: "NOTE", body: "Checking the billing run" }, OPENED);
    let t = (await getTicket(billingAgent, id))!;
    expect(t.firstResponseAt).toBeNull();
    const later = new Date(OPENED.getTime() + 20 * 60_000);
    expect(await addTicketMessage(billingAgent, id, { kind: "REPLY", body: "We refunded the second charge." }, later)).toEqual({ mailed: true });
    t = (await getTicket(billingAgent, id, later))!;
    expect(t).toMatchObject({ status: "IN_PROGRESS", firstResponseAt: later, firstResponseSla: "met" });
    expect(t.messages.map((m) => m.kind)).toEqual(["NOTE", "REPLY"]);
    const mail = await db.prisma.outboxMessage.findMany({ where: { entity: "Ticket", entityId: String(id) } });
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ toAddress: "li.wei@example.com", status: "QUEUED", textBody: "We refunded the second charge." });
    expect(mail[0].subject).toMatch(/^\[#T\d+-[0-9a-f]{12}\] Invoice wrong$/);
  });

  test("CSAT on a resolved ticket, once", async () => {
    const { id } = await createTicket(people.agent, input(), OPENED);
    let t = (await getTicket(billingAgent, id))!;
    await expect(recordSatisfaction(billingAgent, id, 5)).rejects.toMatchObject({ message: "service.errors.csatNotResolved" });
    await changeTicketStatus(billingAgent, id, t.version, "RESOLVED", OPENED);
    await recordSatisfaction(billingAgent, id, 4);
    await expect(recordSatisfaction(billingAgent, id, 5)).rejects.toMatchObject({ message: "service.errors.csatGiven" });
    t = (await getTicket(billingAgent, id))!;
    expect(t).toMatchObject({ satisfaction: 4, satisfactionBy: "agent", sla: "met" });
  });
});

describe("permissions (PERMISSIONS.md: ticket rows)", () => {
  test("a rep reads the tickets of their own customers only and edits none", async () => {
    const east = await createTicket(people.agent, input(), OPENED);
    const west = await createTicket(people.agent, input({ customerId: customerWest }), OPENED);
    expect(await getTicket(people.repEast, east.id)).not.toBeNull();
    expect(await getTicket(people.repEast, west.id)).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Ticket", entityId: String(west.id), userId: people.repEast.id } })).toBe(1);
    const listed = await listTickets(people.repEast, parseTicketListQuery({ status: "open" }));
    expect(listed.items.every((i) => i.customer.id === customerEast)).toBe(true);
    const t = (await getTicket(people.repEast, east.id))!;
    expect(t.can).toEqual({ edit: false, reassign: false, next: [] });
    await expect(changeTicketStatus(people.repEast, east.id, t.version, "IN_PROGRESS")).rejects.toBeInstanceOf(NotAllowedError);
    await expect(addTicketMessage(people.repEast, east.id, { kind: "NOTE", body: "x" })).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("an agent works assigned and queued tickets, not a colleague's; only managers and admins reassign", async () => {
    const { id } = await createTicket(people.agent, input(), OPENED);
    const t = (await getTicket(techAgent, id))!;
    expect(t.assignee?.id).toBe(billingAgent.id);
    await expect(changeTicketStatus(techAgent, id, t.version, "IN_PROGRESS")).rejects.toBeInstanceOf(NotAllowedError);
    await expect(assignTicket(techAgent, id, t.version, techAgent.id)).rejects.toBeInstanceOf(NotAllowedError);
    await assignTicket(people.managerEast, id, t.version, techAgent.id, OPENED);
    expect((await getTicket(techAgent, id))!.assignee?.id).toBe(techAgent.id);
  });
});

describe("the queue", () => {
  test("nobody free: the ticket queues; an agent who frees up takes the next one in due order", async () => {
    // A small desk: three open tickets per agent. Fill the billing agent up.
    await db.prisma.setting.create({ data: { key: "service.routing", value: { capacity: 3 } } });
    await db.prisma.ticket.updateMany({ where: { assigneeId: billingAgent.id }, data: { status: "CLOSED" } });
    const held: number[] = [];
    for (let i = 0; i < 3; i++) held.push((await createTicket(people.agent, input({ subject: `Load ${i}` }), OPENED)).id);
    expect(await db.prisma.ticket.count({ where: { assigneeId: billingAgent.id, status: { notIn: ["CLOSED", "RESOLVED"] } } })).toBe(3);
    const queued = await createTicket(people.agent, input({ subject: "Waits", priority: "P1" }), OPENED);
    expect(queued.assigneeId).toBeNull();
    const unassigned = await listTickets(people.agent, parseTicketListQuery({ assignee: "unassigned", status: "open" }));
    expect(unassigned.items.map((i) => i.id)).toContain(queued.id);
    const first = (await getTicket(billingAgent, held[0]))!;
    await changeTicketStatus(billingAgent, held[0], first.version, "RESOLVED", OPENED);
    expect((await getTicket(billingAgent, queued.id))!.assignee?.id).toBe(billingAgent.id);
  });
});

describe("the routing's load index", () => {
  test("its predicate holds exactly the open statuses, and the load read uses it", async () => {
    const [{ def }] = await db.sql.query<{ def: string }>(`SELECT pg_get_indexdef('"Ticket_open_assignee_idx"'::regclass) AS def`);
    const listed = [...(def.match(/WHERE (.*)$/)?.[1] ?? "").matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...OPEN_TICKET_STATUSES].sort());
    // The load as routing reads it (the statuses as one enum-array parameter) must be able to use it,
    // i.e. the query implies the predicate.
    const plan = await planWithOnlyIndex(db, "Ticket", "Ticket_open_assignee_idx", AGENT_LOAD_SQL, [OPEN_STATUSES_PARAM]);
    expect(plan).toContain("Ticket_open_assignee_idx");
  });
});

// Two connections at once are needed to race: PostgreSQL only.
describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("routing under concurrency (PostgreSQL)", () => {
  test("parallel drains never give one ticket to two agents, nor an agent more than the capacity", async () => {
    await db.prisma.ticket.updateMany({ where: { status: { notIn: ["CLOSED", "RESOLVED"] } }, data: { status: "CLOSED" } });
    const ids: number[] = [];
    for (let i = 0; i < 24; i++) {
      const t = await db.prisma.ticket.create({ data: { customerId: customerEast, subject: `Race ${i}`, category: "technical", slaDueAt: new Date(OPENED.getTime() + i * 60_000) } });
      ids.push(t.id);
    }
    const extra = await agent("tech2@test.local", ["technical"]);
    const results = await Promise.all(Array.from({ length: 6 }, () => transaction((tx) => routeQueued(tx, OPENED, { limit: 10 }))));
    const routed = results.flat();
    expect(new Set(routed.map((r) => r.ticketId)).size).toBe(routed.length);
    const rows = await db.prisma.ticket.findMany({ where: { id: { in: ids } }, select: { assigneeId: true } });
    const perAgent = new Map<number, number>();
    for (const r of rows) if (r.assigneeId) perAgent.set(r.assigneeId, (perAgent.get(r.assigneeId) ?? 0) + 1);
    expect(routed.length).toBe(rows.filter((r) => r.assigneeId !== null).length);
    expect([...perAgent.keys()].sort()).toEqual([techAgent.id, extra.id].sort());
    for (const count of perAgent.values()) expect(count).toBeLessThanOrEqual(3);
  });
});

describe("SLA escalation", () => {
  test("a breach is escalated once to the managers of the assignee's team; a paused ticket is not", async () => {
    const team = await db.prisma.team.findFirstOrThrow({ where: { name: "Service" } });
    const manager = await db.prisma.user.create({ data: { email: "service.lead@test.local", name: "Service Lead", role: "MANAGER", teamId: team.id, passwordHash: "x" } });
    await db.prisma.ticket.updateMany({ data: { responseEscalatedAt: OPENED, resolutionEscalatedAt: OPENED } });
    const { id } = await createTicket(people.agent, input({ subject: "Escalate me" }), OPENED);
    const paused = await createTicket(people.agent, input({ subject: "Waiting" }), OPENED);
    await changeTicketStatus(billingAgent, paused.id, (await getTicket(billingAgent, paused.id))!.version, "IN_PROGRESS", OPENED);
    await changeTicketStatus(billingAgent, paused.id, (await getTicket(billingAgent, paused.id))!.version, "WAITING_ON_CUSTOMER", OPENED);
    const t = (await getTicket(people.admin, id))!;
    // Past the first-response due, not yet the resolution due.
    const late = new Date(t.firstResponseDueAt!.getTime() + 60_000);
    expect(await escalateBreaches(late)).toEqual([{ ticketId: id, target: "firstResponse", notified: [manager.id] }]);
    expect(await escalateBreaches(late)).toEqual([]);
    const muchLater = new Date(t.slaDueAt!.getTime() + 60_000);
    expect(await escalateBreaches(muchLater)).toEqual([{ ticketId: id, target: "resolution", notified: [manager.id] }]);
    expect(await db.prisma.notification.count({ where: { userId: manager.id, entityId: String(id) } })).toBe(2);
    expect(await db.prisma.auditLog.count({ where: { action: "ESCALATE", entityId: String(paused.id) } })).toBe(0);
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("escalation on two servers (PostgreSQL)", () => {
  test("sweeps running at once escalate each breach exactly once", async () => {
    await db.prisma.ticket.updateMany({ data: { responseEscalatedAt: OPENED, resolutionEscalatedAt: OPENED } });
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) ids.push((await createTicket(people.agent, input({ subject: `Breach ${i}` }), OPENED)).id);
    const late = new Date(OPENED.getTime() + 30 * 24 * 3_600_000);
    const sweeps = await Promise.all(Array.from({ length: 4 }, () => escalateBreaches(late)));
    expect(sweeps.flat()).toHaveLength(16);
    expect(await db.prisma.auditLog.count({ where: { action: "ESCALATE", entityId: { in: ids.map(String) } } })).toBe(16);
  });
});

describe("CSAT through the one-time link", () => {
  async function resolvedWithLink(subject: string): Promise<{ id: number; token: string }> {
    const { id } = await createTicket(people.agent, input({ subject }), OPENED);
    await changeTicketStatus(billingAgent, id, (await getTicket(billingAgent, id))!.version, "IN_PROGRESS", OPENED);
    await changeTicketStatus(billingAgent, id, (await getTicket(billingAgent, id))!.version, "RESOLVED", OPENED);
    const mail = await db.prisma.outboxMessage.findFirstOrThrow({ where: { entity: "Ticket", entityId: String(id), dedupeKey: { startsWith: "csat:" } } });
    expect(mail.toAddress).toBe("li.wei@example.com");
    const token = /\/csat\/([A-Za-z0-9_-]{43})/.exec(mail.textBody)![1];
    return { id, token };
  }

  test("resolving mails a link; the customer rates once; the link then answers like any unknown link", async () => {
    const { id, token } = await resolvedWithLink("Rate me");
    expect(await readCsatLink(token, OPENED)).toEqual({ subject: "Rate me" });
    expect(await rateByLink(token, 5, "198.51.100.1", OPENED)).toBe("rated");
    expect(await db.prisma.ticket.findUniqueOrThrow({ where: { id } })).toMatchObject({ satisfaction: 5, satisfactionBy: "customer", csatTokenHash: null });
    expect(await rateByLink(token, 1, "198.51.100.1", OPENED)).toBe("invalid");
    expect(await readCsatLink(token, OPENED)).toBeNull();
    expect(await db.prisma.ticket.findUniqueOrThrow({ where: { id } })).toMatchObject({ satisfaction: 5 });
    // The stored value is a digest, never the token itself.
    expect(JSON.stringify(await db.prisma.ticket.findUniqueOrThrow({ where: { id } }))).not.toContain(token);
  });

  test("an expired link is refused; a score outside 1-5 is refused", async () => {
    const { token } = await resolvedWithLink("Too late");
    const expired = new Date(OPENED.getTime() + CSAT_LINK_DAYS * 86_400_000 + 1);
    expect(await readCsatLink(token, expired)).toBeNull();
    expect(await rateByLink(token, 4, "198.51.100.2", expired)).toBe("invalid");
    expect(await rateByLink(token, 6, "198.51.100.2", OPENED)).toBe("invalid");
    expect(await rateByLink(token, 4, "198.51.100.2", OPENED)).toBe("rated");
  });

  test("an address that keeps trying bad links is refused, even with a good one, until the window passes", async () => {
    const { token } = await resolvedWithLink("Guarded");
    for (let i = 0; i < CSAT_RATE_LIMIT.refusals; i++) expect(await rateByLink(`${"x".repeat(42)}${i % 10}`, 3, "203.0.113.50", OPENED)).toBe("invalid");
    expect(await rateByLink(token, 3, "203.0.113.50", OPENED)).toBe("rateLimited");
    expect(await rateByLink(token, 3, "203.0.113.51", OPENED)).toBe("rated");
    const later = new Date(OPENED.getTime() + CSAT_RATE_LIMIT.window + 1000);
    expect(await rateByLink(`${"y".repeat(43)}`, 3, "203.0.113.50", later)).toBe("invalid");
  });
});

describe("the agent's home", () => {
  test("counts the queue and averages the agent's ratings of the last 30 days", async () => {
    // Rated above at OPENED: 4 (by the agent), 5, 4 and 3 (through links); none for the tech agent.
    const summary = await agentQueueSummary(billingAgent, OPENED);
    expect(summary.csat).toEqual({ average: 4, count: 4 });
    expect((await agentQueueSummary(billingAgent, new Date(OPENED.getTime() + 31 * 86_400_000))).csat).toEqual({ average: null, count: 0 });
    expect((await agentQueueSummary(techAgent, OPENED)).csat.count).toBe(0);
    expect(summary.mine).toBe(await db.prisma.ticket.count({ where: { assigneeId: billingAgent.id, status: { in: ["NEW", "ASSIGNED", "IN_PROGRESS", "WAITING_ON_CUSTOMER", "REOPENED"] } } }));
  });
});

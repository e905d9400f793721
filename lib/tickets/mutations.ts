import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/platform/auth/permissions";
import { authorize } from "@/lib/platform/auth/guard";
import { writeAudit } from "@/lib/platform/audit";
import { now as clockNow } from "@/lib/platform/clock";
import { checkVersion, type Expected, type VersionedRecord, writeAtVersion } from "@/lib/platform/concurrency";
import { type Db, transaction, type Tx } from "@/lib/platform/db/prisma";
import { type TicketStatus, Tier } from "@/lib/platform/enums";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { enqueueMail, kickMailDelivery } from "@/lib/platform/mail";
import { currentScores } from "@/lib/scoring/queries";
import { issueCsatLink } from "@/lib/tickets/csat";
import { TICKET_SELECT, type TicketRow, ticketRef, ticketSnapshot } from "@/lib/tickets/queries";
import { routeQueued } from "@/lib/tickets/routing";
import { dueDatesFor, resumedDueDates, type ServiceCalendar, serviceCalendar } from "@/lib/tickets/sla-clock";
import { canMoveTicket, isOpenTicket, statusAfterMessage, statusEffects } from "@/lib/tickets/rules/status";
import type { TicketInput, TicketMessageInput } from "@/lib/tickets/schema";

const ENTITY = "Ticket";

const isTier = (value: string): value is Tier => (Object.values(Tier) as string[]).includes(value);

const versionOf = (row: TicketRow): VersionedRecord => ({ version: row.version, snapshot: ticketSnapshot(row) });

async function findTicket(client: Db, id: number): Promise<TicketRow> {
  const row = await client.ticket.findUnique({ where: { id }, select: TICKET_SELECT });
  if (!row) throw new NotAllowedError();
  return row;
}

function auditView(row: Pick<TicketRow, "subject" | "category" | "priority" | "status" | "assigneeId" | "customerId">): Record<string, unknown> {
  return { subject: row.subject, category: row.category, priority: row.priority, status: row.status, assigneeId: row.assigneeId, customerId: row.customerId };
}

/**
 * Opens a ticket: its SLA due instants come from the priority × the customer's current tier, in
 * business hours; it is routed at once (an agent holding the category's skill with the lowest load)
 * or waits in the queue. One transaction: the ticket, its routing and the audit row.
 */
export async function createTicket(actor: Actor, input: TicketInput, now: Date = clockNow()): Promise<{ id: number; assigneeId: number | null }> {
  const calendar = await serviceCalendar();
  return transaction(async (tx) => {
    authorize(actor, "ticket.create", ENTITY, null);
    return openTicket(tx, input, { userId: actor.id, source: "app" }, now, calendar);
  });
}

/**
 * Opens a ticket inside the caller's transaction, for a person (`createTicket`) or for a customer's
 * mail (lib/tickets/inbound.ts, no user): checks the customer and contact, stamps the tier and SLA due
 * instants, routes it, writes the audit rows.
 */
export async function openTicket(
  tx: Tx,
  input: TicketInput,
  by: { userId: number | null; source: "app" | "email" },
  now: Date,
  calendar: ServiceCalendar,
): Promise<{ id: number; assigneeId: number | null }> {
  const customer = await tx.customer.findFirst({ where: { id: input.customerId, deletedAt: null }, select: { id: true } });
  if (!customer) throw new RuleError("service.errors.customerGone", "customerId");
  if (input.contactId !== null) {
    const contact = await tx.contact.findFirst({ where: { id: input.contactId, customerId: input.customerId, deletedAt: null }, select: { id: true } });
    if (!contact) throw new RuleError("service.errors.contactNotOfCustomer", "contactId");
  }
  const scored = (await currentScores(tx, [input.customerId])).get(input.customerId)?.tier ?? null;
  const tier = scored !== null && isTier(scored) ? scored : null;
  const due = dueDatesFor(now, input.priority, tier, calendar);
  const created = await tx.ticket.create({
    data: {
      customerId: input.customerId,
      contactId: input.contactId,
      subject: input.subject,
      description: input.description,
      category: input.category,
      priority: input.priority,
      channel: input.channel,
      tier,
      createdById: by.userId,
      createdAt: now,
      ...due,
    },
    select: { id: true },
  });
  const routed = await routeQueued(tx, now, { ticketId: created.id });
  const row = await findTicket(tx, created.id);
  await writeAudit(tx, { userId: by.userId, action: "CREATE", entity: ENTITY, entityId: created.id, before: null, after: { ...auditView(row), slaDueAt: row.slaDueAt, tier, source: by.source } });
  for (const r of routed) await writeAudit(tx, { userId: by.userId, action: "ASSIGN", entity: ENTITY, entityId: r.ticketId, detail: { assigneeId: r.assigneeId, by: "routing" } });
  return { id: created.id, assigneeId: row.assigneeId };
}

/** The status change's data: stamps, the SLA pause and its end (the due instants move on by the pause). */
function statusData(row: TicketRow, to: TicketStatus, now: Date, calendar: ServiceCalendar): Prisma.TicketUpdateManyMutationInput {
  const effects = statusEffects(row.status, to);
  const data: Prisma.TicketUpdateManyMutationInput = { status: to };
  if (effects.pause) data.slaPausedAt = now;
  if (effects.resume && row.slaPausedAt) {
    Object.assign(data, resumedDueDates({ ...row, slaPausedAt: row.slaPausedAt }, now, calendar));
    data.slaPausedAt = null;
  }
  if (effects.resolved) data.resolvedAt = now;
  if (effects.closed) data.closedAt = now;
  if (effects.reopened) {
    data.resolvedAt = null;
    data.closedAt = null;
    // A reopened ticket is rated anew when it is resolved again (through a new link); the earlier
    // rating stays in the audit log.
    data.csatTokenHash = null;
    data.satisfaction = null;
    data.satisfactionAt = null;
    data.satisfactionBy = null;
  }
  return data;
}

/**
 * Moves a ticket along the workflow (lib/tickets/rules/status.ts). The assignee (or, for an agent, a
 * ticket still in the queue), a manager or an admin may; a stale page is refused with what changed.
 * A ticket leaving the open statuses frees its agent, who then takes the next queued ticket.
 */
export async function changeTicketStatus(actor: Actor, id: number, expected: Expected, to: TicketStatus, now: Date = clockNow()): Promise<void> {
  const calendar = await serviceCalendar();
  await transaction(async (tx) => {
    const row = await findTicket(tx, id);
    authorize(actor, "ticket.edit", ENTITY, id, ticketRef(row));
    checkVersion(ENTITY, id, expected, versionOf(row));
    if (!canMoveTicket(row.status, to)) throw new RuleError("service.errors.transition", "status");
    const data = statusData(row, to, now, calendar);
    // An agent working a queued ticket takes it (also when resolving it: someone must have done it).
    const take = row.assigneeId === null && actor.role === "AGENT" ? { assigneeId: actor.id, assignedAt: now } : {};
    await writeAtVersion(ENTITY, id, expected, (version) => tx.ticket.updateMany({ where: { id, version }, data: { ...data, ...take, version: { increment: 1 } } }), async () => versionOf(await findTicket(tx, id)));
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: ENTITY, entityId: id, before: { status: row.status }, after: { status: to, ...take } });
    if (to === "RESOLVED" && row.satisfaction === null) await issueCsatLink(tx, { id, subject: row.subject, to: row.contact?.email ?? row.customer.email }, now);
    if (!isOpenTicket(to) && row.assigneeId !== null) await routeQueued(tx, now);
  });
  kickMailDelivery();
}

/**
 * Gives a ticket to an agent, or back to the queue (null). Managers and admins reassign any ticket;
 * an agent may take a queued ticket for themselves. The version guards against two people at once.
 */
export async function assignTicket(actor: Actor, id: number, expected: Expected, assigneeId: number | null, now: Date = clockNow()): Promise<void> {
  await transaction(async (tx) => {
    const row = await findTicket(tx, id);
    const selfTake = actor.role === "AGENT" && row.assigneeId === null && assigneeId === actor.id;
    if (selfTake) authorize(actor, "ticket.edit", ENTITY, id, ticketRef(row));
    else authorize(actor, "ticket.reassign", ENTITY, id, ticketRef(row));
    checkVersion(ENTITY, id, expected, versionOf(row));
    if (!isOpenTicket(row.status)) throw new RuleError("service.errors.notOpen", "assigneeId");
    if (assigneeId !== null) {
      const agent = await tx.user.findFirst({ where: { id: assigneeId, active: true, role: "AGENT" }, select: { id: true } });
      if (!agent) throw new RuleError("service.errors.notAnAgent", "assigneeId");
    }
    const status: TicketStatus = assigneeId === null ? (row.status === "ASSIGNED" ? "NEW" : row.status) : row.status === "NEW" ? "ASSIGNED" : row.status;
    await writeAtVersion(
      ENTITY,
      id,
      expected,
      (version) => tx.ticket.updateMany({ where: { id, version }, data: { assigneeId, assignedAt: assigneeId === null ? null : now, status, version: { increment: 1 } } }),
      async () => versionOf(await findTicket(tx, id)),
    );
    if (assigneeId !== null && assigneeId !== actor.id) {
      await tx.notification.create({ data: { userId: assigneeId, message: "service.notifications.assigned", params: { ticketId: id }, entity: ENTITY, entityId: String(id) } });
    }
    await writeAudit(tx, { userId: actor.id, action: "ASSIGN", entity: ENTITY, entityId: id, before: { assigneeId: row.assigneeId }, after: { assigneeId } });
  });
}

/**
 * Adds to the conversation. An internal note changes nothing else. A reply to the customer is the
 * first response when none was given yet, starts the work (NEW/ASSIGNED/REOPENED → IN_PROGRESS), and
 * goes out by email when the contact or customer has an address (through the outbox, in the same
 * transaction: the reply and its mail commit together or not at all).
 */
export async function addTicketMessage(actor: Actor, id: number, input: TicketMessageInput, now: Date = clockNow()): Promise<{ mailed: boolean }> {
  const result = await transaction(async (tx) => {
    const row = await findTicket(tx, id);
    authorize(actor, "ticket.edit", ENTITY, id, ticketRef(row));
    if (input.kind === "NOTE") {
      await tx.ticketMessage.create({ data: { ticketId: id, kind: "NOTE", body: input.body, authorId: actor.id, createdAt: now } });
      await writeAudit(tx, { userId: actor.id, action: "NOTE", entity: ENTITY, entityId: id, detail: { length: input.body.length } });
      return { mailed: false };
    }
    if (row.status === "CLOSED") throw new RuleError("service.errors.closed", "body");
    const to = row.contact?.email ?? row.customer.email;
    const threadToken = await ensureThreadToken(tx, id);
    let outboxId: number | null = null;
    if (to) {
      const message = await tx.ticketMessage.create({ data: { ticketId: id, kind: "REPLY", body: input.body, authorId: actor.id, createdAt: now }, select: { id: true } });
      const mail = await enqueueMail(tx, {
        dedupeKey: `ticket-reply:${message.id}`,
        to,
        subject: `[#${threadToken}] ${row.subject}`,
        text: input.body,
        entity: ENTITY,
        entityId: id,
      });
      outboxId = mail.id;
      await tx.ticketMessage.update({ where: { id: message.id }, data: { outboxId } });
    } else {
      await tx.ticketMessage.create({ data: { ticketId: id, kind: "REPLY", body: input.body, authorId: actor.id, createdAt: now } });
    }
    const next = statusAfterMessage(row.status, "agent");
    const take = row.assigneeId === null && actor.role === "AGENT" ? { assigneeId: actor.id, assignedAt: now } : {};
    await tx.ticket.update({
      where: { id },
      data: { ...(row.firstResponseAt ? {} : { firstResponseAt: now }), ...(next !== row.status ? { status: next } : {}), ...take, version: { increment: 1 } },
    });
    await writeAudit(tx, { userId: actor.id, action: "REPLY", entity: ENTITY, entityId: id, detail: { mailedTo: to ?? null, outboxId, status: next } });
    return { mailed: outboxId !== null };
  });
  if (result.mailed) kickMailDelivery();
  return result;
}

/** The token that threads replies (in the subject and reply address): made once per ticket, unguessable. */
async function ensureThreadToken(tx: Tx, id: number): Promise<string> {
  const current = await tx.ticket.findUnique({ where: { id }, select: { threadToken: true } });
  if (current?.threadToken) return current.threadToken;
  const { randomBytes } = await import("node:crypto");
  const token = `T${id}-${randomBytes(6).toString("hex")}`;
  await tx.ticket.update({ where: { id }, data: { threadToken: token } });
  return token;
}

/** The agent records the customer's satisfaction (1–5) on a resolved or closed ticket. */
export async function recordSatisfaction(actor: Actor, id: number, score: number, now: Date = clockNow()): Promise<void> {
  await transaction(async (tx) => {
    const row = await findTicket(tx, id);
    authorize(actor, "ticket.edit", ENTITY, id, ticketRef(row));
    if (row.status !== "RESOLVED" && row.status !== "CLOSED") throw new RuleError("service.errors.csatNotResolved", "satisfaction");
    if (row.satisfaction !== null) throw new RuleError("service.errors.csatGiven", "satisfaction");
    // Conditional on no rating yet: the customer's link and the agent may race.
    const { count } = await tx.ticket.updateMany({ where: { id, satisfaction: null }, data: { satisfaction: score, satisfactionAt: now, satisfactionBy: "agent", csatTokenHash: null, version: { increment: 1 } } });
    if (count === 0) throw new RuleError("service.errors.csatGiven", "satisfaction");
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: ENTITY, entityId: id, before: { satisfaction: null }, after: { satisfaction: score, by: "agent" } });
  });
}

/**
 * The customer's message on an existing ticket (an inbound mail), inside the caller's transaction: it
 * joins the conversation and moves the ticket — a wait on the customer ends (the SLA clock resumes),
 * a resolved or closed ticket reopens.
 */
export async function receiveCustomerMessage(
  tx: Tx,
  id: number,
  message: { from: string; body: string; attachments: { name: string; type: string; size: number }[] },
  now: Date,
  calendar: ServiceCalendar,
): Promise<TicketStatus> {
  const row = await findTicket(tx, id);
  await tx.ticketMessage.create({
    data: { ticketId: id, kind: "INBOUND", body: message.body, fromAddress: message.from, attachments: message.attachments.length > 0 ? message.attachments : undefined, createdAt: now },
  });
  const next = statusAfterMessage(row.status, "customer");
  if (next !== row.status) {
    await tx.ticket.update({ where: { id }, data: { ...statusData(row, next, now, calendar), version: { increment: 1 } } });
    await writeAudit(tx, { userId: null, action: "UPDATE", entity: ENTITY, entityId: id, before: { status: row.status }, after: { status: next, by: "customer-mail" } });
  }
  return next;
}

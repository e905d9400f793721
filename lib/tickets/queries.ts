import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { accessWhere } from "@/lib/platform/auth/scope-filters";
import { logReadDenied } from "@/lib/platform/auth/guard";
import { now as clockNow } from "@/lib/platform/clock";
import { fieldValue, type Snapshot } from "@/lib/platform/concurrency";
import { db } from "@/lib/platform/db/prisma";
import type { TicketMessageKind, TicketPriority, TicketStatus, Tier } from "@/lib/platform/enums";
import { nextTicketStatuses, OPEN_TICKET_STATUSES } from "@/lib/tickets/rules/status";
import { type SlaState, slaState } from "@/lib/tickets/rules/sla";
import { slaTargetsFor } from "@/lib/tickets/rules/service-settings";
import { type ServiceCalendar, serviceCalendar } from "@/lib/tickets/sla-clock";
import { type TicketListQuery, TICKET_PAGE_SIZE, encodeTicketCursor } from "@/lib/tickets/rules/list-query";

export const TICKET_SELECT = {
  id: true,
  subject: true,
  description: true,
  category: true,
  status: true,
  priority: true,
  channel: true,
  tier: true,
  customerId: true,
  customer: { select: { id: true, name: true, email: true, phone: true, ownerId: true, owner: { select: { teamId: true } } } },
  contactId: true,
  contact: { select: { id: true, name: true, email: true } },
  assigneeId: true,
  assignee: { select: { id: true, name: true, teamId: true } },
  firstResponseDueAt: true,
  slaDueAt: true,
  slaAtRiskAt: true,
  slaPausedAt: true,
  firstResponseAt: true,
  resolvedAt: true,
  closedAt: true,
  satisfaction: true,
  satisfactionBy: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.TicketSelect;

export type TicketRow = Prisma.TicketGetPayload<{ select: typeof TICKET_SELECT }>;

/** A target's state (lib/tickets/rules/sla.ts slaState), or none when the ticket has no due date. */
export type SlaFlag = SlaState | "none";

export type TicketDto = {
  id: number;
  subject: string;
  description: string | null;
  category: string;
  status: TicketStatus;
  priority: TicketPriority;
  channel: string;
  tier: Tier | null;
  customer: { id: number; name: string; email: string | null; phone: string | null };
  contact: { id: number; name: string; email: string | null } | null;
  assignee: { id: number; name: string } | null;
  firstResponseDueAt: Date | null;
  slaDueAt: Date | null;
  slaPausedAt: Date | null;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  satisfaction: number | null;
  satisfactionBy: string | null;
  /** The resolution SLA as of now (first response has its own flag). */
  sla: SlaFlag;
  firstResponseSla: SlaFlag;
  version: number;
  snapshot: Snapshot;
  createdAt: Date;
  updatedAt: Date;
  can: { edit: boolean; reassign: boolean; next: TicketStatus[] };
};

/** Who owns and works a ticket, as the permission matrix reads it: the customer's owner; the assignee. */
export function ticketRef(row: { assigneeId: number | null; customer: { ownerId: number | null; owner: { teamId: number | null } | null } }) {
  return { ownerId: row.customer.ownerId, ownerTeamId: row.customer.owner?.teamId ?? null, assignedToId: row.assigneeId };
}

export function ticketSnapshot(row: Pick<TicketRow, "subject" | "description" | "category" | "priority" | "status" | "assigneeId">): Snapshot {
  return {
    subject: row.subject,
    description: fieldValue(row.description),
    category: row.category,
    priority: row.priority,
    status: row.status,
    assigneeId: fieldValue(row.assigneeId),
  };
}

function flagOf(due: Date | null, doneAt: Date | null, row: TicketRow, now: Date, calendar: ServiceCalendar, target: "firstResponseMinutes" | "resolutionMinutes"): SlaFlag {
  if (!due) return "none";
  const targets = slaTargetsFor(calendar.matrix, row.priority, row.tier);
  return slaState({ now, dueAt: due, pausedAt: row.slaPausedAt, doneAt, hours: calendar.hours, targetMinutes: targets[target] });
}

export function toTicketDto(actor: Actor, row: TicketRow, now: Date, calendar: ServiceCalendar): TicketDto {
  const ref = ticketRef(row);
  const edit = can(actor, "ticket.edit", ref);
  return {
    id: row.id,
    subject: row.subject,
    description: row.description,
    category: row.category,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    tier: row.tier,
    customer: { id: row.customer.id, name: row.customer.name, email: row.customer.email, phone: row.customer.phone },
    contact: row.contact,
    assignee: row.assignee ? { id: row.assignee.id, name: row.assignee.name } : null,
    firstResponseDueAt: row.firstResponseDueAt,
    slaDueAt: row.slaDueAt,
    slaPausedAt: row.slaPausedAt,
    firstResponseAt: row.firstResponseAt,
    resolvedAt: row.resolvedAt,
    satisfaction: row.satisfaction,
    satisfactionBy: row.satisfactionBy,
    sla: flagOf(row.slaDueAt, row.resolvedAt, row, now, calendar, "resolutionMinutes"),
    firstResponseSla: flagOf(row.firstResponseDueAt, row.firstResponseAt, row, now, calendar, "firstResponseMinutes"),
    version: row.version,
    snapshot: ticketSnapshot(row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    can: { edit, reassign: can(actor, "ticket.reassign", ref), next: edit ? nextTicketStatuses(row.status) : [] },
  };
}

export type TicketPage = { items: TicketDto[]; next: string | null; total: number };

/** The list's filter as a Prisma where: always inside the actor's read scope. */
export function ticketListWhere(actor: Actor, q: TicketListQuery, now: Date): Prisma.TicketWhereInput {
  const and: Prisma.TicketWhereInput[] = [accessWhere(actor, "ticket.read", "Ticket")];
  if (q.status === "open") and.push({ status: { in: [...OPEN_TICKET_STATUSES] } });
  else if (q.status) and.push({ status: q.status });
  if (q.priority) and.push({ priority: q.priority });
  if (q.category) and.push({ category: q.category });
  if (q.tier) and.push({ tier: q.tier });
  if (q.assignee === "me") and.push({ assigneeId: actor.id });
  else if (q.assignee === "unassigned") and.push({ assigneeId: null });
  else if (typeof q.assignee === "number") and.push({ assigneeId: q.assignee });
  if (q.customerId) and.push({ customerId: q.customerId });
  // SLA states are of open tickets: breached past due, at risk past the at-risk instant, paused.
  // A paused ticket's due is stale until the pause ends: it is "paused", not breached (as on its badge).
  if (q.sla === "breached") {
    and.push({ status: { in: [...OPEN_TICKET_STATUSES] }, resolvedAt: null, slaPausedAt: null, slaDueAt: { lt: now } });
  } else if (q.sla === "atRisk") {
    and.push({ status: { in: [...OPEN_TICKET_STATUSES] }, resolvedAt: null, slaPausedAt: null, slaAtRiskAt: { lte: now }, slaDueAt: { gte: now } });
  } else if (q.sla === "paused") {
    and.push({ status: { in: [...OPEN_TICKET_STATUSES] }, resolvedAt: null, slaPausedAt: { not: null } });
  }
  return { AND: and };
}

/**
 * One page of tickets, keyset-paged along the sort (due time, newest or priority, then id). The due
 * order is the agent's queue order: soonest due first, then the customer's tier (VIP first).
 */
export async function listTickets(actor: Actor, q: TicketListQuery, now: Date = clockNow()): Promise<TicketPage> {
  if (!can(actor, "ticket.read")) return { items: [], next: null, total: 0 };
  const [prisma, calendar] = await Promise.all([db(), serviceCalendar()]);
  const where = ticketListWhere(actor, q, now);
  const orderBy: Prisma.TicketOrderByWithRelationInput[] =
    q.sort === "newest"
      ? [{ createdAt: "desc" }, { id: "desc" }]
      : q.sort === "priority"
        ? [{ priority: "asc" }, { slaDueAt: { sort: "asc", nulls: "last" } }, { id: "asc" }]
        : [{ slaDueAt: { sort: "asc", nulls: "last" } }, { tier: { sort: "asc", nulls: "last" } }, { id: "asc" }];
  const [rows, total] = await Promise.all([
    prisma.ticket.findMany({
      where,
      select: TICKET_SELECT,
      orderBy,
      take: TICKET_PAGE_SIZE + 1,
      ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
    }),
    prisma.ticket.count({ where }),
  ]);
  const more = rows.length > TICKET_PAGE_SIZE;
  const page = rows.slice(0, TICKET_PAGE_SIZE);
  return { items: page.map((r) => toTicketDto(actor, r, now, calendar)), next: more ? encodeTicketCursor(page[page.length - 1].id) : null, total };
}

export type TicketMessageDto = {
  id: number;
  kind: TicketMessageKind;
  body: string;
  author: { id: number; name: string } | null;
  fromAddress: string | null;
  mailStatus: string | null;
  /** Attachment metadata of an inbound mail (the files themselves are not kept). */
  attachments: AttachmentMeta[];
  createdAt: Date;
};

export type AttachmentMeta = { name: string; type: string; size: number };

function attachmentsOf(value: unknown): AttachmentMeta[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((a): AttachmentMeta[] =>
    a && typeof a === "object" && typeof (a as AttachmentMeta).name === "string" ? [{ name: (a as AttachmentMeta).name, type: String((a as AttachmentMeta).type ?? ""), size: Number((a as AttachmentMeta).size) || 0 }] : [],
  );
}

export type TicketDetail = TicketDto & { messages: TicketMessageDto[] };

/** A ticket with its conversation, or null (and a logged denial) when the actor may not read it. */
export async function getTicket(actor: Actor, id: number, now: Date = clockNow()): Promise<TicketDetail | null> {
  const [prisma, calendar] = await Promise.all([db(), serviceCalendar()]);
  const row = await prisma.ticket.findUnique({ where: { id }, select: TICKET_SELECT });
  if (!row) return null;
  if (!can(actor, "ticket.read", ticketRef(row))) {
    await logReadDenied(actor, "ticket.read", "Ticket", id);
    return null;
  }
  const messages = await prisma.ticketMessage.findMany({
    where: { ticketId: id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, body: true, fromAddress: true, outboxId: true, attachments: true, createdAt: true, author: { select: { id: true, name: true } } },
  });
  const outboxIds = messages.map((m) => m.outboxId).filter((x): x is number => x !== null);
  const mail = outboxIds.length > 0 ? await prisma.outboxMessage.findMany({ where: { id: { in: outboxIds } }, select: { id: true, status: true } }) : [];
  const statusOf = new Map(mail.map((m) => [m.id, m.status]));
  return {
    ...toTicketDto(actor, row, now, calendar),
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      body: m.body,
      author: m.author,
      fromAddress: m.fromAddress,
      mailStatus: m.outboxId !== null ? (statusOf.get(m.outboxId) ?? null) : null,
      attachments: attachmentsOf(m.attachments),
      createdAt: m.createdAt,
    })),
  };
}

/** The agents a ticket may be given to by someone who may reassign: the active agents. */
export async function ticketAssignees(actor: Actor): Promise<{ id: number; name: string }[]> {
  if (!can(actor, "ticket.reassign")) return [];
  const prisma = await db();
  return prisma.user.findMany({ where: { active: true, role: "AGENT" }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

export type AgentQueueSummary = { mine: number; dueSoon: number; breached: number; unassigned: number; csat: { average: number | null; count: number } };

/** Days of ratings the agent's home averages. */
export const CSAT_WINDOW_DAYS = 30;

/**
 * Counts for the agent's home: my open queue, due within a day, breached, unassigned waiting, and the
 * satisfaction of my tickets rated in the last 30 days.
 */
export async function agentQueueSummary(actor: Actor, now: Date = clockNow()): Promise<AgentQueueSummary> {
  if (!can(actor, "ticket.read")) return { mine: 0, dueSoon: 0, breached: 0, unassigned: 0, csat: { average: null, count: 0 } };
  const prisma = await db();
  const scope = accessWhere(actor, "ticket.read", "Ticket");
  const open = { status: { in: [...OPEN_TICKET_STATUSES] } };
  const dayLater = new Date(now.getTime() + 24 * 3_600_000);
  const since = new Date(now.getTime() - CSAT_WINDOW_DAYS * 86_400_000);
  const [mine, dueSoon, breached, unassigned, rated] = await Promise.all([
    prisma.ticket.count({ where: { AND: [scope, open, { assigneeId: actor.id }] } }),
    prisma.ticket.count({ where: { AND: [scope, open, { assigneeId: actor.id, slaPausedAt: null, slaDueAt: { gte: now, lt: dayLater } }] } }),
    prisma.ticket.count({ where: { AND: [scope, open, { assigneeId: actor.id, slaPausedAt: null, slaDueAt: { lt: now } }] } }),
    prisma.ticket.count({ where: { AND: [scope, open, { assigneeId: null }] } }),
    // Rated when the rating was given (demo history has only the resolution time).
    prisma.ticket.aggregate({
      where: { assigneeId: actor.id, satisfaction: { not: null }, OR: [{ satisfactionAt: { gte: since, lte: now } }, { satisfactionAt: null, resolvedAt: { gte: since, lte: now } }] },
      _avg: { satisfaction: true },
      _count: { satisfaction: true },
    }),
  ]);
  return { mine, dueSoon, breached, unassigned, csat: { average: rated._avg.satisfaction, count: rated._count.satisfaction } };
}

import "server-only";
import { normaliseEmail, phoneKey } from "@/lib/customers/rules/duplicates";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { accessWhere } from "@/lib/platform/auth/scope-filters";
import { authorize, requireRight } from "@/lib/platform/auth/guard";
import { writeAudit } from "@/lib/platform/audit";
import { now as clockNow } from "@/lib/platform/clock";
import { db, transaction } from "@/lib/platform/db/prisma";
import { RuleError } from "@/lib/platform/errors";
import { crossSellFor, type CrossSell, currentScores } from "@/lib/scoring/queries";
import { OPEN_TICKET_STATUSES } from "@/lib/tickets/rules/status";
import { recordInboundContact } from "@/lib/tickets/contact-log";
import { openTicket } from "@/lib/tickets/mutations";
import { serviceCalendar } from "@/lib/tickets/sla-clock";
import type { ConsoleContactInput } from "@/lib/tickets/schema";

export type CallerQuery = { kind: "phone"; digits: string } | { kind: "email"; address: string } | { kind: "invalid" };

/** A caller's number in any format (+86 138-1234-5678, 021 6123 4567) or an email address. */
export function parseCallerQuery(text: string): CallerQuery {
  const trimmed = text.trim().slice(0, 200);
  if (trimmed.includes("@")) {
    const address = normaliseEmail(trimmed);
    return address && /^[^\s@]+@[^\s@]+$/.test(address) ? { kind: "email", address } : { kind: "invalid" };
  }
  const digits = phoneKey(trimmed);
  return digits ? { kind: "phone", digits } : { kind: "invalid" };
}

export type CallerCard = {
  id: number;
  name: string;
  kind: string;
  phone: string | null;
  email: string | null;
  region: string;
  owner: string | null;
  /** Matched through one of the customer's contacts (their name), not the customer's own number or address. */
  viaContact: string | null;
  doNotContact: { phone: boolean; email: boolean; mail: boolean; sms: boolean };
  tier: string | null;
  predictedClv: string | null;
  lifecycleStage: string | null;
  churnRisk: number | null;
  openTickets: { id: number; subject: string; status: string; priority: string; slaDueAt: Date | null }[];
  recentTouchpoints: { id: number; occurredAt: Date; channel: string; direction: string; summary: string; outcome: string | null }[];
  crossSell: CrossSell[];
};

export type CallerLookup = { query: CallerQuery; matches: CallerCard[] };

const MAX_MATCHES = 5;

/**
 * The console's screen pop: the customers a phone number (by digits, so any format matches) or an
 * email address belongs to — their own or one of their contacts' — each with what an agent needs
 * while the customer is on the line: tier, CLV, lifecycle stage, open tickets, recent touchpoints,
 * do-not-contact flags and cross-sell suggestions. Within the actor's customer read scope.
 */
export async function lookupCaller(actor: Actor, text: string): Promise<CallerLookup> {
  await requireRight(actor, "customer.read", "Customer");
  const query = parseCallerQuery(text);
  if (query.kind === "invalid") return { query, matches: [] };
  const prisma = await db();
  const scope = accessWhere(actor, "customer.read", "Customer");
  const own: Prisma.CustomerWhereInput = query.kind === "phone" ? { phoneDigits: query.digits } : { emailKey: query.address };
  const [direct, contacts] = await Promise.all([
    prisma.customer.findMany({ where: { AND: [scope, own, { deletedAt: null }] }, select: { id: true }, orderBy: { lastContactAt: { sort: "desc", nulls: "last" } }, take: MAX_MATCHES }),
    query.kind === "email"
      ? prisma.contact.findMany({ where: { emailKey: query.address, deletedAt: null, customer: { AND: [scope, { deletedAt: null }] } }, select: { customerId: true, name: true }, take: MAX_MATCHES })
      : Promise.resolve([]),
  ]);
  const viaContact = new Map(contacts.map((c) => [c.customerId, c.name]));
  const ids = [...new Set([...direct.map((c) => c.id), ...contacts.map((c) => c.customerId)])].slice(0, MAX_MATCHES);
  if (ids.length === 0) return { query, matches: [] };
  const [customers, scores, tickets, touchpoints, suggestions] = await Promise.all([
    prisma.customer.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, kind: true, phone: true, email: true, region: true, dncPhone: true, dncEmail: true, dncMail: true, dncSms: true, owner: { select: { name: true } } },
    }),
    currentScores(prisma, ids),
    prisma.ticket.findMany({
      where: { AND: [accessWhere(actor, "ticket.read", "Ticket"), { customerId: { in: ids }, status: { in: [...OPEN_TICKET_STATUSES] } }] },
      select: { id: true, customerId: true, subject: true, status: true, priority: true, slaDueAt: true },
      orderBy: [{ slaDueAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
      take: 20,
    }),
    can(actor, "touchpoint.read")
      ? prisma.touchpoint.findMany({
          where: { AND: [accessWhere(actor, "touchpoint.read", "Touchpoint"), { customerId: { in: ids } }] },
          select: { id: true, customerId: true, occurredAt: true, channel: true, direction: true, summary: true, outcome: true },
          orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
          take: 5 * ids.length,
        })
      : Promise.resolve([]),
    crossSellFor(actor, ids, 3),
  ]);
  const byId = new Map(customers.map((c) => [c.id, c]));
  const matches = ids.flatMap((id): CallerCard[] => {
    const c = byId.get(id);
    if (!c) return [];
    const score = scores.get(id);
    return [
      {
        id,
        name: c.name,
        kind: c.kind,
        phone: c.phone,
        email: c.email,
        region: c.region,
        owner: c.owner?.name ?? null,
        viaContact: viaContact.get(id) ?? null,
        doNotContact: { phone: c.dncPhone, email: c.dncEmail, mail: c.dncMail, sms: c.dncSms },
        tier: score?.tier ?? null,
        predictedClv: score?.predictedClv ?? null,
        lifecycleStage: score?.lifecycleStage ?? null,
        churnRisk: score?.churnRisk ?? null,
        openTickets: tickets.filter((t) => t.customerId === id).slice(0, 5),
        recentTouchpoints: touchpoints.filter((t) => t.customerId === id).slice(0, 5),
        crossSell: suggestions.get(id) ?? [],
      },
    ];
  });
  return { query, matches };
}

/**
 * "Log the contact and open or update a ticket in one step": an inbound contact becomes a
 * touchpoint, and either opens a ticket (routed like any other), adds a note to one of the customer's
 * open tickets, or stands alone — all in one transaction, so a failure leaves neither half.
 */
export async function logServiceContact(actor: Actor, input: ConsoleContactInput, now: Date = clockNow()): Promise<{ touchpointId: number; ticketId: number | null }> {
  const calendar = input.ticket.mode === "open" ? await serviceCalendar() : null;
  return transaction(async (tx) => {
    const customer = await tx.customer.findFirst({ where: { id: input.customerId, deletedAt: null }, select: { id: true, ownerId: true, owner: { select: { teamId: true } } } });
    if (!customer) throw new RuleError("console.errors.customerGone", "customerId");
    const ref = { ownerId: customer.ownerId, ownerTeamId: customer.owner?.teamId ?? null };
    authorize(actor, "touchpoint.create", "Touchpoint", null, ref);
    let ticketId: number | null = null;
    if (input.ticket.mode === "open") {
      authorize(actor, "ticket.create", "Ticket", null);
      const { subject, category, priority } = input.ticket;
      ticketId = (
        await openTicket(
          tx,
          { customerId: customer.id, contactId: null, subject, description: input.summary, category, priority, channel: input.channel },
          { userId: actor.id, source: "app" },
          now,
          calendar!,
        )
      ).id;
    } else if (input.ticket.mode === "note") {
      const ticket = await tx.ticket.findFirst({ where: { id: input.ticket.ticketId, customerId: customer.id, status: { in: [...OPEN_TICKET_STATUSES] } }, select: { id: true, assigneeId: true } });
      if (!ticket) throw new RuleError("console.errors.ticketNotOpen", "ticketId");
      authorize(actor, "ticket.edit", "Ticket", ticket.id, { ...ref, assignedToId: ticket.assigneeId });
      await tx.ticketMessage.create({ data: { ticketId: ticket.id, kind: "NOTE", body: input.summary, authorId: actor.id, createdAt: now } });
      await writeAudit(tx, { userId: actor.id, action: "NOTE", entity: "Ticket", entityId: ticket.id, detail: { from: "console" } });
      ticketId = ticket.id;
    }
    const touchpointId = await recordInboundContact(
      tx,
      { customerId: customer.id, userId: actor.id, channel: input.channel, occurredAt: now, summary: input.summary, outcome: input.outcome, ticketId },
      { from: "console" },
    );
    return { touchpointId, ticketId };
  });
}

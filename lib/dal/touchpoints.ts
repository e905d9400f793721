import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import { can } from "@/lib/platform/auth/permissions";
import { optOutRefusal } from "@/lib/domain/customers/contact-rules";
import { pageOf, type TimelineQuery } from "@/lib/domain/customers/timeline";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TouchpointInput } from "@/lib/validation/touchpoint";
import { accessWhere } from "./access-scopes";
import { writeAudit } from "@/lib/platform/audit";
import { db, transaction } from "@/lib/platform/db/prisma";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { authorize } from "./guard";

export type TouchpointDto = {
  id: number;
  channel: string;
  direction: string;
  occurredAt: Date;
  summary: string;
  outcome: string | null;
  userName: string | null;
  contactName: string | null;
  campaign: { id: number; name: string } | null;
  opportunityId: number | null;
  ticketId: number | null;
};

export type TimelinePage = { items: TouchpointDto[]; next: string | null };

const TOUCHPOINT_SELECT = {
  id: true,
  channel: true,
  direction: true,
  occurredAt: true,
  summary: true,
  outcome: true,
  opportunityId: true,
  ticketId: true,
  user: { select: { name: true } },
  contact: { select: { name: true } },
  campaign: { select: { id: true, name: true } },
} as const;

type TouchpointRow = Prisma.TouchpointGetPayload<{ select: typeof TOUCHPOINT_SELECT }>;

function toDto(r: TouchpointRow): TouchpointDto {
  return {
    id: r.id,
    channel: r.channel,
    direction: r.direction,
    occurredAt: r.occurredAt,
    summary: r.summary,
    outcome: r.outcome,
    userName: r.user?.name ?? null,
    contactName: r.contact?.name ?? null,
    campaign: r.campaign,
    opportunityId: r.opportunityId,
    ticketId: r.ticketId,
  };
}

/**
 * A customer's touchpoints across every channel, newest first, one page along the
 * (customerId, occurredAt) index; the channel filter uses the (customerId, channel, occurredAt) one.
 */
export async function listTimeline(actor: Actor, customerId: number, query: TimelineQuery): Promise<TimelinePage> {
  if (!can(actor, "touchpoint.read")) return { items: [], next: null };
  const prisma = await db();
  const where: Prisma.TouchpointWhereInput = { customerId, AND: [accessWhere(actor, "touchpoint.read", "Touchpoint")] };
  if (query.channels.length > 0) where.channel = { in: query.channels };
  if (query.before) {
    const { occurredAt, id } = query.before;
    where.OR = [{ occurredAt: { lt: occurredAt } }, { occurredAt, id: { lt: id } }];
  }
  const rows = await prisma.touchpoint.findMany({
    where,
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: query.pageSize + 1,
    select: TOUCHPOINT_SELECT,
  });
  const { items, next } = pageOf(rows, query.pageSize);
  return { items: items.map(toDto), next };
}

/**
 * Logs a touchpoint (every role may, on any customer). Outbound contact on a channel the customer
 * opted out of is refused with the opt-out as the reason (a RuleError on the channel field). Links
 * must belong to the same customer, and an opportunity or ticket link only to one the actor may read.
 */
export async function logTouchpoint(actor: Actor, customerId: number, input: TouchpointInput): Promise<TouchpointDto> {
  return transaction(async (tx) => {
    const customer = await tx.customer.findFirst({
      where: { id: customerId, deletedAt: null },
      select: { id: true, ownerId: true, lastContactAt: true, dncPhone: true, dncEmail: true, dncMail: true, dncSms: true, owner: { select: { teamId: true } } },
    });
    if (!customer) throw new NotAllowedError();
    const ref = { ownerId: customer.ownerId, ownerTeamId: customer.owner?.teamId ?? null };
    authorize(actor, "touchpoint.create", "Touchpoint", null, ref);
    const refusal = optOutRefusal(input.channel, input.direction, customer);
    if (refusal) throw new RuleError(`touchpoints.optedOut.${refusal}`, "channel");

    if (input.contactId && !(await tx.contact.findFirst({ where: { id: input.contactId, customerId, deletedAt: null }, select: { id: true } }))) {
      throw new RuleError("touchpoints.errors.badLink", "contactId");
    }
    if (input.campaignId && !(await tx.campaignMember.findFirst({ where: { campaignId: input.campaignId, customerId }, select: { id: true } }))) {
      throw new RuleError("touchpoints.errors.badLink", "campaignId");
    }
    if (input.opportunityId) {
      const opp = await tx.opportunity.findFirst({ where: { id: input.opportunityId, customerId }, select: { ownerId: true, owner: { select: { teamId: true } } } });
      if (!opp || !can(actor, "opportunity.read", { ownerId: opp.ownerId, ownerTeamId: opp.owner.teamId })) throw new RuleError("touchpoints.errors.badLink", "opportunityId");
    }
    if (input.ticketId) {
      const ticket = await tx.ticket.findFirst({ where: { id: input.ticketId, customerId }, select: { assigneeId: true } });
      if (!ticket || !can(actor, "ticket.read", { ...ref, assignedToId: ticket.assigneeId })) throw new RuleError("touchpoints.errors.badLink", "ticketId");
    }

    const created = await tx.touchpoint.create({
      data: { ...input, customerId, userId: actor.id },
      select: { id: true },
    });
    if (!customer.lastContactAt || customer.lastContactAt < input.occurredAt) {
      // Denormalised for the list's "last contact older than N days" filter; not a profile edit, so no version bump.
      await tx.customer.update({ where: { id: customerId }, data: { lastContactAt: input.occurredAt } });
    }
    await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: "Touchpoint", entityId: created.id, before: null, after: { customerId, ...input } });
    return toDto(await tx.touchpoint.findUniqueOrThrow({ where: { id: created.id }, select: TOUCHPOINT_SELECT }));
  });
}

import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import { can } from "@/lib/platform/auth/permissions";
import { pageOf, type TimelineQuery } from "@/lib/touchpoints/rules/timeline";
import type { Prisma } from "@/lib/generated/prisma/client";
import { accessWhere } from "@/lib/platform/auth/scope-filters";
import { db } from "@/lib/platform/db/prisma";

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

export const TOUCHPOINT_SELECT = {
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

export type TouchpointRow = Prisma.TouchpointGetPayload<{ select: typeof TOUCHPOINT_SELECT }>;

export function toDto(r: TouchpointRow): TouchpointDto {
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


import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import { can } from "@/lib/platform/auth/permissions";
import { db } from "@/lib/platform/db/prisma";
import { accessSql } from "@/lib/platform/auth/scope-filters";
import { SqlParams } from "@/lib/platform/db/sql-builder";

export type OrderSummary = {
  count: number;
  /** Completed orders only, as exact decimal strings. */
  total: string;
  margin: string;
  recent: { id: number; orderedAt: Date; status: string; total: string; lines: number }[];
};

export type OpportunityRow = { id: number; name: string; stage: string; amount: string; probability: number; expectedCloseDate: Date; ownerName: string };
export type CampaignMembershipRow = { campaignId: number; name: string; type: string; campaignStatus: string; memberStatus: string; respondedAt: Date | null };
export type TicketRow = { id: number; subject: string; status: string; priority: string; channel: string; createdAt: Date; assigneeName: string | null };
export type ScorePoint = { periodEnd: Date; tier: string; tierRank: number; predictedClv: string; historicalClv: string; rfmCode: string; churnRisk: number | null };

export type Customer360Sections = {
  orders: OrderSummary;
  opportunities: OpportunityRow[];
  campaigns: CampaignMembershipRow[];
  tickets: TicketRow[];
  /** Tickets of this customer the actor may not read (a rep reads only their own customers' tickets). */
  hiddenTickets: number;
  scores: ScorePoint[];
};

const RECENT = 10;

/**
 * The 360 page's sections other than profile, contacts and timeline, each through its own
 * permission row: orders and campaigns are readable by all, opportunities by owner/team, tickets by
 * the customer's owner for reps. Queries run together; each is one indexed lookup by customer.
 */
export async function getCustomer360Sections(actor: Actor, customerId: number, ref: { ownerId: number | null; ownerTeamId: number | null }): Promise<Customer360Sections> {
  const prisma = await db();
  const oppParams = new SqlParams();
  const oppScope = oppParams.embed(accessSql(actor, "opportunity.read", "Opportunity", "o"));
  const ticketsVisible = can(actor, "ticket.read", ref);
  const [totals, recent, opportunities, campaigns, tickets, ticketCount, scores] = await Promise.all([
    can(actor, "order.read")
      ? prisma.$queryRawUnsafe<{ count: number; total: string; margin: string }[]>(
          `SELECT count(*)::int AS "count",
                  COALESCE(sum("total") FILTER (WHERE "status" = 'COMPLETED'), 0)::text AS "total",
                  COALESCE(sum("margin") FILTER (WHERE "status" = 'COMPLETED'), 0)::text AS "margin"
           FROM "Order" WHERE "customerId" = $1::int`,
          customerId,
        )
      : Promise.resolve([{ count: 0, total: "0", margin: "0" }]),
    // Raw SQL: Prisma's _count of order lines aggregated every line of every order (2 s at scale).
    can(actor, "order.read")
      ? prisma.$queryRawUnsafe<{ id: number; orderedAt: Date; status: string; total: string; lines: number }[]>(
          `SELECT o."id", o."orderedAt", o."status"::text AS "status", o."total"::text AS "total",
                  (SELECT count(*)::int FROM "OrderLine" l WHERE l."orderId" = o."id") AS "lines"
           FROM "Order" o WHERE o."customerId" = $1::int ORDER BY o."orderedAt" DESC, o."id" DESC LIMIT $2::int`,
          customerId,
          RECENT,
        )
      : Promise.resolve([]),
    prisma.$queryRawUnsafe<OpportunityRow[]>(
      `SELECT o."id", o."name", o."stage"::text AS "stage", o."amount"::text AS "amount", o."probability", o."expectedCloseDate", u."name" AS "ownerName"
       FROM "Opportunity" o JOIN "User" u ON u."id" = o."ownerId"
       WHERE o."customerId" = ${oppParams.add(customerId, "::int")} AND ${oppScope}
       ORDER BY o."expectedCloseDate" DESC, o."id" DESC LIMIT 50`,
      ...oppParams.values,
    ),
    can(actor, "campaign.read")
      ? prisma.campaignMember.findMany({
          where: { customerId },
          orderBy: { campaign: { startsAt: "desc" } },
          take: 50,
          select: { status: true, respondedAt: true, campaign: { select: { id: true, name: true, type: true, status: true } } },
        })
      : Promise.resolve([]),
    ticketsVisible
      ? prisma.ticket.findMany({
          where: { customerId },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: 50,
          select: { id: true, subject: true, status: true, priority: true, channel: true, createdAt: true, assignee: { select: { name: true } } },
        })
      : Promise.resolve([]),
    ticketsVisible ? Promise.resolve(0) : prisma.ticket.count({ where: { customerId } }),
    prisma.customerScore.findMany({
      where: { customerId },
      orderBy: { periodEnd: "asc" },
      take: 60,
      select: { periodEnd: true, tier: true, tierRank: true, predictedClv: true, historicalClv: true, rfmCode: true, churnRisk: true },
    }),
  ]);
  return {
    orders: {
      count: totals[0]?.count ?? 0,
      total: formatMoney(totals[0]?.total ?? "0"),
      margin: formatMoney(totals[0]?.margin ?? "0"),
      recent: recent.map((o) => ({ ...o, total: formatMoney(o.total) })),
    },
    opportunities,
    campaigns: campaigns.map((m) => ({
      campaignId: m.campaign.id,
      name: m.campaign.name,
      type: m.campaign.type,
      campaignStatus: m.campaign.status,
      memberStatus: m.status,
      respondedAt: m.respondedAt,
    })),
    tickets: tickets.map((t) => ({ id: t.id, subject: t.subject, status: t.status, priority: t.priority, channel: t.channel, createdAt: t.createdAt, assigneeName: t.assignee?.name ?? null })),
    hiddenTickets: ticketCount,
    scores: scores.map((s) => ({
      periodEnd: s.periodEnd,
      tier: s.tier,
      tierRank: s.tierRank,
      predictedClv: s.predictedClv.toFixed(2),
      historicalClv: s.historicalClv.toFixed(2),
      rfmCode: s.rfmCode,
      churnRisk: s.churnRisk,
    })),
  };
}

/** Two decimals from PostgreSQL's numeric text, without passing through a float. */
function formatMoney(value: string): string {
  const [whole, fraction = ""] = value.split(".");
  return `${whole}.${(fraction + "00").slice(0, 2)}`;
}

/** Link targets for the log-touchpoint form: the customer's campaigns, and the opportunities and tickets this actor may read. */
export type TouchpointLinkOptions = {
  campaigns: { id: number; name: string }[];
  opportunities: { id: number; name: string }[];
  tickets: { id: number; name: string }[];
};

export function linkOptionsOf(sections: Customer360Sections): TouchpointLinkOptions {
  return {
    campaigns: sections.campaigns.map((c) => ({ id: c.campaignId, name: c.name })),
    opportunities: sections.opportunities.map((o) => ({ id: o.id, name: o.name })),
    tickets: sections.tickets.map((t) => ({ id: t.id, name: `#${t.id} ${t.subject}` })),
  };
}

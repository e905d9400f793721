import "server-only";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { daysSince, isStale } from "@/lib/opportunities/rules/stale";
import { OPEN_STAGES, type OpenStage } from "@/lib/opportunities/rules/stages";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OpportunityStage } from "@/lib/generated/prisma/enums";
import { now as clockNow } from "@/lib/platform/clock";
import { accessWhere } from "@/lib/platform/auth/scope-filters";
import { db } from "@/lib/platform/db/prisma";
import { requireRight } from "@/lib/platform/auth/guard";
import { dateOnly } from "@/lib/opportunities/queries";

/** Cards per column on first load; "show more" raises one column's limit up to the cap. */
export const BOARD_COLUMN_LIMIT = 30;
export const BOARD_COLUMN_CAP = 300;

export type BoardCard = {
  id: number;
  name: string;
  customerName: string;
  amount: string;
  stage: OpportunityStage;
  expectedCloseDate: string;
  ownerName: string;
  /** Whole days since the last activity; `stale` when beyond the board's N. */
  idleDays: number;
  stale: boolean;
  version: number;
  canMove: boolean;
};

export type BoardColumn = { stage: OpenStage; count: number; amount: string; cards: BoardCard[]; limit: number; hasMore: boolean };

export type BoardQuery = { ownerId?: number; staleDays: number; limits?: Partial<Record<OpenStage, number>> };

// Only what a card shows: the board must stay fast with thousands of open deals.
const CARD_SELECT = {
  id: true,
  name: true,
  amount: true,
  stage: true,
  expectedCloseDate: true,
  lastActivityAt: true,
  version: true,
  ownerId: true,
  customer: { select: { name: true } },
  owner: { select: { name: true, teamId: true } },
} as const satisfies Prisma.OpportunitySelect;

export function boardWhere(actor: Actor, q: BoardQuery): Prisma.OpportunityWhereInput {
  const scope = accessWhere(actor, "opportunity.read", "Opportunity");
  return q.ownerId ? { AND: [scope, { ownerId: q.ownerId }] } : scope;
}

/**
 * The open pipeline by stage: per column the deals closing soonest (index on stage + close date)
 * and the column's count and amount from one GROUP BY, so totals are right however many cards show.
 */
export async function getBoard(actor: Actor, q: BoardQuery, now = clockNow()): Promise<BoardColumn[]> {
  await requireRight(actor, "opportunity.read", "Opportunity");
  const prisma = await db();
  const where = boardWhere(actor, q);
  const limitOf = (stage: OpenStage) => Math.min(BOARD_COLUMN_CAP, Math.max(1, q.limits?.[stage] ?? BOARD_COLUMN_LIMIT));
  const [totals, ...columns] = await Promise.all([
    prisma.opportunity.groupBy({ by: ["stage"], where: { AND: [where, { stage: { in: [...OPEN_STAGES] } }] }, _count: { _all: true }, _sum: { amount: true } }),
    ...OPEN_STAGES.map((stage) =>
      prisma.opportunity.findMany({
        where: { AND: [where, { stage }] },
        orderBy: [{ expectedCloseDate: "asc" }, { id: "asc" }],
        take: limitOf(stage) + 1,
        select: CARD_SELECT,
      }),
    ),
  ]);
  return OPEN_STAGES.map((stage, i) => {
    const rows = columns[i];
    const limit = limitOf(stage);
    const total = totals.find((t) => t.stage === stage);
    return {
      stage,
      count: total?._count._all ?? 0,
      amount: total?._sum.amount?.toFixed(2) ?? "0.00",
      limit,
      hasMore: rows.length > limit,
      cards: rows.slice(0, limit).map((r) => ({
        id: r.id,
        name: r.name,
        customerName: r.customer.name,
        amount: r.amount.toFixed(2),
        stage: r.stage,
        expectedCloseDate: dateOnly(r.expectedCloseDate),
        ownerName: r.owner.name,
        idleDays: daysSince(r.lastActivityAt, now),
        stale: isStale(r.lastActivityAt, now, q.staleDays),
        version: r.version,
        canMove: can(actor, "opportunity.edit", { ownerId: r.ownerId, ownerTeamId: r.owner.teamId }),
      })),
    };
  });
}

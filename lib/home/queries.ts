import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import { dayRange, localDateOf, shiftDate, weekdayOf } from "@/lib/platform/time-zone";
import { staleCutoff } from "@/lib/opportunities/rules/stale";
import { OPEN_STAGES, type OpenStage } from "@/lib/opportunities/rules/stages";
import { Prisma } from "@/lib/generated/prisma/client";
import { now as clockNow } from "@/lib/platform/clock";
import { accessWhere } from "@/lib/platform/auth/scope-filters";
import { type AppointmentDto, listAppointments } from "@/lib/calendar/queries";
import { db } from "@/lib/platform/db/prisma";
import { getStaleDaysDefault } from "@/lib/opportunities/queries";
import { myOpenTasksDue, remindersDue, type TaskDto } from "@/lib/tasks/queries";


export type StageFigures = { stage: OpenStage; count: number; amount: string; weighted: string };
export type AttentionDeal = {
  id: number;
  name: string;
  customerName: string;
  stage: string;
  amount: string;
  expectedCloseDate: Date;
  lastActivityAt: Date;
  reasons: ("stale" | "overdue" | "closingThisWeek")[];
};

export type RepHome = {
  today: string;
  todayTasks: TaskDto[];
  overdueTasks: TaskDto[];
  reminders: { items: TaskDto[]; total: number };
  appointments: AppointmentDto[];
  pipeline: { stages: StageFigures[]; count: number; amount: string; weighted: string };
  attention: AttentionDeal[];
  /** N of "no activity in N days" (the company's pipeline setting). */
  staleDays: number;
};

/**
 * The rep's day: their own tasks and meetings, their own open pipeline (weighted by each deal's stored
 * probability) and their deals needing attention. Own records only, for managers too: the team's
 * figures live on the pipeline dashboard. "Today" and "this week" are the viewer's local ones.
 */
export async function getRepHome(actor: Actor, timeZone: string, now = clockNow()): Promise<RepHome> {
  const today = localDateOf(now, timeZone);
  const { start: dayStart, end: dayEnd } = dayRange(today, timeZone);
  const weekEnd = dayRange(shiftDate(today, 6 - weekdayOf(today)), timeZone).end;
  // "No activity in N days" means the same N as on the board and the pipeline dashboard.
  const staleDays = await getStaleDaysDefault();
  const staleBefore = staleCutoff(now, staleDays);
  const prisma = await db();
  // The actor's own open deals, within what they may read at all (an agent owns and reads none).
  const open = { AND: [accessWhere(actor, "opportunity.read", "Opportunity"), { ownerId: actor.id, stage: { in: [...OPEN_STAGES] } }] } satisfies Prisma.OpportunityWhereInput;

  const [todayTasks, overdueTasks, reminders, appointments, groups, attentionRows] = await Promise.all([
    myOpenTasksDue(actor, now, dayEnd),
    myOpenTasksDue(actor, null, now),
    remindersDue(actor, now),
    listAppointments(actor, "me", dayStart, dayEnd),
    // Grouped by stage and probability, so the weighted sum stays exact: sum(amount) x p / 100 per group.
    prisma.opportunity.groupBy({ by: ["stage", "probability"], where: open, _count: { _all: true }, _sum: { amount: true } }),
    prisma.opportunity.findMany({
      where: { ...open, OR: [{ lastActivityAt: { lt: staleBefore } }, { expectedCloseDate: { lt: weekEnd } }] },
      select: { id: true, name: true, stage: true, amount: true, expectedCloseDate: true, lastActivityAt: true, customer: { select: { name: true } } },
      orderBy: [{ expectedCloseDate: "asc" }, { id: "asc" }],
      take: 20,
    }),
  ]);

  const zero = new Prisma.Decimal(0);
  const byStage = new Map<OpenStage, { count: number; amount: Prisma.Decimal; weighted: Prisma.Decimal }>(OPEN_STAGES.map((s) => [s, { count: 0, amount: zero, weighted: zero }]));
  for (const g of groups) {
    const acc = byStage.get(g.stage as OpenStage);
    if (!acc) continue;
    const amount = g._sum.amount ?? zero;
    acc.count += g._count._all;
    acc.amount = acc.amount.plus(amount);
    acc.weighted = acc.weighted.plus(amount.times(g.probability).dividedBy(100));
  }
  const stages = OPEN_STAGES.map((stage) => {
    const f = byStage.get(stage)!;
    return { stage, count: f.count, amount: f.amount.toFixed(2), weighted: f.weighted.toFixed(2) };
  });
  const total = [...byStage.values()].reduce((a, f) => ({ count: a.count + f.count, amount: a.amount.plus(f.amount), weighted: a.weighted.plus(f.weighted) }), { count: 0, amount: zero, weighted: zero });

  const attention = attentionRows.map((o) => {
    const reasons: AttentionDeal["reasons"] = [];
    if (o.lastActivityAt < staleBefore) reasons.push("stale");
    if (o.expectedCloseDate < dayStart) reasons.push("overdue");
    else if (o.expectedCloseDate < weekEnd) reasons.push("closingThisWeek");
    return {
      id: o.id,
      name: o.name,
      customerName: o.customer.name,
      stage: o.stage,
      amount: o.amount.toFixed(2),
      expectedCloseDate: o.expectedCloseDate,
      lastActivityAt: o.lastActivityAt,
      reasons,
    };
  });

  return {
    today,
    todayTasks,
    overdueTasks,
    reminders,
    appointments,
    pipeline: { stages, count: total.count, amount: total.amount.toFixed(2), weighted: total.weighted.toFixed(2) },
    attention,
    staleDays,
  };
}

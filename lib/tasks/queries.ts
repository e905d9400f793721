import "server-only";
import { fieldValue, type Snapshot } from "@/lib/platform/concurrency";
import type { Actor } from "@/lib/platform/auth/permissions";
import { can } from "@/lib/platform/auth/permissions";
import type { TaskView } from "@/lib/calendar/rules/tasks";
import { OPEN_STAGES } from "@/lib/opportunities/rules/stages";
import type { Prisma } from "@/lib/generated/prisma/client";
import { accessWhere, requirePickable } from "@/lib/platform/auth/scope-filters";
import { db, type Db, logDenial } from "@/lib/platform/db/prisma";
import { RuleError } from "@/lib/platform/errors";
import { logReadDenied, requireRight } from "@/lib/platform/auth/guard";

export const TASK_SELECT = {
  id: true,
  title: true,
  notes: true,
  dueAt: true,
  reminderAt: true,
  status: true,
  ownerId: true,
  owner: { select: { id: true, name: true, teamId: true } },
  customerId: true,
  customer: { select: { id: true, name: true } },
  opportunityId: true,
  opportunity: { select: { id: true, name: true } },
  completedAt: true,
  version: true,
} as const;

export type TaskRow = Prisma.TaskGetPayload<{ select: typeof TASK_SELECT }>;

export type TaskDto = {
  id: number;
  title: string;
  notes: string | null;
  dueAt: Date;
  reminderAt: Date | null;
  status: "OPEN" | "DONE" | "CANCELLED";
  owner: { id: number; name: string };
  customer: { id: number; name: string } | null;
  opportunity: { id: number; name: string } | null;
  completedAt: Date | null;
  version: number;
  /** The fields the task form edits, at `version`: posted back with a save to explain a conflict. */
  snapshot: Snapshot;
  canEdit: boolean;
};

export const refOf = (row: { ownerId: number; owner: { teamId: number | null } }) => ({ ownerId: row.ownerId, ownerTeamId: row.owner.teamId });

export function toDto(actor: Actor, row: TaskRow): TaskDto {
  return {
    id: row.id,
    title: row.title,
    notes: row.notes,
    dueAt: row.dueAt,
    reminderAt: row.reminderAt,
    status: row.status,
    owner: { id: row.owner.id, name: row.owner.name },
    customer: row.customer,
    opportunity: row.opportunity,
    completedAt: row.completedAt,
    version: row.version,
    snapshot: taskSnapshot(row),
    canEdit: can(actor, "task.edit", refOf(row)),
  };
}

/**
 * Checks the optional customer/opportunity links of a task or appointment: the customer must exist;
 * the opportunity must be one the actor may read and, with both given, belong to that customer. An
 * opportunity alone brings its customer along (touchpoints go to the customer).
 */
export async function resolveLinks(client: Db, actor: Actor, customerId: number | null, opportunityId: number | null): Promise<{ customerId: number | null; opportunityId: number | null }> {
  if (opportunityId !== null) {
    const opp = await client.opportunity.findFirst({ where: { id: opportunityId }, select: { customerId: true, ownerId: true, owner: { select: { teamId: true } } } });
    if (!opp || !can(actor, "opportunity.read", { ownerId: opp.ownerId, ownerTeamId: opp.owner.teamId })) throw new RuleError("calendar.errors.badLink", "opportunityId");
    if (customerId !== null && customerId !== opp.customerId) throw new RuleError("calendar.errors.linkMismatch", "opportunityId");
    return { customerId: opp.customerId, opportunityId };
  }
  if (customerId !== null) {
    const customer = await client.customer.findFirst({ where: { id: customerId, deletedAt: null }, select: { id: true } });
    if (!customer) throw new RuleError("calendar.errors.badLink", "customerId");
  }
  return { customerId, opportunityId: null };
}

/**
 * The owner-to-be of a task or appointment, if the actor may give it to them under `action`. A user
 * outside that reach is refused exactly like one that does not exist (and logged), so the owner
 * field tells nothing about other people.
 */
export async function ownerRef(client: Db, actor: Actor, action: "task.edit" | "appointment.edit", ownerId: number): Promise<{ ownerId: number; ownerTeamId: number | null }> {
  const [user] = await requirePickable(client, actor, action, action === "task.edit" ? "Task" : "Appointment", [ownerId]);
  return { ownerId, ownerTeamId: user.teamId };
}

export const TASK_PAGE_SIZE = 20;

export type TaskListQuery = { view: TaskView; ownerId: number | null; page: number; now: Date; endOfToday: Date };
export type TaskPage = { items: TaskDto[]; total: number; page: number; pages: number };

function viewWhere(q: Pick<TaskListQuery, "view" | "now" | "endOfToday">): Prisma.TaskWhereInput {
  switch (q.view) {
    case "open":
      return { status: "OPEN" };
    case "overdue":
      return { status: "OPEN", dueAt: { lt: q.now } };
    case "today":
      return { status: "OPEN", dueAt: { gte: q.now, lt: q.endOfToday } };
    case "upcoming":
      return { status: "OPEN", dueAt: { gte: q.endOfToday } };
    case "done":
      return { status: "DONE" };
  }
}

/**
 * One page of tasks. Without an owner filter, everyone's the actor may see; a manager picks a team
 * member with `ownerId`. Asking for someone outside the scope is refused (and audited).
 */
export async function listTasks(actor: Actor, q: TaskListQuery): Promise<TaskPage> {
  await requireRight(actor, "task.read", "Task");
  const prisma = await db();
  if (q.ownerId !== null) {
    try {
      await requirePickable(prisma, actor, "task.read", "Task", [q.ownerId]);
    } catch (error) {
      await logDenial(prisma, error);
      throw error;
    }
  }
  const where: Prisma.TaskWhereInput = { AND: [accessWhere(actor, "task.read", "Task"), q.ownerId !== null ? { ownerId: q.ownerId } : {}, viewWhere(q)] };
  const orderBy: Prisma.TaskOrderByWithRelationInput[] = q.view === "done" ? [{ completedAt: "desc" }, { id: "desc" }] : [{ dueAt: "asc" }, { id: "asc" }];
  const [total, rows] = await Promise.all([
    prisma.task.count({ where }),
    prisma.task.findMany({ where, orderBy, skip: (Math.max(1, q.page) - 1) * TASK_PAGE_SIZE, take: TASK_PAGE_SIZE, select: TASK_SELECT }),
  ]);
  return { items: rows.map((r) => toDto(actor, r)), total, page: Math.max(1, q.page), pages: Math.max(1, Math.ceil(total / TASK_PAGE_SIZE)) };
}

/** The actor's own open tasks whose reminder time has passed (uses the ownerId+reminderAt index). */
export async function remindersDue(actor: Actor, now: Date, take = 20): Promise<{ items: TaskDto[]; total: number }> {
  const prisma = await db();
  const where: Prisma.TaskWhereInput = { ownerId: actor.id, status: "OPEN", reminderAt: { lte: now } };
  const [total, rows] = await Promise.all([prisma.task.count({ where }), prisma.task.findMany({ where, orderBy: [{ reminderAt: "asc" }, { id: "asc" }], take, select: TASK_SELECT })]);
  return { items: rows.map((r) => toDto(actor, r)), total };
}

/** The actor's own open tasks due before `before` (overdue and today lists of the rep home). */
export async function myOpenTasksDue(actor: Actor, from: Date | null, before: Date, take = 20): Promise<TaskDto[]> {
  const prisma = await db();
  const rows = await prisma.task.findMany({
    where: { ownerId: actor.id, status: "OPEN", dueAt: from ? { gte: from, lt: before } : { lt: before } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take,
    select: TASK_SELECT,
  });
  return rows.map((r) => toDto(actor, r));
}

/** One task; a task the actor may not read answers like a missing one, and the refusal is logged. */
export async function getTask(actor: Actor, id: number): Promise<TaskDto | null> {
  const prisma = await db();
  const row = await prisma.task.findFirst({ where: { id }, select: TASK_SELECT });
  if (!row) return null;
  if (!can(actor, "task.read", refOf(row))) {
    await logReadDenied(actor, "task.read", "Task", id);
    return null;
  }
  return toDto(actor, row);
}

export type LinkOptions = { customers: { id: number; name: string }[]; opportunities: { id: number; name: string; customerId: number }[] };

/** What a task or appointment form may link to: the actor's own customers and open deals (most recent first). */
export async function linkOptions(actor: Actor): Promise<LinkOptions> {
  const prisma = await db();
  const [customers, opportunities] = await Promise.all([
    prisma.customer.findMany({ where: { AND: [accessWhere(actor, "customer.read", "Customer"), { ownerId: actor.id, deletedAt: null }] }, select: { id: true, name: true }, orderBy: { name: "asc" }, take: 200 }),
    prisma.opportunity.findMany({
      where: { AND: [accessWhere(actor, "opportunity.read", "Opportunity"), { ownerId: actor.id, stage: { in: [...OPEN_STAGES] } }] },
      select: { id: true, name: true, customerId: true },
      orderBy: { expectedCloseDate: "asc" },
      take: 200,
    }),
  ]);
  return { customers, opportunities };
}

/** Links and owner read by name, as the task form shows them; times are ISO instants. */
export function taskSnapshot(row: TaskRow): Snapshot {
  return {
    title: row.title,
    notes: fieldValue(row.notes),
    dueAt: fieldValue(row.dueAt),
    reminderAt: fieldValue(row.reminderAt),
    status: row.status,
    owner: row.owner.name,
    customer: row.customer?.name ?? null,
    opportunity: row.opportunity?.name ?? null,
  };
}

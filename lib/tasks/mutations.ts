import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import { now as clockNow } from "@/lib/platform/clock";
import { checkVersion, type Expected, type VersionedRecord, writeAtVersion } from "@/lib/platform/concurrency";
import type { TaskInput } from "@/lib/tasks/schema";
import { writeAudit } from "@/lib/platform/audit";
import { type Db, transaction } from "@/lib/platform/db/prisma";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { authorize } from "@/lib/platform/auth/guard";
import { refOf, TASK_SELECT, type TaskDto, type TaskRow, toDto, ownerRef, resolveLinks, taskSnapshot } from "@/lib/tasks/queries";

const versionOfTask = (row: TaskRow): VersionedRecord => ({ version: row.version, snapshot: taskSnapshot(row) });

async function versionedTask(client: Db, id: number): Promise<VersionedRecord> {
  const row = await client.task.findFirst({ where: { id }, select: TASK_SELECT });
  if (!row) throw new NotAllowedError();
  return versionOfTask(row);
}

function auditView(row: TaskRow | (TaskInput & { status?: string })): Record<string, unknown> {
  return {
    title: row.title,
    notes: row.notes,
    dueAt: row.dueAt,
    reminderAt: row.reminderAt,
    ownerId: row.ownerId,
    customerId: row.customerId,
    opportunityId: row.opportunityId,
    status: "status" in row ? row.status : undefined,
  };
}

export async function createTask(actor: Actor, input: TaskInput): Promise<TaskDto> {
  return transaction(async (tx) => {
    const ref = await ownerRef(tx, actor, "task.edit", input.ownerId ?? actor.id);
    authorize(actor, "task.edit", "Task", null, ref);
    const links = await resolveLinks(tx, actor, input.customerId, input.opportunityId);
    const created = await tx.task.create({
      data: { title: input.title, notes: input.notes, dueAt: input.dueAt, reminderAt: input.reminderAt, ownerId: ref.ownerId, ...links },
      select: TASK_SELECT,
    });
    await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: "Task", entityId: created.id, before: null, after: auditView(created) });
    return toDto(actor, created);
  });
}

/**
 * Edits a task loaded at `expected` (the version, and the snapshot the form showed); if it changed
 * since, ConflictError names what the other save changed. (The version replaces updatedAt as the
 * token: two saves within the same millisecond shared an updatedAt.)
 */
export async function updateTask(actor: Actor, id: number, expected: Expected, input: TaskInput): Promise<TaskDto> {
  return transaction(async (tx) => {
    const row = await tx.task.findFirst({ where: { id }, select: TASK_SELECT });
    if (!row) throw new NotAllowedError();
    authorize(actor, "task.edit", "Task", id, refOf(row));
    const ownerId = input.ownerId ?? row.ownerId;
    if (ownerId !== row.ownerId) authorize(actor, "task.edit", "Task", id, await ownerRef(tx, actor, "task.edit", ownerId));
    checkVersion("Task", id, expected, versionOfTask(row));
    const links = await resolveLinks(tx, actor, input.customerId, input.opportunityId);
    await writeAtVersion(
      "Task",
      id,
      expected,
      (version) =>
        tx.task.updateMany({
          where: { id, version },
          data: { title: input.title, notes: input.notes, dueAt: input.dueAt, reminderAt: input.reminderAt, ownerId, ...links, version: { increment: 1 } },
        }),
      () => versionedTask(tx, id),
    );
    const updated = await tx.task.findUniqueOrThrow({ where: { id }, select: TASK_SELECT });
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Task", entityId: id, before: auditView(row), after: auditView(updated) });
    return toDto(actor, updated);
  });
}

/**
 * Completes or reopens a task; doing what is already done is a no-op refusal the user can read.
 * `expected`: the version the list showed, when the caller has one; otherwise the version read here,
 * which still makes the write conditional (no read-then-write window).
 */
export async function setTaskDone(actor: Actor, id: number, done: boolean, expected?: Expected): Promise<TaskDto> {
  return transaction(async (tx) => {
    const row = await tx.task.findFirst({ where: { id }, select: TASK_SELECT });
    if (!row) throw new NotAllowedError();
    authorize(actor, "task.edit", "Task", id, refOf(row));
    if ((row.status === "DONE") === done) throw new RuleError(done ? "tasks.errors.alreadyDone" : "tasks.errors.alreadyOpen");
    const against = expected ?? row.version;
    checkVersion("Task", id, against, versionOfTask(row));
    await writeAtVersion(
      "Task",
      id,
      against,
      (version) => tx.task.updateMany({ where: { id, version }, data: done ? { status: "DONE", completedAt: clockNow(), version: { increment: 1 } } : { status: "OPEN", completedAt: null, version: { increment: 1 } } }),
      () => versionedTask(tx, id),
    );
    const updated = await tx.task.findUniqueOrThrow({ where: { id }, select: TASK_SELECT });
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Task", entityId: id, before: { status: row.status, completedAt: row.completedAt }, after: { status: updated.status, completedAt: updated.completedAt } });
    return toDto(actor, updated);
  });
}

/** Which list a task belongs to, relative to the viewer's local day. Pure, so the views and the home agree. */

export type TaskView = "open" | "overdue" | "today" | "upcoming" | "done";
export const TASK_VIEWS: readonly TaskView[] = ["open", "overdue", "today", "upcoming", "done"];

export function parseTaskView(value: unknown): TaskView {
  return typeof value === "string" && (TASK_VIEWS as readonly string[]).includes(value) ? (value as TaskView) : "open";
}

export type TaskTiming = { status: "OPEN" | "DONE" | "CANCELLED"; dueAt: Date; reminderAt: Date | null };

/** overdue: open and due before now; today: open, due from now to the end of the local day; later: after today. */
export function taskBucket(task: TaskTiming, now: Date, endOfToday: Date): "done" | "cancelled" | "overdue" | "today" | "upcoming" {
  if (task.status === "DONE") return "done";
  if (task.status === "CANCELLED") return "cancelled";
  if (task.dueAt.getTime() < now.getTime()) return "overdue";
  if (task.dueAt.getTime() < endOfToday.getTime()) return "today";
  return "upcoming";
}

/** A reminder is due once its time has passed while the task is still open. */
export function reminderDue(task: TaskTiming, now: Date): boolean {
  return task.status === "OPEN" && task.reminderAt !== null && task.reminderAt.getTime() <= now.getTime();
}

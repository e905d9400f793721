import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import { createTask, setTaskDone, updateTask } from "@/lib/tasks/mutations";
import { getTask, listTasks, remindersDue } from "@/lib/tasks/queries";
import { taskInputSchema } from "@/lib/tasks/schema";
import { HOUR_MS, TEST_NOW } from "../support/clock";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;
const HOUR = HOUR_MS;
// The clock starts here too (vitest.config.ts): "now" in these tests is the app's now, give or take the seconds the file runs.
const now = TEST_NOW;
const endOfToday = new Date(now.getTime() + 6 * HOUR);
const task = (over: Record<string, unknown> = {}) => taskInputSchema.parse({ title: "Call back", dueAt: new Date(now.getTime() + 2 * HOUR).toISOString(), ...over });
const query = (over: Partial<Parameters<typeof listTasks>[1]> = {}) => ({ view: "open" as const, ownerId: null, page: 1, now, endOfToday, ...over });

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
});
afterAll(() => db.close());

describe("validation", () => {
  test("title and due date are required; a reminder after the due time is refused on its field", () => {
    const r = taskInputSchema.safeParse({ title: " ", dueAt: "" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["title", "dueAt"]));
    const late = taskInputSchema.safeParse({ title: "x", dueAt: "2026-11-23T10:00:00Z", reminderAt: "2026-11-23T10:01:00Z" });
    expect(late.error?.issues).toEqual([expect.objectContaining({ path: ["reminderAt"], message: "tasks.errors.reminderAfterDue" })]);
    expect(taskInputSchema.safeParse({ title: "x", dueAt: "2026-11-23T10:00:00Z", reminderAt: "2026-11-23T10:00:00Z" }).success).toBe(true);
  });
});

describe("scopes", () => {
  test("reps see their own tasks, the manager the team's and can filter by member; another team's member is refused", async () => {
    const mine = await createTask(people.repEast, task({ title: "East 1 task" }));
    const other = await createTask(people.repEast2, task({ title: "East 2 task" }));
    const west = await createTask(people.repWest, task({ title: "West task" }));
    const titles = async (actor: typeof people.repEast, over = {}) => (await listTasks(actor, query(over))).items.map((t) => t.title).sort();
    expect(await titles(people.repEast)).toEqual(["East 1 task"]);
    expect(await titles(people.managerEast)).toEqual(["East 1 task", "East 2 task"]);
    expect(await titles(people.managerEast, { ownerId: people.repEast2.id })).toEqual(["East 2 task"]);
    await expect(listTasks(people.managerEast, query({ ownerId: people.repWest.id }))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(listTasks(people.repEast, query({ ownerId: people.repEast2.id }))).rejects.toBeInstanceOf(NotAllowedError);
    expect(await getTask(people.repEast, other.id)).toBeNull();
    expect(await getTask(people.managerEast, west.id)).toBeNull();
    expect((await getTask(people.managerEast, mine.id))?.canEdit).toBe(true);
  });

  test("a rep is refused another rep's task, nothing changes, and the refusal is audited", async () => {
    const other = await createTask(people.repEast2, task({ title: "Not yours" }));
    const before = await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Task", entityId: String(other.id), userId: people.repEast.id } });
    await expect(updateTask(people.repEast, other.id, other.version, task({ title: "Hijacked" }))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(setTaskDone(people.repEast, other.id, true)).rejects.toBeInstanceOf(NotAllowedError);
    expect((await db.prisma.task.findUniqueOrThrow({ where: { id: other.id } })).title).toBe("Not yours");
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Task", entityId: String(other.id), userId: people.repEast.id } })).toBe(before + 2);
  });

  test("a rep cannot create a task for someone else; a manager can for a team member only", async () => {
    await expect(createTask(people.repEast, task({ ownerId: people.repEast2.id }))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(createTask(people.managerEast, task({ ownerId: people.repWest.id }))).rejects.toBeInstanceOf(NotAllowedError);
    const planned = await createTask(people.managerEast, task({ title: "Planned by manager", ownerId: people.repEast.id }));
    expect(planned.owner.id).toBe(people.repEast.id);
  });
});

describe("views, editing, completion", () => {
  test("overdue / today / upcoming / done split by due time and status", async () => {
    const a = await createTask(people.repWest, task({ title: "V overdue", dueAt: new Date(now.getTime() - HOUR).toISOString() }));
    await createTask(people.repWest, task({ title: "V today", dueAt: new Date(now.getTime() + HOUR).toISOString() }));
    await createTask(people.repWest, task({ title: "V later", dueAt: new Date(now.getTime() + 48 * HOUR).toISOString() }));
    await setTaskDone(people.repWest, a.id, true);
    // Completed by the app's clock (which started at TEST_NOW), not the machine's.
    const completedAt = (await db.prisma.task.findUniqueOrThrow({ where: { id: a.id } })).completedAt!.getTime();
    expect(completedAt - now.getTime()).toBeGreaterThanOrEqual(0);
    expect(completedAt - now.getTime()).toBeLessThan(HOUR);
    const v = async (view: "overdue" | "today" | "upcoming" | "done") => (await listTasks(people.repWest, query({ view }))).items.map((t) => t.title).filter((t) => t.startsWith("V "));
    expect(await v("overdue")).toEqual([]);
    expect(await v("done")).toEqual(["V overdue"]);
    await setTaskDone(people.repWest, a.id, false);
    expect(await v("overdue")).toEqual(["V overdue"]);
    expect(await v("today")).toEqual(["V today"]);
    expect(await v("upcoming")).toEqual(["V later"]);
    await expect(setTaskDone(people.repWest, a.id, false)).rejects.toBeInstanceOf(RuleError);
  });

  test("edits are audited with before/after; a stale edit is refused with the current values", async () => {
    const t = await createTask(people.repEast2, task({ title: "Original" }));
    const saved = await updateTask(people.repEast2, t.id, t.version, task({ title: "Renamed" }));
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: "Task", entityId: String(t.id), action: "UPDATE" } });
    expect(audit.changes).toMatchObject({ title: { from: "Original", to: "Renamed" } });
    const stale = await updateTask(people.repEast2, t.id, t.version, task({ title: "Late" })).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).current).toMatchObject({ title: "Renamed" });
    expect(saved.title).toBe("Renamed");
  });

  test("pagination: 20 a page, in due order", async () => {
    const actor = people.admin;
    for (let i = 0; i < 23; i += 1) await createTask(actor, task({ title: `P${String(i).padStart(2, "0")}`, dueAt: new Date(now.getTime() + (i + 1) * HOUR).toISOString() }));
    const p1 = await listTasks(actor, query({ ownerId: actor.id }));
    const p2 = await listTasks(actor, query({ ownerId: actor.id, page: 2 }));
    expect([p1.total, p1.pages, p1.items.length, p2.items.length]).toEqual([23, 2, 20, 3]);
    expect(p2.items.map((t) => t.title)).toEqual(["P20", "P21", "P22"]);
  });

  test("reminders due: own open tasks whose reminder time has passed", async () => {
    const actor = people.agent;
    await createTask(actor, task({ title: "R due", reminderAt: new Date(now.getTime() - 60_000).toISOString() }));
    await createTask(actor, task({ title: "R not yet", reminderAt: new Date(now.getTime() + HOUR).toISOString() }));
    await createTask(actor, task({ title: "R none" }));
    const done = await createTask(actor, task({ title: "R done", reminderAt: new Date(now.getTime() - 60_000).toISOString() }));
    await setTaskDone(actor, done.id, true);
    await createTask(people.admin, task({ title: "R someone else's", reminderAt: new Date(now.getTime() - 60_000).toISOString() }));
    const due = await remindersDue(actor, now);
    expect(due.total).toBe(1);
    expect(due.items.map((t) => t.title)).toEqual(["R due"]);
  });

  test("links: an opportunity brings its customer; a mismatched pair or an unreadable deal is refused", async () => {
    const c1 = await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Link One", region: "East", ownerId: people.repEast.id } });
    const c2 = await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Link Two", region: "East", ownerId: people.repEast.id } });
    const opp = await db.prisma.opportunity.create({ data: { name: "Deal", customerId: c1.id, amount: "1000.00", probability: 10, expectedCloseDate: now, ownerId: people.repEast.id } });
    const t = await createTask(people.repEast, task({ opportunityId: opp.id }));
    expect(t.customer?.id).toBe(c1.id);
    await expect(createTask(people.repEast, task({ opportunityId: opp.id, customerId: c2.id }))).rejects.toMatchObject({ field: "opportunityId" });
    await expect(createTask(people.repWest, task({ opportunityId: opp.id }))).rejects.toMatchObject({ message: "calendar.errors.badLink" });
  });
});

import { afterAll, beforeAll, expect, test } from "vitest";
import { createAppointment } from "@/lib/calendar/mutations";
import { getRepHome } from "@/lib/home/queries";
import { createTask } from "@/lib/tasks/mutations";
import { dayRange, localDateOf, localDateTimeOf } from "@/lib/platform/time-zone";
import { appointmentInputSchema } from "@/lib/calendar/schema";
import { taskInputSchema } from "@/lib/tasks/schema";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;
const TZ = "Asia/Shanghai";
const DAY = 24 * 60 * 60 * 1000;
// Noon in Shanghai on a Wednesday, so "today" and "this week" have room either side.
const now = new Date("2030-03-06T04:00:00Z");

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
});
afterAll(() => db.close());

test("the rep home shows my day, my weighted open pipeline and my deals needing attention, against fixture data", async () => {
  const rep = people.repEast;
  const today = localDateOf(now, TZ);
  const { end: dayEnd } = dayRange(today, TZ);
  const task = (title: string, dueAt: Date, reminderAt?: Date) => createTask(rep, taskInputSchema.parse({ title, dueAt: dueAt.toISOString(), reminderAt: reminderAt?.toISOString() }));
  await task("Overdue call", new Date(now.getTime() - 3 * DAY));
  await task("Today follow-up", new Date(now.getTime() + 2 * 60 * 60 * 1000), new Date(now.getTime() - 60_000));
  await task("Next week", new Date(dayEnd.getTime() + 5 * DAY));
  await createTask(people.repEast2, taskInputSchema.parse({ title: "Someone else's", dueAt: new Date(now.getTime() + 60_000).toISOString() }));
  const at = (ms: number) => localDateTimeOf(new Date(ms), TZ);
  await createAppointment(rep, appointmentInputSchema.parse({ title: "Today meeting", start: at(now.getTime() + 3_600_000), end: at(now.getTime() + 7_200_000), timeZone: TZ }), true);
  await createAppointment(rep, appointmentInputSchema.parse({ title: "Tomorrow meeting", start: at(now.getTime() + DAY), end: at(now.getTime() + DAY + 3_600_000), timeZone: TZ }), true);

  const customer = await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Pipe Co", region: "East", ownerId: rep.id } });
  const deal = (name: string, stage: "PROSPECTING" | "PROPOSAL" | "NEGOTIATION" | "WON", amount: string, probability: number, close: Date, lastActivityAt: Date, ownerId = rep.id) =>
    db.prisma.opportunity.create({ data: { name, customerId: customer.id, stage, amount, probability, expectedCloseDate: close, lastActivityAt, ownerId } });
  const fresh = new Date(now.getTime() - DAY);
  await deal("Healthy", "PROPOSAL", "1000.10", 50, new Date(now.getTime() + 60 * DAY), fresh);
  await deal("Also proposal", "PROPOSAL", "333.33", 40, new Date(now.getTime() + 60 * DAY), fresh);
  await deal("Stale", "PROSPECTING", "200.00", 10, new Date(now.getTime() + 60 * DAY), new Date(now.getTime() - 20 * DAY));
  await deal("Past close", "NEGOTIATION", "999.99", 75, new Date(now.getTime() - 2 * DAY), fresh);
  await deal("Closing Friday", "NEGOTIATION", "100.00", 75, new Date(now.getTime() + 2 * DAY), fresh);
  await deal("Already won", "WON", "5000.00", 100, new Date(now.getTime() - 2 * DAY), new Date(now.getTime() - 30 * DAY));
  await deal("Not mine", "PROPOSAL", "7777.00", 50, new Date(now.getTime() - 2 * DAY), new Date(now.getTime() - 30 * DAY), people.repEast2.id);

  const home = await getRepHome(rep, TZ, now);
  expect(home.today).toBe("2030-03-06");
  expect(home.overdueTasks.map((t) => t.title)).toEqual(["Overdue call"]);
  expect(home.todayTasks.map((t) => t.title)).toEqual(["Today follow-up"]);
  expect(home.reminders.items.map((t) => t.title)).toEqual(["Today follow-up"]);
  expect(home.appointments.map((a) => a.title)).toEqual(["Today meeting"]);
  // 1000.10 x 50% + 333.33 x 40% = 500.05 + 133.332 = 633.382; 200 x 10% = 20; (999.99 + 100) x 75% = 824.9925.
  expect(home.pipeline.stages).toEqual([
    { stage: "PROSPECTING", count: 1, amount: "200.00", weighted: "20.00" },
    { stage: "QUALIFICATION", count: 0, amount: "0.00", weighted: "0.00" },
    { stage: "PROPOSAL", count: 2, amount: "1333.43", weighted: "633.38" },
    { stage: "NEGOTIATION", count: 2, amount: "1099.99", weighted: "824.99" },
  ]);
  expect(home.pipeline).toMatchObject({ count: 5, amount: "2633.42", weighted: "1478.37" });
  expect(Object.fromEntries(home.attention.map((d) => [d.name, d.reasons]))).toEqual({
    "Past close": ["overdue"],
    "Closing Friday": ["closingThisWeek"],
    Stale: ["stale"],
  });
});

test("a new user's home is empty, not an error", async () => {
  const home = await getRepHome(people.repWest, TZ, now);
  expect([home.todayTasks, home.overdueTasks, home.appointments, home.attention, home.reminders.items]).toEqual([[], [], [], [], []]);
  expect(home.pipeline).toMatchObject({ count: 0, amount: "0.00", weighted: "0.00" });
});

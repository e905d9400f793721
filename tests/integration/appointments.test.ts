import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AppointmentConflictError, getAppointment, listAppointments } from "@/lib/calendar/queries";
import { completeAppointment, createAppointment, updateAppointment } from "@/lib/calendar/mutations";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import { advanceClock, fixClock, resetClock } from "@/lib/platform/clock";
import { appointmentInputSchema } from "@/lib/calendar/schema";
import { HOUR_MS, TEST_NOW } from "../support/clock";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;

/** Wall times in Shanghai on a fixed day well in the future, unless the test says otherwise. */
const meeting = (over: Record<string, unknown> = {}) =>
  appointmentInputSchema.parse({ title: "Meeting", start: "2030-03-04T09:00", end: "2030-03-04T10:00", timeZone: "Asia/Shanghai", ...over });

const conflictOf = async (p: Promise<unknown>) => {
  const e = await p.catch((error: unknown) => error);
  expect(e).toBeInstanceOf(AppointmentConflictError);
  return (e as AppointmentConflictError).conflicts;
};

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
});
afterAll(() => db.close());

describe("input", () => {
  test("wall times are stored as UTC instants of the given zone; all-day covers the local days", () => {
    const m = meeting();
    expect(m.startsAt.toISOString()).toBe("2030-03-04T01:00:00.000Z");
    const day = meeting({ allDay: "on", start: "2030-03-04", end: "2030-03-05" });
    expect([day.startsAt.toISOString(), day.endsAt.toISOString()]).toEqual(["2030-03-03T16:00:00.000Z", "2030-03-05T16:00:00.000Z"]);
  });

  test.each([
    [{ end: "2030-03-04T09:00" }, "end", "calendar.errors.endBeforeStart"],
    [{ end: "2030-03-04T08:00" }, "end", "calendar.errors.endBeforeStart"],
    [{ start: "tomorrow" }, "start", "calendar.errors.date"],
    [{ timeZone: "Mars/Base" }, "timeZone", "calendar.errors.timeZone"],
    [{ title: "" }, "title", "validation.required"],
  ])("%o is refused on %s", (over, field, message) => {
    const r = appointmentInputSchema.safeParse({ title: "Meeting", start: "2030-03-04T09:00", end: "2030-03-04T10:00", timeZone: "Asia/Shanghai", ...over });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: [field], message })]));
  });
});

describe("conflicts", () => {
  test("an overlap with an attendee's meeting (as attendee elsewhere) is listed; saving needs confirmation; then it saves", async () => {
    // repEast2 attends a manager's 09:30-10:30 meeting.
    const other = await createAppointment(people.managerEast, meeting({ title: "Pipeline review", start: "2030-03-04T09:30", end: "2030-03-04T10:30", attendeeIds: [people.repEast2.id] }), false);
    const before = await db.prisma.appointment.count();
    const conflicts = await conflictOf(createAppointment(people.repEast, meeting({ title: "Customer visit", attendeeIds: [people.repEast2.id] }), false));
    expect(conflicts).toEqual([expect.objectContaining({ id: other.id, title: "Pipeline review", who: ["rep.east2"] })]);
    expect(await db.prisma.appointment.count()).toBe(before);
    const saved = await createAppointment(people.repEast, meeting({ title: "Customer visit", attendeeIds: [people.repEast2.id] }), true);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: "Appointment", entityId: String(saved.id), action: "CREATE" } });
    expect(JSON.stringify(audit.changes)).toContain(String(other.id));
    expect(saved.attendees.map((a) => a.id)).toEqual([people.repEast2.id]);
  });

  test("the owner's own meetings clash; back-to-back does not; other people's meetings do not", async () => {
    await createAppointment(people.repWest, meeting({ title: "W first", start: "2030-04-01T09:00", end: "2030-04-01T10:00" }), false);
    await createAppointment(people.repWest, meeting({ title: "W next", start: "2030-04-01T10:00", end: "2030-04-01T11:00" }), false);
    await createAppointment(people.admin, meeting({ title: "Admin same time", start: "2030-04-01T09:00", end: "2030-04-01T10:00" }), false);
    const conflicts = await conflictOf(createAppointment(people.repWest, meeting({ start: "2030-04-01T09:59", end: "2030-04-01T10:01" }), false));
    expect(conflicts.map((c) => c.title)).toEqual(["W first", "W next"]);
  });

  test("time zones: 09:00 Shanghai clashes with 01:00 UTC; an all-day event in its own zone clashes with a timed one that day", async () => {
    await createAppointment(people.agent, meeting({ title: "UTC call", start: "2030-05-06T01:00", end: "2030-05-06T01:30", timeZone: "UTC" }), false);
    const c1 = await conflictOf(createAppointment(people.agent, meeting({ start: "2030-05-06T09:00", end: "2030-05-06T09:15" }), false));
    expect(c1.map((c) => c.title)).toEqual(["UTC call"]);
    await createAppointment(people.agent, meeting({ title: "Trade fair", allDay: "on", start: "2030-05-08", end: "2030-05-08" }), false);
    // 23:30 Shanghai on the 8th = 15:30 UTC; 00:30 on the 9th is free.
    expect((await conflictOf(createAppointment(people.agent, meeting({ start: "2030-05-08T15:30", end: "2030-05-08T15:45", timeZone: "UTC" }), false))).map((c) => c.title)).toEqual(["Trade fair"]);
    await expect(createAppointment(people.agent, meeting({ start: "2030-05-09T00:30", end: "2030-05-09T01:00" }), false)).resolves.toMatchObject({ title: "Meeting" });
  });

  test("editing does not clash with itself but re-checks against others; version guards concurrent edits", async () => {
    const a = await createAppointment(people.repEast2, meeting({ title: "Edit me", start: "2030-06-03T09:00", end: "2030-06-03T10:00" }), false);
    await createAppointment(people.repEast2, meeting({ title: "Lunch", start: "2030-06-03T12:00", end: "2030-06-03T13:00" }), false);
    const moved = await updateAppointment(people.repEast2, a.id, a.version, meeting({ title: "Edit me", start: "2030-06-03T09:30", end: "2030-06-03T10:30" }), false);
    expect(moved.version).toBe(a.version + 1);
    const clash = await conflictOf(updateAppointment(people.repEast2, a.id, moved.version, meeting({ title: "Edit me", start: "2030-06-03T11:30", end: "2030-06-03T12:30" }), false));
    expect(clash.map((c) => c.title)).toEqual(["Lunch"]);
    const stale = await updateAppointment(people.repEast2, a.id, a.version, meeting({ title: "Old form" }), true).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).current).toMatchObject({ title: "Edit me" });
    expect((await db.prisma.appointment.findUniqueOrThrow({ where: { id: a.id } })).title).toBe("Edit me");
  });
});

describe("access", () => {
  test("reps read team calendars but edit only their own; other teams' calendars are refused", async () => {
    const a = await createAppointment(people.repEast, meeting({ title: "East only", start: "2030-07-01T09:00", end: "2030-07-01T10:00" }), false);
    const from = new Date("2030-06-30T00:00Z");
    const to = new Date("2030-07-02T00:00Z");
    const seen = await listAppointments(people.repEast2, "team", from, to);
    expect(seen.find((x) => x.id === a.id)).toMatchObject({ title: "East only", canEdit: false, busyOnly: false });
    await expect(updateAppointment(people.repEast2, a.id, a.version, meeting({ title: "Mine now" }), true)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(listAppointments(people.repWest, people.repEast.id, from, to)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await getAppointment(people.repWest, a.id)).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Appointment", userId: people.repWest.id } })).toBeGreaterThanOrEqual(1);
  });

  test("a meeting outside the team with a teammate shows only as busy", async () => {
    // Only an admin may invite across teams; the meeting is theirs, not the East team's.
    const a = await createAppointment(people.admin, meeting({ title: "Secret board deal", start: "2030-07-02T09:00", end: "2030-07-02T10:00", attendeeIds: [people.repEast2.id] }), false);
    const seen = await listAppointments(people.repEast, people.repEast2.id, new Date("2030-07-01T00:00Z"), new Date("2030-07-03T00:00Z"));
    expect(seen.find((x) => x.id === a.id)).toMatchObject({ title: null, busyOnly: true });
  });
});

describe("completing a meeting", () => {
  test("logs exactly one touchpoint on the linked customer, bumps the deal, and refuses a second time", async () => {
    const customer = await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Visit Co", region: "East", ownerId: people.repEast.id } });
    const opp = await db.prisma.opportunity.create({
      data: { name: "Visit deal", customerId: customer.id, amount: "5000.00", probability: 20, stage: "QUALIFICATION", expectedCloseDate: new Date("2031-01-01"), ownerId: people.repEast.id, lastActivityAt: new Date("2020-01-01") },
    });
    const start = new Date(TEST_NOW.getTime() - 2 * HOUR_MS);
    const a = await createAppointment(people.repEast, meeting({ title: "Site visit", location: "Their office", start: start.toISOString().slice(0, 16), end: new Date(start.getTime() + 3_600_000).toISOString().slice(0, 16), timeZone: "UTC", opportunityId: opp.id }), true);
    expect(a.customer?.id).toBe(customer.id);
    // Only the owner completes it, even a manager who may edit it.
    await expect(completeAppointment(people.managerEast, a.id)).rejects.toBeInstanceOf(NotAllowedError);
    const done = await completeAppointment(people.repEast, a.id);
    expect(done.completedAt).not.toBeNull();
    const tps = await db.prisma.touchpoint.findMany({ where: { customerId: customer.id } });
    expect(tps).toEqual([expect.objectContaining({ channel: "SALES_VISIT", direction: "OUTBOUND", userId: people.repEast.id, opportunityId: opp.id, summary: "Site visit (Their office)" })]);
    expect((await db.prisma.opportunity.findUniqueOrThrow({ where: { id: opp.id } })).lastActivityAt.getTime()).toBe(tps[0].occurredAt.getTime());
    expect(await db.prisma.auditLog.count({ where: { entity: "Touchpoint", entityId: String(tps[0].id), action: "CREATE" } })).toBe(1);
    await expect(completeAppointment(people.repEast, a.id)).rejects.toMatchObject({ message: "calendar.errors.alreadyCompleted" });
    expect(await db.prisma.touchpoint.count({ where: { customerId: customer.id } })).toBe(1);
  });

  test("a meeting that has not started cannot be completed", async () => {
    const a = await createAppointment(people.repEast, meeting({ title: "Future", start: "2031-01-01T09:00", end: "2031-01-01T10:00" }), true);
    const e = await completeAppointment(people.repEast, a.id).catch((error: unknown) => error);
    expect(e).toBeInstanceOf(RuleError);
    expect(e).toMatchObject({ message: "calendar.errors.notStarted" });
  });

  test("\"started\" and completion follow the app's clock: refused an hour before the meeting, done once the clock has passed its start", async () => {
    const start = new Date(TEST_NOW.getTime() + 24 * HOUR_MS);
    const a = await createAppointment(people.repEast, meeting({ title: "Tomorrow", start: start.toISOString().slice(0, 16), end: new Date(start.getTime() + HOUR_MS).toISOString().slice(0, 16), timeZone: "UTC" }), true);
    try {
      fixClock(start.getTime() - HOUR_MS);
      expect((await getAppointment(people.repEast, a.id))?.started).toBe(false);
      await expect(completeAppointment(people.repEast, a.id)).rejects.toMatchObject({ message: "calendar.errors.notStarted" });
      advanceClock(2 * HOUR_MS);
      expect((await getAppointment(people.repEast, a.id))?.started).toBe(true);
      const done = await completeAppointment(people.repEast, a.id);
      expect(done.completedAt).toEqual(new Date(start.getTime() + HOUR_MS));
    } finally {
      resetClock();
    }
  });
});

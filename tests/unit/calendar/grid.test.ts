import { describe, expect, test } from "vitest";
import { allDayOn, dayMinutes, daysOf, layoutDay, parseCalendarQuery, serializeCalendarQuery, stepDate, viewWindow } from "@/lib/calendar/rules/grid";
import type { Slot } from "@/lib/calendar/rules/overlap";
import { reminderDue, taskBucket } from "@/lib/calendar/rules/tasks";

const slot = (id: number, start: string, end: string, allDay = false, timeZone = "UTC"): Slot & { id: number } => ({ id, startsAt: new Date(start), endsAt: new Date(end), allDay, timeZone });

describe("views", () => {
  test("a week runs Monday to Sunday around the date, across a month end", () => {
    expect(daysOf("week", "2026-12-02")).toEqual(["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]);
    expect(daysOf("day", "2026-12-02")).toEqual(["2026-12-02"]);
    expect(stepDate("week", "2026-12-30", 1)).toBe("2027-01-06");
    expect(stepDate("day", "2026-03-01", -1)).toBe("2026-02-28");
  });

  test("the window is the local days in the viewer's zone", () => {
    expect(viewWindow("day", "2026-11-23", "Asia/Shanghai")).toEqual({ from: new Date("2026-11-22T16:00Z"), to: new Date("2026-11-23T16:00Z") });
  });

  test("the URL round-trips and bad values fall back", () => {
    const q = parseCalendarQuery({ view: "day", date: "2026-11-23", user: "5", layout: "list" }, "2026-01-01");
    expect(q).toEqual({ view: "day", date: "2026-11-23", who: 5, layout: "list" });
    expect(parseCalendarQuery(Object.fromEntries(new URLSearchParams(serializeCalendarQuery(q))), "2026-01-01")).toEqual(q);
    expect(parseCalendarQuery({ user: "team" }, "2026-01-01").who).toBe("team");
    expect(parseCalendarQuery({ view: "month", date: "2026-02-30", user: "-1" }, "2026-01-01")).toEqual({ view: "week", date: "2026-01-01", who: "me", layout: "grid" });
  });
});

describe("layoutDay", () => {
  test("overlapping items share the width in lanes; back-to-back ones do not", () => {
    const placed = layoutDay(
      [
        slot(1, "2026-11-23T09:00Z", "2026-11-23T10:00Z"),
        slot(2, "2026-11-23T09:30Z", "2026-11-23T10:30Z"),
        slot(3, "2026-11-23T10:30Z", "2026-11-23T11:00Z"),
        slot(4, "2026-11-23T09:45Z", "2026-11-23T09:50Z"),
      ],
      "2026-11-23",
      "UTC",
    );
    const by = Object.fromEntries(placed.map((p) => [p.item.id, p]));
    expect(by[1]).toMatchObject({ top: 540, height: 60, lane: 0, lanes: 3 });
    expect(by[2]).toMatchObject({ top: 570, lane: 1, lanes: 3 });
    // Five minutes long, drawn at the minimum height so it can still be clicked.
    expect(by[4]).toMatchObject({ lane: 2, lanes: 3, height: 15 });
    expect(by[3]).toMatchObject({ top: 630, lane: 0, lanes: 1 });
  });

  test("an item crossing midnight is clipped and marked as continuing", () => {
    const [p] = layoutDay([slot(1, "2026-11-23T23:00Z", "2026-11-24T01:00Z")], "2026-11-24", "UTC");
    expect(p).toMatchObject({ top: 0, height: 60, continuesBefore: true, continuesAfter: false });
  });

  test("positions are elapsed minutes, so a DST day keeps true heights; all-day items go in their own row", () => {
    expect(dayMinutes("2026-03-08", "America/New_York")).toBe(1380);
    const items = [slot(1, "2026-03-08T14:00Z", "2026-03-08T15:00Z", false, "America/New_York"), slot(2, "2026-03-08T05:00Z", "2026-03-09T04:00Z", true, "America/New_York")];
    const placed = layoutDay(items, "2026-03-08", "America/New_York");
    // 10:00 EDT is 9 elapsed hours after midnight EST.
    expect(placed.map((p) => [p.item.id, p.top, p.height])).toEqual([[1, 540, 60]]);
    expect(allDayOn(items, "2026-03-08", "America/New_York").map((i) => i.id)).toEqual([2]);
    expect(allDayOn(items, "2026-03-09", "America/New_York")).toEqual([]);
  });
});

describe("tasks", () => {
  const now = new Date("2026-11-23T10:00Z");
  const end = new Date("2026-11-24T00:00Z");
  test.each([
    [{ status: "OPEN", dueAt: new Date("2026-11-23T09:59Z"), reminderAt: null }, "overdue"],
    [{ status: "OPEN", dueAt: new Date("2026-11-23T10:00Z"), reminderAt: null }, "today"],
    [{ status: "OPEN", dueAt: new Date("2026-11-24T00:00Z"), reminderAt: null }, "upcoming"],
    [{ status: "DONE", dueAt: new Date("2026-11-20T00:00Z"), reminderAt: null }, "done"],
  ] as const)("%o is %s", (task, bucket) => {
    expect(taskBucket(task, now, end)).toBe(bucket);
  });
  test("a reminder is due once passed, only while open", () => {
    expect(reminderDue({ status: "OPEN", dueAt: end, reminderAt: now }, now)).toBe(true);
    expect(reminderDue({ status: "OPEN", dueAt: end, reminderAt: new Date(now.getTime() + 1) }, now)).toBe(false);
    expect(reminderDue({ status: "DONE", dueAt: end, reminderAt: now }, now)).toBe(false);
  });
});

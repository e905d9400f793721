import { describe, expect, test } from "vitest";
import { findConflicts, occupiedRange, overlaps, rangeProblem, type Slot } from "@/lib/calendar/rules/overlap";
import { dayRange, instantOf, isValidTimeZone, localDateTimeOf } from "@/lib/platform/time-zone";

const at = (iso: string) => new Date(iso);
const timed = (start: string, end: string, id: number | null = null, timeZone = "UTC"): Slot => ({ id, startsAt: at(start), endsAt: at(end), allDay: false, timeZone });
const allDay = (start: string, end: string, timeZone: string, id: number | null = null): Slot => ({ id, startsAt: at(start), endsAt: at(end), allDay: true, timeZone });

describe("overlaps", () => {
  test.each([
    ["back to back (end == next start) do not conflict", timed("2026-11-23T09:00Z", "2026-11-23T10:00Z"), timed("2026-11-23T10:00Z", "2026-11-23T11:00Z"), false],
    ["one minute of overlap conflicts", timed("2026-11-23T09:00Z", "2026-11-23T10:01Z"), timed("2026-11-23T10:00Z", "2026-11-23T11:00Z"), true],
    ["containment conflicts", timed("2026-11-23T09:00Z", "2026-11-23T12:00Z"), timed("2026-11-23T10:00Z", "2026-11-23T10:30Z"), true],
    ["disjoint do not conflict", timed("2026-11-23T09:00Z", "2026-11-23T10:00Z"), timed("2026-11-23T13:00Z", "2026-11-23T14:00Z"), false],
    // 09:00 in Shanghai is 01:00 UTC: the same instant written in two zones.
    ["09:00 Shanghai vs 01:00 UTC conflict", timed("2026-11-23T09:00+08:00", "2026-11-23T10:00+08:00", null, "Asia/Shanghai"), timed("2026-11-23T01:00Z", "2026-11-23T01:30Z"), true],
    ["09:00 Shanghai vs 09:00 UTC do not", timed("2026-11-23T09:00+08:00", "2026-11-23T10:00+08:00", null, "Asia/Shanghai"), timed("2026-11-23T09:00Z", "2026-11-23T10:00Z"), false],
  ])("%s", (_name, a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
    expect(overlaps(b, a)).toBe(expected);
  });

  test("an appointment does not conflict with its own earlier version", () => {
    const old = timed("2026-11-23T09:00Z", "2026-11-23T10:00Z", 7);
    const edited = timed("2026-11-23T09:30Z", "2026-11-23T10:30Z", 7);
    expect(overlaps(edited, old)).toBe(false);
    expect(findConflicts(edited, [old, timed("2026-11-23T10:00Z", "2026-11-23T11:00Z", 8)]).map((s) => s.id)).toEqual([8]);
  });
});

describe("all-day", () => {
  // Stored as some instant of the day: occupiedRange widens it to the local day in its own zone.
  const shanghaiDay = allDay("2026-11-23T02:00Z", "2026-11-23T03:00Z", "Asia/Shanghai");

  test("occupies the whole local day in its own zone", () => {
    expect(occupiedRange(shanghaiDay)).toEqual({ start: at("2026-11-22T16:00Z"), end: at("2026-11-23T16:00Z") });
  });

  test.each([
    ["a meeting at 23:30 Shanghai that day", timed("2026-11-23T15:30Z", "2026-11-23T15:45Z"), true],
    ["a meeting at 00:00 Shanghai that day", timed("2026-11-22T16:00Z", "2026-11-22T16:30Z"), true],
    ["a meeting ending at local midnight before", timed("2026-11-22T15:00Z", "2026-11-22T16:00Z"), false],
    ["a meeting starting at local midnight after", timed("2026-11-23T16:00Z", "2026-11-23T17:00Z"), false],
    // 20:00 UTC on the 23rd is already the 24th in Shanghai.
    ["a meeting on the 23rd in UTC that is the 24th in Shanghai", timed("2026-11-23T20:00Z", "2026-11-23T21:00Z"), false],
  ])("conflicts with %s: %s", (_name, meeting, expected) => {
    expect(overlaps(shanghaiDay, meeting)).toBe(expected);
  });

  test("an all-day event whose end equals its start still covers its day", () => {
    const day = allDay("2026-11-23T00:00Z", "2026-11-23T00:00Z", "UTC");
    expect(rangeProblem(day)).toBeNull();
    expect(overlaps(day, timed("2026-11-23T12:00Z", "2026-11-23T13:00Z"))).toBe(true);
  });

  test("two all-day events on neighbouring days do not conflict; an end at local midnight is exclusive", () => {
    const mon = allDay("2026-11-23T00:00Z", "2026-11-24T00:00Z", "UTC");
    const tue = allDay("2026-11-24T00:00Z", "2026-11-25T00:00Z", "UTC");
    expect(overlaps(mon, tue)).toBe(false);
  });
});

describe("daylight saving time", () => {
  const ny = "America/New_York";

  test("the spring-forward day is 23 hours long and an all-day event covers exactly it", () => {
    const day = dayRange("2026-03-08", ny);
    expect(day.start.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(day.end.toISOString()).toBe("2026-03-09T04:00:00.000Z");
    const ev = allDay("2026-03-08T12:00Z", "2026-03-08T13:00Z", ny);
    // 23:30 local (EDT, UTC-4) is still that day; 00:00 next day is not.
    expect(overlaps(ev, timed("2026-03-09T03:30Z", "2026-03-09T03:45Z"))).toBe(true);
    expect(overlaps(ev, timed("2026-03-09T04:00Z", "2026-03-09T05:00Z"))).toBe(false);
  });

  test("a weekly 09:00 meeting keeps its wall time across the change (14:00 UTC before, 13:00 UTC after)", () => {
    expect(instantOf({ year: 2026, month: 3, day: 2, hour: 9, minute: 0 }, ny).toISOString()).toBe("2026-03-02T14:00:00.000Z");
    expect(instantOf({ year: 2026, month: 3, day: 9, hour: 9, minute: 0 }, ny).toISOString()).toBe("2026-03-09T13:00:00.000Z");
  });

  test("a wall time skipped by the jump moves after it; an ambiguous one takes the earlier instant", () => {
    expect(localDateTimeOf(instantOf({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, ny), ny)).toBe("2026-03-08T03:30");
    expect(instantOf({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, ny).toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });

  test("a meeting across the autumn change: 01:30 EDT to 01:30 EST is two hours and clashes with 01:00–01:15 EST", () => {
    const m = timed("2026-11-01T05:30Z", "2026-11-01T06:30Z", null, ny);
    expect(overlaps(m, timed("2026-11-01T06:00Z", "2026-11-01T06:15Z"))).toBe(true);
  });
});

describe("invalid ranges", () => {
  test.each([
    ["zero length", timed("2026-11-23T09:00Z", "2026-11-23T09:00Z"), "empty"],
    ["end before start", timed("2026-11-23T10:00Z", "2026-11-23T09:00Z"), "empty"],
    ["unreadable", { ...timed("2026-11-23T10:00Z", "2026-11-23T11:00Z"), startsAt: new Date("nope") }, "invalid"],
  ] as const)("%s is refused and conflicts with nothing", (_name, slot, problem) => {
    expect(rangeProblem(slot)).toBe(problem);
    expect(overlaps(slot, timed("2026-11-23T00:00Z", "2026-11-24T00:00Z"))).toBe(false);
  });

  test("time zone names are checked against the IANA database", () => {
    expect(isValidTimeZone("Asia/Shanghai")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

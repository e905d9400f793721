import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addBusinessMinutes, businessMinutesBetween } from "@/lib/tickets/rules/business-hours";
import { type BusinessHours, DEFAULT_BUSINESS_HOURS, type OpenInterval, parseBusinessHours, type WeeklyHours } from "@/lib/tickets/rules/service-settings";

// Calendar used below (2026): Mon 03-02 … Fri 03-06, Sat 03-07, Sun 03-08 (New York springs forward),
// Mon 03-09; Fri 03-27, Sun 03-29 (Berlin springs forward), Mon 03-30; Fri 10-23, Sun 10-25 (Berlin
// falls back), Mon 10-26; Sat 10-31, Sun 11-01 (New York falls back).
// CST = Asia/Shanghai UTC+8 all year; EST −5 / EDT −4; CET +1 / CEST +2.

const iv = (start: string, end: string): OpenInterval => ({ start, end });
const weekdays = (...day: OpenInterval[]): WeeklyHours => [[], day, day, day, day, day, []];
const everyDay = (...day: OpenInterval[]): WeeklyHours => [day, day, day, day, day, day, day];

/** Default: Asia/Shanghai, Mon–Fri 09:00–12:00 + 13:00–18:00 (480 business minutes a day). */
const SHANGHAI = DEFAULT_BUSINESS_HOURS;
const SHANGHAI_HOLIDAY_MON: BusinessHours = { ...SHANGHAI, holidays: ["2026-03-09"] };
const SHANGHAI_HOLIDAY_WED: BusinessHours = { ...SHANGHAI, holidays: ["2026-03-04"] };
const SHANGHAI_MAKEUP_SAT: BusinessHours = { ...SHANGHAI, workdays: ["2026-03-07"] };
const NEW_YORK: BusinessHours = { timeZone: "America/New_York", weekly: weekdays(iv("09:00", "17:00")), holidays: [] };
const BERLIN: BusinessHours = { timeZone: "Europe/Berlin", weekly: weekdays(iv("08:00", "17:00")), holidays: [] };
const NEW_YORK_ALWAYS: BusinessHours = { timeZone: "America/New_York", weekly: everyDay(iv("00:00", "24:00")), holidays: [] };
const NEW_YORK_SUNDAY_NIGHT: BusinessHours = { timeZone: "America/New_York", weekly: [[iv("01:00", "04:00")], [], [], [], [], [], []], holidays: [] };

const at = (iso: string) => new Date(iso);

describe("addBusinessMinutes: hand-computed cases", () => {
  test.each<[string, BusinessHours, string, number, string]>([
    // Mon 09:30 CST + 60 = 10:30 CST = 02:30Z.
    ["within a day", SHANGHAI, "2026-03-02T09:30:00+08:00", 60, "2026-03-02T02:30:00.000Z"],
    // 0 minutes inside hours: the start itself.
    ["zero minutes inside hours", SHANGHAI, "2026-03-02T09:30:00+08:00", 0, "2026-03-02T01:30:00.000Z"],
    // Mon 11:30 CST: 30 min to 12:00, lunch, 30 min from 13:00 -> 13:30 CST = 05:30Z.
    ["across lunch", SHANGHAI, "2026-03-02T11:30:00+08:00", 60, "2026-03-02T05:30:00.000Z"],
    // Mon 11:00 CST + 60 ends exactly at the lunch break: 12:00 CST (not 13:00) = 04:00Z.
    ["ends at the lunch break", SHANGHAI, "2026-03-02T11:00:00+08:00", 60, "2026-03-02T04:00:00.000Z"],
    // Mon 12:20 CST is lunch: counting starts 13:00, + 10 -> 13:10 CST = 05:10Z.
    ["starts during lunch", SHANGHAI, "2026-03-02T12:20:00+08:00", 10, "2026-03-02T05:10:00.000Z"],
    // Mon 07:15 CST: counting starts 09:00, + 45 -> 09:45 CST = 01:45Z.
    ["starts before opening", SHANGHAI, "2026-03-02T07:15:00+08:00", 45, "2026-03-02T01:45:00.000Z"],
    // Fri 17:00 CST: 60 min to 18:00, weekend closed, Mon 09:00 + 60 -> Mon 10:00 CST = 02:00Z.
    ["across a weekend", SHANGHAI, "2026-03-06T17:00:00+08:00", 120, "2026-03-09T02:00:00.000Z"],
    // Fri 17:00 CST + 60 ends at Friday's close 18:00 CST = 10:00Z (not Monday 09:00).
    ["ends at Friday's close", SHANGHAI, "2026-03-06T17:00:00+08:00", 60, "2026-03-06T10:00:00.000Z"],
    // Fri 19:30 CST is after hours: counting starts Mon 09:00, + 30 -> 09:30 CST = 01:30Z.
    ["Friday evening start", SHANGHAI, "2026-03-06T19:30:00+08:00", 30, "2026-03-09T01:30:00.000Z"],
    // Sat 10:00 CST, 0 minutes: the next opening, Mon 09:00 CST = 01:00Z.
    ["zero minutes on a Saturday", SHANGHAI, "2026-03-07T10:00:00+08:00", 0, "2026-03-09T01:00:00.000Z"],
    // Fri 17:00 CST: 60 Fri; Mon 03-09 is a holiday; Tue 09:00 + 60 -> Tue 10:00 CST = 02:00Z.
    ["a Monday holiday", SHANGHAI_HOLIDAY_MON, "2026-03-06T17:00:00+08:00", 120, "2026-03-10T02:00:00.000Z"],
    // Fri 17:00 CST: 60 Fri; Sat 03-07 is a make-up workday with Monday hours: 09:00 + 60 -> Sat 10:00 CST = 02:00Z.
    ["a make-up Saturday", SHANGHAI_MAKEUP_SAT, "2026-03-06T17:00:00+08:00", 120, "2026-03-07T02:00:00.000Z"],
    // Mon 10:00 CST + 2400 (5 × 480): each business day from 10:00 to 10:00 next business day -> Mon 03-09 10:00 CST = 02:00Z.
    ["a 5-day resolution target", SHANGHAI, "2026-03-02T10:00:00+08:00", 2400, "2026-03-09T02:00:00.000Z"],
    // Same, Wed 03-04 a holiday: one business day later -> Tue 03-10 10:00 CST = 02:00Z.
    ["a 5-day target over a holiday", SHANGHAI_HOLIDAY_WED, "2026-03-02T10:00:00+08:00", 2400, "2026-03-10T02:00:00.000Z"],
    // 01:00Z is Mon 09:00 CST: + 60 -> 10:00 CST = 02:00Z.
    ["same instant, Shanghai", SHANGHAI, "2026-03-02T01:00:00Z", 60, "2026-03-02T02:00:00.000Z"],
    // 01:00Z is Sun 20:00 EST: counting starts Mon 09:00 EST = 14:00Z, + 60 -> 15:00Z.
    ["same instant, New York", NEW_YORK, "2026-03-02T01:00:00Z", 60, "2026-03-02T15:00:00.000Z"],
    // 01:00Z is Mon 02:00 CET: counting starts 08:00 CET = 07:00Z, + 60 -> 08:00Z.
    ["same instant, Berlin", BERLIN, "2026-03-02T01:00:00Z", 60, "2026-03-02T08:00:00.000Z"],
    // Fri 16:00 EST (21:00Z): 60 to 17:00 EST; clocks spring forward Sunday; Mon 09:00 EDT = 13:00Z, + 60 -> 14:00Z
    // (a fixed −5 offset would wrongly give 15:00Z).
    ["New York, DST week (spring forward 03-08)", NEW_YORK, "2026-03-06T16:00:00-05:00", 120, "2026-03-09T14:00:00.000Z"],
    // Fri 16:30 CET (15:30Z): 30 to 17:00; Berlin springs forward Sunday; Mon 08:00 CEST = 06:00Z, + 30 -> 06:30Z.
    ["Berlin, DST week (spring forward 03-29)", BERLIN, "2026-03-27T16:30:00+01:00", 60, "2026-03-30T06:30:00.000Z"],
    // Fri 16:30 CEST (14:30Z): 30 to 17:00; Berlin falls back Sunday; Mon 08:00 CET = 07:00Z, + 30 -> 07:30Z.
    ["Berlin, DST week (fall back 10-25)", BERLIN, "2026-10-23T16:30:00+02:00", 60, "2026-10-26T07:30:00.000Z"],
    // Open 24/7: Sat 12:00 EST (17:00Z) + 1440 real minutes = 17:00Z next day (13:00 EDT: the 23-hour Sunday counts 23 hours).
    ["24/7 over the 23-hour day", NEW_YORK_ALWAYS, "2026-03-07T12:00:00-05:00", 1440, "2026-03-08T17:00:00.000Z"],
    // Open 24/7: Sat 12:00 EDT (16:00Z) + 1440 real minutes = 16:00Z next day (11:00 EST: the 25-hour Sunday).
    ["24/7 over the 25-hour day", NEW_YORK_ALWAYS, "2026-10-31T12:00:00-04:00", 1440, "2026-11-01T16:00:00.000Z"],
  ])("%s", (_name, hours, start, minutes, expected) => {
    expect(addBusinessMinutes(at(start), minutes, hours).toISOString()).toBe(expected);
  });

  test("a date both holiday and make-up workday stays closed", () => {
    const hours: BusinessHours = { ...SHANGHAI, holidays: ["2026-03-07"], workdays: ["2026-03-07"] };
    // Fri 17:00 CST + 120: Saturday closed after all -> Mon 10:00 CST = 02:00Z.
    expect(addBusinessMinutes(at("2026-03-06T17:00:00+08:00"), 120, hours).toISOString()).toBe("2026-03-09T02:00:00.000Z");
  });

  test("keeps seconds: 1 minute from 11:59:30 CST is 13:00:30 CST", () => {
    expect(addBusinessMinutes(at("2026-03-02T11:59:30+08:00"), 1, SHANGHAI).toISOString()).toBe("2026-03-02T05:00:30.000Z");
  });

  test("rejects negative or non-finite minutes", () => {
    expect(() => addBusinessMinutes(at("2026-03-02T01:00:00Z"), -1, SHANGHAI)).toThrow(RangeError);
    expect(() => addBusinessMinutes(at("2026-03-02T01:00:00Z"), Number.NaN, SHANGHAI)).toThrow(RangeError);
  });

  test("hours with no open time throw a clear error instead of looping", () => {
    const closed: BusinessHours = { timeZone: "Asia/Shanghai", weekly: [[], [], [], [], [], [], []], holidays: [] };
    expect(() => addBusinessMinutes(at("2026-03-02T01:00:00Z"), 60, closed)).toThrow(/no open time in 400 consecutive days/);
  });

  test("a year of holidays is crossed, not mistaken for broken hours", () => {
    const dates: string[] = [];
    for (let d = new Date("2026-03-09T00:00:00Z"); d < new Date("2027-03-08T00:00:00Z"); d = new Date(d.getTime() + 86_400_000)) dates.push(d.toISOString().slice(0, 10));
    // Everything from Mon 2026-03-09 to Sun 2027-03-07 closed: Fri 17:00 + 120 -> 60 Fri, Mon 2027-03-08 09:00 + 60 = 10:00 CST.
    expect(addBusinessMinutes(at("2026-03-06T17:00:00+08:00"), 120, { ...SHANGHAI, holidays: dates }).toISOString()).toBe("2027-03-08T02:00:00.000Z");
  });
});

describe("businessMinutesBetween: hand-computed cases", () => {
  test.each<[string, BusinessHours, string, string, number]>([
    ["to before from", SHANGHAI, "2026-03-02T10:00:00+08:00", "2026-03-02T09:00:00+08:00", 0],
    ["empty range", SHANGHAI, "2026-03-02T10:00:00+08:00", "2026-03-02T10:00:00+08:00", 0],
    // 09:00–12:00 (180) + 13:00–18:00 (300).
    ["a whole business day", SHANGHAI, "2026-03-02T09:00:00+08:00", "2026-03-02T18:00:00+08:00", 480],
    ["inside lunch only", SHANGHAI, "2026-03-02T12:10:00+08:00", "2026-03-02T12:50:00+08:00", 0],
    // Fri 17:00–18:00 (60) + Mon 09:00–10:00 (60).
    ["over a weekend", SHANGHAI, "2026-03-06T17:00:00+08:00", "2026-03-09T10:00:00+08:00", 120],
    // Mon 00:00 to next Mon 00:00: 5 × 480.
    ["a calendar week", SHANGHAI, "2026-03-02T00:00:00+08:00", "2026-03-09T00:00:00+08:00", 2400],
    // Same week, Wednesday a holiday: 4 × 480.
    ["a week with a holiday", SHANGHAI_HOLIDAY_WED, "2026-03-02T00:00:00+08:00", "2026-03-09T00:00:00+08:00", 1920],
    // Fri 60 + make-up Saturday 480 + Mon 60.
    ["over a make-up Saturday", SHANGHAI_MAKEUP_SAT, "2026-03-06T17:00:00+08:00", "2026-03-09T10:00:00+08:00", 600],
    // Fri 16:00–17:00 EST (60) + Mon 09:00–10:00 EDT (60), over the spring-forward Sunday.
    ["New York, DST week", NEW_YORK, "2026-03-06T21:00:00Z", "2026-03-09T14:00:00Z", 120],
    // Sun 03-08 01:00–04:00 local: 01:00 EST = 06:00Z to 04:00 EDT = 08:00Z, 2 real hours (02:00–03:00 does not exist).
    ["an interval over the spring-forward gap", NEW_YORK_SUNDAY_NIGHT, "2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 120],
    // Sun 11-01 01:00–04:00 local: 01:00 EDT = 05:00Z to 04:00 EST = 09:00Z, 4 real hours (01:00–02:00 happens twice).
    ["an interval over the fall-back hour", NEW_YORK_SUNDAY_NIGHT, "2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00", 240],
    // 30 seconds of business time.
    ["fractional minutes", SHANGHAI, "2026-03-02T09:00:00+08:00", "2026-03-02T09:00:30+08:00", 0.5],
  ])("%s", (_name, hours, from, to, expected) => {
    expect(businessMinutesBetween(at(from), at(to), hours)).toBe(expected);
  });
});

describe("properties", () => {
  const configs: [string, BusinessHours][] = [
    ["Shanghai with a holiday and a make-up day", { ...SHANGHAI, holidays: ["2026-05-01", "2026-10-01", "2027-02-08"], workdays: ["2026-04-26", "2026-09-27"] }],
    ["New York", NEW_YORK],
    ["Berlin with lunch", { ...BERLIN, weekly: weekdays(iv("08:00", "12:30"), iv("13:30", "17:00")) }],
    ["New York 24/7", NEW_YORK_ALWAYS],
  ];
  // Two years around both DST seasons, to the millisecond.
  const instants = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }).map((ms) => new Date(ms));

  test.each(configs)("businessMinutesBetween inverts addBusinessMinutes (%s)", (_name, hours) => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 6000 }), (start, minutes) => {
        expect(businessMinutesBetween(start, addBusinessMinutes(start, minutes, hours), hours)).toBe(minutes);
      }),
    );
  });

  test.each(configs)("more minutes never give an earlier instant (%s)", (_name, hours) => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 600 }), (start, minutes, more) => {
        const a = addBusinessMinutes(start, minutes, hours).getTime();
        const b = addBusinessMinutes(start, minutes + more, hours).getTime();
        expect(b).toBeGreaterThan(a);
        expect(a).toBeGreaterThanOrEqual(start.getTime());
      }),
    );
  });

  test("a 5-day target takes well under a millisecond or two", () => {
    const start = Date.UTC(2026, 2, 2);
    for (let i = 0; i < 50; i++) addBusinessMinutes(new Date(start + i * 3_600_000), 2400, NEW_YORK); // warm-up
    const runs = 500;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) addBusinessMinutes(new Date(start + i * 3_600_000), 2400, NEW_YORK);
    // Generous bound (two loaded cores); measured ~0.2 ms per call here.
    expect((performance.now() - t0) / runs).toBeLessThan(2);
  });
});

describe("parseBusinessHours", () => {
  test.each([null, undefined, 42, "09:00-18:00", [], true])("garbage %j gives the defaults", (value) => {
    expect(parseBusinessHours(value)).toEqual(DEFAULT_BUSINESS_HOURS);
  });

  test("a valid stored value is kept (intervals sorted, dates de-duplicated and sorted)", () => {
    const stored = {
      timeZone: "America/New_York",
      weekly: [[], [iv("13:00", "17:00"), iv("08:30", "12:00")], [], [], [], [iv("08:00", "24:00")], []],
      holidays: ["2026-12-25", "2026-07-03", "2026-12-25"],
      workdays: ["2026-03-07"],
    };
    expect(parseBusinessHours(stored)).toEqual({
      timeZone: "America/New_York",
      weekly: [[], [iv("08:30", "12:00"), iv("13:00", "17:00")], [], [], [], [iv("08:00", "24:00")], []],
      holidays: ["2026-07-03", "2026-12-25"],
      workdays: ["2026-03-07"],
    });
  });

  test("an interval ending before it starts rejects the weekly hours only", () => {
    const parsed = parseBusinessHours({ timeZone: "Europe/Berlin", weekly: weekdays(iv("18:00", "09:00")), holidays: ["2026-12-25"] });
    expect(parsed.weekly).toEqual(DEFAULT_BUSINESS_HOURS.weekly);
    expect(parsed.timeZone).toBe("Europe/Berlin");
    expect(parsed.holidays).toEqual(["2026-12-25"]);
  });

  test.each<[string, unknown]>([
    ["overlapping intervals", weekdays(iv("09:00", "12:30"), iv("12:00", "18:00"))],
    ["an empty interval", weekdays(iv("09:00", "09:00"))],
    ["a bad time", weekdays(iv("09:00", "25:00"))],
    ["24:00 as a start", weekdays(iv("24:00", "24:00"))],
    ["no open hours at all", [[], [], [], [], [], [], []]],
    ["six days", [[], [iv("09:00", "18:00")], [], [], [], []]],
    ["not intervals", ["09:00-18:00", [], [], [], [], [], []]],
  ])("rejects %s (weekly falls back to the default)", (_name, weekly) => {
    expect(parseBusinessHours({ ...NEW_YORK, weekly }).weekly).toEqual(DEFAULT_BUSINESS_HOURS.weekly);
  });

  test("touching intervals are fine", () => {
    expect(parseBusinessHours({ weekly: weekdays(iv("09:00", "12:00"), iv("12:00", "18:00")) }).weekly[1]).toEqual([iv("09:00", "12:00"), iv("12:00", "18:00")]);
  });

  test.each(["Mars/Olympus_Mons", "", "UTC+8 ", 8])("an invalid time zone %j falls back to Asia/Shanghai, the rest is kept", (timeZone) => {
    const parsed = parseBusinessHours({ ...NEW_YORK, timeZone });
    expect(parsed.timeZone).toBe("Asia/Shanghai");
    expect(parsed.weekly).toEqual(NEW_YORK.weekly);
  });

  test("an invalid holiday date rejects the holiday list; missing workdays read as none", () => {
    const parsed = parseBusinessHours({ ...NEW_YORK, holidays: ["2026-02-30"] });
    expect(parsed.holidays).toEqual([]);
    expect(parsed.workdays).toEqual([]);
    expect(parsed.timeZone).toBe("America/New_York");
  });
});

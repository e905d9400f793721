import { describe, expect, test } from "vitest";
import { TicketPriority, Tier } from "@/lib/platform/enums";
import { type BusinessHours, DEFAULT_BUSINESS_HOURS, DEFAULT_SLA_MATRIX, parseSlaMatrix, SLA_PRIORITIES, SLA_TIER_KEYS, slaTargetsFor } from "@/lib/tickets/rules/service-settings";
import { computeDueDates, resumeAfterPause, type SlaStateInput, slaState } from "@/lib/tickets/rules/sla";

// 2026: Mon 03-02 … Fri 03-06, Sat 03-07, Sun 03-08, Mon 03-09, Tue 03-10, Fri 03-13.
// Default hours: Asia/Shanghai (CST = UTC+8), Mon–Fri 09:00–12:00 + 13:00–18:00 = 480 business minutes a day.
const SHANGHAI = DEFAULT_BUSINESS_HOURS;
const NEW_YORK: BusinessHours = {
  timeZone: "America/New_York",
  weekly: [[], [{ start: "09:00", end: "17:00" }], [{ start: "09:00", end: "17:00" }], [{ start: "09:00", end: "17:00" }], [{ start: "09:00", end: "17:00" }], [{ start: "09:00", end: "17:00" }], []],
  holidays: [],
};
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe("default matrix and slaTargetsFor", () => {
  test("documented corners: P1 VIP 30 min / 4 h, P4 SMALL 1 day / 5 days", () => {
    expect(slaTargetsFor(DEFAULT_SLA_MATRIX, TicketPriority.P1, Tier.VIP)).toEqual({ firstResponseMinutes: 30, resolutionMinutes: 240 });
    expect(slaTargetsFor(DEFAULT_SLA_MATRIX, TicketPriority.P4, Tier.SMALL)).toEqual({ firstResponseMinutes: 480, resolutionMinutes: 2400 });
  });

  test("a customer without a tier gets the NONE column (= SMALL by default)", () => {
    expect(slaTargetsFor(DEFAULT_SLA_MATRIX, TicketPriority.P2, null)).toBe(DEFAULT_SLA_MATRIX.P2.NONE);
    for (const p of SLA_PRIORITIES) expect(DEFAULT_SLA_MATRIX[p].NONE).toEqual(DEFAULT_SLA_MATRIX[p].SMALL);
  });

  test("VIP is tightest and P1 fastest: never looser towards VIP or towards P1", () => {
    for (const key of ["firstResponseMinutes", "resolutionMinutes"] as const) {
      for (let p = 0; p < SLA_PRIORITIES.length; p++) {
        for (let t = 0; t < SLA_TIER_KEYS.length; t++) {
          const cell = DEFAULT_SLA_MATRIX[SLA_PRIORITIES[p]][SLA_TIER_KEYS[t]];
          if (t > 0) expect(DEFAULT_SLA_MATRIX[SLA_PRIORITIES[p]][SLA_TIER_KEYS[t - 1]][key]).toBeLessThanOrEqual(cell[key]);
          if (p > 0) expect(DEFAULT_SLA_MATRIX[SLA_PRIORITIES[p - 1]][SLA_TIER_KEYS[t]][key]).toBeLessThanOrEqual(cell[key]);
          expect(cell.firstResponseMinutes).toBeLessThanOrEqual(cell.resolutionMinutes);
        }
      }
    }
  });
});

describe("parseSlaMatrix", () => {
  test.each([null, undefined, "fast", 7, [], { P1: "x" }, { P1: { VIP: null } }])("garbage %j gives the defaults", (value) => {
    expect(parseSlaMatrix(value)).toEqual(DEFAULT_SLA_MATRIX);
  });

  test("a valid cell is kept, missing ones default", () => {
    const parsed = parseSlaMatrix({ P1: { VIP: { firstResponseMinutes: 15, resolutionMinutes: 120 } } });
    expect(parsed.P1.VIP).toEqual({ firstResponseMinutes: 15, resolutionMinutes: 120 });
    expect(parsed.P1.MAJOR).toEqual(DEFAULT_SLA_MATRIX.P1.MAJOR);
    expect(parsed.P4).toEqual(DEFAULT_SLA_MATRIX.P4);
  });

  test.each<[string, unknown]>([
    ["zero minutes", { firstResponseMinutes: 0, resolutionMinutes: 240 }],
    ["negative minutes", { firstResponseMinutes: 30, resolutionMinutes: -240 }],
    ["fractional minutes", { firstResponseMinutes: 30.5, resolutionMinutes: 240 }],
    ["minutes as text", { firstResponseMinutes: "30", resolutionMinutes: 240 }],
    ["a missing target", { firstResponseMinutes: 30 }],
    ["resolution before first response", { firstResponseMinutes: 300, resolutionMinutes: 240 }],
    ["beyond the bound", { firstResponseMinutes: 30, resolutionMinutes: 1_000_000 }],
  ])("rejects %s (that cell falls back, its neighbours are kept)", (_name, cell) => {
    const parsed = parseSlaMatrix({ P2: { VIP: cell, MAJOR: { firstResponseMinutes: 90, resolutionMinutes: 900 } } });
    expect(parsed.P2.VIP).toEqual(DEFAULT_SLA_MATRIX.P2.VIP);
    expect(parsed.P2.MAJOR).toEqual({ firstResponseMinutes: 90, resolutionMinutes: 900 });
  });
});

describe("computeDueDates", () => {
  test.each<[string, TicketPriority, Tier | null, string, string, string]>([
    // P1 VIP 30/240, Mon 10:00 CST: FR 10:30 CST = 02:30Z; resolution 10–12 (120) + 13–15 (120) = 15:00 CST = 07:00Z.
    ["P1 VIP on a Monday morning", "P1", "VIP", "2026-03-02T10:00:00+08:00", "2026-03-02T02:30:00.000Z", "2026-03-02T07:00:00.000Z"],
    // P2 MAJOR 120/960, Fri 17:30 CST: FR 30 Fri + 90 Mon = Mon 10:30 CST = 02:30Z;
    // resolution 30 Fri + 480 Mon + 450 Tue (180 morning + 270 from 13:00) = Tue 17:30 CST = 09:30Z.
    ["P2 MAJOR on a Friday evening", "P2", "MAJOR", "2026-03-06T17:30:00+08:00", "2026-03-09T02:30:00.000Z", "2026-03-10T09:30:00.000Z"],
    // P4 SMALL 480/2400, Mon 10:00 CST: FR Tue 10:00 CST = 02:00Z; resolution 5 business days later, Mon 03-09 10:00 CST = 02:00Z.
    ["P4 SMALL: the 5-day target", "P4", "SMALL", "2026-03-02T10:00:00+08:00", "2026-03-03T02:00:00.000Z", "2026-03-09T02:00:00.000Z"],
    // P3 without tier (NONE 480/2400), opened Sat: counting starts Mon 09:00; FR = the whole Monday, 18:00 CST = 10:00Z;
    // resolution = five whole days, Fri 03-13 18:00 CST = 10:00Z.
    ["P3 no tier, opened on a Saturday", "P3", null, "2026-03-07T11:00:00+08:00", "2026-03-09T10:00:00.000Z", "2026-03-13T10:00:00.000Z"],
  ])("%s", (_name, priority, tier, openedAt, firstResponse, resolution) => {
    const due = computeDueDates(at(openedAt), slaTargetsFor(DEFAULT_SLA_MATRIX, priority, tier), SHANGHAI);
    expect(iso(due.firstResponseDueAt)).toBe(firstResponse);
    expect(iso(due.resolutionDueAt)).toBe(resolution);
  });
});

describe("resumeAfterPause", () => {
  test("paused Friday 17:00, resumed Monday 10:00: resolution moves by the 120 paused business minutes", () => {
    // Opened Thu 03-05 10:00 CST with 960 min: Thu 420 + Fri 480 + Mon 60 -> due Mon 10:00 CST (02:00Z).
    const opened = computeDueDates(at("2026-03-05T10:00:00+08:00"), { firstResponseMinutes: 30, resolutionMinutes: 960 }, SHANGHAI);
    expect(iso(opened.resolutionDueAt)).toBe("2026-03-09T02:00:00.000Z");
    const resumed = resumeAfterPause(
      { pausedAt: at("2026-03-06T17:00:00+08:00"), resumedAt: at("2026-03-09T10:00:00+08:00"), ...opened, firstResponded: true },
      SHANGHAI,
    );
    // Left at pause: Fri 17–18 (60) + Mon 09–10 (60) = 120; from Mon 10:00 -> Mon 12:00 CST = 04:00Z.
    expect(iso(resumed.resolutionDueAt)).toBe("2026-03-09T04:00:00.000Z");
    // First response already given: Thu 10:30 CST stays.
    expect(iso(resumed.firstResponseDueAt)).toBe("2026-03-05T02:30:00.000Z");
  });

  test.each<[string, BusinessHours, string, string, string, string, boolean, string, string]>([
    // FR due Fri 17:00, resolution Mon 11:30 (opened Fri 16:30 as P1 VIP); paused 16:45, resumed Mon 10:00.
    // FR: 15 left -> Mon 10:15 CST = 02:15Z. Resolution: 75 Fri + 150 Mon = 225 -> 10–12 (120) + 13:00 + 105 = 14:45 CST = 06:45Z.
    ["both pending", SHANGHAI, "2026-03-06T16:45:00+08:00", "2026-03-09T10:00:00+08:00", "2026-03-06T17:00:00+08:00", "2026-03-09T11:30:00+08:00", false, "2026-03-09T02:15:00.000Z", "2026-03-09T06:45:00.000Z"],
    // Same, but paused Fri 17:30: FR due 17:00 had passed -> stays 09:00Z. Resolution: 30 Fri + 150 Mon = 180 -> 10–12 + 13–14 = 14:00 CST = 06:00Z.
    ["first response already overdue at pause", SHANGHAI, "2026-03-06T17:30:00+08:00", "2026-03-09T10:00:00+08:00", "2026-03-06T17:00:00+08:00", "2026-03-09T11:30:00+08:00", false, "2026-03-06T09:00:00.000Z", "2026-03-09T06:00:00.000Z"],
    // Paused Sat, resumed Sun: no business minute passed, so nothing moves (150 left from Mon 09:00 = 11:30 CST).
    ["paused and resumed over the weekend", SHANGHAI, "2026-03-07T10:00:00+08:00", "2026-03-08T15:00:00+08:00", "2026-03-09T09:30:00+08:00", "2026-03-09T11:30:00+08:00", false, "2026-03-09T01:30:00.000Z", "2026-03-09T03:30:00.000Z"],
    // Resolution due Mon 15:00, paused Mon 10:00, resumed Mon 14:00: 240 left (10–12, 13–15) -> 14:00–18:00 = Mon 18:00 CST = 10:00Z
    // (moved by the 180 paused business minutes 10–12, 13–14). FR (answered) unchanged.
    ["paused for a morning", SHANGHAI, "2026-03-02T10:00:00+08:00", "2026-03-02T14:00:00+08:00", "2026-03-02T09:30:00+08:00", "2026-03-02T15:00:00+08:00", true, "2026-03-02T01:30:00.000Z", "2026-03-02T10:00:00.000Z"],
    // New York over the DST change: resolution Mon 03-09 10:00 EDT (14:00Z), paused Fri 16:00 EST (21:00Z), resumed Mon 09:30 EDT:
    // left Fri 60 + Mon 60 = 120 -> 09:30 + 120 = 11:30 EDT = 15:30Z.
    ["New York across spring forward", NEW_YORK, "2026-03-06T16:00:00-05:00", "2026-03-09T09:30:00-04:00", "2026-03-06T10:00:00-05:00", "2026-03-09T10:00:00-04:00", true, "2026-03-06T15:00:00.000Z", "2026-03-09T15:30:00.000Z"],
  ])("%s", (_name, hours, pausedAt, resumedAt, firstResponseDueAt, resolutionDueAt, firstResponded, expectedFirstResponse, expectedResolution) => {
    const resumed = resumeAfterPause(
      { pausedAt: at(pausedAt), resumedAt: at(resumedAt), firstResponseDueAt: at(firstResponseDueAt), resolutionDueAt: at(resolutionDueAt), firstResponded },
      hours,
    );
    expect(iso(resumed.firstResponseDueAt)).toBe(expectedFirstResponse);
    expect(iso(resumed.resolutionDueAt)).toBe(expectedResolution);
  });
});

describe("slaState", () => {
  // Target 240 business minutes due Mon 15:00 CST; default at-risk share 0.2 -> at risk with ≤ 48 minutes left.
  const base: SlaStateInput = { now: at("2026-03-02T10:00:00+08:00"), dueAt: at("2026-03-02T15:00:00+08:00"), hours: SHANGHAI, targetMinutes: 240 };

  test.each<[string, Partial<SlaStateInput>, string]>([
    ["met: done before due", { now: at("2026-03-03T10:00:00+08:00"), doneAt: at("2026-03-02T14:00:00+08:00") }, "met"],
    ["met: done exactly at due", { doneAt: at("2026-03-02T15:00:00+08:00") }, "met"],
    ["breached: done a minute late", { doneAt: at("2026-03-02T15:01:00+08:00") }, "breached"],
    ["breached: open and past due", { now: at("2026-03-02T15:01:00+08:00") }, "breached"],
    // 10–12 (120) + 13–15 (120) = 240 left > 48.
    ["on track: the whole target left", {}, "on_track"],
    // 14:11 -> 49 left > 48.
    ["on track: 49 minutes left", { now: at("2026-03-02T14:11:00+08:00") }, "on_track"],
    // 14:12 -> 48 left = 0.2 × 240.
    ["at risk: exactly 20% left", { now: at("2026-03-02T14:12:00+08:00") }, "at_risk"],
    ["at risk: due now (0 left, not yet past)", { now: at("2026-03-02T15:00:00+08:00") }, "at_risk"],
    // 13:00 -> 120 left = 0.5 × 240.
    ["at risk with a custom share of 0.5", { now: at("2026-03-02T13:00:00+08:00"), atRiskShare: 0.5 }, "at_risk"],
    // Lunch 12:30 -> 120 left > 48.
    ["on track during lunch", { now: at("2026-03-02T12:30:00+08:00") }, "on_track"],
    ["paused before due, judged neither late nor at risk", { now: at("2026-03-03T10:00:00+08:00"), pausedAt: at("2026-03-02T14:50:00+08:00") }, "paused"],
    ["paused only after the breach: still breached", { now: at("2026-03-03T10:00:00+08:00"), pausedAt: at("2026-03-02T15:30:00+08:00") }, "breached"],
    ["done while paused counts as done", { pausedAt: at("2026-03-02T11:00:00+08:00"), doneAt: at("2026-03-02T11:30:00+08:00") }, "met"],
    // Due Mon 03-09 09:30, now Fri 17:50: 10 Fri + 30 Mon = 40 business minutes left ≤ 48, though 2.5 days on the clock.
    ["at risk across a weekend", { now: at("2026-03-06T17:50:00+08:00"), dueAt: at("2026-03-09T09:30:00+08:00") }, "at_risk"],
    // Due Mon 03-09 09:30, now Fri 15:00: 180 Fri + 30 Mon = 210 > 48.
    ["on track across a weekend", { now: at("2026-03-06T15:00:00+08:00"), dueAt: at("2026-03-09T09:30:00+08:00") }, "on_track"],
  ])("%s", (_name, override, expected) => {
    expect(slaState({ ...base, ...override })).toBe(expected);
  });
});

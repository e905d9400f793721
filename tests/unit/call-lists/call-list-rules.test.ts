import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { callbackRefusal, entryAfterCall, memberStatusAfterCall, touchpointReached, wasReached } from "@/lib/call-lists/rules/outcomes";
import { clvScore, priorityOf, propensityScore, tierPoints } from "@/lib/call-lists/rules/priority";
import { addCallingHours, callsPerRecord, projectFinish, reachRate, recentRate } from "@/lib/call-lists/rules/progress";
import { firstDueAt, nextSlotStart } from "@/lib/call-lists/rules/schedule";
import { canMoveList } from "@/lib/call-lists/rules/status";

const TZ = "Asia/Shanghai"; // UTC+8, no DST
// Wednesday 2026-06-10 10:00 in Shanghai.
const NOW = new Date("2026-06-10T02:00:00Z");

describe("priority (tier, CLV, propensity)", () => {
  it.each([
    ["VIP", 3],
    ["MAJOR", 2],
    ["MEDIUM", 1],
    ["SMALL", 0],
    [null, 0],
    ["toString", 0],
  ] as const)("tier %s scores %d", (tier, points) => expect(tierPoints(tier)).toBe(points));

  it("scores CLV on a log scale capped at ¥10M, and unknowns neutrally", () => {
    expect(clvScore(null)).toBe(0);
    expect(clvScore("-5")).toBe(0);
    expect(clvScore("999999")).toBeCloseTo(Math.log10(1_000_000) / 7, 12);
    expect(clvScore(1e9)).toBe(1);
    expect(propensityScore(null)).toBe(0.5);
    expect(propensityScore(1.7)).toBe(1);
    expect(priorityOf({ tier: "MAJOR", predictedClv: "9", propensity: 0.2 })).toBeCloseTo(2 + 0.45 * (1 / 7) + 0.45 * 0.2, 12);
  });

  it("orders by tier first: no CLV or propensity lifts a customer over a higher tier", () => {
    const tiers = ["VIP", "MAJOR", "MEDIUM", "SMALL"] as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.double({ min: 0, max: 1e12, noNaN: true }), fc.double({ min: 0, max: 1e12, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (i, clvHigh, clvLow, pHigh, pLow) => {
        const higher = priorityOf({ tier: tiers[i], predictedClv: clvLow, propensity: pLow });
        const lower = priorityOf({ tier: tiers[i + 1], predictedClv: clvHigh, propensity: pHigh });
        return higher > lower;
      }),
    );
  });

  it("within a tier, more CLV or more propensity never lowers the priority", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e8, noNaN: true }), fc.double({ min: 0, max: 1e8, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b, p) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        return priorityOf({ tier: "MEDIUM", predictedClv: hi, propensity: p }) >= priorityOf({ tier: "MEDIUM", predictedClv: lo, propensity: p });
      }),
    );
  });
});

describe("a call's outcome", () => {
  const entry = { attempts: 0, dueAt: new Date("2026-06-10T01:00:00Z") };
  const limits = { maxAttempts: 3, retryMinutes: 120 };

  it("retries a no-answer or busy record after the retry delay until the attempts are used up", () => {
    expect(entryAfterCall(entry, limits, "NO_ANSWER", NOW, null)).toEqual({ status: "QUEUED", attempts: 1, dueAt: new Date("2026-06-10T04:00:00Z") });
    expect(entryAfterCall({ ...entry, attempts: 1 }, limits, "BUSY", NOW, null).status).toBe("QUEUED");
    expect(entryAfterCall({ ...entry, attempts: 2 }, limits, "NO_ANSWER", NOW, null)).toMatchObject({ status: "EXHAUSTED", attempts: 3 });
  });

  it("books a callback at the chosen time and closes final outcomes", () => {
    const at = new Date("2026-06-11T06:00:00Z");
    expect(entryAfterCall(entry, limits, "CALLBACK", NOW, at)).toEqual({ status: "CALLBACK", attempts: 1, dueAt: at });
    expect(() => entryAfterCall(entry, limits, "CALLBACK", NOW, null)).toThrow(RangeError);
    for (const o of ["REACHED", "NOT_INTERESTED", "INTERESTED", "CONVERTED", "WRONG_NUMBER", "OPT_OUT"] as const) {
      expect(entryAfterCall({ ...entry, attempts: 2 }, limits, o, NOW, null)).toEqual({ status: "DONE", attempts: 3, dueAt: entry.dueAt });
    }
    expect(callbackRefusal(new Date(NOW.getTime() - 1), NOW)).toBe("past");
    expect(callbackRefusal(new Date(NOW.getTime() + 91 * 86_400_000), NOW)).toBe("tooFar");
    expect(callbackRefusal(at, NOW)).toBeNull();
  });

  it.each([
    ["TARGETED", "REACHED", "CONTACTED"],
    ["TARGETED", "CALLBACK", "CONTACTED"],
    ["TARGETED", "INTERESTED", "RESPONDED"],
    ["CONTACTED", "CONVERTED", "CONVERTED"],
    ["TARGETED", "NOT_INTERESTED", "DECLINED"],
    ["CONVERTED", "OPT_OUT", "OPTED_OUT"],
    ["CONVERTED", "REACHED", null],
    ["RESPONDED", "NOT_INTERESTED", null],
    ["TARGETED", "NO_ANSWER", null],
    ["TARGETED", "WRONG_NUMBER", null],
    ["CONTACTED", "REACHED", null],
  ] as const)("a %s member after %s becomes %s", (from, outcome, to) => expect(memberStatusAfterCall(from, outcome)).toBe(to));

  it("counts reached calls the same way for outcomes and touchpoint texts", () => {
    expect(wasReached("BUSY")).toBe(false);
    expect(wasReached("CALLBACK")).toBe(true);
    expect(touchpointReached("No answer")).toBe(false);
    expect(touchpointReached(" busy ")).toBe(false);
    expect(touchpointReached("Reached")).toBe(true);
    expect(touchpointReached(null)).toBe(true);
  });

  it("moves lists only along their workflow", () => {
    expect(canMoveList("ACTIVE", "PAUSED")).toBe(true);
    expect(canMoveList("PAUSED", "ACTIVE")).toBe(true);
    expect(canMoveList("COMPLETED", "ACTIVE")).toBe(false);
    expect(canMoveList("ACTIVE", "ACTIVE")).toBe(false);
  });
});

describe("first due time from the best slot", () => {
  it("finds the next start of a slot in the company zone, or now when inside it", () => {
    // Slot 5 = weekday 10–12: at Wed 10:00 we are inside it.
    expect(nextSlotStart(NOW, 5, TZ)).toEqual(NOW);
    // Slot 9 = weekday 18–20: today 18:00 Shanghai = 10:00Z.
    expect(nextSlotStart(NOW, 9, TZ)).toEqual(new Date("2026-06-10T10:00:00Z"));
    // Slot 4 = weekday 08–10, already over today: tomorrow 08:00.
    expect(nextSlotStart(NOW, 4, TZ)).toEqual(new Date("2026-06-11T00:00:00Z"));
    // Slot 17 = weekend 10–12: Saturday 2026-06-13.
    expect(nextSlotStart(NOW, 17, TZ)).toEqual(new Date("2026-06-13T02:00:00Z"));
  });

  it("delays only customers with own history, and at most a day", () => {
    expect(firstDueAt(NOW, 9, true, TZ)).toEqual(new Date("2026-06-10T10:00:00Z"));
    expect(firstDueAt(NOW, 9, false, TZ)).toEqual(NOW);
    expect(firstDueAt(NOW, 17, true, TZ)).toEqual(NOW); // Saturday is three days away
    expect(firstDueAt(NOW, null, true, TZ)).toEqual(NOW);
  });
});

describe("progress and projected finish", () => {
  it("computes rates and reach", () => {
    expect(recentRate(0, 0)).toBeNull();
    expect(recentRate(30, 4)).toBe(7.5);
    expect(reachRate(3, 4)).toBe(0.75);
    expect(reachRate(0, 0)).toBeNull();
    expect(callsPerRecord(0, 0, 3)).toBe(1);
    expect(callsPerRecord(50, 20, 3)).toBe(2.5);
    expect(callsPerRecord(500, 20, 3)).toBe(3);
  });

  it("lays calling hours onto 09:00–21:00 company time", () => {
    // 10:00 + 5 h = 15:00 the same day.
    expect(addCallingHours(NOW, 5, TZ)).toEqual(new Date("2026-06-10T07:00:00Z"));
    // 10:00 + 11 h 30 = 21:00 today (11 h) + 0.5 h from 09:00 tomorrow.
    expect(addCallingHours(NOW, 11.5, TZ)).toEqual(new Date("2026-06-11T01:30:00Z"));
    // Started at night (23:00): the first hour is tomorrow 09:00–10:00.
    expect(addCallingHours(new Date("2026-06-10T15:00:00Z"), 1, TZ)).toEqual(new Date("2026-06-11T02:00:00Z"));
  });

  it("projects remaining records × calls per record at the recent per-agent rate times the agents", () => {
    const base = { totalRecords: 100, remainingRecords: 60, closedRecords: 40, totalCalls: 80, maxAttempts: 3, assignedAgents: 2, recentCalls: 40, recentAgentHours: 4 };
    // 60 records × 2 calls = 120 calls; 10 calls per agent-hour × 2 agents = 20 an hour → 6 calling hours.
    const p = projectFinish(base, NOW, TZ);
    expect(p).toEqual({ kind: "projected", callsNeeded: 120, callingHours: 6, finishAt: new Date("2026-06-10T08:00:00Z") });
    expect(projectFinish({ ...base, remainingRecords: 0 }, NOW, TZ)).toEqual({ kind: "finished" });
    expect(projectFinish({ ...base, recentCalls: 0, recentAgentHours: 0 }, NOW, TZ)).toEqual({ kind: "none", reason: "noRecentCalls" });
    expect(projectFinish({ ...base, assignedAgents: 0 }, NOW, TZ)).toEqual({ kind: "none", reason: "noAgents" });
    // Twice the agents: half the hours.
    const twice = projectFinish({ ...base, assignedAgents: 4 }, NOW, TZ);
    expect(twice.kind === "projected" && twice.callingHours).toBe(3);
  });
});

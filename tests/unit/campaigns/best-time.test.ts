import { describe, expect, it } from "vitest";
import { allowedSlots, bestSlot, bestTimesToCall, companySlotRates, slotInfo, slotOf, tallyCalls, type CallAttempt } from "@/lib/campaigns/rules/best-time";

const TZ = "Asia/Shanghai"; // UTC+8 all year

/** A call at a Shanghai wall-clock time, written as the UTC instant. */
function call(customerId: string, utc: string, reached: boolean): CallAttempt {
  return { customerId, at: new Date(utc), reached };
}

describe("slots in the company time zone", () => {
  it("maps instants to weekday/weekend two-hour slots by the local wall clock", () => {
    // Wed 2026-06-10 10:30 Shanghai = 02:30Z → weekday 10–12 = slot 5.
    expect(slotOf(new Date("2026-06-10T02:30:00Z"), TZ)).toBe(5);
    // Sat 2026-06-13 15:00 Shanghai → weekend 14–16 = slot 12 + 7 = 19.
    expect(slotOf(new Date("2026-06-13T07:00:00Z"), TZ)).toBe(19);
    // Mon 2026-06-15 01:00 Shanghai is still Sunday 17:00 in UTC: the company's zone decides → weekday slot 0.
    expect(slotOf(new Date("2026-06-14T17:00:00Z"), TZ)).toBe(0);
    // Sat 2026-06-13 23:59 Shanghai → weekend 22–24 = slot 23.
    expect(slotOf(new Date("2026-06-13T15:59:00Z"), TZ)).toBe(23);
    expect(slotInfo(19)).toEqual({ slot: 19, weekend: true, startHour: 14, endHour: 16 });
    expect(() => slotInfo(24)).toThrow(RangeError);
  });

  it("keeps only slots wholly inside calling hours", () => {
    // 9–21: 10–12 … 18–20 (8–10 and 20–22 stick out).
    expect(allowedSlots({ startHour: 9, endHour: 21, weekends: false })).toEqual([5, 6, 7, 8, 9]);
    expect(allowedSlots({ startHour: 9, endHour: 21 })).toEqual([5, 6, 7, 8, 9, 17, 18, 19, 20, 21]);
    expect(allowedSlots({ startHour: 0, endHour: 24, weekends: false })).toHaveLength(12);
    expect(() => allowedSlots({ startHour: 21, endHour: 9 })).toThrow(RangeError);
  });
});

describe("best time to call (Beta prior worth 5 calls)", () => {
  // Customer A: weekday 10–12 (slot 5) 2 calls, 0 reached; weekday 18–20 (slot 9) 1 call, reached.
  // Customer B: slot 5 8 calls, 6 reached; slot 9 1 call, not reached.
  // Customer C: weekend 14–16 (slot 19) 4 calls, 4 reached.
  const attempts: CallAttempt[] = [
    call("A", "2026-06-10T02:30:00Z", false),
    call("A", "2026-06-11T03:00:00Z", false),
    call("A", "2026-06-10T10:15:00Z", true),
    ...Array.from({ length: 8 }, (_, i) => call("B", `2026-06-0${1 + (i % 5)}T02:${10 + i}:00Z`, i < 6)),
    call("B", "2026-06-09T11:00:00Z", false),
    ...Array.from({ length: 4 }, (_, i) => call("C", `2026-06-13T06:${10 + i}:00Z`, true)),
  ];
  const history = tallyCalls(attempts, TZ);
  const rates = companySlotRates(history.company);

  it("company slot rates, with the overall rate for slots never called", () => {
    // Slot 5: 10 calls, 6 reached → 0.6; slot 9: 2 calls, 1 reached → 0.5; slot 19: 4/4 → 1;
    // every other slot: overall 11/16 = 0.6875.
    expect(history.company.calls[5]).toBe(10);
    expect(history.company.reached[5]).toBe(6);
    const r = rates.value!;
    expect(r[5]).toBe(0.6);
    expect(r[9]).toBe(0.5);
    expect(r[19]).toBe(1);
    expect(r[6]).toBe(11 / 16);
    expect(r[0]).toBe(11 / 16);
  });

  it("weekdays 9–21: smoothed rates by hand, ties to the earlier slot", () => {
    const hours = { startHour: 9, endHour: 21, weekends: false };
    // A: slot 5 (0 + 5·0.6)/(2 + 5) = 3/7; slot 9 (1 + 5·0.5)/(1 + 5) = 7/12; slots 6–8 (0 + 5·0.6875)/5
    // = 0.6875, a three-way tie → the earliest, slot 6 (12–14).
    const a = bestSlot(history.byCustomer.get("A"), rates, hours).value!;
    expect(a).toMatchObject({ slot: 6, startHour: 12, endHour: 14, weekend: false, calls: 0, reached: 0 });
    expect(a.smoothedRate).toBe(0.6875);
    // B: slot 5 (6 + 3)/(8 + 5) = 9/13 = 0.6923 > 0.6875 → slot 5 (10–12), from 6 of 8 calls.
    const b = bestSlot(history.byCustomer.get("B"), rates, hours).value!;
    expect(b).toMatchObject({ slot: 5, calls: 8, reached: 6 });
    expect(b.smoothedRate).toBeCloseTo(9 / 13, 15);
    // C never called on a weekday, and a customer never called at all: the company's best weekday slot, 6.
    expect(bestSlot(history.byCustomer.get("C"), rates, hours).value!.slot).toBe(6);
    expect(bestSlot(undefined, rates, hours).value!.slot).toBe(6);
  });

  it("weekends allowed: C's perfect weekend afternoons win; A's prior pulls toward the company", () => {
    const result = bestTimesToCall(attempts, TZ, { startHour: 9, endHour: 21 });
    // C: slot 19 (4 + 5·1)/(4 + 5) = 1.
    expect(result.byCustomer.get("C")!.value).toMatchObject({ slot: 19, smoothedRate: 1, weekend: true });
    // A: slot 19 has no own calls but the company rate 1 there → (0 + 5)/5 = 1, above everything else.
    expect(result.byCustomer.get("A")!.value!.slot).toBe(19);
    expect([...result.byCustomer.keys()].sort()).toEqual(["A", "B", "C"]);
  });

  it("no history or no allowed slot → undefined with a reason", () => {
    const empty = companySlotRates(tallyCalls([], TZ).company);
    expect(empty).toEqual({ value: null, reason: "no-call-history" });
    expect(bestSlot(undefined, empty, { startHour: 9, endHour: 21 })).toEqual({ value: null, reason: "no-call-history" });
    // 9–11 contains no whole two-hour slot (8–10 and 10–12 both stick out).
    expect(bestSlot(undefined, rates, { startHour: 9, endHour: 11 })).toEqual({ value: null, reason: "no-allowed-slot" });
  });
});

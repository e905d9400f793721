import { type CallingHours, slotInfo, SLOT_COUNT } from "@/lib/campaigns/rules/best-time";
import { addDays, instantOf, parseDate, localDateOf, weekdayOf, formatDate } from "@/lib/platform/time-zone";

/**
 * When a freshly built record is first due (DOMAIN.md §10b "best time to call").
 *
 * Every record gets a best slot (lib/campaigns/rules/best-time.ts: weekday/weekend × two-hour slot of
 * the company's wall clock, the customer's reach rate smoothed toward the company's, inside the
 * calling hours below). The slot moves the record's due time only when it rests on the customer's own
 * evidence — at least one past outbound phone call — and its next start is near:
 *
 * - customer with own call history: due at the next start of the best slot if that start is at most
 *   BEST_SLOT_HORIZON_HOURS (24 h) ahead; already inside the slot: due now; further ahead (a weekend
 *   slot on a Monday): due now, since holding a record back for days costs more than a lower chance.
 * - customer never called: the best slot is the company's best, the same for everybody; delaying the
 *   whole list to it would leave agents idle until then, so the record is due now (the slot is still
 *   stored and shown).
 *
 * Retries and callbacks are timed by the call's outcome (./outcomes.ts), not by the slot.
 */

/** Calls are made 09:00–21:00 company time, weekends included (the slots "inside calling hours"). */
export const CALLING_HOURS: CallingHours = { startHour: 9, endHour: 21, weekends: true };
export const BEST_SLOT_HORIZON_HOURS = 24;
const HOUR = 3_600_000;

/** The next instant at or after `now` inside `slot` (its start, or `now` when already inside it). */
export function nextSlotStart(now: Date, slot: number, timeZone: string): Date {
  const info = slotInfo(slot);
  const today = parseDate(localDateOf(now, timeZone))!;
  for (let d = 0; d <= 8; d++) {
    const date = addDays(today, d);
    const weekend = weekdayOf(formatDate(date)) >= 5;
    if (weekend !== info.weekend) continue;
    const start = instantOf({ ...date, hour: info.startHour, minute: 0 }, timeZone);
    const end = info.endHour === 24 ? instantOf({ ...addDays(date, 1), hour: 0, minute: 0 }, timeZone) : instantOf({ ...date, hour: info.endHour, minute: 0 }, timeZone);
    if (end.getTime() > now.getTime()) return start.getTime() > now.getTime() ? start : now;
  }
  // Unreachable: every weekday and weekend slot recurs within a week.
  return now;
}

/** The first due time of a record whose best slot is `slot`; `ownHistory`: the customer was called before. */
export function firstDueAt(now: Date, slot: number | null, ownHistory: boolean, timeZone: string): Date {
  if (slot === null || !ownHistory) return now;
  const start = nextSlotStart(now, slot, timeZone);
  return start.getTime() - now.getTime() <= BEST_SLOT_HORIZON_HOURS * HOUR ? start : now;
}

/** firstDueAt for every slot (index = slot) for customers with own history: the build passes it to SQL. */
export function dueAtBySlot(now: Date, timeZone: string): Date[] {
  return Array.from({ length: SLOT_COUNT }, (_, s) => firstDueAt(now, s, true, timeZone));
}

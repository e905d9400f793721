import { addDays, instantOf, localDateOf, parseDate } from "@/lib/platform/time-zone";
import { CALLING_HOURS } from "@/lib/call-lists/rules/schedule";

/**
 * A call list's progress figures (issue 13, DOMAIN.md §10b "calls per period, records remaining,
 * expected finish").
 *
 * - calls per hour = calls in the recent window / agent-hours worked in it, where an agent-hour is a
 *   clock hour in which that agent logged at least one call (time on the phones, not time of day).
 * - reach % = reached calls / calls (every outcome but no answer, busy and wrong number is reached).
 * - conversions = calls with the outcome converted.
 * - records remaining = records still open (queued, callback, in a call).
 * - calls still needed = records remaining × calls per closed record so far (at least 1, at most the
 *   list's maximum attempts; 1 before any record closed).
 * - projected finish: calls still needed / (recent per-agent rate × agents assigned) = calling hours
 *   needed, laid onto the calling hours (09:00–21:00 company time, every day) from now. No calls in the
 *   recent window (no rate) or no agents: no projection. Nothing remaining: finished.
 *
 * The recent window is the last RECENT_WINDOW_HOURS hours before now.
 */

export const RECENT_WINDOW_HOURS = 24;
const HOUR = 3_600_000;

export type ProgressInput = {
  totalRecords: number;
  remainingRecords: number;
  closedRecords: number;
  totalCalls: number;
  maxAttempts: number;
  assignedAgents: number;
  /** Calls in the recent window and the agent-hours they were made in. */
  recentCalls: number;
  recentAgentHours: number;
};

export type Projection =
  | { kind: "finished" }
  | { kind: "none"; reason: "noRecentCalls" | "noAgents" }
  | { kind: "projected"; callsNeeded: number; callingHours: number; finishAt: Date };

/** Calls per agent-hour in the recent window; null without recent calls. */
export function recentRate(recentCalls: number, recentAgentHours: number): number | null {
  if (recentCalls <= 0 || recentAgentHours <= 0) return null;
  return recentCalls / recentAgentHours;
}

export function callsPerRecord(totalCalls: number, closedRecords: number, maxAttempts: number): number {
  if (closedRecords <= 0) return 1;
  return Math.min(Math.max(1, maxAttempts), Math.max(1, totalCalls / closedRecords));
}

/** Reach share 0…1, null without calls. */
export function reachRate(reached: number, calls: number): number | null {
  return calls > 0 ? reached / calls : null;
}

/** `hours` of calling laid onto the daily calling hours in `timeZone`, starting at `now`. */
export function addCallingHours(now: Date, hours: number, timeZone: string): Date {
  let remaining = hours * HOUR;
  let day = parseDate(localDateOf(now, timeZone))!;
  let cursor = now.getTime();
  // Bounded: 10 years of calling days.
  for (let i = 0; i < 3660; i++) {
    const start = instantOf({ ...day, hour: CALLING_HOURS.startHour, minute: 0 }, timeZone).getTime();
    const end = instantOf({ ...day, hour: CALLING_HOURS.endHour, minute: 0 }, timeZone).getTime();
    const from = Math.max(cursor, start);
    if (from < end) {
      const available = end - from;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
    }
    day = addDays(day, 1);
    cursor = instantOf({ ...day, hour: 0, minute: 0 }, timeZone).getTime();
  }
  return new Date(cursor);
}

export function projectFinish(input: ProgressInput, now: Date, timeZone: string): Projection {
  if (input.remainingRecords <= 0) return { kind: "finished" };
  if (input.assignedAgents <= 0) return { kind: "none", reason: "noAgents" };
  const rate = recentRate(input.recentCalls, input.recentAgentHours);
  if (rate === null) return { kind: "none", reason: "noRecentCalls" };
  const callsNeeded = input.remainingRecords * callsPerRecord(input.totalCalls, input.closedRecords, input.maxAttempts);
  const callingHours = callsNeeded / (rate * input.assignedAgents);
  return { kind: "projected", callsNeeded, callingHours, finishAt: addCallingHours(now, callingHours, timeZone) };
}

/** The starts of the clock hours of the window ending at `now` (the current hour last): the hourly chart's buckets. */
export function hourBuckets(now: Date, hours: number): Date[] {
  const top = Math.floor(now.getTime() / HOUR) * HOUR;
  return Array.from({ length: hours }, (_, i) => new Date(top - (hours - 1 - i) * HOUR));
}

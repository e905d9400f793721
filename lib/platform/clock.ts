/**
 * The one clock. Server code, jobs and the seed read the time here, never from `Date.now()` or
 * `new Date()`, so that tests and end-to-end runs can fix the instant and nothing depends on the hour
 * the suite happens to run at.
 *
 * - Production: the system clock.
 * - `SUMMIT_CLOCK_START=<ISO instant>`: the process's clock starts at that instant and runs forward in
 *   real time from it (e2e and demos that must look the same on any day).
 * - Tests: `fixClock(instant)` pins the instant (and `advanceClock(ms)` moves it); `resetClock()`
 *   returns to the configured clock.
 */

const DAY_MS = 86_400_000;

type ClockSource = () => number;

function configuredSource(): ClockSource {
  const start = process.env.SUMMIT_CLOCK_START;
  if (!start) return () => Date.now();
  const startMs = Date.parse(start);
  if (!Number.isFinite(startMs)) {
    throw new Error(`SUMMIT_CLOCK_START must be an ISO instant such as 2026-06-10T02:00:00Z (got "${start}")`);
  }
  // performance.now() is monotonic: the shifted clock never jumps when the system clock is adjusted.
  const origin = performance.now();
  return () => startMs + Math.round(performance.now() - origin);
}

let source: ClockSource | null = null;
let fixedMs: number | null = null;

/** Milliseconds since the epoch, now. */
export function nowMs(): number {
  if (fixedMs !== null) return fixedMs;
  source ??= configuredSource();
  return source();
}

/** The current instant. */
export function now(): Date {
  return new Date(nowMs());
}

/** Midnight UTC of the current UTC day. */
export function todayUtc(): Date {
  return new Date(Math.floor(nowMs() / DAY_MS) * DAY_MS);
}

/** Parses a `YYYY-MM-DD` calendar day to midnight UTC; null when it is not a real day. */
export function parseIsoDay(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!Number.isFinite(ms)) return null;
  const date = new Date(ms);
  // Date.parse rolls 2026-02-30 over to March: only a day that prints back the same is real.
  return date.toISOString().slice(0, 10) === value ? date : null;
}

/**
 * The day the demo company is generated around and scored as of: `SUMMIT_DEMO_TODAY=YYYY-MM-DD`,
 * else today (UTC). A malformed value is an error that names the variable, not a silent default.
 */
export function demoToday(): Date {
  const configured = process.env.SUMMIT_DEMO_TODAY;
  if (!configured) return todayUtc();
  const day = parseIsoDay(configured);
  if (!day) throw new Error(`SUMMIT_DEMO_TODAY must be a calendar day as YYYY-MM-DD (got "${configured}")`);
  return day;
}

/** Tests: pin the clock to an instant. */
export function fixClock(instant: Date | string | number): void {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === "string" ? Date.parse(instant) : instant;
  if (!Number.isFinite(ms)) throw new Error(`fixClock needs a valid instant (got ${String(instant)})`);
  fixedMs = ms;
}

/** Tests: move a pinned clock forward (or back, with a negative amount). */
export function advanceClock(ms: number): void {
  if (fixedMs === null) throw new Error("advanceClock needs a clock pinned with fixClock first");
  fixedMs += ms;
}

/** Tests: back to the configured clock (system, or SUMMIT_CLOCK_START). */
export function resetClock(): void {
  fixedMs = null;
  source = null;
}

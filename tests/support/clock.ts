/**
 * The instant every vitest file's clock starts at (vitest.config.ts sets SUMMIT_CLOCK_START to it), so
 * no test depends on the date or hour the suite runs at. The clock runs forward from it, as the app's
 * does under SUMMIT_CLOCK_START, so "later" writes still get later times. A test that needs an exact
 * instant pins it with `fixClock` and calls `resetClock()` afterwards (back to this running clock).
 *
 * 10:00 on a Wednesday in Shanghai: far from midnight in both UTC and the demo company's zone.
 */
export const TEST_CLOCK_START = "2026-06-10T02:00:00.000Z";

export const TEST_NOW = new Date(TEST_CLOCK_START);

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

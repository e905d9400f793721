/**
 * The instant the end-to-end run happens at, on the server (SUMMIT_CLOCK_START, set by
 * playwright.config.ts) and in the browser (page.clock, installed by fixtures.ts), whatever the
 * machine's clock says. Both clocks run forward from it in real time, so debounces, timers and
 * "later" writes behave as usual.
 *
 * 10:00 on a Wednesday in Shanghai (the demo company's zone): far from midnight there and in UTC, so a
 * run of any length stays on the same day, and mid-quarter and mid-month.
 */
export const E2E_CLOCK_START = "2026-06-10T02:00:00.000Z";

/** The demo company is generated around this day (SUMMIT_DEMO_TODAY): the day of E2E_CLOCK_START in UTC. */
export const E2E_DEMO_TODAY = E2E_CLOCK_START.slice(0, 10);

export const E2E_ZONE = "Asia/Shanghai";

const DAY_MS = 86_400_000;

/** "YYYY-MM-DD" in `zone`, `days` after the start instant. */
export function e2eDate(days: number, zone = E2E_ZONE): string {
  const at = new Date(Date.parse(E2E_CLOCK_START) + days * DAY_MS);
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** "YYYY-MM" (UTC) of the start instant: the month the sales-target grid opens on. */
export const E2E_MONTH = E2E_CLOCK_START.slice(0, 7);

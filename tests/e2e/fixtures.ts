import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test as base } from "@playwright/test";
import { DEMO_PASSWORD } from "../../lib/platform/auth/demo-users";
import { E2E_CLOCK_START } from "./clock";

export const test = base.extend<{ browserClock: void; consoleErrors: string[] }>({
  /**
   * The browser's clock starts at the instant the server's does (E2E_CLOCK_START), whatever the
   * machine's clock says. `install` (not `setFixedTime`) fakes Date, timers and performance, and the
   * fake time keeps flowing in real time from there, so debounces and timers in the app work as usual.
   */
  browserClock: [
    async ({ page }, use) => {
      await page.clock.install({ time: E2E_CLOCK_START });
      await use();
    },
    { auto: true },
  ],
  /** Every page a test visits must log no console errors (a missing asset or a hydration error fails it). */
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        // "Failed to load resource" names no URL in its text: the location says which one.
        if (msg.type() === "error") errors.push(msg.location().url && msg.text().startsWith("Failed to load resource") ? `${msg.text()} ${new URL(msg.location().url).pathname}` : msg.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Takes an error the test provoked on purpose (e.g. the 401 of a wrong password) out of the list. */
export function acceptConsoleError(errors: string[], pattern: RegExp): void {
  const index = errors.findIndex((e) => pattern.test(e));
  expect(index, `expected a console error matching ${pattern}`).toBeGreaterThanOrEqual(0);
  errors.splice(index, 1);
}

/**
 * Takes every error matching `pattern` out of the list, once the page's requests have settled (at least
 * one must have come): for a provoked failure the browser may report more than once, or after the
 * navigation resolved — a 404 document, say, whose report arrived after the check had run.
 */
export async function acceptConsoleErrors(page: Page, errors: string[], pattern: RegExp): Promise<void> {
  await page.waitForLoadState("networkidle");
  expect(errors.some((e) => pattern.test(e)), `expected a console error matching ${pattern}`).toBe(true);
  for (let i = errors.length - 1; i >= 0; i--) if (pattern.test(errors[i])) errors.splice(i, 1);
}

/** Fills and submits the sign-in form, without waiting for the outcome (for refusals). */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/^(Email|邮箱)$/).fill(email);
  await page.getByLabel(/^(Password|密码)$/).fill(password);
  await page.getByRole("button", { name: /^(Sign in|登录)$/ }).click();
}

/** Signs in and waits until the app has left the sign-in page (the session cookie is set by then). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/**
 * The browser's clock, which the `browserClock` fixture installed at the run's fixed instant
 * (E2E_CLOCK_START) and which runs on from there: not the machine's clock. (An expression string: it
 * runs in the page, whose Date Playwright controls, not in Node.)
 */
export function browserNow(page: Page): Promise<number> {
  return page.evaluate<number>("Date.now()");
}

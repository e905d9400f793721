import { E2E_CLOCK_START } from "./clock";
import { expect, signIn, test } from "./fixtures";

test.use({ timezoneId: "Asia/Shanghai", locale: "en-US" });

test.describe("the run's clock", () => {
  test("the browser and the server both start at the run's fixed instant, not the machine's time", async ({ page }) => {
    await signIn(page, "rep.east1@summit.test");
    // The browser: installed at the instant and running on from it (minutes at most into the test).
    // (An expression string: it runs in the page, whose clock Playwright controls, not in Node.)
    const browserNow = await page.evaluate<number>("Date.now()");
    expect(browserNow - Date.parse(E2E_CLOCK_START)).toBeGreaterThanOrEqual(0);
    expect(browserNow - Date.parse(E2E_CLOCK_START)).toBeLessThan(60 * 60_000);
    // The server: the calendar opens on its today (10:00 in Shanghai, so the same day there).
    await page.goto("/calendar?view=day");
    await expect(page.getByText("Wednesday, June 10, 2026")).toBeVisible();
  });
});

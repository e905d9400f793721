import { E2E_ZONE as ZONE, e2eDate as shanghaiDate } from "./clock";
import { expect, expectNoAxeViolations, signIn, test } from "./fixtures";

const REP = "rep.east3@summit.test";

// The demo company works in Shanghai time; the browser says so, and forms default to it. "Today" is
// the day of the run's fixed instant (10:00 in Shanghai), not the machine's.
test.use({ timezoneId: ZONE, locale: "en-US" });

test.describe("calendar and rep home", () => {
  test("a rep books over an existing meeting, sees the clash, confirms, and finds it on the week view", async ({ page }) => {
    await signIn(page, REP);
    // Three weeks ahead: clear of the demo data's meetings, so the only clash is the one made here.
    const day = shanghaiDate(21);

    await page.goto(`/calendar/new?date=${day}`);
    const form = page.getByRole("form", { name: "New appointment" });
    await expect(form.getByLabel("Time zone")).toHaveValue(ZONE);
    await form.getByLabel("Title").fill("Quarterly review with Acme");
    await form.getByLabel("Starts").fill(`${day}T10:00`);
    await form.getByLabel("Ends").fill(`${day}T11:00`);
    await form.getByRole("button", { name: "Save appointment" }).click();
    await expect(page).toHaveURL(new RegExp(`/calendar\\?view=week&date=${day}`));
    await expect(page.getByText("Appointment saved.")).toBeVisible();

    await page.goto(`/calendar/new?date=${day}`);
    const second = page.getByRole("form", { name: "New appointment" });
    await second.getByLabel("Title").fill("Pricing call with Beta Ltd");
    await second.getByLabel("Location").fill("Video call");
    await second.getByLabel("Starts").fill(`${day}T10:30`);
    await second.getByLabel("Ends").fill(`${day}T11:30`);
    // Bad input first: an end before the start is refused on its field, nothing saved.
    await second.getByLabel("Ends").fill(`${day}T09:30`);
    await second.getByRole("button", { name: "Save appointment" }).click();
    await expect(second.getByText("The end must be after the start.")).toBeVisible();
    await second.getByLabel("Ends").fill(`${day}T11:30`);
    await second.getByRole("button", { name: "Save appointment" }).click();

    const clash = second.getByTestId("conflicts");
    await expect(clash).toBeVisible();
    await expect(clash.getByText("This clashes with 1 appointment:")).toBeVisible();
    const entry = clash.getByRole("list", { name: "Clashing appointments" }).getByRole("listitem");
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText("Quarterly review with Acme");
    await expect(entry).toContainText("Jun Liu");
    await expect(entry).toContainText("10:00");
    await expectNoAxeViolations(page);
    await clash.getByRole("button", { name: "Save anyway" }).click();

    await expect(page).toHaveURL(new RegExp(`/calendar\\?view=week&date=${day}`));
    const grid = page.getByTestId("calendar-grid");
    await expect(grid.getByRole("link", { name: /Pricing call with Beta Ltd/ })).toBeVisible();
    await expect(grid.getByRole("link", { name: /Quarterly review with Acme/ })).toBeVisible();
    await expectNoAxeViolations(page);

    // Keyboard: → moves a week on, T comes back; the list layout carries the same entries.
    await page.keyboard.press("ArrowRight");
    await expect(page).not.toHaveURL(new RegExp(`date=${day}`));
    await page.keyboard.press("t");
    await expect(page).toHaveURL(new RegExp(`date=${shanghaiDate(0)}`));
    await page.goto(`/calendar?view=day&date=${day}&layout=list`);
    const list = page.getByTestId("appointment-list");
    await expect(list.getByRole("link", { name: "Pricing call with Beta Ltd" })).toBeVisible();
    await expect(list).toContainText("10:30");
  });

  test("the rep home shows today's appointments and a task due today", async ({ page }) => {
    await signIn(page, REP);
    const today = shanghaiDate(0);
    await page.goto("/tasks/new");
    const form = page.getByRole("form", { name: "New task" });
    await form.getByLabel("Title").fill("Send the Acme proposal");
    await form.getByLabel("Due").fill(`${today}T23:59`);
    await form.getByLabel("Remind me at").fill(`${shanghaiDate(1)}T00:05`);
    await form.getByRole("button", { name: "Save task" }).click();
    await expect(form.getByText("The reminder must not be after the due time.")).toBeVisible();
    await form.getByLabel("Remind me at").fill(`${today}T23:00`);
    await form.getByRole("button", { name: "Save task" }).click();
    await expect(page.getByText("Task saved.")).toBeVisible();

    await page.goto("/");
    const home = page.getByTestId("rep-home");
    // The task is listed under "Due today". Its reminder (23:00) is not due yet at the run's 10:00, so
    // it is not among the reminders: look in each list, not anywhere on the page (late in a real day
    // the same link appears in both).
    const dueToday = home.getByRole("region", { name: "Due today" });
    await expect(dueToday.getByRole("heading", { name: "Due today" })).toBeVisible();
    await expect(dueToday.getByRole("link", { name: "Send the Acme proposal" })).toBeVisible();
    await expect(page.getByTestId("reminders").getByRole("link", { name: "Send the Acme proposal" })).toHaveCount(0);
    // The demo data gives every rep meetings today (in Shanghai office hours).
    await expect(page.getByRole("list", { name: "Today's appointments" }).getByRole("listitem").first()).toBeVisible();
    await expect(home.getByRole("heading", { name: "My open pipeline" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("a manager reads the team's day and filters tasks by a team member", async ({ page }) => {
    await signIn(page, "manager.east@summit.test");
    await page.goto("/calendar");
    await page.getByLabel("Calendar of").selectOption("team");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/user=team/);
    await page.getByRole("group", { name: "View" }).getByRole("link", { name: "Day" }).click();
    await expect(page).toHaveURL(/view=day/);
    await expect(page).toHaveURL(/user=team/);
    // Every rep of the team has meetings today in the demo data; the grid names whose they are.
    await expect(page.getByTestId("grid-appointment").filter({ hasText: "Rui Chen" }).first()).toBeVisible();
    // A meeting the manager may not read (another team's, with a teammate attending) shows as busy and is
    // no link: its page is not theirs (a prefetched link to it answered 404).
    await expect(page.locator('a[data-testid="grid-appointment"]').filter({ hasText: "Busy" })).toHaveCount(0);
    await expectNoAxeViolations(page);

    await page.goto("/tasks");
    await expect(page.getByRole("heading", { name: "Tasks", level: 1 })).toBeVisible();
    await page.getByLabel("Whose tasks").selectOption({ label: "Rui Chen" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/owner=\d+/);
    const rows = page.getByTestId("task-row");
    await expect(rows.first()).toBeVisible();
    for (const owner of await rows.locator("td:nth-child(3)").allTextContents()) expect(owner).toBe("Rui Chen");
    await expectNoAxeViolations(page);
  });
});

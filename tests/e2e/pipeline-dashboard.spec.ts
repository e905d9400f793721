import { E2E_MONTH } from "./clock";
import { expect, expectNoAxeViolations, signIn, test } from "./fixtures";

test.describe("pipeline dashboard", () => {
  test("a manager reads the funnel's table, filters by team and drills from a stage into its deals", async ({ page }) => {
    await signIn(page, "manager.east@summit.test");
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Pipeline dashboard" }).click();
    await expect(page.getByRole("heading", { name: "Pipeline", level: 1 })).toBeVisible();
    await expect(page.getByText(/^Your team · /)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Weighted forecast vs target" })).toBeVisible();
    await expectNoAxeViolations(page);

    // The accessible alternative of a chart is a real table, with every stage in it.
    const funnel = page.getByRole("region", { name: "Sales funnel" });
    await funnel.getByText("Show as a table").click();
    await expect(funnel.getByRole("columnheader", { name: "Share of open pipeline" })).toBeVisible();
    await expect(funnel.getByRole("rowheader").or(funnel.getByRole("cell")).filter({ hasText: "Negotiation" }).first()).toBeVisible();
    const forecast = page.getByRole("region", { name: "Weighted forecast vs target" });
    await forecast.getByText("Show as a table").click();
    await expect(forecast.getByRole("columnheader", { name: "Target" }).first()).toBeVisible();

    // Filters live in the URL.
    const team = page.getByLabel("Team", { exact: true });
    const east = await team.locator("option", { hasText: "East" }).getAttribute("value");
    await team.selectOption({ label: "East" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]team=${east}(&|$)`));
    await expect(page.getByLabel("Team", { exact: true })).toHaveValue(east ?? "");

    // A stage's figure links to the opportunity list with the dashboard's filters and period.
    const proposal = page.getByTestId("stage-PROPOSAL");
    const href = await proposal.getAttribute("href");
    expect(href).toMatch(/^\/opportunities\?stage=PROPOSAL&/);
    const params = new URL(href ?? "", "http://x").searchParams;
    expect(params.get("team")).toBe(east);
    expect(params.get("closeFrom")).toMatch(/^\d{4}-\d{2}-01$/);
    expect(params.get("closeTo")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The same link behind the stage in the funnel's table.
    await funnel.getByText("Show as a table").click();
    await expect(funnel.getByRole("link", { name: "Proposal" })).toHaveAttribute("href", href ?? "");

    // Following it lists exactly the deals the figure counts.
    const row = funnel.getByRole("row").filter({ has: page.getByRole("link", { name: "Proposal", exact: true }) });
    const count = Number(((await row.getByRole("cell").nth(1).textContent()) ?? "").replace(/\D/g, ""));
    await funnel.getByRole("link", { name: "Proposal", exact: true }).click();
    await expect(page).toHaveURL(/\/opportunities\?stage=PROPOSAL&/);
    await expect(page.getByRole("heading", { name: "Opportunities", level: 1 })).toBeVisible();
    const words = count === 0 ? "No opportunities" : count === 1 ? "1 opportunity" : `${count.toLocaleString("en-US")} opportunities`;
    await expect(page.getByTestId("opportunity-count")).toHaveText(words);
    await expectNoAxeViolations(page);
  });

  test("a manager sets a team target: bad input gets a field error, a good one is saved and shows in the forecast", async ({ page }) => {
    await signIn(page, "manager.east@summit.test");
    await page.goto("/dashboards/pipeline");
    await page.getByRole("link", { name: "Set sales targets" }).click();
    await expect(page.getByRole("heading", { name: "Sales targets", level: 1 })).toBeVisible();
    // The grid opens on the current month: the run's, not the machine's.
    const month = E2E_MONTH;
    const cell = page.getByLabel(`Target for East (team target), ${month}`);
    await cell.fill("12.345");
    await page.getByRole("button", { name: "Save targets" }).click();
    await expect(page.getByText("Enter an amount of at least 0 with at most two decimals, like 12500.00.")).toBeVisible();
    await expect(page.getByLabel(`Target for East (team target), ${month}`)).toHaveValue("12.345");
    await page.getByLabel(`Target for East (team target), ${month}`).fill("123456.78");
    await page.getByRole("button", { name: "Save targets" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Targets saved." })).toBeVisible();
    await expect(page.getByLabel(`Target for East (team target), ${month}`)).toHaveValue("123456.78");

    await page.goto("/dashboards/pipeline");
    const forecast = page.getByRole("region", { name: "Weighted forecast vs target" });
    await forecast.getByText("Show as a table").click();
    await expect(forecast.getByRole("row").filter({ hasText: month }).first()).toContainText("¥123,456.78");
  });

  test("the dashboard reads in Chinese, and an agent has none", async ({ page }) => {
    await signIn(page, "admin@summit.test");
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitemradio", { name: "简体中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.goto("/dashboards/pipeline");
    await expect(page.getByRole("heading", { name: "销售漏斗", exact: true })).toBeVisible();
    await expect(page.getByTestId("stage-NEGOTIATION")).toContainText("商务谈判");
    await page.getByRole("button", { name: "用户菜单" }).click();
    await page.getByRole("menuitemradio", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Pipeline", level: 1 })).toBeVisible();

    await page.context().clearCookies();
    await signIn(page, "agent2@summit.test");
    await expect(page.getByRole("link", { name: "Pipeline dashboard" })).toHaveCount(0);
    await page.goto("/dashboards/pipeline");
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
});

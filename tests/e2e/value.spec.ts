import { expect, expectNoAxeViolations, signIn, test } from "./fixtures";

test.describe("customer value", () => {
  test("a manager reads the value dashboard, changes the period, drills from a tier into its customers and reads why one is in it", async ({ page }) => {
    await signIn(page, "manager.east@summit.test");
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Value dashboard" }).click();
    await expect(page.getByRole("heading", { name: "Customer value", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Value pyramid" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Tier migration" })).toBeVisible();
    await expect(page.getByTestId("net-upward")).toHaveText(/%$/);
    await expectNoAxeViolations(page);

    // The accessible alternative of a chart is a real table.
    await page.getByRole("region", { name: "Value pyramid" }).getByText("Show as a table").click();
    await expect(page.getByRole("region", { name: "Value pyramid" }).getByRole("columnheader", { name: "Revenue share" })).toBeVisible();

    // Period and filters live in the URL.
    const periods = page.getByLabel("Period ending");
    const options = await periods.locator("option").allTextContents();
    expect(options.length).toBeGreaterThan(1);
    await periods.selectOption(options[1]);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`period=${options[1]}`));
    await expect(page.getByText(`12 months ending ${options[1]}`)).toBeVisible();

    // Back to the newest period, then drill from the VIP tier into its customers.
    await page.goto("/dashboards/value");
    await page.getByTestId("tier-VIP").click();
    await expect(page).toHaveURL(/\/customers\?.*tier=VIP/);
    const first = page.locator('tbody a[href^="/customers/"]').first();
    const name = await first.textContent();
    await first.click();
    await expect(page.getByRole("heading", { name: name ?? "", level: 1 })).toBeVisible();
    await expect(page.locator('[data-explanation="tier"]')).toContainText(/^VIP: top 1% by spend in the last 12 months \(rank \d+ of [\d,]+\)\.$/);
    // The panel says which model spoke.
    await expect(page.locator('[data-explanation="models"]')).toContainText(/come from the (Pareto\/NBD|BG\/NBD) model/);
  });

  test("the dashboard reads in Chinese", async ({ page }) => {
    await signIn(page, "admin@summit.test");
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitemradio", { name: "简体中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "客户价值仪表板" }).click();
    await expect(page.getByRole("heading", { name: "客户金字塔" })).toBeVisible();
    await expect(page.getByTestId("tier-VIP")).toContainText("VIP客户");
    await page.getByRole("button", { name: "用户菜单" }).click();
    await page.getByRole("menuitemradio", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Customer value", level: 1 })).toBeVisible();
  });

  test("an admin recomputes scores with visible progress and gets field errors for bad settings", async ({ page }) => {
    await signIn(page, "admin@summit.test");
    await page.goto("/admin/scores");
    await page.getByRole("button", { name: "Recompute now" }).click();
    await expect(page.getByTestId("recompute-done")).toContainText("customers scored over 1 period(s)", { timeout: 60_000 });
    // Every scored period names the models that produced its predictions (and any fallback).
    const runs = page.getByRole("table", { name: "Scored periods" });
    await expect(runs.getByRole("columnheader", { name: "Models" })).toBeVisible();
    await expect(runs.getByRole("row").nth(1)).toContainText(/(Pareto\/NBD|BG\/NBD) \+ (Gamma-Gamma|own mean spend)/);
    // The purchase model is a setting; BG/NBD stays selectable.
    const model = page.getByLabel("Purchase and churn model");
    await expect(model).toHaveValue("pareto-nbd");

    await page.getByLabel("VIP: top share (%)").fill("60");
    await page.getByLabel("Major: next share (%)").fill("");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Some fields" })).toHaveText("Some fields need fixing: see the messages below them.");
    await expect(page.getByText("Enter a number.")).toBeVisible();
    await page.getByLabel("Major: next share (%)").fill("30");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("The shares add up to 100% or more: lower them.").first()).toBeVisible();
    await page.getByLabel("VIP: top share (%)").fill("2");
    await page.getByLabel("Major: next share (%)").fill("4");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("VIP: top share (%)")).toHaveValue("2");
    // Put the default back for the other tests.
    await page.getByLabel("VIP: top share (%)").fill("1");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
  });

  test("an agent has no value dashboard", async ({ page }) => {
    await signIn(page, "agent2@summit.test");
    await expect(page.getByRole("link", { name: "Value dashboard" })).toHaveCount(0);
    await page.goto("/dashboards/value");
    // The page streams behind a loading state, so the refusal arrives as the not-found page, not a 404 status.
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });
});

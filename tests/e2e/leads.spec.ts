import { randomBytes } from "node:crypto";
import { winDealThroughBoardAndQuote } from "./deal-flow";
import { expect, expectNoAxeViolations, signIn, test } from "./fixtures";

const REP = "rep.east1@summit.test";

test.describe("leads", () => {
  test("a rep captures a lead, converts it past the duplicate check, drags the deal across stages, quotes it, wins it and finds the order on the customer's page", async ({ page }) => {
    // Unique names without reading a clock: the database is fresh per run, the suffix guards repeats.
    const stamp = randomBytes(4).toString("hex");
    const company = `Orchid Analytics ${stamp}`;
    await signIn(page, REP);

    // An existing customer the conversion's duplicate check should find.
    await page.goto("/customers/new");
    const customerForm = page.getByRole("form", { name: "New customer" });
    await customerForm.getByLabel("Name").fill(company);
    await customerForm.getByLabel("Kind").selectOption("ENTERPRISE");
    await customerForm.getByLabel("Region").fill("East China");
    await customerForm.getByRole("button", { name: "Create customer" }).click();
    await page.waitForURL(/\/customers\/\d+/);

    await page.goto("/leads");
    await expect(page.getByRole("heading", { name: "Leads", level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "New lead" }).click();
    const form = page.getByRole("form", { name: "New lead" });
    await form.getByLabel("Name").fill(`Lin Qing ${stamp}`);
    await form.getByLabel("Company").fill(company);
    await form.getByLabel("Email").fill("not-an-email");
    await form.getByLabel("Region").fill("East China");
    await form.getByLabel("Source").fill("Trade fair");
    await form.getByRole("button", { name: "Create lead" }).click();
    await expect(form.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
    await form.getByLabel("Email").fill(`lin.qing.${stamp}@orchid.example`);
    await form.getByRole("button", { name: "Create lead" }).click();
    await page.waitForURL(/\/leads\/\d+$/);
    await expect(page.getByRole("heading", { name: `Lin Qing ${stamp}`, level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);

    for (const status of ["Contacted", "Qualified"]) {
      const statusForm = page.getByRole("form", { name: "Status" });
      await statusForm.getByLabel("Change status to").selectOption({ label: status });
      await statusForm.getByRole("button", { name: "Change status" }).click();
      await expect(page.getByRole("main").getByText(status, { exact: true }).first()).toBeVisible();
    }

    await page.getByRole("link", { name: "Convert" }).click();
    await expect(page.getByRole("heading", { name: "Convert lead", level: 1 })).toBeVisible();
    const check = page.getByTestId("duplicate-check");
    await expect(check.getByRole("link", { name: company })).toBeVisible();
    await expectNoAxeViolations(page);
    await check.getByRole("radio", { name: new RegExp(`Link to ${company}`) }).check();
    await page.getByLabel("Amount (¥)").fill("25000.50");
    const dealName = await page.getByLabel("Opportunity name").inputValue();
    // An early close date puts the card at the top of its board column (cards are ordered by it).
    await page.getByLabel("Expected close date").fill("2020-01-02");
    await page.getByRole("button", { name: "Convert", exact: true }).click();
    await page.waitForURL(/\/opportunities\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    await expect(page.getByRole("heading", { name: dealName, level: 1 })).toBeVisible();
    await expect(page.getByTestId("opportunity-stage")).toHaveText("Prospecting");

    await winDealThroughBoardAndQuote(page, { id, name: dealName, customerName: company });
  });

  test("the price list shows list prices by category, without cost for a rep", async ({ page }) => {
    await signIn(page, REP);
    await page.goto("/products");
    await expect(page.getByRole("heading", { name: "Products and price list", level: 1 })).toBeVisible();
    await expect(page.getByTestId("list-price").first()).toHaveText(/^¥\d/);
    await expect(page.getByRole("columnheader", { name: "Unit cost" })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
});

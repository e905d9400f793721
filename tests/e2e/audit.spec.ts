import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, signIn, test } from "./fixtures";

const ADMIN = "admin@summit.test";

/** Opens the n-th customer of the list (by name) and returns its name and id. */
async function openCustomer(page: Page, index: number): Promise<{ name: string; id: string }> {
  await page.goto("/customers?sort=name");
  const link = page.getByRole("table").getByRole("rowheader").nth(index).getByRole("link");
  const name = ((await link.textContent()) ?? "").trim();
  expect(name).not.toBe("");
  await link.click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").pop() ?? "";
  return { name, id };
}

async function deleteOpenCustomer(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Move to recycle bin" }).click();
  await page.waitForURL(/\/customers\?deleted=1/);
}

test.describe("audit log and recycle bin", () => {
  test("an admin reads a customer's history with its before/after, then restores the customer from the bin", async ({ page }) => {
    await signIn(page, ADMIN);
    const customer = await openCustomer(page, 3);
    await deleteOpenCustomer(page);

    // The audit log, filtered to customers and deletions: the entry shows what changed.
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    await page.getByLabel("Record type").selectOption("Customer");
    await page.getByLabel("Action").selectOption("DELETE");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/entity=Customer/);
    const row = page.getByTestId("audit-row").filter({ hasText: `#${customer.id}` }).first();
    await expect(row).toContainText("Deleted");
    await row.getByText(/^Show \d+ fields?$/).click();
    await expect(row.getByRole("table")).toContainText("deletedAt");
    await expectNoAxeViolations(page);

    // The record's own history, as the "History" link on its page would open it.
    await page.goto(`/admin/audit?entity=Customer&entityId=${customer.id}`);
    await expect(page.getByTestId("audit-row").first()).toContainText("Deleted");

    // The recycle bin lists it with who deleted it; restoring brings it back.
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Recycle bin" }).click();
    await expect(page.getByRole("heading", { name: "Recycle bin", level: 1 })).toBeVisible();
    const binRow = page.getByTestId("bin-row").filter({ hasText: customer.name });
    await expect(binRow).toContainText("30 days");
    await expectNoAxeViolations(page);
    await binRow.getByRole("button", { name: `Restore ${customer.name}` }).click();
    await expect(page.getByText("Customer restored.")).toBeVisible();
    await page.goto(`/customers/${customer.id}`);
    await expect(page.getByRole("heading", { name: customer.name, level: 1 })).toBeVisible();
    await expect(page.getByTestId("history-link")).toBeVisible();

    // The old address of the customers-only bin still works.
    await page.goto("/customers/recycle-bin");
    await expect(page).toHaveURL(/\/recycle-bin\?type=Customer/);
  });

  test("the recycle bin and the audit log read in Chinese, and a restore works there too", async ({ page }) => {
    await signIn(page, ADMIN);
    const customer = await openCustomer(page, 4);
    await deleteOpenCustomer(page);
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitemradio", { name: "简体中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

    await page.goto("/recycle-bin");
    await expect(page.getByRole("heading", { name: "回收站", level: 1 })).toBeVisible();
    await page.getByTestId("bin-row").filter({ hasText: customer.name }).getByRole("button", { name: `恢复 ${customer.name}` }).click();
    await expect(page.getByText("客户已恢复。")).toBeVisible();

    await page.goto(`/admin/audit?entity=Customer&entityId=${customer.id}`);
    await expect(page.getByRole("heading", { name: "审计日志", level: 1 })).toBeVisible();
    await expect(page.getByTestId("audit-row").first()).toContainText("恢复");

    await page.getByRole("button", { name: "用户菜单" }).click();
    await page.getByRole("menuitemradio", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("a sales rep has neither page", async ({ page }) => {
    await signIn(page, "rep.east1@summit.test");
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Recycle bin" })).toHaveCount(0);
    // The pages stream behind a loading state, so the refusal arrives as the not-found page, not a 404 status.
    for (const path of ["/admin/audit", "/recycle-bin"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: "Page not found", level: 1 })).toBeVisible();
    }
  });
});

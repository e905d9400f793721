import { randomBytes } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, signIn, test } from "./fixtures";

const ADMIN = "admin@summit.test";

/** The preview's member count as a number, once no newer count is on its way. */
async function settledCount(page: Page): Promise<number> {
  const preview = page.getByTestId("segment-preview");
  await expect(preview.getByText("Out of date: a new count is on its way.")).toHaveCount(0);
  await expect(preview.getByText("Updating…")).toHaveCount(0);
  const text = (await preview.getByTestId("preview-count").textContent()) ?? "";
  return /^No customers/.test(text) ? 0 : Number(text.replace(/[^\d]/g, ""));
}

/** Toggles an option of an enum condition with the keyboard (Tab focus, Space toggles). */
async function tick(row: Locator, name: string, checked = true): Promise<void> {
  const box = row.getByRole("checkbox", { name, exact: true });
  await box.focus();
  await box.press("Space");
  if (checked) await expect(box).toBeChecked();
  else await expect(box).not.toBeChecked();
}

test.describe("segments", () => {
  test("an admin builds a nested segment with keyboard and mouse, watches the preview, saves it, filters the customer list by it and reads it in Chinese", async ({ page }) => {
    const name = `Valuable buyers ${randomBytes(3).toString("hex")}`;
    await signIn(page, ADMIN);
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Segments", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Segments", level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "New segment", exact: true }).click();
    await expect(page.getByRole("heading", { name: "New segment", level: 1 })).toBeVisible();

    const form = page.getByRole("form", { name: "New segment" });
    await form.getByLabel("Name", { exact: true }).fill(name);

    // Level 1: Tier is any of Small — most customers.
    await form.getByLabel("Condition 1 field").selectOption({ label: "Tier" });
    const first = page.getByTestId("condition-1");
    await tick(first, "Small");
    const many = await settledCount(page);
    expect(many).toBeGreaterThan(0);

    // Tier VIP, Major or Medium instead: the preview follows.
    await tick(first, "Small", false);
    await tick(first, "VIP");
    await tick(first, "Major");
    await tick(first, "Medium");
    await expect.poll(() => settledCount(page)).not.toBe(many);
    const top = await settledCount(page);
    expect(top).toBeGreaterThan(0);

    // Level 2: an OR group; its first condition: kind Enterprise.
    const addGroup = form.getByRole("button", { name: "Add a nested group to Top group" });
    await addGroup.focus();
    await addGroup.press("Enter");
    await expect(page.getByTestId("group-2")).toBeVisible();
    await expect(page.getByTestId("group-2").getByRole("radio", { name: "OR" })).toBeChecked();
    await form.getByLabel("Condition 2.1 field").selectOption({ label: "Customer kind" });
    await tick(page.getByTestId("condition-2.1"), "Enterprise");

    // Level 3: NOT (number of orders < 1), i.e. customers who bought — with the mouse.
    await form.getByRole("button", { name: "Add a nested group to Group 2" }).click();
    await expect(page.getByTestId("group-2.2")).toBeVisible();
    await form.getByLabel("Condition 2.2.1 field").selectOption({ label: "Number of orders" });
    await form.getByLabel("Condition 2.2.1 operator").selectOption({ label: "<" });
    // A half-built condition names itself until its value is filled in.
    await expect(page.getByTestId("condition-2.2.1")).toContainText("Condition 2.2.1 (Number of orders): enter a number.");
    await form.getByLabel("Condition 2.2.1 value").fill("1");
    await form.getByLabel("Group 2.2: negate (NOT)").check();
    await expect(page.getByTestId("condition-2.2.1")).not.toContainText("enter a number");
    const nested = await settledCount(page);
    expect(nested).toBeGreaterThan(0);
    expect(nested).toBeLessThanOrEqual(top);
    await expectNoAxeViolations(page);

    await form.getByRole("button", { name: "Create segment" }).click();
    await page.waitForURL(/\/segments\/\d+\?created=1$/);
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByText("Segment created.")).toBeVisible();
    await expect(page.getByTestId("member-count")).toHaveText(nested.toLocaleString("en-US"));
    // The saved rule opens as it was built: three levels.
    await expect(page.getByTestId("group-2.2")).toBeVisible();
    await expect(page.getByLabel("Group 2.2: negate (NOT)")).toBeChecked();
    await expectNoAxeViolations(page);

    // The customer list filtered by it, with the drill context.
    await page.getByRole("link", { name: "Show in the customer list", exact: true }).click();
    await page.waitForURL(new RegExp(`/customers\\?segment=${id}$`));
    const chip = page.getByTestId("segment-context");
    await expect(chip).toContainText(`Segment: ${name}`);
    await expect(chip).toContainText(nested === 1 ? "1 member" : `${nested.toLocaleString("en-US")} members`);
    await expect(chip.getByRole("link", { name: "Open segment" })).toHaveAttribute("href", `/segments/${id}`);
    await expect(page.locator("#f-segment")).toHaveValue(String(id));
    await chip.getByRole("link", { name: "Clear segment filter" }).click();
    await expect(page.getByTestId("segment-context")).toHaveCount(0);

    // The segment in Chinese.
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitemradio", { name: "简体中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.goto(`/segments/${id}`);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "规则", level: 2 })).toBeVisible();
    await expect(page.getByLabel("条件 2.2.1 字段")).toHaveValue("orderCount");
    await expect(page.getByRole("link", { name: "在客户列表中查看", exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "用户菜单" }).click();
    await page.getByRole("menuitemradio", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

import { randomBytes } from "node:crypto";
import { expect, expectNoAxeViolations, signIn, test } from "./fixtures";

const MANAGER = "manager.east@summit.test";

test.describe("campaigns", () => {
  test("a manager builds a campaign from a segment with a 10% control group, launches it, records a cost and reads members, control, lift and ROI — also in Chinese", async ({ page }) => {
    const name = `Enterprise mailer ${randomBytes(3).toString("hex")}`;
    await signIn(page, MANAGER);
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Campaigns", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Campaigns", level: 1 })).toBeVisible();
    await expect(page.getByTestId("campaign-table")).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "New campaign", exact: true }).click();
    await expect(page.getByRole("heading", { name: "New campaign", level: 1 })).toBeVisible();
    const form = page.getByRole("form", { name: "New campaign" });
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Channel", { exact: true }).selectOption("DIRECT_MAIL");
    // The period defaults to today; end it three weeks later.
    const start = await form.getByLabel("Start date", { exact: true }).inputValue();
    const end = new Date(Date.parse(`${start}T00:00:00Z`) + 21 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel("End date", { exact: true }).fill(end);
    await form.getByLabel("Budget", { exact: true }).fill("8000");
    await form.getByRole("radio", { name: "A segment" }).check();
    const segment = form.getByLabel("Segment", { exact: true });
    const option = segment.locator("option", { hasText: "East China enterprises" });
    await segment.selectOption((await option.getAttribute("value")) ?? "");
    await form.getByLabel("Control group (%)", { exact: true }).fill("10");
    await expectNoAxeViolations(page);
    await form.getByRole("button", { name: "Create draft" }).click();

    await page.waitForURL(/\/campaigns\/\d+\?created=1$/);
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByText("Campaign created as a draft.")).toBeVisible();
    await expect(page.getByText(/Not launched yet/)).toBeVisible();

    // Launch, with the confirmation step, by keyboard.
    const launch = page.getByTestId("launch-campaign");
    await launch.focus();
    await launch.press("Enter");
    await page.getByRole("button", { name: "Yes, launch" }).click();
    await expect(page.getByText(/Campaign launched/)).toBeVisible();
    await page.reload();

    const members = Number(((await page.getByTestId("kpi-members").locator("dd").first().textContent()) ?? "").replace(/[^\d]/g, ""));
    const control = Number(((await page.getByTestId("kpi-control").locator("dd").first().textContent()) ?? "").replace(/[^\d]/g, ""));
    expect(members).toBeGreaterThan(0);
    // 10% of the whole audience, rounded half up: control / (members + control) within one member of 10%.
    expect(Math.abs(control - 0.1 * (members + control))).toBeLessThanOrEqual(0.5);
    await expect(page.getByTestId("kpi-lift").locator("dd").first()).toHaveText(/%$/);
    await expect(page.getByTestId("campaign-verdict")).toContainText(/lift/i);
    await expect(page.getByTestId("campaign-exclusions")).toContainText("opted out of the channel");

    // A cost line gives the ROI.
    await page.getByLabel("Description", { exact: true }).fill("Printing and postage");
    await page.getByLabel("Amount", { exact: true }).fill("1250.50");
    await page.getByRole("button", { name: "Add cost" }).click();
    await expect(page.getByText("Cost added.")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("kpi-roi").locator("dd").first()).toHaveText(/%$/);
    await expect(page.getByRole("cell", { name: "Printing and postage", exact: true })).toBeVisible();
    // Control members cannot be recorded as contacted: no response form on their rows.
    await page.getByRole("link", { name: "Control", exact: true }).click();
    await expect(page.getByTestId("member-table")).toContainText("Control: not contacted");
    await expect(page.getByTestId("member-table").getByRole("button", { name: "Record" })).toHaveCount(0);
    await expectNoAxeViolations(page);

    // In Chinese.
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitemradio", { name: "简体中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { name: "效果如何？", level: 2 })).toBeVisible();
    await expect(page.getByTestId("kpi-control")).toContainText("对照组");
    await expect(page.getByTestId("kpi-roi")).toContainText("投资回报率");
    await expect(page.getByText("直邮").first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto("/campaigns");
    await expect(page.getByRole("heading", { name: "营销活动", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name })).toBeVisible();
    // The figures stream in after the rows; once they are in, no cell says it is still computing.
    await expect(page.getByTestId("campaign-table")).toHaveAttribute("aria-busy", "false");
    await expect(page.getByRole("row").filter({ hasText: name })).not.toContainText("计算中");
    await page.getByRole("button", { name: "用户菜单" }).click();
    await page.getByRole("menuitemradio", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

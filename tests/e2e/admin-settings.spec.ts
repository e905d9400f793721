import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, signIn, submitSignIn, test } from "./fixtures";

// Demo users no other spec signs in as: their passwords change here.
const ADMIN = "admin@summit.test";
const REP_EN = { email: "rep.west2@summit.test", name: "Tom Zhou" };
const REP_ZH = { email: "rep.east2@summit.test", name: "Emma Zhao" };
const NEW_PASSWORD = "amber lantern 4821 q";

/** On /admin/users: resets the user's password to a generated one and returns it (shown once). */
async function resetPassword(page: Page, user: { email: string; name: string }, labels: { edit: string; generate: string; submit: string }): Promise<string> {
  await page.goto("/admin/users");
  const row = page.locator('tbody[data-testid^="user-row-"]', { hasText: user.email });
  await row.getByText(labels.edit, { exact: true }).click();
  await expect(row.getByRole("radio", { name: labels.generate })).toBeChecked();
  await row.getByRole("button", { name: labels.submit, exact: true }).click();
  const value = row.getByTestId("temporary-password-value");
  await expect(value).toHaveText(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
  return (await value.textContent())!.trim();
}

async function signOut(page: Page, menu: string, item: string): Promise<void> {
  await page.getByRole("button", { name: menu }).click();
  await page.getByRole("menuitem", { name: item }).click();
  await expect(page).toHaveURL(/\/login/);
}

test.describe("admin settings, teams and password resets", () => {
  test("an admin resets a rep's password; the rep must change it before anything else; a team and a setting are saved", async ({ page }) => {
    await signIn(page, ADMIN);
    const temporary = await resetPassword(page, REP_EN, { edit: `Edit ${REP_EN.name}`, generate: "Generate one (shown once)", submit: "Reset password" });
    await expect(page.locator('tbody[data-testid^="user-row-"]', { hasText: REP_EN.email })).toContainText("Must change password");
    await signOut(page, "User menu", "Sign out");

    // The old password no longer works; the temporary one leads to the forced change and only there.
    await signIn(page, REP_EN.email, temporary);
    await page.waitForURL(/\/change-password$/);
    await expect(page.getByRole("heading", { name: "Choose a new password", level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto("/customers");
    await expect(page).toHaveURL(/\/change-password$/);
    await page.getByLabel("New password", { exact: true }).fill(temporary);
    await page.getByLabel("New password again").fill(temporary);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The new password must differ from the temporary one.")).toBeVisible();
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("New password again").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("heading", { name: `Welcome, ${REP_EN.name}` })).toBeVisible();
    await page.goto("/customers");
    await expect(page).toHaveURL(/\/customers/);
    await signOut(page, "User menu", "Sign out");
    await signIn(page, REP_EN.email, NEW_PASSWORD);
    await expect(page.getByRole("heading", { name: `Welcome, ${REP_EN.name}` })).toBeVisible();
    await signOut(page, "User menu", "Sign out");

    // A team.
    await signIn(page, ADMIN);
    await page.goto("/admin/teams");
    await expect(page.getByRole("heading", { name: "Teams", level: 1 })).toBeVisible();
    const create = page.getByRole("region", { name: "Add a team" });
    await create.getByLabel("Team name").fill("east");
    await create.getByRole("button", { name: "Add team" }).click();
    await expect(create.getByText("Another team already has this name.")).toBeVisible();
    await create.getByLabel("Team name").fill("Key Accounts");
    await create.getByRole("button", { name: "Add team" }).click();
    await expect(create.getByText("The team was created.")).toBeVisible();
    const team = page.locator('tbody[data-testid^="team-row-"]', { hasText: "Key Accounts" });
    await expect(team).toContainText("No manager");
    await expect(team).toContainText("0 active of 0");
    await expectNoAxeViolations(page);

    // A setting: refused with a message naming the field, then saved, then put back.
    await page.goto("/admin/settings");
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    const sections = page.getByRole("navigation", { name: "Sections" });
    await expect(sections.getByRole("link", { name: /^Analytics \(scores\)/ })).toHaveAttribute("href", "/admin/scores");
    await expect(sections.getByRole("link", { name: /^Service/ })).toHaveAttribute("href", "/admin/service");
    await expectNoAxeViolations(page);
    const bin = page.getByTestId("settings-recycleBin");
    const retention = bin.getByLabel("Recycle bin retention (days)");
    await expect(retention).toHaveValue("30");
    await retention.fill("0");
    await bin.getByRole("button", { name: "Save retention" }).click();
    await expect(bin.getByText("Recycle bin retention: a whole number of days from 1 to 3650.")).toBeVisible();
    await retention.fill("45");
    await bin.getByRole("button", { name: "Save retention" }).click();
    await expect(bin.getByText("The settings were saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("settings-recycleBin").getByLabel("Recycle bin retention (days)")).toHaveValue("45");
    await page.getByTestId("settings-recycleBin").getByLabel("Recycle bin retention (days)").fill("30");
    await page.getByTestId("settings-recycleBin").getByRole("button", { name: "Save retention" }).click();
    await expect(page.getByTestId("settings-recycleBin").getByText("The settings were saved.")).toBeVisible();
    // Amounts keep showing in yuan: the currency was not changed.
    await expect(page.getByTestId("settings-regional").getByLabel("Default currency")).toHaveValue("CNY");
  });

  test("the same in Chinese: reset, forced change, and the settings and teams pages", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitemradio", { name: "简体中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    const temporary = await resetPassword(page, REP_ZH, { edit: `编辑 ${REP_ZH.name}`, generate: "自动生成（仅显示一次）", submit: "重置密码" });

    await page.goto("/admin/settings");
    await expect(page.getByRole("heading", { name: "设置", level: 1 })).toBeVisible();
    await expect(page.getByTestId("settings-recycleBin").getByLabel("回收站保留期（天）")).toHaveValue("30");
    await page.goto("/admin/teams");
    await expect(page.getByRole("heading", { name: "团队", level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto("/admin/settings");
    await signOut(page, "用户菜单", "退出登录");
    // The language cookie stays with the browser: the rep's pages are in Chinese too.
    await submitSignIn(page, REP_ZH.email, temporary);
    await page.waitForURL(/\/change-password$/);
    await expect(page.getByRole("heading", { name: "设置新密码", level: 1 })).toBeVisible();
    await page.getByLabel("新密码", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("再次输入新密码").fill("不一样的密码 123456");
    await page.getByRole("button", { name: "修改密码" }).click();
    await expect(page.getByText("两次输入的密码不一致。")).toBeVisible();
    await page.getByLabel("新密码", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("再次输入新密码").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "修改密码" }).click();
    await expect(page.getByRole("heading", { name: `欢迎，${REP_ZH.name}` })).toBeVisible();

    // Back to English for the specs after this one (the admin's choice is remembered in the profile).
    await page.getByRole("button", { name: "用户菜单" }).click();
    await page.getByRole("menuitemradio", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

import { DEMO_USERS } from "../../lib/platform/auth/demo-users";
import { acceptConsoleError, expect, expectNoAxeViolations, signIn, submitSignIn, test } from "./fixtures";

const ROLE_LABELS = {
  ADMIN: { en: "Administrator", zh: "系统管理员" },
  MANAGER: { en: "Sales manager", zh: "销售经理" },
  REP: { en: "Sales rep", zh: "销售代表" },
  AGENT: { en: "Service agent", zh: "客服坐席" },
} as const;

const oneOfEachRole = (["ADMIN", "MANAGER", "REP", "AGENT"] as const).map((role) => DEMO_USERS.find((u) => u.role === role)!);

test.describe("app shell", () => {
  test("a signed-out visitor is sent to sign-in", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in to Summit CRM" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("bad input and a wrong password get clear messages", async ({ page, consoleErrors }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Required.").first()).toBeVisible();
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("x");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
    await submitSignIn(page, "rep.west3@summit.test", "wrong-password");
    await expect(page.locator("#login-error")).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/login/);
    // next-auth answers a refused sign-in with HTTP 401, which Chromium logs.
    acceptConsoleError(consoleErrors, /status of 401/);
  });

  for (const user of oneOfEachRole) {
    test(`${user.role} signs in, sees the shell in English and Chinese, and signs out`, async ({ page }) => {
      await signIn(page, user.email);
      await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
      await expect(page.getByTestId("home-role")).toHaveText(`Role: ${ROLE_LABELS[user.role].en}`);
      await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
      await expectNoAxeViolations(page);

      await page.getByRole("button", { name: "User menu" }).click();
      await page.getByRole("menuitemradio", { name: "简体中文" }).click();
      await expect(page.getByRole("heading", { name: `欢迎，${user.name}` })).toBeVisible();
      await expect(page.getByTestId("home-role")).toHaveText(`角色：${ROLE_LABELS[user.role].zh}`);
      await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

      await page.getByRole("button", { name: "用户菜单" }).click();
      await page.getByRole("menuitemradio", { name: "English" }).click();
      await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();

      await page.getByRole("button", { name: "User menu" }).click();
      await page.getByRole("menuitem", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/login/);
      await page.goto("/");
      await expect(page).toHaveURL(/\/login/);
    });
  }

  test("what the home page promises follows the role", async ({ page }) => {
    await signIn(page, "agent1@summit.test");
    // An agent's home leads with the service queue; the rights are one click away.
    await expect(page.getByTestId("agent-home")).toBeVisible();
    await page.getByText("What you can do", { exact: true }).click();
    await expect(page.getByRole("cell", { name: "Edit, reply to and resolve tickets" })).toBeVisible();
    await expect(page.getByRole("cell", { name: "Edit customer profiles" })).toHaveCount(0);
  });
});

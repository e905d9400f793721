import { expect, signIn, test } from "./fixtures";

test.describe("demo data and the first admin", () => {
  test("the demo banner shows on the sign-in page and every app page, in both languages", async ({ page, baseURL }) => {
    await page.goto("/login");
    await expect(page.getByTestId("demo-banner")).toContainText("Demo data");
    await signIn(page, "rep.east1@summit.test");
    for (const path of ["/", "/customers", "/dashboards/pipeline"]) {
      await page.goto(path);
      await expect(page.getByTestId("demo-banner")).toHaveText(/^Demo data: .*password is published/);
    }
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: baseURL! }]);
    await page.goto("/leads");
    await expect(page.getByTestId("demo-banner")).toHaveText(/^演示数据：?.*密码是公开的/);
  });

  test("/setup does not exist once a user does, with or without a token", async ({ request }) => {
    for (const path of ["/setup", "/setup?token=", "/setup?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      // The same 404 a missing page gets: not even its title tells that a setup page exists.
      const html = await response.text();
      expect(/<title>([^<]*)<\/title>/.exec(html)?.[1], path).toBe("Summit CRM");
      expect(html).toContain("Page not found");
      expect(html).not.toContain('name="confirm"');
    }
  });
});

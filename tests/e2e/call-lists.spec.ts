import { randomBytes } from "node:crypto";
import { expect, expectNoAxeViolations, signIn, test } from "./fixtures";

const MANAGER = "manager.east@summit.test";
// A demo agent whose password no other spec changes.
const AGENT = "agent1@summit.test";
const AGENT_NAME = "Ana Gao";

test.describe("call lists", () => {
  test("a manager builds a list from the running phone campaign for an agent; the agent works three calls from the queue; progress shows them — also in Chinese", async ({ page }) => {
    const name = `Retention calls ${randomBytes(3).toString("hex")}`;
    await signIn(page, MANAGER);
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Call lists", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Call lists", level: 1 })).toBeVisible();
    await page.getByRole("link", { name: "Build a call list" }).click();
    await expect(page.getByRole("heading", { name: "Build a call list", level: 1 })).toBeVisible();

    const form = page.getByRole("form", { name: "Build a call list" });
    // Submitting empty names every field to fix.
    await form.getByRole("button", { name: "Build the list" }).click();
    await expect(form.getByText("Enter a name for the list.")).toBeVisible();
    await expect(form.getByText("Choose at least one agent.")).toBeVisible();

    await form.getByLabel("List name", { exact: true }).fill(name);
    await form.getByRole("radio", { name: /running phone campaign/ }).check();
    const campaign = form.getByLabel("Phone campaign", { exact: true });
    const option = campaign.locator("option", { hasText: "Retention Call List" });
    await campaign.selectOption((await option.getAttribute("value")) ?? "");
    await form.getByLabel("Call script", { exact: true }).fill("Introduce yourself, ask how the service is going, offer the care plan.");
    await form.getByLabel("Maximum attempts", { exact: true }).fill("3");
    await form.getByRole("checkbox", { name: new RegExp(AGENT_NAME) }).check();
    await expectNoAxeViolations(page);
    await form.getByRole("button", { name: "Build the list" }).click();

    await page.waitForURL(/\/call-lists\/\d+\?built=1$/);
    const listUrl = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    const records = Number(((await page.getByTestId("figure-records").locator("dd").textContent()) ?? "").replace(/[^\d]/g, ""));
    expect(records).toBeGreaterThan(3);
    await expect(page.getByText(/Left out at build: \d+ on the stop-call list, \d+ without a phone number\./)).toBeVisible();
    await expectNoAxeViolations(page);

    // The agent works three calls.
    await page.context().clearCookies();
    await signIn(page, AGENT);
    // Her home counts the calls due in the lists she is seated on and leads to the queue.
    const callsDue = page.getByTestId("agent-count-calls");
    await expect(callsDue).toContainText(/Calls due in my call lists/);
    expect(Number(((await callsDue.locator("span").first().textContent()) ?? "").replace(/[^\d]/g, ""))).toBeGreaterThan(0);
    await callsDue.click();
    await page.waitForURL(/\/call-lists\/queue$/);
    await expect(page.getByRole("heading", { name: "My call queue", level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
    for (const outcome of ["REACHED", "NO_ANSWER", "CALLBACK"] as const) {
      await page.getByTestId("next-call").click();
      const inCall = page.getByTestId("call-in-progress");
      await expect(inCall).toBeVisible();
      // The console's screen pop and the list's script.
      await expect(page.getByTestId("caller-card")).toBeVisible();
      await expect(page.getByText("Introduce yourself, ask how the service is going")).toBeVisible();
      if (outcome === "REACHED") await expectNoAxeViolations(page);
      if (outcome === "CALLBACK") await expect(page.getByLabel("Call back at (for Call back)")).not.toHaveValue("");
      await page.getByTestId(`outcome-${outcome}`).click();
      await expect(inCall).toBeHidden();
      await expect(page.getByTestId("next-call")).toBeVisible();
    }

    // Progress shows the three calls: two reached (reached, callback), one callback booked.
    await page.goto(listUrl);
    await expect(page.getByTestId("figure-calls").locator("dd")).toHaveText("3");
    await expect(page.getByTestId("figure-reach").locator("dd")).toHaveText("66.7%");
    await expect(page.getByTestId("projection")).toContainText("Projected finish");
    await page.getByText("Show as a table").nth(2).click();
    await expect(page.getByRole("table", { name: "Per agent" }).getByRole("row", { name: new RegExp(AGENT_NAME) })).toBeVisible();
    await page.getByLabel("Status", { exact: true }).selectOption("CALLBACK");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByRole("table", { name: "Records" }).getByRole("row")).toHaveCount(2);
    await expectNoAxeViolations(page);

    // In Chinese.
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitemradio", { name: "简体中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByTestId("figure-calls")).toContainText("通话数");
    await expect(page.getByTestId("figure-reach")).toContainText("接通率");
    await expect(page.getByRole("table", { name: "记录" }).getByRole("cell", { name: "待回拨", exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto("/call-lists/queue");
    await expect(page.getByRole("heading", { name: "我的呼叫队列", level: 1 })).toBeVisible();
    await expect(page.getByTestId("next-call")).toHaveText("下一通电话");
  });
});

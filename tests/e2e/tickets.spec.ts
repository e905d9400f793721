import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, signIn, test } from "./fixtures";

// Ana Gao holds the billing skill: a billing ticket is routed to her, or queues when she is full.
const AGENT = "agent1@summit.test";
const AGENT_NAME = "Ana Gao";
const REP = "rep.east1@summit.test";
const OTHER_REP = "rep.west1@summit.test";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The first customer the signed-in rep owns: its name and id. */
async function firstOwnCustomer(page: Page): Promise<{ id: number; name: string }> {
  await page.goto("/customers?owner=me");
  const link = page.getByRole("table").getByRole("rowheader").first().getByRole("link");
  const name = (await link.textContent())?.trim() ?? "";
  const id = Number((await link.getAttribute("href"))?.split("/").pop());
  expect(name).not.toBe("");
  expect(id).toBeGreaterThan(0);
  return { id, name };
}

function ticketIdOf(page: Page): number {
  return Number(new URL(page.url()).pathname.split("/").pop());
}

test.describe("tickets", () => {
  test("an agent opens and works a ticket to resolution with a rating; a rep reads only their customers' tickets, also in Chinese", async ({ page }) => {
    // Unique subjects without reading a clock: the database is fresh per run, the suffix guards repeats.
    const stamp = randomBytes(4).toString("hex");
    const subject = `Invoice charged twice ${stamp}`;
    const otherSubject = `Router keeps restarting ${stamp}`;
    const replyText = `Hello, we have refunded the duplicate charge (${stamp}).`;

    // A customer of each of two reps: the first rep must see the ticket of theirs, not the other one.
    await signIn(page, OTHER_REP);
    const elsewhere = await firstOwnCustomer(page);
    await page.context().clearCookies();
    await signIn(page, REP);
    const own = await firstOwnCustomer(page);
    await page.context().clearCookies();

    // The agent's home: the queue at a glance.
    await signIn(page, AGENT);
    await page.goto("/");
    await expect(page.getByTestId("agent-home")).toBeVisible();
    await expect(page.getByRole("heading", { name: "My service queue" })).toBeVisible();
    await expect(page.getByTestId("agent-count-unassigned")).toContainText("Waiting in the queue");

    // A ticket for the other rep's customer, found with the customer search.
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Tickets" }).click();
    await expect(page.getByRole("heading", { name: "Tickets", level: 1 })).toBeVisible();
    await expect(page.getByTestId("ticket-count")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "New ticket" }).click();
    await expect(page.getByRole("heading", { name: "New ticket", level: 1 })).toBeVisible();
    let form = page.getByRole("form", { name: "New ticket" });
    await form.getByRole("button", { name: "Create ticket" }).click();
    await expect(form.getByText("Required.")).toBeVisible();
    await form.getByRole("combobox", { name: "Customer" }).fill(elsewhere.name);
    await page.getByRole("option", { name: new RegExp(escape(elsewhere.name)) }).first().click();
    await expect(form.getByText(`Selected: ${elsewhere.name}`)).toBeVisible();
    await form.getByLabel("Category", { exact: true }).selectOption({ label: "Technical" });
    await form.getByLabel("Subject", { exact: true }).fill(otherSubject);
    await form.getByRole("button", { name: "Create ticket" }).click();
    await page.waitForURL(/\/tickets\/\d+\?created=1$/);
    const otherId = ticketIdOf(page);
    await expect(page.getByRole("heading", { name: otherSubject, level: 1 })).toBeVisible();

    // The rep's customer's ticket, opened from the customer (its contact persons to choose from).
    await page.goto(`/tickets/new?customer=${own.id}`);
    form = page.getByRole("form", { name: "New ticket" });
    await expect(form.getByText(`Selected: ${own.name}`)).toBeVisible();
    const contact = form.getByLabel("Contact", { exact: true });
    if ((await contact.count()) > 0) {
      const options = await contact.locator("option").allTextContents();
      const withEmail = options.findIndex((o) => o.includes("@"));
      if (withEmail > 0) await contact.selectOption({ index: withEmail });
    }
    await form.getByLabel("Category", { exact: true }).selectOption({ label: "Billing" });
    await form.getByLabel("Priority", { exact: true }).selectOption({ label: "P2 – high" });
    await form.getByLabel("Channel", { exact: true }).selectOption({ label: "Phone" });
    await form.getByLabel("Subject", { exact: true }).fill(subject);
    await form.getByLabel("Description", { exact: true }).fill("The customer was charged twice for the May invoice.");
    await expectNoAxeViolations(page);
    await form.getByRole("button", { name: "Create ticket" }).click();
    await page.waitForURL(/\/tickets\/\d+\?created=1$/);
    const id = ticketIdOf(page);
    await expect(page.getByRole("heading", { name: subject, level: 1 })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Ticket created." })).toBeVisible();
    await expect(page.getByRole("link", { name: own.name }).first()).toHaveAttribute("href", `/customers/${own.id}`);
    await expect(page.getByTestId("sla-resolution")).toHaveText("On track");

    // Routed to her, or waiting in the queue: then she takes it.
    const assignee = page.getByTestId("ticket-assignee");
    await expect(assignee).toHaveText(new RegExp(`^(${AGENT_NAME}|Queue)$`));
    if ((await assignee.textContent())?.trim() === "Queue") {
      await page.getByRole("button", { name: "Take it" }).click();
      await expect(assignee).toHaveText(AGENT_NAME);
    }
    await expectNoAxeViolations(page);

    // A reply to the customer: emailed when there is an address (with the mail's status), else saved only.
    const composer = page.getByRole("form", { name: "Reply or add a note" });
    await composer.getByLabel("Reply to the customer").check();
    const destination = (await composer.getByTestId("reply-destination").textContent()) ?? "";
    await composer.getByLabel("Message", { exact: true }).fill(replyText);
    await composer.getByRole("button", { name: "Send reply" }).click();
    const reply = page.getByTestId("message-reply").filter({ hasText: replyText });
    await expect(reply).toBeVisible();
    await expect(reply.getByTestId("mail-status")).toHaveText(destination.startsWith("Will be emailed to") ? /^Email (queued|sending|sent|failed)$/ : "Not emailed");
    await expect(page.getByTestId("ticket-status")).toHaveText("In progress");
    await expect(page.getByTestId("sla-firstResponse")).toHaveText("Met");

    // An internal note is marked as such.
    await composer.getByLabel("Internal note").check();
    await composer.getByLabel("Message", { exact: true }).fill(`Refund booked ${stamp}`);
    await composer.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByTestId("message-note").filter({ hasText: `Refund booked ${stamp}` })).toContainText("Internal note");

    // Waiting on the customer stops the SLA clock; then resolved.
    const statusForm = page.getByRole("form", { name: "Status", exact: true });
    await statusForm.getByRole("button", { name: "Wait on customer" }).click();
    await expect(page.getByTestId("ticket-status")).toHaveText("Waiting on customer");
    await expect(page.getByTestId("sla-resolution")).toHaveText("Paused");
    await expect(page.getByTestId("sla-paused")).toBeVisible();
    await statusForm.getByRole("button", { name: "Resolve" }).click();
    await expect(page.getByTestId("ticket-status")).toHaveText("Resolved");
    await expect(page.getByTestId("sla-resolution")).toHaveText("Met");

    // The customer's rating, recorded by the agent.
    const csat = page.getByRole("form", { name: "Customer satisfaction" });
    await csat.getByLabel("4 – satisfied").check();
    await csat.getByRole("button", { name: "Save rating" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Rating saved." })).toBeVisible();
    await expect(page.getByTestId("ticket-satisfaction")).toHaveText("4 of 5 (recorded by an agent)");
    await expectNoAxeViolations(page);

    // The rep: the ticket of their customer, not the other rep's; reading only.
    await page.context().clearCookies();
    await signIn(page, REP);
    await page.goto("/tickets?status=all&sort=newest");
    await expect(page.getByRole("heading", { name: "Tickets", level: 1 })).toBeVisible();
    const table = page.getByRole("table", { name: "Tickets matching the filters" });
    await expect(table.getByRole("link", { name: subject })).toBeVisible();
    await expect(table.getByRole("link", { name: otherSubject })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await table.getByRole("link", { name: subject }).click();
    await expect(page.getByRole("heading", { name: subject, level: 1 })).toBeVisible();
    await expect(page.getByTestId("ticket-read-only")).toBeVisible();
    await expect(page.getByRole("form", { name: "Status", exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^(Close|Reopen|Resolve|Wait on customer|Start work)$/ })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Reply or add a note" })).toHaveCount(0);
    await page.goto(`/tickets/${otherId}`);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

    // The ticket page in Chinese; then back to English (the language is the demo user's saved preference).
    await page.goto(`/tickets/${id}`);
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitemradio", { name: "简体中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByTestId("ticket-status")).toHaveText("已解决");
    await expect(page.getByRole("heading", { name: "沟通记录" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "服务时限" })).toBeVisible();
    await expect(page.getByTestId("sla-resolution")).toHaveText("已达标");
    await expect(page.getByTestId("ticket-satisfaction")).toHaveText("4 分（满分 5 分，由坐席记录）");
    await expect(page.getByTestId("message-reply").filter({ hasText: replyText }).getByTestId("mail-status")).toHaveText(/^(邮件排队中|邮件发送中|邮件已发送|邮件发送失败|未发送邮件)$/);
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "用户菜单" }).click();
    await page.getByRole("menuitemradio", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByTestId("ticket-status")).toHaveText("Resolved");
  });
});

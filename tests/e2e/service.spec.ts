import { createHmac, randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { browserNow, expect, expectNoAxeViolations, signIn, test } from "./fixtures";
import type { ParsedMail } from "mailparser";
import { type SmtpReceiver, startSmtpReceiver } from "../support/smtp-receiver";
import { E2E_CTI_SECRET, E2E_SMTP_PORT } from "./service-env";

// Ana Gao: extension 8001, holds the billing skill (a billing ticket is routed to her).
const AGENT = "agent1@summit.test";
const EXTENSION = "8001";
const MANAGER = "manager.east@summit.test";

/** Every mail the app sends during this file, as a real SMTP receiver got it (on the port the e2e server sends to). */
let smtp: SmtpReceiver;

test.beforeAll(async () => {
  smtp = await startSmtpReceiver({ port: E2E_SMTP_PORT });
});
test.afterAll(async () => {
  await smtp.close();
});

async function mailTo(address: string, subject: RegExp): Promise<ParsedMail> {
  const find = () => smtp.received.find((m) => m.to && !Array.isArray(m.to) && m.to.value.some((v) => v.address === address) && subject.test(m.subject ?? ""));
  await expect.poll(() => find() !== undefined, { timeout: 30_000, message: `a mail to ${address} matching ${subject}` }).toBe(true);
  return find()!;
}

/**
 * Posts a telephony event as the phone system does, signed over timestamp.body. The timestamp is the
 * browser's clock (Playwright's, started at the run's fixed instant), never the machine's.
 */
async function cti(page: Page, request: APIRequestContext, event: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor((await browserNow(page)) / 1000));
  const signature = createHmac("sha256", E2E_CTI_SECRET).update(`${timestamp}.${body}`).digest("hex");
  const response = await request.post("/api/cti/events", { headers: { "content-type": "application/json", "x-cti-timestamp": timestamp, "x-cti-signature": signature }, data: body });
  expect(response.status(), await response.text()).toBe(200);
}

test.describe("service", () => {
  test("a ringing call pops an unknown caller; the agent creates the customer, logs the call with a ticket, answers by mail, resolves; the customer rates through the mailed link; the manager sees it; in Chinese too", async ({ page, browser, request }) => {
    test.setTimeout(120_000);
    const stamp = randomBytes(4).toString("hex");
    const digits = String(parseInt(stamp, 16) % 100_000_000).padStart(8, "0");
    const phone = `+86 139 ${digits.slice(0, 4)} ${digits.slice(4)}`;
    const email = `caller.${stamp}@example.com`;
    const name = `Caller ${stamp}`;
    const subject = `Bill too high ${stamp}`;

    await signIn(page, AGENT);
    await page.goto("/console");
    await expect(page.getByRole("heading", { name: "Contact console", level: 1 })).toBeVisible();
    await expect(page.getByTestId("console-connection")).toHaveAttribute("data-connected", "yes");

    // The phone rings: the console opens on the caller, whom nobody knows yet.
    await cti(page, request, { event: "ringing", callId: `a-${stamp}`, from: phone, extension: EXTENSION });
    await expect(page.getByTestId("caller-unknown")).toBeVisible();
    await expect(page.getByTestId("console-call")).toHaveText(`Ringing: ${phone}`);
    await expectNoAxeViolations(page);

    // A new customer, the number already filled in.
    await page.getByRole("link", { name: "New customer" }).click();
    await expect(page.getByLabel("Phone", { exact: true })).toHaveValue(phone);
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Kind", { exact: true }).selectOption("INDIVIDUAL");
    await page.getByLabel("Region", { exact: true }).fill("East China");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

    // The next call from that number pops the customer's card.
    await page.goto("/console");
    await expect(page.getByTestId("console-connection")).toHaveAttribute("data-connected", "yes");
    await cti(page, request, { event: "ringing", callId: `b-${stamp}`, from: phone, extension: EXTENSION });
    const card = page.getByTestId("caller-card");
    await expect(card.getByRole("heading", { name })).toBeVisible();
    await cti(page, request, { event: "answered", callId: `b-${stamp}`, from: phone, extension: EXTENSION });
    await expect(page.getByTestId("console-call")).toHaveText(`On the line: ${phone}`);

    // Log the call and open a ticket in one step.
    const log = card.getByRole("form", { name: "Log this contact" });
    await log.getByLabel("What was it about?").fill("The May bill is twice the usual amount.");
    await log.getByLabel("Open a new ticket").check();
    await log.getByLabel("Ticket subject").fill(subject);
    await log.getByLabel("Category").selectOption("billing");
    await log.getByLabel("Priority").selectOption("P2");
    await log.getByRole("button", { name: "Log contact" }).click();
    await expect(log.getByText("Contact logged and ticket opened.")).toBeVisible();
    await log.getByRole("link", { name: /^Open ticket #\d+$/ }).click();
    await expect(page.getByRole("heading", { name: subject, level: 1 })).toBeVisible();
    // Routed to the billing agent, or queued when the demo company's history keeps her at capacity.
    const assignee = page.getByTestId("ticket-assignee");
    await expect(assignee).toHaveText(/^(Ana Gao|Queue)$/);
    if ((await assignee.textContent())?.trim() === "Queue") {
      await page.getByRole("button", { name: "Take it" }).click();
      await expect(assignee).toHaveText("Ana Gao");
    }

    // The call ends: logged once on the customer's timeline by the phone system's event.
    await cti(page, request, { event: "ended", callId: `b-${stamp}`, from: phone, extension: EXTENSION, durationSeconds: 95 });

    // The answer goes out by mail: the test's SMTP receiver gets it, threaded by the ticket's token.
    const replyText = `We corrected the bill (${stamp}).`;
    const composer = page.getByRole("form", { name: "Reply or add a note" });
    await composer.getByLabel("Reply to the customer").check();
    await composer.getByLabel("Message", { exact: true }).fill(replyText);
    await composer.getByRole("button", { name: "Send reply" }).click();
    const replyMail = await mailTo(email, new RegExp(`^\\[#T\\d+-[0-9a-f]{12}\\] ${subject}$`));
    expect(replyMail.text).toContain(replyText);

    // Resolved: the customer is mailed a one-time rating link.
    await expect(page.getByTestId("ticket-status")).toHaveText("In progress");
    await page.getByRole("form", { name: "Status", exact: true }).getByRole("button", { name: "Resolve" }).click();
    await expect(page.getByTestId("ticket-status")).toHaveText("Resolved");
    const rateMail = await mailTo(email, /^How did we do\?/);
    const link = /https?:\/\/\S+\/csat\/[A-Za-z0-9_-]{43}/.exec(rateMail.text ?? "")![0];

    // The customer rates, signed out, once.
    const customerContext = await browser.newContext();
    const customer = await customerContext.newPage();
    // The customer's browser starts at the agent's browser time (the run's fixed clock), not the machine's.
    await customer.clock.install({ time: await browserNow(page) });
    await customer.goto(new URL(link).pathname);
    await expect(customer.getByText(subject)).toBeVisible();
    await customer.getByLabel("5 – very satisfied").check();
    await customer.getByRole("button", { name: "Send rating" }).click();
    await expect(customer.getByTestId("csat-thanks")).toBeVisible();
    await customer.goto(new URL(link).pathname);
    await expect(customer.getByTestId("csat-invalid")).toBeVisible();
    await customerContext.close();
    await page.reload();
    await expect(page.getByTestId("ticket-satisfaction")).toContainText("5");

    // The console in Chinese.
    await page.goto(`/console?q=${encodeURIComponent(phone)}`);
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitemradio", { name: "简体中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { name: "客户联络台", level: 1 })).toBeVisible();
    await expect(page.getByTestId("caller-card").getByText("通话中可推荐")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "用户菜单" }).click();
    await page.getByRole("menuitemradio", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");

    // The manager's service dashboard counts the rating.
    await page.context().clearCookies();
    await signIn(page, MANAGER);
    await page.goto("/dashboards/service");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe("service administration", () => {
  test("an admin sets the routing capacity, reads the agents with their extensions and the reply templates; in Chinese too", async ({ page }) => {
    await signIn(page, "admin@summit.test");
    await page.goto("/admin/service");
    await expect(page.getByRole("heading", { name: "Service settings", level: 1 })).toBeVisible();
    const capacity = page.getByLabel("Open tickets per agent before new ones queue");
    await capacity.fill("0");
    await page.getByRole("button", { name: "Save routing" }).click();
    await expect(capacity).toHaveAttribute("aria-invalid", "true");
    await capacity.fill("200");
    await page.getByRole("button", { name: "Save routing" }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Open tickets per agent before new ones queue")).toHaveValue("200");
    await expectNoAxeViolations(page);

    // Users, teams and skills: the agents routing chooses from, with their extensions.
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: "Users, teams and skills", level: 1 })).toBeVisible();
    const users = page.getByRole("table", { name: "All users" });
    await expect(users.getByRole("row").filter({ hasText: "agent1@summit.test" })).toContainText("8001");
    await expectNoAxeViolations(page);

    await page.goto("/admin/reply-templates");
    await expect(page.getByRole("heading", { name: "Reply templates", level: 1 })).toBeVisible();
    // The demo company comes with default templates, listed per category.
    await expect(page.getByRole("heading", { name: "Billing" })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitemradio", { name: "简体中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.goto("/admin/service");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "用户菜单" }).click();
    await page.getByRole("menuitemradio", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });
});

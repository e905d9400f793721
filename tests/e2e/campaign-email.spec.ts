import { randomBytes } from "node:crypto";
import { expect, expectNoAxeViolations, signIn, test } from "./fixtures";
import { type SmtpReceiver, startSmtpReceiver } from "../support/smtp-receiver";
import { E2E_SMTP_PORT } from "./service-env";

const MANAGER = "manager.east@summit.test";

/** Every mail the app sends during this file, as a real SMTP receiver got it (on the port the e2e server sends to). */
let smtp: SmtpReceiver;

test.beforeAll(async () => {
  smtp = await startSmtpReceiver({ port: E2E_SMTP_PORT });
});
test.afterAll(async () => {
  await smtp.close();
});

test.describe("email campaigns", () => {
  test("a manager writes a template with a merge field for a launched email campaign, previews and sends it; the message arrives and its unsubscribe link opts the customer out — also in Chinese", async ({ page }) => {
    test.setTimeout(120_000);
    const name = `Email news ${randomBytes(3).toString("hex")}`;
    await signIn(page, MANAGER);

    // An email campaign from a segment, with a control group, launched.
    await page.goto("/campaigns/new");
    const form = page.getByRole("form", { name: "New campaign" });
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Channel", { exact: true }).selectOption("EMAIL");
    const start = await form.getByLabel("Start date", { exact: true }).inputValue();
    await form.getByLabel("End date", { exact: true }).fill(new Date(Date.parse(`${start}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10));
    await form.getByLabel("Budget", { exact: true }).fill("1000");
    await form.getByRole("radio", { name: "A segment" }).check();
    const segment = form.getByLabel("Segment", { exact: true });
    await segment.selectOption((await segment.locator("option", { hasText: "East China enterprises" }).getAttribute("value")) ?? "");
    await form.getByLabel("Control group (%)", { exact: true }).fill("10");
    await form.getByRole("button", { name: "Create draft" }).click();
    await page.waitForURL(/\/campaigns\/\d+\?created=1$/);
    const campaignPath = new URL(page.url()).pathname;
    await page.getByTestId("launch-campaign").click();
    await page.getByRole("button", { name: "Yes, launch" }).click();
    await expect(page.getByText(/Campaign launched/)).toBeVisible();

    // The email page, from the campaign page.
    await page.getByRole("link", { name: "Email message" }).click();
    await expect(page.getByRole("heading", { name: `Email: ${name}`, level: 1 })).toBeVisible();
    await expect(page.getByText("Save a template to preview it.")).toBeVisible();
    await expectNoAxeViolations(page);

    // An unknown merge field is refused by name; then the real template is saved.
    const editor = page.getByRole("form", { name: "Template" });
    await editor.getByLabel("Subject", { exact: true }).fill("News for {{firstName}}");
    await editor.getByLabel("Message", { exact: true }).fill("Hello {{nickname}}");
    await editor.getByRole("button", { name: "Save template" }).click();
    await expect(editor.getByText("Unknown merge field “nickname”", { exact: false })).toBeVisible();
    await editor.getByLabel("Message", { exact: true }).fill("Dear {{firstName | customer}},\n\nOur spring offer is here: [see the offer](https://shop.example/spring).\n\nYour Summit team");
    await editor.getByRole("button", { name: "Save template" }).click();
    await expect(page.getByText("Template saved.")).toBeVisible();

    // The preview, for a chosen member.
    const preview = page.getByTestId("email-preview");
    await expect(preview).toBeVisible();
    const memberSelect = page.getByLabel("Preview for member", { exact: true });
    const options = await memberSelect.locator("option").allTextContents();
    const choice = options.find((o) => /<[^>]+@[^>]+>/.test(o));
    expect(choice, "a member with an email address").toBeDefined();
    await memberSelect.selectOption({ label: choice! });
    await page.getByRole("button", { name: "Show preview" }).click();
    const [, memberName, address] = /^(.*) <([^>]+)>$/.exec(choice!.trim())!;
    await expect(preview).toContainText(address);
    const firstName = memberName.trim().split(/\s+/)[0];
    await expect(page.getByTestId("preview-subject")).toHaveText(`News for ${firstName}`);
    await expect(page.getByTestId("preview-body").getByRole("link", { name: "see the offer" })).toHaveAttribute("href", "https://shop.example/spring");
    await expectNoAxeViolations(page);

    // Send; the message arrives in the SMTP receiver.
    await page.getByTestId("send-start").click();
    await expect(page.getByText("Sending started.")).toBeVisible();
    const find = () => smtp.received.find((m) => m.to && !Array.isArray(m.to) && m.to.value.some((v) => v.address === address) && m.subject === `News for ${firstName}`);
    await expect.poll(() => find() !== undefined, { timeout: 45_000, message: `the campaign mail to ${address}` }).toBe(true);
    const mail = find()!;
    expect(mail.text).toContain(`Dear ${firstName},`);
    expect(mail.text).toMatch(/see the offer \(http:\/\/[^)]+\/r\/click\./);
    const unsubscribe = /(https?:\/\/\S+\/u\/[A-Za-z0-9_-]{43})\s*$/m.exec(mail.text ?? "")?.[1];
    expect(unsubscribe, "the unsubscribe link").toBeDefined();
    expect(mail.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line).toContain("List-Unsubscribe=One-Click");
    await expect(page.getByTestId("progress-queued").locator("dd")).not.toHaveText("0");

    // The customer follows the unsubscribe link and confirms.
    const link = new URL(unsubscribe!);
    await page.goto(link.pathname);
    await expect(page.getByRole("heading", { name: "Unsubscribe", level: 1 })).toBeVisible();
    await expect(page.getByText(name)).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Unsubscribe me" }).click();
    await expect(page.getByTestId("unsubscribe-done")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("unsubscribe-used")).toBeVisible();

    // The customer is opted out: the member, the customer's flags, the email page's count.
    await page.goto(`${campaignPath}?mstatus=OPTED_OUT#members`);
    const row = page.getByTestId("member-table").getByRole("row").filter({ hasText: memberName.trim() });
    await expect(row).toContainText("Opted out");
    await row.getByRole("link", { name: memberName.trim() }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(memberName.trim());
    await expect(page.locator("dl").filter({ hasText: "Do not contact" }).getByText("Email", { exact: true })).toBeVisible();
    await page.goto(`${campaignPath}/email`);
    await expect(page.getByTestId("progress-unsubscribed").locator("dd")).toHaveText("1");

    // In Chinese.
    await page.getByRole("button", { name: "User menu" }).click();
    await page.getByRole("menuitemradio", { name: "简体中文" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { name: `邮件：${name}`, level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "发送", level: 2 })).toBeVisible();
    await expect(page.getByTestId("progress-unsubscribed")).toContainText("已退订");
    await expectNoAxeViolations(page);
    await page.goto(link.pathname);
    await expect(page.getByRole("heading", { name: "退订", level: 1 })).toBeVisible();
    await expect(page.getByTestId("unsubscribe-used")).toContainText("此链接已使用过");
  });
});

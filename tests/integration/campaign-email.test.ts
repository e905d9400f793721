import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { GET as followRoute } from "@/app/r/[token]/route";
import { POST as oneClickRoute } from "@/app/u/[token]/one-click/route";
import { changeCampaignEmailSend, getCampaignEmailPage, previewCampaignEmail, saveCampaignEmail, sendCampaignTestEmail } from "@/lib/campaigns/email";
import { queueCampaignEmailBatch, runCampaignEmailSends } from "@/lib/campaigns/email-send";
import { exportCampaignMembers } from "@/lib/campaigns/export";
import { CLICK_LINK_DAYS, clickToken, followClick, readUnsubscribeLink, unsubscribeByLink, UNSUBSCRIBE_LINK_DAYS } from "@/lib/campaigns/email-tokens";
import type { Actor } from "@/lib/platform/auth/permissions";
import { advanceClock, fixClock, nowMs, resetClock } from "@/lib/platform/clock";
import { ConflictError } from "@/lib/platform/concurrency";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { deliverPendingMail, settleMailKicks } from "@/lib/platform/mail";
import { newPublicToken, PUBLIC_LINK_RATE_LIMIT } from "@/lib/platform/public-link";
import { TEST_NOW } from "../support/clock";
import { createPeople, type People } from "../support/fixtures";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp-receiver";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * Email campaigns through the data layer, the public routes and a real SMTP receiver, on PGlite and
 * (TEST_DATABASE_URL) PostgreSQL: the template's versioned saves and named merge-field errors,
 * previews, test sends, the throttled and resumable send that mails each treated member once and never
 * the control group or an opted-out customer, the one-click unsubscribe (single use, opt-out,
 * touchpoint, audit), tracked clicks (one response, one touchpoint, redirect only to the template's
 * address), forged / wrong-purpose / expired tokens, rate limits and permissions.
 */

const T = TEST_NOW.getTime();
const DAY = 86_400_000;
const TEMPLATE = {
  subject: "Spring offer for {{firstName}}",
  body: "Dear {{firstName | customer}},\n\nYour rep {{ownerName}} has news: [see the offer](https://shop.example/spring?utm=mail) or visit https://shop.example/stores.\n\nSummit",
  ratePerMinute: 60,
};

let db: TestDatabase;
let people: People;
let campaignId: number;
/** Treated members with a deliverable address, in id order. */
const mailable: { memberId: number; customerId: number; email: string }[] = [];
let optedOutMember: number;
let noAddressMember: number;
const controlMembers: number[] = [];
let receiver: SmtpReceiver;
const savedSmtp = process.env.SMTP_URL;

async function customer(name: string, email: string | null, over: Record<string, unknown> = {}): Promise<number> {
  const c = await db.prisma.customer.create({ data: { kind: "INDIVIDUAL", name, email, region: "East China", ownerId: people.repEast.id, ...over }, select: { id: true } });
  return c.id;
}

async function member(customerId: number, isControl = false): Promise<number> {
  const m = await db.prisma.campaignMember.create({ data: { campaignId, customerId, isControl }, select: { id: true } });
  return m.id;
}

const emailRow = () => db.prisma.campaignEmail.findUniqueOrThrow({ where: { campaignId } });
const memberRow = (id: number) => db.prisma.campaignMember.findUniqueOrThrow({ where: { id } });

async function expectRefused(actor: Actor, run: () => Promise<unknown>): Promise<void> {
  const before = await db.prisma.auditLog.count({ where: { action: "DENIED", userId: actor.id } });
  await expect(run()).rejects.toBeInstanceOf(NotAllowedError);
  expect(await db.prisma.auditLog.count({ where: { action: "DENIED", userId: actor.id } })).toBe(before + 1);
}

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  receiver = await startSmtpReceiver();
  const campaign = await db.prisma.campaign.create({
    data: { name: "Spring email", type: "EMAIL", status: "ACTIVE", startsAt: new Date(T - DAY), endsAt: new Date(T + 30 * DAY), ownerId: people.managerEast.id, launchedAt: new Date(T - DAY), holdoutPct: 20 },
    select: { id: true },
  });
  campaignId = campaign.id;
  for (let i = 1; i <= 8; i++) {
    const email = `customer${i}@example.com`;
    const customerId = await customer(i === 1 ? "Ada Lovelace" : `Customer ${i}`, email);
    mailable.push({ memberId: await member(customerId), customerId, email });
  }
  // Opted out of email after the launch froze the audience: never mailed.
  optedOutMember = await member(await customer("Opted Out", "optout@example.com", { dncEmail: true }));
  noAddressMember = await member(await customer("No Address", null));
  for (let i = 1; i <= 2; i++) controlMembers.push(await member(await customer(`Control ${i}`, `control${i}@example.com`), true));
});

afterAll(async () => {
  await settleMailKicks();
  await receiver.close();
  await db.close();
});

afterEach(() => {
  resetClock();
  if (savedSmtp === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedSmtp;
});

describe(`email campaigns (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  test("the template: versioned saves, unknown merge fields refused by name, preview per member; reps and agents refused and audited", async () => {
    fixClock(T);
    await expectRefused(people.repEast, () => saveCampaignEmail(people.repEast, campaignId, 0, TEMPLATE));
    await expectRefused(people.agent, () => saveCampaignEmail(people.agent, campaignId, 0, TEMPLATE));

    const bad = saveCampaignEmail(people.managerEast, campaignId, 0, { ...TEMPLATE, body: "Hi {{nickname}}" });
    await expect(bad).rejects.toBeInstanceOf(RuleError);
    await expect(bad).rejects.toMatchObject({ message: "campaignEmail.issues.unknownField", field: "body" });

    expect(await saveCampaignEmail(people.managerEast, campaignId, 0, { ...TEMPLATE, subject: "Draft" })).toEqual({ version: 1 });
    expect(await saveCampaignEmail(people.managerEast, campaignId, 1, TEMPLATE)).toEqual({ version: 2 });
    // A stale save (version 1) is refused with the changed field.
    const stale = saveCampaignEmail(people.managerEast, campaignId, { version: 1, seen: { subject: "Draft", body: TEMPLATE.body, ratePerMinute: "60", status: "DRAFT" } }, TEMPLATE);
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({ changes: [{ field: "subject", old: "Draft", current: TEMPLATE.subject }] });
    expect(await db.prisma.auditLog.count({ where: { entity: "CampaignEmail", entityId: String(campaignId), action: { in: ["CREATE", "UPDATE"] } } })).toBe(2);

    const preview = await previewCampaignEmail(people.repEast, campaignId, mailable[0].memberId);
    expect(preview?.subject).toBe("Spring offer for Ada");
    expect(preview?.htmlBody).toContain(`Your rep rep.east has news: <a href="https://shop.example/spring?utm=mail">see the offer</a>`);
    // A control member is not previewable: the first treated member stands in.
    expect((await previewCampaignEmail(people.managerEast, campaignId, controlMembers[0]))?.member?.id).toBe(mailable[0].memberId);

    const page = await getCampaignEmailPage(people.repEast, campaignId);
    expect(page?.canEdit).toBe(false);
    expect(page?.counts).toMatchObject({ treated: 10, control: 2, eligible: 8, skipped: 2, queued: 0 });
  });

  test("a test send goes through the outbox, marked as a test and audited; reps are refused", async () => {
    await expectRefused(people.repEast, () => sendCampaignTestEmail(people.repEast, campaignId, "me@example.com", null));
    const { outboxId } = await sendCampaignTestEmail(people.managerEast, campaignId, "me@example.com", mailable[0].memberId);
    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: outboxId } });
    expect(row).toMatchObject({ toAddress: "me@example.com", subject: "[TEST] Spring offer for Ada", entity: "CampaignEmailTest", entityId: String(campaignId) });
    // Links go straight to the template's addresses: a test click is nobody's response.
    expect(row.textBody).toContain("see the offer (https://shop.example/spring?utm=mail)");
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { entity: "CampaignEmail", action: "CREATE", userId: people.managerEast.id }, orderBy: { id: "desc" } });
    expect(JSON.stringify(audit.changes)).toContain("me@example.com");
    await db.prisma.outboxMessage.delete({ where: { id: outboxId } });
  });

  test("sending: throttled to the rate, resumable, paused and resumed, one message per treated member, never the control group or an opted-out customer", async () => {
    fixClock(T);
    await expectRefused(people.repEast, () => changeCampaignEmailSend(people.repEast, campaignId, 2, "start", { kick: false }));
    await changeCampaignEmailSend(people.managerEast, campaignId, 2, "start", { kick: false });
    expect(await emailRow()).toMatchObject({ status: "SENDING", version: 3, startedById: people.managerEast.id });
    // The template is locked while sending.
    await expect(saveCampaignEmail(people.managerEast, campaignId, 3, TEMPLATE)).rejects.toMatchObject({ message: "campaignEmail.errors.locked" });

    // 60 a minute = one a second: nothing at the start instant, three after three seconds.
    expect(await queueCampaignEmailBatch(campaignId)).toEqual({ queued: 0, done: false, waitMs: 1000 });
    advanceClock(3_000);
    expect(await queueCampaignEmailBatch(campaignId)).toMatchObject({ queued: 3, done: false });
    expect(await queueCampaignEmailBatch(campaignId)).toMatchObject({ queued: 0, done: false });
    advanceClock(1_500);
    // A fresh pass (as after a restart: nothing in memory) carries on where the last one stopped.
    expect(await runCampaignEmailSends()).toBe(1);

    await changeCampaignEmailSend(people.managerEast, campaignId, 3, "pause", { kick: false });
    advanceClock(10 * 60_000);
    expect(await queueCampaignEmailBatch(campaignId)).toEqual({ queued: 0, done: true, waitMs: 0 });
    await changeCampaignEmailSend(people.managerEast, campaignId, 4, "resume", { kick: false });
    // Resuming starts a fresh bucket: no burst of the ten paused minutes.
    advanceClock(2_000);
    expect(await queueCampaignEmailBatch(campaignId)).toMatchObject({ queued: 2 });
    advanceClock(60 * 60_000);
    // The burst is capped at one minute (60) — more than the two left: done.
    expect(await queueCampaignEmailBatch(campaignId)).toMatchObject({ queued: 2, done: true });
    expect(await emailRow()).toMatchObject({ status: "SENT", queuedCount: 8 });
    expect(await runCampaignEmailSends()).toBe(0);

    const members = await db.prisma.campaignMember.findMany({ where: { campaignId }, orderBy: { id: "asc" } });
    const mailed = members.filter((m) => m.emailOutboxId !== null);
    expect(mailed.map((m) => m.id)).toEqual(mailable.map((m) => m.memberId));
    for (const m of mailed) {
      expect(m).toMatchObject({ status: "CONTACTED" });
      expect(m.contactedAt).not.toBeNull();
      expect(m.unsubscribeTokenHash).toMatch(/^[0-9a-f]{64}$/);
    }
    for (const id of [optedOutMember, noAddressMember, ...controlMembers]) expect(await memberRow(id)).toMatchObject({ emailOutboxId: null, status: "TARGETED", contactedAt: null });
    const outbox = await db.prisma.outboxMessage.findMany({ where: { entity: "CampaignMember" } });
    expect(outbox).toHaveLength(8);
    expect(new Set(outbox.map((o) => o.toAddress))).toEqual(new Set(mailable.map((m) => m.email)));
    expect(await db.prisma.touchpoint.count({ where: { campaignId, channel: "EMAIL", direction: "OUTBOUND" } })).toBe(8);

    // Starting again is refused; no member ever gets a second message.
    await expect(changeCampaignEmailSend(people.managerEast, campaignId, 5, "start", { kick: false })).rejects.toMatchObject({ message: "campaignEmail.errors.transition" });
    await db.prisma.campaignEmail.update({ where: { campaignId }, data: { status: "SENDING" } });
    advanceClock(60_000);
    expect(await queueCampaignEmailBatch(campaignId)).toMatchObject({ queued: 0, done: true });
    expect(await db.prisma.outboxMessage.count({ where: { entity: "CampaignMember" } })).toBe(8);
  });

  test("a real SMTP exchange: the message arrives with merge fields, tracked links and List-Unsubscribe; its unsubscribe link opts the customer out once", async () => {
    // After the send above (whose clock ran on for an hour): the messages are due.
    fixClock(T + 2 * 3_600_000);
    process.env.SMTP_URL = receiver.url;
    expect(await deliverPendingMail({ limit: 100 })).toEqual({ sent: 8, failed: 0, retried: 0 });
    expect(receiver.received).toHaveLength(8);
    const ada = receiver.received.find((m) => m.subject === "Spring offer for Ada");
    expect(ada).toBeDefined();
    const text = ada!.text ?? "";
    expect(text).toContain("Dear Ada,");
    expect(text).not.toContain("https://shop.example");
    const clickUrls = [...text.matchAll(/https?:\/\/\S+\/r\/(click\.[0-9a-z]+\.[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{43})/g)].map((m) => m[1]);
    expect(clickUrls).toHaveLength(2);
    const unsubscribe = /(https?:\/\/\S+\/u\/([A-Za-z0-9_-]{43}))\s*$/m.exec(text);
    expect(unsubscribe).not.toBeNull();
    const [, unsubscribeHref, token] = unsubscribe!;
    // Header lines as received, unfolded (RFC 5322 folding of long lines).
    const header = (name: string) => (ada!.headerLines.find((h) => h.key === name)?.line ?? "").replace(/\r?\n[ \t]+/g, " ");
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(header("list-unsubscribe")).toBe(`List-Unsubscribe: <${unsubscribeHref}/one-click>`);

    const page = await getCampaignEmailPage(people.managerEast, campaignId);
    expect(page?.counts.outbox).toEqual({ QUEUED: 0, SENDING: 0, SENT: 8, FAILED: 0 });

    // The page opens without changing anything; the one-click POST (RFC 8058) opts out.
    expect(await readUnsubscribeLink(token)).toEqual({ state: "valid", campaignName: "Spring email" });
    const response = await oneClickRoute(new Request(`${unsubscribeHref}/one-click`, { method: "POST", body: "List-Unsubscribe=One-Click" }), { params: Promise.resolve({ token }) });
    expect(response.status).toBe(200);
    const adaMember = mailable[0];
    expect(await memberRow(adaMember.memberId)).toMatchObject({ status: "OPTED_OUT" });
    expect((await memberRow(adaMember.memberId)).unsubscribedAt).not.toBeNull();
    expect(await db.prisma.customer.findUniqueOrThrow({ where: { id: adaMember.customerId } })).toMatchObject({ dncEmail: true, dncVersion: 2 });
    expect(await db.prisma.touchpoint.count({ where: { customerId: adaMember.customerId, channel: "EMAIL", direction: "INBOUND", campaignId } })).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { entity: "Customer", entityId: String(adaMember.customerId), action: "UPDATE", userId: null } })).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { entity: "CampaignMember", entityId: String(adaMember.memberId), action: "UPDATE" } })).toBe(1);

    // Single use: a second use changes nothing and says so.
    expect(await readUnsubscribeLink(token)).toEqual({ state: "used" });
    expect(await unsubscribeByLink(token, "203.0.113.1")).toBe("used");
    expect(await db.prisma.touchpoint.count({ where: { customerId: adaMember.customerId, channel: "EMAIL", direction: "INBOUND" } })).toBe(1);
    expect((await db.prisma.customer.findUniqueOrThrow({ where: { id: adaMember.customerId } })).dncVersion).toBe(2);
  });

  test("a click counts once as a response, records every click and redirects only to the template's address", async () => {
    fixClock(T + DAY);
    const bob = mailable[1];
    const message = receiver.received.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === bob.email)!;
    const tokens = [...(message.text ?? "").matchAll(/\/r\/(click\.[0-9a-z]+\.[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{43})/g)].map((m) => m[1]);
    const follow = (token: string) => followRoute(new Request(`http://localhost/r/${token}`), { params: Promise.resolve({ token }) });

    const first = await follow(tokens[0]);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("https://shop.example/spring?utm=mail");
    expect(first.headers.get("referrer-policy")).toBe("no-referrer");
    const after = await memberRow(bob.memberId);
    expect(after).toMatchObject({ status: "RESPONDED", clickCount: 1 });
    expect(after.respondedAt?.getTime()).toBe(T + DAY);
    expect(after.clickedAt?.getTime()).toBe(T + DAY);

    advanceClock(60_000);
    expect((await follow(tokens[1])).headers.get("location")).toBe("https://shop.example/stores");
    expect(await follow(tokens[0])).toMatchObject({ status: 302 });
    const again = await memberRow(bob.memberId);
    expect(again).toMatchObject({ status: "RESPONDED", clickCount: 3 });
    expect(again.respondedAt?.getTime()).toBe(T + DAY);
    expect(await db.prisma.touchpoint.count({ where: { customerId: bob.customerId, channel: "EMAIL", direction: "INBOUND", campaignId } })).toBe(1);

    const page = await getCampaignEmailPage(people.managerEast, campaignId);
    expect(page?.counts).toMatchObject({ clicked: 1, unsubscribed: 1 });

    // A link that is not one of ours: no redirect, a page saying so in both languages.
    const bad = await follow("click.1.2.3.not-a-signature");
    expect(bad.status).toBe(404);
    expect(bad.headers.get("location")).toBeNull();
    const text = await bad.text();
    expect(text).toContain("This link is not valid or has expired.");
    expect(text).toContain("此链接无效或已过期。");
  });

  test("forged, wrong-purpose and expired tokens are refused and audited; refusals are rate-limited per address", async () => {
    fixClock(T + 2 * DAY);
    const carol = mailable[2];
    const message = receiver.received.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === carol.email)!;
    const click = /\/r\/(click\.[0-9a-z]+\.[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{43})/.exec(message.text ?? "")![1];
    const unsubscribe = /\/u\/([A-Za-z0-9_-]{43})\s*$/m.exec(message.text ?? "")![1];
    const [tag, m, l, e, sig] = click.split(".");
    const ip = "198.51.100.7";
    const refusalsBefore = await db.prisma.auditLog.count({ where: { action: "DENIED", ip } });

    // Tampered member (another member's response), link index outside the template, forged signature.
    expect(await followClick([tag, mailable[3].memberId.toString(36), l, e, sig].join("."), ip)).toEqual({ kind: "invalid" });
    expect(await followClick([tag, m, "9", e, sig].join("."), ip)).toEqual({ kind: "invalid" });
    expect(await followClick([tag, m, (99).toString(36), e, clickToken(carol.memberId, 1, Number.parseInt(e, 36)).split(".")[4]].join("."), ip)).toEqual({ kind: "invalid" });
    // A genuine signature for a link the template does not have: still no redirect.
    expect(await followClick(clickToken(carol.memberId, 7, Math.floor(nowMs() / 1000) + 3600), ip)).toEqual({ kind: "invalid" });
    // Wrong purpose both ways: the unsubscribe token is no click token, the click token no unsubscribe token.
    expect(await followClick(unsubscribe, ip)).toEqual({ kind: "invalid" });
    expect(await unsubscribeByLink(click, ip)).toBe("invalid");
    expect(await readUnsubscribeLink(click)).toEqual({ state: "invalid" });
    // A random token of the right shape.
    expect(await unsubscribeByLink(newPublicToken(), ip)).toBe("invalid");
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", ip } })).toBe(refusalsBefore + 7);
    expect(await memberRow(carol.memberId)).toMatchObject({ status: "CONTACTED", clickCount: 0, unsubscribedAt: null });

    // Expiry: click links after CLICK_LINK_DAYS, unsubscribe links after UNSUBSCRIBE_LINK_DAYS from queuing.
    fixClock(T + (Math.max(CLICK_LINK_DAYS, UNSUBSCRIBE_LINK_DAYS) + 1) * DAY);
    expect(await followClick(click, "198.51.100.8")).toEqual({ kind: "invalid" });
    expect(await readUnsubscribeLink(unsubscribe)).toEqual({ state: "invalid" });
    expect(await unsubscribeByLink(unsubscribe, "198.51.100.8")).toBe("invalid");
    expect(await memberRow(carol.memberId)).toMatchObject({ status: "CONTACTED", clickCount: 0, unsubscribedAt: null });

    // The rate limit: past 20 refusals from one address in 15 minutes, even a valid link is refused from it.
    fixClock(T + 3 * DAY);
    const flood = "192.0.2.55";
    for (let i = 0; i < PUBLIC_LINK_RATE_LIMIT.refusals; i++) await unsubscribeByLink(newPublicToken(), flood);
    expect(await unsubscribeByLink(unsubscribe, flood)).toBe("rateLimited");
    expect(await memberRow(carol.memberId)).toMatchObject({ unsubscribedAt: null });
    // Another address is not affected; after the window the flooding address may try again.
    expect(await unsubscribeByLink(unsubscribe, "192.0.2.56")).toBe("unsubscribed");
  });

  test("the send can be cancelled; it never starts before the campaign is active; a non-email campaign has no message", async () => {
    fixClock(T);
    const draft = await db.prisma.campaign.create({
      data: { name: "Draft email", type: "EMAIL", status: "DRAFT", startsAt: new Date(T), endsAt: new Date(T + DAY), ownerId: people.managerEast.id },
      select: { id: true },
    });
    await saveCampaignEmail(people.admin, draft.id, 0, TEMPLATE);
    await expect(changeCampaignEmailSend(people.admin, draft.id, 1, "start", { kick: false })).rejects.toMatchObject({ message: "campaignEmail.errors.notActive" });
    await db.prisma.campaign.update({ where: { id: draft.id }, data: { status: "ACTIVE" } });
    await changeCampaignEmailSend(people.admin, draft.id, 1, "start", { kick: false });
    await changeCampaignEmailSend(people.admin, draft.id, 2, "cancel", { kick: false });
    expect(await db.prisma.campaignEmail.findUniqueOrThrow({ where: { campaignId: draft.id } })).toMatchObject({ status: "CANCELLED" });
    expect(await queueCampaignEmailBatch(draft.id)).toEqual({ queued: 0, done: true, waitMs: 0 });

    const mail = await db.prisma.campaign.create({
      data: { name: "Letters", type: "DIRECT_MAIL", status: "ACTIVE", startsAt: new Date(T), endsAt: new Date(T + DAY), ownerId: people.managerEast.id },
      select: { id: true },
    });
    await expect(saveCampaignEmail(people.admin, mail.id, 0, TEMPLATE)).rejects.toMatchObject({ message: "campaignEmail.errors.notEmail" });

    // Direct mail exports its member list instead (lib/campaigns/export.ts): treated members only, without
    // those who opted out since the launch (of the campaign, or of post); reps refused.
    const letterIds = [
      await customer("Letter One", null),
      await customer("Letter Two", null),
      await customer("Letter Control", null),
      await customer("Letter Opted Out", null),
      await customer("Letter No Post", null),
    ];
    await db.prisma.campaignMember.createMany({ data: letterIds.map((customerId, i) => ({ campaignId: mail.id, customerId, isControl: i === 2, status: i === 3 ? ("OPTED_OUT" as const) : ("TARGETED" as const) })) });
    await db.prisma.customer.update({ where: { id: letterIds[4] }, data: { dncMail: true } });
    const csv = await (await exportCampaignMembers(people.managerEast, mail.id)).text();
    expect(csv).toContain("Letter One");
    expect(csv).toContain("Letter Two");
    expect(csv).not.toContain("Letter Control");
    expect(csv).not.toContain("Letter Opted Out");
    expect(csv).not.toContain("Letter No Post");
    expect((await exportCampaignMembers(people.repEast, mail.id)).status).toBe(403);
  });
});

import MailComposer from "nodemailer/lib/mail-composer";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { POST } from "@/app/api/inbound/email/route";
import { createCustomer } from "@/lib/customers/mutations";
import { customerInputSchema } from "@/lib/customers/schema";
import { fixClock, nowMs, resetClock } from "@/lib/platform/clock";
import { webhookSignature } from "@/lib/platform/webhook-signature";
import { addTicketMessage, changeTicketStatus } from "@/lib/tickets/mutations";
import { getTicket } from "@/lib/tickets/queries";
import { discardTriagedMail, fileTriagedMail, listTriage } from "@/lib/tickets/inbound";
import { NotAllowedError } from "@/lib/platform/errors";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

const SECRET = "inbound-test-secret";
// A Tuesday, 10:00 in Shanghai.
const NOW = new Date("2026-06-09T02:00:00Z");

let db: TestDatabase;
let people: People;
let customerId: number;

/** A real MIME message, composed by nodemailer (what a mail provider forwards as body-mime). */
async function mime(fields: { from: string; subject: string; text: string; to?: string; messageId?: string; inReplyTo?: string; attachments?: { filename: string; content: Buffer; contentType: string }[] }): Promise<string> {
  const composer = new MailComposer({ to: "support@summit.test", ...fields });
  const built = await composer.compile().build();
  return built.toString("utf8");
}

/** The provider's POST: multipart, signed over timestamp + token. */
function webhook(raw: string, options: { secret?: string; timestamp?: number; signature?: string } = {}): Request {
  const timestamp = String(Math.floor((options.timestamp ?? nowMs()) / 1000));
  const token = "tok-" + Math.random().toString(36).slice(2, 12);
  const form = new FormData();
  form.set("timestamp", timestamp);
  form.set("token", token);
  form.set("signature", options.signature ?? webhookSignature(options.secret ?? SECRET, timestamp, token));
  form.set("body-mime", new Blob([raw], { type: "message/rfc822" }), "message.eml");
  return new Request("http://localhost/api/inbound/email", { method: "POST", body: form });
}

async function post(raw: string, options?: Parameters<typeof webhook>[1]): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await POST(webhook(raw, options));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  fixClock(NOW);
  customerId = (await createCustomer(people.repEast, customerInputSchema.parse({ kind: "INDIVIDUAL", name: "Wang Fang", region: "East China", email: "wang.fang@example.com" }))).id;
  await db.prisma.user.update({ where: { id: people.agent.id }, data: { skills: ["general"] } });
});
afterAll(async () => {
  resetClock();
  await db.close();
});
beforeEach(() => {
  fixClock(NOW);
  process.env.INBOUND_MAIL_SECRET = SECRET;
});
afterEach(() => {
  delete process.env.INBOUND_MAIL_SECRET;
});

describe("the inbound mail webhook", () => {
  test("refuses what is not genuine: no secret configured, a wrong signature, a stale timestamp, an oversized body", async () => {
    const raw = await mime({ from: "wang.fang@example.com", subject: "Hello", text: "Hi" });
    delete process.env.INBOUND_MAIL_SECRET;
    expect((await post(raw)).status).toBe(503);
    process.env.INBOUND_MAIL_SECRET = SECRET;
    expect((await post(raw, { secret: "guessed" })).status).toBe(401);
    expect((await post(raw, { signature: "zz" })).status).toBe(401);
    expect((await post(raw, { timestamp: nowMs() - 10 * 60_000 })).status).toBe(401);
    const big = new Request("http://localhost/api/inbound/email", { method: "POST", headers: { "content-length": String(26 * 1024 * 1024), "content-type": "multipart/form-data; boundary=x" }, body: "x" });
    expect((await POST(big)).status).toBe(413);
    expect(await db.prisma.inboundMail.count()).toBe(0);
  });

  test("a new mail from a known customer opens a ticket; the provider's retry of it changes nothing", async () => {
    const raw = await mime({ from: "Wang Fang <Wang.Fang@example.com>", subject: "Fwd: 宽带无法连接", text: "Since this morning the line is down.", messageId: "<m1@mail.example.com>" });
    const first = await post(raw);
    expect(first).toMatchObject({ status: 200, body: { outcome: "opened" } });
    const ticketId = first.body.ticketId as number;
    const ticket = (await getTicket(people.admin, ticketId))!;
    expect(ticket).toMatchObject({ subject: "宽带无法连接", channel: "EMAIL", description: "Since this morning the line is down.", customer: { id: customerId }, assignee: { id: people.agent.id } });
    expect(await post(raw)).toMatchObject({ status: 200, body: { outcome: "duplicate" } });
    expect(await db.prisma.ticket.count({ where: { customerId } })).toBe(1);
  });

  test("a reply threads by the token in the subject: it joins the conversation and ends the wait", async () => {
    const [ticket] = await db.prisma.ticket.findMany({ where: { customerId }, orderBy: { id: "desc" }, take: 1 });
    await addTicketMessage(people.agent, ticket.id, { kind: "REPLY", body: "Please restart the router and tell us." }, NOW);
    const t = (await getTicket(people.agent, ticket.id))!;
    await changeTicketStatus(people.agent, ticket.id, t.version, "WAITING_ON_CUSTOMER", NOW);
    const sent = await db.prisma.outboxMessage.findFirstOrThrow({ where: { entity: "Ticket", entityId: String(ticket.id) } });
    const later = new Date(NOW.getTime() + 3_600_000);
    fixClock(later);
    const reply = await mime({
      from: "wang.fang@example.com",
      subject: `Re: ${sent.subject}`,
      text: "Restarted, still down.\n\nOn Tue, Support wrote:\n> Please restart the router",
      messageId: "<m2@mail.example.com>",
      attachments: [{ filename: "router-lights.jpg", content: Buffer.alloc(3000, 1), contentType: "image/jpeg" }],
    });
    expect(await post(reply)).toMatchObject({ status: 200, body: { outcome: "added", ticketId: ticket.id } });
    const after = (await getTicket(people.agent, ticket.id, later))!;
    expect(after.status).toBe("IN_PROGRESS");
    expect(after.slaPausedAt).toBeNull();
    expect(after.messages.at(-1)).toMatchObject({ kind: "INBOUND", body: "Restarted, still down.", fromAddress: "wang.fang@example.com", attachments: [{ name: "router-lights.jpg", type: "image/jpeg", size: 3000 }] });
  });

  test("a reply by In-Reply-To alone threads too, and reopens a resolved ticket", async () => {
    const [ticket] = await db.prisma.ticket.findMany({ where: { customerId }, orderBy: { id: "desc" }, take: 1 });
    const t = (await getTicket(people.agent, ticket.id))!;
    await changeTicketStatus(people.agent, ticket.id, t.version, "RESOLVED", NOW);
    const sent = await db.prisma.outboxMessage.findFirstOrThrow({ where: { entity: "Ticket", entityId: String(ticket.id), dedupeKey: { startsWith: "ticket-reply:" } } });
    const reply = await mime({ from: "wang.fang@example.com", subject: "Re: my line", text: "It broke again.", inReplyTo: sent.messageId, messageId: "<m3@mail.example.com>" });
    expect(await post(reply)).toMatchObject({ body: { outcome: "added", ticketId: ticket.id } });
    expect((await getTicket(people.agent, ticket.id))!.status).toBe("REOPENED");
  });

  test("an unknown sender waits in triage; a guessed token does not thread", async () => {
    const raw = await mime({ from: "stranger@example.net", subject: "Re: [#T1-000000000000] Partnership", text: "Hello", messageId: "<m4@x>" });
    const result = await post(raw);
    expect(result).toMatchObject({ status: 200, body: { outcome: "triage" } });
    expect(await db.prisma.inboundMail.findUniqueOrThrow({ where: { id: result.body.inboundId as number } })).toMatchObject({ status: "TRIAGE", fromAddress: "stranger@example.net", ticketId: null });
  });

  test("triage: an agent files a waiting mail as a ticket of the chosen customer, once; or discards one; a rep may not", async () => {
    const waiting = await listTriage(people.agent);
    expect(waiting.map((m) => m.fromAddress)).toContain("stranger@example.net");
    await expect(listTriage(people.repEast)).rejects.toBeInstanceOf(NotAllowedError);
    const mail = waiting.find((m) => m.fromAddress === "stranger@example.net")!;
    const { ticketId } = await fileTriagedMail(people.agent, mail.id, customerId, NOW);
    expect((await getTicket(people.admin, ticketId))!).toMatchObject({ subject: "Partnership", channel: "EMAIL", customer: { id: customerId } });
    await expect(fileTriagedMail(people.agent, mail.id, customerId, NOW)).rejects.toMatchObject({ message: "service.triage.gone" });
    const spam = await post(await mime({ from: "spam@example.org", subject: "Win a prize", text: "!!!", messageId: "<m5@x>" }));
    await discardTriagedMail(people.agent, spam.body.inboundId as number);
    expect((await listTriage(people.agent)).map((m) => m.id)).not.toContain(spam.body.inboundId);
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import OutboxPage from "@/app/(app)/admin/outbox/page";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { transaction } from "@/lib/platform/db/prisma";
import { NotAllowedError } from "@/lib/platform/errors";
import { deliverPendingMail, enqueueMail, kickMailDelivery, listOutbox, MAIL_LEASE_MS, MAIL_MAX_ATTEMPTS, type MailInput, messageIdDomain, OUTBOX_PAGE_SIZE, settleMailKicks } from "@/lib/platform/mail";
import { callAs } from "../support/actions";
import { type SmtpReceiver, startSmtpReceiver } from "../support/smtp-receiver";
import { TEST_NOW } from "../support/clock";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * The outbox against a real SMTP receiver (smtp-server on a random port, no TLS, no auth) and a real
 * database: what the receiver got is parsed back with mailparser, never taken from a mock.
 */

type Receiver = SmtpReceiver;

const startReceiver = (): Promise<Receiver> => startSmtpReceiver();

const T = TEST_NOW.getTime();
const MINUTE = 60_000;

let db: TestDatabase;
let people: People;
let receiver: Receiver;
const savedEnv = { SMTP_URL: process.env.SMTP_URL, SMTP_FROM: process.env.SMTP_FROM };

function restoreEnv(name: keyof typeof savedEnv): void {
  const value = savedEnv[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

const mail = (over: Partial<MailInput> = {}): MailInput => ({
  dedupeKey: "ticket-reply:1",
  to: "customer@example.com",
  subject: "Re: Printer on fire [#1]",
  text: "We are on our way.\nSummit support",
  ...over,
});

const row = (id: number) => db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await db.close();
});

beforeEach(async () => {
  fixClock(T);
  process.env.SMTP_URL = receiver.url;
  delete process.env.SMTP_FROM;
  receiver.received.length = 0;
  receiver.rejecting = false;
  await db.prisma.outboxMessage.deleteMany();
});
afterEach(() => {
  resetClock();
  restoreEnv("SMTP_URL");
  restoreEnv("SMTP_FROM");
});

describe(`outbound mail (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  test("a queued mail reaches the receiver once, with its subject, body, Message-ID and In-Reply-To", async () => {
    process.env.SMTP_FROM = "Summit Support <help@example.com>";
    const queued = await transaction((tx) =>
      enqueueMail(tx, mail({ html: "<p>We are on our way.</p>", inReplyTo: "<question-1@customer.example>", entity: "Ticket", entityId: 1 })),
    );
    expect(queued.created).toBe(true);
    expect(queued.messageId).toMatch(/^<[0-9a-f-]{36}@example\.com>$/);

    expect(await deliverPendingMail()).toEqual({ sent: 1, failed: 0, retried: 0 });

    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got.subject).toBe("Re: Printer on fire [#1]");
    expect(got.text?.trim()).toBe("We are on our way.\nSummit support");
    expect(got.html).toContain("<p>We are on our way.</p>");
    expect(got.messageId).toBe(queued.messageId);
    expect(got.inReplyTo).toBe("<question-1@customer.example>");
    expect(got.references).toBe("<question-1@customer.example>");
    expect(got.from?.value[0]).toMatchObject({ name: "Summit Support", address: "help@example.com" });
    expect(got.date?.getTime()).toBe(T);

    expect(await row(queued.id)).toMatchObject({ status: "SENT", attempts: 1, sentAt: new Date(T), lastError: null, entity: "Ticket", entityId: "1" });
    expect(await deliverPendingMail()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  test("Message-IDs take SMTP_FROM's domain, else summit.local", () => {
    expect(messageIdDomain("Support <help@Example.COM>")).toBe("example.com");
    expect(messageIdDomain("no-reply@mail.example.org")).toBe("mail.example.org");
    expect(messageIdDomain(undefined)).toBe("summit.local");
    expect(messageIdDomain("not an address")).toBe("summit.local");
  });

  test("the same dedupeKey twice is one row and one delivery; a rolled-back enqueue leaves nothing", async () => {
    const first = await transaction((tx) => enqueueMail(tx, mail()));
    const second = await transaction((tx) => enqueueMail(tx, mail({ subject: "A second attempt at the same event" })));
    expect(second).toEqual({ id: first.id, messageId: first.messageId, created: false });
    expect(await db.prisma.outboxMessage.count()).toBe(1);

    // Two transactions racing with one key (on PostgreSQL the second waits for the first's commit).
    const racing = await Promise.all([0, 1].map(() => transaction((tx) => enqueueMail(tx, mail({ dedupeKey: "ticket-reply:race" })))));
    expect(racing.map((r) => r.created).sort()).toEqual([false, true]);
    expect(racing[0].id).toBe(racing[1].id);
    await db.prisma.outboxMessage.deleteMany({ where: { dedupeKey: "ticket-reply:race" } });

    await expect(
      transaction(async (tx) => {
        await enqueueMail(tx, mail({ dedupeKey: "ticket-reply:2" }));
        throw new Error("the reply failed to save");
      }),
    ).rejects.toThrow("the reply failed to save");
    expect(await db.prisma.outboxMessage.count()).toBe(1);

    expect(await deliverPendingMail()).toMatchObject({ sent: 1 });
    expect(await deliverPendingMail()).toMatchObject({ sent: 0 });
    expect(receiver.received.map((m) => m.subject)).toEqual(["Re: Printer on fire [#1]"]);
  });

  test("a recipient that is not one plain address is refused at enqueue", async () => {
    for (const to of ["", "two@example.com, three@example.com", "Name <x@example.com>", "no-at-sign", "a@b.com\r\nBcc: c@d.com"]) {
      await expect(enqueueMail(db.prisma, mail({ dedupeKey: `bad:${to}`, to }))).rejects.toThrow("mail.errors.invalidRecipient");
    }
    expect(await db.prisma.outboxMessage.count()).toBe(0);
  });

  test("a refusal is retried after a minute, not before", async () => {
    const { id } = await enqueueMail(db.prisma, mail());
    receiver.rejecting = true;
    expect(await deliverPendingMail()).toEqual({ sent: 0, failed: 0, retried: 1 });
    const failed = await row(id);
    expect(failed).toMatchObject({ status: "QUEUED", attempts: 1, nextAttemptAt: new Date(T + MINUTE), sentAt: null });
    expect(failed.lastError).toContain("Mailbox temporarily unavailable");

    receiver.rejecting = false;
    fixClock(T + MINUTE - 1);
    expect(await deliverPendingMail()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(await row(id)).toMatchObject({ status: "QUEUED", attempts: 1 });
    expect(receiver.received).toHaveLength(0);

    fixClock(T + MINUTE);
    expect(await deliverPendingMail()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await row(id)).toMatchObject({ status: "SENT", attempts: 2, sentAt: new Date(T + MINUTE), lastError: null });
    expect(receiver.received).toHaveLength(1);
  });

  test("retries back off 1 min, 5 min, 30 min, 2 h; the fifth failure is final", async () => {
    const { id } = await enqueueMail(db.prisma, mail());
    receiver.rejecting = true;
    const waits: number[] = [];
    let at = T;
    for (let attempt = 1; attempt <= MAIL_MAX_ATTEMPTS; attempt++) {
      fixClock(at);
      const result = await deliverPendingMail();
      const after = await row(id);
      expect(after.attempts).toBe(attempt);
      if (attempt < MAIL_MAX_ATTEMPTS) {
        expect(result).toEqual({ sent: 0, failed: 0, retried: 1 });
        expect(after.status).toBe("QUEUED");
        waits.push(after.nextAttemptAt.getTime() - at);
        at = after.nextAttemptAt.getTime();
      } else {
        expect(result).toEqual({ sent: 0, failed: 1, retried: 0 });
        expect(after.status).toBe("FAILED");
      }
    }
    expect(waits).toEqual([MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE]);
    receiver.rejecting = false;
    fixClock(at + 24 * 60 * MINUTE);
    expect(await deliverPendingMail()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(receiver.received).toHaveLength(0);
  });

  test("a mail claimed by a server that died mid-send is sent again only once its claim has run out", async () => {
    const { id } = await enqueueMail(db.prisma, mail());
    // What a claim leaves behind: SENDING, the attempt counted, nextAttemptAt = the end of the lease.
    await db.prisma.outboxMessage.update({ where: { id }, data: { status: "SENDING", attempts: 1, nextAttemptAt: new Date(T + MAIL_LEASE_MS) } });
    fixClock(T + MAIL_LEASE_MS - 1);
    expect(await deliverPendingMail()).toEqual({ sent: 0, failed: 0, retried: 0 });
    fixClock(T + MAIL_LEASE_MS);
    expect(await deliverPendingMail()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await row(id)).toMatchObject({ status: "SENT", attempts: 2 });
    expect(receiver.received).toHaveLength(1);
  });

  test("an abandoned send with no attempts left is marked failed, not sent", async () => {
    const { id } = await enqueueMail(db.prisma, mail());
    await db.prisma.outboxMessage.update({ where: { id }, data: { status: "SENDING", attempts: MAIL_MAX_ATTEMPTS, nextAttemptAt: new Date(T - 1) } });
    expect(await deliverPendingMail()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(await row(id)).toMatchObject({ status: "FAILED", attempts: MAIL_MAX_ATTEMPTS });
    expect(receiver.received).toHaveLength(0);
  });

  // Five claims racing on PostgreSQL's pool (without SKIP LOCKED this sent 47 mails for 30); on PGlite
  // the statements take turns, and the result must be the same.
  test("deliveries running at once send each message exactly once", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) ids.push((await enqueueMail(db.prisma, mail({ dedupeKey: `parallel:${i}`, subject: `Message ${i}` }))).id);
    const results = await Promise.all([deliverPendingMail(), deliverPendingMail(), deliverPendingMail(), deliverPendingMail(), deliverPendingMail({ limit: 7 })]);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(30);
    const subjects = receiver.received.map((m) => m.subject).sort();
    expect(subjects).toEqual(ids.map((_, i) => `Message ${i}`).sort());
    expect(new Set(receiver.received.map((m) => m.messageId)).size).toBe(30);
    expect(await db.prisma.outboxMessage.count({ where: { status: "SENT", attempts: 1 } })).toBe(30);
  });

  // A second server in the middle of its claim holds row locks on another connection: delivery must
  // pass those rows by (SKIP LOCKED), neither waiting for them nor sending them. PGlite has a single
  // connection, so there is no second server to imitate there.
  test.runIf(Boolean(process.env.TEST_DATABASE_URL))("rows another server has locked are skipped, not waited for or sent", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await enqueueMail(db.prisma, mail({ dedupeKey: `locked:${i}`, subject: `Locked ${i}` }))).id);
    const locked = ids.slice(0, 3);
    const whileLocked = await db.sql.transaction(async (tx) => {
      await tx.query(`SELECT "id" FROM "OutboxMessage" WHERE "id" = ANY($1::int[]) FOR UPDATE`, [locked]);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("delivery waited for locked rows")), 10_000);
      });
      try {
        return await Promise.race([deliverPendingMail(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    });
    expect(whileLocked).toEqual({ sent: 3, failed: 0, retried: 0 });
    expect(receiver.received.map((m) => m.subject).sort()).toEqual(["Locked 3", "Locked 4", "Locked 5"]);
    expect(await db.prisma.outboxMessage.count({ where: { id: { in: locked }, status: "QUEUED", attempts: 0 } })).toBe(3);

    expect(await deliverPendingMail()).toEqual({ sent: 3, failed: 0, retried: 0 });
    expect(receiver.received).toHaveLength(6);
  });

  test("kickMailDelivery delivers after the commit without being awaited", async () => {
    const { id } = await transaction((tx) => enqueueMail(tx, mail()));
    kickMailDelivery();
    kickMailDelivery();
    await settleMailKicks();
    expect(await row(id)).toMatchObject({ status: "SENT" });
    expect(receiver.received).toHaveLength(1);
  });

  test("without SMTP_URL nothing is sent: the mail stays queued and admins read it in the outbox", async () => {
    delete process.env.SMTP_URL;
    const { id } = await transaction((tx) => enqueueMail(tx, mail({ entity: "Ticket", entityId: "7" })));
    expect(await deliverPendingMail()).toEqual({ sent: 0, failed: 0, retried: 0 });
    kickMailDelivery();
    expect(await row(id)).toMatchObject({ status: "QUEUED", attempts: 0, nextAttemptAt: new Date(T) });
    expect(receiver.received).toHaveLength(0);

    const page = await listOutbox(people.admin);
    expect(page.smtpConfigured).toBe(false);
    expect(page.next).toBeNull();
    expect(page.counts).toEqual({ QUEUED: 1, SENDING: 0, SENT: 0, FAILED: 0 });
    expect(page.items).toEqual([
      {
        id,
        status: "QUEUED",
        to: "customer@example.com",
        subject: "Re: Printer on fire [#1]",
        text: "We are on our way.\nSummit support",
        attempts: 0,
        lastError: null,
        nextAttemptAt: new Date(T),
        createdAt: new Date(T),
        sentAt: null,
        entity: "Ticket",
        entityId: "7",
      },
    ]);
  });

  test("a rep is refused the outbox, and the refusal is logged", async () => {
    await enqueueMail(db.prisma, mail());
    await expect(listOutbox(people.repEast)).rejects.toBeInstanceOf(NotAllowedError);
    await expect(listOutbox(people.managerEast)).rejects.toBeInstanceOf(NotAllowedError);
    const denied = await db.prisma.auditLog.findFirst({ where: { userId: people.repEast.id, action: "DENIED", entity: "Outbox" } });
    expect(denied?.changes).toEqual({ action: "admin.manage" });
    expect(await callAs(people.repEast.id, () => OutboxPage({ searchParams: Promise.resolve({}) }))).toEqual({ kind: "notFound" });
  });

  test("the outbox pages newest first, 50 at a time, and filters by status", async () => {
    const ids: number[] = [];
    for (let i = 0; i < OUTBOX_PAGE_SIZE + 5; i++) ids.push((await enqueueMail(db.prisma, mail({ dedupeKey: `page:${i}`, subject: `Mail ${i}` }))).id);
    await deliverPendingMail({ limit: 3 });
    const newestFirst = [...ids].reverse();

    const first = await listOutbox(people.admin);
    expect(first.smtpConfigured).toBe(true);
    expect(first.items.map((m) => m.id)).toEqual(newestFirst.slice(0, OUTBOX_PAGE_SIZE));
    expect(first.next).toBe(String(newestFirst[OUTBOX_PAGE_SIZE - 1]));
    const second = await listOutbox(people.admin, { cursor: first.next });
    expect(second.items.map((m) => m.id)).toEqual(newestFirst.slice(OUTBOX_PAGE_SIZE));
    expect(second.next).toBeNull();

    const sent = await listOutbox(people.admin, { status: "SENT" });
    expect(sent.items.map((m) => m.id)).toEqual(ids.slice(0, 3).reverse());
    expect(sent.counts).toEqual({ QUEUED: OUTBOX_PAGE_SIZE + 2, SENDING: 0, SENT: 3, FAILED: 0 });

    // A cursor from a hand-edited URL is the first page, not an error.
    for (const cursor of ["abc", "-1", "99999999999", ""]) expect((await listOutbox(people.admin, { cursor })).items).toHaveLength(OUTBOX_PAGE_SIZE);
  });
});

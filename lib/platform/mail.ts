import "server-only";
import { randomUUID } from "node:crypto";
import { connect as netConnect, type Socket } from "node:net";
import { createTransport, type SendMailOptions, type Transporter } from "nodemailer";
import SMTPPool from "nodemailer/lib/smtp-pool";
import type { Actor } from "@/lib/platform/auth/permissions";
import { requireRight } from "@/lib/platform/auth/guard";
import { now, nowMs } from "@/lib/platform/clock";
import { type Db, db } from "@/lib/platform/db/prisma";
import { OutboxStatus } from "@/lib/platform/enums";
import { RuleError } from "@/lib/platform/errors";
import { parseIdParam } from "@/lib/platform/id-param";
import { kicker } from "@/lib/platform/kick";

/**
 * Outbound mail through a transactional outbox.
 *
 * A feature never talks SMTP itself: it calls `enqueueMail` inside the transaction that makes the
 * change the mail is about (a ticket reply, a notification), so the mail exists exactly when the change
 * committed. Delivery happens afterwards, outside any transaction: `kickMailDelivery()` right after the
 * commit, and the periodic job (lib/platform/jobs.ts) every 15 s for retries and anything a kick missed.
 * Without `SMTP_URL` nothing is sent: the mail stays QUEUED and admins read it on /admin/outbox.
 *
 * Row life cycle: QUEUED → SENDING → SENT, or back to QUEUED with a later `nextAttemptAt` after a
 * failure, and FAILED after MAX_ATTEMPTS. While a row is SENDING, `nextAttemptAt` holds the deadline of
 * the claim (the lease), not a retry time: a SENDING row whose deadline has passed belongs to a server
 * that died mid-send and may be claimed again. The one column serves both, so one index (status,
 * nextAttemptAt) finds every row that is due, and no schema change was needed.
 *
 * Why no mail is sent twice:
 * - `dedupeKey` is unique and `enqueueMail` inserts with ON CONFLICT DO NOTHING: the same event
 *   enqueued twice (a retried action, two servers reacting to one change) is one row.
 * - A row is claimed by one UPDATE whose subquery locks the due rows FOR UPDATE SKIP LOCKED: two
 *   servers (or a kick and the periodic job in one process) never claim the same row, and a claimed
 *   row is not due again until its lease ends. The claim commits before the send, so it holds without
 *   keeping a transaction open during slow SMTP conversations.
 * - Results are written back under the claim (the row must still be SENDING with our lease), so a
 *   slow server never overwrites what a later claim did; SENT is written whenever the receiver
 *   accepted, since that is the truth whoever holds the claim.
 * - A send only starts while enough of the lease remains (SEND_BUDGET_MS) and nodemailer's socket
 *   timeouts end a stalled conversation well within it, so a lease does not run out under a live send.
 *
 * What remains is the one gap no outbox can close: the receiver accepted the message and the process
 * died (or the database was unreachable) before the SENT update. The row is still SENDING; after the
 * lease it is claimed and sent again. Delivery is therefore at-least-once across such a crash, and
 * exactly-once otherwise. The retry carries the same Message-ID header (stored on the row at enqueue
 * time), so receiving servers and mail clients that drop duplicates by Message-ID show it once, and
 * threads stay intact.
 */

/** How long a claim lasts; a SENDING row older than this is taken to belong to a dead server. */
export const MAIL_LEASE_MS = 10 * 60_000;
/** A send starts only while at least this much of its lease remains (see the nodemailer timeouts). */
const SEND_BUDGET_MS = 5 * 60_000;
/**
 * Waits after the 1st, 2nd, … failed attempt. With MAX_ATTEMPTS = 5 the fifth failure ends in FAILED,
 * so the 12 h step is only reached if MAX_ATTEMPTS is raised.
 */
export const MAIL_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000] as const;
export const MAIL_MAX_ATTEMPTS = 5;
/** Rows claimed per statement: small enough that a batch is sent well within its lease. */
const CLAIM_BATCH = 50;
/**
 * Messages in flight at once per delivery run, over a pooled SMTP transport of as many connections
 * (SMTP_URL may set `maxConnections` itself). One connection per message, one after the other, ran at
 * about 12 messages a second to a local receiver; a campaign of 10,000 needs more.
 */
export const SEND_CONCURRENCY = 5;
const DEFAULT_DELIVERY_LIMIT = 100;
const LAST_ERROR_MAX = 1000;
export const OUTBOX_PAGE_SIZE = 50;

const DEFAULT_FROM = "Summit CRM <no-reply@summit.local>";
const DEFAULT_DOMAIN = "summit.local";
/**
 * nodemailer's defaults wait up to 2 minutes to connect and an hour on a silent socket: longer than a
 * lease. These apply unless SMTP_URL sets them itself (`?socketTimeout=…`).
 */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 } as const;

export type MailInput = {
  /** One mail per event: enqueueing the same key again is a no-op (e.g. `ticket-reply:42`). */
  dedupeKey: string;
  /** One recipient address. */
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The Message-ID (with its angle brackets) this mail answers, for threading. */
  inReplyTo?: string | null;
  /** What the mail is about, for the outbox page. */
  entity?: string;
  entityId?: string | number;
};

export type EnqueuedMail = { id: number; messageId: string; created: boolean };

/** What delivery needs to send; anything with nodemailer's `sendMail` (a test may pass its own). */
export type MailTransport = { sendMail(message: SendMailOptions): Promise<unknown> };

export type DeliveryResult = { sent: number; failed: number; retried: number };

/** True when mail leaves the building; otherwise it is kept in the outbox for admins to read. */
export function isSmtpConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

function fromAddress(): string {
  return process.env.SMTP_FROM?.trim() || DEFAULT_FROM;
}

/** The domain of SMTP_FROM's address (`Support <help@example.com>` → `example.com`), for Message-IDs. */
export function messageIdDomain(from: string | undefined = process.env.SMTP_FROM): string {
  const address = from?.match(/<([^>]*)>/)?.[1] ?? from ?? "";
  const domain = address.slice(address.lastIndexOf("@") + 1).trim().toLowerCase();
  return address.includes("@") && /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(domain) ? domain : DEFAULT_DOMAIN;
}

function newMessageId(): string {
  return `<${randomUUID()}@${messageIdDomain()}>`;
}

/** One plain address: a list or a display name would defeat the one-row-one-recipient accounting. */
const SINGLE_ADDRESS = /^[^\s@,;<>"]+@[^\s@,;<>"]+$/;

/** Header values must not carry line breaks (they would start new headers). */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, " ").trim();
}

/**
 * Queues one mail. Call it with the transaction of the change the mail is about (a Prisma client or
 * transaction): the mail commits or rolls back with it. Then call `kickMailDelivery()` after the commit.
 * The same `dedupeKey` again returns the existing row with `created: false`; its content is not
 * replaced (the first enqueue wins, as the first may already be on its way). A recipient that is not
 * one plain address is refused with RuleError `mail.errors.invalidRecipient`: it could never be delivered.
 */
export async function enqueueMail(client: Db, mail: MailInput): Promise<EnqueuedMail> {
  const [queued] = await enqueueMails(client, [mail]);
  return queued;
}

/**
 * `enqueueMail` for many mails in one statement (a campaign's batch), with the same rules: each
 * `dedupeKey` once (an existing one returns its row, `created: false`), one plain recipient each
 * (else RuleError `mail.errors.invalidRecipient` and nothing is queued). Results are in input order.
 */
export async function enqueueMails(client: Db, mails: readonly MailInput[]): Promise<EnqueuedMail[]> {
  if (mails.length === 0) return [];
  const at = now();
  const rows = mails.map((mail) => {
    const dedupeKey = mail.dedupeKey.trim();
    if (dedupeKey === "") throw new Error("enqueueMail needs a dedupeKey for every mail");
    const to = mail.to.trim();
    if (!SINGLE_ADDRESS.test(to)) throw new RuleError("mail.errors.invalidRecipient");
    return {
      dedupeKey,
      toAddress: to,
      subject: oneLine(mail.subject),
      textBody: mail.text,
      htmlBody: mail.html ?? null,
      messageId: newMessageId(),
      inReplyTo: mail.inReplyTo ? oneLine(mail.inReplyTo) : null,
      entity: mail.entity ?? null,
      entityId: mail.entityId === undefined ? null : String(mail.entityId),
      nextAttemptAt: at,
      createdAt: at,
    };
  });
  // ON CONFLICT DO NOTHING rather than insert-and-catch: inside a PostgreSQL transaction a unique
  // violation aborts the caller's whole transaction. A concurrent insert of the same key waits for the
  // other transaction and then does nothing (or inserts, if that one rolled back). The times are set
  // here, not by the column defaults: those read the database's clock, not the app's.
  const inserted = await client.outboxMessage.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true, messageId: true, dedupeKey: true } });
  const byKey = new Map(inserted.map((r) => [r.dedupeKey, { id: r.id, messageId: r.messageId, created: true }]));
  const missing = rows.map((r) => r.dedupeKey).filter((key) => !byKey.has(key));
  if (missing.length > 0) {
    for (const r of await client.outboxMessage.findMany({ where: { dedupeKey: { in: missing } }, select: { id: true, messageId: true, dedupeKey: true } })) {
      byKey.set(r.dedupeKey, { id: r.id, messageId: r.messageId, created: false });
    }
  }
  return rows.map((r) => {
    const found = byKey.get(r.dedupeKey);
    if (!found) throw new Error(`enqueueMails: ${r.dedupeKey} was neither inserted nor found`);
    return found;
  });
}

// ---- delivery -----------------------------------------------------------------------------------

/** Timestamps are stored as UTC without a zone (Prisma's mapping): raw SQL compares against UTC text. */
function utc(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "");
}

type ClaimedRow = {
  id: number;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  messageId: string;
  inReplyTo: string | null;
  attempts: number;
  entity: string | null;
  entityId: string | null;
};

/**
 * Extra headers for the mails of one entity, computed at delivery from the stored row (the outbox
 * has no headers column): e.g. List-Unsubscribe for campaign mail, built from the unsubscribe link
 * the body carries. A feature registers its source when its module loads; a mail delivered by a
 * process that never loaded it goes without the extra headers (its body is unchanged).
 */
export type MailHeaderSource = (row: { entityId: string | null; textBody: string }) => Record<string, string> | null;
const headerSources = new Map<string, MailHeaderSource>();

export function registerMailHeaders(entity: string, source: MailHeaderSource): void {
  headerSources.set(entity, source);
}

function extraHeaders(row: ClaimedRow): Record<string, string> | undefined {
  const source = row.entity ? headerSources.get(row.entity) : undefined;
  const headers = source?.({ entityId: row.entityId, textBody: row.textBody });
  if (!headers) return undefined;
  return Object.fromEntries(Object.entries(headers).filter(([name]) => /^[A-Za-z][A-Za-z0-9-]{0,60}$/.test(name)).map(([name, value]) => [name, oneLine(value)]));
}

/**
 * Claims up to `limit` due rows for this server in one statement and commits at once. Due: QUEUED with
 * `nextAttemptAt` reached, or SENDING with its lease (`nextAttemptAt`) run out. The attempt is counted
 * here, at the claim, so a message that kills the process while being sent still runs out of attempts.
 */
async function claimDue(client: Db, limit: number, atMs: number, leaseMs: number): Promise<ClaimedRow[]> {
  return client.$queryRawUnsafe<ClaimedRow[]>(
    `UPDATE "OutboxMessage" SET "status" = 'SENDING', "attempts" = "attempts" + 1, "nextAttemptAt" = $2::timestamp
     WHERE "id" IN (
       SELECT "id" FROM "OutboxMessage"
       WHERE "nextAttemptAt" <= $1::timestamp AND ("status" = 'QUEUED' OR ("status" = 'SENDING' AND "attempts" < $4::int))
       ORDER BY "nextAttemptAt", "id"
       LIMIT $3::int
       FOR UPDATE SKIP LOCKED
     )
     RETURNING "id", "toAddress", "subject", "textBody", "htmlBody", "messageId", "inReplyTo", "attempts", "entity", "entityId"`,
    utc(atMs),
    utc(leaseMs),
    limit,
    MAIL_MAX_ATTEMPTS,
  );
}

/** Rows abandoned mid-send with no attempts left would wait for a claim forever: they fail here. */
async function failAbandoned(client: Db, atMs: number): Promise<number> {
  return client.$executeRawUnsafe(
    `UPDATE "OutboxMessage" SET "status" = 'FAILED', "lastError" = $2
     WHERE "status" = 'SENDING' AND "nextAttemptAt" <= $1::timestamp AND "attempts" >= $3::int`,
    utc(atMs),
    "Interrupted while sending (the server stopped) and no attempts left",
    MAIL_MAX_ATTEMPTS,
  );
}

async function markSent(client: Db, id: number): Promise<void> {
  // Not conditional on the lease: the receiver accepted the mail, so it is sent, whoever claims it now.
  await client.outboxMessage.updateMany({ where: { id, status: { not: OutboxStatus.SENT } }, data: { status: OutboxStatus.SENT, sentAt: now(), lastError: null } });
}

/** A failed attempt: retry after the next delay, or give up. Only under our own claim. */
async function markFailed(client: Db, row: ClaimedRow, lease: Date, error: unknown): Promise<"failed" | "retried" | "lost"> {
  const giveUp = row.attempts >= MAIL_MAX_ATTEMPTS;
  const delay = MAIL_RETRY_DELAYS_MS[Math.min(row.attempts, MAIL_RETRY_DELAYS_MS.length) - 1];
  const { count } = await client.outboxMessage.updateMany({
    where: { id: row.id, status: OutboxStatus.SENDING, nextAttemptAt: lease },
    data: {
      status: giveUp ? OutboxStatus.FAILED : OutboxStatus.QUEUED,
      nextAttemptAt: giveUp ? now() : new Date(nowMs() + delay),
      lastError: errorText(error).slice(0, LAST_ERROR_MAX),
    },
  });
  if (count === 0) return "lost";
  return giveUp ? "failed" : "retried";
}

/** Claimed rows this run will not get to in time go back to the queue, uncounted, due at once. */
async function release(client: Db, ids: number[], lease: Date): Promise<void> {
  if (ids.length === 0) return;
  await client.outboxMessage.updateMany({
    where: { id: { in: ids }, status: OutboxStatus.SENDING, nextAttemptAt: lease },
    data: { status: OutboxStatus.QUEUED, nextAttemptAt: now(), attempts: { decrement: 1 } },
  });
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const response = (error as Error & { response?: unknown }).response;
    return typeof response === "string" && response !== "" ? `${error.message} (${response})` : error.message;
  }
  return String(error);
}

let cachedTransport: { url: string; transport: Transporter } | null = null;

/**
 * Opens each SMTP connection with Nagle's algorithm off. SMTP is an exchange of small writes; with
 * Nagle on, the end of every message waited for the receiver's delayed ACK (about 40 ms), which held
 * a pooled connection to some 20 messages a second (measured: 5 connections, 106/s with it, 366/s
 * without). nodemailer takes the socket as it is and, for smtps://, upgrades it to TLS itself.
 */
export function noDelaySocket(options: { host?: string; port?: number; secure?: boolean }, callback: (error: Error | null, socket?: { connection: Socket }) => void): void {
  const socket = netConnect({ host: options.host ?? "localhost", port: Number(options.port) || (options.secure ? 465 : 587), noDelay: true });
  const fail = (error: Error) => callback(error);
  socket.once("error", fail);
  socket.once("connect", () => {
    socket.removeListener("error", fail);
    callback(null, { connection: socket });
  });
}

/** One nodemailer transport per SMTP_URL (replaced, and the old one closed, when the URL changes). */
function smtpTransport(url: string): Transporter {
  if (cachedTransport?.url === url) return cachedTransport.transport;
  let withTimeouts: URL;
  try {
    withTimeouts = new URL(url);
  } catch {
    // Not the URL's own error: that one carries the input, credentials and all, into the logs.
    throw new Error("SMTP_URL is not a valid URL (expected smtp://user:password@host:port or smtps://…)");
  }
  for (const [key, value] of Object.entries({ ...SMTP_TIMEOUTS, pool: true, maxConnections: SEND_CONCURRENCY })) {
    if (!withTimeouts.searchParams.has(key)) withTimeouts.searchParams.set(key, String(value));
  }
  // The pool itself, not createTransport's options: given a URL, createTransport keeps only what the URL says.
  const transport = createTransport(new SMTPPool({ pool: true, url: withTimeouts.toString(), getSocket: noDelaySocket }));
  cachedTransport?.transport.close();
  cachedTransport = { url, transport };
  return transport;
}

function messageOf(row: ClaimedRow): SendMailOptions {
  return {
    from: fromAddress(),
    to: row.toAddress,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody ?? undefined,
    messageId: row.messageId,
    inReplyTo: row.inReplyTo ?? undefined,
    references: row.inReplyTo ?? undefined,
    headers: extraHeaders(row),
    // The app's clock, like every other time it writes.
    date: now(),
    // Bodies are data, never instructions to read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/**
 * Sends what is due, at most `limit` messages (default 100). Without SMTP_URL (and no `transport`
 * given) it does nothing: the outbox is then where mail is read. Safe to run on every app server at
 * once and concurrently within one (see the comment at the top). Database errors are thrown; SMTP
 * errors are recorded on their message.
 */
export async function deliverPendingMail(options: { limit?: number; transport?: MailTransport } = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0, retried: 0 };
  const url = process.env.SMTP_URL;
  if (!options.transport && !url) return result;
  // The pooled connections live while some run uses them and are closed by the last one to finish:
  // an idle pool would hold sockets open (and keep a receiver's shutdown waiting) until they time out.
  if (options.transport) return deliverWith(options.transport, options.limit, result);
  poolUsers++;
  try {
    return await deliverWith(smtpTransport(url!), options.limit, result);
  } finally {
    if (--poolUsers === 0 && cachedTransport) {
      cachedTransport.transport.close();
      cachedTransport = null;
    }
  }
}

let poolUsers = 0;

async function deliverWith(transport: MailTransport, limit: number | undefined, result: DeliveryResult): Promise<DeliveryResult> {
  const client = await db();
  let remaining = Math.max(0, Math.floor(limit ?? DEFAULT_DELIVERY_LIMIT));
  await failAbandoned(client, nowMs());
  while (remaining > 0) {
    const claimedAt = nowMs();
    const leaseMs = claimedAt + MAIL_LEASE_MS;
    const lease = new Date(leaseMs);
    const batch = await claimDue(client, Math.min(remaining, CLAIM_BATCH), claimedAt, leaseMs);
    if (batch.length === 0) break;
    remaining -= batch.length;
    // SEND_CONCURRENCY workers take the batch's rows in order; each send starts only while enough of
    // the lease remains, and rows no worker got to in time go back to the queue.
    let next = 0;
    let outOfTime = false;
    const worker = async () => {
      while (next < batch.length && !outOfTime) {
        if (nowMs() > leaseMs - SEND_BUDGET_MS) {
          outOfTime = true;
          return;
        }
        const row = batch[next++];
        try {
          await transport.sendMail(messageOf(row));
        } catch (error) {
          const outcome = await markFailed(client, row, lease, error);
          if (outcome !== "lost") result[outcome]++;
          continue;
        }
        await markSent(client, row.id);
        result.sent++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, batch.length) }, worker));
    if (outOfTime) {
      await release(client, batch.slice(next).map((r) => r.id), lease);
      return result;
    }
  }
  return result;
}

const delivery = kicker(async () => {
  await deliverPendingMail();
}, "[mail] delivery after commit failed; the periodic job will retry:");

/**
 * Delivers soon after a commit, without making the caller wait or fail: call it after the transaction
 * that enqueued mail has committed (lib/platform/kick.ts). Nothing to do without SMTP_URL.
 */
export function kickMailDelivery(): void {
  try {
    if (isSmtpConfigured()) delivery.kick();
  } catch (error) {
    console.error("[mail] could not start delivery:", error);
  }
}

/** Resolves when no kicked delivery is running (a graceful shutdown, a test that must not overlap the next). */
export function settleMailKicks(): Promise<void> {
  return delivery.settle();
}

// ---- the outbox page ----------------------------------------------------------------------------

export type OutboxItem = {
  id: number;
  status: OutboxStatus;
  to: string;
  subject: string;
  text: string;
  attempts: number;
  lastError: string | null;
  /** For QUEUED: the next attempt; for SENDING: the end of the claim. */
  nextAttemptAt: Date;
  createdAt: Date;
  sentAt: Date | null;
  entity: string | null;
  entityId: string | null;
};

export type OutboxPage = {
  items: OutboxItem[];
  /** Cursor of the next (older) page, or null on the last one. */
  next: string | null;
  counts: Record<OutboxStatus, number>;
  smtpConfigured: boolean;
};

const OUTBOX_STATUSES = Object.values(OutboxStatus);

/** A status from the URL, or undefined for anything else (all statuses). */
export function parseOutboxStatus(raw: string | readonly string[] | undefined | null): OutboxStatus | undefined {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return OUTBOX_STATUSES.find((s) => s === value);
}

/**
 * The outbox for admins: newest first, 50 a page, keyset-paged on id (`cursor` = the last id shown,
 * from the URL; anything malformed reads as the first page), optionally one status.
 */
export async function listOutbox(actor: Actor, query: { status?: OutboxStatus; cursor?: string | null } = {}): Promise<OutboxPage> {
  await requireRight(actor, "admin.manage", "Outbox");
  const prisma = await db();
  const after = parseIdParam(query.cursor);
  const rows = await prisma.outboxMessage.findMany({
    where: { ...(query.status ? { status: query.status } : {}), ...(after !== null ? { id: { lt: after } } : {}) },
    orderBy: { id: "desc" },
    take: OUTBOX_PAGE_SIZE + 1,
    select: {
      id: true,
      status: true,
      toAddress: true,
      subject: true,
      textBody: true,
      attempts: true,
      lastError: true,
      nextAttemptAt: true,
      createdAt: true,
      sentAt: true,
      entity: true,
      entityId: true,
    },
  });
  const grouped = await prisma.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const g of grouped) counts[g.status] = g._count._all;
  const page = rows.slice(0, OUTBOX_PAGE_SIZE);
  return {
    items: page.map(({ toAddress, textBody, ...r }) => ({ ...r, to: toAddress, text: textBody })),
    next: rows.length > OUTBOX_PAGE_SIZE ? String(page[page.length - 1].id) : null,
    counts,
    smtpConfigured: isSmtpConfigured(),
  };
}

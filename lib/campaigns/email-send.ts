import "server-only";
import { now as clockNow } from "@/lib/platform/clock";
import { db, transaction, type Tx } from "@/lib/platform/db/prisma";
import { utcTimestamp } from "@/lib/platform/db/sql-builder";
import { writeAudit } from "@/lib/platform/audit";
import { enqueueMails, kickMailDelivery, type MailInput, registerMailHeaders } from "@/lib/platform/mail";
import { publicOrigin } from "@/lib/platform/origin";
import { newPublicToken, publicTokenDigest } from "@/lib/platform/public-link";
import { currentScoreJoin } from "@/lib/scoring/queries";
import { clickToken, CLICK_LINK_DAYS, unsubscribeUrl } from "@/lib/campaigns/email-tokens";
import { mergeValues, parseTemplate, renderEmail } from "@/lib/campaigns/rules/email-template";
import { kicker } from "@/lib/platform/kick";

/**
 * Sending an email campaign: the job that hands the messages of a launched campaign's members to the
 * outbox (lib/platform/mail.ts), which delivers them with per-message status and retries.
 *
 * Who gets one: treated members (never the control group), not OPTED_OUT or DECLINED, whose customer
 * is not deleted, not opted out of email (dncEmail) and has a deliverable address. Each gets exactly
 * one message: the member's `emailOutboxId` is set in the same transaction as the message is queued,
 * and the outbox's dedupe key `campaign-email:<campaign>:<member>` makes a second enqueue a no-op.
 * Queuing stamps the member CONTACTED (contactedAt, once) and records an outbound EMAIL touchpoint.
 *
 * Throttling: a token bucket per campaign. `CampaignEmail.updatedAt`, while SENDING, is the instant up
 * to which the rate has been spent: a batch may queue floor((now − max(updatedAt, now − 1 min)) ×
 * rate) messages (at most BATCH_MAX) and moves updatedAt on by exactly what it used, so the rate holds
 * over any span and at most one minute's worth is sent at once after a pause in the job. Starting and
 * resuming set updatedAt to now (no burst from the time before).
 *
 * Resumable and safe on several servers: all state is in the database. A batch locks the campaign's
 * CampaignEmail row (FOR UPDATE) so two servers never queue for the same campaign at once; a crash
 * rolls the batch back whole. The periodic job (`runCampaignEmailSends`, registered in
 * instrumentation.ts) picks every SENDING campaign up again after a restart; `kickCampaignEmailSend`
 * runs the same loop in-process right after a start or resume so sending begins without waiting.
 */

export const BATCH_MAX = 500;
const BURST_MS = 60_000;
const ENTITY = "CampaignEmail";
/** The outbox rows of campaign mail name their member: the mail module asks for their headers by it. */
export const MEMBER_MAIL_ENTITY = "CampaignMember";
const SINGLE_ADDRESS = /^[^\s@,;<>"]+@[^\s@,;<>"]+$/;

/**
 * List-Unsubscribe (RFC 2369) and one-click List-Unsubscribe-Post (RFC 8058) for campaign mail: the
 * address is the unsubscribe link the body carries (its token is stored only hashed, so it is read
 * back from the body), with `/one-click`, which accepts the mail client's POST.
 */
const UNSUBSCRIBE_IN_BODY = /(https?:\/\/[^\s]+\/u\/[A-Za-z0-9_-]{43})\s*$/m;
registerMailHeaders(MEMBER_MAIL_ENTITY, ({ textBody }) => {
  const url = UNSUBSCRIBE_IN_BODY.exec(textBody)?.[1];
  return url ? { "List-Unsubscribe": `<${url}/one-click>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : null;
});

export type BatchOutcome = { queued: number; done: boolean; waitMs: number };

type SendState = {
  status: string;
  subject: string;
  body: string;
  ratePerMinute: number;
  updatedAt: Date;
  name: string;
  offer: string | null;
  campaignStatus: string;
};

type Recipient = { id: number; customerId: number; name: string; email: string; company: string | null; region: string | null; ownerName: string | null; tier: string | null };

/** The SQL condition of a member who is to get the campaign's message (see the comment at the top). */
export const ELIGIBLE_MEMBER_SQL = `m."isControl" = false AND m."status" NOT IN ('OPTED_OUT', 'DECLINED')
  AND c."deletedAt" IS NULL AND c."dncEmail" = false AND c."email" IS NOT NULL AND c."email" ~ '^[^[:space:]@,;<>"]+@[^[:space:]@,;<>"]+$'`;

async function queueFor(tx: Tx, campaignId: number, state: SendState, rows: Recipient[], at: Date): Promise<number> {
  const parsed = parseTemplate({ subject: state.subject, body: state.body });
  const origin = publicOrigin();
  const expiresAtSec = Math.floor(at.getTime() / 1000) + CLICK_LINK_DAYS * 86_400;
  const queued: { row: Recipient; hash: string }[] = [];
  const mails: MailInput[] = [];
  for (const row of rows) {
    const to = row.email.trim();
    if (!SINGLE_ADDRESS.test(to)) continue;
    const token = newPublicToken();
    const rendered = renderEmail(parsed, mergeValues({ customerName: row.name, company: row.company, ownerName: row.ownerName, tier: row.tier, region: row.region, campaignName: state.name, offer: state.offer }), {
      linkHref: (index) => `${origin}/r/${clickToken(row.id, index, expiresAtSec)}`,
      unsubscribeUrl: unsubscribeUrl(origin, token),
    });
    mails.push({ dedupeKey: `campaign-email:${campaignId}:${row.id}`, to, subject: rendered.subject, text: rendered.text, html: rendered.html, entity: MEMBER_MAIL_ENTITY, entityId: row.id });
    queued.push({ row, hash: publicTokenDigest(token) });
  }
  // One statement for the batch's messages (the outbox's dedupe keys still make each one once).
  const outbox = await enqueueMails(tx, mails);
  const ids = queued.map((q) => q.row.id);
  const outboxIds = outbox.map((o) => o.id);
  const hashes = queued.map((q) => q.hash);
  const customers = queued.map((q) => q.row.customerId);
  if (ids.length === 0) return 0;
  const stamp = utcTimestamp(at);
  await tx.$executeRawUnsafe(
    `UPDATE "CampaignMember" m SET "emailOutboxId" = v.oid, "unsubscribeTokenHash" = v.hash, "contactedAt" = COALESCE(m."contactedAt", $4::timestamp),
       "status" = CASE WHEN m."status" = 'TARGETED' THEN 'CONTACTED'::"CampaignMemberStatus" ELSE m."status" END, "updatedAt" = $4::timestamp
     FROM unnest($1::int[], $2::int[], $3::text[]) AS v(id, oid, hash) WHERE m."id" = v.id AND m."emailOutboxId" IS NULL`,
    ids,
    outboxIds,
    hashes,
    stamp,
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "Touchpoint" ("customerId", "channel", "direction", "occurredAt", "summary", "outcome", "campaignId", "createdAt")
     SELECT v.cid, 'EMAIL', 'OUTBOUND', $2::timestamp, $3, 'queued', $4::int, $2::timestamp FROM unnest($1::int[]) AS v(cid)`,
    customers,
    stamp,
    `Campaign email: ${state.name}`.slice(0, 500),
    campaignId,
  );
  await tx.$executeRawUnsafe(
    `UPDATE "Customer" SET "lastContactAt" = $2::timestamp WHERE "id" = ANY($1::int[]) AND ("lastContactAt" IS NULL OR "lastContactAt" < $2::timestamp)`,
    customers,
    stamp,
  );
  return ids.length;
}

/**
 * Queues the next batch of one campaign within its rate. `max` caps the batch (default BATCH_MAX).
 * `waitMs`: how long until the next message is due (0 when done or nothing to do).
 */
export async function queueCampaignEmailBatch(campaignId: number, options: { max?: number } = {}): Promise<BatchOutcome> {
  const at = clockNow();
  const outcome = await transaction(async (tx): Promise<BatchOutcome> => {
    const [state] = await tx.$queryRawUnsafe<SendState[]>(
      `SELECT ce."status"::text AS "status", ce."subject", ce."body", ce."ratePerMinute", ce."updatedAt", c."name", c."offer", c."status"::text AS "campaignStatus"
         FROM "CampaignEmail" ce JOIN "Campaign" c ON c."id" = ce."campaignId" WHERE ce."campaignId" = $1::int FOR UPDATE OF ce`,
      campaignId,
    );
    if (!state || state.status !== "SENDING") return { queued: 0, done: true, waitMs: 0 };
    if (state.campaignStatus === "CANCELLED") {
      // The campaign was called off mid-send: what is queued goes, nothing more.
      await tx.campaignEmail.update({ where: { campaignId }, data: { status: "CANCELLED", finishedAt: at, updatedAt: at } });
      await writeAudit(tx, { userId: null, action: "UPDATE", entity: ENTITY, entityId: campaignId, before: { status: "SENDING" }, after: { status: "CANCELLED", reason: "campaign cancelled" } });
      return { queued: 0, done: true, waitMs: 0 };
    }
    const perMs = Math.max(1, state.ratePerMinute) / 60_000;
    const from = Math.max(state.updatedAt.getTime(), at.getTime() - BURST_MS);
    const allowance = Math.min(Math.floor((at.getTime() - from) * perMs), options.max ?? BATCH_MAX, BATCH_MAX);
    if (allowance < 1) return { queued: 0, done: false, waitMs: Math.max(1, Math.ceil((1 - (at.getTime() - from) * perMs) / perMs)) };
    const rows = await tx.$queryRawUnsafe<Recipient[]>(
      `SELECT m."id", m."customerId", c."name", c."email", c."company", c."region", u."name" AS "ownerName", s."tier"::text AS "tier"
         FROM "CampaignMember" m JOIN "Customer" c ON c."id" = m."customerId" LEFT JOIN "User" u ON u."id" = c."ownerId" ${currentScoreJoin("s", `c."id"`)}
        WHERE m."campaignId" = $1::int AND m."emailOutboxId" IS NULL AND ${ELIGIBLE_MEMBER_SQL}
        ORDER BY m."id" LIMIT $2::int`,
      campaignId,
      allowance,
    );
    const queued = await queueFor(tx, campaignId, state, rows, at);
    const done = rows.length < allowance;
    // The rate used: exactly the messages queued, from where the bucket stood.
    const spentTo = new Date(Math.min(at.getTime(), from + Math.ceil(Math.max(queued, 1) / perMs)));
    await tx.campaignEmail.update({
      where: { campaignId },
      data: { queuedCount: { increment: queued }, updatedAt: spentTo, ...(done ? { status: "SENT", finishedAt: at } : {}) },
    });
    if (done) await writeAudit(tx, { userId: null, action: "UPDATE", entity: ENTITY, entityId: campaignId, before: { status: "SENDING" }, after: { status: "SENT" } });
    return { queued, done, waitMs: done ? 0 : Math.ceil(1 / perMs) };
  });
  if (outcome.queued > 0) kickMailDelivery();
  return outcome;
}

/** Campaigns whose messages are being queued. */
async function sendingCampaigns(): Promise<number[]> {
  const rows = await (await db()).campaignEmail.findMany({ where: { status: "SENDING" }, select: { campaignId: true }, orderBy: { campaignId: "asc" } });
  return rows.map((r) => r.campaignId);
}

/**
 * The periodic job: one pass over every SENDING campaign, queuing what each one's rate allows now.
 * Returns the messages queued.
 */
export async function runCampaignEmailSends(): Promise<number> {
  let queued = 0;
  for (const id of await sendingCampaigns()) queued += (await queueCampaignEmailBatch(id)).queued;
  return queued;
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
  });

/**
 * Queues in-process until no campaign is SENDING (kicked after a start or resume, so the first
 * messages go at once rather than at the job's next tick). Never throws; the periodic job carries on
 * after a failure or a restart.
 */
const sending = kicker(async () => {
  for (;;) {
    const ids = await sendingCampaigns();
    if (ids.length === 0) return;
    let wait = 1_000;
    for (const id of ids) {
      const outcome = await queueCampaignEmailBatch(id);
      if (!outcome.done) wait = Math.min(wait, Math.max(outcome.waitMs, 20));
    }
    await sleep(wait);
  }
}, "[campaign-email] sending failed; the periodic job will resume:");

export function kickCampaignEmailSend(): void {
  sending.kick();
}

/** Resolves when no kicked send loop is running (tests, shutdown). */
export function settleCampaignEmailKicks(): Promise<void> {
  return sending.settle();
}

/** For the bench and tests: queues until the campaign is done, ignoring the clock's pace (fixed clocks). */
export async function drainCampaignEmail(campaignId: number, step: () => void = () => {}): Promise<number> {
  let queued = 0;
  for (let guard = 0; guard < 1_000_000; guard++) {
    const outcome = await queueCampaignEmailBatch(campaignId);
    queued += outcome.queued;
    if (outcome.done) return queued;
    step();
  }
  return queued;
}

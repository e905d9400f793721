import "server-only";
import { randomUUID } from "node:crypto";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { authorize, requireRight } from "@/lib/platform/auth/guard";
import { writeAudit } from "@/lib/platform/audit";
import { now as clockNow } from "@/lib/platform/clock";
import { checkVersion, type Expected, expectedVersion, conflictFor, type Snapshot, snapshotOf, writeAtVersion } from "@/lib/platform/concurrency";
import { db, transaction, type Db, type Tx } from "@/lib/platform/db/prisma";
import type { CampaignStatus, CampaignType, EmailSendStatus, OutboxStatus } from "@/lib/platform/enums";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { enqueueMail, kickMailDelivery } from "@/lib/platform/mail";
import { currentScoreJoin } from "@/lib/scoring/queries";
import { campaignRef, findCampaign } from "@/lib/campaigns/queries";
import { ELIGIBLE_MEMBER_SQL, kickCampaignEmailSend } from "@/lib/campaigns/email-send";
import type { CampaignEmailTemplateInput, SendChange } from "@/lib/campaigns/email-schema";
import { htmlBodyOf, mergeValues, parseTemplate, renderEmail, type RenderedEmail, type TemplateIssue } from "@/lib/campaigns/rules/email-template";

/**
 * Email campaigns as the email page reads and changes them: the template (versioned saves), previews
 * per member, test sends and the send's state (start, pause, resume, cancel). Everyone reads campaigns
 * (campaign.read); changing needs campaign.edit (admins and managers); refusals are audited. The
 * sending itself is ./email-send.ts; the public links are ./email-tokens.ts.
 *
 * The template is locked once sending started: the tracked links of messages already out point into
 * it by index, so it must not change under them.
 */

const ENTITY = "CampaignEmail";
export const PREVIEW_MEMBERS = 20;
const DEFAULT_RATE = 600;
const SNAPSHOT_FIELDS = ["subject", "body", "ratePerMinute", "status"] as const;

export type TemplateFields = { subject: string; body: string; ratePerMinute: number };

type EmailRow = { subject: string; body: string; ratePerMinute: number; status: EmailSendStatus; queuedCount: number; startedAt: Date | null; finishedAt: Date | null; version: number };

const EMAIL_SELECT = { subject: true, body: true, ratePerMinute: true, status: true, queuedCount: true, startedAt: true, finishedAt: true, version: true } as const;

export function emailSnapshot(row: Pick<EmailRow, "subject" | "body" | "ratePerMinute" | "status">): Snapshot {
  return snapshotOf(row, [...SNAPSHOT_FIELDS]);
}

const NO_EMAIL: EmailRow = { subject: "", body: "", ratePerMinute: DEFAULT_RATE, status: "DRAFT", queuedCount: 0, startedAt: null, finishedAt: null, version: 0 };

export type SendCounts = {
  treated: number;
  control: number;
  /** Treated members who get (or got) the message. */
  eligible: number;
  /** Treated members left out: opted out of email, declined, or without a deliverable address. */
  skipped: number;
  queued: number;
  outbox: Record<OutboxStatus, number>;
  clicked: number;
  unsubscribed: number;
};

export type CampaignEmailPage = {
  campaign: { id: number; name: string; type: CampaignType; status: CampaignStatus };
  email: EmailRow & { snapshot: Snapshot; exists: boolean };
  canEdit: boolean;
  /** The saved template's problems (none when it can be sent). */
  issues: TemplateIssue[];
  links: string[];
  counts: SendCounts;
  previewMembers: { id: number; name: string; email: string | null }[];
};

async function countsFor(prisma: Db, campaignId: number): Promise<SendCounts> {
  const [[members], outbox] = await Promise.all([
    prisma.$queryRawUnsafe<{ treated: number; control: number; eligible: number; queued: number; clicked: number; unsubscribed: number }[]>(
      `SELECT count(*) FILTER (WHERE NOT m."isControl")::int AS "treated", count(*) FILTER (WHERE m."isControl")::int AS "control",
              count(*) FILTER (WHERE m."emailOutboxId" IS NOT NULL OR (${ELIGIBLE_MEMBER_SQL}))::int AS "eligible",
              count(m."emailOutboxId")::int AS "queued", count(m."clickedAt")::int AS "clicked", count(m."unsubscribedAt")::int AS "unsubscribed"
         FROM "CampaignMember" m JOIN "Customer" c ON c."id" = m."customerId" WHERE m."campaignId" = $1::int`,
      campaignId,
    ),
    prisma.$queryRawUnsafe<{ status: OutboxStatus; n: number }[]>(
      `SELECT o."status"::text AS "status", count(*)::int AS "n" FROM "CampaignMember" m JOIN "OutboxMessage" o ON o."id" = m."emailOutboxId"
        WHERE m."campaignId" = $1::int GROUP BY 1`,
      campaignId,
    ),
  ]);
  const byStatus: Record<OutboxStatus, number> = { QUEUED: 0, SENDING: 0, SENT: 0, FAILED: 0 };
  for (const o of outbox) byStatus[o.status] = o.n;
  return { ...members, skipped: members.treated - members.eligible, outbox: byStatus };
}

/** The email page of a campaign; null when there is no such campaign. */
export async function getCampaignEmailPage(actor: Actor, campaignId: number): Promise<CampaignEmailPage | null> {
  await requireRight(actor, "campaign.read", ENTITY);
  const prisma = await db();
  const campaign = await findCampaign(prisma, campaignId);
  if (!campaign) return null;
  const [row, counts, previewMembers] = await Promise.all([
    prisma.campaignEmail.findUnique({ where: { campaignId }, select: EMAIL_SELECT }),
    countsFor(prisma, campaignId),
    prisma.campaignMember.findMany({
      where: { campaignId, isControl: false },
      orderBy: { id: "asc" },
      take: PREVIEW_MEMBERS,
      select: { id: true, customer: { select: { name: true, email: true } } },
    }),
  ]);
  const email = row ?? NO_EMAIL;
  const parsed = parseTemplate({ subject: email.subject, body: email.body });
  return {
    campaign: { id: campaign.id, name: campaign.name, type: campaign.type, status: campaign.status },
    email: { ...email, snapshot: emailSnapshot(email), exists: row !== null },
    canEdit: can(actor, "campaign.edit", campaignRef(campaign)),
    issues: row ? parsed.issues : [],
    links: parsed.links,
    counts,
    previewMembers: previewMembers.map((m) => ({ id: m.id, name: m.customer.name, email: m.customer.email })),
  };
}

type MemberData = { id: number; name: string; email: string | null; company: string | null; region: string | null; ownerName: string | null; tier: string | null };

async function memberData(prisma: Db, campaignId: number, memberId: number | null): Promise<MemberData | null> {
  const [row] = await prisma.$queryRawUnsafe<MemberData[]>(
    `SELECT m."id", c."name", c."email", c."company", c."region", u."name" AS "ownerName", s."tier"::text AS "tier"
       FROM "CampaignMember" m JOIN "Customer" c ON c."id" = m."customerId" LEFT JOIN "User" u ON u."id" = c."ownerId" ${currentScoreJoin("s", `c."id"`)}
      WHERE m."campaignId" = $1::int AND m."isControl" = false ${memberId !== null ? `AND m."id" = $2::int` : ""}
      ORDER BY m."id" LIMIT 1`,
    ...(memberId !== null ? [campaignId, memberId] : [campaignId]),
  );
  return row ?? null;
}

function valuesFor(member: MemberData | null, campaign: { name: string; offer: string | null }) {
  return mergeValues({
    customerName: member?.name ?? "",
    company: member?.company ?? null,
    ownerName: member?.ownerName ?? null,
    tier: member?.tier ?? null,
    region: member?.region ?? null,
    campaignName: campaign.name,
    offer: campaign.offer,
  });
}

export type EmailPreview = { member: { id: number; name: string; email: string | null } | null; subject: string; text: string; htmlBody: string };

/**
 * The saved template rendered for one treated member (the first when `memberId` is null or not a
 * treated member of this campaign). Links show their real addresses; the unsubscribe footer says
 * where the one-click link goes. Null when there is nothing to preview (no campaign, invalid template).
 */
export async function previewCampaignEmail(actor: Actor, campaignId: number, memberId: number | null): Promise<EmailPreview | null> {
  await requireRight(actor, "campaign.read", ENTITY);
  const prisma = await db();
  const [campaign, email] = await Promise.all([findCampaign(prisma, campaignId), prisma.campaignEmail.findUnique({ where: { campaignId }, select: { subject: true, body: true } })]);
  if (!campaign || !email) return null;
  const parsed = parseTemplate(email);
  if (parsed.issues.length > 0) return null;
  const member = (memberId !== null ? await memberData(prisma, campaignId, memberId) : null) ?? (await memberData(prisma, campaignId, null));
  const rendered = renderEmail(parsed, valuesFor(member, campaign), { linkHref: (_i, url) => url, unsubscribeUrl: null });
  return { member: member ? { id: member.id, name: member.name, email: member.email } : null, subject: rendered.subject, text: rendered.text, htmlBody: htmlBodyOf(rendered.html) };
}

/** The first template issue as a RuleError (message key `campaignEmail.issues.<code>`, field subject/body). */
export function issueError(issue: TemplateIssue): RuleError {
  return new RuleError(`campaignEmail.issues.${issue.code}`, issue.part);
}

async function editableCampaign(tx: Tx, actor: Actor, campaignId: number) {
  const campaign = await findCampaign(tx, campaignId);
  if (!campaign) throw new NotAllowedError();
  authorize(actor, "campaign.edit", ENTITY, campaignId, campaignRef(campaign));
  if (campaign.type !== "EMAIL") throw new RuleError("campaignEmail.errors.notEmail");
  return campaign;
}

async function reloadEmail(tx: Tx, campaignId: number) {
  const row = await tx.campaignEmail.findUnique({ where: { campaignId }, select: EMAIL_SELECT });
  if (!row) throw new NotAllowedError();
  return { version: row.version, snapshot: emailSnapshot(row) };
}

/**
 * Saves the template at the version the editor loaded (0: none saved yet). Only before sending
 * starts, on an email campaign that is not closed, with a template without issues.
 */
export async function saveCampaignEmail(actor: Actor, campaignId: number, expected: Expected, input: Omit<CampaignEmailTemplateInput, "campaignId" | "version" | "snapshot">): Promise<{ version: number }> {
  const parsed = parseTemplate(input);
  return transaction(async (tx) => {
    const campaign = await editableCampaign(tx, actor, campaignId);
    if (campaign.status === "CANCELLED" || campaign.status === "COMPLETED") throw new RuleError("campaignEmail.errors.closed");
    const row = await tx.campaignEmail.findUnique({ where: { campaignId }, select: EMAIL_SELECT });
    if (row) checkVersion(ENTITY, campaignId, expected, { version: row.version, snapshot: emailSnapshot(row) });
    else if (expectedVersion(expected) !== 0) throw new NotAllowedError();
    if (row && row.status !== "DRAFT") throw new RuleError("campaignEmail.errors.locked");
    if (parsed.issues.length > 0) throw issueError(parsed.issues[0]);
    const data = { subject: input.subject, body: input.body.replace(/\r\n?/g, "\n"), ratePerMinute: input.ratePerMinute };
    if (!row) {
      // Two first saves at once: the second insert fails on the primary key and its transaction rolls back.
      await tx.campaignEmail.create({ data: { campaignId, ...data } });
      await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: ENTITY, entityId: campaignId, before: null, after: data });
      return { version: 1 };
    }
    await writeAtVersion(
      ENTITY,
      campaignId,
      expected,
      (version) => tx.campaignEmail.updateMany({ where: { campaignId, version, status: "DRAFT" }, data: { ...data, version: { increment: 1 } } }),
      () => reloadEmail(tx, campaignId),
    );
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: ENTITY, entityId: campaignId, before: { subject: row.subject, body: row.body, ratePerMinute: row.ratePerMinute }, after: data });
    return { version: row.version + 1 };
  });
}

/**
 * Sends the saved template, rendered for a member (the first treated one by default), to an address
 * the user typed, through the outbox, marked as a test in its subject and on the outbox row, and
 * audited. Links go straight to their addresses (a test click must not count as the member's
 * response) and the unsubscribe footer says it is a test.
 */
export async function sendCampaignTestEmail(actor: Actor, campaignId: number, to: string, memberId: number | null): Promise<{ outboxId: number }> {
  const prisma = await db();
  const member = memberId !== null ? await memberData(prisma, campaignId, memberId) : await memberData(prisma, campaignId, null);
  const result = await transaction(async (tx) => {
    const campaign = await editableCampaign(tx, actor, campaignId);
    const email = await tx.campaignEmail.findUnique({ where: { campaignId }, select: { subject: true, body: true } });
    if (!email) throw new RuleError("campaignEmail.errors.noTemplate");
    const parsed = parseTemplate(email);
    if (parsed.issues.length > 0) throw issueError(parsed.issues[0]);
    const rendered: RenderedEmail = renderEmail(parsed, valuesFor(member, campaign), { linkHref: (_i, url) => url, unsubscribeUrl: null });
    const mail = await enqueueMail(tx, {
      dedupeKey: `campaign-email-test:${campaignId}:${randomUUID()}`,
      to,
      subject: `[TEST] ${rendered.subject}`,
      text: rendered.text,
      html: rendered.html,
      entity: "CampaignEmailTest",
      entityId: campaignId,
    });
    await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: ENTITY, entityId: campaignId, before: null, after: { testSendTo: to, memberId: member?.id ?? null, outboxId: mail.id } });
    return { outboxId: mail.id };
  });
  kickMailDelivery();
  return result;
}

const SEND_TRANSITIONS: Record<SendChange, { from: readonly EmailSendStatus[]; to: EmailSendStatus }> = {
  start: { from: ["DRAFT"], to: "SENDING" },
  pause: { from: ["SENDING"], to: "PAUSED" },
  resume: { from: ["PAUSED"], to: "SENDING" },
  cancel: { from: ["SENDING", "PAUSED"], to: "CANCELLED" },
};

/**
 * Starts, pauses, resumes or cancels the send, at the version the page showed. Starting needs the
 * campaign launched and ACTIVE (its audience frozen) and a template without issues. Cancelling stops
 * queuing; messages already in the outbox still go (they are the outbox's from then on).
 */
export async function changeCampaignEmailSend(actor: Actor, campaignId: number, expected: Expected, change: SendChange, options: { kick?: boolean } = {}): Promise<void> {
  const at = clockNow();
  const rule = SEND_TRANSITIONS[change];
  await transaction(async (tx) => {
    const campaign = await editableCampaign(tx, actor, campaignId);
    const row = await tx.campaignEmail.findUnique({ where: { campaignId }, select: EMAIL_SELECT });
    if (!row) throw new RuleError("campaignEmail.errors.noTemplate");
    checkVersion(ENTITY, campaignId, expected, { version: row.version, snapshot: emailSnapshot(row) });
    if (!rule.from.includes(row.status)) throw new RuleError("campaignEmail.errors.transition");
    if (rule.to === "SENDING") {
      if (campaign.status !== "ACTIVE") throw new RuleError("campaignEmail.errors.notActive");
      const parsed = parseTemplate(row);
      if (parsed.issues.length > 0) throw issueError(parsed.issues[0]);
    }
    const stamps = change === "start" ? { startedAt: at, startedById: actor.id } : rule.to === "CANCELLED" ? { finishedAt: at } : {};
    // Starting and resuming reset the rate bucket (updatedAt, see ./email-send.ts) to now: no burst.
    const { count } = await tx.campaignEmail.updateMany({
      where: { campaignId, version: expectedVersion(expected), status: row.status },
      data: { status: rule.to, version: { increment: 1 }, updatedAt: at, ...stamps },
    });
    if (count === 0) throw conflictFor(ENTITY, campaignId, expected, await reloadEmail(tx, campaignId));
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: ENTITY, entityId: campaignId, before: { status: row.status }, after: { status: rule.to } });
  });
  // Tests drive the batches themselves (kick: false) under a fixed clock.
  if (rule.to === "SENDING" && options.kick !== false) kickCampaignEmailSend();
}

import "server-only";
import { createHmac } from "node:crypto";
import { writeAudit } from "@/lib/platform/audit";
import { authSecret } from "@/lib/platform/auth/secret";
import { now as clockNow } from "@/lib/platform/clock";
import { db, transaction } from "@/lib/platform/db/prisma";
import { utcTimestamp } from "@/lib/platform/db/sql-builder";
import { isPublicTokenShaped, publicLinkRateLimited, publicTokenDigest, refusePublicLink } from "@/lib/platform/public-link";
import { signLinkToken, verifyLinkToken } from "@/lib/campaigns/rules/email-link-token";
import { templateLinks } from "@/lib/campaigns/rules/email-template";

/**
 * The public links of campaign mail: the tracked redirect `/r/<token>` and the one-click unsubscribe
 * `/u/<token>`. Neither needs a session; each grants exactly one thing (PERMISSIONS.md).
 *
 * - Click tokens are HMAC-signed (lib/campaigns/rules/email-link-token.ts) with a key derived from the
 *   app's secret (lib/platform/auth/secret.ts) for this one use, valid CLICK_LINK_DAYS from queuing.
 * - Unsubscribe tokens are 32 random bytes, stored only as their SHA-256 on the member
 *   (lib/platform/public-link.ts), single use, valid UNSUBSCRIBE_LINK_DAYS from the message's queuing
 *   (RFC 8058 asks for a working link for a reasonable time; CAN-SPAM for at least 30 days).
 * The two have different shapes and the click signature covers its purpose, so neither ever works as
 * the other. Refusals are audited (DENIED, entity CampaignClick / CampaignUnsubscribe, the client
 * address) and rate-limited per address like the CSAT link.
 */

export const CLICK_LINK_DAYS = 90;
export const UNSUBSCRIBE_LINK_DAYS = 90;
export const CLICK_ENTITY = "CampaignClick";
export const UNSUBSCRIBE_ENTITY = "CampaignUnsubscribe";
const DAY = 86_400_000;

let cachedKey: { secret: string; key: Buffer } | null = null;

/** The click-signing key: HMAC(app secret, purpose label), so the session secret itself signs nothing here. */
function clickKey(): Buffer {
  const secret = authSecret();
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: createHmac("sha256", secret).update("summit:campaign-email:click-link:v1").digest() };
  return cachedKey.key;
}

export function clickToken(memberId: number, linkIndex: number, expiresAtSec: number): string {
  return signLinkToken(clickKey(), "click", { memberId, linkIndex, expiresAtSec });
}

export function unsubscribeUrl(origin: string, token: string): string {
  return `${origin}/u/${token}`;
}

export type ClickOutcome = { kind: "redirect"; url: string } | { kind: "invalid" } | { kind: "rateLimited" };

/**
 * Follows a tracked link: records the click (clickCount; clickedAt, the response and an inbound EMAIL
 * touchpoint on the first click only) and answers the template's address for the link's index — the
 * only place a redirect can lead. A member still TARGETED or CONTACTED becomes RESPONDED (respondedAt
 * set once); a member who opted out or declined keeps that status.
 */
export async function followClick(token: string, ip: string, now: Date = clockNow()): Promise<ClickOutcome> {
  const prisma = await db();
  if (await publicLinkRateLimited(prisma, CLICK_ENTITY, ip, now)) return { kind: "rateLimited" };
  const claim = verifyLinkToken(clickKey(), token, "click", now.getTime());
  const member = claim
    ? await prisma.campaignMember.findUnique({
        where: { id: claim.memberId },
        select: { id: true, campaignId: true, customerId: true, isControl: true, emailOutboxId: true, campaign: { select: { email: { select: { body: true } } } } },
      })
    : null;
  const url = claim && member?.campaign.email && !member.isControl && member.emailOutboxId !== null ? templateLinks(member.campaign.email.body)[claim.linkIndex] : undefined;
  if (!member || url === undefined) {
    await refusePublicLink(prisma, CLICK_ENTITY, "campaignEmail.click", ip);
    return { kind: "invalid" };
  }
  const stamp = utcTimestamp(now);
  await transaction(async (tx) => {
    const first = await tx.$queryRawUnsafe<{ status: string }[]>(
      `UPDATE "CampaignMember" SET "clickedAt" = $2::timestamp, "clickCount" = "clickCount" + 1,
         "respondedAt" = CASE WHEN "status" IN ('TARGETED', 'CONTACTED', 'RESPONDED', 'CONVERTED') THEN COALESCE("respondedAt", $2::timestamp) ELSE "respondedAt" END,
         "status" = CASE WHEN "status" IN ('TARGETED', 'CONTACTED') THEN 'RESPONDED'::"CampaignMemberStatus" ELSE "status" END,
         "updatedAt" = $2::timestamp
       WHERE "id" = $1::int AND "clickedAt" IS NULL RETURNING "status"::text AS "status"`,
      member.id,
      stamp,
    );
    if (first.length === 0) {
      await tx.$executeRawUnsafe(`UPDATE "CampaignMember" SET "clickCount" = "clickCount" + 1 WHERE "id" = $1::int`, member.id);
      return;
    }
    await tx.touchpoint.create({
      data: { customerId: member.customerId, channel: "EMAIL", direction: "INBOUND", occurredAt: now, summary: "Clicked a link in the campaign email", outcome: "clicked", campaignId: member.campaignId },
    });
    await writeAudit(tx, { userId: null, action: "UPDATE", entity: "CampaignMember", entityId: member.id, after: { clicked: true, link: claim!.linkIndex, status: first[0].status }, ip });
  });
  return { kind: "redirect", url };
}

export type UnsubscribeLink = { state: "valid"; campaignName: string } | { state: "used" } | { state: "invalid" };

type LinkRow = { id: number; customerId: number; campaignId: number; unsubscribedAt: Date | null; queuedAt: Date | null; campaignName: string };

async function findLink(token: string): Promise<LinkRow | null> {
  if (!isPublicTokenShaped(token)) return null;
  const [row] = await (await db()).$queryRawUnsafe<LinkRow[]>(
    `SELECT m."id", m."customerId", m."campaignId", m."unsubscribedAt", o."createdAt" AS "queuedAt", c."name" AS "campaignName"
       FROM "CampaignMember" m JOIN "Campaign" c ON c."id" = m."campaignId" LEFT JOIN "OutboxMessage" o ON o."id" = m."emailOutboxId"
      WHERE m."unsubscribeTokenHash" = $1`,
    publicTokenDigest(token),
  );
  return row ?? null;
}

const expired = (row: LinkRow, now: Date) => row.queuedAt === null || row.queuedAt.getTime() + UNSUBSCRIBE_LINK_DAYS * DAY <= now.getTime();

/** What the public page may show: the campaign's name when the link works, "used" once it was used. */
export async function readUnsubscribeLink(token: string, now: Date = clockNow()): Promise<UnsubscribeLink> {
  const row = await findLink(token);
  if (!row) return { state: "invalid" };
  if (row.unsubscribedAt !== null) return { state: "used" };
  if (expired(row, now)) return { state: "invalid" };
  return { state: "valid", campaignName: row.campaignName };
}

export type UnsubscribeOutcome = "unsubscribed" | "used" | "invalid" | "rateLimited";

/**
 * Uses an unsubscribe link: the customer is opted out of email (dncEmail, with its own version bumped),
 * the member becomes OPTED_OUT with unsubscribedAt, an inbound EMAIL touchpoint is recorded and both
 * changes are audited — all in one transaction, and once: the link's unused state is part of the
 * UPDATE's WHERE, so two submissions at once opt out once.
 */
export async function unsubscribeByLink(token: string, ip: string, now: Date = clockNow()): Promise<UnsubscribeOutcome> {
  const prisma = await db();
  if (await publicLinkRateLimited(prisma, UNSUBSCRIBE_ENTITY, ip, now)) return "rateLimited";
  const row = await findLink(token);
  const usable = row !== null && row.unsubscribedAt === null && !expired(row, now);
  const done =
    usable &&
    (await transaction(async (tx) => {
      const { count } = await tx.campaignMember.updateMany({
        where: { id: row.id, unsubscribeTokenHash: publicTokenDigest(token), unsubscribedAt: null },
        data: { unsubscribedAt: now, status: "OPTED_OUT" },
      });
      if (count === 0) return false;
      await writeAudit(tx, { userId: null, action: "UPDATE", entity: "CampaignMember", entityId: row.id, after: { status: "OPTED_OUT", unsubscribed: true, campaignId: row.campaignId }, ip });
      const { count: flagged } = await tx.customer.updateMany({ where: { id: row.customerId, dncEmail: false }, data: { dncEmail: true, dncVersion: { increment: 1 } } });
      if (flagged === 1) await writeAudit(tx, { userId: null, action: "UPDATE", entity: "Customer", entityId: row.customerId, before: { dncEmail: false }, after: { dncEmail: true }, ip });
      await tx.touchpoint.create({
        data: { customerId: row.customerId, channel: "EMAIL", direction: "INBOUND", occurredAt: now, summary: "Unsubscribed from campaign emails (one-click link)", outcome: "opted out", campaignId: row.campaignId },
      });
      return true;
    }));
  if (done) return "unsubscribed";
  await refusePublicLink(prisma, UNSUBSCRIBE_ENTITY, "campaignEmail.unsubscribe", ip);
  // Used before, or by a submission that won the race just now: the customer is opted out either way.
  return row !== null && (row.unsubscribedAt !== null || usable) ? "used" : "invalid";
}

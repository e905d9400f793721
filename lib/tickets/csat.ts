import "server-only";
import { writeAudit } from "@/lib/platform/audit";
import { now as clockNow } from "@/lib/platform/clock";
import { db, transaction, type Tx } from "@/lib/platform/db/prisma";
import { enqueueMail } from "@/lib/platform/mail";
import { publicOrigin } from "@/lib/platform/origin";
import { isPublicTokenShaped, newPublicToken, PUBLIC_LINK_RATE_LIMIT, publicLinkRateLimited, publicTokenDigest as digest, refusePublicLink } from "@/lib/platform/public-link";

/** How long a rating link stays valid after the ticket was resolved. */
export const CSAT_LINK_DAYS = 14;
/** Refused link uses per client address within the window before every use from it is refused (every public link's). */
export const CSAT_RATE_LIMIT = PUBLIC_LINK_RATE_LIMIT;

/**
 * Issues the one-time rating link of a resolved ticket and mails it to the customer (in the caller's
 * transaction). Only the token's SHA-256 is stored: a database reader cannot rate on anyone's behalf.
 * A new link replaces an earlier one (a ticket resolved again after a reopen).
 */
export async function issueCsatLink(tx: Tx, ticket: { id: number; subject: string; to: string | null }, now: Date): Promise<string> {
  const token = newPublicToken();
  await tx.ticket.update({ where: { id: ticket.id }, data: { csatTokenHash: digest(token), csatTokenExpiresAt: new Date(now.getTime() + CSAT_LINK_DAYS * 86_400_000) } });
  if (ticket.to) {
    const link = `${publicOrigin()}/csat/${token}`;
    await enqueueMail(tx, {
      dedupeKey: `csat:${ticket.id}:${digest(token).slice(0, 16)}`,
      to: ticket.to,
      subject: `How did we do? ${ticket.subject} / 服务评价`,
      text: `Your request "${ticket.subject}" was resolved. Please rate our service from 1 to 5:\n${link}\n\n您的请求「${ticket.subject}」已解决。请为我们的服务评分（1–5）：\n${link}\n`,
      entity: "Ticket",
      entityId: ticket.id,
    });
  }
  return token;
}

/** What the public page may show for a link: the ticket's subject, nothing else; null when not usable. */
export async function readCsatLink(token: string, now: Date = clockNow()): Promise<{ subject: string } | null> {
  if (!isPublicTokenShaped(token)) return null;
  const row = await (await db()).ticket.findUnique({ where: { csatTokenHash: digest(token) }, select: { subject: true, csatTokenExpiresAt: true, satisfaction: true } });
  if (!row || row.satisfaction !== null || !row.csatTokenExpiresAt || row.csatTokenExpiresAt.getTime() <= now.getTime()) return null;
  return { subject: row.subject };
}

export type CsatOutcome = "rated" | "invalid" | "rateLimited";

/**
 * Rates a ticket through its link: single use (the rating clears the token in the same UPDATE that
 * requires it), refused after expiry, and rate-limited per client address — every refusal is an
 * audit row, and 20 refusals from one address in 15 minutes close the door to it for a while, so the
 * 256-bit tokens cannot be guessed by volume (they could not anyway; the limit keeps logs sane).
 * Unknown, used and expired links are refused alike: the page tells nobody which it was.
 */
export async function rateByLink(token: string, score: number, ip: string, now: Date = clockNow()): Promise<CsatOutcome> {
  const prisma = await db();
  if (await publicLinkRateLimited(prisma, "Csat", ip, now)) return "rateLimited";
  const valid = isPublicTokenShaped(token) && Number.isInteger(score) && score >= 1 && score <= 5;
  const rated = await transaction(async (tx) => {
    const target = valid ? await tx.ticket.findUnique({ where: { csatTokenHash: digest(token) }, select: { id: true } }) : null;
    if (!target) return false;
    // The token, unused and unexpired, is part of the WHERE: two submissions at once rate once.
    const { count } = await tx.ticket.updateMany({
      where: { id: target.id, csatTokenHash: digest(token), satisfaction: null, csatTokenExpiresAt: { gt: now } },
      data: { satisfaction: score, satisfactionAt: now, satisfactionBy: "customer", csatTokenHash: null, version: { increment: 1 } },
    });
    if (count === 1) await writeAudit(tx, { userId: null, action: "UPDATE", entity: "Ticket", entityId: target.id, after: { satisfaction: score, by: "customer" }, ip });
    return count === 1;
  });
  if (!rated) {
    await refusePublicLink(prisma, "Csat", "csat.rate", ip);
    return "invalid";
  }
  return "rated";
}

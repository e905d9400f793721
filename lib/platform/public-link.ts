import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { writeAudit } from "@/lib/platform/audit";
import type { Db } from "@/lib/platform/db/prisma";

/**
 * What every public link (a URL in a mail that works without signing in: the CSAT rating, the
 * campaign unsubscribe) shares:
 * - the token is 32 random bytes, base64url (43 characters): unguessable;
 * - only its SHA-256 is stored, so a database reader cannot act on anyone's behalf;
 * - refusals are audited (DENIED, the link's entity, the client address) and, past a number of them
 *   from one address within a window, every use from that address is refused for a while — the
 *   tokens cannot be guessed by volume anyway; the limit keeps the logs and the database sane.
 */

export const PUBLIC_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** Refused link uses per client address within the window before every use from it is refused. */
export const PUBLIC_LINK_RATE_LIMIT = { window: 15 * 60_000, refusals: 20 } as const;

export function newPublicToken(): string {
  return randomBytes(32).toString("base64url");
}

export function publicTokenDigest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isPublicTokenShaped(token: unknown): token is string {
  return typeof token === "string" && PUBLIC_TOKEN_PATTERN.test(token);
}

/** True when `ip` has had too many refused uses of `entity`'s links lately. */
export async function publicLinkRateLimited(client: Db, entity: string, ip: string, now: Date, limit: { window: number; refusals: number } = PUBLIC_LINK_RATE_LIMIT): Promise<boolean> {
  const since = new Date(now.getTime() - limit.window);
  const refusals = await client.auditLog.count({ where: { action: "DENIED", entity, ip, at: { gte: since } } });
  return refusals >= limit.refusals;
}

/** Records a refused use (it counts towards the address's limit). */
export async function refusePublicLink(client: Db, entity: string, action: string, ip: string): Promise<void> {
  await writeAudit(client, { userId: null, action: "DENIED", entity, detail: { action }, ip });
}

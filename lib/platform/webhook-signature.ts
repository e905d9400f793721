import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * How far a signed request's timestamp may be from our clock (replays of older requests are
 * refused): 5 minutes. WEBHOOK_TOLERANCE_SECONDS widens it where the app's clock is deliberately not
 * the machine's (the end-to-end run starts its server at a fixed instant).
 */
export const WEBHOOK_TOLERANCE_SECONDS = Number(process.env.WEBHOOK_TOLERANCE_SECONDS) > 0 ? Number(process.env.WEBHOOK_TOLERANCE_SECONDS) : 300;

/** HMAC-SHA256 (hex) of `timestamp` followed by `token`: the scheme mail and telephony providers use. */
export function webhookSignature(secret: string, timestamp: string, token: string): string {
  return createHmac("sha256", secret).update(`${timestamp}${token}`).digest("hex");
}

/**
 * Whether a webhook request is genuine: the signature matches (compared in constant time) and the
 * timestamp (Unix seconds) is within the tolerance of `nowMs`. Any missing or malformed part fails.
 */
export function verifyWebhook(secret: string, fields: { timestamp: unknown; token: unknown; signature: unknown }, nowMs: number): boolean {
  const { timestamp, token, signature } = fields;
  if (typeof timestamp !== "string" || typeof token !== "string" || typeof signature !== "string") return false;
  if (!/^\d{1,12}$/.test(timestamp) || token.length < 8 || token.length > 200 || !/^[0-9a-f]{64}$/.test(signature)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, token), "hex");
  return timingSafeEqual(expected, Buffer.from(signature, "hex"));
}

/** HMAC-SHA256 (hex) of `timestamp.body`: a signature that covers the whole request body (telephony events). */
export function bodySignature(secret: string, timestamp: string, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** Whether a body-signed request is genuine and fresh (constant-time comparison, as verifyWebhook). */
export function verifySignedBody(secret: string, timestamp: string | null, body: string, signature: string | null, nowMs: number): boolean {
  if (timestamp === null || signature === null || !/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) return false;
  return timingSafeEqual(Buffer.from(bodySignature(secret, timestamp, body), "hex"), Buffer.from(signature, "hex"));
}

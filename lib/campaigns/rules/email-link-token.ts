import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed link tokens of campaign emails (pure: the key is the caller's).
 *
 * A tracked link is `/r/<token>`, the token `<purpose>.<member>.<link>.<expiry>.<signature>`: the
 * member id, the link's index in the campaign's template and the expiry (Unix seconds) in base 36, and
 * an HMAC-SHA256 over the purpose and those three values, base64url (43 characters). So a token
 * - cannot be forged or altered without the key (changing the member, the link or the expiry breaks
 *   the signature; the comparison is constant-time);
 * - serves one purpose only: the purpose is signed, so a token made for anything else fails, and the
 *   unsubscribe links are not signed tokens at all (random, stored hashed: a different shape);
 * - expires;
 * - carries no address: the redirect looks the address up in the campaign's template by index, so no
 *   token can send a reader anywhere the template does not link to.
 */

export type LinkTokenPurpose = "click";
export type LinkClaim = { memberId: number; linkIndex: number; expiresAtSec: number };

const TOKEN = /^([a-z]{1,12})\.([0-9a-z]{1,10})\.([0-9a-z]{1,4})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/;
const MAX_ID = 2_147_483_647;

function signature(key: Buffer | string, purpose: string, m: string, l: string, e: string): string {
  return createHmac("sha256", key).update(`summit-link|${purpose}|${m}|${l}|${e}`).digest("base64url");
}

export function signLinkToken(key: Buffer | string, purpose: LinkTokenPurpose, claim: LinkClaim): string {
  const m = claim.memberId.toString(36);
  const l = claim.linkIndex.toString(36);
  const e = Math.floor(claim.expiresAtSec).toString(36);
  return `${purpose}.${m}.${l}.${e}.${signature(key, purpose, m, l, e)}`;
}

/** The claim of a genuine, unexpired token made for `purpose`; null for anything else. */
export function verifyLinkToken(key: Buffer | string, token: string, purpose: LinkTokenPurpose, nowMs: number): LinkClaim | null {
  if (typeof token !== "string" || token.length > 120) return null;
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, tag, m, l, e, sig] = match;
  if (tag !== purpose) return null;
  const expected = Buffer.from(signature(key, purpose, m, l, e));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const claim = { memberId: parseInt(m, 36), linkIndex: parseInt(l, 36), expiresAtSec: parseInt(e, 36) };
  // Canonical form only: the signed text is what was issued, so these hold for every genuine token.
  if (!(claim.memberId >= 1 && claim.memberId <= MAX_ID) || !(claim.linkIndex >= 0)) return null;
  if (claim.expiresAtSec * 1000 <= nowMs) return null;
  return claim;
}

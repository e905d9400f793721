import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The one-time token that guards /setup while no user exists. The server prints it in its log at
 * start; the database keeps only digests (Setting "setupTokens"), one per start of any app server
 * that found no user, so each server's printed link works. 256 random bits: a digest needs no slow
 * hash, and comparison is constant-time.
 */
export const SETUP_TOKENS_KEY = "setupTokens";
/** Starts remembered; older printed links stop working. */
export const MAX_SETUP_TOKENS = 5;

export type SetupTokens = { digests: string[] };

export function setupTokenDigest(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newSetupToken(): { token: string; digest: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, digest: setupTokenDigest(token) };
}

/** Compares against every stored digest without stopping early, so timing tells nothing. */
export function matchesSetupToken(token: string, stored: unknown): boolean {
  const digests = readDigests(stored);
  const candidate = Buffer.from(setupTokenDigest(token), "hex");
  let match = false;
  for (const digest of digests) {
    const known = Buffer.from(digest, "hex");
    if (known.length === candidate.length && timingSafeEqual(known, candidate)) match = true;
  }
  return match;
}

/** The digests in a stored Setting value; anything malformed holds none. */
export function readDigests(stored: unknown): string[] {
  if (typeof stored !== "object" || stored === null) return [];
  const digests = (stored as { digests?: unknown }).digests;
  return Array.isArray(digests) ? digests.filter((d): d is string => typeof d === "string" && /^[0-9a-f]{64}$/.test(d)) : [];
}

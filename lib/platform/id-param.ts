// No imports: the list-query parsers in the features' rules (which also run in the browser) use this too.

/**
 * Record ids are PostgreSQL `integer` columns: 1 .. 2^31-1. A larger number reaching Prisma is not a
 * "not found" but a validation error thrown deep in the query, which surfaced as a 500; so every id
 * that comes from a URL, a form or a client call is checked against this range first.
 */
export const MAX_ID = 2_147_483_647;

const CANONICAL_ID = /^[1-9]\d{0,9}$/;

/**
 * An id from a route or search parameter: only the canonical decimal form of 1..2^31-1 is accepted
 * (no sign, exponent, hex, fraction, leading zero or whitespace); anything else is `null`. A repeated
 * search parameter counts as its first value.
 */
export function parseIdParam(raw: string | readonly string[] | undefined | null): number | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" || !CANONICAL_ID.test(value)) return null;
  const id = Number(value);
  return id <= MAX_ID ? id : null;
}

/**
 * A positive page number from the URL, or `fallback`; bounded like an id so that the offset computed
 * from it stays a plain integer.
 */
export function parsePageParam(raw: string | readonly string[] | undefined | null, fallback = 1): number {
  return parseIdParam(raw) ?? fallback;
}

import { notFound } from "next/navigation";
import { z } from "zod";

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

/** For pages: the id, or the not-found page (a malformed id looks like a missing record). */
export function requireIdParam(raw: string | readonly string[] | undefined | null): number {
  const id = parseIdParam(raw);
  if (id === null) notFound();
  return id;
}

/**
 * A positive page number from the URL, or `fallback`; bounded like an id so that the offset computed
 * from it stays a plain integer.
 */
export function parsePageParam(raw: string | readonly string[] | undefined | null, fallback = 1): number {
  return parseIdParam(raw) ?? fallback;
}

/**
 * An id in a form or a client call: an integer 1..2^31-1, given as a number or as its decimal digits
 * (surrounding spaces allowed, as a browser may send them). `message` is the i18n key of the error.
 */
export function idField(message = "validation.range") {
  return z.union([z.number(), z.string()], { message }).transform((value, ctx) => {
    const id = typeof value === "number" ? value : /^\s*\d{1,10}\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(id) || id < 1 || id > MAX_ID) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return id;
  });
}

/** An optional id: empty, null or missing become `null`. */
export function optionalIdField(message = "validation.range") {
  return z
    .union([z.literal(""), z.null(), idField(message)], { message })
    .optional()
    .transform((v) => (v === "" || v === undefined || v === null ? null : v));
}

import { notFound } from "next/navigation";
import { z } from "zod";
import { MAX_ID, parseIdParam } from "./id-param";

/** For pages: the id, or the not-found page (a malformed id looks like a missing record). */
export function requireIdParam(raw: string | readonly string[] | undefined | null): number {
  const id = parseIdParam(raw);
  if (id === null) notFound();
  return id;
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

import { z } from "zod";
import { MAX_ID } from "./id-param";
import { formatCents, parseCents } from "./money";
import { type Expected, parseSnapshot, parseVersion, type Snapshot, snapshotFrom } from "./concurrency";

/**
 * Zod fields for how browsers post forms, shared by the actions' schemas. A form sends every field as
 * text: a checkbox is "on" or absent, a confirm button "yes" or absent, an untouched select "".
 */

/** A checkbox: checked when the browser sent "on" (or a client sent `true`). */
export function checkbox() {
  return z.unknown().optional().transform((v) => v === true || v === "on" || v === "true");
}

/** A confirmation button (`name="confirmX" value="yes"`): anything else means not confirmed. */
export function yesFlag() {
  return z.unknown().optional().transform((v) => v === "yes");
}

/** An empty field counts as not sent, so `.optional()` applies and `z.coerce` never reads "" as 0. */
export function blankAsMissing<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema);
}

// Text fields: messages are i18n keys under validation.*; forms translate them next to the field.
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => (v ? v : null));

export const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{4,24}$/;

/** An optional email, lower-cased; empty becomes null. */
export const emailField = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "validation.tooLong")
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.email("validation.email").nullable());

export const phoneField = () => optionalText(30).refine((v) => v === null || PHONE_PATTERN.test(v), "validation.phone");

/**
 * The version a form loaded (hidden `version` input): an int4 from 1 up, or 0 for a setting still at
 * its defaults (lib/platform/concurrency.ts parseVersion). The form always sends it, so an invalid one
 * means the request did not come from our form: list it in the action's `refuseOn`.
 */
export function versionField(message = "validation.range") {
  return z.unknown().transform((value, ctx) => {
    const version = parseVersion(value);
    if (version === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return version;
  });
}

/**
 * The snapshot a form was built from (hidden `snapshot` input, JSON text; a client call may send the
 * object itself). Malformed or missing is no snapshot, never an error: only the conflict report
 * depends on it, the version alone decides the write.
 */
export function snapshotField() {
  return z
    .unknown()
    .optional()
    .transform((value): Snapshot | null => (typeof value === "string" ? parseSnapshot(value) : value === undefined || value === null ? null : snapshotFrom(value)));
}

/** Version + snapshot as the data layer's `Expected` (see lib/platform/concurrency.ts). */
export function expectedOf(input: { version: number; snapshot?: Snapshot | null }): Expected {
  return { version: input.version, seen: input.snapshot ?? null };
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

/**
 * Money as an exact decimal string: not negative, at most 12 digits before the point and two after
 * (what Decimal(14,2) holds), normalised to two places ("12.5" → "12.50"); never a float.
 */
export const moneyField = (message: string) =>
  z
    .string()
    .trim()
    .min(1, "validation.required")
    .refine((v) => {
      const c = parseCents(v);
      return c !== null && c >= 0n;
    }, message)
    .transform((v) => formatCents(parseCents(v)!));

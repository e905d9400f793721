import { z } from "zod";
import { decodeBinCursor } from "@/lib/recycle-bin/rules/cursor";
import { idField } from "@/lib/platform/form-fields";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : typeof value === "string" ? value.trim() : value);

/** The bin's filters from the URL: what kind of record, a name search, the keyset position. */
export const binFilterSchema = z.object({
  type: z.preprocess(blankToUndefined, z.enum(["Customer", "Contact"], { message: "recycleBin.errors.type" }).optional()),
  q: z.preprocess(blankToUndefined, z.string().max(100, "recycleBin.errors.q").optional()),
  after: z.preprocess(blankToUndefined, z.string().refine((v) => decodeBinCursor(v) !== null, "recycleBin.errors.cursor").optional()),
});

export type BinFilters = z.output<typeof binFilterSchema>;

export function parseBinFilters(params: Record<string, string | string[] | undefined>): { ok: true; filters: BinFilters } | { ok: false; errors: Record<string, string> } {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = binFilterSchema.safeParse(flat);
  if (parsed.success) return { ok: true, filters: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[issue.path.map(String).join(".") || "form"] ??= issue.message;
  return { ok: false, errors };
}

const binType = z.enum(["Customer", "Contact"], { message: "errors.notAllowed" });

/** A restore button posts the record's kind and id (hidden fields: anything else did not come from our page). */
export const binRecordSchema = z.object({ type: binType, id: idField() });

/** "Purge now" also needs the admin to have ticked the confirmation. */
export const purgeNowSchema = binRecordSchema.extend({
  confirm: z.literal("yes", { message: "recycleBin.errors.confirm" }),
});

import { z } from "zod";
import { idField } from "@/lib/platform/form-fields";

// Messages are i18n keys; forms translate them next to the field.
const id = idField();

/** A month as YYYY-MM: targets are monthly, stored as the first day of the month (UTC). */
export const targetMonthSchema = z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "salesTargets.errors.month");

/** Yuan, at least 0, at most two decimals and within numeric(14,2); separators a user may type are dropped. */
export const targetAmountSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/[,\s¥]/g, ""))
  .pipe(z.string().min(1, "validation.required").regex(/^\d{1,12}(\.\d{1,2})?$/, "salesTargets.errors.amount"));

/** One target: for a rep (userId) or a team (teamId), never both. */
export const salesTargetInputSchema = z
  .object({
    userId: id.optional(),
    teamId: id.optional(),
    month: targetMonthSchema,
    amount: targetAmountSchema,
  })
  .refine((v) => (v.userId === undefined) !== (v.teamId === undefined), { message: "salesTargets.errors.owner", path: ["userId"] });
export type SalesTargetInput = z.infer<typeof salesTargetInputSchema>;

/**
 * One cell of the targets table as the form posts it: `amount` empty clears the target; `was` is the
 * amount the editor loaded, so a save over someone else's change is caught (optimistic concurrency
 * on the value itself — a target has no other field to conflict on).
 */
export const targetCellSchema = z.object({
  kind: z.enum(["user", "team"]),
  id,
  month: targetMonthSchema,
  amount: z.union([z.literal("").transform(() => null), targetAmountSchema]),
  was: z.union([z.literal("").transform(() => null), targetAmountSchema]),
  /** The stored target's version as loaded; empty when there was none (lib/platform/concurrency.ts). */
  version: z.union([z.literal("").transform(() => null), id]).optional(),
});
export type TargetCell = z.infer<typeof targetCellSchema>;

/** Form field names of a cell: `amount:user:12:2026-11`, `was:user:12:2026-11` and `ver:user:12:2026-11`. */
export function cellName(field: "amount" | "was" | "ver", kind: "user" | "team", ownerId: number, month: string): string {
  return `${field}:${kind}:${ownerId}:${month}`;
}

export function parseCellName(name: string): { field: "amount" | "was" | "ver"; kind: string; id: string; month: string } | null {
  const m = /^(amount|was|ver):(user|team):(\d+):(\d{4}-\d{2})$/.exec(name);
  return m ? { field: m[1] as "amount" | "was" | "ver", kind: m[2], id: m[3], month: m[4] } : null;
}

/** A cell's key in a conflict report: `user:12:2026-11`. */
export function cellKey(kind: "user" | "team", ownerId: number, month: string): string {
  return `${kind}:${ownerId}:${month}`;
}

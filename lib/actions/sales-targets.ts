"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { ConflictError } from "@/lib/dal/errors";
import { saveSalesTargets } from "@/lib/dal/sales-targets";
import { parseCellName, type TargetCell, targetCellSchema } from "@/lib/validation/sales-target";
import { dalFailure, type FormFailure } from "./form-result";

export type TargetsFormResult =
  | { ok: true; message: string; changed: number }
  | (FormFailure & { values?: Record<string, string> })
  | null;

/**
 * Saves the targets table. Each cell posts its amount, the amount it was loaded with and the stored
 * target's version; cells whose amount did not change are skipped, so saving the table touches only
 * what the user edited.
 */
export async function saveSalesTargetsAction(_prev: TargetsFormResult, formData: FormData): Promise<TargetsFormResult> {
  const user = await requireUser();
  const raw = new Map<string, { kind: string; id: string; month: string; amount?: string; was?: string; ver?: string }>();
  const values: Record<string, string> = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const parsed = parseCellName(name);
    if (!parsed) continue;
    const key = `${parsed.kind}:${parsed.id}:${parsed.month}`;
    const cell = raw.get(key) ?? { kind: parsed.kind, id: parsed.id, month: parsed.month };
    cell[parsed.field] = value;
    raw.set(key, cell);
    if (parsed.field === "amount") values[name] = value;
  }
  const cells: TargetCell[] = [];
  const fieldErrors: Record<string, string> = {};
  for (const [key, cell] of raw) {
    const result = targetCellSchema.safeParse({ kind: cell.kind, id: cell.id, month: cell.month, amount: cell.amount ?? "", was: cell.was ?? "", version: cell.ver ?? "" });
    if (result.success) {
      if (cell.amount?.trim() !== (cell.was ?? "").trim()) cells.push(result.data);
    } else {
      fieldErrors[`amount:${key}`] = result.error.issues[0]?.message ?? "validation.fix";
    }
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors, message: "validation.fix", values };
  try {
    const { changed } = await saveSalesTargets(user, cells);
    revalidatePath("/admin/targets");
    revalidatePath("/dashboards/pipeline");
    return { ok: true, message: changed > 0 ? "salesTargets.saved" : "salesTargets.nothingChanged", changed };
  } catch (error) {
    if (error instanceof ConflictError) return { ok: false, fieldErrors: {}, message: "salesTargets.errors.conflict", values, conflict: error.toView() };
    return { ...dalFailure(error), values };
  }
}

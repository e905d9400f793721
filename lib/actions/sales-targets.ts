"use server";

import { z } from "zod";
import { ConflictError } from "@/lib/dal/errors";
import { saveSalesTargets, type TargetConflict } from "@/lib/dal/sales-targets";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { parseCellName, type TargetCell, targetCellSchema } from "@/lib/validation/sales-target";

export type TargetsFormResult = FormResult<{ message: string; changed: number }, { conflicts: TargetConflict[] }>;

type RawCell = { kind: string; id: string; month: string; amount?: string; was?: string };

/**
 * The targets table: each cell posts its amount (`amount:user:12:2026-11`) and the amount it was
 * loaded with (`was:…`). Cells whose amount did not change are dropped here, so saving the table
 * touches only what the user edited; an invalid cell is an error on that cell's field.
 */
const tableSchema = z.record(z.string(), z.string()).transform((fields, ctx) => {
  const raw = new Map<string, RawCell>();
  for (const [name, value] of Object.entries(fields)) {
    const parsed = parseCellName(name);
    if (!parsed) continue;
    const key = `${parsed.kind}:${parsed.id}:${parsed.month}`;
    const cell = raw.get(key) ?? { kind: parsed.kind, id: parsed.id, month: parsed.month };
    cell[parsed.field] = value;
    raw.set(key, cell);
  }
  const cells: TargetCell[] = [];
  for (const [key, cell] of raw) {
    const result = targetCellSchema.safeParse({ ...cell, amount: cell.amount ?? "", was: cell.was ?? "" });
    if (!result.success) ctx.addIssue({ code: "custom", path: [`amount:${key}`], message: result.error.issues[0]?.message ?? "validation.fix" });
    else if (cell.amount?.trim() !== (cell.was ?? "").trim()) cells.push(result.data);
  }
  return cells;
});

export const saveSalesTargetsAction = formAction({
  name: "salesTargets.save",
  schema: tableSchema,
  handler: async (cells, user) => {
    try {
      const { changed } = await saveSalesTargets(user, cells);
      return { ok: true, message: changed > 0 ? "salesTargets.saved" : "salesTargets.nothingChanged", changed };
    } catch (error) {
      // The cells someone else changed meanwhile, each with its amount now.
      if (!(error instanceof ConflictError)) throw error;
      return { ok: false, fieldErrors: {}, message: "salesTargets.errors.conflict", conflicts: (error.current.conflicts ?? []) as TargetConflict[] };
    }
  },
  revalidate: ["/admin/targets", "/dashboards/pipeline"],
});

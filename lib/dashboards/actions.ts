"use server";

import { z } from "zod";
import { saveSalesTargets } from "@/lib/dashboards/targets";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { parseCellName, type TargetCell, targetCellSchema } from "@/lib/dashboards/schema";

export type TargetsFormResult = FormResult<{ message: string; changed: number }>;

type RawCell = { kind: string; id: string; month: string; amount?: string; was?: string; ver?: string };

/**
 * The targets table: each cell posts its amount (`amount:user:12:2026-11`), the amount it was loaded
 * with (`was:…`) and the stored target's version (`ver:…`, empty when there was none). Cells whose amount did not change are dropped here, so saving the table
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
    const result = targetCellSchema.safeParse({ kind: cell.kind, id: cell.id, month: cell.month, amount: cell.amount ?? "", was: cell.was ?? "", version: cell.ver ?? "" });
    if (!result.success) ctx.addIssue({ code: "custom", path: [`amount:${key}`], message: result.error.issues[0]?.message ?? "validation.fix" });
    else if (cell.amount?.trim() !== (cell.was ?? "").trim()) cells.push(result.data);
  }
  return cells;
});

export const saveSalesTargetsAction = formAction({
  name: "salesTargets.save",
  schema: tableSchema,
  // A conflict lists the cells someone else changed meanwhile, each with its amount and version now.
  messages: { conflict: "salesTargets.errors.conflict" },
  handler: async (cells, user) => {
    const { changed } = await saveSalesTargets(user, cells);
    return { ok: true, message: changed > 0 ? "salesTargets.saved" : "salesTargets.nothingChanged", changed };
  },
  revalidate: ["/admin/targets", "/dashboards/pipeline"],
});

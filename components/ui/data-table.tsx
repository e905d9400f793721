import type { ReactNode } from "react";
import { cn } from "./cn";

export type Column<T> = { key: string; header: string; cell: (row: T) => ReactNode; numeric?: boolean; rowHeader?: boolean };

/** A plain semantic table: header cells with scope (a `rowHeader` column names its row), numbers right-aligned. */
export function DataTable<T>({ columns, rows, rowKey, caption, empty }: { columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string | number; caption?: string; empty?: string }) {
  if (rows.length === 0 && empty) return <p className="py-4 text-center text-sm text-slate-600">{empty}</p>;
  return (
    <table className="w-full border-collapse text-sm">
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      <thead>
        <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
          {columns.map((c) => (
            <th key={c.key} scope="col" className={cn("px-2 py-1.5 font-medium", c.numeric && "text-right")}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className="border-b border-slate-100 last:border-0">
            {columns.map((c) =>
              c.rowHeader ? (
                <th key={c.key} scope="row" className={cn("px-2 py-1.5 font-normal", c.numeric && "text-right tabular-nums")}>
                  {c.cell(row)}
                </th>
              ) : (
                <td key={c.key} className={cn("px-2 py-1.5", c.numeric && "text-right tabular-nums")}>
                  {c.cell(row)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

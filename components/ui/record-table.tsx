import type { ReactNode } from "react";
import { cn } from "./cn";

export type RecordColumn = { key: string; header: string; numeric?: boolean };

/**
 * The bordered, horizontally scrolling table of the record lists (audit log, recycle bin, outbox,
 * users, teams): a screen-reader caption and scoped column headers. The caller renders the body —
 * one <tbody>, or one per record when a record spans rows (a row and its edit form) — because the
 * cells differ too much (disclosures, badges, buttons) for a column-cell function to pay off.
 */
export function RecordTable({ caption, columns, children }: { caption: string; columns: RecordColumn[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={cn("px-3 py-2", c.numeric && "text-right")}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}

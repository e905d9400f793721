"use client";

import { useTranslations } from "next-intl";

export type PreviewRow = { line: number; cells: string[]; errors: { field: string; message: string }[] };

/**
 * The check step of a CSV import (customers, leads): how many rows are valid, then the first rows as
 * read with each row's problems, so the user fixes the file or the mapping before anything is written.
 * `fieldLabel` names a field in the importing feature's words; "row" problems have no field.
 */
export function ImportPreview({ headers, rows, total, invalid, fieldLabel }: { headers: string[]; rows: PreviewRow[]; total: number; invalid: number; fieldLabel: (field: string) => string }) {
  const t = useTranslations();
  const problem = (e: PreviewRow["errors"][number]) => (e.field === "row" ? t(e.message) : `${fieldLabel(e.field)}: ${t(e.message)}`);
  return (
    <>
      <p className="text-sm" role="status">
        {t("import.validity", { total, invalid })}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="text-left text-sm font-medium">{t("import.previewCaption")}</caption>
          <thead>
            <tr>
              <th scope="col" className="px-2 py-1">
                {t("import.line")}
              </th>
              {headers.map((h, i) => (
                <th key={i} scope="col" className="px-2 py-1">
                  {h}
                </th>
              ))}
              <th scope="col" className="px-2 py-1">
                {t("import.problems")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.line} className={row.errors.length ? "bg-red-50" : ""}>
                <td className="border-t border-slate-100 px-2 py-1">{row.line}</td>
                {headers.map((_, i) => (
                  <td key={i} className="border-t border-slate-100 px-2 py-1">
                    {row.cells[i] ?? ""}
                  </td>
                ))}
                <td className="border-t border-slate-100 px-2 py-1 text-red-800">{row.errors.map(problem).join("; ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

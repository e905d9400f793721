import { getTranslations } from "next-intl/server";
import { describeChanges } from "@/lib/audit/rules/changes";

/**
 * An entry's before/after behind a disclosure: a field / before / after table for a change, a
 * detail / value table for anything else (what was refused, an export's filters).
 */
export async function ChangeTable({ entryId, changes }: { entryId: string; changes: unknown }) {
  const t = await getTranslations("audit");
  const view = describeChanges(changes);
  if (view.kind === "none") return <span className="text-slate-500">{t("noChanges")}</span>;
  const cell = "px-2 py-1 align-top break-words";
  return (
    <details data-testid="audit-changes">
      <summary className="cursor-pointer text-brand-700 underline">{view.kind === "diff" ? t("showChanges", { count: view.rows.length }) : t("showDetail")}</summary>
      <table className="mt-2 w-full min-w-[20rem] table-fixed border border-slate-200 text-xs">
        <caption className="sr-only">{t("change.caption", { id: entryId })}</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          {view.kind === "diff" ? (
            <tr>
              <th scope="col" className={`${cell} w-1/4`}>{t("change.field")}</th>
              <th scope="col" className={cell}>{t("change.before")}</th>
              <th scope="col" className={cell}>{t("change.after")}</th>
            </tr>
          ) : (
            <tr>
              <th scope="col" className={`${cell} w-1/4`}>{t("change.key")}</th>
              <th scope="col" className={cell}>{t("change.value")}</th>
            </tr>
          )}
        </thead>
        <tbody>
          {view.kind === "diff"
            ? view.rows.map((r) => (
                <tr key={r.field} className="border-t border-slate-100">
                  <th scope="row" className={`${cell} font-mono font-normal`}>{r.field}</th>
                  <td className={`${cell} text-red-800`}>{r.before}</td>
                  <td className={`${cell} text-emerald-800`}>{r.after}</td>
                </tr>
              ))
            : view.rows.map((r) => (
                <tr key={r.key} className="border-t border-slate-100">
                  <th scope="row" className={`${cell} font-mono font-normal`}>{r.key}</th>
                  <td className={cell}>{r.value}</td>
                </tr>
              ))}
        </tbody>
      </table>
    </details>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { Button } from "@/components/ui/button";
import { ConflictPanel } from "@/components/ui/conflict-panel";
import { FormMessage } from "@/components/ui/form-message";
import { saveSalesTargetsAction, type TargetsFormResult } from "@/lib/dashboards/actions";
import type { TargetGrid } from "@/lib/dashboards/targets";
import { formatMoney } from "@/lib/platform/format";
import { cellKey, cellName } from "@/lib/dashboards/schema";

type Rebase = { grid: string; cells: Record<string, { was: string; ver: string }> };

/**
 * The targets table: one input per team/rep and month. Each input travels with the amount it was
 * loaded with and the target's version, so the server saves only changed cells and refuses to
 * overwrite someone else's change (the conflict panel lists those cells; "save mine" saves the typed
 * amounts over the amounts stored now, itself refused again if a third save comes first).
 */
export function TargetsEditor({ grid }: { grid: TargetGrid }) {
  const t = useTranslations();
  const [result, action, pending] = useActionState<TargetsFormResult, FormData>(saveSalesTargetsAction, null);
  const failed = result && !result.ok ? result : null;
  const submitted = failed?.values;
  const gridKey = JSON.stringify(grid.rows.map((r) => [r.amounts, r.versions]));
  // Remount after every answer so the inputs show either what the server now holds or what was typed.
  const formKey = `${gridKey}:${result ? JSON.stringify(result) : ""}`;
  const formRef = useRef<HTMLFormElement>(null);
  // Cells rebased onto the stored amounts by "save mine"; a new grid from the server replaces them.
  const [rebase, setRebase] = useState<Rebase | null>(null);
  const rebased = rebase?.grid === gridKey ? rebase.cells : {};
  const conflict = failed?.conflict;
  const label = (row: TargetGrid["rows"][number]) => (row.kind === "team" ? t("salesTargets.teamRow", { team: row.name }) : row.name);
  const cellLabel = (key: string) => {
    const [kind, id, month] = key.split(":");
    const row = grid.rows.find((r) => r.kind === kind && String(r.id) === id);
    return row ? `${label(row)} · ${month}` : key;
  };
  const overwrite = () => {
    if (!conflict?.versions) return;
    const cells = { ...rebased };
    for (const [key, version] of Object.entries(conflict.versions)) cells[key] = { was: conflict.current[key] ?? "", ver: version === null ? "" : String(version) };
    flushSync(() => setRebase({ grid: gridKey, cells }));
    formRef.current?.requestSubmit();
  };
  return (
    <form ref={formRef} key={formKey} action={action} className="flex flex-col gap-4" noValidate>
      {result?.ok ? <FormMessage tone="success">{t(result.message)}</FormMessage> : null}
      {failed?.message ? <FormMessage tone="error">{t(failed.message)}</FormMessage> : null}
      {conflict ? <ConflictPanel conflict={conflict} label={cellLabel} show={(_f, v) => formatMoney(v)} yours={(f) => submitted?.[`amount:${f}`]} onOverwrite={overwrite} pending={pending} /> : null}
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{t("salesTargets.title")}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="px-2 py-1.5 font-medium">
                {t("salesTargets.name")}
              </th>
              {grid.months.map((m) => (
                <th key={m} scope="col" className="px-2 py-1.5 text-right font-medium">
                  {m}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((row) => (
              <tr key={`${row.kind}:${row.id}`} className={row.kind === "team" ? "border-b border-slate-200 bg-slate-50 font-medium" : "border-b border-slate-100"}>
                <th scope="row" className="px-2 py-1.5 text-left font-medium">
                  {label(row)}
                </th>
                {grid.months.map((m) => {
                  const name = cellName("amount", row.kind, row.id, m);
                  const loaded = row.amounts[m] ?? "";
                  const base = rebased[cellKey(row.kind, row.id, m)];
                  const error = failed?.fieldErrors[name];
                  const errorId = `${name}-error`;
                  return (
                    <td key={m} className="px-1 py-1 align-top">
                      <input type="hidden" name={cellName("was", row.kind, row.id, m)} value={base ? base.was : loaded} />
                      <input type="hidden" name={cellName("ver", row.kind, row.id, m)} value={base ? base.ver : String(row.versions[m] ?? "")} />
                      <input
                        name={name}
                        inputMode="decimal"
                        defaultValue={submitted?.[name] ?? loaded}
                        aria-label={t("salesTargets.cellLabel", { name: label(row), month: m })}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? errorId : undefined}
                        className={`w-28 rounded-md border px-2 py-1 text-right tabular-nums ${error ? "border-red-500" : "border-slate-300"}`}
                      />
                      {error ? (
                        <p id={errorId} className="mt-0.5 max-w-28 text-xs text-red-700">
                          {t(error)}
                        </p>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("salesTargets.saving") : t("salesTargets.save")}
        </Button>
      </div>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { ColumnMappingFields } from "@/components/import/column-mapping";
import { ImportPreview } from "@/components/import/import-preview";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { MAX_IMPORT_BYTES } from "@/lib/domain/customers/csv-import";
import { LEAD_IMPORT_FIELDS, LEAD_REQUIRED_FIELDS, type LeadColumnMapping, type LeadRowError } from "@/lib/domain/leads/csv-import";
import type { LeadImportReport } from "@/lib/dal/lead-import";

type Problem = { code: string; [arg: string]: string | number };
type Preview = {
  headers: string[];
  encoding: string;
  mapping: LeadColumnMapping;
  problem: Problem | null;
  total: number;
  invalid: number;
  preview: { line: number; cells: string[]; errors: LeadRowError[] }[];
};

/**
 * Upload → map columns and preview per-row errors → import (one transaction) → report. The file
 * stays in the browser between steps; the server keeps no upload state. File reading and error
 * messages are the customer import's (import.* messages).
 */
export function LeadImportWizard({ roundRobinAvailable }: { roundRobinAvailable: boolean }) {
  const t = useTranslations();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<LeadColumnMapping>({});
  const [roundRobin, setRoundRobin] = useState(false);
  const [error, setError] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<LeadImportReport | null>(null);
  const reportRef = useRef<HTMLHeadingElement>(null);

  async function post(url: string, body: FormData): Promise<unknown> {
    const res = await fetch(url, { method: "POST", body });
    return res.json();
  }

  async function loadPreview(chosen: File, withMapping?: LeadColumnMapping) {
    setError(null);
    setReport(null);
    if (chosen.size > MAX_IMPORT_BYTES) {
      setError({ code: "import.errors.tooLarge", maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
      return;
    }
    const body = new FormData();
    body.set("file", chosen);
    if (withMapping) body.set("mapping", JSON.stringify(withMapping));
    setBusy(true);
    try {
      const json = (await post("/leads/import/preview", body)) as Preview | { error: Problem };
      if ("error" in json) {
        setError(json.error);
        setPreview(null);
      } else {
        setPreview(json);
        setMapping(json.mapping);
      }
    } catch {
      setError({ code: "import.errors.failed" });
    } finally {
      setBusy(false);
    }
  }

  async function run() {
    if (!file) return;
    const body = new FormData();
    body.set("file", file);
    body.set("mapping", JSON.stringify(mapping));
    if (roundRobin) body.set("roundRobin", "yes");
    setBusy(true);
    setError(null);
    try {
      const json = (await post("/leads/import/run", body)) as LeadImportReport | { error: Problem };
      if ("error" in json) setError(json.error);
      else {
        setReport(json);
        setTimeout(() => reportRef.current?.focus(), 0);
      }
    } catch {
      setError({ code: "import.errors.failed" });
    } finally {
      setBusy(false);
    }
  }

  const missing = LEAD_REQUIRED_FIELDS.filter((f) => mapping[f] === null || mapping[f] === undefined);
  return (
    <div className="flex flex-col gap-4">
      <section aria-labelledby="li-step1" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="li-step1" className="text-lg font-semibold">
          {t("import.step1")}
        </h2>
        <p className="text-sm text-slate-600">{t("leadImport.fileHint", { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 })}</p>
        <label htmlFor="li-file" className="text-sm font-medium text-slate-700">
          {t("import.file")}
        </label>
        <input
          id="li-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            setFile(chosen);
            setPreview(null);
            if (chosen) void loadPreview(chosen);
          }}
        />
        {busy ? <p role="status">{t("common.loading")}</p> : null}
        {error ? <FormMessage tone="error">{t(error.code, error)}</FormMessage> : null}
      </section>

      {preview && !report ? (
        <section aria-labelledby="li-step2" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="li-step2" className="text-lg font-semibold">
            {t("import.step2")}
          </h2>
          <ColumnMappingFields fields={LEAD_IMPORT_FIELDS} required={LEAD_REQUIRED_FIELDS} headers={preview.headers} mapping={mapping} onChange={setMapping} fieldLabel={(f) => t(`leadImport.fields.${f}`)} />
          <div>
            <Button variant="secondary" disabled={busy || !file} onClick={() => file && void loadPreview(file, mapping)}>
              {t("import.recheck")}
            </Button>
          </div>
          {preview.problem ? <FormMessage tone="error">{t(preview.problem.code, preview.problem)}</FormMessage> : null}
          {missing.length > 0 && !preview.problem ? <FormMessage tone="error">{t("import.errors.missingColumns", { columns: missing.join(", ") })}</FormMessage> : null}
          {!preview.problem ? (
            <>
              <ImportPreview headers={preview.headers} rows={preview.preview} total={preview.total} invalid={preview.invalid} fieldLabel={(f) => t(`leadImport.fields.${f}`)} />
              {roundRobinAvailable ? (
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={roundRobin} onChange={(e) => setRoundRobin(e.target.checked)} />
                  {t("leadImport.roundRobin")}
                </label>
              ) : null}
              <div>
                <Button disabled={busy || missing.length > 0} onClick={() => void run()}>
                  {t("import.run", { rows: preview.total })}
                </Button>
              </div>
            </>
          ) : null}
        </section>
      ) : null}

      {report ? (
        <section aria-labelledby="li-report" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="li-report" ref={reportRef} tabIndex={-1} className="text-lg font-semibold outline-none">
            {t("import.reportTitle")}
          </h2>
          <dl className="flex flex-wrap gap-6 text-sm" data-testid="lead-import-summary">
            {(["imported", "skipped", "failed"] as const).map((k) => (
              <div key={k}>
                <dt className="text-slate-500">{t(`import.status.${k}`)}</dt>
                <dd className="text-lg font-semibold tabular-nums">{report[k]}</dd>
              </div>
            ))}
          </dl>
          {report.rows.some((r) => r.status !== "imported") ? (
            <table className="w-full text-left text-sm">
              <caption className="text-left text-sm font-medium">{t("leadImport.notImported")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="px-2 py-1">
                    {t("import.line")}
                  </th>
                  <th scope="col" className="px-2 py-1">
                    {t("import.statusLabel")}
                  </th>
                  <th scope="col" className="px-2 py-1">
                    {t("import.reason")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.rows
                  .filter((r) => r.status !== "imported")
                  .slice(0, 200)
                  .map((r) => (
                    <tr key={r.line}>
                      <td className="border-t border-slate-100 px-2 py-1">{r.line}</td>
                      <td className="border-t border-slate-100 px-2 py-1">{t(`import.status.${r.status}`)}</td>
                      <td className="border-t border-slate-100 px-2 py-1">
                        {r.reason ? t(r.reason) : ""} {r.detail ?? ""}
                        {r.errors?.map((e) => `${e.field === "row" ? "" : `${t(`leadImport.fields.${e.field}`)}: `}${t(e.message)}`).join("; ")}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

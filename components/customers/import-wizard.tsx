"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { ColumnMappingFields } from "@/components/import/column-mapping";
import { ImportPreview } from "@/components/import/import-preview";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { ImportOutcome, ImportReport } from "@/lib/dal/customer-import";
import { type ColumnMapping, DUPLICATE_MODES, type DuplicateMode, IMPORT_FIELDS, MAX_IMPORT_BYTES, REQUIRED_FIELDS, type RowError } from "@/lib/domain/customers/csv-import";

type Problem = { code: string; [arg: string]: string | number };
type Preview = {
  headers: string[];
  delimiter: string;
  encoding: string;
  mapping: ColumnMapping;
  problem: Problem | null;
  total: number;
  invalid: number;
  preview: { line: number; cells: string[]; errors: RowError[] }[];
};

function reportCsv(rows: ImportOutcome[], t: (key: string) => string): string {
  const esc = (v: string | number | undefined) => `"${String(v ?? "").replace(/"/g, '""')}"`;
  const lines = [["line", "status", "customerId", "name", "reason", "detail"].join(",")];
  for (const r of rows) lines.push([r.line, t(`import.status.${r.status}`), r.customerId ?? "", r.name ?? "", r.reason ? t(r.reason) : "", r.detail ?? ""].map(esc).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/**
 * Upload → map columns and preview → choose what to do with duplicates → import with a progress
 * bar → report. The file stays in the browser between steps and is sent again for the run, so the
 * server keeps no upload state.
 */
export function ImportWizard() {
  const t = useTranslations();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [mode, setMode] = useState<DuplicateMode>("skip");
  const [error, setError] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const reportRef = useRef<HTMLHeadingElement>(null);

  const message = (p: Problem) => t(p.code, p);

  async function loadPreview(chosen: File, withMapping?: ColumnMapping) {
    setError(null);
    setReport(null);
    if (chosen.size > MAX_IMPORT_BYTES) {
      setError({ code: "import.errors.tooLarge", maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
      setPreview(null);
      return;
    }
    const body = new FormData();
    body.set("file", chosen);
    if (withMapping) body.set("mapping", JSON.stringify(withMapping));
    setBusy(true);
    try {
      const res = await fetch("/customers/import/preview", { method: "POST", body });
      const json = (await res.json()) as Preview | { error: Problem };
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
    if (!file || !preview) return;
    const body = new FormData();
    body.set("file", file);
    body.set("mapping", JSON.stringify(mapping));
    body.set("mode", mode);
    setBusy(true);
    setError(null);
    setProgress({ done: 0, total: preview.total });
    try {
      const res = await fetch("/customers/import/run", { method: "POST", body });
      if (!res.ok || !res.body) {
        const json = (await res.json().catch(() => ({ error: { code: "import.errors.failed" } }))) as { error: Problem };
        setError(json.error);
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const parts = buffer.split("\n");
        buffer = parts.pop() ?? "";
        for (const line of parts.filter(Boolean)) {
          const event = JSON.parse(line) as { type: "progress"; done: number; total: number } | ({ type: "report" } & ImportReport) | { type: "error"; code: string };
          if (event.type === "progress") setProgress({ done: event.done, total: event.total });
          else if (event.type === "report") {
            setReport(event);
            setTimeout(() => reportRef.current?.focus(), 0);
          } else setError({ code: event.code });
        }
      }
    } catch {
      setError({ code: "import.errors.failed" });
    } finally {
      setBusy(false);
    }
  }

  function downloadReport() {
    if (!report) return;
    const url = URL.createObjectURL(new Blob([reportCsv(report.rows, t)], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "import-report.csv";
    a.click();
    URL.revokeObjectURL(url);
  }

  const missing = REQUIRED_FIELDS.filter((f) => mapping[f] === null || mapping[f] === undefined);
  return (
    <div className="flex flex-col gap-4">
      <section aria-labelledby="import-step1" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="import-step1" className="text-lg font-semibold">
          {t("import.step1")}
        </h2>
        <p className="text-sm text-slate-600">{t("import.fileHint", { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 })}</p>
        <label htmlFor="import-file" className="text-sm font-medium text-slate-700">
          {t("import.file")}
        </label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            setFile(chosen);
            setPreview(null);
            if (chosen) void loadPreview(chosen);
          }}
        />
        {busy && !progress ? <p role="status">{t("common.loading")}</p> : null}
        {error ? <FormMessage tone="error">{message(error)}</FormMessage> : null}
      </section>

      {preview && !report ? (
        <section aria-labelledby="import-step2" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="import-step2" className="text-lg font-semibold">
            {t("import.step2")}
          </h2>
          <p className="text-sm text-slate-600">{t("import.detected", { rows: preview.total, encoding: preview.encoding, delimiter: preview.delimiter === "\t" ? "Tab" : preview.delimiter })}</p>
          <ColumnMappingFields fields={IMPORT_FIELDS} required={REQUIRED_FIELDS} headers={preview.headers} mapping={mapping} onChange={setMapping} fieldLabel={(f) => t(`import.fields.${f}`)} />
          <div>
            <Button variant="secondary" disabled={busy || !file} onClick={() => file && void loadPreview(file, mapping)}>
              {t("import.recheck")}
            </Button>
          </div>
          {preview.problem ? <FormMessage tone="error">{message(preview.problem)}</FormMessage> : null}
          {missing.length > 0 && !preview.problem ? <FormMessage tone="error">{t("import.errors.missingColumns", { columns: missing.join(", ") })}</FormMessage> : null}
          {!preview.problem ? (
            <>
              <ImportPreview headers={preview.headers} rows={preview.preview} total={preview.total} invalid={preview.invalid} fieldLabel={(f) => t(`import.fields.${f}`)} />
              <fieldset className="flex flex-col gap-1">
                <legend className="mb-1 text-sm font-medium">{t("import.duplicates")}</legend>
                {DUPLICATE_MODES.map((m) => (
                  <label key={m} className="flex items-center gap-2 text-sm">
                    <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                    {t(`import.modes.${m}`)}
                  </label>
                ))}
              </fieldset>
              <div>
                <Button disabled={busy || missing.length > 0} onClick={() => void run()}>
                  {t("import.run", { rows: preview.total })}
                </Button>
              </div>
            </>
          ) : null}
          {progress ? (
            <div className="flex flex-col gap-1">
              <label htmlFor="import-progress" className="text-sm">
                {t("import.progress", { done: progress.done, total: progress.total })}
              </label>
              <progress id="import-progress" max={Math.max(1, progress.total)} value={progress.done} className="w-full" />
            </div>
          ) : null}
        </section>
      ) : null}

      {report ? (
        <section aria-labelledby="import-report" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="import-report" ref={reportRef} tabIndex={-1} className="text-lg font-semibold outline-none">
            {t("import.reportTitle")}
          </h2>
          <dl className="flex flex-wrap gap-6 text-sm" data-testid="import-summary">
            {(["imported", "updated", "skipped", "failed"] as const).map((k) => (
              <div key={k}>
                <dt className="text-slate-500">{t(`import.status.${k}`)}</dt>
                <dd className="text-lg font-semibold tabular-nums">{report[k]}</dd>
              </div>
            ))}
          </dl>
          <div>
            <Button variant="secondary" onClick={downloadReport}>
              {t("import.downloadReport")}
            </Button>
          </div>
          {report.rows.some((r) => r.status !== "imported") ? (
            <table className="w-full text-left text-sm">
              <caption className="text-left text-sm font-medium">{t("import.notImported")}</caption>
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

"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { ColumnMappingFields } from "@/components/import/column-mapping";
import { ImportPreview, type PreviewRow } from "@/components/import/import-preview";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { csvCell } from "@/lib/platform/export/csv-cell";
import { type ColumnMapping, type DuplicateMode, MB, missingRequired, type WizardConfig } from "@/lib/platform/import/field-spec";
import { IMPORT_STATUSES, type ImportOutcome, type ImportReport } from "@/lib/platform/import/report";

type Problem = { code: string; [arg: string]: string | number };
type Preview = {
  headers: string[];
  delimiter: string;
  encoding: string;
  mapping: ColumnMapping;
  problem: Problem | null;
  total: number;
  invalid: number;
  preview: PreviewRow[];
};
type RunEvent = { type: "progress"; done: number; total: number } | ({ type: "report" } & ImportReport) | { type: "error"; code: string };

const csvLine = (cells: (string | number | undefined)[]) => cells.map((c) => `"${csvCell(c === undefined ? "" : String(c)).replace(/"/g, '""')}"`).join(",");

/**
 * The one import wizard: upload → match columns and preview per-row problems → choose what to do
 * with duplicates → import with a progress bar → report (with a CSV download). The file stays in the
 * browser between steps and is posted again, as is (no multipart), for the run: the server keeps no
 * upload state and reads the file as a stream within its size limit.
 */
export function ImportWizard({ config }: { config: WizardConfig }) {
  const t = useTranslations();
  const ns = config.messages;
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [mode, setMode] = useState<DuplicateMode>(config.modes[0] ?? "skip");
  const [flags, setFlags] = useState<Set<string>>(new Set());
  const [error, setError] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const reportRef = useRef<HTMLHeadingElement>(null);
  const maxMb = config.maxBytes / MB;

  const fieldLabel = (field: string) => t(`${ns}.fields.${field}`);
  const message = (p: Problem) => t(p.code, p);
  const explain = (r: ImportOutcome) =>
    [r.reason ? t(r.reason) : "", r.detail ?? "", (r.errors ?? []).map((e) => `${e.field === "row" ? "" : `${fieldLabel(e.field)}: `}${t(e.message)}`).join("; ")].filter(Boolean).join(" ");

  function url(step: "preview" | "run", withMapping?: ColumnMapping): string {
    const params = new URLSearchParams();
    if (withMapping) params.set("mapping", JSON.stringify(withMapping));
    if (step === "run") {
      params.set("mode", mode);
      for (const flag of flags) params.append("flag", flag);
    }
    const query = params.toString();
    return `${config.endpoint}/${step}${query ? `?${query}` : ""}`;
  }

  async function loadPreview(chosen: File, withMapping?: ColumnMapping) {
    setError(null);
    setReport(null);
    setProgress(null);
    if (chosen.size > config.maxBytes) {
      setError({ code: "import.errors.tooLarge", maxMb });
      setPreview(null);
      return;
    }
    setBusy(true);
    try {
      const res = await fetch(url("preview", withMapping), { method: "POST", body: chosen, headers: { "content-type": "text/csv" } });
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
    setBusy(true);
    setError(null);
    setProgress({ done: 0, total: preview.total });
    try {
      const res = await fetch(url("run", mapping), { method: "POST", body: file, headers: { "content-type": "text/csv" } });
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
          const event = JSON.parse(line) as RunEvent;
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

  function download(name: string, text: string) {
    const href = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = href;
    a.download = name;
    a.click();
    URL.revokeObjectURL(href);
  }

  function downloadReport() {
    if (!report) return;
    // Names and details come from the uploaded file: the report is neutralised like any export.
    const lines = [csvLine(["line", "status", "id", "name", "reason", "detail"])];
    for (const r of report.rows) lines.push(csvLine([r.line, t(`import.status.${r.status}`), r.id, r.name, r.reason ? t(r.reason) : "", [r.detail, ...(r.errors ?? []).map((e) => `${e.field}: ${t(e.message)}`)].filter(Boolean).join("; ")]));
    download("import-report.csv", `\uFEFF${lines.join("\r\n")}\r\n`);
  }

  function downloadTemplate() {
    download(`${config.endpoint.split("/").filter(Boolean)[0] ?? "import"}-template.csv`, `\uFEFF${config.fields.join(",")}\r\n`);
  }

  const missing = missingRequired(config, mapping);
  const requiredLabel = [...config.required.map(fieldLabel), ...config.requiredOneOf.map((g) => g.map(fieldLabel).join(" / "))].join(", ");
  return (
    <div className="flex flex-col gap-4">
      <section aria-labelledby="import-step1" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="import-step1" className="text-lg font-semibold">
          {t("import.step1")}
        </h2>
        <p className="text-sm text-slate-600">{t(`${ns}.fileHint`, { maxMb })}</p>
        <p className="text-sm text-slate-600">{t("import.requiredColumns", { columns: requiredLabel })}</p>
        <div>
          <Button variant="secondary" onClick={downloadTemplate}>
            {t("import.template")}
          </Button>
        </div>
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
          <ColumnMappingFields fields={config.fields} required={config.required} headers={preview.headers} mapping={mapping} onChange={setMapping} fieldLabel={fieldLabel} />
          <div>
            <Button variant="secondary" disabled={busy || !file} onClick={() => file && void loadPreview(file, mapping)}>
              {t("import.recheck")}
            </Button>
          </div>
          {preview.problem ? <FormMessage tone="error">{message(preview.problem)}</FormMessage> : null}
          {missing.length > 0 && !preview.problem ? <FormMessage tone="error">{t("import.errors.missingColumns", { columns: missing.join(", ") })}</FormMessage> : null}
          {!preview.problem ? (
            <>
              <ImportPreview headers={preview.headers} rows={preview.preview} total={preview.total} invalid={preview.invalid} fieldLabel={fieldLabel} />
              {config.modes.length > 1 ? (
                <fieldset className="flex flex-col gap-1">
                  <legend className="mb-1 text-sm font-medium">{t(`${ns}.duplicates`)}</legend>
                  {config.modes.map((m) => (
                    <label key={m} className="flex items-center gap-2 text-sm">
                      <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                      {t(`${ns}.modes.${m}`)}
                    </label>
                  ))}
                </fieldset>
              ) : null}
              {config.flags.map((flag) => (
                <label key={flag.name} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={flags.has(flag.name)}
                    onChange={(e) => {
                      const next = new Set(flags);
                      if (e.target.checked) next.add(flag.name);
                      else next.delete(flag.name);
                      setFlags(next);
                    }}
                  />
                  {t(flag.label)}
                </label>
              ))}
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
            {IMPORT_STATUSES.map((k) => (
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
              <caption className="text-left text-sm font-medium">{t(`${ns}.notImported`)}</caption>
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
                      <td className="border-t border-slate-100 px-2 py-1">{explain(r)}</td>
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

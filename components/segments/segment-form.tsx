"use client";

import { useTranslations } from "next-intl";
import { useActionState, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import type { Snapshot } from "@/lib/platform/concurrency";
import { createSegmentAction, type SegmentFormResult, updateSegmentAction } from "@/lib/segments/actions";
import { parseRule, type Rule, type RuleIssue } from "@/lib/segments/rules/rule";
import { SEGMENT_DESCRIPTION_MAX, SEGMENT_NAME_MAX } from "@/lib/segments/schema";
import type { EditorOptions } from "./editor-options";
import { PreviewPanel } from "./preview-panel";
import { RuleEditor, useIssueText } from "./rule-editor";
import { countConditions, type DraftGroup, toDraft } from "./rule-draft";

export type SegmentForEdit = {
  id: number;
  name: string;
  description: string | null;
  kind: "DYNAMIC" | "STATIC";
  rule: Rule;
  version: number;
  snapshot: Snapshot;
  memberCount: number;
};

/** Server-side rule issues come back keyed `rule.2.1`; the editor shows them at their condition. */
function serverIssues(fieldErrors: Record<string, string> | undefined): RuleIssue[] {
  return Object.entries(fieldErrors ?? {})
    .filter(([key]) => key === "rule" || key.startsWith("rule."))
    .map(([key, message]) => ({ path: key === "rule" ? "" : key.slice(5), message }));
}

/**
 * Create or edit a segment: name, description, kind (when new), the rule editor and its live
 * preview. The rule is checked as it is edited (the same parseRule the server uses) and posted as
 * one JSON field; the save carries the version the page loaded.
 */
export function SegmentForm({ segment, options, readOnly = false }: { segment?: SegmentForEdit; options: EditorOptions; readOnly?: boolean }) {
  const t = useTranslations("segments");
  const tAll = useTranslations();
  const issueText = useIssueText();
  const [draft, setDraft] = useState<DraftGroup>(() => toDraft(segment?.rule ?? null));
  const [touched, setTouched] = useState(false);
  const [state, action, pending] = useActionState<SegmentFormResult, FormData>(segment ? updateSegmentAction : createSegmentAction, null);
  const failed = state && !state.ok ? state : null;
  const conflict = failed?.conflict;
  const { base, formRef, overwrite } = useVersionBase(segment ? { version: segment.version, snapshot: segment.snapshot } : null, conflict);
  const ruleJson = useMemo(() => JSON.stringify(draft), [draft]);
  const parsed = useMemo(() => parseRule(draft), [draft]);
  const localIssues = parsed.ok ? [] : parsed.issues;
  // Problems show once the user has edited (a fresh rule is "incomplete", not "wrong"), or after a save attempt.
  const shownIssues = touched || failed ? [...localIssues, ...(parsed.ok ? serverIssues(failed?.fieldErrors) : [])] : [];
  const err = (f: string) => (failed?.fieldErrors[f] ? tAll(failed.fieldErrors[f]) : undefined);
  const val = (f: string, saved: string | null | undefined) => failed?.values?.[f] ?? saved ?? "";
  const change = (next: DraftGroup) => {
    setTouched(true);
    setDraft(next);
  };
  const saved = state && state.ok ? state : null;

  return (
    <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <form ref={formRef} action={action} noValidate className="flex flex-col gap-4" aria-label={segment ? t("form.editLabel") : t("form.createLabel")}>
        {segment ? (
          <>
            <input type="hidden" name="id" value={segment.id} />
            <VersionFields base={base} />
          </>
        ) : null}
        <input type="hidden" name="rule" value={ruleJson} />
        {failed?.message ? <FormMessage tone="error">{tAll.has(failed.message) ? tAll(failed.message) : failed.message}</FormMessage> : null}
        {saved?.message ? (
          <FormMessage tone="success">
            {tAll(saved.message)} {saved.memberCount !== undefined ? t("saved.members", { count: saved.memberCount, joined: saved.joined ?? 0, left: saved.left ?? 0 }) : null}
          </FormMessage>
        ) : null}
        {conflict ? <ConflictPanel conflict={conflict} label={(f) => t(`form.${f}`)} onOverwrite={overwrite} pending={pending} /> : null}
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="seg-name" name="name" label={t("form.name")} required maxLength={SEGMENT_NAME_MAX} defaultValue={val("name", segment?.name)} error={err("name")} readOnly={readOnly} autoComplete="off" />
          {segment ? (
            <div className="flex flex-col gap-1 text-sm">
              <span className="font-medium text-slate-700">{t("form.kind")}</span>
              <span className="py-2">{t(`kind.${segment.kind}`)}</span>
            </div>
          ) : (
            <SelectField id="seg-kind" name="kind" label={t("form.kind")} defaultValue={val("kind", "DYNAMIC")} error={err("kind")} hint={t("form.kindHint")}>
              <option value="DYNAMIC">{t("kind.DYNAMIC")}</option>
              <option value="STATIC">{t("kind.staticSnapshot")}</option>
            </SelectField>
          )}
        </div>
        <TextareaField id="seg-description" name="description" label={t("form.description")} rows={2} maxLength={SEGMENT_DESCRIPTION_MAX} defaultValue={val("description", segment?.description)} error={err("description")} readOnly={readOnly} />
        {segment?.kind === "STATIC" ? <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">{t("form.staticFrozen")}</p> : null}
        <section aria-labelledby="rule-title" className="flex flex-col gap-2">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="rule-title" className="text-base font-semibold">
              {t("form.rule")}
            </h2>
            <span className="text-xs text-slate-500">{t("form.ruleSize", { conditions: countConditions(draft) })}</span>
          </div>
          <p className="text-sm text-slate-600">{t("form.ruleHelp")}</p>
          {shownIssues.length > 0 ? (
            <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-800" data-testid="rule-issues">
              <p className="font-medium">{t("validation.summary", { count: shownIssues.length })}</p>
              <ul className="list-inside list-disc">
                {shownIssues.map((issue, i) => (
                  <li key={i}>{issueText(issue)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <RuleEditor value={draft} onChange={change} options={options} issues={shownIssues} readOnly={readOnly} />
        </section>
        {!readOnly ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button
              type="submit"
              disabled={pending}
              aria-busy={pending}
              onClick={(e) => {
                // The server checks again; this only spares a round trip and shows the problems at once.
                if (!parsed.ok) {
                  e.preventDefault();
                  setTouched(true);
                }
              }}
            >
              {pending ? t("form.saving") : segment ? t("form.save") : t("form.create")}
            </Button>
          </div>
        ) : null}
      </form>
      <div className="lg:sticky lg:top-4">
        <PreviewPanel ruleJson={ruleJson} valid={parsed.ok} segmentId={segment?.id ?? null} savedCount={segment?.memberCount ?? null} />
      </div>
    </div>
  );
}

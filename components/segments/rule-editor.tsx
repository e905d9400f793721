"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FIELD_KEYS, FIELDS, type FieldGroup, type FieldKey, type RuleIssue } from "@/lib/segments/rules/rule";
import type { EditorOptions } from "./editor-options";
import { appendTo, canNest, type DraftCondition, type DraftGroup, type DraftNode, newCondition, newGroup, pathLabel, replaceAt, withField, withOperator } from "./rule-draft";
import { CONTROL, ValueInput } from "./value-input";

const GROUP_ORDER: FieldGroup[] = ["customer", "scores", "purchases", "contact", "optOuts", "campaigns", "service"];

type Ctx = {
  root: DraftGroup;
  onChange: (next: DraftGroup) => void;
  options: EditorOptions;
  /** Issues by path label ("2.1"; "" for the rule as a whole). */
  issues: Map<string, RuleIssue[]>;
  readOnly: boolean;
};

/** "Condition 2.1 (Tier): choose at least one value" — how every rule problem is shown. */
export function useIssueText() {
  const t = useTranslations("segments");
  const tAll = useTranslations();
  return (issue: RuleIssue) => {
    const message = tAll.has(issue.message) ? tAll(issue.message) : issue.message;
    if (!issue.path) return message;
    return issue.field ? t("validation.atField", { path: issue.path, field: t(`fields.${issue.field}`), message }) : t("validation.at", { path: issue.path, message });
  };
}

function IssueList({ id, issues }: { id: string; issues: RuleIssue[] }) {
  const text = useIssueText();
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="mt-1 text-sm text-red-700">
      {issues.map((issue, i) => (
        <li key={i}>{text(issue)}</li>
      ))}
    </ul>
  );
}

function ConditionRow({ ctx, condition, path }: { ctx: Ctx; condition: DraftCondition; path: number[] }) {
  const t = useTranslations("segments");
  const label = pathLabel(path);
  const issues = ctx.issues.get(label) ?? [];
  const issueId = `cond-${label}-issues`;
  const describedBy = issues.length > 0 ? issueId : undefined;
  const set = (next: DraftCondition) => ctx.onChange(replaceAt(ctx.root, path, next));
  const spec = condition.field ? FIELDS[condition.field] : null;
  return (
    <li className={cn("rounded-md border bg-white p-2", issues.length > 0 ? "border-red-300" : "border-slate-200")} data-testid={`condition-${label}`}>
      <div className="flex flex-wrap items-start gap-2">
        <span className="mt-1.5 min-w-8 text-xs font-medium text-slate-600" aria-hidden="true">
          {label}
        </span>
        <select className={CONTROL} aria-label={t("editor.aria.field", { path: label })} aria-invalid={issues.length > 0 || undefined} aria-describedby={describedBy} value={condition.field} onChange={(e) => set(withField(condition, e.target.value as FieldKey | ""))}>
          <option value="">{t("editor.chooseField")}</option>
          {GROUP_ORDER.map((group) => (
            <optgroup key={group} label={t(`fieldGroups.${group}`)}>
              {FIELD_KEYS.filter((f) => FIELDS[f].group === group).map((f) => (
                <option key={f} value={f}>
                  {t(`fields.${f}`)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {spec && condition.field === "optOut" ? (
          <select className={CONTROL} aria-label={t("editor.aria.channel", { path: label })} value={condition.channel ?? ""} onChange={(e) => set({ ...condition, channel: e.target.value })}>
            {(spec.channel ?? []).map((c) => (
              <option key={c} value={c}>
                {t(`enums.optOutChannel.${c}`)}
              </option>
            ))}
          </select>
        ) : null}
        {spec && condition.field === "lastTouchpoint" ? (
          <select className={CONTROL} aria-label={t("editor.aria.channel", { path: label })} value={condition.channel ?? ""} onChange={(e) => set({ ...condition, channel: e.target.value || undefined })}>
            <option value="">{t("editor.anyChannel")}</option>
            {(spec.channel ?? []).map((c) => (
              <option key={c} value={c}>
                {t(`enums.channel.${c}`)}
              </option>
            ))}
          </select>
        ) : null}
        {spec ? (
          <select className={CONTROL} aria-label={t("editor.aria.operator", { path: label })} value={condition.op} onChange={(e) => set(withOperator(condition, e.target.value))}>
            {spec.ops.map((op) => (
              <option key={op} value={op}>
                {t(`ops.${op}`)}
              </option>
            ))}
          </select>
        ) : null}
        {spec && condition.field ? (
          <ValueInput
            key={`${condition.field}:${condition.op}`}
            condition={condition as DraftCondition & { field: FieldKey }}
            path={label}
            options={ctx.options}
            invalid={issues.length > 0}
            describedBy={describedBy}
            onValue={(value) => set({ ...condition, value })}
          />
        ) : null}
        {spec?.period ? (
          <label className="inline-flex items-center gap-1 text-sm text-slate-600">
            <span>{t("editor.period")}</span>
            <select className={CONTROL} aria-label={t("editor.aria.period", { path: label })} value={condition.period ?? "current"} onChange={(e) => set({ ...condition, period: e.target.value })}>
              <option value="current">{t("editor.currentPeriod")}</option>
              {ctx.options.periods.map((p) => (
                <option key={p} value={p}>
                  {t("editor.periodEnding", { date: p })}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {spec?.window ? (
          <label className="inline-flex items-center gap-1 text-sm text-slate-600">
            <span>{t("editor.window")}</span>
            <input
              type="number"
              min={1}
              max={3650}
              step={1}
              className={`${CONTROL} w-20`}
              aria-label={t("editor.aria.window", { path: label })}
              placeholder={t("editor.allHistory")}
              value={condition.days ?? ""}
              onChange={(e) => {
                const n = Number(e.target.value);
                set({ ...condition, days: e.target.value.trim() === "" || !Number.isFinite(n) ? undefined : n });
              }}
            />
            <span aria-hidden="true">{t("editor.days")}</span>
          </label>
        ) : null}
        {!ctx.readOnly ? (
          <Button variant="ghost" className="ml-auto px-2 py-1 text-red-700" aria-label={t("editor.aria.removeCondition", { path: label })} onClick={() => ctx.onChange(replaceAt(ctx.root, path, null))}>
            {t("editor.remove")}
          </Button>
        ) : null}
      </div>
      <IssueList id={issueId} issues={issues} />
    </li>
  );
}

function GroupBox({ ctx, group, path }: { ctx: Ctx; group: DraftGroup; path: number[] }) {
  const t = useTranslations("segments");
  const label = pathLabel(path);
  const name = path.length === 0 ? t("editor.rootGroup") : t("editor.groupName", { path: label });
  const issues = ctx.issues.get(label) ?? [];
  const set = (next: DraftGroup) => ctx.onChange(replaceAt(ctx.root, path, next));
  const depthTone = ["border-brand-200 bg-brand-50/40", "border-amber-200 bg-amber-50/40", "border-emerald-200 bg-emerald-50/40", "border-slate-300 bg-slate-50"][path.length % 4];
  return (
    <fieldset className={cn("rounded-lg border p-3", depthTone)} data-testid={path.length === 0 ? "group-root" : `group-${label}`}>
      <legend className="px-1 text-sm font-semibold text-slate-800">{name}</legend>
      <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
        <div role="radiogroup" aria-label={t("editor.aria.combine", { group: name })} className="inline-flex overflow-hidden rounded-md border border-slate-300">
          {(["and", "or"] as const).map((op) => (
            <label key={op} className={cn("cursor-pointer px-3 py-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600", group.op === op ? "bg-brand-600 text-white" : "bg-white text-slate-700")}>
              <input type="radio" className="sr-only" name={`op-${group.id}`} value={op} checked={group.op === op} onChange={() => set({ ...group, op })} />
              {t(`editor.op.${op}`)}
            </label>
          ))}
        </div>
        <label className="inline-flex items-center gap-1">
          <input type="checkbox" checked={group.not === true} onChange={(e) => set({ ...group, not: e.target.checked || undefined })} aria-label={t("editor.aria.not", { group: name })} />
          <span aria-hidden="true">{t("editor.not")}</span>
        </label>
        <span className="text-xs text-slate-700">{t(group.not ? `editor.explain.not.${group.op}` : `editor.explain.${group.op}`)}</span>
        {path.length > 0 && !ctx.readOnly ? (
          <Button variant="ghost" className="ml-auto px-2 py-1 text-red-700" aria-label={t("editor.aria.removeGroup", { group: name })} onClick={() => ctx.onChange(replaceAt(ctx.root, path, null))}>
            {t("editor.removeGroup")}
          </Button>
        ) : null}
      </div>
      <IssueList id={`group-${label || "root"}-issues`} issues={issues} />
      {group.children.length === 0 ? <p className="text-sm text-slate-600">{t("editor.emptyGroup")}</p> : null}
      <ol className="flex flex-col gap-2">
        {group.children.map((child: DraftNode, i) =>
          child.type === "group" ? (
            <li key={child.id}>
              <GroupBox ctx={ctx} group={child} path={[...path, i]} />
            </li>
          ) : (
            <ConditionRow key={child.id} ctx={ctx} condition={child} path={[...path, i]} />
          ),
        )}
      </ol>
      {!ctx.readOnly ? (
        <div className="mt-2 flex flex-wrap gap-2">
          <Button variant="secondary" className="px-3 py-1" aria-label={t("editor.aria.addCondition", { group: name })} onClick={() => ctx.onChange(appendTo(ctx.root, path, newCondition()))}>
            {t("editor.addCondition")}
          </Button>
          {canNest(path) ? (
            <Button variant="secondary" className="px-3 py-1" aria-label={t("editor.aria.addGroup", { group: name })} onClick={() => ctx.onChange(appendTo(ctx.root, path, newGroup(group.op === "and" ? "or" : "and")))}>
              {t("editor.addGroup")}
            </Button>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}

/**
 * The visual rule editor: nested AND/OR groups (optionally negated) of typed conditions, every control
 * a native one with a label naming its position ("Condition 2.1 field"), every problem shown at its
 * condition. Read-only (built-in segments) disables every control but keeps the rule readable.
 */
export function RuleEditor({ value, onChange, options, issues, readOnly = false }: { value: DraftGroup; onChange: (next: DraftGroup) => void; options: EditorOptions; issues: RuleIssue[]; readOnly?: boolean }) {
  const byPath = new Map<string, RuleIssue[]>();
  for (const issue of issues) byPath.set(issue.path, [...(byPath.get(issue.path) ?? []), issue]);
  const ctx: Ctx = { root: value, onChange, options, issues: byPath, readOnly };
  return (
    <fieldset disabled={readOnly} className="min-w-0">
      <GroupBox ctx={ctx} group={value} path={[]} />
    </fieldset>
  );
}

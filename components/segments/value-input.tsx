"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { FIELDS, type FieldKey } from "@/lib/segments/rules/rule";
import type { DraftCondition } from "./rule-draft";
import type { EditorOptions } from "./editor-options";

export const CONTROL = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600 disabled:bg-slate-50";

type ValueProps = {
  condition: DraftCondition & { field: FieldKey };
  /** "2.1": names every control of the row for screen readers. */
  path: string;
  options: EditorOptions;
  onValue: (value: unknown) => void;
  invalid: boolean;
  describedBy?: string;
};

/**
 * A number typed as text until it parses: a controlled number input would otherwise lose "0." while
 * someone types 0.8. The rule gets a number, or nothing (the rule's own message then says what to do).
 */
function NumberBox({ value, onNumber, label, min, max, step, invalid, describedBy }: { value: unknown; onNumber: (n: number | undefined) => void; label: string; min?: number; max?: number; step?: string; invalid: boolean; describedBy?: string }) {
  const [text, setText] = useState(typeof value === "number" ? String(value) : "");
  return (
    <input
      type="number"
      inputMode="decimal"
      className={`${CONTROL} w-28`}
      aria-label={label}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      min={min}
      max={max}
      step={step ?? "any"}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = e.target.value.trim() === "" ? Number.NaN : Number(e.target.value);
        onNumber(Number.isFinite(n) ? n : undefined);
      }}
    />
  );
}

/** The picker of several ids or values: a native multiple select (Ctrl/Shift/Space with the keyboard). */
function MultiSelect({ label, values, choices, onChange, invalid, describedBy, size }: { label: string; values: string[]; choices: { value: string; label: string }[]; onChange: (v: string[]) => void; invalid: boolean; describedBy?: string; size?: number }) {
  return (
    <select
      multiple
      className={`${CONTROL} min-w-48`}
      aria-label={label}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      size={size ?? Math.min(6, Math.max(3, choices.length))}
      value={values}
      onChange={(e) => onChange(Array.from(e.target.selectedOptions, (o) => o.value))}
    >
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

/** Enum values as checkboxes: every one reachable with Tab and toggled with Space, labels translated. */
function EnumChecks({ label, values, choices, onChange, invalid, describedBy }: { label: string; values: string[]; choices: { value: string; label: string }[]; onChange: (v: string[]) => void; invalid: boolean; describedBy?: string }) {
  const base = useId();
  return (
    <fieldset className={`flex flex-wrap gap-x-3 gap-y-1 rounded-md border bg-white px-2 py-1 ${invalid ? "border-red-400" : "border-slate-200"}`} aria-describedby={describedBy}>
      <legend className="sr-only">{label}</legend>
      {choices.map((c, i) => (
        <label key={c.value} htmlFor={`${base}-${i}`} className="inline-flex items-center gap-1 text-sm">
          <input
            id={`${base}-${i}`}
            type="checkbox"
            className="focus-visible:outline-2 focus-visible:outline-brand-600"
            checked={values.includes(c.value)}
            onChange={(e) => onChange(e.target.checked ? [...values, c.value] : values.filter((v) => v !== c.value))}
          />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Text values separated by commas or new lines ("East China, North China"). */
function TextList({ label, values, onChange, invalid, describedBy, suggestions }: { label: string; values: unknown; onChange: (v: string[]) => void; invalid: boolean; describedBy?: string; suggestions: string[] }) {
  const listId = useId();
  const [text, setText] = useState(Array.isArray(values) ? values.join(", ") : "");
  return (
    <>
      <input
        type="text"
        className={`${CONTROL} min-w-56`}
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        list={suggestions.length > 0 ? listId : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(
            e.target.value
              .split(/[,，\n]/)
              .map((s) => s.trim())
              .filter((s) => s !== ""),
          );
        }}
      />
      {suggestions.length > 0 ? (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
    </>
  );
}

/** Products can be many (up to 2,000): a search box narrows the list; chosen ones stay listed. */
function ProductPicker({ label, searchLabel, values, options, onChange, invalid, describedBy }: { label: string; searchLabel: string; values: string[]; options: EditorOptions["products"]; onChange: (v: string[]) => void; invalid: boolean; describedBy?: string }) {
  const [q, setQ] = useState("");
  const needle = q.trim().toLowerCase();
  const shown = options.filter((p) => values.includes(String(p.id)) || needle === "" || p.name.toLowerCase().includes(needle) || p.sku.toLowerCase().includes(needle)).slice(0, 200);
  return (
    <span className="flex flex-col gap-1">
      <input type="search" className={`${CONTROL} w-48`} aria-label={searchLabel} value={q} onChange={(e) => setQ(e.target.value)} />
      <MultiSelect label={label} values={values} choices={shown.map((p) => ({ value: String(p.id), label: `${p.name} (${p.sku})` }))} onChange={onChange} invalid={invalid} describedBy={describedBy} />
    </span>
  );
}

const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const asIds = (v: string[]) => v.map(Number);

/** The value control(s) of one condition, by the field's value kind and the operator. */
export function ValueInput({ condition, path, options, onValue, invalid, describedBy }: ValueProps) {
  const t = useTranslations("segments");
  const spec = FIELDS[condition.field];
  const { op, value } = condition;
  const label = t("editor.aria.value", { path });
  const common = { invalid, describedBy };
  if (op === "isEmpty" || op === "isNotEmpty" || spec.value === "none") return null;

  if (op === "withinLastDays" || op === "notWithinLastDays") {
    return (
      <span className="inline-flex items-center gap-1 text-sm">
        <NumberBox key={`${condition.id}-days`} value={value} onNumber={onValue} label={t("editor.aria.days", { path })} min={1} max={3650} step="1" {...common} />
        <span aria-hidden="true">{t("editor.days")}</span>
      </span>
    );
  }

  if (spec.value === "boolean") {
    return (
      <select className={CONTROL} aria-label={label} value={value === false ? "false" : "true"} onChange={(e) => onValue(e.target.value === "true")} {...{ "aria-describedby": describedBy }}>
        <option value="true">{t("editor.yes")}</option>
        <option value="false">{t("editor.no")}</option>
      </select>
    );
  }

  if (spec.value === "enum") {
    const choices = (spec.options ?? []).map((o) => ({ value: o, label: t(`enums.${condition.field}.${o}`) }));
    return <EnumChecks label={label} values={asStrings(value)} choices={choices} onChange={onValue} {...common} />;
  }

  if (spec.value === "text") {
    const suggestions = condition.field === "region" ? options.regions : condition.field === "industry" ? options.industries : condition.field === "source" ? options.sources : [];
    if (op === "contains") {
      return <input type="text" className={`${CONTROL} min-w-48`} aria-label={label} aria-invalid={invalid || undefined} aria-describedby={describedBy} value={typeof value === "string" ? value : ""} maxLength={200} onChange={(e) => onValue(e.target.value)} />;
    }
    return (
      <span className="flex flex-col gap-0.5">
        <TextList key={`${condition.id}-${condition.field}`} label={label} values={value} onChange={onValue} suggestions={suggestions} {...common} />
        <span className="text-xs text-slate-500">{t("editor.textListHint")}</span>
      </span>
    );
  }

  if (spec.value === "user" || spec.value === "team" || spec.value === "category" || spec.value === "campaign") {
    const source = spec.value === "user" ? options.owners : spec.value === "team" ? options.teams : spec.value === "category" ? options.categories : options.campaigns;
    if (source.length === 0) return <span className="text-sm text-slate-500">{t("editor.noChoices")}</span>;
    return <MultiSelect label={label} values={asStrings(value)} choices={source.map((o) => ({ value: String(o.id), label: o.name }))} onChange={(v) => onValue(asIds(v))} {...common} />;
  }

  if (spec.value === "product") {
    if (options.products.length === 0) return <span className="text-sm text-slate-500">{t("editor.noChoices")}</span>;
    return <ProductPicker label={label} searchLabel={t("editor.aria.productSearch", { path })} values={asStrings(value)} options={options.products} onChange={(v) => onValue(asIds(v))} {...common} />;
  }

  if (spec.value === "date") {
    const dateBox = (v: unknown, aria: string, set: (s: string) => void) => (
      <input type="date" className={CONTROL} aria-label={aria} aria-invalid={invalid || undefined} aria-describedby={describedBy} value={typeof v === "string" ? v : ""} onChange={(e) => set(e.target.value)} />
    );
    if (op === "between") {
      const [a, b] = Array.isArray(value) ? value : ["", ""];
      return (
        <span className="inline-flex flex-wrap items-center gap-1 text-sm">
          {dateBox(a, t("editor.aria.from", { path }), (s) => onValue([s, b]))}
          <span aria-hidden="true">{t("editor.and")}</span>
          {dateBox(b, t("editor.aria.to", { path }), (s) => onValue([a, s]))}
        </span>
      );
    }
    return dateBox(value, label, onValue);
  }

  if (spec.value === "money") {
    const moneyBox = (v: unknown, aria: string, set: (s: string) => void) => (
      <input
        type="text"
        inputMode="decimal"
        className={`${CONTROL} w-32`}
        aria-label={aria}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        placeholder="0.00"
        value={typeof v === "string" ? v : ""}
        onChange={(e) => set(e.target.value.trim())}
      />
    );
    if (op === "between") {
      const [a, b] = Array.isArray(value) ? value : ["", ""];
      return (
        <span className="inline-flex flex-wrap items-center gap-1 text-sm">
          {moneyBox(a, t("editor.aria.from", { path }), (s) => onValue([s, b]))}
          <span aria-hidden="true">{t("editor.and")}</span>
          {moneyBox(b, t("editor.aria.to", { path }), (s) => onValue([a, s]))}
        </span>
      );
    }
    return moneyBox(value, label, onValue);
  }

  // integer, number, probability
  const step = spec.value === "integer" ? "1" : spec.value === "probability" ? "0.01" : "any";
  const bounds = { min: spec.min, max: spec.max, step };
  if (op === "between") {
    const [a, b] = Array.isArray(value) ? value : [undefined, undefined];
    return (
      <span className="inline-flex flex-wrap items-center gap-1 text-sm">
        <NumberBox key={`${condition.id}-a`} value={a} onNumber={(n) => onValue([n, b])} label={t("editor.aria.from", { path })} {...bounds} {...common} />
        <span aria-hidden="true">{t("editor.and")}</span>
        <NumberBox key={`${condition.id}-b`} value={b} onNumber={(n) => onValue([a, n])} label={t("editor.aria.to", { path })} {...bounds} {...common} />
      </span>
    );
  }
  return <NumberBox key={`${condition.id}-${op === "between" ? "pair" : "one"}`} value={value} onNumber={onValue} label={label} {...bounds} {...common} />;
}

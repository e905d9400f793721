"use client";

import { useTranslations } from "next-intl";

/**
 * The mapping step of a CSV import: for each field the importer knows, which of the file's columns
 * fills it (or none). Required fields are starred; `fieldLabel` names them in the feature's words.
 */
export function ColumnMappingFields<F extends string>({
  fields,
  required,
  headers,
  mapping,
  onChange,
  fieldLabel,
}: {
  fields: readonly F[];
  required: readonly F[];
  headers: string[];
  mapping: Partial<Record<F, number | null>>;
  onChange: (mapping: Partial<Record<F, number | null>>) => void;
  fieldLabel: (field: F) => string;
}) {
  const t = useTranslations();
  return (
    <fieldset className="grid gap-3 sm:grid-cols-3 lg:grid-cols-4">
      <legend className="mb-1 text-sm font-medium">{t("import.mapping")}</legend>
      {fields.map((field) => (
        <label key={field} className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-slate-700">
            {fieldLabel(field)}
            {required.includes(field) ? " *" : ""}
          </span>
          <select
            className="rounded-md border border-slate-300 bg-white px-2 py-2"
            value={mapping[field] ?? ""}
            onChange={(e) => onChange({ ...mapping, [field]: e.target.value === "" ? null : Number(e.target.value) })}
          >
            <option value="">{t("import.notMapped")}</option>
            {headers.map((h, i) => (
              <option key={i} value={i}>
                {h || `#${i + 1}`}
              </option>
            ))}
          </select>
        </label>
      ))}
    </fieldset>
  );
}

import type { ReactNode } from "react";

/** The look of a control in a dashboard's GET filter form. */
export const FILTER_CONTROL = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** A small labelled slot of a filter form (label above, control below). */
export function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * A filter's select with an "any" first choice: the value posted is the option's value, "" for any.
 * Options are already translated by the caller.
 */
export function FilterSelect({
  id,
  name,
  label,
  value,
  anyLabel,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string | number | null | undefined;
  anyLabel: string;
  options: readonly { value: string | number; label: string }[];
}) {
  return (
    <FilterField id={id} label={label}>
      <select id={id} name={name} defaultValue={value ?? ""} className={FILTER_CONTROL}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FilterField>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import { Field } from "@/components/ui/field";
import type { Snapshot } from "@/lib/platform/concurrency";
import type { BusinessHours } from "@/lib/tickets/rules/service-settings";
import { saveBusinessHoursAction, type ServiceSettingsFormResult } from "@/lib/tickets/service-settings-actions";

/** Zones offered in the select; any other IANA name can be typed (and is checked on save). */
export const COMMON_TIME_ZONES = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Taipei",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Asia/Kolkata",
  "Asia/Dubai",
  "Europe/London",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Moscow",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "Australia/Sydney",
  "Pacific/Auckland",
  "UTC",
] as const;

/** The select's value for a hand-typed zone (the action reads `customTimeZone` then). */
const OTHER_ZONE = "other";
/** Monday first, as the week reads on a calendar here; the values are Date#getDay indices. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;
const SLOTS = [0, 1] as const;

type Props = { hours: BusinessHours; version: number; snapshot: Snapshot };

export function ServiceSettingsHoursForm({ hours, version, snapshot }: Props) {
  const t = useTranslations();
  const [result, action, pending] = useActionState<ServiceSettingsFormResult, FormData>(saveBusinessHoursAction, null);
  const conflict = result && !result.ok ? result.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase({ version, snapshot }, conflict);
  const errors = result && !result.ok ? result.fieldErrors : {};
  const submitted = result && !result.ok ? result.values : undefined;
  const known = (COMMON_TIME_ZONES as readonly string[]).includes(hours.timeZone);
  const value = (name: string, stored: string) => submitted?.[name] ?? stored;
  const msg = (key: string | undefined) => (key ? t(key) : undefined);

  // The action drops blank slots, so the rules' interval index k is the k-th filled slot of the day.
  const filledSlots = (d: number) => SLOTS.filter((k) => (value(`weekly.${d}.${k}.start`, hours.weekly[d][k]?.start ?? "") + value(`weekly.${d}.${k}.end`, hours.weekly[d][k]?.end ?? "")).trim() !== "");
  const slotError = (d: number, k: number, part: "start" | "end") => {
    const index = filledSlots(d).indexOf(k as 0 | 1);
    return index >= 0 ? errors[`weekly.${d}.${index}.${part}`] : undefined;
  };
  // "9am–18:00" also fails the order rule; the time message is the one that says what to fix.
  const dayErrors = (d: number) => {
    const entries = Object.entries(errors).filter(([key]) => key === `weekly.${d}` || key.startsWith(`weekly.${d}.`));
    const malformed = new Set(entries.filter(([, m]) => m === "tickets.validation.time").map(([key]) => key.split(".").slice(0, 3).join(".")));
    return [...new Set(entries.filter(([key, m]) => !(m === "tickets.validation.intervalOrder" && malformed.has(key.split(".").slice(0, 3).join(".")))).map(([, m]) => t(m)))];
  };

  /** A date list's errors, naming the entry to fix (the rules index the non-blank entries). */
  const listError = (name: "holidays" | "workdays") => {
    const entries = (submitted?.[name] ?? "").split(/[\s,;]+/).filter((s) => s !== "");
    const messages = Object.entries(errors)
      .filter(([key]) => key === name || key.startsWith(`${name}.`))
      .map(([key, m]) => {
        const index = Number(key.slice(name.length + 1));
        return key !== name && entries[index] !== undefined ? t("service.settings.hours.badLine", { value: entries[index], error: t(m) }) : t(m);
      });
    return messages.length > 0 ? messages.join(" ") : undefined;
  };

  const label = (field: string) => {
    if (field.startsWith("weekly.")) return t(`service.settings.days.${field.slice("weekly.".length)}`);
    return t(`service.settings.fields.${field}`);
  };
  const dayName = (d: number) => t(`service.settings.days.${d}`);

  return (
    <form ref={formRef} action={action} className="flex flex-col gap-5" noValidate>
      <VersionFields base={base} />
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{t(result.message)}</FormMessage> : null}
      {conflict ? <ConflictPanel conflict={conflict} label={label} onOverwrite={overwrite} pending={pending} /> : null}
      <div className="grid gap-3 md:grid-cols-2">
        <SelectField id="sh-timeZone" name="timeZone" label={t("service.settings.hours.timeZone")} defaultValue={value("timeZone", known ? hours.timeZone : OTHER_ZONE)} error={msg(errors.timeZone)}>
          {COMMON_TIME_ZONES.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
          <option value={OTHER_ZONE}>{t("service.settings.hours.otherZone")}</option>
        </SelectField>
        <Field
          id="sh-customTimeZone"
          name="customTimeZone"
          label={t("service.settings.hours.customTimeZone")}
          placeholder="Europe/Berlin"
          autoComplete="off"
          spellCheck={false}
          defaultValue={value("customTimeZone", known ? "" : hours.timeZone)}
          aria-describedby="sh-customTimeZone-hint"
        />
        <p id="sh-customTimeZone-hint" className="text-xs text-slate-500 md:col-start-2">
          {t("service.settings.hours.customTimeZoneHint")}
        </p>
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-semibold text-slate-800">{t("service.settings.hours.weekly")}</legend>
        {errors.weekly ? (
          <p id="sh-weekly-error" className="mb-2 text-sm text-red-700">
            {t(errors.weekly)}
          </p>
        ) : null}
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t("service.settings.hours.day")}
                </th>
                {SLOTS.map((k) => (
                  <th key={k} scope="col" className="py-2 pr-3 font-medium">
                    {t("service.settings.hours.interval", { n: k + 1 })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {WEEK_ORDER.map((d) => {
                const messages = dayErrors(d);
                return (
                  <tr key={d} className="border-b border-slate-100 align-top">
                    <th scope="row" className="py-2 pr-3 font-medium text-slate-700">
                      {dayName(d)}
                      {messages.length > 0 ? (
                        <p id={`sh-day-${d}-error`} className="mt-1 max-w-xs text-xs font-normal text-red-700">
                          {messages.join(" ")}
                        </p>
                      ) : null}
                    </th>
                    {SLOTS.map((k) => (
                      <td key={k} className="py-2 pr-3">
                        <div className="flex items-center gap-1">
                          {(["start", "end"] as const).map((part, i) => {
                            const name = `weekly.${d}.${k}.${part}`;
                            const bad = slotError(d, k, part) !== undefined;
                            return (
                              <span key={part} className="flex items-center gap-1">
                                {i === 1 ? <span aria-hidden="true">–</span> : null}
                                <input
                                  name={name}
                                  aria-label={t(part === "start" ? "service.settings.hours.from" : "service.settings.hours.to", { day: dayName(d), n: k + 1 })}
                                  aria-invalid={bad ? true : undefined}
                                  aria-describedby={bad ? `sh-day-${d}-error` : undefined}
                                  defaultValue={value(name, hours.weekly[d][k]?.[part] ?? "")}
                                  placeholder={part === "start" ? "09:00" : "18:00"}
                                  inputMode="numeric"
                                  autoComplete="off"
                                  size={5}
                                  className={cn("w-20 rounded-md border bg-white px-2 py-1.5 text-sm shadow-sm", bad ? "border-red-500" : "border-slate-300")}
                                />
                              </span>
                            );
                          })}
                        </div>
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>
      <div className="grid gap-3 md:grid-cols-2">
        <TextareaField
          id="sh-holidays"
          name="holidays"
          rows={6}
          label={t("service.settings.hours.holidays")}
          hint={t("service.settings.hours.holidaysHint")}
          placeholder={"2026-10-01\n2026-10-02"}
          defaultValue={value("holidays", hours.holidays.join("\n"))}
          error={listError("holidays")}
          className="font-mono"
        />
        <TextareaField
          id="sh-workdays"
          name="workdays"
          rows={6}
          label={t("service.settings.hours.workdays")}
          hint={t("service.settings.hours.workdaysHint")}
          placeholder="2026-10-10"
          defaultValue={value("workdays", (hours.workdays ?? []).join("\n"))}
          error={listError("workdays")}
          className="font-mono"
        />
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("service.settings.saving") : t("service.settings.hours.save")}
        </Button>
      </div>
    </form>
  );
}

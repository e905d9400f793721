"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, type VersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { LOCALES } from "@/lib/i18n/config";
import type { FormValues } from "@/lib/platform/form-action";
import { DISPLAY_CURRENCIES } from "@/lib/platform/format";
import {
  type SettingsFormResult,
  savePipelineSettingsAction,
  saveQuoteSettingsAction,
  saveRecycleBinSettingsAction,
  saveRegionalSettingsAction,
} from "@/lib/settings/actions";
import { RETENTION_DAYS_RANGE, STALE_DAYS_RANGE } from "@/lib/settings/rules/general-settings";

type Action = (prev: SettingsFormResult, formData: FormData) => Promise<SettingsFormResult>;
type FieldState = { errors: Record<string, string>; submitted: FormValues | undefined; error: (field: string) => string | undefined };

/**
 * One settings group's form: the version it loaded (and, after a deliberate overwrite, the one
 * stored now), the outcome message, the conflict panel, and the fields' errors and echoed values.
 * Every group form on the settings page is this shell around its own fields.
 */
function SettingsGroupForm({ action, base: loaded, submitLabel, children }: { action: Action; base: VersionBase; submitLabel: string; children: (state: FieldState) => ReactNode }) {
  const t = useTranslations();
  const [result, formAction, pending] = useActionState<SettingsFormResult, FormData>(action, null);
  const conflict = result && !result.ok ? result.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase(loaded, conflict);
  const errors = result && !result.ok ? result.fieldErrors : {};
  const submitted = result && !result.ok ? result.values : undefined;
  const error = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  return (
    <form ref={formRef} action={formAction} className="flex flex-col gap-4" noValidate>
      <VersionFields base={base} />
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{t(result.message)}</FormMessage> : null}
      {conflict ? <ConflictPanel conflict={conflict} label={(field) => t(`settings.fields.${field}`)} onOverwrite={overwrite} pending={pending} /> : null}
      {children({ errors, submitted, error })}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("settings.saving") : submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** The hint and, when there is one, the error (Field's own aria-describedby gives way to this one). */
const described = (id: string, error: string | undefined) => (error ? `${id}-error ${id}-hint` : `${id}-hint`);

const echo = (submitted: FormValues | undefined, field: string, fallback: string) => (typeof submitted?.[field] === "string" ? (submitted[field] as string) : fallback);

export function RegionalSettingsForm({ currency, locale, base }: { currency: string; locale: string | null; base: VersionBase }) {
  const t = useTranslations();
  return (
    <SettingsGroupForm action={saveRegionalSettingsAction} base={base} submitLabel={t("settings.regional.save")}>
      {({ submitted, error }) => (
        <div className="grid max-w-2xl gap-4 sm:grid-cols-2">
          <SelectField id="set-currency" name="currency" label={t("settings.fields.currency")} hint={t("settings.regional.currencyHint")} defaultValue={echo(submitted, "currency", currency)} error={error("currency")}>
            {Object.entries(DISPLAY_CURRENCIES).map(([code, symbol]) => (
              <option key={code} value={code}>
                {code} ({symbol.trim()}) · {t(`settings.currencies.${code}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="set-locale" name="locale" label={t("settings.fields.locale")} hint={t("settings.regional.localeHint")} defaultValue={echo(submitted, "locale", locale ?? "")} error={error("locale")}>
            <option value="">{t("settings.regional.browserLocale")}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t(`locales.${l}`)}
              </option>
            ))}
          </SelectField>
        </div>
      )}
    </SettingsGroupForm>
  );
}

export function PipelineSettingsForm({ staleDays, base }: { staleDays: number; base: VersionBase }) {
  const t = useTranslations();
  return (
    <SettingsGroupForm action={savePipelineSettingsAction} base={base} submitLabel={t("settings.pipeline.save")}>
      {({ submitted, error }) => (
        <div className="max-w-xs">
          <Field id="set-stale-days" name="staleDays" type="number" inputMode="numeric" min={STALE_DAYS_RANGE.min} max={STALE_DAYS_RANGE.max} step={1} label={t("settings.fields.staleDays")} defaultValue={echo(submitted, "staleDays", String(staleDays))} error={error("staleDays")} aria-describedby={described("set-stale-days", error("staleDays"))} />
          <p id="set-stale-days-hint" className="mt-1 text-xs text-slate-500">
            {t("settings.pipeline.hint", { min: STALE_DAYS_RANGE.min, max: STALE_DAYS_RANGE.max })}
          </p>
        </div>
      )}
    </SettingsGroupForm>
  );
}

export function QuoteSettingsForm({ discountApprovalPct, base }: { discountApprovalPct: string; base: VersionBase }) {
  const t = useTranslations();
  return (
    <SettingsGroupForm action={saveQuoteSettingsAction} base={base} submitLabel={t("settings.quotes.save")}>
      {({ submitted, error }) => (
        <div className="max-w-xs">
          <Field id="set-discount" name="discountApprovalPct" inputMode="decimal" label={t("settings.fields.discountApprovalPct")} defaultValue={echo(submitted, "discountApprovalPct", discountApprovalPct)} error={error("discountApprovalPct")} aria-describedby={described("set-discount", error("discountApprovalPct"))} />
          <p id="set-discount-hint" className="mt-1 text-xs text-slate-500">
            {t("settings.quotes.hint")}
          </p>
        </div>
      )}
    </SettingsGroupForm>
  );
}

export function RecycleBinSettingsForm({ retentionDays, base }: { retentionDays: number; base: VersionBase }) {
  const t = useTranslations();
  return (
    <SettingsGroupForm action={saveRecycleBinSettingsAction} base={base} submitLabel={t("settings.recycleBin.save")}>
      {({ submitted, error }) => (
        <div className="max-w-xs">
          <Field id="set-retention" name="retentionDays" type="number" inputMode="numeric" min={RETENTION_DAYS_RANGE.min} max={RETENTION_DAYS_RANGE.max} step={1} label={t("settings.fields.retentionDays")} defaultValue={echo(submitted, "retentionDays", String(retentionDays))} error={error("retentionDays")} aria-describedby={described("set-retention", error("retentionDays"))} />
          <p id="set-retention-hint" className="mt-1 text-xs text-slate-500">
            {t("settings.recycleBin.hint", { min: RETENTION_DAYS_RANGE.min, max: RETENTION_DAYS_RANGE.max })}
          </p>
        </div>
      )}
    </SettingsGroupForm>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { FormMessage } from "@/components/ui/form-message";
import type { Snapshot } from "@/lib/platform/concurrency";
import { DEFAULT_SLA_MATRIX, SLA_PRIORITIES, SLA_TIER_KEYS, type SlaMatrix, type SlaTierKey } from "@/lib/tickets/rules/service-settings";
import { saveSlaMatrixAction, type ServiceSettingsFormResult } from "@/lib/tickets/service-settings-actions";

type Target = "firstResponseMinutes" | "resolutionMinutes";
const TARGETS: readonly Target[] = ["firstResponseMinutes", "resolutionMinutes"];

/** Stored minutes as the form's business hours (20 min → 0.333, which saves back as 20). */
function hours(minutes: number): string {
  return String(Math.round((minutes / 60) * 1000) / 1000);
}

type Props = { matrix: SlaMatrix; version: number; snapshot: Snapshot };

/** Priority × tier, each cell first response and resolution in business hours; stored in minutes. */
export function ServiceSettingsMatrixForm({ matrix, version, snapshot }: Props) {
  const t = useTranslations();
  const [result, action, pending] = useActionState<ServiceSettingsFormResult, FormData>(saveSlaMatrixAction, null);
  const conflict = result && !result.ok ? result.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase({ version, snapshot }, conflict);
  const errors = result && !result.ok ? result.fieldErrors : {};
  const submitted = result && !result.ok ? result.values : undefined;

  const tierName = (tier: SlaTierKey) => (tier === "NONE" ? t("service.settings.matrix.none") : t(`service.tiers.${tier}`));
  const targetName = (target: Target) => t(target === "firstResponseMinutes" ? "service.settings.matrix.firstResponse" : "service.settings.matrix.resolution");
  /** `P1.VIP.resolutionMinutes` → "P1 – critical, VIP: Resolution (business hours)". */
  const label = (field: string) => {
    const [priority, tier, target] = field.split(".");
    if (!target) return field;
    return t("service.settings.matrix.cell", { priority: t(`service.priorities.${priority}`), tier: tierName(tier as SlaTierKey), target: targetName(target as Target) });
  };
  const show = (_field: string, v: string) => t("service.settings.matrix.hoursShort", { value: hours(Number(v)) });
  const cellErrors = Object.entries(errors).filter(([key]) => key.split(".").length === 3);
  const otherError = Object.entries(errors).find(([key]) => key.split(".").length !== 3 && key !== "form");

  return (
    <form ref={formRef} action={action} className="flex flex-col gap-4" noValidate>
      <VersionFields base={base} />
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{t(result.message)}</FormMessage> : null}
      {conflict ? <ConflictPanel conflict={conflict} label={label} show={show} onOverwrite={overwrite} pending={pending} /> : null}
      <p className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">{t("service.settings.matrix.vipNote")}</p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">{t("service.settings.matrix.caption")}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <th scope="col" className="py-2 pr-3 font-medium">
                {t("service.settings.matrix.priority")}
              </th>
              {SLA_TIER_KEYS.map((tier) => (
                <th key={tier} scope="col" className="py-2 pr-3 font-medium">
                  {tierName(tier)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SLA_PRIORITIES.map((priority) => (
              <tr key={priority} className="border-b border-slate-100 align-top">
                <th scope="row" className="py-2 pr-3 font-medium whitespace-nowrap text-slate-700">
                  {t(`service.priorities.${priority}`)}
                </th>
                {SLA_TIER_KEYS.map((tier) => (
                  <td key={tier} className="py-2 pr-3">
                    <div className="flex flex-col gap-1">
                      {TARGETS.map((target) => {
                        const name = `${priority}.${tier}.${target}`;
                        const bad = Object.hasOwn(errors, name);
                        return (
                          <label key={target} className="flex items-center gap-1 text-xs text-slate-500">
                            <span className="w-16 shrink-0">{targetName(target)}</span>
                            <input
                              name={name}
                              aria-label={label(name)}
                              aria-invalid={bad ? true : undefined}
                              aria-describedby={bad ? "sm-errors" : undefined}
                              defaultValue={submitted?.[name] ?? hours(matrix[priority][tier][target])}
                              placeholder={hours(DEFAULT_SLA_MATRIX[priority][tier][target])}
                              inputMode="decimal"
                              autoComplete="off"
                              className={cn("w-20 rounded-md border bg-white px-2 py-1 text-sm text-slate-900 shadow-sm", bad ? "border-red-500" : "border-slate-300")}
                            />
                          </label>
                        );
                      })}
                    </div>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cellErrors.length > 0 || otherError ? (
        <div id="sm-errors" className="text-sm text-red-700">
          {cellErrors.length > 0 ? <p className="font-medium">{t("service.settings.matrix.errorsTitle")}</p> : null}
          <ul className="list-disc pl-5">
            {cellErrors.map(([key, message]) => (
              <li key={key}>
                {label(key)}: {t(message)}
              </li>
            ))}
            {otherError ? <li>{t(otherError[1])}</li> : null}
          </ul>
        </div>
      ) : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("service.settings.saving") : t("service.settings.matrix.save")}
        </Button>
      </div>
    </form>
  );
}

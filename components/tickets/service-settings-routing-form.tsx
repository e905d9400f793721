"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { Snapshot } from "@/lib/platform/concurrency";
import { saveRoutingCapacityAction, type ServiceSettingsFormResult } from "@/lib/tickets/service-settings-actions";

type Props = { capacity: number; version: number; snapshot: Snapshot };

/** How many open tickets an agent holds before new ones wait in the queue. */
export function ServiceSettingsRoutingForm({ capacity, version, snapshot }: Props) {
  const t = useTranslations();
  const [result, action, pending] = useActionState<ServiceSettingsFormResult, FormData>(saveRoutingCapacityAction, null);
  const conflict = result && !result.ok ? result.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase({ version, snapshot }, conflict);
  const errors = result && !result.ok ? result.fieldErrors : {};
  const submitted = result && !result.ok ? result.values : undefined;
  return (
    <form ref={formRef} action={action} className="flex flex-col gap-4" noValidate>
      <VersionFields base={base} />
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{t(result.message)}</FormMessage> : null}
      {conflict ? <ConflictPanel conflict={conflict} label={(field) => t(`service.settings.fields.${field}`)} onOverwrite={overwrite} pending={pending} /> : null}
      <div className="max-w-sm">
        <Field
          id="sr-capacity"
          name="capacity"
          type="number"
          min={1}
          max={10000}
          step={1}
          inputMode="numeric"
          label={t("service.settings.routing.capacity")}
          defaultValue={submitted?.capacity ?? capacity}
          error={errors.capacity ? t(errors.capacity) : undefined}
        />
        <p className="mt-1 text-xs text-slate-500">{t("service.settings.routing.capacityHint")}</p>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("service.settings.saving") : t("service.settings.routing.save")}
        </Button>
      </div>
    </form>
  );
}

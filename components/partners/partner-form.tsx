"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { type PartnerFormResult, savePartnerAction } from "@/lib/partners/actions";
import type { Snapshot } from "@/lib/platform/concurrency";

type PartnerValues = { id: number; name: string; region: string | null; contactName: string | null; email: string | null; active: boolean; version: number; snapshot: Snapshot };

export function PartnerForm({ partner }: { partner?: PartnerValues }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<PartnerFormResult, FormData>(savePartnerAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const err = (f: string) => (errors[f] ? t(errors[f]) : undefined);
  const submitted = state && !state.ok ? state.values : undefined;
  const val = (f: string, saved: string | null | undefined) => submitted?.[f] ?? saved ?? "";
  const conflict = state && !state.ok ? state.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase(partner ? { version: partner.version, snapshot: partner.snapshot } : null, conflict);
  return (
    <form ref={formRef} action={action} noValidate className="flex flex-col gap-4" aria-label={partner ? t("partners.form.edit") : t("partners.form.create")}>
      {partner ? (
        <>
          <input type="hidden" name="id" value={partner.id} />
          <VersionFields base={base} />
        </>
      ) : null}
      {state?.ok ? <FormMessage tone="success">{t(state.message)}</FormMessage> : null}
      {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
      {conflict ? (
        <ConflictPanel
          conflict={conflict}
          label={(f) => t(`partners.fields.${f}`)}
          yours={(f) => (f === "active" ? undefined : submitted?.[f])}
          onOverwrite={overwrite}
          pending={pending}
        />
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="pt-name" name="name" label={t("partners.fields.name")} defaultValue={val("name", partner?.name)} error={err("name")} required />
        <Field id="pt-region" name="region" label={t("partners.fields.region")} defaultValue={val("region", partner?.region)} error={err("region")} />
        <Field id="pt-contactName" name="contactName" label={t("partners.fields.contactName")} defaultValue={val("contactName", partner?.contactName)} error={err("contactName")} />
        <Field id="pt-email" name="email" type="email" label={t("partners.fields.email")} defaultValue={val("email", partner?.email)} error={err("email")} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="active" defaultChecked={submitted ? submitted.active === "on" : partner ? partner.active : true} />
          {t("partners.fields.active")}
        </label>
      </div>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {t("partners.form.save")}
        </Button>
      </div>
    </form>
  );
}

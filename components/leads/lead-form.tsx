"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { createLeadAction, type LeadFormResult, updateLeadAction } from "@/lib/leads/actions";
import type { Snapshot } from "@/lib/platform/concurrency";
import { LeadConflictPanel } from "./lead-conflict-panel";

type LeadValues = { id: number; version: number; snapshot: Snapshot; name: string; company: string | null; email: string | null; phone: string | null; region: string | null; source: string };

type Props = {
  lead?: LeadValues;
  /** Owners offered on create (empty: the creator owns it). */
  owners?: { id: number; name: string }[];
  /** An admin may leave a new lead unassigned; everyone else owns what they create by default. */
  unassignedAllowed?: boolean;
  sources: string[];
  readOnly?: boolean;
};

/** Create and edit share one form; a save that lost a race shows what the other person changed. */
export function LeadForm({ lead, owners = [], unassignedAllowed, sources, readOnly }: Props) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<LeadFormResult, FormData>(lead ? updateLeadAction : createLeadAction, null);
  const messageRef = useRef<HTMLDivElement>(null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  useEffect(() => {
    if (state && !state.ok) {
      const first = Object.keys(state.fieldErrors)[0];
      (document.getElementById(`lead-${first}`) ?? messageRef.current)?.focus();
    }
  }, [state]);
  const err = (f: string) => (errors[f] ? t(errors[f]) : undefined);
  const submitted = state && !state.ok ? state.values : undefined;
  const val = (f: string, saved: string | null | undefined) => submitted?.[f] ?? saved ?? "";
  const conflict = state && !state.ok ? state.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase(lead ? { version: lead.version, snapshot: lead.snapshot } : null, conflict);
  return (
    <form ref={formRef} action={action} noValidate className="flex flex-col gap-4" aria-label={lead ? t("leads.detail.profile") : t("leads.create.title")}>
      {lead ? (
        <>
          <input type="hidden" name="id" value={lead.id} />
          <VersionFields base={base} />
        </>
      ) : null}
      <div ref={messageRef} tabIndex={-1} className="outline-none">
        {state?.ok && state.message ? <FormMessage tone="success">{t(state.message)}</FormMessage> : null}
        {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
        {conflict ? <LeadConflictPanel conflict={conflict} yours={(f) => submitted?.[f]} onOverwrite={readOnly ? undefined : overwrite} pending={pending} /> : null}
      </div>
      <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-2">
        <legend className="sr-only">{t("leads.detail.profile")}</legend>
        <Field id="lead-name" name="name" label={t("leads.fields.name")} defaultValue={val("name", lead?.name)} error={err("name")} required autoComplete="off" />
        <Field id="lead-company" name="company" label={t("leads.fields.company")} defaultValue={val("company", lead?.company)} error={err("company")} autoComplete="off" />
        <Field id="lead-email" name="email" type="email" label={t("leads.fields.email")} defaultValue={val("email", lead?.email)} error={err("email")} autoComplete="off" />
        <Field id="lead-phone" name="phone" type="tel" label={t("leads.fields.phone")} defaultValue={val("phone", lead?.phone)} error={err("phone")} autoComplete="off" />
        <Field id="lead-region" name="region" label={t("leads.fields.region")} defaultValue={val("region", lead?.region)} error={err("region")} />
        <Field id="lead-source" name="source" label={t("leads.fields.source")} defaultValue={val("source", lead?.source)} error={err("source")} required list="lead-sources" />
        <datalist id="lead-sources">
          {sources.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        {!lead && owners.length > 0 ? (
          <SelectField id="lead-ownerId" name="ownerId" label={t("leads.fields.owner")} defaultValue={val("ownerId", "")} error={err("ownerId")}>
            <option value="">{unassignedAllowed ? t("leads.create.unassigned") : t("leads.create.me")}</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        ) : null}
      </fieldset>
      {readOnly ? null : (
        <div>
          <Button type="submit" disabled={pending} aria-busy={pending}>
            {pending ? t("leads.form.saving") : lead ? t("leads.form.save") : t("leads.create.submit")}
          </Button>
        </div>
      )}
    </form>
  );
}

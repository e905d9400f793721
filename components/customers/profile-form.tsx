"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import { createCustomerAction, type CustomerFormResult, updateCustomerAction } from "@/lib/customers/actions";
import type { CustomerDto } from "@/lib/customers/mutations";
import { CustomerKind } from "@/lib/platform/enums";

type Props = {
  customer?: CustomerDto;
  owners: { id: number; name: string }[];
  regions: string[];
  /** Edit forms are read-only for users without the edit right. */
  readOnly?: boolean;
  /** A new customer's known details (an unknown caller from the contact console). */
  prefill?: { phone?: string; email?: string; source?: string };
};

/**
 * Create and edit share one form. Field errors (i18n keys from the zod schema or the DAL) show under
 * their field; a save that lost a race shows what the other person changed; a create that looks like
 * an existing customer lists the possible duplicates and asks before creating another.
 */
export function ProfileForm({ customer, owners, regions, readOnly, prefill }: Props) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CustomerFormResult, FormData>(customer ? updateCustomerAction : createCustomerAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Move focus to the outcome so keyboard and screen-reader users learn what happened.
    if (state && !state.ok) {
      const firstInvalid = Object.keys(state.fieldErrors)[0];
      const el = firstInvalid ? document.getElementById(`p-${firstInvalid}`) : null;
      (el ?? messageRef.current)?.focus();
    }
  }, [state]);
  const err = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  const v = customer;
  const submitted = state && !state.ok ? state.values : undefined;
  const conflict = state && !state.ok ? state.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase(customer ? { version: customer.version, snapshot: customer.snapshot } : null, conflict);
  const show = (field: string, value: string) =>
    field === "kind" ? t(`enums.kind.${value}`) : field === "ownerId" ? (owners.find((o) => String(o.id) === value)?.name ?? (v?.owner && String(v.owner.id) === value ? v.owner.name : `#${value}`)) : value;
  // After a refused submit, show what was typed, not the saved record.
  const val = (field: string, saved: string | null | undefined) => submitted?.[field] ?? saved ?? "";
  return (
    <form ref={formRef} action={action} noValidate className="flex flex-col gap-4" aria-label={customer ? t("customers.profile.title") : t("customers.create.title")}>
      {customer ? (
        <>
          <input type="hidden" name="id" value={customer.id} />
          <VersionFields base={base} />
        </>
      ) : null}
      <div ref={messageRef} tabIndex={-1} className="outline-none">
        {state && state.ok && state.message ? <FormMessage tone="success">{t(state.message)}</FormMessage> : null}
        {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
        {conflict ? (
          <ConflictPanel
            conflict={conflict}
            label={(f) => t(`customers.fields.${f}`)}
            show={show}
            yours={(f) => submitted?.[f]}
            onOverwrite={readOnly ? undefined : overwrite}
            pending={pending}
          />
        ) : null}
        {state && !state.ok && state.duplicates && state.duplicates.length > 0 ? (
          <div className="mt-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm" data-testid="duplicates">
            <p className="font-medium">{t("customers.duplicates.title")}</p>
            <ul className="mt-1 flex flex-col gap-1">
              {state.duplicates.map((d) => (
                <li key={d.id}>
                  <Link href={`/customers/${d.id}`} className="text-brand-700 underline">
                    {d.name}
                  </Link>{" "}
                  · {d.region} · {d.reasons.map((r) => t(`customers.duplicates.reason.${r}`)).join(", ")}
                </li>
              ))}
            </ul>
            <label className="mt-2 flex items-center gap-2">
              <input type="checkbox" name="confirmDuplicates" value="yes" />
              {t("customers.duplicates.confirm")}
            </label>
          </div>
        ) : null}
      </div>
      <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-2">
        <legend className="sr-only">{t("customers.profile.title")}</legend>
        <Field id="p-name" name="name" label={t("customers.fields.name")} defaultValue={val("name", v?.name)} error={err("name")} required autoComplete="off" />
        <SelectField id="p-kind" name="kind" label={t("customers.fields.kind")} defaultValue={val("kind", v?.kind)} error={err("kind")} required>
          <option value="">{t("customers.filters.choose")}</option>
          {Object.values(CustomerKind).map((k) => (
            <option key={k} value={k}>
              {t(`enums.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        <Field id="p-email" name="email" type="email" label={t("customers.fields.email")} defaultValue={val("email", v?.email ?? prefill?.email)} error={err("email")} autoComplete="off" />
        <Field id="p-phone" name="phone" type="tel" label={t("customers.fields.phone")} defaultValue={val("phone", v?.phone ?? prefill?.phone)} error={err("phone")} autoComplete="off" />
        <Field id="p-company" name="company" label={t("customers.fields.company")} defaultValue={val("company", v?.company)} error={err("company")} />
        <Field id="p-region" name="region" label={t("customers.fields.region")} defaultValue={val("region", v?.region)} error={err("region")} required list="p-regions" />
        <datalist id="p-regions">
          {regions.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <Field id="p-industry" name="industry" label={t("customers.fields.industry")} defaultValue={val("industry", v?.industry)} error={err("industry")} />
        <Field id="p-source" name="source" label={t("customers.fields.source")} defaultValue={val("source", v?.source ?? prefill?.source)} error={err("source")} />
        {owners.length > 0 ? (
          <SelectField id="p-ownerId" name="ownerId" label={t("customers.fields.owner")} defaultValue={val("ownerId", v?.owner ? String(v.owner.id) : "")} error={err("ownerId")}>
            <option value="">{v ? t("customers.profile.keepOwner") : t("customers.profile.defaultOwner")}</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <div className="sm:col-span-2">
          <TextareaField id="p-notes" name="notes" rows={3} label={t("customers.fields.notes")} defaultValue={val("notes", v?.notes)} error={err("notes")} />
        </div>
      </fieldset>
      {readOnly ? null : (
        <div>
          <Button type="submit" disabled={pending} aria-busy={pending}>
            {pending ? t("customers.profile.saving") : customer ? t("customers.profile.save") : t("customers.create.submit")}
          </Button>
        </div>
      )}
    </form>
  );
}

"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { convertLeadAction, type LeadFormResult } from "@/lib/leads/actions";
import type { DuplicateCandidateDto } from "@/lib/customers/queries";
import type { ConversionDefaults } from "@/lib/leads/rules/conversion";
import { CustomerKind } from "@/lib/platform/enums";
import type { Snapshot } from "@/lib/platform/concurrency";
import { LeadConflictPanel } from "./lead-conflict-panel";

type Props = { leadId: number; version: number; snapshot: Snapshot; defaults: ConversionDefaults; candidates: DuplicateCandidateDto[] };

/**
 * The conversion: the duplicate check comes first (existing customers that look like the one the
 * lead would become), then the opportunity's terms. Linking a candidate or confirming a new customer
 * is an explicit choice.
 */
export function ConvertForm({ leadId, version, snapshot, defaults, candidates }: Props) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<LeadFormResult, FormData>(convertLeadAction, null);
  const conflict = state && !state.ok ? state.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase({ version, snapshot }, conflict);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const err = (f: string) => (errors[f] ? t(errors[f]) : undefined);
  const submitted = state && !state.ok ? state.values : undefined;
  const val = (f: string, d: string) => submitted?.[f] ?? d;
  const shown = state && !state.ok && state.duplicates ? state.duplicates : candidates;
  // "new" or a candidate's id; with look-alikes the user must pick one, nothing is preselected.
  const [choice, setChoice] = useState<string>(candidates.length > 0 ? "" : "new");
  const mode = choice === "new" ? "new" : "existing";
  // Look-alikes found on submit: the user must now choose explicitly between them and a new customer
  // (adjusting state while rendering, as React recommends over an effect).
  const [seenState, setSeenState] = useState(state);
  if (state !== seenState) {
    setSeenState(state);
    if (state && !state.ok && state.duplicates && state.duplicates.length > 0) setChoice("");
  }
  const reason = (d: DuplicateCandidateDto) => d.reasons.map((r) => t(`customers.duplicates.reason.${r}`)).join(", ");
  return (
    <form ref={formRef} action={action} noValidate className="flex flex-col gap-5" aria-label={t("leads.convert.title")}>
      <input type="hidden" name="id" value={leadId} />
      <VersionFields base={base} />
      {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
      {conflict ? <LeadConflictPanel conflict={conflict} onOverwrite={overwrite} pending={pending} /> : null}
      <fieldset className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="duplicate-check">
        <legend className="px-1 text-base font-semibold">{t("leads.convert.duplicateCheck")}</legend>
        {shown.length === 0 ? (
          <p className="text-sm text-slate-600">{t("leads.convert.noDuplicates")}</p>
        ) : (
          <p className="text-sm text-slate-600">{t("leads.convert.duplicatesHint", { count: shown.length })}</p>
        )}
        {shown.map((d) => (
          <label key={d.id} className="flex items-start gap-2 text-sm">
            <input type="radio" name="customerChoice" value={d.id} checked={choice === String(d.id)} onChange={() => setChoice(String(d.id))} />
            <span>
              {t("leads.convert.link")}{" "}
              <Link href={`/customers/${d.id}`} className="text-brand-700 underline">
                {d.name}
              </Link>{" "}
              · {d.region} · {reason(d)}
              {d.ownerName ? ` · ${d.ownerName}` : ""}
            </span>
          </label>
        ))}
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="customerChoice" value="new" checked={choice === "new"} onChange={() => setChoice("new")} />
          {shown.length > 0 ? t("leads.convert.createAnyway") : t("leads.convert.createNew")}
        </label>
        {err("customerId") ? <p className="text-sm text-red-700">{err("customerId")}</p> : null}
        <input type="hidden" name="customerMode" value={mode} />
        <input type="hidden" name="customerId" value={mode === "existing" ? choice : ""} />
        {/* Choosing "new" while look-alikes are listed is the explicit confirmation. */}
        {mode === "new" && shown.length > 0 ? <input type="hidden" name="confirmNew" value="yes" /> : null}
      </fieldset>
      {mode === "new" ? (
        <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3">
          <legend className="px-1 text-base font-semibold">{t("leads.convert.newCustomer")}</legend>
          <Field id="cv-customerName" name="customerName" label={t("leads.convert.customerName")} defaultValue={val("customerName", defaults.customerName)} error={err("customerName")} required />
          <SelectField id="cv-kind" name="kind" label={t("leads.convert.kind")} defaultValue={val("kind", defaults.kind)} error={err("kind")}>
            {Object.values(CustomerKind).map((k) => (
              <option key={k} value={k}>
                {t(`enums.kind.${k}`)}
              </option>
            ))}
          </SelectField>
          <Field id="cv-region" name="region" label={t("leads.fields.region")} defaultValue={val("region", defaults.region)} error={err("region")} required />
        </fieldset>
      ) : (
        <>
          {/* Linking keeps the customer as it is; these satisfy the shared schema and are ignored. */}
          <input type="hidden" name="customerName" value={defaults.customerName} />
          <input type="hidden" name="kind" value={defaults.kind} />
          <input type="hidden" name="region" value={defaults.region || "-"} />
        </>
      )}
      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3">
        <legend className="px-1 text-base font-semibold">{t("leads.convert.opportunity")}</legend>
        <Field id="cv-opportunityName" name="opportunityName" label={t("leads.convert.opportunityName")} defaultValue={val("opportunityName", defaults.opportunityName)} error={err("opportunityName")} required />
        <Field id="cv-amount" name="amount" inputMode="decimal" label={t("leads.convert.amount")} defaultValue={val("amount", "")} error={err("amount")} required placeholder="0.00" />
        <Field id="cv-expectedCloseDate" name="expectedCloseDate" type="date" label={t("leads.convert.expectedCloseDate")} defaultValue={val("expectedCloseDate", defaults.expectedCloseDate)} error={err("expectedCloseDate")} required />
        <p className="text-xs text-slate-500 sm:col-span-3">{t("leads.convert.stageHint")}</p>
      </fieldset>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? t("leads.convert.converting") : t("leads.convert.submit")}
        </Button>
      </div>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import { createOpportunityAction, type OpportunityFormResult, updateOpportunityAction } from "@/lib/opportunities/actions";
import type { OpportunityDto, OpportunityFormOptions } from "@/lib/opportunities/mutations";
import { DEFAULT_STAGE_PROBABILITY, STAGES } from "@/lib/opportunities/rules/stages";
import type { OpportunityStage } from "@/lib/platform/enums";
import { CustomerPicker } from "./customer-picker";

type Props = {
  opportunity?: OpportunityDto;
  options: OpportunityFormOptions;
  /** A customer chosen before opening the form (e.g. from the customer's page). */
  presetCustomer?: { id: number; name: string } | null;
  readOnly?: boolean;
};

/**
 * Create and edit share one form. Picking a stage fills in its default probability, which the user
 * may still change. A save that lost a race lists what the other person changed.
 */
export function OpportunityForm({ opportunity: o, options, presetCustomer, readOnly }: Props) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<OpportunityFormResult, FormData>(o ? updateOpportunityAction : createOpportunityAction, null);
  const submitted = state && !state.ok ? state.values : undefined;
  const val = (field: string, saved: string | number | null | undefined) => submitted?.[field] ?? (saved === null || saved === undefined ? "" : String(saved));
  const [stage, setStage] = useState<OpportunityStage>((submitted?.stage as OpportunityStage | undefined) ?? o?.stage ?? "PROSPECTING");
  const [probability, setProbability] = useState(val("probability", o?.probability ?? DEFAULT_STAGE_PROBABILITY.PROSPECTING));
  const errors = state && !state.ok ? state.fieldErrors : {};
  const err = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state && !state.ok) {
      const first = Object.keys(state.fieldErrors)[0];
      (document.getElementById(`o-${first}`) ?? messageRef.current)?.focus();
    }
  }, [state]);
  const conflict = state && !state.ok ? state.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase(o ? { version: o.version, snapshot: o.snapshot } : null, conflict);
  const fieldLabel = (f: string) => t(`opportunities.fields.${f}`);
  // Ids read as names where the form knows them (owners, partners), so the conflict is plain to read.
  const show = (f: string, v: string) => {
    if (f === "stage") return t(`enums.oppStage.${v}`);
    if (f === "ownerId") return options.owners.find((u) => String(u.id) === String(v))?.name ?? `#${v}`;
    if (f === "partnerId") return options.partners.find((p) => String(p.id) === String(v))?.name ?? `#${v}`;
    if (f === "customerId") return `#${v}`;
    return String(v);
  };

  return (
    <form ref={formRef} action={action} noValidate className="flex flex-col gap-4" aria-label={o ? t("opportunities.detail.editTitle") : t("opportunities.create.title")}>
      {o ? (
        <>
          <input type="hidden" name="id" value={o.id} />
          <VersionFields base={base} />
        </>
      ) : null}
      <div ref={messageRef} tabIndex={-1} className="outline-none">
        {state && state.ok && state.message ? <FormMessage tone="success">{t(state.message)}</FormMessage> : null}
        {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
        {conflict ? (
          <ConflictPanel
            conflict={conflict}
            label={fieldLabel}
            show={show}
            yours={(f) => submitted?.[f]}
            onOverwrite={readOnly ? undefined : overwrite}
            pending={pending}
          />
        ) : null}
      </div>
      <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-2">
        <legend className="sr-only">{o ? t("opportunities.detail.editTitle") : t("opportunities.create.title")}</legend>
        <Field id="o-name" name="name" label={fieldLabel("name")} defaultValue={val("name", o?.name)} error={err("name")} required autoComplete="off" />
        <CustomerPicker id="o-customerId" name="customerId" label={fieldLabel("customer")} initial={o?.customer ?? presetCustomer ?? null} error={err("customerId")} disabled={readOnly} />
        <Field id="o-amount" name="amount" inputMode="decimal" label={fieldLabel("amount")} defaultValue={val("amount", o?.amount)} error={err("amount")} required placeholder="0.00" />
        <Field id="o-expectedCloseDate" name="expectedCloseDate" type="date" label={fieldLabel("expectedCloseDate")} defaultValue={val("expectedCloseDate", o?.expectedCloseDate)} error={err("expectedCloseDate")} required />
        <SelectField
          id="o-stage"
          name="stage"
          label={fieldLabel("stage")}
          value={stage}
          onChange={(e) => {
            const next = e.target.value as OpportunityStage;
            setStage(next);
            setProbability(String(DEFAULT_STAGE_PROBABILITY[next]));
          }}
          error={err("stage")}
        >
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {t(`enums.oppStage.${s}`)}
            </option>
          ))}
        </SelectField>
        <Field
          id="o-probability"
          name="probability"
          type="number"
          min={0}
          max={100}
          label={fieldLabel("probability")}
          value={probability}
          onChange={(e) => setProbability(e.target.value)}
          error={err("probability")}
        />
        {stage === "LOST" ? (
          <div className="sm:col-span-2">
            <TextareaField id="o-lostReason" name="lostReason" rows={2} label={fieldLabel("lostReason")} defaultValue={val("lostReason", o?.lostReason)} error={err("lostReason")} required />
          </div>
        ) : null}
        <SelectField id="o-ownerId" name="ownerId" label={fieldLabel("owner")} defaultValue={val("ownerId", o?.owner.id)} error={err("ownerId")}>
          {o ? null : <option value="">{t("opportunities.form.me")}</option>}
          {o && !options.owners.some((u) => u.id === o.owner.id) ? <option value={o.owner.id}>{o.owner.name}</option> : null}
          {options.owners.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <Field id="o-source" name="source" label={fieldLabel("source")} defaultValue={val("source", o?.source)} error={err("source")} />
        <SelectField id="o-partnerId" name="partnerId" label={fieldLabel("partner")} defaultValue={val("partnerId", o?.partner?.id)} error={err("partnerId")}>
          <option value="">{t("opportunities.form.noPartner")}</option>
          {o?.partner && !options.partners.some((p) => p.id === o.partner?.id) ? <option value={o.partner.id}>{o.partner.name}</option> : null}
          {options.partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <Field id="o-competitor" name="competitor" label={fieldLabel("competitor")} defaultValue={val("competitor", o?.competitor)} error={err("competitor")} />
        <div className="sm:col-span-2">
          <TextareaField id="o-nextStep" name="nextStep" rows={2} label={fieldLabel("nextStep")} defaultValue={val("nextStep", o?.nextStep)} error={err("nextStep")} />
        </div>
      </fieldset>
      {readOnly ? null : (
        <div>
          <Button type="submit" disabled={pending} aria-busy={pending}>
            {pending ? t("opportunities.form.saving") : o ? t("opportunities.form.save") : t("opportunities.create.submit")}
          </Button>
        </div>
      )}
    </form>
  );
}

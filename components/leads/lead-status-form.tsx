"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import { changeLeadStatusAction, type LeadFormResult } from "@/lib/leads/actions";
import type { LeadStatus } from "@/lib/platform/enums";
import type { Snapshot } from "@/lib/platform/concurrency";
import { LeadConflictPanel } from "./lead-conflict-panel";

/** Offers only the statuses the rules allow next; disqualifying asks for the reason. */
export function LeadStatusForm({ id, version, snapshot, next }: { id: number; version: number; snapshot: Snapshot; next: readonly LeadStatus[] }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<LeadFormResult, FormData>(changeLeadStatusAction, null);
  const conflict = state && !state.ok ? state.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase({ version, snapshot }, conflict);
  const choices = next.filter((s) => s !== "CONVERTED");
  const [picked, setChosen] = useState<string>(choices[0] ?? "");
  // After a change the allowed next statuses differ; an old pick no longer offered falls back to the first.
  const chosen = (choices as readonly string[]).includes(picked) ? picked : (choices[0] ?? "");
  const errors = state && !state.ok ? state.fieldErrors : {};
  if (choices.length === 0) return null;
  return (
    <form ref={formRef} action={action} noValidate className="flex flex-col gap-3" aria-label={t("leads.status.title")}>
      <input type="hidden" name="id" value={id} />
      <VersionFields base={base} />
      {state?.ok && state.message ? <FormMessage tone="success">{t(state.message)}</FormMessage> : null}
      {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
      {conflict ? <LeadConflictPanel conflict={conflict} onOverwrite={overwrite} pending={pending} /> : null}
      <SelectField id="ls-status" name="status" label={t("leads.status.next")} value={chosen} onChange={(e) => setChosen(e.target.value)} error={errors.status ? t(errors.status) : undefined}>
        {choices.map((s) => (
          <option key={s} value={s}>
            {t(`leads.statuses.${s}`)}
          </option>
        ))}
      </SelectField>
      {chosen === "DISQUALIFIED" ? (
        <TextareaField id="ls-reason" name="reason" rows={2} required label={t("leads.fields.disqualifyReason")} error={errors.reason ? t(errors.reason) : undefined} />
      ) : null}
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {t("leads.status.submit")}
        </Button>
      </div>
    </form>
  );
}

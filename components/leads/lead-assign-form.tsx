"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { Button } from "@/components/ui/button";
import { useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { assignLeadAction, type LeadFormResult } from "@/lib/leads/actions";
import type { Snapshot } from "@/lib/platform/concurrency";
import { LeadConflictPanel } from "./lead-conflict-panel";

type Props = { id: number; version: number; snapshot: Snapshot; assignees: { id: number; name: string }[]; roundRobin: boolean };

/** Two ways to assign: to a chosen user in scope, or to the team's next rep in turn. */
export function LeadAssignForm({ id, version, snapshot, assignees, roundRobin }: Props) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<LeadFormResult, FormData>(assignLeadAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const conflict = state && !state.ok ? state.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase({ version, snapshot }, conflict);
  // Two forms share the result; "save mine" repeats the one that was refused.
  const roundRobinRef = useRef<HTMLFormElement>(null);
  const refusedRoundRobin = state && !state.ok && state.values?.mode === "roundRobin";
  return (
    <div className="flex flex-col gap-3">
      {state?.ok && state.message ? <FormMessage tone="success">{t(state.message)}</FormMessage> : null}
      {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
      {conflict ? (
        <LeadConflictPanel
          conflict={conflict}
          onOverwrite={() => overwrite(refusedRoundRobin ? { form: roundRobinRef.current } : undefined)}
          pending={pending}
        />
      ) : null}
      {assignees.length > 0 ? (
        <form ref={formRef} action={action} className="flex flex-wrap items-end gap-2" aria-label={t("leads.assign.byHand")}>
          <input type="hidden" name="id" value={id} />
          <VersionFields base={base} />
          <input type="hidden" name="mode" value="user" />
          <SelectField id="la-owner" name="ownerId" label={t("leads.assign.to")} defaultValue={state && !state.ok ? (state.values?.ownerId ?? "") : ""} error={errors.ownerId ? t(errors.ownerId) : undefined}>
            <option value="">{t("leads.assign.choose")}</option>
            {assignees.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </SelectField>
          <Button type="submit" variant="secondary" disabled={pending}>
            {t("leads.assign.submit")}
          </Button>
        </form>
      ) : null}
      {roundRobin ? (
        <form ref={roundRobinRef} action={action} aria-label={t("leads.assign.roundRobin")}>
          <input type="hidden" name="id" value={id} />
          <VersionFields base={base} />
          <input type="hidden" name="mode" value="roundRobin" />
          <Button type="submit" variant="secondary" disabled={pending}>
            {t("leads.assign.roundRobin")}
          </Button>
          <p className="mt-1 text-xs text-slate-500">{t("leads.assign.roundRobinHint")}</p>
        </form>
      ) : null}
    </div>
  );
}

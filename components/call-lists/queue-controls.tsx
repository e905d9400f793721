"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { TextareaField } from "@/components/ui/select-field";
import { type CallListFormResult, nextCallAction, recordCallOutcomeAction } from "@/lib/call-lists/actions";

function Outcome({ state }: { state: CallListFormResult }) {
  const t = useTranslations();
  if (!state) return null;
  if (state.ok) return state.message ? <FormMessage tone="success">{t(state.message)}</FormMessage> : null;
  const first = Object.values(state.fieldErrors)[0];
  return <FormMessage tone="error">{t(first ?? state.message ?? "errors.unexpected")}</FormMessage>;
}

/** "Next call" for one list, or (no list) for every list the user works. */
export function NextCallButton({ listId, label, primary = false }: { listId: number | null; label: string; primary?: boolean }) {
  const [state, action, pending] = useActionState<CallListFormResult, FormData>(nextCallAction, null);
  const t = useTranslations();
  return (
    <form action={action} className="flex flex-col gap-2">
      {listId !== null ? <input type="hidden" name="listId" value={listId} /> : null}
      <Button type="submit" variant={primary ? "primary" : "secondary"} disabled={pending} data-testid={listId === null ? "next-call" : `next-call-${listId}`}>
        {pending ? t("callLists.queue.taking") : label}
      </Button>
      <div aria-live="polite">
        <Outcome state={state} />
      </div>
    </form>
  );
}

export const OUTCOME_BUTTONS = ["REACHED", "INTERESTED", "CONVERTED", "NOT_INTERESTED", "NO_ANSWER", "BUSY", "CALLBACK", "WRONG_NUMBER", "OPT_OUT"] as const;

/** The outcome buttons of the call in progress, with notes and the callback time (typed on the viewer's wall clock, `timeZone`). */
export function CallOutcomeForm({ entryId, version, defaultCallback, timeZone }: { entryId: number; version: number; defaultCallback: string; timeZone: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CallListFormResult, FormData>(recordCallOutcomeAction, null);
  const failed = state && !state.ok ? state : null;
  const err = (f: string) => (failed?.fieldErrors[f] ? t(failed.fieldErrors[f]) : undefined);
  return (
    <form action={action} className="flex flex-col gap-3" aria-label={t("callLists.queue.outcomeTitle")}>
      <input type="hidden" name="entryId" value={entryId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="timeZone" value={timeZone} />
      <TextareaField id="call-notes" name="notes" label={t("callLists.queue.notes")} rows={2} maxLength={2000} defaultValue={failed?.values?.notes ?? ""} error={err("notes")} />
      <Field id="call-callback" name="callbackAt" type="datetime-local" label={t("callLists.queue.callbackAt")} defaultValue={failed?.values?.callbackAt ?? defaultCallback} error={err("callbackAt")} className="w-64" />
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700">{t("callLists.queue.outcomeTitle")}</legend>
        <div className="flex flex-wrap gap-2">
          {OUTCOME_BUTTONS.map((o) => (
            <Button key={o} type="submit" name="outcome" value={o} disabled={pending} variant={o === "CONVERTED" || o === "INTERESTED" || o === "REACHED" ? "primary" : o === "OPT_OUT" ? "danger" : "secondary"} data-testid={`outcome-${o}`}>
              {t(`callLists.outcomes.${o}`)}
            </Button>
          ))}
        </div>
      </fieldset>
      <div aria-live="polite">{failed ? <Outcome state={state} /> : null}</div>
    </form>
  );
}


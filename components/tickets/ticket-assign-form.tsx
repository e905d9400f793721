"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import type { Snapshot } from "@/lib/platform/concurrency";
import { assignTicketAction, type TicketFormResult } from "@/lib/tickets/actions";
import { TicketConflictPanel } from "./ticket-conflict-panel";

type Person = { id: number; name: string };
type Target = { id: number; version: number; snapshot: Snapshot };

function Outcome({ state }: { state: TicketFormResult }) {
  const t = useTranslations();
  if (!state) return null;
  if (state.ok) return state.message ? <FormMessage tone="success">{t(state.message)}</FormMessage> : null;
  return state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null;
}

/** For managers and administrators: give the ticket to an agent, or back to the queue. */
export function TicketAssignForm({ id, version, snapshot, agents, current }: Target & { agents: Person[]; current: Person | null }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<TicketFormResult, FormData>(assignTicketAction, null);
  const failed = state && !state.ok ? state : null;
  const conflict = failed?.conflict;
  const { base, formRef, overwrite } = useVersionBase({ version, snapshot }, conflict);
  // The one holding it now stays choosable even when not an agent any more (so the select shows the truth).
  const people = current && !agents.some((a) => a.id === current.id) ? [...agents, current] : agents;
  const error = failed?.fieldErrors.assigneeId;
  return (
    <form ref={formRef} action={action} noValidate className="flex flex-col gap-3" aria-label={t("service.assign.title")}>
      <input type="hidden" name="id" value={id} />
      <VersionFields base={base} />
      <Outcome state={state} />
      {conflict ? <TicketConflictPanel conflict={conflict} people={people} onOverwrite={overwrite} pending={pending} /> : null}
      <div className="flex flex-wrap items-end gap-2">
        <SelectField
          id="ta-assignee"
          name="assigneeId"
          label={t("service.assign.to")}
          defaultValue={failed?.values?.assigneeId ?? (current ? String(current.id) : "")}
          error={error ? t(error) : undefined}
        >
          <option value="">{t("service.assign.queue")}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
          {t("service.assign.submit")}
        </Button>
      </div>
    </form>
  );
}

/** For an agent on a queued ticket: take it (assign it to themselves). */
export function TicketTakeButton({ id, version, snapshot, userId }: Target & { userId: number }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<TicketFormResult, FormData>(assignTicketAction, null);
  const failed = state && !state.ok ? state : null;
  const conflict = failed?.conflict;
  const { base, formRef, overwrite } = useVersionBase({ version, snapshot }, conflict);
  // No visible field: a refusal of the assignee is the message itself.
  const error = failed ? (failed.fieldErrors.assigneeId ?? failed.message) : null;
  return (
    <form ref={formRef} action={action} className="flex flex-col gap-2" aria-label={t("service.assign.take")}>
      <input type="hidden" name="id" value={id} />
      <VersionFields base={base} />
      <input type="hidden" name="assigneeId" value={userId} />
      {state?.ok && state.message ? <FormMessage tone="success">{t(state.message)}</FormMessage> : null}
      {error ? <FormMessage tone="error">{t(error)}</FormMessage> : null}
      {conflict ? <TicketConflictPanel conflict={conflict} onOverwrite={overwrite} pending={pending} /> : null}
      <p id={`take-${id}-hint`} className="text-sm text-slate-600">
        {t("service.assign.takeHint")}
      </p>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending} aria-describedby={`take-${id}-hint`}>
          {t("service.assign.take")}
        </Button>
      </div>
    </form>
  );
}

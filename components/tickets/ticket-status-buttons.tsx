"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { FormMessage } from "@/components/ui/form-message";
import type { Snapshot } from "@/lib/platform/concurrency";
import type { TicketStatus } from "@/lib/platform/enums";
import { changeTicketStatusAction, type TicketFormResult } from "@/lib/tickets/actions";
import { TicketConflictPanel } from "./ticket-conflict-panel";

type Props = { id: number; version: number; snapshot: Snapshot; next: readonly TicketStatus[]; people?: { id: number; name: string }[] };

/** One button per status the workflow allows next (the data layer's `can.next`); each posts its status. */
export function TicketStatusButtons({ id, version, snapshot, next, people }: Props) {
  const t = useTranslations("service");
  const tAll = useTranslations();
  const [state, action, pending] = useActionState<TicketFormResult, FormData>(changeTicketStatusAction, null);
  const failed = state && !state.ok ? state : null;
  const conflict = failed?.conflict;
  const errorKey = failed ? (failed.fieldErrors.status ?? failed.message) : null;
  const { base, formRef, overwrite } = useVersionBase({ version, snapshot }, conflict);
  // "Save mine" repeats the status that was refused, so it needs that status's button as the submitter.
  const refused = failed?.values?.status;
  const submitterOf = (status: string | undefined) =>
    status ? (Array.from(formRef.current?.querySelectorAll("button[name='status']") ?? []).find((b) => (b as HTMLButtonElement).value === status) as HTMLElement | undefined) : undefined;
  if (next.length === 0) return null;
  return (
    <form ref={formRef} action={action} className="flex flex-col gap-3" aria-label={t("status.title")}>
      <input type="hidden" name="id" value={id} />
      <VersionFields base={base} />
      {state?.ok && state.message ? <FormMessage tone="success">{tAll(state.message)}</FormMessage> : null}
      {/* The form has no visible field: a refused status is the message itself. */}
      {errorKey ? <FormMessage tone="error">{tAll(errorKey)}</FormMessage> : null}
      {conflict ? <TicketConflictPanel conflict={conflict} people={people} onOverwrite={() => overwrite({ submitter: submitterOf(refused) })} pending={pending} /> : null}
      <div role="group" aria-label={t("status.actions")} className="flex flex-wrap gap-2">
        {next.map((s) => (
          <Button key={s} type="submit" name="status" value={s} variant={s === "RESOLVED" ? "primary" : "secondary"} disabled={pending}>
            {t(`statusActions.${s}`)}
          </Button>
        ))}
      </div>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel } from "@/components/ui/conflict-panel";
import { FormMessage } from "@/components/ui/form-message";
import { type CallListFormResult, changeListStatusAction, setListAgentsAction } from "@/lib/call-lists/actions";
import type { Snapshot } from "@/lib/platform/concurrency";

type Versioned = { id: number; version: number; snapshot: Snapshot };

function Hidden({ list }: { list: Versioned }) {
  return (
    <>
      <input type="hidden" name="id" value={list.id} />
      <input type="hidden" name="version" value={list.version} />
      <input type="hidden" name="snapshot" value={JSON.stringify(list.snapshot)} />
    </>
  );
}

function Outcome({ state }: { state: CallListFormResult }) {
  const t = useTranslations();
  if (!state) return null;
  if (state.ok) return state.message ? <FormMessage tone="success">{t(state.message)}</FormMessage> : null;
  const first = Object.values(state.fieldErrors)[0];
  return (
    <>
      <FormMessage tone="error">{t(first ?? state.message ?? "errors.unexpected")}</FormMessage>
      {state.conflict ? <ConflictPanel conflict={state.conflict} label={(f) => t(`callLists.fields.${f}`)} /> : null}
    </>
  );
}

/** Pause, resume, complete: versioned saves (a stale page is refused with what changed). */
export function ListStatusControls({ list, next }: { list: Versioned; next: string[] }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CallListFormResult, FormData>(changeListStatusAction, null);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {next.map((status) => (
          <form key={status} action={action}>
            <Hidden list={list} />
            <input type="hidden" name="status" value={status} />
            <Button type="submit" variant={status === "COMPLETED" ? "danger" : "secondary"} disabled={pending} data-testid={`list-status-${status}`}>
              {t(`callLists.actions.to.${status}`)}
            </Button>
          </form>
        ))}
      </div>
      <div aria-live="polite">
        <Outcome state={state} />
      </div>
    </div>
  );
}

/** The seated agents (who may work the list), saved at the page's version. */
export function ListAgentsForm({ list, agents, seated }: { list: Versioned; agents: { id: number; name: string; role: string }[]; seated: number[] }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CallListFormResult, FormData>(setListAgentsAction, null);
  const chosen = new Set(seated);
  return (
    <form action={action} className="flex flex-col gap-2" aria-label={t("callLists.detail.agentsEdit")}>
      <Hidden list={list} />
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("callLists.detail.agentsEdit")}</legend>
        <div className="grid max-h-56 grid-cols-1 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 text-sm sm:grid-cols-2">
          {agents.map((a) => (
            <label key={a.id} className="flex items-center gap-2">
              <input type="checkbox" name="agentIds" value={a.id} defaultChecked={chosen.has(a.id)} />
              {a.name} <span className="text-slate-500">· {t(`roles.${a.role}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {t("callLists.detail.saveAgents")}
        </Button>
      </div>
      <div aria-live="polite">
        <Outcome state={state} />
      </div>
    </form>
  );
}

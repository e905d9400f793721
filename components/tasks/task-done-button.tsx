"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { setTaskDoneAction, type TaskFormResult } from "@/lib/tasks/actions";
import type { Snapshot } from "@/lib/platform/concurrency";
import { TaskConflictPanel } from "./task-conflict-panel";

type Props = { id: number; done: boolean; title: string; version: number; snapshot: Snapshot };

/** Complete or reopen one task (as the row showed it); the outcome is announced next to the button. */
export function TaskDoneButton({ id, done, title, version, snapshot }: Props) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<TaskFormResult, FormData>(setTaskDoneAction, null);
  const conflict = state && !state.ok ? state.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase({ version, snapshot }, conflict);
  return (
    <form ref={formRef} action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <VersionFields base={base} />
      <input type="hidden" name="done" value={done ? "no" : "yes"} />
      <Button type="submit" variant="secondary" className="px-2 py-1 text-xs" disabled={pending} aria-label={t(done ? "tasks.reopenLabel" : "tasks.completeLabel", { title })}>
        {t(done ? "tasks.reopen" : "tasks.complete")}
      </Button>
      <span role="status" className="text-xs text-slate-600">
        {state && !state.ok && state.message ? t(state.message) : null}
      </span>
      {conflict ? <TaskConflictPanel conflict={conflict} onOverwrite={overwrite} pending={pending} /> : null}
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { setTaskDoneAction, type TaskFormResult } from "@/lib/actions/tasks";

/** Complete or reopen one task; the outcome is announced next to the button. */
export function TaskDoneButton({ id, done, title }: { id: number; done: boolean; title: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<TaskFormResult, FormData>(setTaskDoneAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="done" value={done ? "no" : "yes"} />
      <Button type="submit" variant="secondary" className="px-2 py-1 text-xs" disabled={pending} aria-label={t(done ? "tasks.reopenLabel" : "tasks.completeLabel", { title })}>
        {t(done ? "tasks.reopen" : "tasks.complete")}
      </Button>
      <span role="status" className="text-xs text-slate-600">
        {state && !state.ok && state.message ? t(state.message) : null}
      </span>
    </form>
  );
}

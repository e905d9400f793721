"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import { useBrowserTimeZone } from "@/components/calendar/use-browser";
import { saveTaskAction, type TaskFormResult } from "@/lib/tasks/actions";
import type { Snapshot } from "@/lib/platform/concurrency";
import { TaskConflictPanel } from "./task-conflict-panel";

export type TaskFormValues = {
  id?: number;
  /** The version and snapshot an edit starts from. */
  version?: number;
  snapshot?: Snapshot;
  title: string;
  notes: string;
  /** ISO instants; the browser shows them in its own zone. */
  dueAt: string | null;
  reminderAt: string | null;
  customerId: number | null;
  opportunityId: number | null;
  ownerId: number | null;
};

type Option = { id: number; name: string };

/** "2026-11-23T09:30" in the browser's zone, for datetime-local inputs. */
function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function TaskForm({ initial, owners, customers, opportunities }: { initial: TaskFormValues; owners: Option[]; customers: Option[]; opportunities: Option[] }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<TaskFormResult, FormData>(saveTaskAction, null);
  // Local wall times only exist in the browser: fill them after hydration so server and client agree.
  const inBrowser = useBrowserTimeZone() !== null;
  const local = inBrowser ? { due: toLocalInput(initial.dueAt), reminder: toLocalInput(initial.reminderAt) } : null;
  const submit = (data: FormData) => {
    for (const [from, to] of [
      ["dueAtLocal", "dueAt"],
      ["reminderAtLocal", "reminderAt"],
    ] as const) {
      const v = data.get(from);
      const d = typeof v === "string" && v ? new Date(v) : null;
      data.set(to, d && !Number.isNaN(d.getTime()) ? d.toISOString() : typeof v === "string" && v ? "invalid" : "");
    }
    action(data);
  };
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const values = failed?.values;
  const err = (f: string) => (errors[f] ? t(errors[f]) : undefined);
  const keyOf = local ? "ready" : "pending";
  const conflict = failed?.conflict;
  const { base, formRef, overwrite } = useVersionBase(initial.version !== undefined && initial.snapshot ? { version: initial.version, snapshot: initial.snapshot } : null, conflict);
  const withCurrent = <T extends Option>(list: T[], id: number | null, name: string) => (id && !list.some((o) => o.id === id) ? [...list, { id, name } as T] : list);

  return (
    <form ref={formRef} action={submit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label={t(initial.id ? "tasks.form.editTitle" : "tasks.form.newTitle")}>
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      <VersionFields base={base} />
      <div className="sm:col-span-2">
        <Field id="task-title" name="title" label={t("tasks.form.title")} defaultValue={values?.title ?? initial.title} error={err("title")} required maxLength={200} />
      </div>
      <Field
        key={`due-${keyOf}`}
        id="task-due"
        name="dueAtLocal"
        type="datetime-local"
        label={t("tasks.form.due")}
        defaultValue={values?.dueAtLocal ?? local?.due ?? ""}
        error={err("dueAt")}
        required
      />
      <Field
        key={`rem-${keyOf}`}
        id="task-reminder"
        name="reminderAtLocal"
        type="datetime-local"
        label={t("tasks.form.reminder")}
        defaultValue={values?.reminderAtLocal ?? local?.reminder ?? ""}
        error={err("reminderAt")}
      />
      <SelectField id="task-customer" name="customerId" label={t("tasks.form.customer")} defaultValue={values?.customerId ?? String(initial.customerId ?? "")} error={err("customerId")}>
        <option value="">{t("tasks.form.none")}</option>
        {withCurrent(customers, initial.customerId, `#${initial.customerId}`).map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <SelectField id="task-opportunity" name="opportunityId" label={t("tasks.form.opportunity")} defaultValue={values?.opportunityId ?? String(initial.opportunityId ?? "")} error={err("opportunityId")}>
        <option value="">{t("tasks.form.none")}</option>
        {withCurrent(opportunities, initial.opportunityId, `#${initial.opportunityId}`).map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      {owners.length > 1 ? (
        <SelectField id="task-owner" name="ownerId" label={t("tasks.form.owner")} defaultValue={values?.ownerId ?? String(initial.ownerId ?? "")} error={err("ownerId")}>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <div className="sm:col-span-2">
        <TextareaField id="task-notes" name="notes" rows={3} label={t("tasks.form.notes")} defaultValue={values?.notes ?? initial.notes} error={err("notes")} />
      </div>
      <p className="text-xs text-slate-500 sm:col-span-2">{t("tasks.form.noEmail")}</p>
      <div className="flex flex-col gap-2 sm:col-span-2">
        {failed?.message ? <FormMessage tone="error">{t(failed.message)}</FormMessage> : null}
        {conflict ? <TaskConflictPanel conflict={conflict} onOverwrite={overwrite} pending={pending} /> : null}
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            {t("tasks.form.save")}
          </Button>
          <Button variant="secondary" asChild>
            <Link href="/tasks">{t("tasks.form.cancel")}</Link>
          </Button>
        </div>
      </div>
    </form>
  );
}

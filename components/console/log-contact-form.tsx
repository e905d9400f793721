"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { type ConsoleFormResult, logServiceContactAction } from "@/lib/tickets/console-actions";

type Props = {
  customerId: number;
  openTickets: { id: number; subject: string }[];
  categories: readonly string[];
  /** The channel the contact came in on: a call popped by the phone system is a phone call. */
  channel: "PHONE" | "EMAIL";
};

const CHANNELS = ["PHONE", "EMAIL", "WEB", "OUTLET", "SERVICE"] as const;
const PRIORITIES = ["P1", "P2", "P3", "P4"] as const;

/** Logs the contact and, in the same step, opens a ticket or adds a note to one of the customer's open tickets. */
export function LogContactForm({ customerId, openTickets, categories, channel }: Props) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<ConsoleFormResult, FormData>(logServiceContactAction, null);
  const [mode, setMode] = useState<"none" | "open" | "note">(openTickets.length > 0 ? "note" : "open");
  const errors = state && !state.ok ? state.fieldErrors : {};
  const err = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  const id = (name: string) => `lc-${customerId}-${name}`;
  return (
    <form action={action} className="flex flex-col gap-3" aria-label={t("console.log.title")}>
      {state?.ok ? (
        <FormMessage tone="success">
          {t(state.message ?? "console.logged.plain")}
          {state.ticketId ? (
            <>
              {" "}
              <Link href={`/tickets/${state.ticketId}`} className="font-medium underline">
                {t("console.log.openTicket", { id: state.ticketId })}
              </Link>
            </>
          ) : null}
        </FormMessage>
      ) : state?.message ? (
        <FormMessage tone="error">{t(state.message)}</FormMessage>
      ) : null}
      <input type="hidden" name="customerId" value={customerId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField id={id("channel")} name="channel" label={t("console.log.channel")} defaultValue={channel} error={err("channel")}>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`console.channels.${c}`)}
            </option>
          ))}
        </SelectField>
        <div className="sm:col-span-2">
          <Field id={id("outcome")} name="outcome" label={t("console.log.outcome")} error={err("outcome")} />
        </div>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={id("summary")} className="text-sm font-medium text-slate-700">
          {t("console.log.summary")}
        </label>
        <textarea id={id("summary")} name="summary" rows={3} required className="rounded-md border border-slate-300 px-3 py-2 text-sm" aria-invalid={errors.summary ? true : undefined} />
        {err("summary") ? <p className="text-sm text-red-700">{err("summary")}</p> : null}
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-700">{t("console.log.ticket")}</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {(["open", "note", "none"] as const).map((m) =>
            m === "note" && openTickets.length === 0 ? null : (
              <label key={m} className="flex items-center gap-2">
                <input type="radio" name="ticket.mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                {t(`console.log.modes.${m}`)}
              </label>
            ),
          )}
        </div>
        {mode === "open" ? (
          <div className="grid gap-3 sm:grid-cols-3">
            <div className="sm:col-span-3">
              <Field id={id("subject")} name="ticket.subject" label={t("console.log.subject")} error={err("ticket.subject")} required />
            </div>
            <SelectField id={id("category")} name="ticket.category" label={t("console.log.category")} defaultValue="general" error={err("ticket.category")}>
              {categories.map((c) => (
                <option key={c} value={c}>
                  {t(`service.categories.${c}`)}
                </option>
              ))}
            </SelectField>
            <SelectField id={id("priority")} name="ticket.priority" label={t("console.log.priority")} defaultValue="P3" error={err("ticket.priority")}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`service.priorities.${p}`)}
                </option>
              ))}
            </SelectField>
          </div>
        ) : null}
        {mode === "note" ? (
          <SelectField id={id("ticketId")} name="ticket.ticketId" label={t("console.log.whichTicket")} error={err("ticket.ticketId")}>
            {openTickets.map((tk) => (
              <option key={tk.id} value={tk.id}>
                #{tk.id} {tk.subject}
              </option>
            ))}
          </SelectField>
        ) : null}
      </fieldset>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? t("console.log.saving") : t("console.log.submit")}
        </Button>
      </div>
    </form>
  );
}

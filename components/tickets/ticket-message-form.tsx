"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef, useState } from "react";
import { ReplyTemplatePicker, type ReplyTemplateOption } from "@/components/tickets/reply-template-picker";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextareaField } from "@/components/ui/select-field";
import { addTicketMessageAction, type TicketFormResult } from "@/lib/tickets/actions";
import type { ReplyTemplateValues } from "@/lib/tickets/rules/reply-templates";

type Kind = "NOTE" | "REPLY";

type Props = {
  id: number;
  /** Where a reply goes (the contact's address, else the customer's); null: nowhere, it is only saved. */
  replyTo: string | null;
  /** A closed ticket takes notes only (the data layer refuses replies until it is reopened). */
  closed: boolean;
  /** Reply templates of the ticket's category (the viewer's language first) and this ticket's values for their placeholders. */
  templates?: { items: readonly ReplyTemplateOption[]; values: ReplyTemplateValues };
};

/** The conversation's composer: an internal note, or a reply to the customer (emailed when there is an address). */
export function TicketMessageForm({ id, replyTo, closed, templates }: Props) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<TicketFormResult, FormData>(addTicketMessageAction, null);
  const failed = state && !state.ok ? state : null;
  const [picked, setKind] = useState<Kind>(failed?.values?.kind === "NOTE" || closed ? "NOTE" : "REPLY");
  const kind: Kind = closed ? "NOTE" : picked;
  const errors = failed?.fieldErrors ?? {};
  const radio = "mt-0.5 h-4 w-4 accent-brand-600";
  const formRef = useRef<HTMLFormElement>(null);
  // The message box stays uncontrolled (the form resets it after a send): a template writes into it directly.
  const fillBody = (text: string) => {
    const box = formRef.current?.elements.namedItem("body");
    if (box instanceof HTMLTextAreaElement) {
      box.value = text;
      box.focus();
    }
  };
  return (
    <form ref={formRef} action={action} noValidate className="flex flex-col gap-3" aria-label={t("service.messageForm.title")}>
      <input type="hidden" name="id" value={id} />
      {state?.ok && state.message ? <FormMessage tone="success">{t(state.message)}</FormMessage> : null}
      {failed?.message ? <FormMessage tone="error">{t(failed.message)}</FormMessage> : null}
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("service.messageForm.kind")}</legend>
        <div className="flex items-start gap-2">
          <input id="tm-kind-reply" type="radio" name="kind" value="REPLY" className={radio} checked={kind === "REPLY"} disabled={closed} onChange={() => setKind("REPLY")} aria-describedby="tm-reply-hint" />
          <div>
            <label htmlFor="tm-kind-reply" className="text-sm">
              {t("service.messageForm.reply")}
            </label>
            <p id="tm-reply-hint" className="text-xs text-slate-600" data-testid="reply-destination">
              {closed ? t("service.messageForm.replyClosed") : replyTo ? t("service.messageForm.replyTo", { email: replyTo }) : t("service.messageForm.replyNoEmail")}
            </p>
          </div>
        </div>
        <div className="flex items-start gap-2">
          <input id="tm-kind-note" type="radio" name="kind" value="NOTE" className={radio} checked={kind === "NOTE"} onChange={() => setKind("NOTE")} aria-describedby="tm-note-hint" />
          <div>
            <label htmlFor="tm-kind-note" className="text-sm">
              {t("service.messageForm.note")}
            </label>
            <p id="tm-note-hint" className="text-xs text-slate-600">
              {t("service.messageForm.noteHint")}
            </p>
          </div>
        </div>
        {errors.kind ? <p className="text-sm text-red-700">{t(errors.kind)}</p> : null}
      </fieldset>
      {templates && templates.items.length > 0 ? <ReplyTemplatePicker templates={templates.items} values={templates.values} onPick={fillBody} /> : null}
      <TextareaField
        id="tm-body"
        name="body"
        rows={4}
        required
        maxLength={10000}
        label={t("service.messageForm.body")}
        defaultValue={failed?.values?.body ?? ""}
        error={errors.body ? t(errors.body) : undefined}
        className={kind === "NOTE" ? "bg-amber-50" : undefined}
      />
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? t("service.messageForm.sending") : kind === "NOTE" ? t("service.messageForm.submitNote") : t("service.messageForm.submitReply")}
        </Button>
      </div>
    </form>
  );
}

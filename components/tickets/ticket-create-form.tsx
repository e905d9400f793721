"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { CustomerPicker } from "@/components/opportunities/customer-picker";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import { TicketPriority } from "@/lib/platform/enums";
import { createTicketAction, type TicketFormResult } from "@/lib/tickets/actions";
import { TICKET_CATEGORIES } from "@/lib/tickets/rules/categories";

/** The channels a service request arrives by (the ticket's channel; the other channels are marketing's). */
const TICKET_CHANNELS = ["PHONE", "EMAIL", "WEB", "SERVICE", "OUTLET"] as const;

type Contact = { id: number; name: string; title: string | null; email: string | null };

type Props = {
  /** The customer the form was opened for (`?customer=`), with its contact persons. */
  presetCustomer: { id: number; name: string } | null;
  contacts: Contact[] | null;
};

/**
 * Opens a ticket. The contact persons listed are those of the customer the page was opened for; a
 * customer picked here instead reloads the page for theirs (the data layer refuses a contact of
 * another customer anyway).
 */
export function TicketCreateForm({ presetCustomer, contacts }: Props) {
  const t = useTranslations();
  const router = useRouter();
  const [state, action, pending] = useActionState<TicketFormResult, FormData>(createTicketAction, null);
  const failed = state && !state.ok ? state : null;
  const values = failed?.values;
  const errors = failed?.fieldErrors ?? {};
  const err = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  const [customerChanged, setCustomerChanged] = useState(false);
  const [needCustomer, setNeedCustomer] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!failed) return;
    const first = Object.keys(failed.fieldErrors)[0];
    (document.getElementById(`tn-${first}`) ?? messageRef.current)?.focus();
  }, [failed]);
  const contactsShown = contacts !== null && !customerChanged;
  const listContacts = () => {
    const picked = formRef.current?.querySelector<HTMLInputElement>("input[type='hidden'][name='customerId']")?.value;
    if (!picked) {
      setNeedCustomer(true);
      return;
    }
    router.push(`/tickets/new?customer=${encodeURIComponent(picked)}`);
  };

  return (
    <form
      ref={formRef}
      action={action}
      noValidate
      className="flex flex-col gap-4"
      aria-label={t("service.create.title")}
      onChange={(e) => {
        // Typing in the customer search drops the pick: the contacts listed are no longer the customer's.
        if ((e.target as HTMLElement).id === "tn-customerId") {
          setCustomerChanged(true);
          setNeedCustomer(false);
        }
      }}
    >
      <div ref={messageRef} tabIndex={-1} className="outline-none">
        {failed?.message ? <FormMessage tone="error">{t(failed.message)}</FormMessage> : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <CustomerPicker id="tn-customerId" name="customerId" label={t("service.fields.customer")} initial={presetCustomer} error={err("customerId")} />
        <div className="flex flex-col gap-1">
          {contactsShown && contacts.length > 0 ? (
            <SelectField id="tn-contactId" name="contactId" label={t("service.fields.contact")} defaultValue={values?.contactId ?? ""} hint={t("service.create.contactHint")} error={err("contactId")}>
              <option value="">{t("service.create.noContact")}</option>
              {contacts.map((c) => (
                <option key={c.id} value={c.id}>
                  {[c.name, c.title, c.email].filter(Boolean).join(" · ")}
                </option>
              ))}
            </SelectField>
          ) : (
            <>
              <span className="text-sm font-medium text-slate-700">{t("service.fields.contact")}</span>
              {contactsShown ? (
                <p className="text-sm text-slate-600">{t("service.create.noContacts")}</p>
              ) : (
                <>
                  <p id="tn-contacts-hint" className="text-xs text-slate-500">
                    {presetCustomer && customerChanged ? t("service.create.contactsOfOther") : t("service.create.contactHint")}
                  </p>
                  <div>
                    <Button variant="secondary" onClick={listContacts} aria-describedby="tn-contacts-hint">
                      {t("service.create.listContacts")}
                    </Button>
                  </div>
                  {needCustomer ? (
                    <p role="alert" className="text-sm text-red-700">
                      {t("service.create.chooseCustomerFirst")}
                    </p>
                  ) : null}
                </>
              )}
              {err("contactId") ? <p className="text-sm text-red-700">{err("contactId")}</p> : null}
            </>
          )}
        </div>
        <SelectField id="tn-category" name="category" label={t("service.fields.category")} defaultValue={values?.category ?? ""} error={err("category")} required>
          <option value="">{t("service.create.chooseCategory")}</option>
          {TICKET_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`service.categories.${c}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="tn-priority" name="priority" label={t("service.fields.priority")} defaultValue={values?.priority ?? "P3"} hint={t("service.create.priorityHint")} error={err("priority")}>
          {Object.values(TicketPriority).map((p) => (
            <option key={p} value={p}>
              {t(`service.priorities.${p}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="tn-channel" name="channel" label={t("service.fields.channel")} defaultValue={values?.channel ?? "PHONE"} error={err("channel")}>
          {TICKET_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`service.channels.${c}`)}
            </option>
          ))}
        </SelectField>
        <div className="sm:col-span-2">
          <Field id="tn-subject" name="subject" label={t("service.fields.subject")} defaultValue={values?.subject ?? ""} error={err("subject")} required maxLength={200} autoComplete="off" />
        </div>
        <div className="sm:col-span-2">
          <TextareaField id="tn-description" name="description" rows={5} maxLength={5000} label={t("service.fields.description")} defaultValue={values?.description ?? ""} error={err("description")} />
        </div>
      </div>
      <p className="text-sm text-slate-600">{t("service.create.routingHint")}</p>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? t("service.create.saving") : t("service.create.submit")}
        </Button>
      </div>
    </form>
  );
}

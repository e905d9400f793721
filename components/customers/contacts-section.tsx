"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { CustomerFormResult } from "@/lib/customers/actions";
import { saveContactAction } from "@/lib/contacts/actions";
import type { ContactDto } from "@/lib/contacts/queries";

function ContactForm({ customerId, contact, onDone }: { customerId: number; contact?: ContactDto; onDone: () => void }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CustomerFormResult, FormData>(async (prev, data) => {
    const result = await saveContactAction(prev, data);
    if (result?.ok) onDone();
    return result;
  }, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const submitted = state && !state.ok ? state.values : undefined;
  const err = (f: string) => (errors[f] ? t(errors[f]) : undefined);
  const prefix = contact ? `c${contact.id}` : "cnew";
  const conflict = state && !state.ok ? state.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase(contact ? { version: contact.version, snapshot: contact.snapshot } : null, conflict);
  const label = (f: string) => t(f === "title" ? "contacts.jobTitle" : f === "isPrimary" ? "contacts.primary" : `contacts.${f}`);
  return (
    <form ref={formRef} action={action} noValidate className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2" aria-label={contact ? t("contacts.edit") : t("contacts.add")}>
      <input type="hidden" name="customerId" value={customerId} />
      {contact ? (
        <>
          <input type="hidden" name="contactId" value={contact.id} />
          <VersionFields base={base} />
        </>
      ) : null}
      <Field id={`${prefix}-name`} name="name" label={t("contacts.name")} defaultValue={submitted?.name ?? contact?.name ?? ""} error={err("name")} required />
      <Field id={`${prefix}-title`} name="title" label={t("contacts.jobTitle")} defaultValue={submitted?.title ?? contact?.title ?? ""} error={err("title")} />
      <Field id={`${prefix}-email`} name="email" type="email" label={t("contacts.email")} defaultValue={submitted?.email ?? contact?.email ?? ""} error={err("email")} />
      <Field id={`${prefix}-phone`} name="phone" type="tel" label={t("contacts.phone")} defaultValue={submitted?.phone ?? contact?.phone ?? ""} error={err("phone")} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isPrimary" defaultChecked={submitted ? submitted.isPrimary === "on" : (contact?.isPrimary ?? false)} />
        {t("contacts.primary")}
      </label>
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {t("common.save")}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          {t("common.cancel")}
        </Button>
      </div>
      {state && !state.ok && state.message ? (
        <FormMessage tone="error" className="sm:col-span-2">
          {t(state.message)}
        </FormMessage>
      ) : null}
      {conflict ? (
        <div className="sm:col-span-2">
          <ConflictPanel
            conflict={conflict}
            label={label}
            yours={(f) => (f === "isPrimary" ? String(submitted?.isPrimary === "on") : submitted?.[f])}
            onOverwrite={overwrite}
            pending={pending}
          />
        </div>
      ) : null}
    </form>
  );
}

export function ContactsSection({ customerId, contacts, canAdd, canEdit }: { customerId: number; contacts: ContactDto[]; canAdd: boolean; canEdit: boolean }) {
  const t = useTranslations();
  const [editing, setEditing] = useState<number | "new" | null>(null);
  return (
    <div className="flex flex-col gap-3">
      {contacts.length === 0 ? <p className="text-sm text-slate-600">{t("contacts.empty")}</p> : null}
      <ul className="flex flex-col divide-y divide-slate-100">
        {contacts.map((c) => (
          <li key={c.id} className="py-2">
            {editing === c.id ? (
              <ContactForm customerId={customerId} contact={c} onDone={() => setEditing(null)} />
            ) : (
              <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <div>
                  <span className="font-medium">{c.name}</span>
                  {c.isPrimary ? (
                    <Badge tone="brand" className="ml-2">
                      {t("contacts.primary")}
                    </Badge>
                  ) : null}
                  <span className="block text-slate-600">{[c.title, c.email, c.phone].filter(Boolean).join(" · ")}</span>
                </div>
                {canEdit ? (
                  <Button variant="ghost" onClick={() => setEditing(c.id)} aria-label={t("contacts.editNamed", { name: c.name })}>
                    {t("contacts.edit")}
                  </Button>
                ) : null}
              </div>
            )}
          </li>
        ))}
      </ul>
      {canAdd ? (
        editing === "new" ? (
          <ContactForm customerId={customerId} onDone={() => setEditing(null)} />
        ) : (
          <div>
            <Button variant="secondary" onClick={() => setEditing("new")}>
              {t("contacts.add")}
            </Button>
          </div>
        )
      ) : null}
    </div>
  );
}

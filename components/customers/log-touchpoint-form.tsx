"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import type { CustomerFormResult } from "@/lib/customers/actions";
import { logTouchpointAction } from "@/lib/touchpoints/actions";
import type { ContactDto } from "@/lib/contacts/queries";
import type { TouchpointLinkOptions } from "@/lib/customers/customer-360-sections";
import { CHANNEL_OPT_OUT, CHANNELS, type DoNotContactFlags } from "@/lib/customers/rules/contact-rules";

export function LogTouchpointForm({ customerId, contacts, links, flags }: { customerId: number; contacts: ContactDto[]; links: TouchpointLinkOptions; flags: DoNotContactFlags }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CustomerFormResult, FormData>(logTouchpointAction, null);
  // The browser knows the user's time zone; the server stores UTC. An empty time means "now".
  const submit = (data: FormData) => {
    const local = data.get("occurredAtLocal");
    data.set("occurredAt", typeof local === "string" && local ? new Date(local).toISOString() : "");
    action(data);
  };
  const errors = state && !state.ok ? state.fieldErrors : {};
  const submitted = state && !state.ok ? state.values : undefined;
  const err = (f: string) => (errors[f] ? t(errors[f]) : undefined);
  return (
    <form action={submit} noValidate className="grid gap-3 sm:grid-cols-2" aria-label={t("touchpoints.log")}>
      <input type="hidden" name="customerId" value={customerId} />
      <SelectField id="tp-channel" name="channel" label={t("touchpoints.channel")} defaultValue={submitted?.channel ?? "PHONE"} error={err("channel")}>
        {CHANNELS.map((c) => {
          const flag = CHANNEL_OPT_OUT[c];
          return (
            <option key={c} value={c}>
              {t(`enums.channel.${c}`)}
              {flag && flags[flag] ? ` (${t("touchpoints.optedOutHint")})` : ""}
            </option>
          );
        })}
      </SelectField>
      <SelectField id="tp-direction" name="direction" label={t("touchpoints.direction")} defaultValue={submitted?.direction ?? "OUTBOUND"} error={err("direction")}>
        <option value="OUTBOUND">{t("enums.direction.OUTBOUND")}</option>
        <option value="INBOUND">{t("enums.direction.INBOUND")}</option>
      </SelectField>
      <Field id="tp-when" name="occurredAtLocal" type="datetime-local" label={t("touchpoints.when")} error={err("occurredAt")} placeholder={t("touchpoints.now")} />
      <SelectField id="tp-contactId" name="contactId" label={t("touchpoints.contact")} defaultValue={submitted?.contactId ?? ""} error={err("contactId")}>
        <option value="">{t("touchpoints.none")}</option>
        {contacts.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <div className="sm:col-span-2">
        <TextareaField id="tp-summary" name="summary" rows={2} label={t("touchpoints.summary")} defaultValue={submitted?.summary ?? ""} error={err("summary")} required />
      </div>
      <Field id="tp-outcome" name="outcome" label={t("touchpoints.outcome")} defaultValue={submitted?.outcome ?? ""} error={err("outcome")} />
      <SelectField id="tp-campaignId" name="campaignId" label={t("touchpoints.campaign")} defaultValue={submitted?.campaignId ?? ""} error={err("campaignId")}>
        <option value="">{t("touchpoints.none")}</option>
        {links.campaigns.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <SelectField id="tp-opportunityId" name="opportunityId" label={t("touchpoints.opportunity")} defaultValue={submitted?.opportunityId ?? ""} error={err("opportunityId")}>
        <option value="">{t("touchpoints.none")}</option>
        {links.opportunities.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <SelectField id="tp-ticketId" name="ticketId" label={t("touchpoints.ticket")} defaultValue={submitted?.ticketId ?? ""} error={err("ticketId")}>
        <option value="">{t("touchpoints.none")}</option>
        {links.tickets.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <div className="flex flex-col gap-2 sm:col-span-2">
        <div>
          <Button type="submit" disabled={pending}>
            {t("touchpoints.submit")}
          </Button>
        </div>
        {state?.ok ? <FormMessage tone="success">{t("touchpoints.logged")}</FormMessage> : null}
        {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
      </div>
    </form>
  );
}

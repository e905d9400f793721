"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { type CustomerFormResult, setDoNotContactAction } from "@/lib/actions/customers";
import type { DoNotContactFlags } from "@/lib/domain/customers/contact-rules";

/** Opt-outs: anyone who hears a customer opt out records it at once (every role may). */
export function DncForm({ customerId, flags }: { customerId: number; flags: DoNotContactFlags }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CustomerFormResult, FormData>(setDoNotContactAction, null);
  return (
    <form action={action} className="flex flex-col gap-2" aria-label={t("customers.dnc.legend")}>
      <input type="hidden" name="id" value={customerId} />
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("customers.dnc.legend")}</legend>
        {(["dncPhone", "dncEmail", "dncMail", "dncSms"] as const).map((f) => (
          <label key={f} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={f} defaultChecked={flags[f]} />
            {t(`customers.dnc.${f}`)}
          </label>
        ))}
      </fieldset>
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {t("customers.dnc.save")}
        </Button>
      </div>
      {state?.ok ? <FormMessage tone="success">{t("customers.dnc.saved")}</FormMessage> : null}
      {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
    </form>
  );
}

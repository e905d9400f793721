"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { FormMessage } from "@/components/ui/form-message";
import { type CustomerFormResult, setDoNotContactAction } from "@/lib/customers/actions";
import type { DoNotContactFlags } from "@/lib/customers/rules/contact-rules";
import type { Snapshot } from "@/lib/platform/concurrency";

const FLAGS = ["dncPhone", "dncEmail", "dncMail", "dncSms"] as const;

type Props = { customerId: number; flags: DoNotContactFlags; version: number; snapshot: Snapshot };

/**
 * Opt-outs: anyone who hears a customer opt out records it at once (every role may). Each button
 * saves one flag to the value it names ("dncPhone:true"), with the flags' version: a save never
 * rewrites the other flags, and never acts on a page older than someone else's change.
 */
export function DncForm({ customerId, flags, version, snapshot }: Props) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CustomerFormResult, FormData>(setDoNotContactAction, null);
  const conflict = state && !state.ok ? state.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase({ version, snapshot }, conflict);
  // The change a refused save tried, so "save mine" repeats exactly that one.
  const [lastChange, setLastChange] = useState<string | null>(null);
  const onOff = (value: string) => t(value === "true" ? "customers.dnc.optedOut" : "customers.dnc.allowed");
  return (
    <form ref={formRef} action={action} className="flex flex-col gap-2" aria-label={t("customers.dnc.legend")}>
      <input type="hidden" name="id" value={customerId} />
      <VersionFields base={base} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("customers.dnc.legend")}</legend>
        {FLAGS.map((f) => {
          const change = `${f}:${!flags[f]}`;
          return (
            <div key={f} className="flex flex-wrap items-center gap-3 text-sm">
              <span className="w-16 font-medium">{t(`customers.dnc.${f}`)}</span>
              <span className={flags[f] ? "text-red-700" : "text-slate-600"}>{onOff(String(flags[f]))}</span>
              <Button
                type="submit"
                name="change"
                value={change}
                variant="secondary"
                className="px-2 py-1 text-xs"
                disabled={pending}
                onClick={() => setLastChange(change)}
                aria-label={t(flags[f] ? "customers.dnc.withdrawNamed" : "customers.dnc.optOutNamed", { channel: t(`customers.dnc.${f}`) })}
              >
                {t(flags[f] ? "customers.dnc.withdraw" : "customers.dnc.optOut")}
              </Button>
            </div>
          );
        })}
      </fieldset>
      {state?.ok ? <FormMessage tone="success">{t("customers.dnc.saved")}</FormMessage> : null}
      {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
      {conflict ? (
        <ConflictPanel
          conflict={conflict}
          label={(f) => t(`customers.dnc.${f}`)}
          show={(_f, value) => onOff(value)}
          onOverwrite={lastChange ? () => overwrite({ submitter: formRef.current?.querySelector<HTMLElement>(`button[name="change"][value="${lastChange}"]`) }) : undefined}
          pending={pending}
        />
      ) : null}
    </form>
  );
}

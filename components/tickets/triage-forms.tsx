"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { CustomerPicker } from "@/components/opportunities/customer-picker";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { discardTriagedMailAction, fileTriagedMailAction, type TriageFormResult } from "@/lib/tickets/triage-actions";

/** File a mail from an unknown sender as a ticket of a chosen customer, or discard it. */
export function TriageForms({ id }: { id: number }) {
  const t = useTranslations();
  const [filed, file, filing] = useActionState<TriageFormResult, FormData>(fileTriagedMailAction, null);
  const [discarded, discard, discarding] = useActionState<TriageFormResult, FormData>(discardTriagedMailAction, null);
  if (filed?.ok && filed.ticketId) {
    return (
      <FormMessage tone="success">
        {t("service.triage.filed")}{" "}
        <Link href={`/tickets/${filed.ticketId}`} className="font-medium underline">
          #{filed.ticketId}
        </Link>
      </FormMessage>
    );
  }
  if (discarded?.ok) return <FormMessage tone="success">{t("service.triage.discarded")}</FormMessage>;
  const error = (filed && !filed.ok ? (filed.fieldErrors.customerId ?? filed.message) : null) ?? (discarded && !discarded.ok ? discarded.message : null);
  return (
    <div className="flex flex-col gap-3">
      {error ? <FormMessage tone="error">{t(error)}</FormMessage> : null}
      <div className="flex flex-wrap items-end gap-3">
        <form action={file} className="flex flex-wrap items-end gap-2" aria-label={t("service.triage.fileLabel")}>
          <input type="hidden" name="id" value={id} />
          <div className="min-w-72">
            <CustomerPicker id={`triage-${id}-customer`} name="customerId" label={t("service.triage.customer")} initial={null} />
          </div>
          <Button type="submit" disabled={filing} aria-busy={filing}>
            {t("service.triage.file")}
          </Button>
        </form>
        <form action={discard} aria-label={t("service.triage.discardLabel")}>
          <input type="hidden" name="id" value={id} />
          <Button type="submit" variant="secondary" disabled={discarding} aria-busy={discarding}>
            {t("service.triage.discard")}
          </Button>
        </form>
      </div>
    </div>
  );
}

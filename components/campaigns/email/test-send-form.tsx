"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { type CampaignEmailFormResult, sendCampaignTestEmailAction } from "@/lib/campaigns/email-actions";

/** Sends the saved template, as the previewed member would get it, to an address the user types. */
export function TestSendForm({ campaignId, memberId }: { campaignId: number; memberId: number | null }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CampaignEmailFormResult, FormData>(sendCampaignTestEmailAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" aria-label={t("campaignEmail.test.title")}>
      <input type="hidden" name="campaignId" value={campaignId} />
      <input type="hidden" name="memberId" value={memberId ?? ""} />
      <Field id="test-to" name="to" type="email" label={t("campaignEmail.test.to")} defaultValue={failed?.values?.to ?? ""} error={failed?.fieldErrors.to ? t(failed.fieldErrors.to) : undefined} required className="w-72" />
      <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
        {t("campaignEmail.test.send")}
      </Button>
      <div aria-live="polite" className="w-full">
        {state?.ok ? <FormMessage tone="success">{t("campaignEmail.test.sent")}</FormMessage> : null}
        {failed?.message && !failed.fieldErrors.to ? <FormMessage tone="error">{t(failed.message)}</FormMessage> : null}
      </div>
    </form>
  );
}

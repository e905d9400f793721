"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { type CampaignEmailFormResult, unsubscribeAction } from "@/lib/campaigns/email-actions";

/** The one confirm button of the unsubscribe page; the outcome replaces it. */
export function UnsubscribeForm({ token, campaignName }: { token: string; campaignName: string }) {
  const t = useTranslations("campaignEmail.unsubscribe");
  const [result, action, pending] = useActionState<CampaignEmailFormResult, FormData>(unsubscribeAction, null);
  if (result?.ok) {
    return (
      <div data-testid="unsubscribe-done">
        <FormMessage tone="success">{t("done")}</FormMessage>
      </div>
    );
  }
  const prefix = "campaignEmail.unsubscribe.";
  const error = result && !result.ok ? (result.message?.startsWith(prefix) ? result.message.slice(prefix.length) : "invalid") : null;
  return (
    <form action={action} className="flex flex-col gap-4">
      <p className="text-sm text-slate-700">{t("intro", { campaign: campaignName })}</p>
      {error ? <FormMessage tone="error">{t(error)}</FormMessage> : null}
      <input type="hidden" name="token" value={token} />
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? t("sending") : t("confirm")}
      </Button>
    </form>
  );
}

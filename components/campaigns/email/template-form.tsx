"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { TextareaField } from "@/components/ui/select-field";
import { type CampaignEmailFormResult, saveCampaignEmailAction } from "@/lib/campaigns/email-actions";
import type { Snapshot } from "@/lib/platform/concurrency";

type Props = { campaignId: number; version: number; snapshot: Snapshot; subject: string; body: string; ratePerMinute: number };

/** The template editor: subject, body with merge fields and links, sending rate. Saves at the loaded version. */
export function TemplateForm({ campaignId, version, snapshot, subject, body, ratePerMinute }: Props) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CampaignEmailFormResult, FormData>(saveCampaignEmailAction, null);
  const failed = state && !state.ok ? state : null;
  const issueText = (part: "subject" | "body") => {
    const issues = failed?.templateIssues?.filter((i) => i.part === part) ?? [];
    if (issues.length > 0) return issues.map((i) => t(`campaignEmail.issues.${i.code}`, { name: i.name ?? "" })).join(" ");
    const key = failed?.fieldErrors[part];
    return key ? t(key, { name: "" }) : undefined;
  };
  const rateError = failed?.fieldErrors.ratePerMinute ? t(failed.fieldErrors.ratePerMinute) : undefined;
  return (
    <form action={action} className="flex flex-col gap-4" aria-label={t("campaignEmail.template.title")}>
      <input type="hidden" name="campaignId" value={campaignId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="snapshot" value={JSON.stringify(snapshot)} />
      <Field id="email-subject" name="subject" label={t("campaignEmail.template.subject")} defaultValue={failed?.values?.subject ?? subject} error={issueText("subject")} maxLength={200} required />
      <TextareaField
        id="email-body"
        name="body"
        label={t("campaignEmail.template.body")}
        hint={t("campaignEmail.template.bodyHint")}
        defaultValue={failed?.values?.body ?? body}
        error={issueText("body")}
        rows={12}
        className="font-mono"
        required
      />
      <Field
        id="email-rate"
        name="ratePerMinute"
        type="number"
        min={1}
        max={60000}
        label={t("campaignEmail.template.rate")}
        defaultValue={failed?.values?.ratePerMinute ?? String(ratePerMinute)}
        error={rateError}
        className="w-40"
      />
      <div aria-live="polite">
        {state?.ok ? <FormMessage tone="success">{t("campaignEmail.saved")}</FormMessage> : null}
        {failed?.message ? <FormMessage tone="error">{t(failed.message)}</FormMessage> : null}
      </div>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? t("campaignEmail.template.saving") : t("campaignEmail.template.save")}
        </Button>
      </div>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { type CsatFormResult, rateTicketAction } from "@/lib/tickets/csat-actions";

const SCORES = [1, 2, 3, 4, 5] as const;

export function CsatForm({ token, subject }: { token: string; subject: string }) {
  const t = useTranslations("csat");
  const [result, action, pending] = useActionState<CsatFormResult, FormData>(rateTicketAction, null);
  if (result?.ok) {
    return (
      <div data-testid="csat-thanks">
        <FormMessage tone="success">{t("thanks")}</FormMessage>
      </div>
    );
  }
  const error = result && !result.ok ? (result.fieldErrors.satisfaction ?? result.message) : null;
  return (
    <form action={action} className="flex flex-col gap-4">
      <p className="text-sm text-slate-700">{t("intro", { subject })}</p>
      {error ? <FormMessage tone="error">{t(error.replace(/^csat\./, ""))}</FormMessage> : null}
      <input type="hidden" name="token" value={token} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium text-slate-800">{t("question")}</legend>
        <div className="flex flex-wrap gap-2">
          {SCORES.map((score) => (
            <label key={score} className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
              <input type="radio" name="satisfaction" value={score} required />
              {t(`scores.${score}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? t("sending") : t("submit")}
      </Button>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { recordSatisfactionAction, type TicketFormResult } from "@/lib/tickets/actions";

const SCORES = ["1", "2", "3", "4", "5"] as const;

type Props = {
  id: number;
  /** The rating once given (the form then shows it, and the outcome of the save that gave it). */
  satisfaction: number | null;
  satisfactionBy: string | null;
  /** Whether this user may record the customer's rating (a resolved or closed ticket they may edit). */
  canRecord: boolean;
};

/** The customer's satisfaction, 1–5: recorded once by the agent (unless the customer's link did first). */
export function TicketCsatForm({ id, satisfaction, satisfactionBy, canRecord }: Props) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<TicketFormResult, FormData>(recordSatisfactionAction, null);
  const failed = state && !state.ok ? state : null;
  const success = state?.ok && state.message ? <FormMessage tone="success">{t(state.message)}</FormMessage> : null;
  if (satisfaction !== null) {
    const by = satisfactionBy && t.has(`service.detail.ratedBy.${satisfactionBy}`) ? t(`service.detail.ratedBy.${satisfactionBy}`) : null;
    return (
      <div className="flex flex-col gap-2">
        {success}
        <p className="text-sm" data-testid="ticket-satisfaction">
          {by ? t("service.detail.satisfactionBy", { score: satisfaction, by }) : t("service.detail.satisfactionValue", { score: satisfaction })}
        </p>
      </div>
    );
  }
  if (!canRecord) return <p className="text-sm text-slate-600">—</p>;
  const error = failed?.fieldErrors.satisfaction;
  const chosen = failed?.values?.satisfaction;
  return (
    <form action={action} className="flex flex-col gap-3" aria-label={t("service.csat.title")}>
      <input type="hidden" name="id" value={id} />
      {failed?.message && !error ? <FormMessage tone="error">{t(failed.message)}</FormMessage> : null}
      <fieldset aria-describedby={error ? "csat-error" : undefined}>
        <legend className="mb-2 text-sm font-medium text-slate-700">{t("service.csat.legend")}</legend>
        <div className="flex flex-col gap-1.5">
          {SCORES.map((s) => (
            <div key={s} className="flex items-center gap-2">
              <input id={`csat-${s}`} type="radio" name="satisfaction" value={s} defaultChecked={chosen === s} required className="h-4 w-4 accent-brand-600" />
              <label htmlFor={`csat-${s}`} className="text-sm">
                {t(`service.csat.scores.${s}`)}
              </label>
            </div>
          ))}
        </div>
        {error ? (
          <p id="csat-error" className="mt-1 text-sm text-red-700">
            {t(error)}
          </p>
        ) : null}
      </fieldset>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {t("service.csat.submit")}
        </Button>
      </div>
    </form>
  );
}

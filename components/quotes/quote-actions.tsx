"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { type QuoteResult, setQuoteStatusAction, winFromQuoteAction } from "@/lib/actions/quotes";
import type { QuoteDto } from "@/lib/dal/quotes";
import { nextStatuses } from "@/lib/domain/pipeline/quote-status";

/** Status buttons for the quote's next steps, and "mark won" once it is accepted. */
export function QuoteActions({ quote }: { quote: QuoteDto }) {
  const t = useTranslations();
  const [statusState, statusAction, statusPending] = useActionState<QuoteResult, FormData>(setQuoteStatusAction, null);
  const [winState, winAction, winPending] = useActionState<QuoteResult, FormData>(winFromQuoteAction, null);
  const outcome = winState ?? statusState;
  return (
    <div className="flex flex-col gap-3">
      <div aria-live="polite">
        {outcome && outcome.ok ? <FormMessage tone="success">{t(outcome.message)}</FormMessage> : null}
        {outcome && !outcome.ok && outcome.message ? <FormMessage tone="error">{t(outcome.message)}</FormMessage> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        {quote.can.edit
          ? nextStatuses(quote.status).map((s) => (
              <form key={s} action={statusAction}>
                <input type="hidden" name="quoteId" value={quote.id} />
                <input type="hidden" name="version" value={quote.version} />
                <input type="hidden" name="status" value={s} />
                <Button type="submit" variant={s === "REJECTED" ? "secondary" : "primary"} disabled={statusPending}>
                  {t(`quotes.actions.${s}`)}
                </Button>
              </form>
            ))
          : null}
        {quote.status === "ACCEPTED" && quote.can.winFromQuote && quote.orderId === null ? (
          <form action={winAction}>
            <input type="hidden" name="quoteId" value={quote.id} />
            <Button type="submit" disabled={winPending} aria-busy={winPending}>
              {t("quotes.actions.win")}
            </Button>
          </form>
        ) : null}
      </div>
    </div>
  );
}

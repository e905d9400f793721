"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { Button } from "@/components/ui/button";
import { useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { FormMessage } from "@/components/ui/form-message";
import { type QuoteResult, setQuoteStatusAction, winFromQuoteAction } from "@/lib/quotes/actions";
import type { QuoteDto } from "@/lib/quotes/mutations";
import { nextStatuses } from "@/lib/quotes/rules/quote-status";
import { QuoteConflictPanel } from "./quote-conflict-panel";

/**
 * Status buttons for the quote's next steps, and "mark won" once it is accepted. Each posts the
 * quote's version and snapshot: a step taken on a quote someone changed meanwhile is refused.
 */
export function QuoteActions({ quote }: { quote: QuoteDto }) {
  const t = useTranslations();
  const [statusState, statusAction, statusPending] = useActionState<QuoteResult, FormData>(setQuoteStatusAction, null);
  const [winState, winAction, winPending] = useActionState<QuoteResult, FormData>(winFromQuoteAction, null);
  const outcome = winState ?? statusState;
  const conflict = outcome && !outcome.ok ? outcome.conflict : undefined;
  const { base, overwrite } = useVersionBase({ version: quote.version, snapshot: quote.snapshot }, conflict);
  // The form whose step was refused, so "do it anyway" repeats that step.
  const lastForm = useRef<HTMLFormElement | null>(null);
  return (
    <div className="flex flex-col gap-3">
      <div aria-live="polite">
        {outcome && outcome.ok ? <FormMessage tone="success">{t(outcome.message)}</FormMessage> : null}
        {outcome && !outcome.ok && outcome.message ? <FormMessage tone="error">{t(outcome.message)}</FormMessage> : null}
        {conflict ? <QuoteConflictPanel conflict={conflict} onOverwrite={() => overwrite({ form: lastForm.current })} pending={statusPending || winPending} /> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        {quote.can.edit
          ? nextStatuses(quote.status).map((s) => (
              <form key={s} action={statusAction} onSubmit={(e) => (lastForm.current = e.currentTarget)}>
                <input type="hidden" name="quoteId" value={quote.id} />
                <VersionFields base={base} />
                <input type="hidden" name="status" value={s} />
                <Button type="submit" variant={s === "REJECTED" ? "secondary" : "primary"} disabled={statusPending}>
                  {t(`quotes.actions.${s}`)}
                </Button>
              </form>
            ))
          : null}
        {quote.status === "ACCEPTED" && quote.can.winFromQuote && quote.orderId === null ? (
          <form action={winAction} onSubmit={(e) => (lastForm.current = e.currentTarget)}>
            <input type="hidden" name="quoteId" value={quote.id} />
            <VersionFields base={base} />
            <Button type="submit" disabled={winPending} aria-busy={winPending}>
              {t("quotes.actions.win")}
            </Button>
          </form>
        ) : null}
      </div>
    </div>
  );
}

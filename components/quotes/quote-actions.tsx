"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { FormMessage } from "@/components/ui/form-message";
import { approveQuoteDiscountAction, type QuoteResult, setQuoteStatusAction, winFromQuoteAction } from "@/lib/quotes/actions";
import type { QuoteDto } from "@/lib/quotes/mutations";
import { blockedForApproval } from "@/lib/quotes/rules/quote-approval";
import { nextStatuses } from "@/lib/quotes/rules/quote-status";
import { QuoteApproval } from "./quote-approval";
import { QuoteConflictPanel } from "./quote-conflict-panel";

type Step = "status" | "win" | "approve";

/**
 * Status buttons for the quote's next steps, "mark won" once it is accepted, and the discount
 * approval. Each posts the quote's version and snapshot: a step taken on a quote someone changed
 * meanwhile is refused. Sending a draft whose discount waits for approval is disabled, with the reason.
 */
export function QuoteActions({ quote }: { quote: QuoteDto }) {
  const t = useTranslations();
  const [statusState, statusAction, statusPending] = useActionState<QuoteResult, FormData>(setQuoteStatusAction, null);
  const [winState, winAction, winPending] = useActionState<QuoteResult, FormData>(winFromQuoteAction, null);
  const [approveState, approveAction, approvePending] = useActionState<QuoteResult, FormData>(approveQuoteDiscountAction, null);
  // The outcome shown is the one of the step taken last.
  const [step, setStep] = useState<Step>("status");
  const outcome = { status: statusState, win: winState, approve: approveState }[step];
  const pct = (outcome && !outcome.ok && outcome.thresholdPct) || quote.approvalThresholdPct;
  const approved = quote.approvedBy !== null;
  const pending = statusPending || winPending || approvePending;
  const conflict = outcome && !outcome.ok ? outcome.conflict : undefined;
  const { base, overwrite } = useVersionBase({ version: quote.version, snapshot: quote.snapshot }, conflict);
  // The form whose step was refused, so "do it anyway" repeats that step.
  const lastForm = useRef<HTMLFormElement | null>(null);
  return (
    <div className="flex flex-col gap-3">
      <div aria-live="polite">
        {outcome && outcome.ok ? <FormMessage tone="success">{t(outcome.message)}</FormMessage> : null}
        {outcome && !outcome.ok && outcome.message ? <FormMessage tone="error">{t(outcome.message, { pct })}</FormMessage> : null}
        {conflict ? <QuoteConflictPanel conflict={conflict} onOverwrite={() => overwrite({ form: lastForm.current })} pending={pending} /> : null}
      </div>
      <QuoteApproval
        quote={quote}
        approve={
          <form
            action={approveAction}
            onSubmit={(e) => {
              lastForm.current = e.currentTarget;
              setStep("approve");
            }}
          >
            <input type="hidden" name="quoteId" value={quote.id} />
            <VersionFields base={base} />
            <Button type="submit" disabled={pending} aria-busy={approvePending}>
              {t("quotes.approval.approve")}
            </Button>
          </form>
        }
      />
      <div className="flex flex-wrap gap-2">
        {quote.can.edit
          ? nextStatuses(quote.status).map((s) => {
              const blocked = blockedForApproval(quote.status, s, quote.needsApproval, approved);
              return (
                <form
                  key={s}
                  action={statusAction}
                  onSubmit={(e) => {
                    lastForm.current = e.currentTarget;
                    setStep("status");
                  }}
                >
                  <input type="hidden" name="quoteId" value={quote.id} />
                  <VersionFields base={base} />
                  <input type="hidden" name="status" value={s} />
                  <Button type="submit" variant={s === "REJECTED" ? "secondary" : "primary"} disabled={statusPending || blocked} aria-describedby={blocked ? "quote-send-blocked" : undefined}>
                    {t(`quotes.actions.${s}`)}
                  </Button>
                </form>
              );
            })
          : null}
        {quote.status === "ACCEPTED" && quote.can.winFromQuote && quote.orderId === null ? (
          <form
            action={winAction}
            onSubmit={(e) => {
              lastForm.current = e.currentTarget;
              setStep("win");
            }}
          >
            <input type="hidden" name="quoteId" value={quote.id} />
            <VersionFields base={base} />
            <Button type="submit" disabled={winPending} aria-busy={winPending}>
              {t("quotes.actions.win")}
            </Button>
          </form>
        ) : null}
      </div>
      {quote.can.edit && nextStatuses(quote.status).some((s) => blockedForApproval(quote.status, s, quote.needsApproval, approved)) ? (
        <p id="quote-send-blocked" className="text-sm text-slate-600">
          {t("quotes.approval.sendBlocked", { pct: quote.approvalThresholdPct })}
        </p>
      ) : null}
    </div>
  );
}

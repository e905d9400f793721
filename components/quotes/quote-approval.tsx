"use client";

import { ShieldAlert, ShieldCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { QuoteDto } from "@/lib/quotes/mutations";
import { formatDate } from "@/lib/platform/format";

/**
 * The discount approval as the quote page shows it: a draft above the company threshold says it
 * waits for a manager (with the approve button for those allowed to give it); an approved quote says
 * who approved it and when, also once it has been sent.
 */
export function QuoteApproval({ quote, approve }: { quote: QuoteDto; approve: ReactNode }) {
  const t = useTranslations();
  if (quote.approvedBy !== null) {
    return (
      <p className="flex items-center gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="quote-approval">
        <ShieldCheck className="h-4 w-4 shrink-0" aria-hidden="true" />
        {t("quotes.approval.approvedBy", { name: quote.approvedBy, date: formatDate(quote.approvedAt) })}
      </p>
    );
  }
  if (!quote.needsApproval || quote.status !== "DRAFT") return null;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="quote-approval">
      <p className="flex items-center gap-2">
        <ShieldAlert className="h-4 w-4 shrink-0" aria-hidden="true" />
        {t("quotes.approval.needed", { pct: quote.approvalThresholdPct })}
      </p>
      {quote.can.approve ? approve : null}
    </div>
  );
}

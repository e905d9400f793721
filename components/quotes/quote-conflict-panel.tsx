"use client";

import { useTranslations } from "next-intl";
import { ConflictPanel } from "@/components/ui/conflict-panel";
import { formatMoney } from "@/lib/platform/format";
import type { ConflictView } from "@/lib/platform/concurrency";

const LABELS: Record<string, string> = {
  status: "quotes.fields.status",
  discountPct: "quotes.fields.quoteDiscount",
  validUntil: "quotes.fields.validUntil",
  notes: "quotes.fields.notes",
  lines: "quotes.editor.lines",
  total: "quotes.fields.total",
  approval: "quotes.fields.approval",
};

/** The conflict panel with the quote's field names (the editor and the status buttons report the same fields). */
export function QuoteConflictPanel({ conflict, onOverwrite, pending }: { conflict: ConflictView; onOverwrite?: () => void; pending?: boolean }) {
  const t = useTranslations();
  return (
    <ConflictPanel
      conflict={conflict}
      label={(f) => t(LABELS[f] ?? "quotes.editor.title")}
      show={(f, v) => (f === "status" ? t(`quotes.status.${v}`) : f === "total" ? formatMoney(v) : v)}
      onOverwrite={onOverwrite}
      pending={pending}
    />
  );
}

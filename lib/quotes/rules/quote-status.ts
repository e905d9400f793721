/** A quote goes DRAFT → SENT → ACCEPTED or REJECTED; only a draft's lines may still change. */
import type { QuoteStatus } from "@/lib/platform/enums";

const NEXT: Record<QuoteStatus, readonly QuoteStatus[]> = { DRAFT: ["SENT"], SENT: ["ACCEPTED", "REJECTED"], ACCEPTED: [], REJECTED: [] };

export function canTransition(from: QuoteStatus, to: QuoteStatus): boolean {
  return NEXT[from].includes(to);
}

export function nextStatuses(from: QuoteStatus): readonly QuoteStatus[] {
  return NEXT[from];
}

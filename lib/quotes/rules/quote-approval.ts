/**
 * Discount approval (PERMISSIONS.md, "quote: approve a discount above the approval threshold"): a
 * quote whose own discount or any line's discount is above the company threshold (setting
 * quotes.discountApprovalPct) needs a manager's or an admin's approval before it reaches the
 * customer. Percentages are compared as integer basis points (hundredths of a percent), the unit
 * the quote arithmetic uses: "20.00" is 2000, "20.01" is 2001, never a float.
 */
import type { QuoteStatus } from "@/lib/platform/enums";

export type QuoteDiscounts = { discountBp: bigint; lineDiscountBps: readonly bigint[] };

/** Strictly greater: a discount exactly at the threshold is within what a rep may give. */
export function needsDiscountApproval(quote: QuoteDiscounts, thresholdBp: bigint): boolean {
  return quote.discountBp > thresholdBp || quote.lineDiscountBps.some((bp) => bp > thresholdBp);
}

/** The statuses in which the customer has the quote: reaching one of them from a draft sends it. */
const TO_CUSTOMER: readonly QuoteStatus[] = ["SENT", "ACCEPTED"];

/**
 * True when the step from `from` to `to` takes the quote to the customer while its discount still
 * waits for approval. Only a draft can be approved or changed, so only steps out of DRAFT check it.
 */
export function blockedForApproval(from: QuoteStatus, to: QuoteStatus, needsApproval: boolean, approved: boolean): boolean {
  return from === "DRAFT" && TO_CUSTOMER.includes(to) && needsApproval && !approved;
}

export type ApprovalRefusal = "notDraft" | "notNeeded" | "alreadyApproved";

/** Why a quote cannot be approved now (null: it can). */
export function approvalRefusal(status: QuoteStatus, needsApproval: boolean, approved: boolean): ApprovalRefusal | null {
  if (status !== "DRAFT") return "notDraft";
  if (!needsApproval) return "notNeeded";
  if (approved) return "alreadyApproved";
  return null;
}

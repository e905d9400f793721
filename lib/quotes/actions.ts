"use server";

import { z } from "zod";
import { approveQuoteDiscount, createQuote, QuoteApprovalRequiredError, setQuoteStatus, updateQuote, winFromQuote } from "@/lib/quotes/mutations";
import { dataAction, formAction, type FormResult } from "@/lib/platform/form-action";
import { expectedOf, idField, snapshotField } from "@/lib/platform/form-fields";

import { quoteInputSchema, quoteStatusSchema } from "@/lib/quotes/schema";

/** A send refused for a missing discount approval names the threshold it was refused at. */
export type QuoteResult = FormResult<{ message: string; quoteId?: number; orderId?: number }, { thresholdPct: string }>;

const MESSAGES = { conflict: "quotes.errors.conflict" };

/**
 * The quote editor sends its lines as data (a dynamic list), not as a flat form; an edit carries the
 * version it was loaded at and the quote as the editor loaded it (QuoteDto.snapshot), to explain a conflict.
 */
const saveSchema = quoteInputSchema.extend({ opportunityId: idField(), quoteId: idField().optional(), version: idField().optional(), snapshot: snapshotField() });

export const saveQuoteAction = dataAction({
  name: "quotes.save",
  schema: saveSchema,
  messages: MESSAGES,
  refuseOn: ["opportunityId", "quoteId", "version"],
  handler: async ({ opportunityId, quoteId, version, snapshot, ...input }, user) => {
    if (quoteId === undefined) return { ok: true, message: "quotes.saved", quoteId: (await createQuote(user, opportunityId, input)).id };
    // Editing without the version it was loaded at is not from our editor.
    if (version === undefined) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
    return { ok: true, message: "quotes.saved", quoteId: (await updateQuote(user, quoteId, expectedOf({ version, snapshot }), input)).id };
  },
  revalidate: ({ opportunityId }) => [`/opportunities/${opportunityId}`],
});

export const setQuoteStatusAction = formAction({
  name: "quotes.setStatus",
  schema: quoteStatusSchema.extend({ snapshot: snapshotField() }),
  messages: MESSAGES,
  refuseOn: ["quoteId", "version", "status"],
  handler: async ({ quoteId, version, snapshot, status }, user) => {
    try {
      const quote = await setQuoteStatus(user, quoteId, expectedOf({ version, snapshot }), status);
      return { ok: true, message: `quotes.statusChanged.${status}`, opportunityId: quote.opportunityId };
    } catch (error) {
      if (error instanceof QuoteApprovalRequiredError) return { ok: false, fieldErrors: {}, message: error.message, thresholdPct: error.thresholdPct };
      throw error;
    }
  },
  revalidate: ({ quoteId }, { opportunityId }) => [`/opportunities/${opportunityId}`, `/opportunities/${opportunityId}/quotes/${quoteId}`],
});

export const winFromQuoteAction = formAction({
  name: "quotes.winFromQuote",
  // The version is the quote's as shown: winning a quote someone changed meanwhile is refused.
  schema: z.object({ quoteId: idField(), version: idField(), snapshot: snapshotField() }),
  messages: MESSAGES,
  refuseOn: ["quoteId", "version"],
  handler: async ({ quoteId, version, snapshot }, user) => {
    const won = await winFromQuote(user, quoteId, expectedOf({ version, snapshot }));
    return { ok: true, message: "quotes.won", orderId: won.orderId, opportunityId: won.opportunityId };
  },
  revalidate: ({ quoteId }, { opportunityId }) => [`/opportunities/${opportunityId}`, `/opportunities/${opportunityId}/quotes/${quoteId}`, "/opportunities", "/opportunities/board"],
});

export const approveQuoteDiscountAction = formAction({
  name: "quotes.approveDiscount",
  // The version is the quote as the approver saw it: a draft changed meanwhile is not approved blind.
  schema: z.object({ quoteId: idField(), version: idField(), snapshot: snapshotField() }),
  messages: MESSAGES,
  refuseOn: ["quoteId", "version"],
  handler: async ({ quoteId, version, snapshot }, user) => {
    const quote = await approveQuoteDiscount(user, quoteId, expectedOf({ version, snapshot }));
    return { ok: true, message: "quotes.approval.approved", opportunityId: quote.opportunityId };
  },
  revalidate: ({ quoteId }, { opportunityId }) => [`/opportunities/${opportunityId}`, `/opportunities/${opportunityId}/quotes/${quoteId}`],
});

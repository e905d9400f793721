"use server";

import { z } from "zod";
import { createQuote, setQuoteStatus, updateQuote, winFromQuote } from "@/lib/quotes/mutations";
import { dataAction, formAction, type FormResult } from "@/lib/platform/form-action";
import { expectedOf, idField, snapshotField } from "@/lib/platform/form-fields";

import { quoteInputSchema, quoteStatusSchema } from "@/lib/quotes/schema";

export type QuoteResult = FormResult<{ message: string; quoteId?: number; orderId?: number }>;

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
    const quote = await setQuoteStatus(user, quoteId, expectedOf({ version, snapshot }), status);
    return { ok: true, message: `quotes.statusChanged.${status}`, opportunityId: quote.opportunityId };
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

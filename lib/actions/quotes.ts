"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { dalFailure, fieldErrorsOf, type FormFailure } from "@/lib/actions/form-result";
import { requireUser } from "@/lib/auth/session";
import { ConflictError } from "@/lib/dal/errors";
import { createQuote, setQuoteStatus, updateQuote, winFromQuote } from "@/lib/dal/quotes";
import { expectedFromForm, parseVersion, snapshotFrom } from "@/lib/platform/concurrency";
import { quoteInputSchema, quoteStatusSchema } from "@/lib/validation/quote";

export type QuoteResult = { ok: true; message: string; quoteId?: number; orderId?: number } | FormFailure | null;

const idSchema = z.coerce.number().int().positive();

function failure(error: unknown): FormFailure {
  if (error instanceof ConflictError) return { ok: false, fieldErrors: {}, message: "quotes.errors.conflict", conflict: error.toView() };
  return dalFailure(error);
}

/** The quote editor sends its lines as data (a dynamic list), not as a flat form. */
export async function saveQuoteAction(input: {
  opportunityId: number;
  quoteId?: number;
  version?: number;
  /** The quote as the editor loaded it (QuoteDto.snapshot), to explain a conflict. */
  snapshot?: Record<string, string | null>;
  discountPct: string;
  validUntil: string;
  notes: string;
  lines: { productId: string; quantity: string; unitPrice: string; discountPct: string }[];
}): Promise<QuoteResult> {
  const user = await requireUser();
  const opportunityId = idSchema.safeParse(input.opportunityId);
  if (!opportunityId.success) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  const parsed = quoteInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "validation.fix" };
  let quoteId: number;
  try {
    if (input.quoteId !== undefined) {
      const id = idSchema.safeParse(input.quoteId);
      const version = parseVersion(input.version);
      if (!id.success || version === null) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
      quoteId = (await updateQuote(user, id.data, { version, seen: snapshotFrom(input.snapshot) }, parsed.data)).id;
    } else {
      quoteId = (await createQuote(user, opportunityId.data, parsed.data)).id;
    }
  } catch (error) {
    return failure(error);
  }
  revalidatePath(`/opportunities/${opportunityId.data}`);
  return { ok: true, message: "quotes.saved", quoteId };
}

export async function setQuoteStatusAction(_prev: QuoteResult, formData: FormData): Promise<QuoteResult> {
  const user = await requireUser();
  const parsed = quoteStatusSchema.safeParse({ quoteId: formData.get("quoteId"), version: formData.get("version"), status: formData.get("status") });
  const expected = expectedFromForm(formData);
  if (!parsed.success || !expected) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  try {
    const q = await setQuoteStatus(user, parsed.data.quoteId, expected, parsed.data.status);
    revalidatePath(`/opportunities/${q.opportunityId}`);
    revalidatePath(`/opportunities/${q.opportunityId}/quotes/${q.id}`);
  } catch (error) {
    return failure(error);
  }
  return { ok: true, message: `quotes.statusChanged.${parsed.data.status}` };
}

export async function winFromQuoteAction(_prev: QuoteResult, formData: FormData): Promise<QuoteResult> {
  const user = await requireUser();
  const quoteId = idSchema.safeParse(formData.get("quoteId"));
  const expected = expectedFromForm(formData);
  if (!quoteId.success || !expected) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  try {
    const won = await winFromQuote(user, quoteId.data, expected);
    revalidatePath(`/opportunities/${won.opportunityId}`);
    revalidatePath(`/opportunities/${won.opportunityId}/quotes/${quoteId.data}`);
    revalidatePath("/opportunities");
    revalidatePath("/opportunities/board");
    return { ok: true, message: "quotes.won", orderId: won.orderId };
  } catch (error) {
    return failure(error);
  }
}

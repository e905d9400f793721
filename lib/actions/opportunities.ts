"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { type CustomerSuggestion, suggestCustomers } from "@/lib/dal/customer-list";
import { ConflictError } from "@/lib/dal/errors";
import { createOpportunity, type MoveResult, moveOpportunityStage, updateOpportunity } from "@/lib/dal/opportunities";
import { dalFailure, fieldErrorsOf } from "@/lib/actions/form-result";
import { type ConflictView, expectedFromForm, snapshotFrom } from "@/lib/platform/concurrency";
import { moveStageSchema, OPPORTUNITY_FIELDS, opportunityInputSchema } from "@/lib/validation/opportunity";

export type OpportunityFormResult =
  | { ok: true; message: string; version: number }
  | {
      ok: false;
      fieldErrors: Record<string, string>;
      message: string | null;
      /** What someone else changed since the form was loaded, with the values saved now. */
      conflict?: ConflictView;
      /** What was submitted, so the form shows it again. */
      values?: Record<string, string>;
    }
  | null;

function values(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of OPPORTUNITY_FIELDS) {
    const v = formData.get(name);
    if (typeof v === "string") out[name] = v;
  }
  return out;
}

const idSchema = z.coerce.number().int().positive();

export async function createOpportunityAction(_prev: OpportunityFormResult, formData: FormData): Promise<OpportunityFormResult> {
  const user = await requireUser();
  const submitted = values(formData);
  const parsed = opportunityInputSchema.safeParse(submitted);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "validation.fix", values: submitted };
  let id: number;
  try {
    id = (await createOpportunity(user, parsed.data)).id;
  } catch (error) {
    return { ...dalFailure(error), values: submitted };
  }
  revalidatePath("/opportunities");
  redirect(`/opportunities/${id}`);
}

export async function updateOpportunityAction(_prev: OpportunityFormResult, formData: FormData): Promise<OpportunityFormResult> {
  const user = await requireUser();
  const id = idSchema.safeParse(formData.get("id"));
  const expected = expectedFromForm(formData);
  if (!id.success || !expected) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  const submitted = values(formData);
  const parsed = opportunityInputSchema.safeParse(submitted);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "validation.fix", values: submitted };
  let saved: number;
  try {
    saved = (await updateOpportunity(user, id.data, expected, parsed.data)).version;
  } catch (error) {
    if (error instanceof ConflictError) return { ok: false, fieldErrors: {}, message: "opportunities.conflict.title", conflict: error.toView(), values: submitted };
    return { ...dalFailure(error), values: submitted };
  }
  revalidatePath(`/opportunities/${id.data}`);
  revalidatePath("/opportunities");
  revalidatePath("/opportunities/board");
  return { ok: true, message: "opportunities.detail.saved", version: saved };
}

export type MoveOutcome = { ok: true; result: MoveResult } | { ok: false; message: string; conflict?: ConflictView };

/**
 * The board's move: a refusal comes back as a message key so the card can roll back and say why.
 * `seen` is what the card showed (its fields by the detail form's names), for a conflict's report.
 */
export async function moveStageAction(input: { id: number; version: number; stage: string; lostReason?: string | null; seen?: Record<string, string | null> }): Promise<MoveOutcome> {
  const user = await requireUser();
  const parsed = moveStageSchema.safeParse({ ...input, lostReason: input.lostReason ?? undefined });
  if (!parsed.success) {
    // Schema messages are i18n keys; a malformed call (not from the board) gets the plain refusal.
    const key = parsed.error.issues[0]?.message ?? "";
    return { ok: false, message: /^(opportunities|validation)\./.test(key) ? key : "errors.notAllowed" };
  }
  try {
    const result = await moveOpportunityStage(user, { ...parsed.data, seen: snapshotFrom(input.seen) });
    revalidatePath("/opportunities");
    revalidatePath("/opportunities/board");
    revalidatePath(`/opportunities/${result.id}`);
    return { ok: true, result };
  } catch (error) {
    if (error instanceof ConflictError) return { ok: false, message: "opportunities.board.conflict", conflict: error.toView() };
    const failure = dalFailure(error);
    return { ok: false, message: failure.message ?? Object.values(failure.fieldErrors)[0] ?? "errors.notAllowed" };
  }
}

/** The customer picker on the create form. */
export async function searchCustomersAction(q: string): Promise<CustomerSuggestion[]> {
  const user = await requireUser();
  const term = z.string().trim().max(100).safeParse(q);
  return term.success ? suggestCustomers(user, term.data, 8) : [];
}

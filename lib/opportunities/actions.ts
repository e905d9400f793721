"use server";

import { z } from "zod";
import { type CustomerSuggestion, suggestCustomers } from "@/lib/customers/queries";
import { createOpportunity, type MoveResult, moveOpportunityStage, updateOpportunity } from "@/lib/opportunities/mutations";
import { dataAction, formAction, type FormResult } from "@/lib/platform/form-action";
import { expectedOf, idField, snapshotField } from "@/lib/platform/form-fields";

import { moveStageSchema, opportunityInputSchema } from "@/lib/opportunities/schema";

/** A successful save answers with the new version, so the form can save again without a reload. */
export type OpportunityFormResult = FormResult<{ version?: number }>;

export const createOpportunityAction = formAction({
  name: "opportunities.create",
  schema: opportunityInputSchema,
  handler: async (input, user) => ({ ok: true, id: (await createOpportunity(user, input)).id }),
  revalidate: ["/opportunities"],
  redirect: (_input, result) => `/opportunities/${result.id}`,
});

export const updateOpportunityAction = formAction({
  name: "opportunities.update",
  schema: z
    .intersection(z.object({ id: idField(), version: idField(), snapshot: snapshotField() }), opportunityInputSchema)
    .transform(({ id, version, snapshot, ...input }) => ({ id, version, snapshot, input })),
  messages: { conflict: "opportunities.conflict.title" },
  refuseOn: ["id", "version"],
  handler: async ({ id, version, snapshot, input }, user) => ({
    ok: true,
    message: "opportunities.detail.saved",
    version: (await updateOpportunity(user, id, expectedOf({ version, snapshot }), input)).version,
  }),
  revalidate: ({ id }) => [`/opportunities/${id}`, "/opportunities", "/opportunities/board"],
});

/**
 * The board's move: a refusal comes back as a message key so the card can roll back and say why.
 * `seen` is what the card showed (its fields by the detail form's names), for a conflict's report.
 */
export const moveStageAction = dataAction({
  name: "opportunities.moveStage",
  schema: z.preprocess(
    (raw) => (typeof raw === "object" && raw !== null ? { ...raw, lostReason: (raw as { lostReason?: unknown }).lostReason ?? undefined } : raw),
    z.intersection(moveStageSchema, z.object({ seen: snapshotField() })),
  ),
  messages: { conflict: "opportunities.board.conflict" },
  refuseOn: ["id", "version"],
  handler: async (input, user): Promise<{ ok: true; result: MoveResult }> => ({ ok: true, result: await moveOpportunityStage(user, input) }),
  revalidate: (_input, { result }) => ["/opportunities", "/opportunities/board", `/opportunities/${result.id}`],
});

/** The customer picker on the create form. */
export const searchCustomersAction = dataAction({
  name: "opportunities.searchCustomers",
  schema: z.string().trim().max(100),
  handler: async (q, user): Promise<{ ok: true; customers: CustomerSuggestion[] }> => ({ ok: true, customers: await suggestCustomers(user, q, 8) }),
});

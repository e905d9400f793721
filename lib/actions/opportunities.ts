"use server";

import { z } from "zod";
import { type CustomerSuggestion, suggestCustomers } from "@/lib/dal/customer-list";
import { createOpportunity, type MoveResult, moveOpportunityStage, updateOpportunity } from "@/lib/dal/opportunities";
import { changedFields, type Snapshot } from "@/lib/domain/pipeline/conflict";
import { dataAction, formAction, type FormResult } from "@/lib/platform/form-action";
import { idField } from "@/lib/platform/ids";
import { moveStageSchema, OPPORTUNITY_FIELDS, opportunityInputSchema } from "@/lib/validation/opportunity";

/** A successful save answers with the new version, so the form can save again without a reload. */
export type OpportunityFormResult = FormResult<{ version?: number }>;

const snapshotSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

/** The values the form was loaded with (a JSON field), to tell what someone else changed since. */
function loadedSnapshot(raw: string | undefined): Snapshot {
  try {
    const parsed = snapshotSchema.safeParse(JSON.parse(raw ?? "{}"));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

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
    .intersection(z.object({ id: idField(), version: idField(), snapshot: z.string().max(20_000).optional() }), opportunityInputSchema)
    .transform(({ id, version, snapshot, ...input }) => ({ id, version, snapshot, input })),
  messages: { conflict: "opportunities.conflict.title" },
  refuseOn: ["id", "version", "snapshot"],
  conflictChanges: (current, input) => changedFields(loadedSnapshot(input.snapshot), current as Snapshot, OPPORTUNITY_FIELDS),
  handler: async ({ id, version, input }, user) => ({
    ok: true,
    message: "opportunities.detail.saved",
    version: (await updateOpportunity(user, id, version, input)).version,
  }),
  revalidate: ({ id }) => [`/opportunities/${id}`, "/opportunities", "/opportunities/board"],
});

/** The board's move: a refusal comes back as a message key so the card can roll back and say why. */
export const moveStageAction = dataAction({
  name: "opportunities.moveStage",
  schema: z.preprocess((raw) => (typeof raw === "object" && raw !== null ? { ...raw, lostReason: (raw as { lostReason?: unknown }).lostReason ?? undefined } : raw), moveStageSchema),
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

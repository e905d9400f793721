"use server";

import { z } from "zod";
import { type DuplicateCandidateDto, findDuplicateCustomers } from "@/lib/customers/queries";
import { convertLead } from "@/lib/leads/conversion";
import { assignLead, assignLeadRoundRobin, changeLeadStatus, createLead, getLead, updateLead } from "@/lib/leads/mutations";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { blankAsMissing, expectedOf, idField, snapshotField, yesFlag } from "@/lib/platform/form-fields";
import { convertLeadSchema, leadAssignSchema, leadInputSchema, leadProfileSchema, leadStatusSchema } from "@/lib/leads/schema";

/** What a lead form gets back; a conversion may answer with look-alike customers to link or confirm. */
export type LeadFormResult = FormResult<Record<never, never>, { duplicates: DuplicateCandidateDto[] }>;

const MESSAGES = { invalid: "validation.fix", conflict: "leads.errors.conflict" };

/**
 * The lead a form edits: hidden fields, so a bad one is a refusal, not a field error. `snapshot` is
 * what the form showed at that version, for the conflict report (lib/platform/concurrency.ts).
 */
const target = z.object({ id: idField(), version: idField(), snapshot: snapshotField() });
const REFUSE = ["id", "version"] as const;

export const createLeadAction = formAction({
  name: "leads.create",
  // Empty owner: the creator owns it (an admin may leave it unassigned).
  schema: leadInputSchema.extend({ ownerId: blankAsMissing(leadInputSchema.shape.ownerId) }),
  messages: MESSAGES,
  handler: async (input, user) => ({ ok: true, id: (await createLead(user, input)).id }),
  revalidate: ["/leads"],
  redirect: (_input, result) => `/leads/${result.id}`,
});

export const updateLeadAction = formAction({
  name: "leads.update",
  schema: leadProfileSchema.extend(target.shape),
  messages: MESSAGES,
  refuseOn: REFUSE,
  handler: async ({ id, version, snapshot, ...profile }, user) => {
    await updateLead(user, id, expectedOf({ version, snapshot }), profile);
    return { ok: true, message: "leads.detail.saved" };
  },
  revalidate: ({ id }) => [`/leads/${id}`, "/leads"],
});

export const changeLeadStatusAction = formAction({
  name: "leads.changeStatus",
  schema: z.intersection(target, leadStatusSchema),
  messages: MESSAGES,
  refuseOn: REFUSE,
  handler: async ({ id, version, snapshot, status, reason }, user) => {
    await changeLeadStatus(user, id, expectedOf({ version, snapshot }), { status, reason });
    return { ok: true, message: "leads.status.saved" };
  },
  revalidate: ({ id }) => [`/leads/${id}`, "/leads"],
});

export const assignLeadAction = formAction({
  name: "leads.assign",
  schema: z.intersection(target, leadAssignSchema),
  messages: MESSAGES,
  refuseOn: REFUSE,
  handler: async (input, user) => {
    const expected = expectedOf(input);
    if (input.mode === "roundRobin") await assignLeadRoundRobin(user, input.id, expected);
    else await assignLead(user, input.id, expected, input.ownerId);
    return { ok: true, message: "leads.assign.saved" };
  },
  revalidate: ({ id }) => [`/leads/${id}`, "/leads"],
});

/** The chosen customer counts only when linking an existing one. */
const convertSchema = z.intersection(
  target.extend({ confirmNew: yesFlag() }),
  z.preprocess((raw) => {
    if (typeof raw !== "object" || raw === null) return raw;
    const fields = raw as { customerMode?: unknown; customerId?: unknown };
    return { ...raw, customerId: fields.customerMode === "existing" ? fields.customerId || undefined : undefined };
  }, convertLeadSchema),
);

/**
 * Converts a lead. Creating a new customer first runs the same duplicate check as the customer form:
 * when look-alikes exist, the user either links one of them or confirms that this is a new customer.
 */
export const convertLeadAction = formAction({
  name: "leads.convert",
  schema: convertSchema,
  messages: MESSAGES,
  refuseOn: REFUSE,
  handler: async ({ id, version, snapshot, confirmNew, ...input }, user) => {
    if (input.customerMode === "new" && !confirmNew) {
      const lead = await getLead(user, id);
      const duplicates = await findDuplicateCustomers(user, { name: input.customerName, email: lead.email, phone: lead.phone, region: input.region });
      if (duplicates.length > 0) return { ok: false, fieldErrors: {}, message: "leads.convert.duplicatesFound", duplicates };
    }
    return { ok: true, opportunityId: (await convertLead(user, id, expectedOf({ version, snapshot }), input)).opportunityId };
  },
  revalidate: ({ id }) => ["/leads", `/leads/${id}`],
  redirect: (_input, result) => `/opportunities/${result.opportunityId}`,
});

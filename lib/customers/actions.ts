"use server";

import { z } from "zod";
import { mergeCustomers } from "@/lib/customers/merge";
import { addToCampaign, bulkReassign, createCustomer, deleteCustomer, restoreCustomer, setDoNotContact, updateCustomer } from "@/lib/customers/mutations";
import { type DuplicateCandidateDto, findDuplicateCustomers } from "@/lib/customers/queries";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { blankAsMissing, expectedOf, idField, snapshotField, yesFlag } from "@/lib/platform/form-fields";
import {
  bulkAssignSchema,
  bulkCampaignSchema,
  customerInputSchema,
  doNotContactChangeSchema,
  mergeSchema,
} from "@/lib/customers/schema";

/** What the customer forms get back: success may carry the record id or a count (bulk actions). */
export type CustomerFormResult = FormResult<{ id?: number; count?: number }, { duplicates: DuplicateCandidateDto[] }>;

const FIX = { invalid: "customers.errors.fixFields", conflict: "customers.errors.conflict" };

// An empty owner select means "leave as is / default", not "remove the owner".
const profileSchema = customerInputSchema.extend({ ownerId: blankAsMissing(customerInputSchema.shape.ownerId) });

export const createCustomerAction = formAction({
  name: "customers.create",
  schema: profileSchema.extend({ confirmDuplicates: yesFlag() }),
  messages: FIX,
  handler: async ({ confirmDuplicates, ...profile }, user) => {
    if (!confirmDuplicates) {
      const duplicates = await findDuplicateCustomers(user, profile);
      if (duplicates.length > 0) return { ok: false, fieldErrors: {}, message: "customers.duplicates.found", duplicates };
    }
    return { ok: true, id: (await createCustomer(user, profile)).id };
  },
  revalidate: ["/customers"],
  redirect: (_input, result) => `/customers/${result.id}`,
});

export const updateCustomerAction = formAction({
  name: "customers.update",
  schema: profileSchema.extend({ id: idField(), version: idField(), snapshot: snapshotField() }),
  messages: FIX,
  refuseOn: ["id", "version"],
  handler: async ({ id, version, snapshot, ...profile }, user) => {
    await updateCustomer(user, id, expectedOf({ version, snapshot }), profile);
    return { ok: true, message: "customers.profile.saved" };
  },
  revalidate: ({ id }) => [`/customers/${id}`, "/customers"],
});

export const setDoNotContactAction = formAction({
  name: "customers.setDoNotContact",
  // Only the flag the user changed, with the value chosen ("dncEmail:true"): a stale page never rewrites the others.
  schema: z.object({ id: idField(), version: idField(), snapshot: snapshotField(), change: doNotContactChangeSchema }),
  messages: FIX,
  refuseOn: ["id", "version", "change"],
  handler: async ({ id, version, snapshot, change }, user) => {
    await setDoNotContact(user, id, expectedOf({ version, snapshot }), change);
    return { ok: true, message: "customers.dnc.saved" };
  },
  revalidate: ({ id }) => [`/customers/${id}`],
});

export const deleteCustomerAction = formAction({
  name: "customers.delete",
  schema: z.object({ id: idField(), version: idField() }),
  messages: FIX,
  refuseOn: ["id", "version"],
  handler: async ({ id, version }, user) => {
    await deleteCustomer(user, id, version);
    return { ok: true };
  },
  revalidate: ["/customers"],
  redirect: () => "/customers?deleted=1",
});

export const restoreCustomerAction = formAction({
  name: "customers.restore",
  schema: z.object({ id: idField() }),
  messages: FIX,
  refuseOn: ["id"],
  handler: async ({ id }, user) => {
    await restoreCustomer(user, id);
    return { ok: true, message: "customers.recycle.restored", id };
  },
  revalidate: ["/customers/recycle-bin", "/customers"],
});

export const mergeCustomersAction = formAction({
  name: "customers.merge",
  schema: mergeSchema,
  messages: FIX,
  handler: async ({ survivorId, mergedId, survivorVersion, survivorSnapshot }, user) => {
    await mergeCustomers(user, survivorId, mergedId, expectedOf({ version: survivorVersion, snapshot: survivorSnapshot }));
    return { ok: true };
  },
  revalidate: ["/customers"],
  redirect: ({ survivorId, mergedId }) => `/customers/${survivorId}?merged=${mergedId}`,
});

/** Bulk actions take the selection as repeated `ids` fields; `bulk` says which one. */
const bulkSchema = z.discriminatedUnion("bulk", [
  bulkAssignSchema.extend({ bulk: z.literal("assign") }),
  bulkCampaignSchema.extend({ bulk: z.literal("campaign") }),
]);

export const bulkAction = formAction({
  name: "customers.bulk",
  schema: bulkSchema,
  messages: FIX,
  refuseOn: ["bulk"],
  handler: async (input, user) => {
    if (input.bulk === "assign") return { ok: true, message: "customers.bulk.assigned", count: await bulkReassign(user, input.ids, input.ownerId) };
    return { ok: true, message: "customers.bulk.addedToCampaign", count: await addToCampaign(user, input.ids, input.campaignId) };
  },
  // Campaign membership shows nowhere on the list.
  revalidate: (input) => (input.bulk === "campaign" ? [] : ["/customers"]),
});

"use server";

import { createContact, updateContact } from "@/lib/contacts/mutations";
import { contactInputSchema } from "@/lib/contacts/schema";
import { formAction } from "@/lib/platform/form-action";
import { expectedOf, idField, optionalIdField, snapshotField } from "@/lib/platform/form-fields";

const FIX = { invalid: "customers.errors.fixFields", conflict: "customers.errors.conflict" };

// The name keeps its "customers." prefix: contacts are edited on the customer page, and audit rows
// and the action tests know it by that name.
export const saveContactAction = formAction({
  name: "customers.saveContact",
  schema: contactInputSchema.extend({ customerId: idField(), contactId: optionalIdField(), version: optionalIdField(), snapshot: snapshotField() }),
  messages: FIX,
  refuseOn: ["customerId", "contactId", "version"],
  handler: async ({ customerId, contactId, version, snapshot, ...contact }, user) => {
    if (contactId === null) await createContact(user, customerId, contact);
    else if (version === null) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
    else await updateContact(user, contactId, expectedOf({ version, snapshot }), contact);
    return { ok: true, message: "contacts.saved" };
  },
  revalidate: ({ customerId }) => [`/customers/${customerId}`],
});

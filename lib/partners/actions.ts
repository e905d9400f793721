"use server";

import { createPartner, updatePartner } from "@/lib/partners/mutations";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { checkbox, expectedOf, optionalIdField, snapshotField } from "@/lib/platform/form-fields";

import { partnerInputSchema } from "@/lib/partners/schema";

export type PartnerFormResult = FormResult<{ message: string }>;

export const savePartnerAction = formAction({
  name: "partners.save",
  schema: partnerInputSchema.extend({ id: optionalIdField(), version: optionalIdField(), snapshot: snapshotField(), active: checkbox() }),
  refuseOn: ["id", "version"],
  handler: async ({ id, version, snapshot, ...input }, user) => {
    if (id !== null) {
      // Editing without the version it was loaded at is not from our form.
      if (version === null) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
      await updatePartner(user, id, expectedOf({ version, snapshot }), input);
      return { ok: true, message: "partners.form.saved", id, created: false };
    }
    return { ok: true, message: "partners.form.saved", id: (await createPartner(user, input)).id, created: true };
  },
  revalidate: (_input, { id }) => ["/partners", `/partners/${id}`],
  redirect: (_input, { id, created }) => (created ? `/partners/${id}` : null),
});

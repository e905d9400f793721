"use server";

import { formAction } from "@/lib/platform/form-action";
import { idField } from "@/lib/platform/form-fields";
import { logTouchpoint } from "@/lib/touchpoints/mutations";
import { touchpointInputSchema } from "@/lib/touchpoints/schema";

const FIX = { invalid: "customers.errors.fixFields", conflict: "customers.errors.conflict" };

// Logged from the customer page (the contact console will log through the same action).
export const logTouchpointAction = formAction({
  name: "customers.logTouchpoint",
  schema: touchpointInputSchema.extend({ customerId: idField() }),
  messages: FIX,
  refuseOn: ["customerId"],
  handler: async ({ customerId, ...touchpoint }, user) => {
    await logTouchpoint(user, customerId, touchpoint);
    return { ok: true, message: "touchpoints.logged" };
  },
  revalidate: ({ customerId }) => [`/customers/${customerId}`],
});

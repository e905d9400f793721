"use server";

import { formAction, type FormResult } from "@/lib/platform/form-action";
import { logServiceContact } from "@/lib/tickets/console";
import { consoleContactSchema } from "@/lib/tickets/schema";

export type ConsoleFormResult = FormResult<{ ticketId?: number | null }>;

/** The console's one step: log the contact, and open a ticket or add a note to an open one. */
export const logServiceContactAction = formAction({
  name: "console.logContact",
  schema: consoleContactSchema,
  messages: { invalid: "console.errors.fixFields" },
  refuseOn: ["customerId"],
  handler: async (input, user) => {
    const { ticketId } = await logServiceContact(user, input);
    return { ok: true, ticketId, message: input.ticket.mode === "open" ? "console.logged.withTicket" : input.ticket.mode === "note" ? "console.logged.withNote" : "console.logged.plain" };
  },
  revalidate: ({ customerId }) => ["/console", `/customers/${customerId}`, "/tickets", "/"],
});

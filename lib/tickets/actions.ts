"use server";

import { formAction, type FormResult } from "@/lib/platform/form-action";
import { expectedOf } from "@/lib/platform/form-fields";
import { addTicketMessage, assignTicket, changeTicketStatus, createTicket, recordSatisfaction } from "@/lib/tickets/mutations";
import { satisfactionSchema, ticketAssignSchema, ticketInputSchema, ticketMessageSchema, ticketStatusSchema, ticketTargetSchema } from "@/lib/tickets/schema";

export type TicketFormResult = FormResult<{ id?: number }>;

const MESSAGES = { invalid: "service.errors.fixFields", conflict: "service.errors.conflict" };

export const createTicketAction = formAction({
  name: "tickets.create",
  schema: ticketInputSchema,
  messages: MESSAGES,
  handler: async (input, user) => ({ ok: true, id: (await createTicket(user, input)).id }),
  revalidate: ["/tickets", "/"],
  redirect: (_input, result) => `/tickets/${result.id}?created=1`,
});

export const changeTicketStatusAction = formAction({
  name: "tickets.changeStatus",
  schema: ticketStatusSchema,
  messages: MESSAGES,
  refuseOn: ["id", "version", "status"],
  handler: async ({ id, version, snapshot, status }, user) => {
    await changeTicketStatus(user, id, expectedOf({ version, snapshot }), status);
    return { ok: true, message: "service.ticket.statusChanged" };
  },
  revalidate: ({ id }) => [`/tickets/${id}`, "/tickets", "/"],
});

export const assignTicketAction = formAction({
  name: "tickets.assign",
  schema: ticketAssignSchema,
  messages: MESSAGES,
  refuseOn: ["id", "version"],
  handler: async ({ id, version, snapshot, assigneeId }, user) => {
    await assignTicket(user, id, expectedOf({ version, snapshot }), assigneeId);
    return { ok: true, message: assigneeId === null ? "service.ticket.returnedToQueue" : "service.ticket.assigned" };
  },
  revalidate: ({ id }) => [`/tickets/${id}`, "/tickets", "/"],
});

export const addTicketMessageAction = formAction({
  name: "tickets.addMessage",
  schema: ticketMessageSchema.extend({ id: ticketTargetSchema.shape.id }),
  messages: MESSAGES,
  refuseOn: ["id", "kind"],
  handler: async ({ id, ...message }, user) => {
    const { mailed } = await addTicketMessage(user, id, message);
    return { ok: true, message: message.kind === "NOTE" ? "service.ticket.noteAdded" : mailed ? "service.ticket.replySent" : "service.ticket.replySaved" };
  },
  // A reply may start the work and take the ticket: the list and the home page show both.
  revalidate: ({ id }) => [`/tickets/${id}`, "/tickets", "/"],
});

export const recordSatisfactionAction = formAction({
  name: "tickets.recordSatisfaction",
  schema: satisfactionSchema,
  messages: MESSAGES,
  refuseOn: ["id"],
  handler: async ({ id, satisfaction }, user) => {
    await recordSatisfaction(user, id, satisfaction);
    return { ok: true, message: "service.ticket.csatSaved" };
  },
  revalidate: ({ id }) => [`/tickets/${id}`],
});

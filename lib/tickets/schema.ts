import { z } from "zod";
import { Channel, TicketPriority, TicketStatus } from "@/lib/platform/enums";
import { idField, optionalIdField, optionalText, snapshotField } from "@/lib/platform/form-fields";
import { TICKET_CATEGORIES } from "@/lib/tickets/rules/categories";

export const ticketInputSchema = z.object({
  customerId: idField("validation.choose"),
  contactId: optionalIdField(),
  subject: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
  description: optionalText(5000),
  category: z.enum(TICKET_CATEGORIES, { message: "validation.choose" }),
  priority: z.enum(TicketPriority, { message: "validation.choose" }),
  channel: z.enum(Channel, { message: "validation.choose" }),
});
export type TicketInput = z.infer<typeof ticketInputSchema>;

export const ticketMessageSchema = z.object({
  kind: z.enum(["NOTE", "REPLY"], { message: "validation.choose" }),
  body: z.string().trim().min(1, "validation.required").max(10_000, "validation.tooLong"),
});
export type TicketMessageInput = z.infer<typeof ticketMessageSchema>;

/** The ticket being changed and the version the page loaded (lib/platform/concurrency.ts). */
export const ticketTargetSchema = z.object({ id: idField(), version: idField(), snapshot: snapshotField() });

export const ticketStatusSchema = ticketTargetSchema.extend({ status: z.enum(TicketStatus, { message: "validation.choose" }) });

export const ticketAssignSchema = ticketTargetSchema.extend({ assigneeId: optionalIdField() });

export const satisfactionSchema = z.object({
  id: idField(),
  satisfaction: z.coerce.number({ message: "validation.number" }).int("validation.integer").min(1, "validation.range").max(5, "validation.range"),
});

/** The console's one-step log: the contact, and a new ticket, a note on an open one, or neither. */
export const consoleContactSchema = z.object({
  customerId: idField("validation.choose"),
  channel: z.enum(["PHONE", "EMAIL", "WEB", "OUTLET", "SERVICE"], { message: "validation.choose" }),
  summary: z.string().trim().min(1, "validation.required").max(2000, "validation.tooLong"),
  outcome: optionalText(500),
  ticket: z.discriminatedUnion("mode", [
    z.object({ mode: z.literal("none") }),
    z.object({
      mode: z.literal("open"),
      subject: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
      category: z.enum(TICKET_CATEGORIES, { message: "validation.choose" }),
      priority: z.enum(TicketPriority, { message: "validation.choose" }),
    }),
    z.object({ mode: z.literal("note"), ticketId: idField("validation.choose") }),
  ]),
});
export type ConsoleContactInput = z.infer<typeof consoleContactSchema>;

import { z } from "zod";
import { Channel, Direction } from "@/lib/platform/enums";
import { now, nowMs } from "@/lib/platform/clock";
import { optionalIdField } from "@/lib/platform/form-fields";

const optionalId = optionalIdField();

/** A touchpoint may be logged a little ahead (a visit being written up on arrival), not days ahead. */
const MAX_AHEAD_MS = 60 * 60 * 1000;

export const touchpointInputSchema = z.object({
  channel: z.enum(Channel, { message: "validation.choose" }),
  direction: z.enum(Direction, { message: "validation.choose" }),
  // Empty means "just now": the usual case of logging a call as it ends.
  occurredAt: z
    .preprocess((v) => (v === "" || v === undefined || v === null ? now() : v), z.coerce.date({ message: "customers.errors.date" }))
    .refine((d) => !Number.isNaN(d.getTime()), "customers.errors.date")
    .refine((d) => d.getTime() <= nowMs() + MAX_AHEAD_MS, "touchpoints.errors.future"),
  summary: z.string().trim().min(1, "validation.required").max(2000, "validation.tooLong"),
  outcome: z
    .string()
    .trim()
    .max(500, "validation.tooLong")
    .optional()
    .transform((v) => (v ? v : null)),
  contactId: optionalId,
  campaignId: optionalId,
  opportunityId: optionalId,
  ticketId: optionalId,
});

export type TouchpointInput = z.infer<typeof touchpointInputSchema>;

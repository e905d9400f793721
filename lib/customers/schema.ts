import { z } from "zod";
import { CustomerKind } from "@/lib/platform/enums";

import { emailField, idField, optionalText, phoneField, snapshotField } from "@/lib/platform/form-fields";

export const customerInputSchema = z.object({
  kind: z.enum(CustomerKind, { message: "validation.choose" }),
  name: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
  email: emailField(),
  phone: phoneField(),
  company: optionalText(200),
  region: z.string().trim().min(1, "validation.required").max(100, "validation.tooLong"),
  industry: optionalText(100),
  source: optionalText(100),
  notes: optionalText(5000),
  ownerId: idField().optional().nullable(),
});

export type CustomerInput = z.infer<typeof customerInputSchema>;

export const doNotContactSchema = z.object({
  dncPhone: z.boolean(),
  dncEmail: z.boolean(),
  dncMail: z.boolean(),
  dncSms: z.boolean(),
});

export type DoNotContactInput = z.infer<typeof doNotContactSchema>;

/**
 * One opt-out change as the form posts it ("dncPhone:true"): only the flag the user changed, with
 * the value they chose (never a toggle, which on a stale page would invert someone else's change).
 */
export const doNotContactChangeSchema = z
  .string()
  .regex(/^(dncPhone|dncEmail|dncMail|dncSms):(true|false)$/, "errors.notAllowed")
  .transform((v) => {
    const [flag, value] = v.split(":") as [keyof DoNotContactInput, string];
    return { [flag]: value === "true" } as Partial<DoNotContactInput>;
  });

const id = idField();

/** Bulk actions act on a selection of up to one list page's worth of customers at a time. */
export const selectionSchema = z.array(id).min(1, "customers.bulk.noneSelected").max(500, "customers.bulk.tooMany");

export const bulkAssignSchema = z.object({ ids: selectionSchema, ownerId: id });
export const bulkCampaignSchema = z.object({ ids: selectionSchema, campaignId: id });

export const mergeSchema = z
  .object({ survivorId: id, mergedId: id, survivorVersion: idField(), survivorSnapshot: snapshotField() })
  .refine((v) => v.survivorId !== v.mergedId, { message: "customers.merge.same", path: ["mergedId"] });


import { z } from "zod";
import { CustomerKind } from "@/lib/platform/enums";
import { MANUAL_STATUSES } from "@/lib/leads/rules/status";
import { emailField, idField, optionalText, phoneField, moneyField } from "@/lib/platform/form-fields";


// Messages are i18n keys; forms translate them next to the field.
const id = idField();

export const leadInputSchema = z.object({
  name: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
  company: optionalText(200),
  email: emailField(),
  phone: phoneField(),
  region: optionalText(100),
  source: z.string().trim().min(1, "validation.required").max(100, "validation.tooLong"),
  /** Empty: the creator owns it (an admin may leave it unassigned). */
  ownerId: idField().optional().nullable(),
});
export type LeadInput = z.infer<typeof leadInputSchema>;

/** The editable profile: ownership changes go through assignment, not the profile form. */
export const leadProfileSchema = leadInputSchema.omit({ ownerId: true });
export type LeadProfileInput = z.infer<typeof leadProfileSchema>;

export const leadStatusSchema = z
  .object({
    status: z.enum(MANUAL_STATUSES, { message: "validation.choose" }),
    reason: optionalText(500),
  })
  .refine((v) => v.status !== "DISQUALIFIED" || v.reason !== null, { path: ["reason"], message: "leads.errors.reasonRequired" });
export type LeadStatusInput = z.infer<typeof leadStatusSchema>;

export const leadAssignSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("user"), ownerId: id }),
  z.object({ mode: z.literal("roundRobin") }),
]);
export type LeadAssignInput = z.infer<typeof leadAssignSchema>;

/** A calendar date (YYYY-MM-DD) read as UTC midnight. */
export const dateField = () =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "salesValidation.date")
    .transform((v) => new Date(`${v}T00:00:00.000Z`))
    .refine((d) => !Number.isNaN(d.getTime()), "salesValidation.date");

export const convertLeadSchema = z
  .object({
    customerMode: z.enum(["new", "existing"], { message: "validation.choose" }),
    customerId: id.optional(),
    kind: z.enum(CustomerKind, { message: "validation.choose" }),
    customerName: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
    region: z.string().trim().min(1, "validation.required").max(100, "validation.tooLong"),
    opportunityName: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
    amount: moneyField("salesValidation.money"),
    expectedCloseDate: dateField(),
  })
  .refine((v) => v.customerMode !== "existing" || v.customerId !== undefined, { path: ["customerId"], message: "leads.convert.chooseCustomer" });
export type ConvertLeadInput = z.infer<typeof convertLeadSchema>;

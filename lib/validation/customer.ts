import { z } from "zod";
import { CustomerKind } from "@/lib/generated/prisma/enums";

// Messages are i18n keys under validation.*; forms translate them next to the field.
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => (v ? v : null));

export const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{4,24}$/;

export const customerInputSchema = z.object({
  kind: z.enum(CustomerKind, { message: "validation.choose" }),
  name: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "validation.tooLong")
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.email("validation.email").nullable()),
  phone: optionalText(30).refine((v) => v === null || PHONE_PATTERN.test(v), "validation.phone"),
  company: optionalText(200),
  region: z.string().trim().min(1, "validation.required").max(100, "validation.tooLong"),
  industry: optionalText(100),
  source: optionalText(100),
  notes: optionalText(5000),
  ownerId: z.coerce.number().int().positive().optional().nullable(),
});

export type CustomerInput = z.infer<typeof customerInputSchema>;

export const doNotContactSchema = z.object({
  dncPhone: z.boolean(),
  dncEmail: z.boolean(),
  dncMail: z.boolean(),
  dncSms: z.boolean(),
});

export type DoNotContactInput = z.infer<typeof doNotContactSchema>;

import { z } from "zod";
import { emailField, optionalText, phoneField } from "@/lib/platform/form-fields";

export const contactInputSchema = z.object({
  name: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
  title: optionalText(100),
  email: emailField(),
  phone: phoneField(),
  isPrimary: z
    .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("")])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
});

export type ContactInput = z.infer<typeof contactInputSchema>;

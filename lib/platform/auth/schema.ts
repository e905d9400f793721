import { z } from "zod";

// Messages are i18n keys (validation.*); forms translate them next to the field.
export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "validation.required").max(254, "validation.tooLong").email("validation.email"),
  password: z.string().min(1, "validation.required").max(200, "validation.tooLong"),
});

export type SignInInput = z.infer<typeof signInSchema>;

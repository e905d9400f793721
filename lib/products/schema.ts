import { z } from "zod";
import { moneyField } from "@/lib/platform/form-fields";
import { idField } from "@/lib/platform/form-fields";

export const productInputSchema = z.object({
  sku: z
    .string()
    .trim()
    .toUpperCase()
    .min(1, "validation.required")
    .max(40, "validation.tooLong")
    .regex(/^[A-Z0-9][A-Z0-9._-]*$/, "products.errors.skuFormat"),
  name: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
  categoryId: idField("validation.choose"),
  listPrice: moneyField("salesValidation.money"),
  unitCost: moneyField("salesValidation.money"),
  active: z.boolean(),
});
export type ProductInput = z.infer<typeof productInputSchema>;

import { z } from "zod";
import { parseBasisPoints } from "@/lib/platform/money";
import { idField, optionalText } from "@/lib/platform/form-fields";
import { moneyField } from "@/lib/platform/form-fields";


const percentField = () =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? "0" : v))
    .refine((v) => parseBasisPoints(v) !== null, "quotes.validation.percent");

export const quoteLineSchema = z.object({
  productId: idField("quotes.validation.product"),
  quantity: z.coerce.number({ message: "validation.number" }).int("validation.integer").min(1, "validation.range").max(1_000_000, "validation.range"),
  unitPrice: moneyField("opportunities.validation.money"),
  discountPct: percentField(),
});

export const quoteInputSchema = z.object({
  discountPct: percentField(),
  validUntil: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), "opportunities.validation.date")
    .transform((v) => (v === null ? null : new Date(`${v}T00:00:00.000Z`))),
  notes: optionalText(2000),
  lines: z.array(quoteLineSchema).min(1, "quotes.validation.noLines").max(100, "validation.range"),
});

export type QuoteInput = z.infer<typeof quoteInputSchema>;
export type QuoteLineInput = z.infer<typeof quoteLineSchema>;

export const quoteStatusSchema = z.object({
  quoteId: idField(),
  version: idField(),
  status: z.enum(["SENT", "ACCEPTED", "REJECTED"]),
});

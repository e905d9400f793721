import { z } from "zod";
import { OpportunityStage } from "@/lib/platform/enums";
import { idField, optionalText, moneyField } from "@/lib/platform/form-fields";


// Messages are i18n keys; forms translate them next to the field.
const id = idField();
const optionalId = z
  .union([z.literal(""), id])
  .nullish()
  .transform((v) => (v === "" || v === undefined || v === null ? null : v));

const dateOnly = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "opportunities.validation.date")
  .transform((v) => new Date(`${v}T00:00:00.000Z`))
  .refine((d) => !Number.isNaN(d.getTime()), "opportunities.validation.date");

export const opportunityInputSchema = z
  .object({
    name: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
    customerId: idField("opportunities.validation.customer"),
    amount: moneyField("opportunities.validation.money"),
    stage: z.enum(OpportunityStage, { message: "validation.choose" }),
    probability: z.coerce.number({ message: "validation.number" }).int("validation.integer").min(0, "validation.range").max(100, "validation.range"),
    expectedCloseDate: dateOnly,
    ownerId: optionalId,
    source: optionalText(100),
    partnerId: optionalId,
    competitor: optionalText(200),
    nextStep: optionalText(500),
    lostReason: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.stage === "LOST" && !v.lostReason) ctx.addIssue({ code: "custom", path: ["lostReason"], message: "opportunities.validation.lostReason" });
  });

export type OpportunityInput = z.infer<typeof opportunityInputSchema>;

export const OPPORTUNITY_FIELDS = [
  "name",
  "customerId",
  "amount",
  "stage",
  "probability",
  "expectedCloseDate",
  "ownerId",
  "source",
  "partnerId",
  "competitor",
  "nextStep",
  "lostReason",
] as const;

export const moveStageSchema = z
  .object({
    id,
    version: id,
    stage: z.enum(OpportunityStage, { message: "validation.choose" }),
    lostReason: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.stage === "LOST" && !v.lostReason) ctx.addIssue({ code: "custom", path: ["lostReason"], message: "opportunities.validation.lostReason" });
  });

export type MoveStageInput = z.infer<typeof moveStageSchema>;

import { z } from "zod";
import { CampaignMemberStatus, CampaignStatus, CampaignType } from "@/lib/platform/enums";
import { blankAsMissing, checkbox, idField, moneyField, optionalIdField, optionalText, snapshotField, versionField } from "@/lib/platform/form-fields";
import { parseCents } from "@/lib/platform/money";

/**
 * The inputs of the campaign actions (lib/campaigns/actions.ts), shared with the forms. Messages are
 * i18n keys; campaign-specific ones live under campaigns.validation.*.
 */

export const CAMPAIGN_NAME_MAX = 160;
export const MAX_HOLDOUT_PCT = 50;
export const MAX_GRACE_DAYS = 365;
export const MAX_FATIGUE_DAYS = 365;

const day = (message: string) =>
  z
    .string({ message })
    .trim()
    .refine((v) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
    }, message);

const wholeNumber = (min: number, max: number) =>
  z.coerce.number({ message: "validation.integer" }).int("validation.integer").min(min, "validation.range").max(max, "validation.range");

/** Repeated ids (a multi-select): each a valid id, none twice. */
const idList = (max: number) =>
  z
    .array(idField("validation.choose"), { message: "validation.choose" })
    .max(max, "validation.range")
    .optional()
    .transform((v) => [...new Set(v ?? [])]);

export const campaignFieldsSchema = z
  .object({
    name: z.string({ message: "campaigns.validation.name" }).trim().min(1, "campaigns.validation.name").max(CAMPAIGN_NAME_MAX, "validation.tooLong"),
    type: z.enum(CampaignType, { message: "campaigns.validation.type" }),
    description: optionalText(2000),
    objective: optionalText(1000),
    offer: optionalText(1000),
    startDate: day("campaigns.validation.startDate"),
    endDate: day("campaigns.validation.endDate"),
    budget: moneyField("campaigns.validation.budget"),
    expectedResponses: blankAsMissing(wholeNumber(0, 10_000_000).optional()).transform((v) => v ?? null),
    ownerId: idField("campaigns.validation.owner"),
    graceDays: blankAsMissing(wholeNumber(0, MAX_GRACE_DAYS).optional()).transform((v) => v ?? 30),
    attributePromotedOnly: checkbox(),
    holdoutPct: blankAsMissing(wholeNumber(0, MAX_HOLDOUT_PCT).optional()).transform((v) => v ?? 0),
    fatigueDays: blankAsMissing(wholeNumber(1, MAX_FATIGUE_DAYS).optional()).transform((v) => v ?? null),
    promotedProductIds: idList(200),
    promotedCategoryIds: idList(100),
    audience: z.enum(["segment", "filters"], { message: "campaigns.validation.audience" }),
    segmentId: optionalIdField("validation.choose"),
    /** The customer list's query string (lib/customers/rules/list-query.ts), as the list's URL carries it. */
    audienceFilter: z
      .string()
      .trim()
      .max(2000, "validation.tooLong")
      .optional()
      .transform((v) => (v ? v.replace(/^\?/, "") : "")),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ["endDate"], message: "campaigns.validation.endBeforeStart" })
  .refine((v) => v.audience !== "segment" || v.segmentId !== null, { path: ["segmentId"], message: "campaigns.validation.segment" })
  .refine((v) => !v.attributePromotedOnly || v.promotedProductIds.length + v.promotedCategoryIds.length > 0, {
    path: ["attributePromotedOnly"],
    message: "campaigns.validation.promotedOnlyNeedsProducts",
  });
export type CampaignInput = z.infer<typeof campaignFieldsSchema>;

export const createCampaignSchema = campaignFieldsSchema;

export const updateCampaignSchema = z.intersection(z.object({ id: idField(), version: versionField(), snapshot: snapshotField() }), campaignFieldsSchema);
export type UpdateCampaignInput = z.infer<typeof updateCampaignSchema>;

export const campaignTargetSchema = z.object({ id: idField(), version: versionField(), snapshot: snapshotField() });

export const campaignStatusSchema = campaignTargetSchema.extend({
  status: z.enum(CampaignStatus, { message: "validation.choose" }),
});

export const launchCampaignSchema = campaignTargetSchema;

export const costLineSchema = z.object({
  campaignId: idField(),
  description: z.string({ message: "campaigns.validation.costDescription" }).trim().min(1, "campaigns.validation.costDescription").max(300, "validation.tooLong"),
  amount: moneyField("campaigns.validation.costAmount").refine((v) => (parseCents(v) ?? 0n) > 0n, "campaigns.validation.costAmount"),
  incurredOn: day("campaigns.validation.costDate"),
});
export type CostLineInput = z.infer<typeof costLineSchema>;

export const removeCostSchema = z.object({ campaignId: idField(), costId: idField() });

export const memberResponseSchema = z.object({
  memberId: idField(),
  status: z.enum(CampaignMemberStatus, { message: "validation.choose" }),
});

export const exportMembersSchema = z.object({ id: idField() });

import { z } from "zod";
import { blankAsMissing, idField, optionalIdField, snapshotField, versionField } from "@/lib/platform/form-fields";
import { BODY_MAX, SUBJECT_MAX } from "@/lib/campaigns/rules/email-template";

/**
 * The inputs of the email campaign actions (lib/campaigns/email-actions.ts), shared with the forms.
 * Template contents (merge fields, links) are checked by lib/campaigns/rules/email-template.ts, whose
 * errors name the field; these schemas only bound the sizes.
 */

export const RATE_MIN = 1;
/** 1,000 a second: well above what one SMTP relay accepts from one sender; the bench uses it. */
export const RATE_MAX = 60_000;

export const campaignEmailTemplateSchema = z.object({
  campaignId: idField(),
  version: versionField(),
  snapshot: snapshotField(),
  subject: z.string({ message: "campaignEmail.errors.subjectRequired" }).trim().min(1, "campaignEmail.errors.subjectRequired").max(SUBJECT_MAX, "validation.tooLong"),
  body: z.string({ message: "campaignEmail.errors.bodyRequired" }).min(1, "campaignEmail.errors.bodyRequired").max(BODY_MAX, "validation.tooLong"),
  ratePerMinute: blankAsMissing(z.coerce.number({ message: "validation.integer" }).int("validation.integer").min(RATE_MIN, "campaignEmail.errors.rate").max(RATE_MAX, "campaignEmail.errors.rate").optional()).transform((v) => v ?? 600),
});
export type CampaignEmailTemplateInput = z.infer<typeof campaignEmailTemplateSchema>;

export const campaignEmailTestSchema = z.object({
  campaignId: idField(),
  to: z.string({ message: "campaignEmail.errors.testAddress" }).trim().toLowerCase().max(254, "validation.tooLong").pipe(z.email("campaignEmail.errors.testAddress")),
  memberId: optionalIdField(),
});

export const SEND_CHANGES = ["start", "pause", "resume", "cancel"] as const;
export type SendChange = (typeof SEND_CHANGES)[number];

export const campaignEmailSendSchema = z.object({
  campaignId: idField(),
  version: versionField(),
  snapshot: snapshotField(),
  change: z.enum(SEND_CHANGES, { message: "errors.notAllowed" }),
});

export const unsubscribeSchema = z.object({
  token: z.string().trim().min(1, "campaignEmail.unsubscribe.invalid").max(100, "campaignEmail.unsubscribe.invalid"),
});

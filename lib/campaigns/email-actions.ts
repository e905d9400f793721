"use server";

import { headers } from "next/headers";
import { clientAddressOf } from "@/lib/platform/auth/client-address";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { expectedOf } from "@/lib/platform/form-fields";
import { changeCampaignEmailSend, saveCampaignEmail, sendCampaignTestEmail } from "@/lib/campaigns/email";
import { campaignEmailSendSchema, campaignEmailTemplateSchema, campaignEmailTestSchema, unsubscribeSchema } from "@/lib/campaigns/email-schema";
import { unsubscribeByLink } from "@/lib/campaigns/email-tokens";
import { parseTemplate, type TemplateIssue } from "@/lib/campaigns/rules/email-template";

export type CampaignEmailFormResult = FormResult<{ version?: number }, { templateIssues?: TemplateIssue[] }>;

const MESSAGES = { invalid: "campaignEmail.errors.fixFields", conflict: "campaignEmail.errors.conflict" };
const path = (campaignId: number) => `/campaigns/${campaignId}/email`;

/** Saves the template; every template problem comes back by name (an unknown merge field names the field). */
export const saveCampaignEmailAction = formAction({
  name: "campaignEmail.save",
  schema: campaignEmailTemplateSchema,
  messages: MESSAGES,
  refuseOn: ["campaignId", "version"],
  handler: async ({ campaignId, version, snapshot, ...input }, user) => {
    const issues = parseTemplate(input).issues;
    if (issues.length > 0) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of issues) fieldErrors[issue.part] ??= `campaignEmail.issues.${issue.code}`;
      return { ok: false as const, fieldErrors, message: "campaignEmail.errors.fixTemplate", templateIssues: issues };
    }
    const saved = await saveCampaignEmail(user, campaignId, expectedOf({ version, snapshot }), input);
    return { ok: true as const, message: "campaignEmail.saved", version: saved.version };
  },
  revalidate: ({ campaignId }) => [path(campaignId)],
});

/** Sends the saved template, rendered for a chosen member, to the address typed (marked as a test). */
export const sendCampaignTestEmailAction = formAction({
  name: "campaignEmail.sendTest",
  schema: campaignEmailTestSchema,
  messages: MESSAGES,
  refuseOn: ["campaignId", "memberId"],
  handler: async ({ campaignId, to, memberId }, user) => {
    await sendCampaignTestEmail(user, campaignId, to, memberId);
    return { ok: true as const, message: "campaignEmail.test.sent" };
  },
});

/** Start, pause, resume or cancel the send. */
export const changeCampaignEmailSendAction = formAction({
  name: "campaignEmail.changeSend",
  schema: campaignEmailSendSchema,
  messages: MESSAGES,
  refuseOn: ["campaignId", "version", "change"],
  handler: async ({ campaignId, version, snapshot, change }, user) => {
    await changeCampaignEmailSend(user, campaignId, expectedOf({ version, snapshot }), change);
    return { ok: true as const, message: `campaignEmail.send.done.${change}` };
  },
  revalidate: ({ campaignId }) => [path(campaignId), `/campaigns/${campaignId}`],
});

/**
 * The customer's one-click unsubscribe from the page a campaign mail links to. Public: the link's
 * token is the credential; the data layer checks it, uses it up and limits refusals per address.
 */
export const unsubscribeAction = formAction({
  name: "campaignEmail.unsubscribe",
  session: "optional",
  schema: unsubscribeSchema,
  messages: { invalid: "campaignEmail.unsubscribe.invalid" },
  secret: ["token"],
  handler: async ({ token }) => {
    const ip = clientAddressOf(Object.fromEntries((await headers()).entries()));
    const outcome = await unsubscribeByLink(token, ip);
    if (outcome === "unsubscribed") return { ok: true as const, message: "campaignEmail.unsubscribe.done" };
    return { ok: false as const, fieldErrors: {}, message: `campaignEmail.unsubscribe.${outcome}` };
  },
});

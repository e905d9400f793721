"use server";

import { formAction, type FormResult } from "@/lib/platform/form-action";
import { expectedOf } from "@/lib/platform/form-fields";
import { launchCampaign } from "@/lib/campaigns/launch";
import { addCostLine, changeCampaignStatus, createCampaign, recordResponse, removeCostLine, updateCampaign } from "@/lib/campaigns/mutations";
import { campaignStatusSchema, costLineSchema, createCampaignSchema, launchCampaignSchema, memberResponseSchema, removeCostSchema, updateCampaignSchema } from "@/lib/campaigns/schema";

export type CampaignFormResult = FormResult<{ id?: number }>;

const MESSAGES = { invalid: "campaigns.errors.fixFields", conflict: "campaigns.errors.conflict" };

export const createCampaignAction = formAction({
  name: "campaigns.create",
  schema: createCampaignSchema,
  messages: MESSAGES,
  handler: async (input, user) => ({ ok: true, id: (await createCampaign(user, input)).id }),
  revalidate: ["/campaigns"],
  redirect: (_input, result) => `/campaigns/${result.id}?created=1`,
});

export const updateCampaignAction = formAction({
  name: "campaigns.update",
  schema: updateCampaignSchema,
  messages: MESSAGES,
  refuseOn: ["id", "version"],
  handler: async ({ id, version, snapshot, ...input }, user) => {
    await updateCampaign(user, id, expectedOf({ version, snapshot }), input);
    return { ok: true, message: "campaigns.saved" };
  },
  revalidate: ({ id }) => [`/campaigns/${id}`, "/campaigns"],
  redirect: ({ id }) => `/campaigns/${id}?saved=1`,
});

export const changeCampaignStatusAction = formAction({
  name: "campaigns.changeStatus",
  schema: campaignStatusSchema,
  messages: MESSAGES,
  refuseOn: ["id", "version", "status"],
  handler: async ({ id, version, snapshot, status }, user) => {
    await changeCampaignStatus(user, id, expectedOf({ version, snapshot }), status);
    return { ok: true, message: "campaigns.statusChanged" };
  },
  revalidate: ({ id }) => [`/campaigns/${id}`, "/campaigns"],
});

export const launchCampaignAction = formAction({
  name: "campaigns.launch",
  schema: launchCampaignSchema,
  messages: MESSAGES,
  refuseOn: ["id", "version"],
  handler: async ({ id, version, snapshot }, user) => {
    await launchCampaign(user, id, expectedOf({ version, snapshot }));
    return { ok: true, message: "campaigns.launched" };
  },
  revalidate: ({ id }) => [`/campaigns/${id}`, "/campaigns"],
});

export const addCostLineAction = formAction({
  name: "campaigns.addCost",
  schema: costLineSchema,
  messages: MESSAGES,
  refuseOn: ["campaignId"],
  handler: async (input, user) => {
    await addCostLine(user, input);
    return { ok: true, message: "campaigns.costs.added" };
  },
  revalidate: ({ campaignId }) => [`/campaigns/${campaignId}`, "/campaigns"],
});

export const removeCostLineAction = formAction({
  name: "campaigns.removeCost",
  schema: removeCostSchema,
  messages: MESSAGES,
  refuseOn: ["campaignId", "costId"],
  handler: async ({ campaignId, costId }, user) => {
    await removeCostLine(user, campaignId, costId);
    return { ok: true, message: "campaigns.costs.removed" };
  },
  revalidate: ({ campaignId }) => [`/campaigns/${campaignId}`, "/campaigns"],
});

export const recordResponseAction = formAction({
  name: "campaigns.recordResponse",
  schema: memberResponseSchema,
  messages: MESSAGES,
  refuseOn: ["memberId"],
  handler: async ({ memberId, status }, user) => {
    await recordResponse(user, memberId, status);
    return { ok: true, message: "campaigns.members.recorded" };
  },
  // The member's campaign is not in the input: every campaign page may show it.
  revalidate: [{ path: "/campaigns", type: "layout" }],
});

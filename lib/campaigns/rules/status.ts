import type { CampaignMemberStatus, CampaignStatus, CampaignType } from "@/lib/platform/enums";
import type { DoNotContactFlag } from "@/lib/customers/rules/contact-rules";

/**
 * The campaign workflow (issue 13). DRAFT is being planned; SCHEDULED waits for its start, when the
 * launch job launches it; ACTIVE has a frozen audience (launching = going ACTIVE); COMPLETED and
 * CANCELLED are final. Going ACTIVE is only ever the launch, which freezes the audience, so it is not
 * a plain status change.
 */
const TRANSITIONS: Record<CampaignStatus, readonly CampaignStatus[]> = {
  DRAFT: ["SCHEDULED", "ACTIVE", "CANCELLED"],
  SCHEDULED: ["DRAFT", "ACTIVE", "CANCELLED"],
  ACTIVE: ["COMPLETED", "CANCELLED"],
  COMPLETED: [],
  CANCELLED: [],
};

export const CAMPAIGN_STATUSES: readonly CampaignStatus[] = ["DRAFT", "SCHEDULED", "ACTIVE", "COMPLETED", "CANCELLED"];
export const CAMPAIGN_TYPES: readonly CampaignType[] = ["DIRECT_MAIL", "EMAIL", "PHONE", "SMS", "EVENT", "ADVERTISING"];
export const MEMBER_STATUSES: readonly CampaignMemberStatus[] = ["TARGETED", "CONTACTED", "RESPONDED", "CONVERTED", "DECLINED", "OPTED_OUT"];

export function canMoveCampaign(from: CampaignStatus, to: CampaignStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses offered as a plain change (ACTIVE is reached by launching). */
export function nextCampaignStatuses(from: CampaignStatus): CampaignStatus[] {
  return TRANSITIONS[from].filter((s) => s !== "ACTIVE");
}

/** Not launched yet: the audience is still a rule and every setting may change. */
export function isPlanned(status: CampaignStatus): boolean {
  return status === "DRAFT" || status === "SCHEDULED";
}

/** Launched (frozen audience, members, measurement). */
export function isLaunched(status: CampaignStatus): boolean {
  return status === "ACTIVE" || status === "COMPLETED";
}

/**
 * The opt-out flag that excludes a customer from a campaign of this channel (and that an OPTED_OUT
 * response sets). Events and advertising reach nobody personally: nothing to opt out of.
 */
export const CAMPAIGN_OPT_OUT: Record<CampaignType, DoNotContactFlag | null> = {
  EMAIL: "dncEmail",
  PHONE: "dncPhone",
  DIRECT_MAIL: "dncMail",
  SMS: "dncSms",
  EVENT: null,
  ADVERTISING: null,
};

/** Channels whose member list is exported for an outside printer or SMS gateway. */
export function exportsMemberList(type: CampaignType): type is "DIRECT_MAIL" | "SMS" {
  return type === "DIRECT_MAIL" || type === "SMS";
}

/**
 * Recording a member's response. Control (holdout) members are never contacted, so nothing may be
 * recorded for them: their outcome is measured from their orders alone. Responses are recorded while
 * the campaign runs and after it (late replies), never on a cancelled one. A status never goes back
 * to TARGETED (the contact happened).
 */
export type ResponseRefusal = "control" | "campaignNotRunning" | "backToTargeted" | "unchanged";

export function responseRefusal(campaign: CampaignStatus, member: { isControl: boolean; status: CampaignMemberStatus }, to: CampaignMemberStatus): ResponseRefusal | null {
  if (member.isControl) return "control";
  if (!isLaunched(campaign)) return "campaignNotRunning";
  if (to === member.status) return "unchanged";
  if (to === "TARGETED") return "backToTargeted";
  return null;
}

/** What a response sets besides the status: stamps set once, when first reached. */
export function responseStamps(to: CampaignMemberStatus): { contacted: boolean; responded: boolean; converted: boolean } {
  return {
    contacted: to !== "TARGETED",
    responded: to === "RESPONDED" || to === "CONVERTED",
    converted: to === "CONVERTED",
  };
}

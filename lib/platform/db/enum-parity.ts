import type * as Db from "@/lib/generated/prisma/enums";
import type * as Domain from "@/lib/platform/enums";

/**
 * The domain's enum constants (lib/platform/enums.ts) and the database's must stay the same sets of
 * values: each line fails to compile when one side has a value the other lacks.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const roleParity: Same<Domain.Role, Db.Role> = true;
export const customerKindParity: Same<Domain.CustomerKind, Db.CustomerKind> = true;
export const lifecycleStageParity: Same<Domain.LifecycleStage, Db.LifecycleStage> = true;
export const tierParity: Same<Domain.Tier, Db.Tier> = true;
export const abcSegmentParity: Same<Domain.AbcSegment, Db.AbcSegment> = true;
export const channelParity: Same<Domain.Channel, Db.Channel> = true;
export const directionParity: Same<Domain.Direction, Db.Direction> = true;
export const leadStatusParity: Same<Domain.LeadStatus, Db.LeadStatus> = true;
export const opportunityStageParity: Same<Domain.OpportunityStage, Db.OpportunityStage> = true;
export const quoteStatusParity: Same<Domain.QuoteStatus, Db.QuoteStatus> = true;
export const ticketStatusParity: Same<Domain.TicketStatus, Db.TicketStatus> = true;
export const ticketPriorityParity: Same<Domain.TicketPriority, Db.TicketPriority> = true;
export const ticketMessageKindParity: Same<Domain.TicketMessageKind, Db.TicketMessageKind> = true;
export const outboxStatusParity: Same<Domain.OutboxStatus, Db.OutboxStatus> = true;
export const inboundMailStatusParity: Same<Domain.InboundMailStatus, Db.InboundMailStatus> = true;
export const segmentKindParity: Same<Domain.SegmentKind, Db.SegmentKind> = true;
export const campaignTypeParity: Same<Domain.CampaignType, Db.CampaignType> = true;
export const campaignStatusParity: Same<Domain.CampaignStatus, Db.CampaignStatus> = true;
export const campaignMemberStatusParity: Same<Domain.CampaignMemberStatus, Db.CampaignMemberStatus> = true;
export const callListStatusParity: Same<Domain.CallListStatus, Db.CallListStatus> = true;
export const callEntryStatusParity: Same<Domain.CallEntryStatus, Db.CallEntryStatus> = true;
export const callOutcomeParity: Same<Domain.CallOutcome, Db.CallOutcome> = true;
export const emailSendStatusParity: Same<Domain.EmailSendStatus, Db.EmailSendStatus> = true;

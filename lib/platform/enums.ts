/**
 * The domain's enumerations, as pure constants: the rules, schemas and components use these, never the
 * Prisma client's generated ones, so nothing outside the data layer depends on Prisma (ESLint enforces
 * it). Each mirrors a database enum of prisma/schema.prisma value for value; lib/platform/db/enum-parity.ts
 * fails to compile if the two ever differ.
 */

export const Role = { ADMIN: "ADMIN", MANAGER: "MANAGER", REP: "REP", AGENT: "AGENT" } as const;
export type Role = (typeof Role)[keyof typeof Role];

export const CustomerKind = { ENTERPRISE: "ENTERPRISE", INDIVIDUAL: "INDIVIDUAL", GOVERNMENT: "GOVERNMENT" } as const;
export type CustomerKind = (typeof CustomerKind)[keyof typeof CustomerKind];

export const LifecycleStage = { ACQUISITION: "ACQUISITION", BUILD_UP: "BUILD_UP", CLIMAX: "CLIMAX", DECLINE: "DECLINE", EXIT: "EXIT" } as const;
export type LifecycleStage = (typeof LifecycleStage)[keyof typeof LifecycleStage];

export const Tier = { VIP: "VIP", MAJOR: "MAJOR", MEDIUM: "MEDIUM", SMALL: "SMALL" } as const;
export type Tier = (typeof Tier)[keyof typeof Tier];

export const AbcSegment = { A: "A", B: "B", C: "C" } as const;
export type AbcSegment = (typeof AbcSegment)[keyof typeof AbcSegment];

export const Channel = { PHONE: "PHONE", WEB: "WEB", EMAIL: "EMAIL", FAX: "FAX", DIRECT_MAIL: "DIRECT_MAIL", OUTLET: "OUTLET", SALES_VISIT: "SALES_VISIT", EVENT: "EVENT", ADVERTISING: "ADVERTISING", SERVICE: "SERVICE" } as const;
export type Channel = (typeof Channel)[keyof typeof Channel];

export const Direction = { INBOUND: "INBOUND", OUTBOUND: "OUTBOUND" } as const;
export type Direction = (typeof Direction)[keyof typeof Direction];

export const LeadStatus = { NEW: "NEW", CONTACTED: "CONTACTED", QUALIFIED: "QUALIFIED", DISQUALIFIED: "DISQUALIFIED", CONVERTED: "CONVERTED" } as const;
export type LeadStatus = (typeof LeadStatus)[keyof typeof LeadStatus];

export const OpportunityStage = { PROSPECTING: "PROSPECTING", QUALIFICATION: "QUALIFICATION", PROPOSAL: "PROPOSAL", NEGOTIATION: "NEGOTIATION", WON: "WON", LOST: "LOST" } as const;
export type OpportunityStage = (typeof OpportunityStage)[keyof typeof OpportunityStage];

export const QuoteStatus = { DRAFT: "DRAFT", SENT: "SENT", ACCEPTED: "ACCEPTED", REJECTED: "REJECTED" } as const;
export type QuoteStatus = (typeof QuoteStatus)[keyof typeof QuoteStatus];

export const TicketStatus = {
  NEW: "NEW",
  ASSIGNED: "ASSIGNED",
  IN_PROGRESS: "IN_PROGRESS",
  WAITING_ON_CUSTOMER: "WAITING_ON_CUSTOMER",
  RESOLVED: "RESOLVED",
  CLOSED: "CLOSED",
  REOPENED: "REOPENED",
} as const;
export type TicketStatus = (typeof TicketStatus)[keyof typeof TicketStatus];

export const TicketPriority = { P1: "P1", P2: "P2", P3: "P3", P4: "P4" } as const;
export type TicketPriority = (typeof TicketPriority)[keyof typeof TicketPriority];

export const TicketMessageKind = { NOTE: "NOTE", REPLY: "REPLY", INBOUND: "INBOUND" } as const;
export type TicketMessageKind = (typeof TicketMessageKind)[keyof typeof TicketMessageKind];

export const OutboxStatus = { QUEUED: "QUEUED", SENDING: "SENDING", SENT: "SENT", FAILED: "FAILED" } as const;
export type OutboxStatus = (typeof OutboxStatus)[keyof typeof OutboxStatus];

export const InboundMailStatus = { TRIAGE: "TRIAGE", TICKETED: "TICKETED", DISCARDED: "DISCARDED" } as const;
export type InboundMailStatus = (typeof InboundMailStatus)[keyof typeof InboundMailStatus];

export const SegmentKind = { DYNAMIC: "DYNAMIC", STATIC: "STATIC" } as const;
export type SegmentKind = (typeof SegmentKind)[keyof typeof SegmentKind];

export const CampaignType = { DIRECT_MAIL: "DIRECT_MAIL", EMAIL: "EMAIL", PHONE: "PHONE", SMS: "SMS", EVENT: "EVENT", ADVERTISING: "ADVERTISING" } as const;
export type CampaignType = (typeof CampaignType)[keyof typeof CampaignType];

export const CampaignStatus = { DRAFT: "DRAFT", SCHEDULED: "SCHEDULED", ACTIVE: "ACTIVE", COMPLETED: "COMPLETED", CANCELLED: "CANCELLED" } as const;
export type CampaignStatus = (typeof CampaignStatus)[keyof typeof CampaignStatus];

export const CampaignMemberStatus = { TARGETED: "TARGETED", CONTACTED: "CONTACTED", RESPONDED: "RESPONDED", CONVERTED: "CONVERTED", DECLINED: "DECLINED", OPTED_OUT: "OPTED_OUT" } as const;
export type CampaignMemberStatus = (typeof CampaignMemberStatus)[keyof typeof CampaignMemberStatus];

export const CallListStatus = { ACTIVE: "ACTIVE", PAUSED: "PAUSED", COMPLETED: "COMPLETED" } as const;
export type CallListStatus = (typeof CallListStatus)[keyof typeof CallListStatus];

export const CallEntryStatus = { QUEUED: "QUEUED", IN_CALL: "IN_CALL", CALLBACK: "CALLBACK", DONE: "DONE", EXHAUSTED: "EXHAUSTED", DO_NOT_CALL: "DO_NOT_CALL" } as const;
export type CallEntryStatus = (typeof CallEntryStatus)[keyof typeof CallEntryStatus];

export const CallOutcome = { REACHED: "REACHED", NO_ANSWER: "NO_ANSWER", BUSY: "BUSY", CALLBACK: "CALLBACK", NOT_INTERESTED: "NOT_INTERESTED", INTERESTED: "INTERESTED", CONVERTED: "CONVERTED", WRONG_NUMBER: "WRONG_NUMBER", OPT_OUT: "OPT_OUT" } as const;
export type CallOutcome = (typeof CallOutcome)[keyof typeof CallOutcome];

export const EmailSendStatus = { DRAFT: "DRAFT", SENDING: "SENDING", PAUSED: "PAUSED", SENT: "SENT", CANCELLED: "CANCELLED" } as const;
export type EmailSendStatus = (typeof EmailSendStatus)[keyof typeof EmailSendStatus];

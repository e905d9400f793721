/**
 * Generates one customer with everything that hangs off it: contacts, orders and lines,
 * opportunities (with stage history and quotes), tickets, campaign memberships, touchpoints and the
 * lead it came from. Each customer draws from its own random stream (seed, index), so its data does
 * not depend on the chunk size.
 *
 * The purchase history follows the generative story of the BG/NBD and Gamma-Gamma models the CLV
 * job fits: a per-customer Poisson purchase rate (gamma distributed across customers), a chance to
 * drop out after every purchase (beta distributed), and a per-customer order value (lognormal, larger
 * for enterprises and agencies). That gives heavy-tailed spend, churned and new customers, and RFM
 * groups across the board.
 */
import type {
  CampaignMemberStatus,
  Channel,
  Direction,
  LeadStatus,
  OpportunityStage,
  OrderStatus,
  QuoteStatus,
  TicketPriority,
  TicketStatus,
} from "@/lib/generated/prisma/enums";
import {
  CATEGORIES,
  COMPETITORS,
  CUSTOMER_NOTES,
  DISQUALIFY_REASONS,
  ENTERPRISE_TITLES,
  GOVERNMENT_TITLES,
  INDIVIDUAL_CONTACT_TITLES,
  INDUSTRIES,
  KIND_WEIGHTS,
  LOST_REASONS,
  NEXT_STEPS,
  PUBLIC_SECTOR,
  REGIONS,
  SOURCES,
  TICKET_TOPICS,
  TOUCHPOINT_TEMPLATES,
  type KindKey,
  type RegionDef,
} from "./catalog";
import { DEFAULT_STAGE_PROBABILITY } from "@/lib/opportunities/rules/stages";
import { isControl } from "@/lib/campaigns/rules/holdout";
import { personName, shortOrgName, type PersonName } from "./people";
import { Random, WeightedTable, labelOf } from "./random";
import {
  DAY,
  HOUR,
  MINUTE,
  YEAR,
  anchorTable,
  atBusinessHours,
  buildLines,
  clamp,
  reservoirOf,
  type CampaignRef,
  type Line,
  type PartnerRef,
  type ProductRef,
  type UserRef,
  type World,
} from "./world";

/** A campaign not launched yet (draft or scheduled) has contacted nobody. */
const notLaunched = (status: string): boolean => status === "DRAFT" || status === "SCHEDULED";

const CUSTOMER_STREAM = labelOf("customer");

const KIND_TABLE = WeightedTable.of(KIND_WEIGHTS);
const REGION_TABLE = new WeightedTable(REGIONS, REGIONS.map((r) => r.weight));
const INDUSTRY_TABLE = new WeightedTable(INDUSTRIES, INDUSTRIES.map((i) => i.weight));
const SOURCE_TABLE = WeightedTable.of(SOURCES);
const LINE_COUNT = WeightedTable.of<number>([
  [1, 45],
  [2, 30],
  [3, 17],
  [4, 8],
]);
const BUSINESS_CONTACTS = WeightedTable.of<number>([
  [1, 45],
  [2, 35],
  [3, 20],
]);
/** Reps are not equally productive; the uneven split makes per-rep reports worth reading. */
const REP_WEIGHTS = [1.3, 1.0, 0.75];

// Purchase model (see the file comment). Tuned so that the average customer has ~10 orders in the
// three-year window and the top 5 % of customers carry roughly half of the revenue.
const RATE_SHAPE = 0.8;
const RATE_MEAN_PER_YEAR = 13;
const KIND_RATE: Record<KindKey, number> = { INDIVIDUAL: 1, ENTERPRISE: 1.25, GOVERNMENT: 0.85 };
const DROPOUT_A = 1.4;
const DROPOUT_B = 17;
const ORDER_VALUE_CENTS: Record<KindKey, number> = { INDIVIDUAL: 0, ENTERPRISE: 250_000, GOVERNMENT: 400_000 };
const VALUE_SIGMA = 1.0;
const MAX_REGULAR_ORDERS = 240;

const OPPORTUNITY_CHANCE: Record<KindKey, number> = { INDIVIDUAL: 0.12, ENTERPRISE: 0.6, GOVERNMENT: 0.7 };
export const OPPORTUNITIES_PER_CUSTOMER = (0.55 * 0.12 + 0.37 * 0.6 + 0.08 * 0.7) * 1.2;
const OPEN_STAGES: OpportunityStage[] = ["PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION"];
const STAGE_PICK = WeightedTable.of<OpportunityStage | "CLOSED">([
  ["PROSPECTING", 13],
  ["QUALIFICATION", 11],
  ["PROPOSAL", 10],
  ["NEGOTIATION", 8],
  ["CLOSED", 58],
]);
const LOST_AT = WeightedTable.of<number>([
  [0, 25],
  [1, 30],
  [2, 25],
  [3, 20],
]);
export const STAGE_PROBABILITY: Record<OpportunityStage, number> = DEFAULT_STAGE_PROBABILITY;
const LOST_WITH_COMPETITOR = WeightedTable.of(LOST_REASONS);
const LOST_WITHOUT_COMPETITOR = WeightedTable.of(LOST_REASONS.filter(([r]) => r !== "Chose competitor"));

const TICKET_RATE = 0.72;
const TICKET_STATUS = WeightedTable.of<TicketStatus>([
  ["NEW", 6],
  ["IN_PROGRESS", 10],
  ["WAITING_ON_CUSTOMER", 7],
  ["RESOLVED", 22],
  ["CLOSED", 55],
]);
const PRIORITY_BUSINESS = WeightedTable.of<TicketPriority>([
  ["P4", 15],
  ["P3", 45],
  ["P2", 28],
  ["P1", 12],
]);
const PRIORITY_CONSUMER = WeightedTable.of<TicketPriority>([
  ["P4", 30],
  ["P3", 52],
  ["P2", 13],
  ["P1", 5],
]);
const RESPONSE_HOURS: Record<TicketPriority, number> = { P1: 1, P2: 2, P3: 8, P4: 24 };
const RESOLVE_HOURS: Record<TicketPriority, number> = { P1: 8, P2: 24, P3: 72, P4: 120 };
const TICKET_CHANNEL_CONSUMER = WeightedTable.of<Channel>([
  ["PHONE", 45],
  ["EMAIL", 15],
  ["WEB", 22],
  ["OUTLET", 14],
  ["SERVICE", 4],
]);
const TICKET_CHANNEL_BUSINESS = WeightedTable.of<Channel>([
  ["PHONE", 45],
  ["EMAIL", 25],
  ["WEB", 15],
  ["SERVICE", 15],
]);
const TOPICS_BUSINESS = TICKET_TOPICS.filter((t) => t.business);
const TOPICS_CONSUMER = TICKET_TOPICS.filter((t) => t.consumer);
const COMPLAINT_TOPICS = TICKET_TOPICS.filter((t) =>
  ["Billing dispute", "Slow broadband speed", "Complaint about service staff", "Broadband outage"].includes(t.subject),
);

type ChannelDirection = readonly [Channel, Direction];
const BACKGROUND_INDIVIDUAL = WeightedTable.of<ChannelDirection>([
  [["PHONE", "INBOUND"], 14],
  [["PHONE", "OUTBOUND"], 8],
  [["WEB", "INBOUND"], 18],
  [["WEB", "OUTBOUND"], 6],
  [["EMAIL", "OUTBOUND"], 12],
  [["EMAIL", "INBOUND"], 4],
  [["DIRECT_MAIL", "OUTBOUND"], 6],
  [["DIRECT_MAIL", "INBOUND"], 1],
  [["OUTLET", "INBOUND"], 16],
  [["EVENT", "INBOUND"], 2],
  [["EVENT", "OUTBOUND"], 1],
  [["ADVERTISING", "INBOUND"], 6],
  [["SERVICE", "INBOUND"], 4],
  [["SERVICE", "OUTBOUND"], 2],
]);
const BACKGROUND_ENTERPRISE = WeightedTable.of<ChannelDirection>([
  [["PHONE", "OUTBOUND"], 14],
  [["PHONE", "INBOUND"], 10],
  [["EMAIL", "OUTBOUND"], 14],
  [["EMAIL", "INBOUND"], 10],
  [["SALES_VISIT", "OUTBOUND"], 14],
  [["FAX", "INBOUND"], 3],
  [["FAX", "OUTBOUND"], 2],
  [["WEB", "INBOUND"], 8],
  [["WEB", "OUTBOUND"], 3],
  [["EVENT", "INBOUND"], 4],
  [["EVENT", "OUTBOUND"], 3],
  [["DIRECT_MAIL", "OUTBOUND"], 3],
  [["ADVERTISING", "INBOUND"], 2],
  [["SERVICE", "OUTBOUND"], 3],
  [["SERVICE", "INBOUND"], 3],
  [["OUTLET", "INBOUND"], 1],
]);
// Agencies still run much of their paperwork over fax.
const BACKGROUND_GOVERNMENT = WeightedTable.of<ChannelDirection>([
  [["PHONE", "OUTBOUND"], 12],
  [["PHONE", "INBOUND"], 9],
  [["EMAIL", "OUTBOUND"], 10],
  [["EMAIL", "INBOUND"], 7],
  [["SALES_VISIT", "OUTBOUND"], 14],
  [["FAX", "INBOUND"], 9],
  [["FAX", "OUTBOUND"], 6],
  [["WEB", "INBOUND"], 5],
  [["EVENT", "INBOUND"], 4],
  [["EVENT", "OUTBOUND"], 3],
  [["DIRECT_MAIL", "OUTBOUND"], 3],
  [["SERVICE", "OUTBOUND"], 3],
  [["SERVICE", "INBOUND"], 3],
]);
const BACKGROUND_BASE = 3.35;
const BACKGROUND_PER_ORDER = 0.12;

const LEADS_PER_CUSTOMER = 0.225;
const CONVERTED_LEAD_CHANCE = 0.14;
const LEAD_STATUS = WeightedTable.of<LeadStatus>([
  ["NEW", 20],
  ["CONTACTED", 22],
  ["QUALIFIED", 15],
  ["DISQUALIFIED", 18],
]);

type OrderDraft = {
  at: number;
  lines: Line[];
  status: OrderStatus;
  opportunityId: number | null;
  createdById: number | null;
  channelHint: "regular" | "opportunity" | "campaign";
};

type TouchpointDraft = {
  at: number;
  channel: Channel;
  direction: Direction;
  userId: number | null;
  summary: string;
  outcome: string | null;
  contactId: number | null;
  campaignId: number | null;
  opportunityId: number | null;
  ticketId: number | null;
};

/** Everything the generator knows about the customer being built. */
type Ctx = {
  world: World;
  rng: Random;
  id: number;
  kind: KindKey;
  business: boolean;
  name: string;
  region: RegionDef;
  source: string;
  owner: UserRef | null;
  /** Owner, or the rep who would own the account, for records that need a rep. */
  rep: UserRef;
  createdAt: number;
  contacts: number[];
  dncPhone: boolean;
  dncEmail: boolean;
  dncMail: boolean;
  dncSms: boolean;
  table: WeightedTable<ProductRef>;
  favorites: ProductRef[];
  scale: number;
  orders: OrderDraft[];
  touchpoints: TouchpointDraft[];
};

const repTables = new Map<string, WeightedTable<UserRef>>();

function pickRep(world: World, rng: Random, region: RegionDef, homeShare: number): UserRef {
  const team = rng.chance(homeShare) ? region.team : region.team === "East" ? "West" : "East";
  let table = repTables.get(team);
  const reps = world.repsByTeam[team];
  if (!table || table.items !== reps) {
    table = new WeightedTable(reps, reps.map((_, i) => REP_WEIGHTS[i % REP_WEIGHTS.length]));
    repTables.set(team, table);
  }
  return table.pick(rng);
}

function pickPartner(world: World, rng: Random, region: string, activeOnly: boolean): PartnerRef {
  const candidates = world.partners.filter((p) => !activeOnly || p.active);
  const local = candidates.filter((p) => p.region === region);
  return local.length > 0 && rng.chance(0.8) ? rng.pick(local) : rng.pick(candidates);
}

function fill(template: string, c: Ctx): string {
  return template.includes("{p}") ? template.replace("{p}", c.rng.pick(c.favorites).name) : template;
}

function outboundBlocked(c: Ctx, channel: Channel, direction: Direction): boolean {
  if (direction !== "OUTBOUND") return false;
  return (channel === "PHONE" && c.dncPhone) || (channel === "EMAIL" && c.dncEmail) || (channel === "DIRECT_MAIL" && c.dncMail);
}

function addTouchpoint(c: Ctx, draft: Omit<TouchpointDraft, "contactId"> & { contactId?: number | null }): void {
  const contactId =
    draft.contactId !== undefined
      ? draft.contactId
      : c.business && c.contacts.length > 0 && c.rng.chance(0.8)
        ? c.rng.pick(c.contacts)
        : null;
  c.touchpoints.push({ ...draft, contactId });
}

/** Who records a touchpoint on this channel: the account's rep, a service agent, or nobody (self-service). */
function touchpointUser(c: Ctx, channel: Channel, direction: Direction): number | null {
  switch (channel) {
    case "SALES_VISIT":
    case "FAX":
    case "EVENT":
      return c.rep.id;
    case "PHONE":
      if (direction === "INBOUND") return c.rng.pick(c.world.agents).id;
      return c.business || c.rng.chance(0.5) ? c.rep.id : c.rng.pick(c.world.agents).id;
    case "EMAIL":
      return direction === "OUTBOUND" && c.rng.chance(0.6) ? c.rep.id : c.business ? c.rep.id : null;
    case "SERVICE":
      return c.rng.pick(c.world.agents).id;
    default:
      return null;
  }
}

function orderStatus(rng: Random, anchor: ProductRef): OrderStatus {
  const x = rng.next();
  // Hardware comes back more often than subscriptions.
  const returned = anchor.category === "DEV" || anchor.category === "ACC" ? 0.045 : 0.015;
  if (x < 0.03) return "CANCELLED";
  if (x < 0.03 + returned) return "RETURNED";
  return "COMPLETED";
}

function regularOrder(c: Ctx, at: number): OrderDraft {
  const { rng } = c;
  const anchor = rng.chance(0.5) ? rng.pick(c.favorites) : c.table.pick(rng);
  const value = c.scale * rng.gamma(2, 0.5);
  const lines = buildLines(c.world, rng, anchor, c.table, c.business, value, LINE_COUNT.pick(rng));
  const createdById = c.business
    ? rng.chance(0.6)
      ? c.rep.id
      : null
    : rng.chance(0.1)
      ? rng.pick(c.world.agents).id
      : null;
  return { at, lines, status: orderStatus(rng, anchor), opportunityId: null, createdById, channelHint: "regular" };
}

function sum(lines: Line[], pick: (l: Line) => number): number {
  let total = 0;
  for (const l of lines) total += pick(l);
  return total;
}

type OpportunityResult = { id: number; createdAt: number };

function generateOpportunity(c: Ctx): OpportunityResult {
  const { world, rng } = c;
  const w = world.writers;
  const picked = STAGE_PICK.pick(rng);
  const earliest = Math.max(c.createdAt, world.windowStart) + DAY;
  const tooNewToClose = earliest > world.now - 25 * DAY;
  const partnerChance = rng.chance(0.22);
  const competitor = rng.chance(0.4) ? rng.pick(COMPETITORS) : null;
  let stage: OpportunityStage;
  let partner: PartnerRef | null = null;
  if (picked === "CLOSED" && !tooNewToClose) {
    partner = partnerChance ? pickPartner(world, rng, c.region.name, false) : null;
    const winChance = 0.42 + (partner ? 0.15 : 0) - (competitor ? 0.15 : 0);
    stage = rng.chance(winChance) ? "WON" : "LOST";
  } else {
    partner = partnerChance ? pickPartner(world, rng, c.region.name, true) : null;
    stage = picked === "CLOSED" ? "QUALIFICATION" : picked;
  }
  const open = stage !== "WON" && stage !== "LOST";

  let createdAt: number;
  let closedAt: number | null = null;
  if (open) {
    createdAt = Math.min(Math.max(earliest, world.now - rng.uniform(3, 150) * DAY), world.now - rng.uniform(2, 20) * HOUR);
  } else {
    createdAt = rng.uniform(earliest, world.now - 20 * DAY);
    closedAt = Math.min(createdAt + rng.uniform(15, 150) * DAY, world.now - HOUR);
  }
  createdAt = clamp(atBusinessHours(rng, createdAt), c.createdAt + HOUR, world.now - HOUR);

  let path: OpportunityStage[];
  if (stage === "WON") {
    path = rng.chance(0.15) ? ["PROSPECTING", "PROPOSAL", "NEGOTIATION", "WON"] : [...OPEN_STAGES, "WON"];
  } else if (stage === "LOST") {
    path = [...OPEN_STAGES.slice(0, LOST_AT.pick(rng) + 1), "LOST"];
  } else {
    path = OPEN_STAGES.slice(0, OPEN_STAGES.indexOf(stage) + 1);
  }
  const endAt =
    closedAt !== null
      ? Math.max(createdAt + HOUR, clamp(atBusinessHours(rng, closedAt), createdAt + HOUR, world.now - MINUTE))
      : Math.max(createdAt, world.now - rng.uniform(0, 10) * DAY);
  const times = path.map((_, i) => {
    if (i === 0) return createdAt;
    if (i === path.length - 1 && closedAt !== null) return endAt;
    const base = createdAt + ((endAt - createdAt) * i) / Math.max(1, path.length - 1);
    return Math.min(world.now - MINUTE, base + rng.uniform(-0.1, 0.1) * ((endAt - createdAt) / path.length));
  });
  // Strictly increasing (the history is read in order) and never in the future; createdAt is at
  // least an hour before `now`, so there is room for every step.
  for (let i = 1; i < times.length; i++) times[i] = Math.max(times[i], times[i - 1] + MINUTE);
  for (let i = times.length - 1; i > 0; i--) {
    times[i] = Math.min(times[i], i === times.length - 1 ? world.now - MINUTE : times[i + 1] - MINUTE);
  }
  if (closedAt !== null) closedAt = times[times.length - 1];
  const lastActivity = times[times.length - 1];

  const owner = c.rep;
  const anchor = rng.chance(0.5) ? rng.pick(c.favorites) : c.table.pick(rng);
  const discountPct = c.business ? rng.int(0, 12) : rng.int(0, 5);
  const value = c.business ? c.scale * rng.uniform(3, 10) : 0;
  const lines = buildLines(world, rng, anchor, c.table, c.business, value, rng.int(1, 3), discountPct);
  const amount = sum(lines, (l) => l.lineTotal);
  const category = CATEGORIES.find((k) => k.key === anchor.category);
  const title = c.business ? `${shortOrgName(c.name)} – ${category ? category.solution : anchor.name}` : `${c.name} – ${anchor.name}`;
  // Open deals: some are already overdue, as in any real pipeline, but never before they were opened.
  const expectedCloseDate =
    Math.floor(
      Math.max(createdAt + 7 * DAY, closedAt !== null ? closedAt + rng.uniform(-20, 20) * DAY : world.now + rng.uniform(-20, 120) * DAY) / DAY,
    ) * DAY;
  const lostReason =
    stage === "LOST" ? (competitor ? LOST_WITH_COMPETITOR : LOST_WITHOUT_COMPETITOR).pick(rng) : null;

  const id = w.opportunity.add({
    name: title,
    customerId: c.id,
    amount,
    stage,
    probability: STAGE_PROBABILITY[stage],
    expectedCloseDate,
    ownerId: owner.id,
    source: partner ? "partner" : c.source,
    partnerId: partner ? partner.id : null,
    // The deal's main product category is its anchor product's: the pipeline dashboard filters by it.
    productCategoryId: anchor.categoryId,
    competitor,
    nextStep: open ? rng.pick(NEXT_STEPS) : null,
    lostReason,
    closedAt,
    lastActivityAt: lastActivity,
    createdAt,
    updatedAt: lastActivity,
  });

  const government = c.kind === "GOVERNMENT";
  path.forEach((to, i) => {
    w.stageChange.add({
      opportunityId: id,
      fromStage: i === 0 ? null : path[i - 1],
      toStage: to,
      changedAt: times[i],
      changedById: owner.id,
    });
    let channel: Channel;
    let direction: Direction = "OUTBOUND";
    let summary: string;
    let outcome: string;
    switch (to) {
      case "PROSPECTING":
        channel = c.dncPhone ? "EMAIL" : "PHONE";
        summary = `Discovery call: ${title}`;
        outcome = "Interested";
        break;
      case "QUALIFICATION":
        channel = c.business ? "SALES_VISIT" : "PHONE";
        summary = `Needs assessment: ${title}`;
        outcome = "Qualified";
        break;
      case "PROPOSAL":
        channel = government && rng.chance(0.5) ? "FAX" : "EMAIL";
        summary = `Proposal sent: ${title}`;
        outcome = "Proposal delivered";
        break;
      case "NEGOTIATION":
        channel = c.business ? "SALES_VISIT" : "PHONE";
        summary = `Negotiation meeting: ${title}`;
        outcome = "Terms discussed";
        break;
      case "WON":
        channel = government ? "FAX" : "EMAIL";
        direction = "INBOUND";
        summary = `Signed contract received: ${title}`;
        outcome = "Contract signed";
        break;
      default:
        channel = c.dncPhone ? "EMAIL" : "PHONE";
        summary = `Close-out call: ${title}`;
        outcome = lostReason ?? "Lost";
    }
    if (outboundBlocked(c, channel, direction)) channel = "SALES_VISIT";
    addTouchpoint(c, {
      at: times[i],
      channel,
      direction,
      userId: owner.id,
      summary,
      outcome,
      campaignId: null,
      opportunityId: id,
      ticketId: null,
    });
  });

  const proposalIndex = path.indexOf("PROPOSAL");
  if (proposalIndex >= 0) {
    const quoteAt = times[proposalIndex];
    let status: QuoteStatus;
    if (stage === "WON") status = "ACCEPTED";
    else if (stage === "LOST") status = "REJECTED";
    else if (stage === "PROPOSAL" && rng.chance(0.4)) status = "DRAFT";
    else status = "SENT";
    const quoteId = w.quote.add({
      opportunityId: id,
      status,
      discountPct,
      subtotal: sum(lines, (l) => l.unitPrice * l.quantity),
      total: amount,
      validUntil: quoteAt + 30 * DAY,
      createdAt: quoteAt,
      updatedAt: closedAt ?? quoteAt,
    });
    for (const l of lines) {
      w.quoteLine.add({
        quoteId,
        productId: l.product.id,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountPct,
        lineTotal: l.lineTotal,
      });
    }
  }

  if (stage === "WON" && closedAt !== null) {
    const at = Math.min(world.now - MINUTE, closedAt + rng.uniform(0, 5) * DAY);
    c.orders.push({ at, lines, status: "COMPLETED", opportunityId: id, createdById: owner.id, channelHint: "opportunity" });
  }
  if (open) {
    const r = reservoirOf(world, owner.id);
    if (r.openOpportunities.length < 6) r.openOpportunities.push({ id, customerId: c.id });
  }
  return { id, createdAt };
}

function generateTicket(c: Ctx, complaintNear: number | null, activeEnd: number): void {
  const { world, rng } = c;
  const w = world.writers;
  const picked: TicketStatus = complaintNear !== null ? "CLOSED" : TICKET_STATUS.pick(rng);
  const floor = Math.max(c.createdAt, world.windowStart) + HOUR;
  let created: number;
  if (complaintNear !== null) created = complaintNear - rng.uniform(5, 40) * DAY;
  else if (picked === "NEW") created = world.now - rng.uniform(0.05, 3) * DAY;
  else if (picked === "IN_PROGRESS") created = world.now - rng.uniform(0.2, 14) * DAY;
  else if (picked === "WAITING_ON_CUSTOMER") created = world.now - rng.uniform(1, 25) * DAY;
  else if (picked === "RESOLVED") created = world.now - rng.uniform(1, 60) * DAY;
  else created = rng.uniform(floor, Math.max(floor, Math.min(activeEnd, world.now - 7 * DAY)));
  created = clamp(created, floor, world.now - 10 * MINUTE);

  const priority = (c.business ? PRIORITY_BUSINESS : PRIORITY_CONSUMER).pick(rng);
  const topic = complaintNear !== null ? rng.pick(COMPLAINT_TOPICS) : rng.pick(c.business ? TOPICS_BUSINESS : TOPICS_CONSUMER);
  const channel = (c.business ? TICKET_CHANNEL_BUSINESS : TICKET_CHANNEL_CONSUMER).pick(rng);
  const slaDueAt = created + RESOLVE_HOURS[priority] * HOUR;
  const limit = world.now - MINUTE;
  const status = picked;
  const firstResponseAt =
    status === "NEW" ? null : Math.min(limit, created + RESPONSE_HOURS[priority] * rng.logNormal(Math.log(0.5), 0.7) * HOUR);
  let resolvedAt: number | null = null;
  if (status === "RESOLVED" || status === "CLOSED") {
    resolvedAt = Math.min(limit, created + RESOLVE_HOURS[priority] * rng.logNormal(Math.log(0.6), 0.7) * HOUR);
    if (firstResponseAt !== null) resolvedAt = Math.max(resolvedAt, firstResponseAt);
  }
  let satisfaction: number | null = null;
  if (resolvedAt !== null && (complaintNear !== null || rng.chance(0.6))) {
    // Resolution within the SLA mostly earns a 4 or 5; a breach drags the score to the middle.
    const base = complaintNear !== null ? 1.4 : resolvedAt <= slaDueAt ? 4.5 : 3.1;
    satisfaction = clamp(Math.round(base + rng.normal() * 0.75), 1, complaintNear !== null ? 2 : 5);
  }
  const agent = rng.pick(world.agents);
  let assignee: number | null;
  if (status === "NEW") assignee = rng.chance(0.5) ? null : agent.id;
  else {
    // Business tickets once went to the account's rep 15% of the time; only agents work tickets, so
    // the draw stays (keeping the rest of the demo data as it was) and the agent gets it either way.
    if (c.business) rng.chance(0.15);
    assignee = agent.id;
  }
  // Derived without new draws, so the rest of the demo data stays as it was: a new ticket someone holds
  // is "assigned"; a resolved one the customer rated 1 or 2 was reopened.
  const workflowStatus: TicketStatus =
    status === "NEW" && assignee !== null ? "ASSIGNED" : status === "RESOLVED" && satisfaction !== null && satisfaction <= 2 ? "REOPENED" : status;
  const staffed = channel === "PHONE" || channel === "OUTLET" || channel === "SERVICE";
  const createdById = staffed ? agent.id : null;

  const ticketId = w.ticket.add({
    customerId: c.id,
    subject: topic.subject,
    description: topic.description,
    status: workflowStatus,
    priority,
    channel,
    category: topic.category,
    assigneeId: assignee,
    assignedAt: assignee !== null ? created : null,
    createdById,
    firstResponseDueAt: created + RESPONSE_HOURS[priority] * HOUR,
    slaDueAt,
    slaAtRiskAt: created + 0.8 * RESOLVE_HOURS[priority] * HOUR,
    slaPausedAt: status === "WAITING_ON_CUSTOMER" ? (firstResponseAt ?? created) : null,
    closedAt: status === "CLOSED" ? resolvedAt : null,
    firstResponseAt,
    // A reopened ticket is unresolved again, and will be rated anew when it is resolved.
    resolvedAt: workflowStatus === "REOPENED" ? null : resolvedAt,
    satisfaction: workflowStatus === "REOPENED" ? null : satisfaction,
    createdAt: created,
    updatedAt: resolvedAt ?? firstResponseAt ?? created,
  });
  const inboundOutcome =
    status === "NEW" || status === "ASSIGNED" ? "Logged" : status === "IN_PROGRESS" || status === "WAITING_ON_CUSTOMER" ? "In progress" : "Resolved";
  addTouchpoint(c, {
    at: created,
    channel: "SERVICE",
    direction: "INBOUND",
    userId: createdById ?? assignee,
    summary: `Service request: ${topic.subject}`,
    outcome: inboundOutcome,
    campaignId: null,
    opportunityId: null,
    ticketId,
  });
  if (resolvedAt !== null && rng.chance(0.5)) {
    const at = resolvedAt + rng.uniform(1, 48) * HOUR;
    if (at < world.now && !c.dncPhone) {
      addTouchpoint(c, {
        at,
        channel: "SERVICE",
        direction: "OUTBOUND",
        userId: assignee ?? agent.id,
        summary: "Service follow-up call",
        outcome: satisfaction !== null && satisfaction <= 2 ? "Customer dissatisfied" : "Confirmed resolved",
        campaignId: null,
        opportunityId: null,
        ticketId,
      });
    }
  }
}

function inAudience(c: Ctx, campaign: CampaignRef, industry: string | null, purchases: number[]): boolean {
  const a = campaign.audience;
  switch (a.kind) {
    case "all":
      return true;
    case "kinds":
      return a.kinds.includes(c.kind);
    case "regionKind":
      return c.region.name === a.region && a.kinds.includes(c.kind);
    case "industries":
      return industry !== null && a.industries.includes(industry);
    case "lapsed": {
      let last = -Infinity;
      for (const t of purchases) if (t < campaign.startMs && t > last) last = t;
      if (last === -Infinity) return false;
      const gap = (campaign.startMs - last) / DAY;
      return gap >= a.minDays && gap <= a.maxDays;
    }
  }
}

function spendBefore(c: Ctx, at: number): number {
  let total = 0;
  for (const o of c.orders) if (o.at < at && o.status === "COMPLETED") total += sum(o.lines, (l) => l.lineTotal);
  return total;
}

/**
 * How much likelier than average a contacted member responds (issue 13: realistic response behaviour, so
 * the propensity model has something to find). Recency: days since the last completed purchase before
 * the launch (campaign purchases included). Value: the spend-based priority 0–3. History: earlier
 * responses known at the launch, on the same channel (strong) and on others (weaker). The factors'
 * average over the members is about 1, keeping the response rates near what they were.
 */
function responseFactor(days: number, priority: number, sameChannel: number, otherChannels: number): number {
  const recency = days <= 30 ? 2.2 : days <= 90 ? 1.7 : days <= 180 ? 1.2 : days <= 365 ? 0.7 : days < Infinity ? 0.4 : 0.3;
  const value = [0.7, 1.0, 1.4, 1.8][priority];
  const history = (1 + 0.6 * Math.min(sameChannel, 2)) * (1 + 0.25 * Math.min(otherChannels, 2));
  return (recency * value * history) / RESPONSE_NORMALISER;
}

/** Roughly the average of recency × value × history over the demo members (2026 default seed), so the mean factor is about 1. */
const RESPONSE_NORMALISER = 1.2;

function joinCampaigns(c: Ctx, industry: string | null): void {
  const { world, rng } = c;
  const w = world.writers;
  const purchases = c.orders.filter((o) => o.status === "COMPLETED").map((o) => o.at);
  // The customer's own taste for offers (the random component of the response), and the responses so
  // far: campaigns are visited by launch date so each sees the history before it.
  const affinity = 0.55 + 0.9 * rng.next();
  const responses: { type: string; at: number }[] = [];
  const byLaunch = [...world.campaigns].sort((a, b) => a.startMs - b.startMs || a.id - b.id);
  for (const campaign of byLaunch) {
    const reference = notLaunched(campaign.status) ? world.now : campaign.startMs;
    if (c.createdAt >= reference) continue;
    if (!inAudience(c, campaign, industry, purchases)) continue;
    if (campaign.type === "PHONE" && c.dncPhone) continue;
    if (campaign.type === "EMAIL" && c.dncEmail) continue;
    if (campaign.type === "DIRECT_MAIL" && c.dncMail) continue;
    if (campaign.type === "SMS" && c.dncSms) continue;
    if (!rng.chance(campaign.rate)) continue;

    const spend = spendBefore(c, campaign.startMs);
    const priority = spend >= 10_000_000 ? 3 : spend >= 2_000_000 ? 2 : spend >= 300_000 ? 1 : 0;
    let status: CampaignMemberStatus = "TARGETED";
    let contactAt: number | null = null;
    let respondedAt: number | null = null;
    // The holdout is drawn by the app's documented hash (one member at a time, as the generator meets
    // them); a control member is never contacted, so it keeps TARGETED and gets no touchpoint.
    const control = !notLaunched(campaign.status) && (campaign.holdoutPct ?? 0) > 0 && isControl(String(campaign.id), String(c.id), (campaign.holdoutPct ?? 0) / 100);
    if (control) {
      // Left as targeted.
    } else if (campaign.status === "CANCELLED") {
      if (rng.chance(0.15)) status = "CONTACTED";
    } else if (!notLaunched(campaign.status)) {
      const reach = campaign.status === "COMPLETED" ? 0.88 : 0.55;
      const typeFactor = campaign.type === "EVENT" ? 1.3 : campaign.type === "ADVERTISING" ? 0.8 : 1;
      let last = -Infinity;
      for (const o of c.orders) if (o.status === "COMPLETED" && o.at < campaign.startMs && o.at > last) last = o.at;
      let sameChannel = 0;
      let otherChannels = 0;
      for (const r of responses) {
        if (r.at >= campaign.startMs) continue;
        if (r.type === campaign.type) sameChannel++;
        else otherChannels++;
      }
      const factor = responseFactor((campaign.startMs - last) / DAY, priority, sameChannel, otherChannels) * affinity;
      const respond = Math.min(0.85, (campaign.status === "COMPLETED" ? 0.22 : 0.14) * typeFactor * factor);
      if (rng.chance(reach)) {
        if (rng.chance(respond)) status = rng.chance(0.4) ? "CONVERTED" : "RESPONDED";
        else status = rng.chance(0.35) ? "DECLINED" : "CONTACTED";
      }
    }
    if (status !== "TARGETED") {
      const span = Math.max(HOUR, Math.min(campaign.endMs, world.now) - campaign.startMs);
      contactAt = Math.min(world.now - HOUR, atBusinessHours(rng, campaign.startMs + rng.next() * span));
      if (status === "RESPONDED" || status === "CONVERTED") {
        respondedAt = Math.min(world.now - MINUTE, contactAt + rng.uniform(0.05, 10) * DAY);
        responses.push({ type: campaign.type, at: respondedAt });
      }
    }
    const phone = campaign.type === "PHONE";
    const agent = rng.pick(world.agents);
    const called = phone && !notLaunched(campaign.status) && !control;
    const assignedToId = called ? agent.id : null;
    let callAttempts = 0;
    if (called) {
      callAttempts = status === "TARGETED" ? (campaign.status === "ACTIVE" ? rng.int(0, 1) : rng.int(1, 3)) : rng.int(1, 3);
    }
    const nextCallAt =
      called && campaign.status === "ACTIVE" && (status === "TARGETED" || status === "CONTACTED")
        ? atBusinessHours(rng, world.now + rng.uniform(0, 7) * DAY)
        : null;
    const listBuiltAt = Math.max(c.createdAt, campaign.startMs - 7 * DAY);
    world.campaignMemberCounts.set(campaign.id, (world.campaignMemberCounts.get(campaign.id) ?? 0) + 1);
    w.campaignMember.add({
      campaignId: campaign.id,
      customerId: c.id,
      status,
      isControl: control,
      contactedAt: contactAt,
      priority,
      assignedToId,
      callAttempts,
      nextCallAt,
      respondedAt,
      createdAt: Math.min(listBuiltAt, world.now - HOUR),
      updatedAt: Math.min(world.now - MINUTE, Math.max(listBuiltAt, respondedAt ?? contactAt ?? listBuiltAt)),
    });

    if (contactAt !== null) {
      const outbound: Record<string, Channel | null> = {
        PHONE: "PHONE",
        EMAIL: "EMAIL",
        DIRECT_MAIL: "DIRECT_MAIL",
        EVENT: "EVENT",
        // Touchpoints have no SMS channel (yet): a text message is recorded only when answered.
        SMS: null,
        ADVERTISING: null,
      };
      const channel = outbound[campaign.type];
      const finalOutcome =
        status === "CONVERTED" ? "Offer accepted" : status === "RESPONDED" ? "Interested" : status === "DECLINED" ? "Not interested" : null;
      if (channel) {
        const contactOutcome: Record<string, string> = {
          PHONE: "Reached",
          EMAIL: "Opened",
          DIRECT_MAIL: "Delivered",
          EVENT: "Invitation sent",
        };
        addTouchpoint(c, {
          at: contactAt,
          channel,
          direction: "OUTBOUND",
          userId: phone ? agent.id : channel === "EVENT" ? c.rep.id : null,
          summary: `${campaign.name}: ${phone ? "campaign call" : channel === "EVENT" ? "invitation" : "campaign message"}`,
          outcome: phone && finalOutcome ? finalOutcome : contactOutcome[campaign.type],
          campaignId: campaign.id,
          opportunityId: null,
          ticketId: null,
        });
      }
      if (respondedAt !== null && !phone) {
        const responseChannel: Record<string, Channel> = {
          EMAIL: "WEB",
          DIRECT_MAIL: "DIRECT_MAIL",
          EVENT: "EVENT",
          SMS: "WEB",
          ADVERTISING: "ADVERTISING",
        };
        addTouchpoint(c, {
          at: respondedAt,
          channel: responseChannel[campaign.type],
          direction: "INBOUND",
          userId: campaign.type === "EVENT" ? c.rep.id : null,
          summary: `${campaign.name}: ${campaign.type === "EVENT" ? "attended" : "responded"}`,
          outcome: finalOutcome,
          campaignId: campaign.id,
          opportunityId: null,
          ticketId: null,
        });
      } else if (status === "DECLINED" && !phone && rng.chance(0.3)) {
        addTouchpoint(c, {
          at: Math.min(world.now - MINUTE, contactAt + rng.uniform(0.1, 5) * DAY),
          channel: campaign.type === "EMAIL" ? "EMAIL" : "PHONE",
          direction: "INBOUND",
          userId: null,
          summary: `${campaign.name}: asked to opt out of the offer`,
          outcome: "Not interested",
          campaignId: campaign.id,
          opportunityId: null,
          ticketId: null,
        });
      }
    }

    if (status === "CONVERTED" && respondedAt !== null) {
      const at = Math.min(world.now - MINUTE, respondedAt + rng.uniform(0, 3) * DAY);
      const featured = rng.pick(campaign.featured);
      const anchor = world.productBySku.get(featured);
      if (anchor && at > c.createdAt) {
        const lines = buildLines(world, rng, anchor, c.table, c.business, c.scale * rng.gamma(2, 0.5), LINE_COUNT.pick(rng));
        c.orders.push({ at, lines, status: "COMPLETED", opportunityId: null, createdById: assignedToId, channelHint: "campaign" });
      }
    }
  }
}

function addPurchaseTouchpoint(c: Ctx, order: OrderDraft): void {
  const { rng } = c;
  const product = order.lines[0].product.name;
  let channel: Channel;
  let direction: Direction = "INBOUND";
  let summary: string;
  let userId: number | null;
  if (!c.business) {
    const x = rng.next();
    if (x < 0.45) {
      channel = "OUTLET";
      summary = `Purchased ${product} in store`;
      userId = null;
    } else if (x < 0.85) {
      channel = "WEB";
      summary = `Online order: ${product}`;
      userId = null;
    } else {
      channel = "PHONE";
      summary = `Ordered ${product} by phone`;
      userId = rng.pick(c.world.agents).id;
    }
  } else {
    const x = rng.next();
    const faxShare = c.kind === "GOVERNMENT" ? 0.3 : 0.12;
    if (x < 0.4) {
      channel = "SALES_VISIT";
      direction = "OUTBOUND";
      summary = `Order signed on site: ${product}`;
    } else if (x < 0.4 + faxShare) {
      channel = "FAX";
      summary = `Purchase order received by fax: ${product}`;
    } else if (x < 0.8) {
      channel = "EMAIL";
      summary = `Purchase order received by email: ${product}`;
    } else {
      channel = "PHONE";
      summary = `Ordered ${product} by phone`;
    }
    userId = c.rep.id;
  }
  addTouchpoint(c, {
    at: order.at,
    channel,
    direction,
    userId,
    summary,
    outcome: order.status === "CANCELLED" ? "Order later cancelled" : "Order placed",
    campaignId: null,
    opportunityId: null,
    ticketId: null,
  });
}

function addBackgroundTouchpoints(c: Ctx, count: number, from: number, to: number): void {
  const { rng, world } = c;
  const table =
    c.kind === "GOVERNMENT" ? BACKGROUND_GOVERNMENT : c.kind === "ENTERPRISE" ? BACKGROUND_ENTERPRISE : BACKGROUND_INDIVIDUAL;
  for (let i = 0; i < count; i++) {
    const [channel, direction] = table.pick(rng);
    if (outboundBlocked(c, channel, direction)) continue;
    const template = TOUCHPOINT_TEMPLATES[`${channel}:${direction}`];
    if (!template) continue;
    const at = clamp(atBusinessHours(rng, rng.uniform(from, to)), from, world.now - MINUTE);
    addTouchpoint(c, {
      at,
      channel,
      direction,
      userId: touchpointUser(c, channel, direction),
      summary: fill(rng.pick(template.summaries), c),
      outcome: rng.chance(0.92) ? rng.pick(template.outcomes) : null,
      campaignId: null,
      opportunityId: null,
      ticketId: null,
    });
  }
}

function generateLeads(c: Ctx, firstOpportunity: OpportunityResult | null, person: PersonName, company: string | null): void {
  const { world, rng } = c;
  const w = world.writers;
  const teamOf = (user: UserRef | null, region: RegionDef) => world.teamIds[user?.team ?? region.team] ?? null;
  const campaignAround = (at: number): number | null => {
    const running = world.campaigns.filter((k) => !notLaunched(k.status) && k.startMs <= at && at <= k.endMs + 30 * DAY);
    return running.length > 0 ? rng.pick(running).id : null;
  };

  if (c.createdAt >= world.windowStart && rng.chance(CONVERTED_LEAD_CHANCE)) {
    const convertedAt = c.createdAt;
    const createdAt = convertedAt - rng.uniform(2, 45) * DAY;
    w.lead.add({
      name: person.full,
      company,
      email: world.identities.personalEmail(rng, person),
      phone: world.identities.mobile(rng),
      region: c.region.name,
      source: c.source,
      status: "CONVERTED",
      disqualifyReason: null,
      ownerId: c.rep.id,
      teamId: teamOf(c.rep, c.region),
      customerId: c.id,
      opportunityId: firstOpportunity ? firstOpportunity.id : null,
      campaignId: c.source === "campaign" ? campaignAround(createdAt) : null,
      convertedAt,
      createdAt,
      updatedAt: convertedAt,
    });
  }

  const standalone = rng.poisson(LEADS_PER_CUSTOMER);
  for (let i = 0; i < standalone; i++) {
    const status = LEAD_STATUS.pick(rng);
    const region = REGION_TABLE.pick(rng);
    const p = personName(rng, 0.12);
    const businessLead = rng.chance(0.6);
    const ageDays =
      status === "NEW"
        ? rng.uniform(0.1, 21)
        : status === "CONTACTED"
          ? rng.uniform(3, 90)
          : status === "QUALIFIED"
            ? rng.uniform(7, 150)
            : rng.uniform(10, 540);
    const createdAt = atBusinessHours(rng, world.now - ageDays * DAY);
    const safeCreated = Math.min(createdAt, world.now - HOUR);
    const owner = status === "NEW" && rng.chance(0.3) ? null : pickRep(world, rng, region, 0.92);
    const source = SOURCE_TABLE.pick(rng);
    w.lead.add({
      name: p.full,
      company: businessLead ? world.identities.looseCompanyName(rng, INDUSTRY_TABLE.pick(rng)) : null,
      email: rng.chance(0.9) ? world.identities.personalEmail(rng, p) : null,
      phone: world.identities.mobile(rng),
      region: region.name,
      source,
      status,
      disqualifyReason: status === "DISQUALIFIED" ? rng.pick(DISQUALIFY_REASONS) : null,
      ownerId: owner ? owner.id : null,
      teamId: teamOf(owner, region),
      customerId: null,
      opportunityId: null,
      campaignId: source === "campaign" ? campaignAround(safeCreated) : null,
      convertedAt: null,
      createdAt: safeCreated,
      updatedAt: Math.min(world.now - MINUTE, safeCreated + (status === "NEW" ? 0 : rng.uniform(0.5, Math.max(1, ageDays * 0.8)) * DAY)),
    });
  }
}

export function generateCustomer(world: World, index: number): void {
  const rng = new Random(world.seed, CUSTOMER_STREAM, index);
  const w = world.writers;
  const id = w.customer.nextId;
  const kind = KIND_TABLE.pick(rng);
  const business = kind !== "INDIVIDUAL";
  const region = REGION_TABLE.pick(rng);
  const city = rng.pick(region.cities);
  const industryDef = kind === "ENTERPRISE" ? INDUSTRY_TABLE.pick(rng) : null;
  const industry = kind === "GOVERNMENT" ? PUBLIC_SECTOR : industryDef ? industryDef.name : null;
  const source = SOURCE_TABLE.pick(rng);
  const owner = rng.chance(0.05) ? null : pickRep(world, rng, region, 0.9);
  const rep = owner ?? pickRep(world, rng, region, 0.9);

  let name: string;
  let company: string | null;
  let email: string | null;
  let phone: string | null;
  let domain: string | null = null;
  let leadPerson: PersonName;
  if (industryDef) {
    const org = world.identities.company(rng, industryDef, city);
    name = org.name;
    company = org.name;
    domain = org.domain;
    email = world.identities.mailboxEmail(rng, org.domain);
    phone = world.identities.landline(city);
    leadPerson = personName(rng, 0.12);
  } else if (kind === "GOVERNMENT") {
    const agency = world.identities.agency(rng, city);
    name = agency.name;
    company = agency.name;
    domain = agency.domain;
    email = world.identities.agencyEmail(rng, agency.code, agency.domain);
    phone = world.identities.landline(city);
    leadPerson = personName(rng, 0.05);
  } else {
    const person = personName(rng, 0.12);
    name = person.full;
    leadPerson = person;
    company = rng.chance(0.25) ? world.identities.looseCompanyName(rng, INDUSTRY_TABLE.pick(rng)) : null;
    email = rng.chance(0.97) ? world.identities.personalEmail(rng, person) : null;
    phone = rng.chance(0.98) ? world.identities.mobile(rng) : null;
  }

  // 42 % were customers before the order window opened, 50 % joined during it, 8 % are new.
  const u = rng.next();
  const established = u < 0.42;
  let createdAt: number;
  if (established) createdAt = world.windowStart - rng.uniform(30, 1500) * DAY;
  else if (u < 0.92) createdAt = rng.uniform(world.windowStart, world.now - 90 * DAY);
  else createdAt = rng.uniform(world.now - 90 * DAY, world.now - 2 * DAY);
  createdAt = atBusinessHours(rng, createdAt);

  const c: Ctx = {
    world,
    rng,
    id,
    kind,
    business,
    name,
    region,
    source,
    owner,
    rep,
    createdAt,
    contacts: [],
    dncPhone: rng.chance(0.03),
    dncEmail: rng.chance(0.03),
    dncMail: rng.chance(0.03),
    // Drawn below, after the record, where the random sequence has always drawn it.
    dncSms: false,
    table: anchorTable(world, kind, industry),
    favorites: [],
    scale: business ? ORDER_VALUE_CENTS[kind] * rng.logNormal(0, VALUE_SIGMA) : 0,
    orders: [],
    touchpoints: [],
  };
  const dncSms = rng.chance(0.03);
  c.dncSms = dncSms;
  c.favorites = [c.table.pick(rng), c.table.pick(rng), c.table.pick(rng)];

  const contactCount = business ? BUSINESS_CONTACTS.pick(rng) : rng.chance(0.25) ? 1 : 0;
  for (let i = 0; i < contactCount; i++) {
    const p = personName(rng, 0.12);
    const title =
      kind === "GOVERNMENT"
        ? rng.pick(GOVERNMENT_TITLES)
        : kind === "ENTERPRISE"
          ? rng.pick(ENTERPRISE_TITLES)
          : rng.pick(INDIVIDUAL_CONTACT_TITLES);
    if (i === 0 && business) leadPerson = p;
    c.contacts.push(
      w.contact.add({
        customerId: id,
        name: p.full,
        title,
        email: domain ? world.identities.workEmail(rng, p, domain) : world.identities.personalEmail(rng, p),
        phone: world.identities.mobile(rng),
        isPrimary: i === 0,
        createdAt,
        updatedAt: createdAt,
      }),
    );
  }

  // Regular purchases: a Poisson process that may stop after any purchase (BG/NBD's story).
  const rate = (rng.gamma(RATE_SHAPE, RATE_MEAN_PER_YEAR / RATE_SHAPE) * KIND_RATE[kind]) / YEAR;
  const dropout = rng.beta(DROPOUT_A, DROPOUT_B);
  const neverBought = rng.chance(established ? 0.1 : 0.05);
  let churnAt: number | null = null;
  let regularCount = 0;
  if (!neverBought && rate > 0) {
    let t = established ? world.windowStart + rng.exponential(rate) : createdAt + rng.exponential(1 / (6 * DAY));
    while (t < world.now && regularCount < MAX_REGULAR_ORDERS) {
      const at = clamp(atBusinessHours(rng, t), createdAt + MINUTE, world.now - MINUTE);
      c.orders.push(regularOrder(c, at));
      regularCount++;
      if (rng.chance(dropout)) {
        churnAt = at;
        break;
      }
      t += rng.exponential(rate);
    }
  }
  const activeEnd = churnAt !== null ? Math.min(world.now - MINUTE, churnAt + 240 * DAY) : world.now - MINUTE;

  const opportunityCount = rng.chance(OPPORTUNITY_CHANCE[kind] * world.opportunityFactor) ? (rng.chance(0.2) ? 2 : 1) : 0;
  let firstOpportunity: OpportunityResult | null = null;
  for (let i = 0; i < opportunityCount; i++) {
    const result = generateOpportunity(c);
    if (!firstOpportunity) firstOpportunity = result;
  }

  const ticketCount = Math.min(20, rng.poisson(TICKET_RATE * (0.35 + 0.065 * Math.min(regularCount, 40))));
  for (let i = 0; i < ticketCount; i++) generateTicket(c, null, activeEnd);
  // Many who leave complained first: a badly rated ticket shortly before the last purchase.
  if (churnAt !== null && churnAt < world.now - 60 * DAY && rng.chance(0.15)) generateTicket(c, churnAt, activeEnd);

  joinCampaigns(c, industry);

  c.orders.sort((a, b) => a.at - b.at);
  let spend = 0;
  let firstPurchase: number | null = null;
  let lastPurchase: number | null = null;
  for (const order of c.orders) {
    const total = sum(order.lines, (l) => l.lineTotal);
    const cost = sum(order.lines, (l) => l.lineCost);
    const orderId = w.order.add({
      customerId: id,
      orderedAt: order.at,
      status: order.status,
      total,
      margin: total - cost,
      opportunityId: order.opportunityId,
      createdById: order.createdById,
      createdAt: order.at,
    });
    for (const l of order.lines) {
      w.orderLine.add({
        orderId,
        productId: l.product.id,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discount: l.discount,
        lineTotal: l.lineTotal,
        lineCost: l.lineCost,
      });
    }
    if (order.status === "COMPLETED") {
      spend += total;
      if (firstPurchase === null) firstPurchase = order.at;
      lastPurchase = order.at;
    }
    if (order.channelHint === "regular" && rng.chance(0.3)) addPurchaseTouchpoint(c, order);
  }

  const from = Math.max(createdAt, world.windowStart);
  addBackgroundTouchpoints(c, rng.poisson(BACKGROUND_BASE + BACKGROUND_PER_ORDER * Math.min(regularCount, 60)), from, Math.max(from + HOUR, activeEnd));
  if (churnAt !== null && rng.chance(0.55)) {
    const at = atBusinessHours(rng, churnAt + rng.uniform(60, 200) * DAY);
    const channel: Channel | null = !c.dncPhone ? "PHONE" : !c.dncEmail ? "EMAIL" : null;
    if (channel && at < world.now) {
      addTouchpoint(c, {
        at,
        channel,
        direction: "OUTBOUND",
        userId: channel === "PHONE" && !business ? rng.pick(world.agents).id : rep.id,
        summary: rng.chance(0.5) ? "Retention call after inactivity" : `Win-back offer: ${rng.pick(c.favorites).name}`,
        outcome: rng.pick(["No answer", "Not interested", "Callback requested", "Switched to a competitor", "Interested"]),
        campaignId: null,
        opportunityId: null,
        ticketId: null,
      });
    }
  }

  c.touchpoints.sort((a, b) => a.at - b.at);
  let lastContact: number | null = null;
  for (const t of c.touchpoints) {
    w.touchpoint.add({
      customerId: id,
      contactId: t.contactId,
      channel: t.channel,
      direction: t.direction,
      occurredAt: t.at,
      userId: t.userId,
      summary: t.summary,
      outcome: t.outcome,
      campaignId: t.campaignId,
      opportunityId: t.opportunityId,
      ticketId: t.ticketId,
      createdAt: t.at,
    });
    lastContact = t.at;
  }

  generateLeads(c, firstOpportunity, leadPerson, business ? name : company);

  if (owner) {
    const r = reservoirOf(world, owner.id);
    if (r.customers.length < 8) r.customers.push(id);
  }

  const assigned = w.customer.add({
    kind,
    name,
    email,
    phone,
    company,
    region: region.name,
    industry,
    source,
    ownerId: owner ? owner.id : null,
    notes: rng.chance(0.12) ? rng.pick(CUSTOMER_NOTES) : null,
    dncPhone: c.dncPhone,
    dncEmail: c.dncEmail,
    dncMail: c.dncMail,
    dncSms,
    totalSpend: spend,
    firstPurchaseAt: firstPurchase,
    lastPurchaseAt: lastPurchase,
    lastContactAt: lastContact,
    createdAt,
    updatedAt: Math.max(createdAt, lastPurchase ?? 0, lastContact ?? 0),
  });
  if (assigned !== id) throw new Error(`Customer id drifted: expected ${id}, got ${assigned}`);
}

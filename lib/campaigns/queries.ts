import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { requireRight } from "@/lib/platform/auth/guard";
import { accessWhere, pickableUsers, type PickableUser } from "@/lib/platform/auth/scope-filters";
import { fieldValue, type Snapshot } from "@/lib/platform/concurrency";
import { db, type Db } from "@/lib/platform/db/prisma";
import type { CampaignMemberStatus, CampaignStatus, CampaignType } from "@/lib/platform/enums";
import { dayRange, localDateOf } from "@/lib/platform/time-zone";
import { CAMPAIGN_PAGE_SIZE, type CampaignListQuery } from "@/lib/campaigns/rules/list-query";
import { isPlanned, responseRefusal } from "@/lib/campaigns/rules/status";
import { segmentChoices } from "@/lib/segments/queries";
import { parseBusinessHours } from "@/lib/tickets/rules/service-settings";

/**
 * Campaigns as the pages and other features read them. Everyone reads campaigns (POLICY
 * campaign.read); `canEdit` says whether this actor may change, launch and cost one (campaign.edit).
 */

const ENTITY = "Campaign";
const BUSINESS_HOURS_KEY = "service.businessHours";

/**
 * The company's time zone (the service settings' business hours zone), in which a campaign's period
 * is a range of calendar days. Read before a transaction on PGlite (see lib/platform/db/prisma.ts).
 */
export async function companyTimeZone(client?: Db): Promise<string> {
  const prisma = client ?? (await db());
  const row = await prisma.setting.findUnique({ where: { key: BUSINESS_HOURS_KEY }, select: { value: true } });
  return parseBusinessHours(row?.value ?? null).timeZone;
}

/** A period's calendar days as the instants stored: start of the first day, start of the last day. */
export function periodInstants(startDate: string, endDate: string, timeZone: string): { startsAt: Date; endsAt: Date } {
  return { startsAt: dayRange(startDate, timeZone).start, endsAt: dayRange(endDate, timeZone).start };
}

export const CAMPAIGN_SELECT = {
  id: true,
  name: true,
  type: true,
  status: true,
  description: true,
  objective: true,
  offer: true,
  startsAt: true,
  endsAt: true,
  budget: true,
  cost: true,
  expectedResponses: true,
  promotedProductIds: true,
  promotedCategoryIds: true,
  graceDays: true,
  attributePromotedOnly: true,
  holdoutPct: true,
  fatigueDays: true,
  segmentId: true,
  audienceFilter: true,
  audienceRule: true,
  excludedOptOut: true,
  excludedFatigue: true,
  launchedAt: true,
  launchedById: true,
  ownerId: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { name: true, teamId: true } },
  segment: { select: { id: true, name: true } },
} as const satisfies Prisma.CampaignSelect;

export type CampaignRow = Prisma.CampaignGetPayload<{ select: typeof CAMPAIGN_SELECT }>;

/** The audience as the form knows it: a segment, or the customer list's query string. */
export function audienceOf(row: Pick<CampaignRow, "segmentId" | "audienceFilter">): { audience: "segment" | "filters"; segmentId: number | null; audienceFilter: string } {
  if (row.segmentId !== null) return { audience: "segment", segmentId: row.segmentId, audienceFilter: "" };
  const filter = row.audienceFilter;
  return { audience: "filters", segmentId: null, audienceFilter: typeof filter === "string" ? filter : "" };
}

/** The editable fields at this version, as the form shows them (the conflict panel compares these). */
export function campaignSnapshot(row: CampaignRow, timeZone: string): Snapshot {
  const audience = audienceOf(row);
  return {
    name: row.name,
    type: row.type,
    status: row.status,
    description: fieldValue(row.description),
    objective: fieldValue(row.objective),
    offer: fieldValue(row.offer),
    startDate: localDateOf(row.startsAt, timeZone),
    endDate: localDateOf(row.endsAt, timeZone),
    budget: row.budget.toFixed(2),
    expectedResponses: fieldValue(row.expectedResponses),
    ownerId: String(row.ownerId),
    graceDays: String(row.graceDays),
    attributePromotedOnly: String(row.attributePromotedOnly),
    holdoutPct: String(row.holdoutPct),
    fatigueDays: fieldValue(row.fatigueDays),
    promotedProductIds: fieldValue([...row.promotedProductIds].sort((a, b) => a - b)),
    promotedCategoryIds: fieldValue([...row.promotedCategoryIds].sort((a, b) => a - b)),
    audience: audience.audience,
    segmentId: fieldValue(audience.segmentId),
    audienceFilter: fieldValue(audience.audienceFilter),
  };
}

export function campaignRef(row: { ownerId: number; owner: { teamId: number | null } }): { ownerId: number; ownerTeamId: number | null } {
  return { ownerId: row.ownerId, ownerTeamId: row.owner.teamId };
}

export async function findCampaign(client: Db, id: number): Promise<CampaignRow | null> {
  return client.campaign.findUnique({ where: { id }, select: CAMPAIGN_SELECT });
}

export type CostLineDto = { id: number; description: string; amount: string; incurredOn: Date; createdByName: string | null };

export type CampaignDetail = {
  id: number;
  name: string;
  type: CampaignType;
  status: CampaignStatus;
  description: string | null;
  objective: string | null;
  offer: string | null;
  startsAt: Date;
  endsAt: Date;
  startDate: string;
  endDate: string;
  budget: string;
  cost: string;
  expectedResponses: number | null;
  promotedProducts: { id: number; name: string }[];
  promotedCategories: { id: number; name: string }[];
  graceDays: number;
  attributePromotedOnly: boolean;
  holdoutPct: number;
  fatigueDays: number | null;
  audience: "segment" | "filters";
  segment: { id: number; name: string } | null;
  audienceFilter: string;
  audienceRule: unknown;
  excludedOptOut: number;
  excludedFatigue: number;
  launchedAt: Date | null;
  launchedByName: string | null;
  ownerId: number;
  ownerName: string;
  version: number;
  snapshot: Snapshot;
  costs: CostLineDto[];
  memberCounts: { treated: number; control: number; byStatus: Record<CampaignMemberStatus, number> };
  canEdit: boolean;
  timeZone: string;
};

const EMPTY_STATUS_COUNTS: Record<CampaignMemberStatus, number> = { TARGETED: 0, CONTACTED: 0, RESPONDED: 0, CONVERTED: 0, DECLINED: 0, OPTED_OUT: 0 };

/** One campaign with its cost lines and member counts; null when there is none (everyone reads campaigns). */
export async function getCampaign(actor: Actor, id: number): Promise<CampaignDetail | null> {
  await requireRight(actor, "campaign.read", ENTITY);
  const prisma = await db();
  const [row, timeZone] = await Promise.all([findCampaign(prisma, id), companyTimeZone(prisma)]);
  if (!row) return null;
  const [costs, counts, products, categories, launchedBy] = await Promise.all([
    prisma.campaignCost.findMany({ where: { campaignId: id }, orderBy: [{ incurredOn: "asc" }, { id: "asc" }], select: { id: true, description: true, amount: true, incurredOn: true, createdById: true } }),
    prisma.$queryRawUnsafe<{ isControl: boolean; status: CampaignMemberStatus; n: number }[]>(
      `SELECT "isControl", "status"::text AS "status", count(*)::int AS "n" FROM "CampaignMember" WHERE "campaignId" = $1::int GROUP BY 1, 2`,
      id,
    ),
    row.promotedProductIds.length > 0 ? prisma.product.findMany({ where: { id: { in: row.promotedProductIds } }, select: { id: true, name: true }, orderBy: { name: "asc" } }) : Promise.resolve([]),
    row.promotedCategoryIds.length > 0 ? prisma.productCategory.findMany({ where: { id: { in: row.promotedCategoryIds } }, select: { id: true, name: true }, orderBy: { name: "asc" } }) : Promise.resolve([]),
    row.launchedById !== null ? prisma.user.findUnique({ where: { id: row.launchedById }, select: { name: true } }) : Promise.resolve(null),
  ]);
  const creators = [...new Set(costs.map((c) => c.createdById).filter((v): v is number => v !== null))];
  const names = creators.length > 0 ? new Map((await prisma.user.findMany({ where: { id: { in: creators } }, select: { id: true, name: true } })).map((u) => [u.id, u.name])) : new Map<number, string>();
  const byStatus = { ...EMPTY_STATUS_COUNTS };
  let treated = 0;
  let control = 0;
  for (const c of counts) {
    if (c.isControl) control += c.n;
    else {
      treated += c.n;
      byStatus[c.status] += c.n;
    }
  }
  const audience = audienceOf(row);
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    status: row.status,
    description: row.description,
    objective: row.objective,
    offer: row.offer,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    startDate: localDateOf(row.startsAt, timeZone),
    endDate: localDateOf(row.endsAt, timeZone),
    budget: row.budget.toFixed(2),
    cost: row.cost.toFixed(2),
    expectedResponses: row.expectedResponses,
    promotedProducts: products,
    promotedCategories: categories,
    graceDays: row.graceDays,
    attributePromotedOnly: row.attributePromotedOnly,
    holdoutPct: row.holdoutPct,
    fatigueDays: row.fatigueDays,
    audience: audience.audience,
    segment: row.segment,
    audienceFilter: audience.audienceFilter,
    audienceRule: row.audienceRule,
    excludedOptOut: row.excludedOptOut,
    excludedFatigue: row.excludedFatigue,
    launchedAt: row.launchedAt,
    launchedByName: launchedBy?.name ?? null,
    ownerId: row.ownerId,
    ownerName: row.owner.name,
    version: row.version,
    snapshot: campaignSnapshot(row, timeZone),
    costs: costs.map((c) => ({ id: c.id, description: c.description, amount: c.amount.toFixed(2), incurredOn: c.incurredOn, createdByName: c.createdById !== null ? (names.get(c.createdById) ?? null) : null })),
    memberCounts: { treated, control, byStatus },
    canEdit: can(actor, "campaign.edit", campaignRef(row)),
    timeZone,
  };
}

export type CampaignFormOptions = {
  owners: PickableUser[];
  segments: { id: number; name: string; memberCount: number }[];
  products: { id: number; name: string }[];
  categories: { id: number; name: string }[];
  timeZone: string;
};

/** What the campaign form offers: owners the data layer accepts, segments, the catalogue. */
export async function campaignFormOptions(actor: Actor): Promise<CampaignFormOptions> {
  const prisma = await db();
  const [owners, segments, products, categories, timeZone] = await Promise.all([
    pickableUsers(actor, "campaign.edit", { roles: ["ADMIN", "MANAGER"] }),
    segmentChoices(actor),
    prisma.product.findMany({ where: { active: true }, select: { id: true, name: true }, orderBy: { name: "asc" }, take: 1000 }),
    prisma.productCategory.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    companyTimeZone(prisma),
  ]);
  return { owners, segments: segments.map((s) => ({ id: s.id, name: s.name, memberCount: s.memberCount })), products, categories, timeZone };
}

export type CampaignListItem = {
  id: number;
  name: string;
  type: CampaignType;
  status: CampaignStatus;
  startsAt: Date;
  endsAt: Date;
  ownerName: string;
  budget: string;
  cost: string;
};

export type CampaignListPage = { items: CampaignListItem[]; total: number; page: number; pageSize: number; owners: { id: number; name: string }[] };

const SORT_ORDER: Record<CampaignListQuery["sort"], (dir: "asc" | "desc") => Prisma.CampaignOrderByWithRelationInput[]> = {
  start: (dir) => [{ startsAt: dir }, { id: dir }],
  name: (dir) => [{ name: dir }, { id: "asc" }],
  cost: (dir) => [{ cost: dir }, { id: "asc" }],
  status: (dir) => [{ status: dir }, { startsAt: "desc" }, { id: "asc" }],
};

/** The campaign list: filters, sort and a page (the figures per campaign come from effectiveness-data.ts). */
export async function listCampaigns(actor: Actor, query: CampaignListQuery): Promise<CampaignListPage> {
  await requireRight(actor, "campaign.read", ENTITY);
  const prisma = await db();
  const timeZone = await companyTimeZone(prisma);
  const and: Prisma.CampaignWhereInput[] = [accessWhere(actor, "campaign.read", "Campaign")];
  if (query.status) and.push({ status: query.status });
  if (query.type) and.push({ type: query.type });
  if (query.owner) and.push({ ownerId: query.owner });
  if (query.q) and.push({ name: { contains: query.q, mode: "insensitive" } });
  // Overlap with [from, to]: starts before the end of `to` and ends on or after the start of `from`.
  if (query.to) and.push({ startsAt: { lt: dayRange(query.to, timeZone).end } });
  if (query.from) and.push({ endsAt: { gte: dayRange(query.from, timeZone).start } });
  const where: Prisma.CampaignWhereInput = { AND: and };
  const pageSize = CAMPAIGN_PAGE_SIZE;
  const [rows, total, owners] = await Promise.all([
    prisma.campaign.findMany({
      where,
      orderBy: SORT_ORDER[query.sort](query.dir),
      skip: (query.page - 1) * pageSize,
      take: pageSize,
      select: { id: true, name: true, type: true, status: true, startsAt: true, endsAt: true, budget: true, cost: true, owner: { select: { name: true } } },
    }),
    prisma.campaign.count({ where }),
    prisma.user.findMany({ where: { campaigns: { some: {} } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, type: r.type, status: r.status, startsAt: r.startsAt, endsAt: r.endsAt, ownerName: r.owner.name, budget: r.budget.toFixed(2), cost: r.cost.toFixed(2) })),
    total,
    page: query.page,
    pageSize,
    owners,
  };
}

export type MemberDto = {
  id: number;
  customerId: number;
  customerName: string;
  status: CampaignMemberStatus;
  isControl: boolean;
  propensity: number | null;
  /** The top reasons stored at launch (lib/campaigns/propensity-data.ts), as stored. */
  reasons: unknown;
  contactedAt: Date | null;
  respondedAt: Date | null;
  convertedAt: Date | null;
  assignedToName: string | null;
  canRespond: boolean;
};

export type MemberFilter = { group?: "treated" | "control"; status?: CampaignMemberStatus; page: number };
export const MEMBER_PAGE_SIZE = 50;

/**
 * A page of a campaign's members (everyone reads campaigns), with whether this actor may record a
 * response for each (campaignMember.respond: a rep for their own customers, an agent for the call-list
 * entries assigned to them). Ordered by propensity (most likely responders first), then customer id.
 */
export async function listMembers(actor: Actor, campaignId: number, filter: MemberFilter): Promise<{ items: MemberDto[]; total: number; page: number; pageSize: number }> {
  await requireRight(actor, "campaign.read", ENTITY);
  const prisma = await db();
  const campaign = await prisma.campaign.findUnique({ where: { id: campaignId }, select: { status: true } });
  if (!campaign) return { items: [], total: 0, page: 1, pageSize: MEMBER_PAGE_SIZE };
  const where: Prisma.CampaignMemberWhereInput = { campaignId };
  if (filter.group) where.isControl = filter.group === "control";
  if (filter.status) where.status = filter.status;
  const [rows, total] = await Promise.all([
    prisma.campaignMember.findMany({
      where,
      orderBy: [{ propensity: { sort: "desc", nulls: "last" } }, { customerId: "asc" }],
      skip: (filter.page - 1) * MEMBER_PAGE_SIZE,
      take: MEMBER_PAGE_SIZE,
      select: {
        id: true,
        customerId: true,
        status: true,
        isControl: true,
        propensity: true,
        reasons: true,
        contactedAt: true,
        respondedAt: true,
        convertedAt: true,
        assignedToId: true,
        assignedTo: { select: { name: true } },
        customer: { select: { name: true, ownerId: true, owner: { select: { teamId: true } } } },
      },
    }),
    prisma.campaignMember.count({ where }),
  ]);
  return {
    items: rows.map((m) => ({
      id: m.id,
      customerId: m.customerId,
      customerName: m.customer.name,
      status: m.status,
      isControl: m.isControl,
      propensity: m.propensity,
      reasons: Array.isArray(m.reasons) ? m.reasons : null,
      contactedAt: m.contactedAt,
      respondedAt: m.respondedAt,
      convertedAt: m.convertedAt,
      assignedToName: m.assignedTo?.name ?? null,
      canRespond:
        can(actor, "campaignMember.respond", { ownerId: m.customer.ownerId, ownerTeamId: m.customer.owner?.teamId ?? null, assignedToId: m.assignedToId }) &&
        responseRefusal(campaign.status, m, m.status === "TARGETED" ? "CONTACTED" : "RESPONDED") !== "control" &&
        !isPlanned(campaign.status) &&
        campaign.status !== "CANCELLED",
    })),
    total,
    page: filter.page,
    pageSize: MEMBER_PAGE_SIZE,
  };
}

export type CampaignTouchpointDto = { id: number; customerId: number; customerName: string; channel: string; direction: string; occurredAt: Date; summary: string; outcome: string | null; userName: string | null };

/** The touchpoints linked to the campaign, newest first (touchpoints are read by everyone). */
export async function campaignTouchpoints(actor: Actor, campaignId: number, limit = 20): Promise<{ items: CampaignTouchpointDto[]; total: number }> {
  if (!can(actor, "touchpoint.read")) return { items: [], total: 0 };
  const prisma = await db();
  const where: Prisma.TouchpointWhereInput = { campaignId, AND: [accessWhere(actor, "touchpoint.read", "Touchpoint")] };
  const [rows, total] = await Promise.all([
    prisma.touchpoint.findMany({
      where,
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: limit,
      select: { id: true, customerId: true, channel: true, direction: true, occurredAt: true, summary: true, outcome: true, customer: { select: { name: true } }, user: { select: { name: true } } },
    }),
    prisma.touchpoint.count({ where }),
  ]);
  return {
    items: rows.map((t) => ({ id: t.id, customerId: t.customerId, customerName: t.customer.name, channel: t.channel, direction: t.direction, occurredAt: t.occurredAt, summary: t.summary, outcome: t.outcome, userName: t.user?.name ?? null })),
    total,
  };
}

/** Campaigns a bulk action or another feature may offer, newest first. */
export async function campaignChoices(actor: Actor, statuses?: CampaignStatus[]): Promise<{ id: number; name: string; status: CampaignStatus }[]> {
  if (!can(actor, "campaign.read")) return [];
  const prisma = await db();
  return prisma.campaign.findMany({
    where: statuses ? { status: { in: statuses } } : {},
    select: { id: true, name: true, status: true },
    orderBy: [{ startsAt: "desc" }, { id: "desc" }],
  });
}

import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/platform/auth/permissions";
import { authorize } from "@/lib/platform/auth/guard";
import { requirePickable } from "@/lib/platform/auth/scope-filters";
import { writeAudit } from "@/lib/platform/audit";
import { now as clockNow } from "@/lib/platform/clock";
import { checkVersion, type Expected, type VersionedRecord, writeAtVersion } from "@/lib/platform/concurrency";
import { type Db, transaction, type Tx } from "@/lib/platform/db/prisma";
import type { CampaignMemberStatus, CampaignStatus } from "@/lib/platform/enums";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { parseCents } from "@/lib/platform/money";
import { dayRange } from "@/lib/platform/time-zone";
import { parseFilters, serializeListQuery } from "@/lib/customers/rules/list-query";
import { audienceOf, type CampaignRow, campaignRef, campaignSnapshot, companyTimeZone, findCampaign, periodInstants } from "@/lib/campaigns/queries";
import { CAMPAIGN_OPT_OUT, canMoveCampaign, isLaunched, responseRefusal, responseStamps } from "@/lib/campaigns/rules/status";
import type { CampaignInput, CostLineInput } from "@/lib/campaigns/schema";

/**
 * Campaign writes: create, edit (versioned), status changes, cost lines, and members' responses.
 * The launch (freezing the audience) is in ./launch.ts. Every write is authorised here, audited in the
 * same transaction, and refused with a message naming the field when the input breaks a rule.
 */

const ENTITY = "Campaign";

async function versionedCampaign(tx: Db, id: number, timeZone: string): Promise<VersionedRecord> {
  const row = await findCampaign(tx, id);
  if (!row) throw new NotAllowedError();
  return { version: row.version, snapshot: campaignSnapshot(row, timeZone) };
}

/** The audience filter as stored: the customer list's canonical query string, "me" made explicit (the launch may run as someone else). */
export function normaliseAudienceFilter(raw: string, actor: Actor): string {
  const filters = parseFilters(new URLSearchParams(raw));
  if (filters.owner?.kind === "me") filters.owner = { kind: "user", id: actor.id };
  return serializeListQuery(filters).toString();
}

/** Products and categories named in the input must exist: refused on the field otherwise. */
async function checkCatalogue(tx: Tx, input: CampaignInput): Promise<void> {
  if (input.promotedProductIds.length > 0) {
    const n = await tx.product.count({ where: { id: { in: input.promotedProductIds } } });
    if (n !== input.promotedProductIds.length) throw new RuleError("campaigns.validation.product", "promotedProductIds");
  }
  if (input.promotedCategoryIds.length > 0) {
    const n = await tx.productCategory.count({ where: { id: { in: input.promotedCategoryIds } } });
    if (n !== input.promotedCategoryIds.length) throw new RuleError("campaigns.validation.category", "promotedCategoryIds");
  }
  if (input.audience === "segment" && input.segmentId !== null) {
    if (!(await tx.segment.findUnique({ where: { id: input.segmentId }, select: { id: true } }))) throw new RuleError("campaigns.validation.segment", "segmentId");
  }
}

function dataOf(actor: Actor, input: CampaignInput, timeZone: string) {
  const { startsAt, endsAt } = periodInstants(input.startDate, input.endDate, timeZone);
  const segment = input.audience === "segment";
  return {
    name: input.name,
    type: input.type,
    description: input.description,
    objective: input.objective,
    offer: input.offer,
    startsAt,
    endsAt,
    budget: input.budget,
    expectedResponses: input.expectedResponses,
    ownerId: input.ownerId,
    graceDays: input.graceDays,
    attributePromotedOnly: input.attributePromotedOnly,
    holdoutPct: input.holdoutPct,
    fatigueDays: input.fatigueDays,
    promotedProductIds: input.promotedProductIds,
    promotedCategoryIds: input.promotedCategoryIds,
    segmentId: segment ? input.segmentId : null,
    // A segment audience keeps no filters (SQL NULL, not a JSON null).
    audienceFilter: segment ? Prisma.DbNull : normaliseAudienceFilter(input.audienceFilter, actor),
  };
}

function auditView(row: CampaignRow): Record<string, unknown> {
  return {
    name: row.name,
    type: row.type,
    status: row.status,
    description: row.description,
    objective: row.objective,
    offer: row.offer,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    budget: row.budget,
    expectedResponses: row.expectedResponses,
    ownerId: row.ownerId,
    graceDays: row.graceDays,
    attributePromotedOnly: row.attributePromotedOnly,
    holdoutPct: row.holdoutPct,
    fatigueDays: row.fatigueDays,
    promotedProductIds: row.promotedProductIds,
    promotedCategoryIds: row.promotedCategoryIds,
    segmentId: row.segmentId,
    audienceFilter: row.audienceFilter,
  };
}

/** Creates a draft campaign. Admins and managers (campaign.edit); the owner must be someone who may run campaigns. */
export async function createCampaign(actor: Actor, input: CampaignInput): Promise<{ id: number }> {
  const timeZone = await companyTimeZone();
  return transaction(async (tx) => {
    authorize(actor, "campaign.edit", ENTITY, null);
    const [owner] = await requirePickable(tx, actor, "campaign.edit", ENTITY, [input.ownerId], { roles: ["ADMIN", "MANAGER"] });
    authorize(actor, "campaign.edit", ENTITY, null, { ownerId: owner.id, ownerTeamId: owner.teamId });
    await checkCatalogue(tx, input);
    const created = await tx.campaign.create({ data: { ...dataOf(actor, input, timeZone), status: "DRAFT" }, select: { id: true } });
    const row = (await findCampaign(tx, created.id))!;
    await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: ENTITY, entityId: created.id, before: null, after: auditView(row) });
    return created;
  });
}

/** Fields frozen by the launch: the audience was selected, drawn and excluded with them. */
const FROZEN_AT_LAUNCH = ["type", "startsAt", "holdoutPct", "fatigueDays", "segmentId", "audienceFilter"] as const;
const FROZEN_FIELD_OF: Record<(typeof FROZEN_AT_LAUNCH)[number], string> = {
  type: "type",
  startsAt: "startDate",
  holdoutPct: "holdoutPct",
  fatigueDays: "fatigueDays",
  segmentId: "segmentId",
  audienceFilter: "audienceFilter",
};

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Saves the campaign at the version the form loaded. Before the launch everything may change; after
 * it, the audience and what drew it (channel, start, holdout, fatigue, segment or filters) are frozen,
 * and a cancelled or completed campaign is closed to edits.
 */
export async function updateCampaign(actor: Actor, id: number, expected: Expected, input: CampaignInput): Promise<void> {
  const timeZone = await companyTimeZone();
  await transaction(async (tx) => {
    const row = await findCampaign(tx, id);
    if (!row) throw new NotAllowedError();
    authorize(actor, "campaign.edit", ENTITY, id, campaignRef(row));
    checkVersion(ENTITY, id, expected, { version: row.version, snapshot: campaignSnapshot(row, timeZone) });
    if (row.status === "COMPLETED" || row.status === "CANCELLED") throw new RuleError("campaigns.errors.closed");
    if (input.ownerId !== row.ownerId) {
      const [owner] = await requirePickable(tx, actor, "campaign.edit", ENTITY, [input.ownerId], { roles: ["ADMIN", "MANAGER"] });
      authorize(actor, "campaign.edit", ENTITY, id, { ownerId: owner.id, ownerTeamId: owner.teamId });
    }
    await checkCatalogue(tx, input);
    const data = dataOf(actor, input, timeZone);
    if (isLaunched(row.status)) {
      for (const field of FROZEN_AT_LAUNCH) {
        const before = field === "audienceFilter" ? audienceOf(row).audienceFilter : row[field];
        const after = field === "audienceFilter" ? (typeof data.audienceFilter === "string" ? data.audienceFilter : "") : data[field];
        if (!sameValue(before, after)) throw new RuleError("campaigns.errors.frozenAfterLaunch", FROZEN_FIELD_OF[field]);
      }
    }
    await writeAtVersion(
      ENTITY,
      id,
      expected,
      (version) => tx.campaign.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } }),
      () => versionedCampaign(tx, id, timeZone),
    );
    const after = (await findCampaign(tx, id))!;
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: ENTITY, entityId: id, before: auditView(row), after: auditView(after) });
  });
}

/**
 * Moves the campaign along its workflow (lib/campaigns/rules/status.ts) — everything except going
 * ACTIVE, which is the launch (./launch.ts). Scheduling needs a start that is still to come (the launch
 * job starts it then); completing stamps nothing: the measurement window is the campaign's own.
 */
export async function changeCampaignStatus(actor: Actor, id: number, expected: Expected, to: CampaignStatus): Promise<void> {
  const timeZone = await companyTimeZone();
  await transaction(async (tx) => {
    const row = await findCampaign(tx, id);
    if (!row) throw new NotAllowedError();
    authorize(actor, "campaign.edit", ENTITY, id, campaignRef(row));
    checkVersion(ENTITY, id, expected, { version: row.version, snapshot: campaignSnapshot(row, timeZone) });
    if (to === "ACTIVE") throw new RuleError("campaigns.errors.launchToActivate", "status");
    if (!canMoveCampaign(row.status, to)) throw new RuleError("campaigns.errors.transition", "status");
    if (to === "SCHEDULED" && dayRange(campaignSnapshot(row, timeZone).startDate!, timeZone).start.getTime() <= clockNow().getTime()) {
      throw new RuleError("campaigns.errors.scheduleInPast", "status");
    }
    await writeAtVersion(
      ENTITY,
      id,
      expected,
      (version) => tx.campaign.updateMany({ where: { id, version }, data: { status: to, version: { increment: 1 } } }),
      () => versionedCampaign(tx, id, timeZone),
    );
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: ENTITY, entityId: id, before: { status: row.status }, after: { status: to } });
  });
}

/** Campaign.cost is the sum of its cost lines, recomputed from them in the same transaction (exact decimals in SQL). */
async function recomputeCost(tx: Tx, campaignId: number): Promise<string> {
  const [row] = await tx.$queryRawUnsafe<{ cost: string }[]>(
    `UPDATE "Campaign" c SET "cost" = COALESCE((SELECT sum(k."amount") FROM "CampaignCost" k WHERE k."campaignId" = c."id"), 0)
      WHERE c."id" = $1::int RETURNING c."cost"::text AS "cost"`,
    campaignId,
  );
  return row.cost;
}

async function lockedCampaign(tx: Tx, actor: Actor, campaignId: number): Promise<CampaignRow> {
  // The row lock serialises cost writes of one campaign, so each sum includes every committed line.
  await tx.$queryRawUnsafe(`SELECT 1 FROM "Campaign" WHERE "id" = $1::int FOR UPDATE`, campaignId);
  const row = await findCampaign(tx, campaignId);
  if (!row) throw new NotAllowedError();
  authorize(actor, "campaign.edit", ENTITY, campaignId, campaignRef(row));
  return row;
}

/** Adds an actual cost line (exact money); the campaign's cost becomes the new sum. */
export async function addCostLine(actor: Actor, input: CostLineInput): Promise<{ id: number; cost: string }> {
  const timeZone = await companyTimeZone();
  return transaction(async (tx) => {
    await lockedCampaign(tx, actor, input.campaignId);
    if (parseCents(input.amount) === null) throw new RuleError("campaigns.validation.costAmount", "amount");
    const created = await tx.campaignCost.create({
      data: { campaignId: input.campaignId, description: input.description, amount: input.amount, incurredOn: dayRange(input.incurredOn, timeZone).start, createdById: actor.id },
      select: { id: true },
    });
    const cost = await recomputeCost(tx, input.campaignId);
    await writeAudit(tx, {
      userId: actor.id,
      action: "CREATE",
      entity: "CampaignCost",
      entityId: created.id,
      before: null,
      after: { campaignId: input.campaignId, description: input.description, amount: input.amount, incurredOn: input.incurredOn, campaignCost: cost },
    });
    return { id: created.id, cost };
  });
}

/** Removes a cost line of the campaign; the campaign's cost becomes the new sum. */
export async function removeCostLine(actor: Actor, campaignId: number, costId: number): Promise<{ cost: string }> {
  return transaction(async (tx) => {
    await lockedCampaign(tx, actor, campaignId);
    const line = await tx.campaignCost.findFirst({ where: { id: costId, campaignId }, select: { id: true, description: true, amount: true, incurredOn: true } });
    if (!line) throw new NotAllowedError();
    await tx.campaignCost.delete({ where: { id: costId } });
    const cost = await recomputeCost(tx, campaignId);
    await writeAudit(tx, {
      userId: actor.id,
      action: "DELETE",
      entity: "CampaignCost",
      entityId: costId,
      before: { campaignId, description: line.description, amount: line.amount, incurredOn: line.incurredOn },
      after: null,
    });
    return { cost };
  });
}

const REFUSAL_MESSAGES = {
  control: "campaigns.errors.controlNotContacted",
  campaignNotRunning: "campaigns.errors.notRunning",
  backToTargeted: "campaigns.errors.backToTargeted",
  unchanged: "campaigns.errors.unchanged",
} as const;

/**
 * Records a member's response (contacted, responded, converted, declined, opted out). Who may:
 * campaignMember.respond (admin and managers all; a rep their own customers; an agent the call-list
 * entries assigned to them). A control member is never contacted: refused. An opt-out also puts the
 * customer on the channel's stop list (the customer's do-not-contact flag, with its own version bumped
 * so an open opt-out form sees the change), in the same transaction and audited on the customer.
 */
export async function recordResponse(actor: Actor, memberId: number, to: CampaignMemberStatus, at: Date = clockNow()): Promise<void> {
  await transaction(async (tx) => {
    const member = await tx.campaignMember.findUnique({
      where: { id: memberId },
      select: {
        id: true,
        campaignId: true,
        customerId: true,
        status: true,
        isControl: true,
        assignedToId: true,
        contactedAt: true,
        respondedAt: true,
        convertedAt: true,
        campaign: { select: { status: true, type: true } },
        customer: { select: { ownerId: true, owner: { select: { teamId: true } } } },
      },
    });
    if (!member) throw new NotAllowedError();
    authorize(actor, "campaignMember.respond", "CampaignMember", memberId, {
      ownerId: member.customer.ownerId,
      ownerTeamId: member.customer.owner?.teamId ?? null,
      assignedToId: member.assignedToId,
    });
    const refusal = responseRefusal(member.campaign.status, member, to);
    if (refusal) throw new RuleError(REFUSAL_MESSAGES[refusal], "status");
    const stamps = responseStamps(to);
    const data: Prisma.CampaignMemberUpdateManyMutationInput = { status: to };
    if (stamps.contacted && member.contactedAt === null) data.contactedAt = at;
    if (stamps.responded && member.respondedAt === null) data.respondedAt = at;
    if (stamps.converted && member.convertedAt === null) data.convertedAt = at;
    // The status read above is part of the write: two people recording at once cannot both win.
    const { count } = await tx.campaignMember.updateMany({ where: { id: memberId, status: member.status, isControl: false }, data });
    if (count === 0) throw new RuleError("campaigns.errors.memberChanged", "status");
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "CampaignMember", entityId: memberId, before: { status: member.status }, after: { status: to, campaignId: member.campaignId, customerId: member.customerId } });
    const flag = to === "OPTED_OUT" ? CAMPAIGN_OPT_OUT[member.campaign.type] : null;
    if (flag) {
      const customer = await tx.customer.findUnique({ where: { id: member.customerId }, select: { dncPhone: true, dncEmail: true, dncMail: true, dncSms: true } });
      if (customer && !customer[flag]) {
        await tx.customer.updateMany({ where: { id: member.customerId }, data: { [flag]: true, dncVersion: { increment: 1 } } });
        await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Customer", entityId: member.customerId, before: { [flag]: false }, after: { [flag]: true } });
      }
    }
  });
}

import "server-only";
import { dateOnly, SNAPSHOT_SELECT, snapshotOf, versionedOpportunity } from "@/lib/opportunities/queries";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { OPP_PAGE_SIZE, type OpportunityListQuery } from "@/lib/opportunities/rules/list-query";
import { checkStageChange, stageEffects } from "@/lib/opportunities/rules/stage-rules";
import { daysSince, isStale, staleCutoff } from "@/lib/opportunities/rules/stale";
import { CLOSED_STAGES, OPEN_STAGES } from "@/lib/opportunities/rules/stages";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OpportunityStage } from "@/lib/generated/prisma/enums";
import { now as clockNow } from "@/lib/platform/clock";
import { checkVersion, type Expected, type Snapshot, writeAtVersion } from "@/lib/platform/concurrency";
import { OPPORTUNITY_FIELDS, type MoveStageInput, type OpportunityInput } from "@/lib/opportunities/schema";
import { accessWhere, pickableUsers, requirePickable, SELLER_ROLES } from "@/lib/platform/auth/scope-filters";
import { writeAudit } from "@/lib/platform/audit";
import { db, type Db, transaction, type Tx } from "@/lib/platform/db/prisma";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { authorize, logReadDenied, requireRight } from "@/lib/platform/auth/guard";

const ENTITY = "Opportunity";

const OPP_SELECT = {
  id: true,
  name: true,
  customerId: true,
  customer: { select: { id: true, name: true } },
  amount: true,
  stage: true,
  probability: true,
  expectedCloseDate: true,
  ownerId: true,
  owner: { select: { id: true, name: true, teamId: true } },
  source: true,
  partnerId: true,
  partner: { select: { id: true, name: true } },
  competitor: true,
  nextStep: true,
  lostReason: true,
  closedAt: true,
  lastActivityAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  order: { select: { id: true } },
} as const satisfies Prisma.OpportunitySelect;

type OppRow = Prisma.OpportunityGetPayload<{ select: typeof OPP_SELECT }>;

export type OpportunityDto = {
  id: number;
  name: string;
  customer: { id: number; name: string };
  /** Exact decimal string. */
  amount: string;
  stage: OpportunityStage;
  probability: number;
  /** yyyy-mm-dd (a calendar date, no time of day). */
  expectedCloseDate: string;
  owner: { id: number; name: string };
  source: string | null;
  partner: { id: number; name: string } | null;
  competitor: string | null;
  nextStep: string | null;
  lostReason: string | null;
  closedAt: Date | null;
  lastActivityAt: Date;
  version: number;
  createdAt: Date;
  orderId: number | null;
  /** The editable fields as the form loads them: sent back on save to explain a conflict. */
  snapshot: Snapshot;
  can: { edit: boolean; winFromQuote: boolean };
};

function refOf(row: { ownerId: number; owner: { teamId: number | null } }) {
  return { ownerId: row.ownerId, ownerTeamId: row.owner.teamId };
}

function toDto(actor: Actor, row: OppRow): OpportunityDto {
  const ref = refOf(row);
  return {
    id: row.id,
    name: row.name,
    customer: row.customer,
    amount: row.amount.toFixed(2),
    stage: row.stage,
    probability: row.probability,
    expectedCloseDate: dateOnly(row.expectedCloseDate),
    owner: { id: row.owner.id, name: row.owner.name },
    source: row.source,
    partner: row.partner,
    competitor: row.competitor,
    nextStep: row.nextStep,
    lostReason: row.lostReason,
    closedAt: row.closedAt,
    lastActivityAt: row.lastActivityAt,
    version: row.version,
    createdAt: row.createdAt,
    orderId: row.order?.id ?? null,
    snapshot: snapshotOf(row),
    can: { edit: can(actor, "opportunity.edit", ref), winFromQuote: can(actor, "order.createFromQuote", ref) },
  };
}

function findRow(client: Db, id: number) {
  return client.opportunity.findUnique({ where: { id }, select: OPP_SELECT });
}

/** One deal; a deal the actor may not read answers like a missing one, and the refusal is logged. */
export async function getOpportunity(actor: Actor, id: number): Promise<OpportunityDto | null> {
  const row = await findRow(await db(), id);
  if (!row) return null;
  if (!can(actor, "opportunity.read", refOf(row))) {
    await logReadDenied(actor, "opportunity.read", ENTITY, id);
    return null;
  }
  return toDto(actor, row);
}

export type OpportunityListItem = {
  id: number;
  name: string;
  customer: { id: number; name: string };
  amount: string;
  stage: OpportunityStage;
  probability: number;
  expectedCloseDate: string;
  owner: { id: number; name: string };
  partner: { id: number; name: string } | null;
  lastActivityAt: Date;
  stale: boolean;
  staleDays: number;
};

export type OpportunityPage = { items: OpportunityListItem[]; total: number; page: number; pageSize: number; pages: number };

function listWhere(actor: Actor, q: OpportunityListQuery, now: Date): Prisma.OpportunityWhereInput {
  const and: Prisma.OpportunityWhereInput[] = [accessWhere(actor, "opportunity.read", ENTITY)];
  if (q.stage === "open") and.push({ stage: { in: [...OPEN_STAGES] } });
  else if (q.stage) and.push({ stage: q.stage });
  if (q.ownerId) and.push({ ownerId: q.ownerId });
  if (q.partnerId) and.push({ partnerId: q.partnerId });
  if (q.teamId) and.push({ owner: { teamId: q.teamId } });
  if (q.source !== undefined) and.push(q.source === "" ? { OR: [{ source: null }, { source: "" }] } : { source: q.source });
  if (q.categoryId) and.push({ productCategoryId: q.categoryId });
  if (q.region) and.push({ customer: { region: q.region } });
  // A deal's close date is when it closed, or for an open deal when it is expected to: the pipeline
  // dashboard counts deals in periods the same way, so a figure and the list behind it agree.
  if (q.closeFrom || q.closeTo) {
    const range = {
      ...(q.closeFrom ? { gte: new Date(`${q.closeFrom}T00:00:00Z`) } : {}),
      ...(q.closeTo ? { lt: new Date(Date.parse(`${q.closeTo}T00:00:00Z`) + 86_400_000) } : {}),
    };
    and.push({ OR: [{ closedAt: null, expectedCloseDate: range }, { closedAt: range }] });
  }
  // Only open deals can go stale: a closed one has nothing left to chase.
  if (q.staleOnly) and.push({ stage: { in: [...OPEN_STAGES] }, lastActivityAt: { lt: staleCutoff(now, q.staleDays) } });
  if (q.q) {
    and.push({
      OR: [{ name: { contains: q.q, mode: "insensitive" } }, { customer: { name: { contains: q.q, mode: "insensitive" } } }],
    });
  }
  return { AND: and };
}

const SORT_FIELD = { close: "expectedCloseDate", amount: "amount", name: "name", activity: "lastActivityAt", created: "createdAt" } as const;

export async function listOpportunities(actor: Actor, q: OpportunityListQuery, now = clockNow()): Promise<OpportunityPage> {
  await requireRight(actor, "opportunity.read", ENTITY);
  const prisma = await db();
  const where = listWhere(actor, q, now);
  const [total, rows] = await Promise.all([
    prisma.opportunity.count({ where }),
    prisma.opportunity.findMany({
      where,
      orderBy: [{ [SORT_FIELD[q.sort]]: q.dir }, { id: q.dir }],
      skip: (q.page - 1) * OPP_PAGE_SIZE,
      take: OPP_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        customer: { select: { id: true, name: true } },
        amount: true,
        stage: true,
        probability: true,
        expectedCloseDate: true,
        owner: { select: { id: true, name: true } },
        partner: { select: { id: true, name: true } },
        lastActivityAt: true,
      },
    }),
  ]);
  return {
    items: rows.map((r) => ({
      ...r,
      amount: r.amount.toFixed(2),
      expectedCloseDate: dateOnly(r.expectedCloseDate),
      stale: !(CLOSED_STAGES as readonly string[]).includes(r.stage) && isStale(r.lastActivityAt, now, q.staleDays),
      staleDays: daysSince(r.lastActivityAt, now),
    })),
    total,
    page: q.page,
    pageSize: OPP_PAGE_SIZE,
    pages: Math.max(1, Math.ceil(total / OPP_PAGE_SIZE)),
  };
}

export type OpportunityFormOptions = {
  owners: { id: number; name: string }[];
  partners: { id: number; name: string }[];
};

/** Owners the actor may give a deal to (the edit right's reach), and active partners. */
export async function getOpportunityFormOptions(actor: Actor): Promise<OpportunityFormOptions> {
  const prisma = await db();
  const [owners, partners] = await Promise.all([
    pickableUsers(actor, "opportunity.edit", { roles: SELLER_ROLES, actorFirst: false }),
    can(actor, "partner.read") ? prisma.partner.findMany({ where: { active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } }) : [],
  ]);
  return { owners, partners };
}

/**
 * The owner-to-be of a deal, if the actor may give it to them; anyone else, existing or not, is
 * refused alike (and logged), so the owner field probes nobody.
 */
async function ownerRef(tx: Tx, actor: Actor, ownerId: number) {
  const [user] = await requirePickable(tx, actor, "opportunity.edit", ENTITY, [ownerId], { roles: SELLER_ROLES });
  return { ownerId, ownerTeamId: user.teamId };
}

async function checkReferences(tx: Tx, input: OpportunityInput): Promise<void> {
  const customer = await tx.customer.findFirst({ where: { id: input.customerId, deletedAt: null }, select: { id: true } });
  if (!customer) throw new RuleError("opportunities.validation.customer", "customerId");
  if (input.partnerId !== null) {
    const partner = await tx.partner.findFirst({ where: { id: input.partnerId, active: true }, select: { id: true } });
    if (!partner) throw new RuleError("opportunities.validation.partner", "partnerId");
  }
}

function dataOf(input: OpportunityInput) {
  return {
    name: input.name,
    customerId: input.customerId,
    amount: input.amount,
    stage: input.stage,
    probability: input.probability,
    expectedCloseDate: input.expectedCloseDate,
    source: input.source,
    partnerId: input.partnerId,
    competitor: input.competitor,
    nextStep: input.nextStep,
  };
}

/** A new deal belongs to the actor unless they may and do pick another owner in their scope. */
export async function createOpportunity(actor: Actor, input: OpportunityInput, now = clockNow()): Promise<OpportunityDto> {
  return transaction(async (tx) => {
    const ownerId = input.ownerId ?? actor.id;
    authorize(actor, "opportunity.edit", ENTITY, null, await ownerRef(tx, actor, ownerId));
    await checkReferences(tx, input);
    const effects = stageEffects(input.stage, input.lostReason, now);
    const created = await tx.opportunity.create({
      data: { ...dataOf(input), ownerId, closedAt: effects.closedAt, lostReason: effects.lostReason, lastActivityAt: now },
      select: OPP_SELECT,
    });
    await tx.opportunityStageChange.create({ data: { opportunityId: created.id, fromStage: null, toStage: created.stage, changedAt: now, changedById: actor.id } });
    await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: ENTITY, entityId: created.id, before: null, after: snapshotOf(created) });
    return toDto(actor, created);
  });
}

/**
 * Saves the detail form. `expected` is the version (and snapshot) the form loaded; if someone saved
 * in between, nothing is written and ConflictError names the fields they changed.
 * A stage change here follows the same rules as a board move, but keeps the probability the user set.
 */
export async function updateOpportunity(actor: Actor, id: number, expected: Expected, input: OpportunityInput, now = clockNow()): Promise<OpportunityDto> {
  return transaction(async (tx) => {
    const row = await findRow(tx, id);
    if (!row) throw new NotAllowedError();
    authorize(actor, "opportunity.edit", ENTITY, id, refOf(row));
    const ownerId = input.ownerId ?? row.ownerId;
    if (ownerId !== row.ownerId) authorize(actor, "opportunity.edit", ENTITY, id, await ownerRef(tx, actor, ownerId));
    checkVersion(ENTITY, id, expected, { version: row.version, snapshot: snapshotOf(row) });
    await checkReferences(tx, input);
    const rule = checkStageChange({ from: row.stage, to: input.stage, lostReason: input.lostReason, hasOrder: row.order !== null });
    if (rule) throw new RuleError(`opportunities.rules.${rule}`, rule === "lostReasonRequired" ? "lostReason" : "stage");
    const stageChanged = input.stage !== row.stage;
    const effects = stageEffects(input.stage, input.lostReason, now);
    await writeAtVersion(
      ENTITY,
      id,
      expected,
      (version) =>
        tx.opportunity.updateMany({
          where: { id, version },
          data: {
            ...dataOf(input),
            ownerId,
            lostReason: effects.lostReason,
            closedAt: stageChanged ? effects.closedAt : row.closedAt,
            lastActivityAt: now,
            version: { increment: 1 },
          },
        }),
      () => versionedOpportunity(tx, id),
    );
    if (stageChanged) await tx.opportunityStageChange.create({ data: { opportunityId: id, fromStage: row.stage, toStage: input.stage, changedAt: now, changedById: actor.id } });
    const updated = (await findRow(tx, id))!;
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: ENTITY, entityId: id, before: snapshotOf(row), after: snapshotOf(updated) });
    return toDto(actor, updated);
  });
}

export type MoveResult = { id: number; stage: OpportunityStage; probability: number; version: number; lostReason: string | null };

/**
 * A board move: stage, its default probability, closedAt for WON/LOST, last activity, one history
 * row and one audit row, all in one transaction. `version` is the card's (`seen`: what the card
 * showed): a card someone changed meanwhile is refused as a conflict rather than moved on stale
 * information.
 */
export async function moveOpportunityStage(actor: Actor, input: MoveStageInput & { seen?: Snapshot | null }, now = clockNow()): Promise<MoveResult> {
  const expected: Expected = { version: input.version, seen: input.seen };
  return transaction(async (tx) => {
    const row = await tx.opportunity.findUnique({
      where: { id: input.id },
      select: { ...SNAPSHOT_SELECT, id: true, closedAt: true, owner: { select: { teamId: true } }, order: { select: { id: true } } },
    });
    if (!row) throw new NotAllowedError();
    authorize(actor, "opportunity.edit", ENTITY, input.id, refOf(row));
    checkVersion(ENTITY, input.id, expected, { version: row.version, snapshot: snapshotOf(row) });
    const rule = checkStageChange({ from: row.stage, to: input.stage, lostReason: input.lostReason, hasOrder: row.order !== null });
    if (rule) throw new RuleError(`opportunities.rules.${rule}`, rule === "lostReasonRequired" ? "lostReason" : undefined);
    if (row.stage === input.stage) return { id: row.id, stage: row.stage, probability: row.probability, version: row.version, lostReason: row.lostReason };
    const effects = stageEffects(input.stage, input.lostReason, now);
    await writeAtVersion(
      ENTITY,
      input.id,
      expected,
      (version) => tx.opportunity.updateMany({ where: { id: input.id, version }, data: { stage: input.stage, ...effects, lastActivityAt: now, version: { increment: 1 } } }),
      () => versionedOpportunity(tx, input.id),
    );
    await tx.opportunityStageChange.create({ data: { opportunityId: input.id, fromStage: row.stage, toStage: input.stage, changedAt: now, changedById: actor.id } });
    await writeAudit(tx, {
      userId: actor.id,
      action: "UPDATE",
      entity: ENTITY,
      entityId: input.id,
      before: { stage: row.stage, probability: row.probability, closedAt: row.closedAt, lostReason: row.lostReason },
      after: { stage: input.stage, ...effects },
    });
    return { id: input.id, stage: input.stage, probability: effects.probability, version: input.version + 1, lostReason: effects.lostReason };
  });
}

export type OpportunityRelated = {
  history: { id: number; fromStage: OpportunityStage | null; toStage: OpportunityStage; changedAt: Date; changedBy: string | null }[];
  quotes: { id: number; status: string; total: string; createdAt: Date; acceptedAt: Date | null }[];
  tasks: { id: number; title: string; dueAt: Date; status: string }[];
  touchpoints: { id: number; channel: string; direction: string; occurredAt: Date; summary: string }[];
};

/**
 * Everything the detail page lists under a deal. Each list keeps its own read rule: a teammate's task
 * on the deal shows to a manager, not to the rep who owns the deal.
 */
export async function getOpportunityRelated(actor: Actor, id: number): Promise<OpportunityRelated> {
  const prisma = await db();
  const row = await findRow(prisma, id);
  if (!row) throw new NotAllowedError();
  if (!can(actor, "opportunity.read", refOf(row))) {
    await logReadDenied(actor, "opportunity.read", ENTITY, id);
    throw new NotAllowedError();
  }
  const [history, quotes, tasks, touchpoints] = await Promise.all([
    prisma.opportunityStageChange.findMany({
      where: { opportunityId: id },
      orderBy: [{ changedAt: "desc" }, { id: "desc" }],
      take: 100,
      select: { id: true, fromStage: true, toStage: true, changedAt: true, changedBy: { select: { name: true } } },
    }),
    prisma.quote.findMany({ where: { opportunityId: id }, orderBy: { id: "desc" }, select: { id: true, status: true, total: true, createdAt: true, acceptedAt: true } }),
    prisma.task.findMany({ where: { AND: [{ opportunityId: id }, accessWhere(actor, "task.read", "Task")] }, orderBy: { dueAt: "desc" }, take: 50, select: { id: true, title: true, dueAt: true, status: true } }),
    prisma.touchpoint.findMany({ where: { opportunityId: id }, orderBy: { occurredAt: "desc" }, take: 50, select: { id: true, channel: true, direction: true, occurredAt: true, summary: true } }),
  ]);
  return {
    history: history.map((h) => ({ id: h.id, fromStage: h.fromStage, toStage: h.toStage, changedAt: h.changedAt, changedBy: h.changedBy?.name ?? null })),
    quotes: quotes.map((q) => ({ ...q, total: q.total.toFixed(2) })),
    tasks,
    touchpoints,
  };
}

export { OPPORTUNITY_FIELDS, refOf as opportunityRef, OPP_SELECT, findRow as findOpportunityRow, toDto as opportunityDto, versionedOpportunity, SNAPSHOT_SELECT as OPPORTUNITY_SNAPSHOT_SELECT };

import "server-only";
import { CACHE_TAGS, invalidateCache } from "@/lib/platform/cache";
import { refOf } from "@/lib/customers/queries";
import type { Actor } from "@/lib/platform/auth/permissions";
import { can } from "@/lib/platform/auth/permissions";
import { now as clockNow } from "@/lib/platform/clock";
import { checkVersion, type Expected, type Snapshot, snapshotOf, type VersionedRecord, writeAtVersion } from "@/lib/platform/concurrency";
import type { CustomerInput, DoNotContactInput } from "@/lib/customers/schema";
import { accessWhere, pickableUsers, requirePickable, SELLER_ROLES } from "@/lib/platform/auth/scope-filters";
import { writeAudit } from "@/lib/platform/audit";
import { type CurrentScore, currentScores, NO_SCORE } from "@/lib/scoring/queries";
import { db, type Db, transaction } from "@/lib/platform/db/prisma";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import { authorize } from "@/lib/platform/auth/guard";

const CUSTOMER_SELECT = {
  id: true,
  kind: true,
  name: true,
  email: true,
  phone: true,
  company: true,
  region: true,
  industry: true,
  source: true,
  notes: true,
  ownerId: true,
  owner: { select: { id: true, name: true, teamId: true } },
  dncPhone: true,
  dncEmail: true,
  dncMail: true,
  dncSms: true,
  dncVersion: true,
  totalSpend: true,
  firstPurchaseAt: true,
  lastPurchaseAt: true,
  lastContactAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

const EDITABLE = ["kind", "name", "email", "phone", "company", "region", "industry", "source", "notes", "ownerId"] as const;

export type CustomerDto = {
  id: number;
  kind: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  region: string;
  industry: string | null;
  source: string | null;
  notes: string | null;
  owner: { id: number; name: string } | null;
  /** The owner's team, for permission checks on related records (tickets, contacts). */
  ownerTeamId: number | null;
  lifecycleStage: string;
  doNotContact: DoNotContactInput;
  /** The opt-out flags' own version and snapshot (they are saved apart from the profile). */
  doNotContactVersion: number;
  doNotContactSnapshot: Snapshot;
  tier: string | null;
  tierRank: number | null;
  abcSegment: string | null;
  rfmCode: string | null;
  rfmGroup: string | null;
  /** Money as exact decimal strings. */
  totalSpend: string;
  historicalClv: string | null;
  predictedClv: string | null;
  pAlive: number | null;
  churnRisk: number | null;
  scoredAt: Date | null;
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  lastContactAt: Date | null;
  version: number;
  /** The profile as the form shows it at `version`: posted back with a save to explain a conflict. */
  snapshot: Snapshot;
  createdAt: Date;
  updatedAt: Date;
  /** What the acting user may do with this record, so the UI shows only usable controls. */
  can: { edit: boolean; reassign: boolean; delete: boolean };
};

type CustomerRow = NonNullable<Awaited<ReturnType<typeof findRow>>>;

/** The customer with its current scores (the newest snapshot's row; see current-score.ts). */
export async function findRow(client: Db, id: number) {
  const row = await client.customer.findFirst({ where: { id, deletedAt: null }, select: CUSTOMER_SELECT });
  if (!row) return null;
  const score: CurrentScore = (await currentScores(client, [id])).get(id) ?? NO_SCORE;
  return { ...row, score };
}

export function toDto(actor: Actor, row: CustomerRow): CustomerDto {
  const ref = refOf(row);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    email: row.email,
    phone: row.phone,
    company: row.company,
    region: row.region,
    industry: row.industry,
    source: row.source,
    notes: row.notes,
    owner: row.owner ? { id: row.owner.id, name: row.owner.name } : null,
    ownerTeamId: row.owner?.teamId ?? null,
    lifecycleStage: row.score.lifecycleStage,
    doNotContact: { dncPhone: row.dncPhone, dncEmail: row.dncEmail, dncMail: row.dncMail, dncSms: row.dncSms },
    doNotContactVersion: row.dncVersion,
    doNotContactSnapshot: dncSnapshot(row),
    tier: row.score.tier,
    tierRank: row.score.tierRank,
    abcSegment: row.score.abcSegment,
    rfmCode: row.score.rfmCode,
    rfmGroup: row.score.rfmGroup,
    totalSpend: row.totalSpend.toFixed(2),
    historicalClv: row.score.historicalClv,
    predictedClv: row.score.predictedClv,
    pAlive: row.score.pAlive,
    churnRisk: row.score.churnRisk,
    scoredAt: row.score.scoredAt,
    firstPurchaseAt: row.firstPurchaseAt,
    lastPurchaseAt: row.lastPurchaseAt,
    lastContactAt: row.lastContactAt,
    version: row.version,
    snapshot: customerSnapshot(row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    can: {
      edit: can(actor, "customer.edit", ref),
      reassign: can(actor, "customer.reassign", ref),
      delete: can(actor, "customer.delete", ref),
    },
  };
}

/** Everyone signed in reads the shared customer base; a deleted customer reads as missing. */
export async function getCustomer(actor: Actor, id: number): Promise<CustomerDto | null> {
  const prisma = await db();
  const row = await findRow(prisma, id);
  if (!row || !can(actor, "customer.read", refOf(row))) return null;
  return toDto(actor, row);
}

/**
 * The team of the owner-to-be, if the actor may give customers to them under `action`; anyone else,
 * existing or not, is refused alike (and logged), so the owner field probes nobody.
 */
export async function teamOf(client: Db, actor: Actor, action: "customer.create" | "customer.reassign", userId: number | null): Promise<number | null> {
  if (userId === null) return null;
  const [user] = await requirePickable(client, actor, action, "Customer", [userId], { roles: SELLER_ROLES });
  return user.teamId;
}

/** The owner a new customer gets when the form leaves it open: reps and managers own what they create. */
function defaultOwner(actor: Actor, requested: number | null | undefined): number | null {
  if (requested !== undefined && requested !== null) return requested;
  return actor.role === "AGENT" ? null : actor.id;
}

export { CUSTOMER_SELECT };
export type { CustomerRow };

export async function createCustomer(actor: Actor, input: CustomerInput): Promise<CustomerDto> {
  return transaction(async (tx) => {
    const ownerId = defaultOwner(actor, input.ownerId);
    const ownerTeamId = await teamOf(tx, actor, "customer.create", ownerId);
    authorize(actor, "customer.create", "Customer", null, { ownerId, ownerTeamId });
    const created = { ...(await tx.customer.create({ data: { ...input, ownerId }, select: CUSTOMER_SELECT })), score: NO_SCORE };
    await invalidateCache(tx, CACHE_TAGS.customerRegions);
    await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: "Customer", entityId: created.id, before: null, after: pick(created) });
    return toDto(actor, created);
  });
}

export function pick(row: CustomerRow): Record<string, unknown> {
  return Object.fromEntries(EDITABLE.map((k) => [k, row[k]]));
}

const DNC_FLAGS = ["dncPhone", "dncEmail", "dncMail", "dncSms"] as const;

/** The profile fields the form edits, as conflicts report them. */
export function customerSnapshot(row: Pick<CustomerRow, (typeof EDITABLE)[number]>): Snapshot {
  return snapshotOf(row, EDITABLE);
}

export function dncSnapshot(row: DoNotContactInput): Snapshot {
  return snapshotOf(row, DNC_FLAGS);
}

/** The customer as the conflict check sees it now; a customer deleted meanwhile reads as missing. */
export async function versionedCustomer(client: Db, id: number): Promise<VersionedRecord> {
  const row = await client.customer.findFirst({ where: { id, deletedAt: null }, select: CUSTOMER_SELECT });
  if (!row) throw new NotAllowedError();
  return { version: row.version, snapshot: customerSnapshot(row) };
}

/**
 * Edits a profile. `expected` is the version (and snapshot) the form loaded: if someone saved in
 * between, the update matches no row and the caller gets a ConflictError naming what they changed,
 * never a silent overwrite.
 */
export async function updateCustomer(actor: Actor, id: number, expected: Expected, input: CustomerInput): Promise<CustomerDto> {
  return transaction(async (tx) => {
    const row = await findRow(tx, id);
    if (!row) throw new NotAllowedError();
    authorize(actor, "customer.edit", "Customer", id, refOf(row));
    const ownerId = input.ownerId === undefined ? row.ownerId : input.ownerId;
    if (ownerId !== row.ownerId) {
      // Reassigning needs the right over the record as it is and over where it goes.
      authorize(actor, "customer.reassign", "Customer", id, refOf(row));
      const ownerTeamId = await teamOf(tx, actor, "customer.reassign", ownerId);
      authorize(actor, "customer.reassign", "Customer", id, { ownerId, ownerTeamId });
    }
    checkVersion("Customer", id, expected, { version: row.version, snapshot: customerSnapshot(row) });
    await writeAtVersion(
      "Customer",
      id,
      expected,
      (version) => tx.customer.updateMany({ where: { id, version, deletedAt: null }, data: { ...input, ownerId, version: { increment: 1 } } }),
      () => versionedCustomer(tx, id),
    );
    const updated = (await findRow(tx, id))!;
    if (updated.region !== row.region) await invalidateCache(tx, CACHE_TAGS.customerRegions);
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Customer", entityId: id, before: pick(row), after: pick(updated) });
    return toDto(actor, updated);
  });
}

/**
 * Opt-outs are recorded at once by whoever hears them (every role may), and audited. `change` holds
 * only the flags the user changed, so a save never rewrites a flag the user did not touch; the flags
 * carry their own version (`dncVersion`), so an opt-out never conflicts with a profile edit.
 */
export async function setDoNotContact(actor: Actor, id: number, expected: Expected, change: Partial<DoNotContactInput>): Promise<CustomerDto> {
  return transaction(async (tx) => {
    const row = await findRow(tx, id);
    if (!row) throw new NotAllowedError();
    authorize(actor, "customer.setDoNotContact", "Customer", id, refOf(row));
    checkVersion("CustomerOptOut", id, expected, { version: row.dncVersion, snapshot: dncSnapshot(row) });
    const flags = DNC_FLAGS.filter((f) => typeof change[f] === "boolean");
    if (flags.length === 0) return toDto(actor, row);
    const data = Object.fromEntries(flags.map((f) => [f, change[f]]));
    await writeAtVersion(
      "CustomerOptOut",
      id,
      expected,
      (dncVersion) => tx.customer.updateMany({ where: { id, dncVersion, deletedAt: null }, data: { ...data, dncVersion: { increment: 1 } } }),
      async () => {
        const now = await tx.customer.findFirst({ where: { id, deletedAt: null }, select: { dncVersion: true, dncPhone: true, dncEmail: true, dncMail: true, dncSms: true } });
        if (!now) throw new NotAllowedError();
        return { version: now.dncVersion, snapshot: dncSnapshot(now) };
      },
    );
    const before = Object.fromEntries(flags.map((f) => [f, row[f]]));
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Customer", entityId: id, before, after: data });
    return toDto(actor, (await findRow(tx, id))!);
  });
}

/** Soft delete: the customer leaves every list but stays restorable from the recycle bin for 30 days. */
export async function deleteCustomer(actor: Actor, id: number, expected: Expected): Promise<void> {
  await transaction(async (tx) => {
    const row = await findRow(tx, id);
    if (!row) throw new NotAllowedError();
    authorize(actor, "customer.delete", "Customer", id, refOf(row));
    checkVersion("Customer", id, expected, { version: row.version, snapshot: customerSnapshot(row) });
    const deletedAt = clockNow();
    await writeAtVersion(
      "Customer",
      id,
      expected,
      (version) => tx.customer.updateMany({ where: { id, version, deletedAt: null }, data: { deletedAt, deletedById: actor.id, version: { increment: 1 } } }),
      () => versionedCustomer(tx, id),
    );
    await invalidateCache(tx, CACHE_TAGS.customerRegions);
    await writeAudit(tx, { userId: actor.id, action: "DELETE", entity: "Customer", entityId: id, before: { ...pick(row), deletedAt: null }, after: { ...pick(row), deletedAt } });
  });
}

export const RECYCLE_DAYS = 30;

export type RecycledCustomer = {
  id: number;
  name: string;
  kind: string;
  region: string;
  ownerName: string | null;
  deletedAt: Date;
  deletedByName: string | null;
  /** After this the customer can no longer be restored. */
  restorableUntil: Date;
};

function recycleCutoff(now = clockNow()): Date {
  return new Date(now.getTime() - RECYCLE_DAYS * 86_400_000);
}

/** Customers deleted in the last 30 days that this actor may restore (ADMIN all, MANAGER their team's). */
export async function listRecycleBin(actor: Actor): Promise<RecycledCustomer[]> {
  if (!can(actor, "recycleBin.use")) return [];
  const prisma = await db();
  const visible = await prisma.customer.findMany({
    where: { AND: [accessWhere(actor, "recycleBin.use", "Customer"), { deletedAt: { gte: recycleCutoff() }, mergedIntoId: null }] },
    select: { id: true, name: true, kind: true, region: true, deletedAt: true, deletedById: true, owner: { select: { name: true } } },
    orderBy: [{ deletedAt: "desc" }, { id: "desc" }],
    take: 500,
  });
  const deleters = await prisma.user.findMany({ where: { id: { in: visible.map((r) => r.deletedById ?? 0) } }, select: { id: true, name: true } });
  const names = new Map(deleters.map((u) => [u.id, u.name]));
  return visible.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    region: r.region,
    ownerName: r.owner?.name ?? null,
    deletedAt: r.deletedAt!,
    deletedByName: r.deletedById ? (names.get(r.deletedById) ?? null) : null,
    restorableUntil: new Date(r.deletedAt!.getTime() + RECYCLE_DAYS * 86_400_000),
  }));
}

export async function restoreCustomer(actor: Actor, id: number): Promise<CustomerDto> {
  return transaction(async (tx) => {
    const row = await tx.customer.findFirst({
      where: { id, deletedAt: { not: null }, mergedIntoId: null },
      select: { id: true, ownerId: true, deletedAt: true, version: true, owner: { select: { teamId: true } } },
    });
    // A purged customer (lib/recycle-bin: a PURGE row marks it) keeps deletedAt but is no longer in the bin.
    const purged = row ? await tx.auditLog.findFirst({ where: { entity: "Customer", entityId: String(id), action: "PURGE" }, select: { id: true } }) : null;
    if (!row || purged) throw new NotAllowedError();
    const ref = refOf(row);
    authorize(actor, "recycleBin.use", "Customer", id, ref);
    authorize(actor, "customer.delete", "Customer", id, ref);
    if (row.deletedAt! < recycleCutoff()) throw new RuleError("customers.recycle.expired");
    // The version read above is part of the write: a second restore (or a merge) in between wins, this one changes nothing.
    const { count } = await tx.customer.updateMany({ where: { id, version: row.version, deletedAt: { not: null }, mergedIntoId: null }, data: { deletedAt: null, deletedById: null, version: { increment: 1 } } });
    if (count === 0) throw new NotAllowedError();
    const restored = (await findRow(tx, id))!;
    await invalidateCache(tx, CACHE_TAGS.customerRegions);
    await writeAudit(tx, { userId: actor.id, action: "RESTORE", entity: "Customer", entityId: id, before: { deletedAt: row.deletedAt }, after: { deletedAt: null } });
    return toDto(actor, restored);
  });
}

/**
 * Reassigns several customers in one transaction: every one must be allowed (the actor's right over
 * the customer as it is and over the new owner), or none changes.
 */
export async function bulkReassign(actor: Actor, ids: number[], ownerId: number): Promise<number> {
  return transaction(async (tx) => {
    const ownerTeamId = await teamOf(tx, actor, "customer.reassign", ownerId);
    const rows = await tx.customer.findMany({ where: { id: { in: ids }, deletedAt: null }, select: { id: true, ownerId: true, version: true, owner: { select: { teamId: true } } } });
    if (rows.length !== new Set(ids).size) throw new NotAllowedError({ userId: actor.id, action: "customer.reassign", entity: "Customer", entityId: null });
    for (const row of rows) {
      authorize(actor, "customer.reassign", "Customer", row.id, refOf(row));
      authorize(actor, "customer.reassign", "Customer", row.id, { ownerId, ownerTeamId });
    }
    const moving = rows.filter((r) => r.ownerId !== ownerId);
    if (moving.length === 0) return 0;
    // Each row's version as read (and authorised) is part of the write: a customer someone changed
    // meanwhile (e.g. reassigned elsewhere) is not moved on stale information; nothing is.
    const { count } = await tx.customer.updateMany({ where: { OR: moving.map((r) => ({ id: r.id, version: r.version, deletedAt: null })) }, data: { ownerId, version: { increment: 1 } } });
    if (count !== moving.length) throw new ConflictError("Customer", "bulk", { version: 0, changes: [], current: {} });
    for (const row of moving) {
      await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Customer", entityId: row.id, before: { ownerId: row.ownerId }, after: { ownerId } });
    }
    return moving.length;
  });
}

/**
 * Hand-picked customers never join a campaign directly: before the launch a campaign's audience is a
 * rule (a segment or the list's filters) and at the launch it is frozen (lib/campaigns/launch.ts). A
 * selection goes into a static segment instead ("Add to static segment" / "Save as segment"), which a
 * campaign then targets. Kept as a refusal so an old form or client posting it gets that answer.
 */
export async function addToCampaign(actor: Actor, _ids: number[], campaignId: number): Promise<number> {
  return transaction(async (tx) => {
    const campaign = await tx.campaign.findUnique({ where: { id: campaignId }, select: { id: true, ownerId: true, owner: { select: { teamId: true } } } });
    if (!campaign) throw new NotAllowedError();
    authorize(actor, "campaign.edit", "Campaign", campaignId, { ownerId: campaign.ownerId, ownerTeamId: campaign.owner?.teamId ?? null });
    throw new RuleError("campaigns.errors.bulkAddUseSegment");
  });
}

export type BulkTargets = {
  owners: { id: number; name: string }[];
  segments: { id: number; name: string }[];
  campaigns: { id: number; name: string }[];
};

/** What the bulk-action menu may offer this actor: only targets the DAL would accept. */
export async function getBulkTargets(actor: Actor): Promise<BulkTargets> {
  const prisma = await db();
  const [owners, segments, campaigns] = await Promise.all([
    pickableUsers(actor, "customer.reassign", { roles: SELLER_ROLES, actorFirst: false }),
    // Only static lists take hand-picked members (the segments feature adds them, with history).
    can(actor, "segment.edit")
      ? prisma.segment.findMany({ where: { AND: [accessWhere(actor, "segment.edit", "Segment"), { kind: "STATIC", builtInKey: null }] }, select: { id: true, name: true }, orderBy: { name: "asc" } })
      : Promise.resolve([]),
    // No campaign takes hand-picked members (see addToCampaign): the bar offers none.
    Promise.resolve([] as { id: number; name: string }[]),
  ]);
  return { owners, segments, campaigns };
}

/** Active users a customer may be given to by this actor (for the profile form's owner field). */
export async function listAssignableOwners(actor: Actor): Promise<{ id: number; name: string }[]> {
  return (await getBulkTargets(actor)).owners;
}

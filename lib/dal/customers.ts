import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/permissions";
import type { CustomerInput, DoNotContactInput } from "@/lib/validation/customer";
import { writeAudit } from "./audit";
import { db, type Db, transaction } from "./db";
import { ConflictError, NotAllowedError } from "./errors";
import { authorize } from "./guard";

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
  lifecycleStage: true,
  dncPhone: true,
  dncEmail: true,
  dncMail: true,
  dncSms: true,
  tier: true,
  tierRank: true,
  abcSegment: true,
  rfmCode: true,
  rfmGroup: true,
  totalSpend: true,
  historicalClv: true,
  predictedClv: true,
  pAlive: true,
  churnRisk: true,
  scoredAt: true,
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
  lifecycleStage: string;
  doNotContact: DoNotContactInput;
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
  createdAt: Date;
  updatedAt: Date;
  /** What the acting user may do with this record, so the UI shows only usable controls. */
  can: { edit: boolean; reassign: boolean; delete: boolean };
};

type CustomerRow = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function findRow(client: Db, id: number) {
  return client.customer.findFirst({ where: { id, deletedAt: null }, select: CUSTOMER_SELECT });
}

function refOf(row: { ownerId: number | null; owner: { teamId: number | null } | null }) {
  return { ownerId: row.ownerId, ownerTeamId: row.owner?.teamId ?? null };
}

function toDto(actor: Actor, row: CustomerRow): CustomerDto {
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
    lifecycleStage: row.lifecycleStage,
    doNotContact: { dncPhone: row.dncPhone, dncEmail: row.dncEmail, dncMail: row.dncMail, dncSms: row.dncSms },
    tier: row.tier,
    tierRank: row.tierRank,
    abcSegment: row.abcSegment,
    rfmCode: row.rfmCode,
    rfmGroup: row.rfmGroup,
    totalSpend: row.totalSpend.toFixed(2),
    historicalClv: row.historicalClv?.toFixed(2) ?? null,
    predictedClv: row.predictedClv?.toFixed(2) ?? null,
    pAlive: row.pAlive,
    churnRisk: row.churnRisk,
    scoredAt: row.scoredAt,
    firstPurchaseAt: row.firstPurchaseAt,
    lastPurchaseAt: row.lastPurchaseAt,
    lastContactAt: row.lastContactAt,
    version: row.version,
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

async function teamOf(client: Db, userId: number | null): Promise<number | null> {
  if (userId === null) return null;
  const user = await client.user.findFirst({ where: { id: userId, active: true }, select: { teamId: true } });
  if (!user) throw new NotAllowedError();
  return user.teamId;
}

/** The owner a new customer gets when the form leaves it open: reps and managers own what they create. */
function defaultOwner(actor: Actor, requested: number | null | undefined): number | null {
  if (requested !== undefined && requested !== null) return requested;
  return actor.role === "AGENT" ? null : actor.id;
}

export async function createCustomer(actor: Actor, input: CustomerInput): Promise<CustomerDto> {
  return transaction(async (tx) => {
    const ownerId = defaultOwner(actor, input.ownerId);
    const ownerTeamId = await teamOf(tx, ownerId);
    authorize(actor, "customer.create", "Customer", null, { ownerId, ownerTeamId });
    const created = await tx.customer.create({ data: { ...input, ownerId }, select: CUSTOMER_SELECT });
    await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: "Customer", entityId: created.id, before: null, after: pick(created) });
    return toDto(actor, created);
  });
}

function pick(row: CustomerRow): Record<string, unknown> {
  return Object.fromEntries(EDITABLE.map((k) => [k, row[k]]));
}

/**
 * Edits a profile. `version` is the one the form loaded: if someone saved in between, the update
 * matches no row and the caller gets a ConflictError with the current values, never a silent overwrite.
 */
export async function updateCustomer(actor: Actor, id: number, version: number, input: CustomerInput): Promise<CustomerDto> {
  return transaction(async (tx) => {
    const row = await findRow(tx, id);
    if (!row) throw new NotAllowedError();
    authorize(actor, "customer.edit", "Customer", id, refOf(row));
    const ownerId = input.ownerId === undefined ? row.ownerId : input.ownerId;
    if (ownerId !== row.ownerId) {
      // Reassigning needs the right over the record as it is and over where it goes.
      authorize(actor, "customer.reassign", "Customer", id, refOf(row));
      const ownerTeamId = await teamOf(tx, ownerId);
      authorize(actor, "customer.reassign", "Customer", id, { ownerId, ownerTeamId });
    }
    const { count } = await tx.customer.updateMany({
      where: { id, version, deletedAt: null },
      data: { ...input, ownerId, version: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError(pick(row));
    const updated = (await findRow(tx, id))!;
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Customer", entityId: id, before: pick(row), after: pick(updated) });
    return toDto(actor, updated);
  });
}

/** Opt-outs are recorded at once by whoever hears them (every role may), and audited. */
export async function setDoNotContact(actor: Actor, id: number, flags: DoNotContactInput): Promise<CustomerDto> {
  return transaction(async (tx) => {
    const row = await findRow(tx, id);
    if (!row) throw new NotAllowedError();
    authorize(actor, "customer.setDoNotContact", "Customer", id, refOf(row));
    const before = { dncPhone: row.dncPhone, dncEmail: row.dncEmail, dncMail: row.dncMail, dncSms: row.dncSms };
    await tx.customer.update({ where: { id }, data: { ...flags, version: { increment: 1 } } });
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Customer", entityId: id, before, after: flags });
    return toDto(actor, (await findRow(tx, id))!);
  });
}

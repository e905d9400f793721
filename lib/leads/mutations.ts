import "server-only";
import { type Action, type Actor, can } from "@/lib/platform/auth/permissions";
import { type LeadListQuery, LEAD_PAGE_SIZE } from "@/lib/leads/rules/list-query";
import { nextAssignee, rotationOf } from "@/lib/leads/rules/round-robin";
import { nextStatuses, statusChangeProblem } from "@/lib/leads/rules/status";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { LeadStatus } from "@/lib/generated/prisma/enums";
import { checkVersion, type Expected, type Snapshot, snapshotOf, type VersionedRecord, writeAtVersion } from "@/lib/platform/concurrency";
import type { LeadInput, LeadProfileInput, LeadStatusInput } from "@/lib/leads/schema";
import { accessWhere, pickableUsers, requirePickable, SELLER_ROLES } from "@/lib/platform/auth/scope-filters";
import { writeAudit } from "@/lib/platform/audit";
import { db, type Db, type Tx, transaction } from "@/lib/platform/db/prisma";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { authorize } from "@/lib/platform/auth/guard";

export const LEAD_SELECT = {
  id: true,
  name: true,
  company: true,
  email: true,
  phone: true,
  region: true,
  source: true,
  status: true,
  disqualifyReason: true,
  ownerId: true,
  owner: { select: { id: true, name: true, teamId: true } },
  teamId: true,
  team: { select: { id: true, name: true } },
  createdBy: { select: { id: true, name: true } },
  customerId: true,
  customer: { select: { id: true, name: true } },
  opportunityId: true,
  convertedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

const AUDITED = ["name", "company", "email", "phone", "region", "source", "status", "disqualifyReason", "ownerId", "teamId"] as const;

export type LeadRow = NonNullable<Awaited<ReturnType<typeof findLeadRow>>>;

export type LeadDto = {
  id: number;
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  region: string | null;
  source: string;
  status: LeadStatus;
  disqualifyReason: string | null;
  owner: { id: number; name: string } | null;
  team: { id: number; name: string } | null;
  createdBy: { id: number; name: string } | null;
  customer: { id: number; name: string } | null;
  opportunityId: number | null;
  convertedAt: Date | null;
  version: number;
  /** The lead's editable fields at `version` (profile, status, owner): posted back with a save to explain a conflict. */
  snapshot: Snapshot;
  createdAt: Date;
  updatedAt: Date;
  /** The statuses the form may offer next. */
  nextStatuses: readonly LeadStatus[];
  can: { edit: boolean };
};

export function findLeadRow(client: Db, id: number) {
  return client.lead.findUnique({ where: { id }, select: LEAD_SELECT });
}

export function leadRef(row: { ownerId: number | null; owner: { teamId: number | null } | null }) {
  return { ownerId: row.ownerId, ownerTeamId: row.owner?.teamId ?? null };
}

export function auditedLead(row: LeadRow): Record<string, unknown> {
  return Object.fromEntries(AUDITED.map((k) => [k, row[k]]));
}

const SNAPSHOT = ["name", "company", "email", "phone", "region", "source", "status", "disqualifyReason"] as const;

/** The owner reads by name, as the lead page shows it. */
export function leadSnapshot(row: LeadRow): Snapshot {
  return { ...snapshotOf(row, SNAPSHOT), owner: row.owner?.name ?? null };
}

export const versionOfLead = (row: LeadRow): VersionedRecord => ({ version: row.version, snapshot: leadSnapshot(row) });

/** The lead as the conflict check sees it now (inside the saving transaction). */
export async function versionedLead(tx: Tx, id: number): Promise<VersionedRecord> {
  const row = await findLeadRow(tx, id);
  if (!row) throw new NotAllowedError();
  return versionOfLead(row);
}

function toDto(actor: Actor, row: LeadRow): LeadDto {
  const ref = leadRef(row);
  return {
    id: row.id,
    name: row.name,
    company: row.company,
    email: row.email,
    phone: row.phone,
    region: row.region,
    source: row.source,
    status: row.status,
    disqualifyReason: row.disqualifyReason,
    owner: row.owner ? { id: row.owner.id, name: row.owner.name } : null,
    team: row.team,
    createdBy: row.createdBy,
    customer: row.customer,
    opportunityId: row.opportunityId,
    convertedAt: row.convertedAt,
    version: row.version,
    snapshot: leadSnapshot(row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    nextStatuses: nextStatuses(row.status),
    can: { edit: row.status !== "CONVERTED" && can(actor, "lead.edit", ref) },
  };
}

/**
 * Loads a lead for `action`. A lead the actor may not touch answers like a missing one ("not
 * allowed"); the refusal is logged by the transaction wrapper (or here, for plain reads).
 */
async function loadForAction(tx: Tx, actor: Actor, id: number, action: Action): Promise<LeadRow> {
  const row = await findLeadRow(tx, id);
  if (!row) throw new NotAllowedError();
  authorize(actor, action, "Lead", id, leadRef(row));
  return row;
}

export type LeadListItem = Pick<LeadDto, "id" | "name" | "company" | "email" | "source" | "status" | "owner" | "createdAt"> & { region: string | null };
export type LeadPage = { items: LeadListItem[]; total: number; page: number; pages: number };

/** The list's filter (read scope, then the URL's filters); `action` narrows the scope (an export). */
export function leadListWhere(actor: Actor, query: Omit<LeadListQuery, "sort" | "dir" | "page">, action: Action = "lead.read"): Prisma.LeadWhereInput {
  const filters: Prisma.LeadWhereInput[] = [accessWhere(actor, "lead.read", "Lead")];
  if (action !== "lead.read") filters.push(accessWhere(actor, action, "Lead"));
  if (query.status) filters.push({ status: query.status });
  if (query.source) filters.push({ source: query.source });
  if (query.owner?.kind === "me") filters.push({ ownerId: actor.id });
  else if (query.owner?.kind === "none") filters.push({ ownerId: null });
  else if (query.owner?.kind === "user") filters.push({ ownerId: query.owner.id });
  if (query.q) {
    const contains = { contains: query.q, mode: "insensitive" as const };
    filters.push({ OR: [{ name: contains }, { company: contains }, { email: contains }] });
  }
  return { AND: filters };
}

/** The leads list in the actor's read scope, filtered and sorted by the database, a page at a time. */
export async function listLeads(actor: Actor, query: LeadListQuery): Promise<LeadPage> {
  if (!can(actor, "lead.read")) {
    await writeAudit(await db(), { userId: actor.id, action: "DENIED", entity: "Lead", entityId: null, detail: { action: "lead.read" } });
    throw new NotAllowedError();
  }
  const prisma = await db();
  const where = leadListWhere(actor, query);
  const orderBy: Prisma.LeadOrderByWithRelationInput[] =
    query.sort === "company" ? [{ company: { sort: query.dir, nulls: "last" } }, { id: query.dir }] : [{ [query.sort]: query.dir }, { id: query.dir }];
  const [total, rows] = await Promise.all([
    prisma.lead.count({ where }),
    prisma.lead.findMany({
      where,
      orderBy,
      skip: (query.page - 1) * LEAD_PAGE_SIZE,
      take: LEAD_PAGE_SIZE,
      select: { id: true, name: true, company: true, email: true, region: true, source: true, status: true, createdAt: true, owner: { select: { id: true, name: true } } },
    }),
  ]);
  return { items: rows, total, page: query.page, pages: Math.max(1, Math.ceil(total / LEAD_PAGE_SIZE)) };
}

export type LeadFilterOptions = { sources: string[]; owners: { id: number; name: string }[] };

/** Sources and owners that occur among the leads the actor may read, for the filter bar. */
export async function getLeadFilterOptions(actor: Actor): Promise<LeadFilterOptions> {
  if (!can(actor, "lead.read")) return { sources: [], owners: [] };
  const prisma = await db();
  const scope = accessWhere(actor, "lead.read", "Lead");
  const [sources, owners] = await Promise.all([
    prisma.lead.findMany({ where: scope, distinct: ["source"], select: { source: true }, orderBy: { source: "asc" }, take: 200 }),
    prisma.user.findMany({ where: { leads: { some: scope } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { sources: sources.map((s) => s.source), owners };
}

/**
 * One lead. A lead outside the actor's read scope, or a missing one, is refused the same way
 * ("not allowed"); the refusal of an existing lead is logged.
 */
export async function getLead(actor: Actor, id: number): Promise<LeadDto> {
  const prisma = await db();
  const row = await findLeadRow(prisma, id);
  if (!row) throw new NotAllowedError();
  if (!can(actor, "lead.read", leadRef(row))) {
    await writeAudit(prisma, { userId: actor.id, action: "DENIED", entity: "Lead", entityId: id, detail: { action: "lead.read" } });
    throw new NotAllowedError();
  }
  return toDto(actor, row);
}

/**
 * The team of a user the actor hands a lead to under `action`. A user outside the actor's reach, an
 * inactive or a missing one are refused alike (and logged), so the owner field probes nobody.
 */
async function ownerTeam(client: Db, actor: Actor, action: Action, userId: number): Promise<number | null> {
  const [user] = await requirePickable(client, actor, action, "Lead", [userId], { roles: SELLER_ROLES });
  return user.teamId;
}

/**
 * Creates a lead. Left open, the owner is the creator, except an admin's lead, which stays
 * unassigned for assignment later (an admin sells in no team). The lead belongs to its owner's team,
 * or the creator's when unassigned, which is the team whose round-robin it will join.
 */
export async function createLead(actor: Actor, input: LeadInput): Promise<LeadDto> {
  return transaction(async (tx) => {
    const ownerId = input.ownerId ?? (actor.role === "ADMIN" ? null : actor.id);
    const ownerTeamId = ownerId === null ? null : await ownerTeam(tx, actor, "lead.create", ownerId);
    authorize(actor, "lead.create", "Lead", null, { ownerId, ownerTeamId });
    const profile = { name: input.name, company: input.company, email: input.email, phone: input.phone, region: input.region, source: input.source };
    const created = await tx.lead.create({
      data: { ...profile, ownerId, teamId: ownerId === null ? actor.teamId : ownerTeamId, createdById: actor.id },
      select: LEAD_SELECT,
    });
    await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: "Lead", entityId: created.id, before: null, after: auditedLead(created) });
    return toDto(actor, created);
  });
}

/** Saves the profile; `expected` is what the form loaded, so a lost race is a ConflictError naming what the other save changed. */
export async function updateLead(actor: Actor, id: number, expected: Expected, input: LeadProfileInput): Promise<LeadDto> {
  return transaction(async (tx) => {
    const row = await loadForAction(tx, actor, id, "lead.edit");
    checkVersion("Lead", id, expected, versionOfLead(row));
    if (row.status === "CONVERTED") throw new RuleError("leads.errors.converted");
    await writeAtVersion("Lead", id, expected, (version) => tx.lead.updateMany({ where: { id, version }, data: { ...input, version: { increment: 1 } } }), () => versionedLead(tx, id));
    const updated = (await findLeadRow(tx, id))!;
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Lead", entityId: id, before: auditedLead(row), after: auditedLead(updated) });
    return toDto(actor, updated);
  });
}

export async function changeLeadStatus(actor: Actor, id: number, expected: Expected, input: LeadStatusInput): Promise<LeadDto> {
  return transaction(async (tx) => {
    const row = await loadForAction(tx, actor, id, "lead.edit");
    checkVersion("Lead", id, expected, versionOfLead(row));
    const problem = statusChangeProblem(row.status, input.status, input.reason);
    if (problem) throw new RuleError(problem.message, problem.field);
    await writeAtVersion(
      "Lead",
      id,
      expected,
      (version) =>
        tx.lead.updateMany({
          where: { id, version },
          data: { status: input.status, disqualifyReason: input.status === "DISQUALIFIED" ? input.reason : null, version: { increment: 1 } },
        }),
      () => versionedLead(tx, id),
    );
    const updated = (await findLeadRow(tx, id))!;
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Lead", entityId: id, before: auditedLead(row), after: auditedLead(updated) });
    return toDto(actor, updated);
  });
}

/** Assigns by hand: the actor needs the right over the lead as it is and over where it goes. */
export async function assignLead(actor: Actor, id: number, expected: Expected, ownerId: number): Promise<LeadDto> {
  return transaction(async (tx) => {
    const row = await loadForAction(tx, actor, id, "lead.edit");
    if (row.status === "CONVERTED") throw new RuleError("leads.errors.converted");
    const ownerTeamId = await ownerTeam(tx, actor, "lead.edit", ownerId);
    checkVersion("Lead", id, expected, versionOfLead(row));
    return setOwner(tx, actor, row, expected, ownerId, ownerTeamId);
  });
}

async function setOwner(tx: Tx, actor: Actor, row: LeadRow, expected: Expected, ownerId: number, teamId: number | null): Promise<LeadDto> {
  await writeAtVersion("Lead", row.id, expected, (version) => tx.lead.updateMany({ where: { id: row.id, version }, data: { ownerId, teamId, version: { increment: 1 } } }), () => versionedLead(tx, row.id));
  const updated = (await findLeadRow(tx, row.id))!;
  await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Lead", entityId: row.id, before: auditedLead(row), after: auditedLead(updated) });
  return toDto(actor, updated);
}

/**
 * Takes the next assignee of `teamId`'s rotation and moves the team's pointer, inside the caller's
 * transaction. The team row is locked (SELECT … FOR UPDATE) first, so two assignments running at the
 * same time on a PostgreSQL server queue up and never hand out the same turn twice.
 */
export async function takeRoundRobinTurns(tx: Tx, teamId: number, count: number): Promise<number[]> {
  const locked = await tx.$queryRawUnsafe<{ last: number | null }[]>(`SELECT "lastLeadAssigneeId" AS "last" FROM "Team" WHERE "id" = $1::int FOR UPDATE`, teamId);
  if (locked.length === 0) throw new RuleError("leads.errors.noTeam");
  const members = await tx.user.findMany({ where: { teamId }, select: { id: true, active: true, role: true } });
  const rotation = rotationOf(members);
  const turns: number[] = [];
  let last = locked[0].last;
  for (let i = 0; i < count; i++) {
    const next = nextAssignee(rotation, last);
    if (next === null) throw new RuleError("leads.errors.noReps");
    turns.push(next);
    last = next;
  }
  if (count > 0) await tx.team.update({ where: { id: teamId }, data: { lastLeadAssigneeId: last } });
  return turns;
}

/** Assigns to the next active rep of the lead's team (or, for a lead with no team, the actor's team). */
export async function assignLeadRoundRobin(actor: Actor, id: number, expected: Expected): Promise<LeadDto> {
  return transaction(async (tx) => {
    const row = await loadForAction(tx, actor, id, "lead.edit");
    if (row.status === "CONVERTED") throw new RuleError("leads.errors.converted");
    // Before the rotation moves: a stale assignment must not use up a rep's turn.
    checkVersion("Lead", id, expected, versionOfLead(row));
    const teamId = row.teamId ?? row.owner?.teamId ?? actor.teamId;
    if (teamId === null) throw new RuleError("leads.errors.noTeam");
    const [ownerId] = await takeRoundRobinTurns(tx, teamId, 1);
    authorize(actor, "lead.edit", "Lead", id, { ownerId, ownerTeamId: teamId });
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Team", entityId: teamId, detail: { lastLeadAssigneeId: ownerId, lead: id } });
    return setOwner(tx, actor, row, expected, ownerId, teamId);
  });
}

/** Users this actor may hand a lead to: active sellers within the actor's lead.edit scope. */
export async function listLeadAssignees(actor: Actor): Promise<{ id: number; name: string }[]> {
  return pickableUsers(actor, "lead.edit", { roles: SELLER_ROLES, actorFirst: false });
}

/** Users a new lead may be given to by this actor (lead.create scope). */
export async function listLeadCreateOwners(actor: Actor): Promise<{ id: number; name: string }[]> {
  return pickableUsers(actor, "lead.create", { roles: SELLER_ROLES, actorFirst: false });
}

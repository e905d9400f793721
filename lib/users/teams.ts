import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import { authorize, requireRight } from "@/lib/platform/auth/guard";
import { writeAudit } from "@/lib/platform/audit";
import { CACHE_TAGS, invalidateCache } from "@/lib/platform/cache";
import { checkVersion, type Expected, fieldValue, type Snapshot, type VersionedRecord, writeAtVersion } from "@/lib/platform/concurrency";
import { db, type Tx, transaction } from "@/lib/platform/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { type CreateTeamInput, createTeamSchema, type UpdateTeamInput, updateTeamSchema } from "@/lib/users/schema";

/**
 * The admin's teams screen: create, rename, and name the team's manager (Team.managerId), saved at
 * the team's version and audited. The manager rule: an active MANAGER who is a member of the team
 * (move them into it on the users screen first). Nobody is moved as a side effect, so setting one
 * team's manager never changes another team. The rule is kept when people move: a manager who leaves
 * the team, stops being a MANAGER or is deactivated stops being its manager (lib/users/admin.ts).
 * Escalations of SLA breaches go to the team's manager first (lib/tickets/escalation.ts).
 */

const ENTITY = "Team";
// Serialises name checks: two admins creating "East" at once cannot both pass the duplicate check.
const NAME_LOCK = "teams.name";

export type TeamMemberChoice = { id: number; name: string };

export type AdminTeamRow = {
  id: number;
  name: string;
  managerId: number | null;
  managerName: string | null;
  memberCount: number;
  activeMemberCount: number;
  /** Active MANAGER members: who may be named the team's manager. */
  managerChoices: TeamMemberChoice[];
  version: number;
  snapshot: Snapshot;
};

const SELECT = {
  id: true,
  name: true,
  managerId: true,
  version: true,
  manager: { select: { name: true } },
  members: { select: { id: true, name: true, role: true, active: true }, orderBy: [{ name: "asc" as const }, { id: "asc" as const }] },
} satisfies Prisma.TeamSelect;

type Row = {
  id: number;
  name: string;
  managerId: number | null;
  version: number;
  manager: { name: string } | null;
  members: { id: number; name: string; role: string; active: boolean }[];
};

/** The form's fields as the conflict panel shows them (the manager by name). */
function teamSnapshot(t: { name: string; manager: { name: string } | null }): Snapshot {
  return { name: fieldValue(t.name), managerId: fieldValue(t.manager?.name ?? null) };
}

function toDto(t: Row): AdminTeamRow {
  return {
    id: t.id,
    name: t.name,
    managerId: t.managerId,
    managerName: t.manager?.name ?? null,
    memberCount: t.members.length,
    activeMemberCount: t.members.filter((m) => m.active).length,
    managerChoices: t.members.filter((m) => m.active && m.role === "MANAGER").map((m) => ({ id: m.id, name: m.name })),
    version: t.version,
    snapshot: teamSnapshot(t),
  };
}

/** Every team by name, with member counts, the manager and who may be named manager. */
export async function listTeamsForAdmin(actor: Actor): Promise<AdminTeamRow[]> {
  await requireRight(actor, "admin.manage", ENTITY);
  const prisma = await db();
  const teams = await prisma.team.findMany({ select: SELECT, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return teams.map(toDto);
}

async function checkNameFree(tx: Tx, name: string, exceptId: number | null): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${NAME_LOCK}::text))`;
  // Case-insensitive: "east" beside "East" would be the same team to anyone reading a list.
  const taken = await tx.team.findFirst({ where: { name: { equals: name, mode: "insensitive" }, ...(exceptId === null ? {} : { id: { not: exceptId } }) }, select: { id: true } });
  if (taken) throw new RuleError("users.teams.errors.nameTaken", "name");
}

/** Creates a team (no members and so no manager yet: people join it on the users screen). */
export async function createTeam(actor: Actor, input: CreateTeamInput): Promise<AdminTeamRow> {
  return transaction(async (tx) => {
    authorize(actor, "admin.manage", ENTITY, null);
    const valid = createTeamSchema.parse(input);
    await checkNameFree(tx, valid.name, null);
    const created = await tx.team.create({ data: { name: valid.name }, select: SELECT });
    await invalidateCache(tx, CACHE_TAGS.people);
    await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: ENTITY, entityId: created.id, after: { name: created.name, managerId: null } });
    return toDto(created);
  });
}

/**
 * Checks the manager rule under a lock on the person's row, so a concurrent move of that person out
 * of the team (which clears the manager in the same transaction) cannot interleave with this check.
 */
async function checkManager(tx: Tx, teamId: number, managerId: number): Promise<void> {
  const [person] = await tx.$queryRaw<{ role: string; teamId: number | null; active: boolean }[]>`SELECT role::text AS role, "teamId", active FROM "User" WHERE id = ${managerId} FOR UPDATE`;
  if (!person || !person.active || person.role !== "MANAGER") throw new RuleError("users.teams.errors.managerNotManager", "managerId");
  if (person.teamId !== teamId) throw new RuleError("users.teams.errors.managerNotMember", "managerId");
}

/** Renames the team and sets or clears its manager, if the team is still at the version the form loaded. */
export async function updateTeam(actor: Actor, id: number, expected: Expected, input: UpdateTeamInput): Promise<AdminTeamRow> {
  return transaction(async (tx) => {
    authorize(actor, "admin.manage", ENTITY, id);
    const valid = updateTeamSchema.parse(input);
    const before = await tx.team.findUnique({ where: { id }, select: SELECT });
    if (!before) throw new NotAllowedError();
    const stored = (t: Row): VersionedRecord => ({ version: t.version, snapshot: teamSnapshot(t) });
    checkVersion(ENTITY, id, expected, stored(before));
    if (valid.name !== before.name) await checkNameFree(tx, valid.name, id);
    if (valid.managerId !== null && valid.managerId !== before.managerId) await checkManager(tx, id, valid.managerId);
    await writeAtVersion(
      ENTITY,
      id,
      expected,
      (version) => tx.team.updateMany({ where: { id, version }, data: { name: valid.name, managerId: valid.managerId, version: { increment: 1 } } }),
      async () => {
        const now = await tx.team.findUnique({ where: { id }, select: SELECT });
        if (!now) throw new NotAllowedError();
        return stored(now);
      },
    );
    const after = await tx.team.findUniqueOrThrow({ where: { id }, select: SELECT });
    await invalidateCache(tx, CACHE_TAGS.people);
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: ENTITY, entityId: id, before: { name: before.name, managerId: before.managerId }, after: { name: after.name, managerId: after.managerId } });
    return toDto(after);
  });
}

import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/platform/auth/permissions";
import { authorize, requireRight } from "@/lib/platform/auth/guard";
import { hashPassword } from "@/lib/platform/auth/password";
import { passwordProblem } from "@/lib/platform/auth/password-policy";
import { writeAudit } from "@/lib/platform/audit";
import { CACHE_TAGS, invalidateCache } from "@/lib/platform/cache";
import { nowMs } from "@/lib/platform/clock";
import { changedFields, ConflictError, fieldValue, type Snapshot } from "@/lib/platform/concurrency";
import { db, type Tx, transaction } from "@/lib/platform/db/prisma";
import { Role } from "@/lib/platform/enums";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";

/**
 * The admin's users screen: who may sign in, with which role, team, routing skills (ticket
 * categories, `vip`, language codes) and telephone extension. User has no version column, so the
 * `updatedAt` the form loaded is the concurrency token: it is part of the UPDATE's WHERE and every
 * save moves it on. The password hash never leaves this file, not even into the audit log.
 */

export const SKILL_PATTERN = /^[a-z0-9-]{1,20}$/;
export const MAX_SKILLS = 20;
export const EXTENSION_PATTERN = /^[0-9]{2,10}$/;
const ENTITY = "User";
const ROLES = Object.values(Role) as [Role, ...Role[]];

// Serialises the "last active admin" check: two admins demoting each other at once cannot both pass it.
const ADMIN_LOCK = "users.lastAdmin";

const skillsSchema = z
  .array(z.string())
  .transform((skills) => [...new Set(skills.map((s) => s.trim().toLowerCase()).filter((s) => s !== ""))])
  .superRefine((skills, ctx) => {
    if (skills.length > MAX_SKILLS) ctx.addIssue({ code: "custom", message: "users.admin.errors.tooManySkills" });
    else if (skills.some((s) => !SKILL_PATTERN.test(s))) ctx.addIssue({ code: "custom", message: "users.admin.errors.badSkill" });
  });

const userFields = {
  name: z.string().trim().min(1, "validation.required").max(120, "validation.tooLong"),
  role: z.enum(ROLES, { message: "validation.choose" }),
  teamId: z.number().int().positive().nullable(),
  skills: skillsSchema,
  phoneExtension: z
    .string()
    .trim()
    .nullable()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || EXTENSION_PATTERN.test(v), "users.admin.errors.badExtension"),
};

export const createUserSchema = z
  .object({
    ...userFields,
    email: z.string().trim().toLowerCase().min(1, "validation.required").max(254, "validation.tooLong").pipe(z.email("validation.email")),
    password: z.string().min(1, "validation.required"),
  })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.password, value);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

export const updateUserSchema = z.object({ ...userFields, active: z.boolean() });

/** What a form hands in: text as typed; the schemas above judge it inside the write. */
type UserFieldsInput = { name: string; role: string; teamId: number | null; skills: string[]; phoneExtension: string | null };
export type CreateUserInput = UserFieldsInput & { email: string; password: string };
export type UpdateUserInput = UserFieldsInput & { active: boolean };

export type AdminUserRow = {
  id: number;
  email: string;
  name: string;
  role: Role;
  teamId: number | null;
  teamName: string | null;
  skills: string[];
  phoneExtension: string | null;
  active: boolean;
  locale: string | null;
  /** Set by a password reset until the user has chosen a new password. */
  mustChangePassword: boolean;
  /** The concurrency token the edit form posts back (ISO instant). */
  updatedAt: string;
  snapshot: Snapshot;
};
export type AdminTeam = { id: number; name: string };
export type UsersAdminView = { users: AdminUserRow[]; teams: AdminTeam[] };

// Never the password hash.
const SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  teamId: true,
  team: { select: { name: true } },
  skills: true,
  phoneExtension: true,
  active: true,
  locale: true,
  mustChangePassword: true,
  updatedAt: true,
} as const;

type Row = { id: number; email: string; name: string; role: Role; teamId: number | null; team: { name: string } | null; skills: string[]; phoneExtension: string | null; active: boolean; locale: string | null; mustChangePassword: boolean; updatedAt: Date };

/** The editable fields as the form and the conflict panel show them (the team by name). */
export function userSnapshot(u: Row): Snapshot {
  return {
    name: fieldValue(u.name),
    role: fieldValue(u.role),
    team: fieldValue(u.team?.name ?? null),
    skills: fieldValue(u.skills.join(", ")),
    phoneExtension: fieldValue(u.phoneExtension),
    active: fieldValue(u.active),
  };
}

/** What the audit log keeps of a user: the fields an admin edits, ids rather than names. */
function auditView(u: Row): Record<string, unknown> {
  return { email: u.email, name: u.name, role: u.role, teamId: u.teamId, skills: u.skills, phoneExtension: u.phoneExtension, active: u.active };
}

function toDto(u: Row): AdminUserRow {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    teamId: u.teamId,
    teamName: u.team?.name ?? null,
    skills: [...u.skills],
    phoneExtension: u.phoneExtension,
    active: u.active,
    locale: u.locale,
    mustChangePassword: u.mustChangePassword,
    updatedAt: u.updatedAt.toISOString(),
    snapshot: userSnapshot(u),
  };
}

/** Every user (active first, then by name) and every team, for the admin screen. */
export async function listUsersForAdmin(actor: Actor): Promise<UsersAdminView> {
  await requireRight(actor, "admin.manage", ENTITY);
  const prisma = await db();
  const [users, teams] = await Promise.all([
    prisma.user.findMany({ select: SELECT, orderBy: [{ active: "desc" }, { name: "asc" }, { id: "asc" }] }),
    prisma.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { users: users.map(toDto), teams };
}

async function checkTeam(tx: Tx, teamId: number | null): Promise<void> {
  if (teamId === null) return;
  if (!(await tx.team.findUnique({ where: { id: teamId }, select: { id: true } }))) throw new RuleError("users.admin.errors.noSuchTeam", "teamId");
}

async function checkExtension(tx: Tx, extension: string | null, exceptId: number | null): Promise<void> {
  if (extension === null) return;
  const holder = await tx.user.findFirst({ where: { phoneExtension: extension, ...(exceptId === null ? {} : { id: { not: exceptId } }) }, select: { id: true } });
  if (holder) throw new RuleError("users.admin.errors.extensionTaken", "phoneExtension");
}

/** Creates an account with an initial password (checked against the policy, hashed like every other). */
export async function createUser(actor: Actor, input: CreateUserInput): Promise<AdminUserRow> {
  return transaction(async (tx) => {
    authorize(actor, "admin.manage", ENTITY, null);
    // A ZodError here is the admin's input: the action factory turns it into field errors.
    const valid = createUserSchema.parse(input);
    if (await tx.user.findUnique({ where: { email: valid.email }, select: { id: true } })) throw new RuleError("users.admin.errors.emailTaken", "email");
    await checkTeam(tx, valid.teamId);
    await checkExtension(tx, valid.phoneExtension, null);
    const created = await tx.user.create({
      data: { email: valid.email, name: valid.name, role: valid.role, teamId: valid.teamId, skills: valid.skills, phoneExtension: valid.phoneExtension, passwordHash: await hashPassword(valid.password) },
      select: SELECT,
    });
    await invalidateCache(tx, CACHE_TAGS.people);
    await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: ENTITY, entityId: created.id, after: auditView(created) });
    return toDto(created);
  });
}

function conflict(id: number, seen: Snapshot | null, now: Row): ConflictError {
  const current = userSnapshot(now);
  // `updatedAt` rides along in `current` so the form can overwrite deliberately against it.
  return new ConflictError(ENTITY, id, { version: 0, changes: changedFields(seen, current), current: { ...current, updatedAt: now.updatedAt.toISOString() } });
}

/**
 * Keeps the teams' manager rule (lib/users/teams.ts): a team's manager is an active MANAGER member.
 * Whoever stops being one (moved to another team, another role, deactivated) stops managing the teams
 * they managed, in the same transaction, each team's version moved on and the change audited.
 */
async function releaseManagedTeams(tx: Tx, actor: Actor, user: { id: number; role: Role; teamId: number | null; active: boolean }): Promise<void> {
  const stillManages = user.active && user.role === "MANAGER";
  const released = await tx.team.findMany({
    where: { managerId: user.id, ...(stillManages && user.teamId !== null ? { id: { not: user.teamId } } : {}) },
    select: { id: true },
  });
  for (const team of released) {
    await tx.team.update({ where: { id: team.id }, data: { managerId: null, version: { increment: 1 } } });
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Team", entityId: team.id, before: { managerId: user.id }, after: { managerId: null } });
  }
}

/**
 * Saves name, role, team, skills, extension and the active flag, if the user is still as the form
 * loaded them (`expectedUpdatedAt`). The last active admin can be neither demoted nor deactivated,
 * and no admin deactivates themselves. A deactivated user is refused at their next request (the
 * session re-reads `active` every time).
 */
export async function updateUser(actor: Actor, id: number, expectedUpdatedAt: Date, input: UpdateUserInput, seen: Snapshot | null = null): Promise<AdminUserRow> {
  return transaction(async (tx) => {
    authorize(actor, "admin.manage", ENTITY, id);
    const valid = updateUserSchema.parse(input);
    const before = await tx.user.findUnique({ where: { id }, select: SELECT });
    // An unknown id is answered like a refusal: nothing to tell.
    if (!before) throw new NotAllowedError();
    if (before.updatedAt.getTime() !== expectedUpdatedAt.getTime()) throw conflict(id, seen, before);
    if (id === actor.id && !valid.active) throw new RuleError("users.admin.errors.selfDeactivate", "active");
    if (before.role === "ADMIN" && before.active && (valid.role !== "ADMIN" || !valid.active)) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${ADMIN_LOCK}::text))`;
      const others = await tx.user.count({ where: { role: "ADMIN", active: true, id: { not: id } } });
      if (others === 0) throw new RuleError("users.admin.errors.lastAdmin", valid.active ? "role" : "active");
    }
    await checkTeam(tx, valid.teamId);
    await checkExtension(tx, valid.phoneExtension, id);
    // Strictly later than the token it replaces, even with the clock fixed or two saves in one millisecond.
    const updatedAt = new Date(Math.max(nowMs(), before.updatedAt.getTime() + 1));
    const { count } = await tx.user.updateMany({
      where: { id, updatedAt: before.updatedAt },
      data: { name: valid.name, role: valid.role, teamId: valid.teamId, skills: valid.skills, phoneExtension: valid.phoneExtension, active: valid.active, updatedAt },
    });
    if (count === 0) {
      const now = await tx.user.findUnique({ where: { id }, select: SELECT });
      if (!now) throw new NotAllowedError();
      throw conflict(id, seen, now);
    }
    const after = await tx.user.findUniqueOrThrow({ where: { id }, select: SELECT });
    await releaseManagedTeams(tx, actor, after);
    await invalidateCache(tx, CACHE_TAGS.people);
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: ENTITY, entityId: id, before: auditView(before), after: auditView(after) });
    return toDto(after);
  });
}

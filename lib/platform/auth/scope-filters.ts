import "server-only";
import { type Action, type Actor, can, type RecordRef } from "@/lib/platform/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import {
  conditionSql,
  type PrismaScopeMap,
  type ScopeTerm,
  scopeSql,
  scopeWhere,
  type SqlFragment,
  type SqlScopeMap,
} from "@/lib/platform/auth/access-scope";
import { db, type Db } from "@/lib/platform/db/prisma";
import { NotAllowedError } from "@/lib/platform/errors";

/**
 * Where each entity keeps what the access policy decides on: the owner (whose team is read through
 * the owner's User row), a team that owns a record as a whole, the assignee, the author's creation
 * time, the participants. lib/platform/auth/access-scope.ts turns a role's scope into a filter with
 * these maps; this file is the only place that knows the columns.
 *
 * Ownership per entity (lib/platform/auth/permissions.ts RecordRef): quotes follow their opportunity; a
 * ticket's or call-list entry's owner is its customer's owner, its assignee the agent working it; a
 * touchpoint's owner is its author; an appointment is also read by its attendees.
 */
/** No row has an id in the empty list: the "none" of every map (see PrismaScopeMap.nothing). */
const NO_ROW = { id: { in: [] as number[] } };

/** Models with an `ownerId` column and an `owner` relation to User; "required" when every row has an owner. */
const BY_OWNER = {
  nothing: NO_ROW,
  owner: (id: number | null) => ({ ownerId: id }),
  ownerTeam: (teamId: number) => ({ owner: { teamId } }),
};
const BY_REQUIRED_OWNER = { ...BY_OWNER, owner: (id: number | null) => (id === null ? NO_ROW : { ownerId: id }) };

/** The Prisma filter type of each entity the maps cover. */
type Wheres = {
  Customer: Prisma.CustomerWhereInput;
  Lead: Prisma.LeadWhereInput;
  Segment: Prisma.SegmentWhereInput;
  Opportunity: Prisma.OpportunityWhereInput;
  Task: Prisma.TaskWhereInput;
  Appointment: Prisma.AppointmentWhereInput;
  Campaign: Prisma.CampaignWhereInput;
  AppointmentAsAttendee: Prisma.AppointmentWhereInput;
  Quote: Prisma.QuoteWhereInput;
  Touchpoint: Prisma.TouchpointWhereInput;
  Ticket: Prisma.TicketWhereInput;
  CampaignMember: Prisma.CampaignMemberWhereInput;
  SalesTarget: Prisma.SalesTargetWhereInput;
  Team: Prisma.TeamWhereInput;
  User: Prisma.UserWhereInput;
};

const PRISMA_MAPS: { [E in keyof Wheres]: PrismaScopeMap<Wheres[E]> } = {
  Customer: BY_OWNER,
  Lead: BY_OWNER,
  Segment: BY_OWNER,
  Opportunity: BY_REQUIRED_OWNER,
  Task: BY_REQUIRED_OWNER,
  Appointment: BY_REQUIRED_OWNER,
  Campaign: BY_REQUIRED_OWNER,
  /** Reading a calendar: attendees read the meetings they are invited to. */
  AppointmentAsAttendee: {
    ...BY_REQUIRED_OWNER,
    participant: (userId: number) => ({ attendees: { some: { userId } } }),
  },
  Quote: {
    nothing: NO_ROW,
    owner: (id) => (id === null ? NO_ROW : { opportunity: { ownerId: id } }),
    ownerTeam: (teamId) => ({ opportunity: { owner: { teamId } } }),
  },
  Touchpoint: {
    nothing: NO_ROW,
    owner: (id) => ({ userId: id }),
    ownerTeam: (teamId) => ({ user: { teamId } }),
    createdAfter: (since) => ({ createdAt: { gt: since } }),
  },
  Ticket: {
    nothing: NO_ROW,
    owner: (id) => ({ customer: { ownerId: id } }),
    ownerTeam: (teamId) => ({ customer: { owner: { teamId } } }),
    assignee: (id) => ({ assigneeId: id }),
  },
  CampaignMember: {
    nothing: NO_ROW,
    owner: (id) => ({ customer: { ownerId: id } }),
    ownerTeam: (teamId) => ({ customer: { owner: { teamId } } }),
    assignee: (id) => ({ assignedToId: id }),
  },
  /** A rep's target belongs to the rep; a team's own target (no user) to the team. */
  SalesTarget: {
    nothing: NO_ROW,
    owner: (id) => ({ userId: id }),
    ownerTeam: (teamId) => ({ user: { teamId } }),
    team: (teamId) => ({ teamId }),
  },
  /** A team as the subject of a team-wide right (setting its targets, filtering by it): it owns itself. */
  Team: {
    nothing: NO_ROW,
    owner: () => NO_ROW,
    ownerTeam: (teamId) => ({ id: teamId }),
  },
  /**
   * Users as the owner-to-be of a record (an owner, assignee or invitee picker): the users `u` for
   * which `can(actor, action, { ownerId: u.id, ownerTeamId: u.teamId })` holds. No user is "nobody",
   * so a scope of unassigned records offers no one.
   */
  User: {
    nothing: NO_ROW,
    owner: (id) => (id === null ? NO_ROW : { id }),
    ownerTeam: (teamId) => ({ teamId }),
    assignee: (id) => (id === null ? NO_ROW : { id }),
  },
};

export type ScopedEntity = keyof Wheres;

/** The Prisma filter of the `entity` records `actor` may `action` (`{}` for all, a filter no row matches for none). */
export function accessWhere<E extends ScopedEntity>(actor: Actor, action: Action, entity: E, now?: number): Wheres[E] {
  const map: PrismaScopeMap<Wheres[E]> = PRISMA_MAPS[entity];
  return scopeWhere(actor, action, entity, map, now);
}

/**
 * The same maps for hand-written SQL, as functions of the query's table aliases. Dashboards read
 * snapshots and the cube, which carry a denormalised ownerId (as of the period end) but no team: the
 * team is still read from User.
 */
const SQL_MAPS = {
  /** Also contacts and call-list entries, which are owned through their customer: pass the joined Customer's alias. */
  Customer: (c: string): SqlScopeMap => ({ owner: `${c}."ownerId"` }),
  Lead: (l: string): SqlScopeMap => ({ owner: `${l}."ownerId"` }),
  /**
   * Leads on the pipeline dashboard: a lead nobody owns yet counts for the team whose queue it
   * waits in (Lead.teamId), so a manager sees the team's unworked leads in the conversion figures.
   */
  LeadInTeamQueue: (l: string): SqlScopeMap => ({ owner: `${l}."ownerId"`, team: `${l}."teamId"` }),
  Opportunity: (o: string): SqlScopeMap => ({ owner: `${o}."ownerId"` }),
  /** A ticket is read through its customer's owner (alias `c`) and worked by its assignee (alias `t`). */
  Ticket: (t: string, c: string): SqlScopeMap => ({ owner: `${c}."ownerId"`, assignee: `${t}."assigneeId"` }),
  /** CustomerScore snapshots and ScoreCube cells: the customer's owner as of the period end. */
  ScoreSlice: (s: string): SqlScopeMap => ({ owner: `${s}."ownerId"` }),
  SalesTarget: (t: string): SqlScopeMap => ({ owner: `${t}."userId"`, team: `${t}."teamId"` }),
  Touchpoint: (t: string): SqlScopeMap => ({ owner: `${t}."userId"`, createdAt: `${t}."createdAt"` }),
};

type SqlMaps = typeof SQL_MAPS;
export type SqlScopedEntity = keyof SqlMaps;

function sqlMap<E extends SqlScopedEntity>(entity: E, aliases: Parameters<SqlMaps[E]>): SqlScopeMap {
  return (SQL_MAPS[entity] as (...a: string[]) => SqlScopeMap)(...aliases);
}

/** The SQL condition (TRUE for all, FALSE for none) of the `entity` rows `actor` may `action`; `aliases` name the tables. */
export function accessSql<E extends SqlScopedEntity>(actor: Actor, action: Action, entity: E, ...aliases: Parameters<SqlMaps[E]>): SqlFragment {
  return scopeSql(actor, action, entity, sqlMap(entity, aliases));
}

/**
 * A team filter chosen in the UI (not a right): the rows of `teamId`'s members, and rows the team owns
 * as a whole where the entity has those. Narrows a scope, never widens it: callers AND it with accessSql.
 */
export function teamFilterSql<E extends SqlScopedEntity>(teamId: number, entity: E, ...aliases: Parameters<SqlMaps[E]>): SqlFragment {
  const map = sqlMap(entity, aliases);
  const terms: ScopeTerm[] = [{ on: "ownerTeam", teamId }];
  if (map.team) terms.push({ on: "teamItself", teamId });
  return conditionSql(entity, map, terms);
}

/**
 * A team's own record (a team target, a team as a filter choice) as the permission module sees it:
 * owned by "the team itself", a user id no user has, so only the team and all scopes reach it.
 */
export const TEAM_ITSELF = 0;
export function teamOwnedRef(teamId: number): RecordRef {
  return { ownerId: TEAM_ITSELF, ownerTeamId: teamId };
}

const INT32_MAX = 2_147_483_647;

/** Customers, leads and deals go to people who sell, not to the service desk. */
export const SELLER_ROLES: Role[] = ["ADMIN", "MANAGER", "REP"];

export type PickableUser = { id: number; name: string };

/**
 * The active users `actor` may make the owner (assignee, invitee) of a record under `action`, the
 * actor first: the owner and attendee pickers offer exactly the users the data layer then accepts.
 * `also` widens the set where the policy names people outside the scope (a manager invites admins).
 */
export async function pickableUsers(actor: Actor, action: Action, options: PickOptions & { actorFirst?: boolean } = {}): Promise<PickableUser[]> {
  if (!can(actor, action)) return [];
  const prisma = await db();
  const rows = await prisma.user.findMany({
    where: pickableWhere(actor, action, options),
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
  });
  if (options.actorFirst === false) return rows;
  return [...rows.filter((r) => r.id === actor.id), ...rows.filter((r) => r.id !== actor.id)];
}

/**
 * Which roles may be picked at all (leads go to sellers), who else the policy names beyond the scope,
 * and whether inactive users count (a past colleague's calendar still reads; nobody new is given to them).
 */
type PickOptions = { roles?: Role[]; also?: Prisma.UserWhereInput; includeInactive?: boolean };

function pickableWhere(actor: Actor, action: Action, options: PickOptions): Prisma.UserWhereInput {
  const scope = accessWhere(actor, action, "User");
  return {
    AND: [
      options.includeInactive ? {} : { active: true },
      options.roles ? { role: { in: options.roles } } : {},
      options.also ? { OR: [scope, options.also] } : scope,
    ],
  };
}

/**
 * The users among `userIds` that `actor` may pick under `action`, with their teams. Any id outside
 * that set, whether the user exists, is inactive or belongs to another team, is refused the same way
 * (NotAllowedError, logged), so the answer tells nothing about users the actor may not pick.
 */
export async function requirePickable(
  client: Db,
  actor: Actor,
  action: Action,
  entity: string,
  userIds: number[],
  options: PickOptions = {},
): Promise<{ id: number; teamId: number | null }[]> {
  const wanted = [...new Set(userIds)];
  if (wanted.length === 0) return [];
  const denial = new NotAllowedError({ userId: actor.id, action, entity, entityId: null });
  // An id the column cannot hold names nobody: refused like any other, before it reaches the database.
  if (wanted.some((id) => !Number.isInteger(id) || id < 1 || id > INT32_MAX)) throw denial;
  const found = await client.user.findMany({ where: { AND: [{ id: { in: wanted } }, pickableWhere(actor, action, options)] }, select: { id: true, teamId: true } });
  if (found.length !== wanted.length) throw denial;
  return found;
}

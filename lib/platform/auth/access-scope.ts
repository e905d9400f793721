/**
 * The one translation of the access policy (lib/platform/auth/permissions.ts) into list filters. A role's
 * scope for an action becomes a short list of terms ("owned by me", "owner in team 3", "no owner
 * yet", …) that any record can be tested against; a per-entity column map then renders those terms
 * as a Prisma `where` or as a parameterised SQL fragment. Every list, count, search, export, board and
 * dashboard asks here, so what a list shows is exactly what `can()` allows one record at a time.
 *
 * Nothing here knows an entity or imports Prisma: the maps live with the data layer
 * (lib/platform/auth/scope-filters.ts), which knows the schema.
 */
import { type Action, type Actor, type Scope, scopeFor } from "@/lib/platform/auth/permissions";
import { nowMs } from "@/lib/platform/clock";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One way a record can fall inside a scope. A scope is the OR of its terms; no terms means no record.
 * - owner / unowned: the record's owner is the user / nobody yet
 * - ownerTeam: the record's owner is a member of the team (read from the User table, never from input)
 * - teamItself: a record with no owner that belongs to the team as a whole (a team's sales target, a
 *   lead waiting in a team's queue); only entities whose map has a `team` column have such records
 * - ownerSince: owned (authored) by the user and created after `since` (the 24-hour edit window)
 * - assignee / unassigned: the record is assigned to the user / waiting in the queue
 * - participant: the user takes part without owning it (an appointment's attendee reads it)
 */
export type ScopeTerm =
  | { on: "owner"; userId: number }
  | { on: "unowned" }
  | { on: "ownerTeam"; teamId: number }
  | { on: "teamItself"; teamId: number }
  | { on: "ownerSince"; userId: number; since: Date }
  | { on: "assignee"; userId: number }
  | { on: "unassigned" }
  | { on: "participant"; userId: number };

/** "all", or the terms of which a record must match one (an empty list matches nothing). */
export type ScopeCondition = "all" | readonly ScopeTerm[];

/** Which optional kinds of term an entity has columns for. */
export type ScopeFeatures = { team?: boolean; participant?: boolean };

/**
 * The terms of `scope` for `actor`. An actor without a team has only their own records in a team
 * scope (as `can()` decides). "team" is one term, not "own OR team": the actor is a member of their
 * own team, so an IN over the team's members already holds their own records.
 */
export function scopeTerms(actor: Actor, scope: Scope, now: number = nowMs()): ScopeCondition {
  const own: ScopeTerm = { on: "owner", userId: actor.id };
  const team: ScopeTerm = actor.teamId === null ? own : { on: "ownerTeam", teamId: actor.teamId };
  switch (scope) {
    case "all":
      return "all";
    case "none":
      return [];
    case "own":
      return [own];
    case "team":
      return [team];
    case "ownOrUnassigned":
      return [{ on: "unowned" }, own];
    case "teamOrUnassigned":
      return [{ on: "unowned" }, team];
    case "unassigned":
      return [{ on: "unowned" }];
    case "assigned":
      return [{ on: "assignee", userId: actor.id }];
    case "assignedOrUnassigned":
      return [{ on: "unassigned" }, { on: "assignee", userId: actor.id }];
    case "ownWithin24h":
      return [{ on: "ownerSince", userId: actor.id, since: new Date(now - DAY_MS) }];
  }
}

/**
 * The condition for `actor` doing `action`, with the entity's extra ways in: a team-owned record is
 * reached by the team's scopes; a participant reads what they take part in (when the role has the
 * right at all: "none" stays nothing everywhere).
 */
export function accessCondition(actor: Actor, action: Action, features: ScopeFeatures = {}, now?: number): ScopeCondition {
  const scope = scopeFor(actor, action);
  const terms = scopeTerms(actor, scope, now);
  if (terms === "all" || terms.length === 0) return terms;
  const extra: ScopeTerm[] = [];
  if (features.team) for (const t of terms) if (t.on === "ownerTeam") extra.push({ on: "teamItself", teamId: t.teamId });
  if (features.participant) extra.push({ on: "participant", userId: actor.id });
  return [...terms, ...extra];
}

// ---------------------------------------------------------------------------------------------
// Prisma

/** How an entity's Prisma `where` says each term; a term the entity cannot have is left out of the map. */
export type PrismaScopeMap<W> = {
  /**
   * A filter no row matches, such as `{ id: { in: [] } }`. Not `{ OR: [] }`: Prisma 7 matches no row
   * with an empty OR at the top, but EVERY row once it sits inside an AND (verified here), and every
   * caller ANDs the scope with its own filters.
   */
  nothing: W;
  /** Owner is the user, or (null) nobody. */
  owner: (userId: number | null) => W;
  /** Owner is a member of the team (a relation filter on the owner's User row). */
  ownerTeam: (teamId: number) => W;
  /** A record with no owner that belongs to the team as a whole. */
  team?: (teamId: number) => W;
  /** Created after the instant (with `owner`, the 24-hour window of an author's own records). */
  createdAfter?: (since: Date) => W;
  /** Assigned to the user, or (null) to nobody. */
  assignee?: (userId: number | null) => W;
  participant?: (userId: number) => W;
};

type Where<W> = W & { OR?: W[]; AND?: W | W[] };

function missing(entity: string, column: string): Error {
  return new Error(`access scope: the ${entity} map has no ${column} column`);
}

function prismaTerm<W>(entity: string, map: PrismaScopeMap<W>, term: ScopeTerm): W {
  switch (term.on) {
    case "owner":
      return map.owner(term.userId);
    case "unowned":
      return map.owner(null);
    case "ownerTeam":
      return map.ownerTeam(term.teamId);
    case "teamItself":
      if (!map.team) throw missing(entity, "team");
      return { AND: [map.owner(null), map.team(term.teamId)] } as Where<W>;
    case "ownerSince":
      if (!map.createdAfter) throw missing(entity, "createdAt");
      return { AND: [map.owner(term.userId), map.createdAfter(term.since)] } as Where<W>;
    case "assignee":
      if (!map.assignee) throw missing(entity, "assignee");
      return map.assignee(term.userId);
    case "unassigned":
      if (!map.assignee) throw missing(entity, "assignee");
      return map.assignee(null);
    case "participant":
      if (!map.participant) throw missing(entity, "participant");
      return map.participant(term.userId);
  }
}

/** A condition as a Prisma `where`: {} for all, the map's `nothing` for none, one term bare. */
export function conditionWhere<W>(entity: string, map: PrismaScopeMap<W>, condition: ScopeCondition): W {
  if (condition === "all") return {} as W;
  if (condition.length === 0) return map.nothing;
  const parts = condition.map((t) => prismaTerm(entity, map, t));
  return parts.length === 1 ? parts[0] : ({ OR: parts } as Where<W>);
}

/** The Prisma `where` of the records `actor` may `action` on one entity. */
export function scopeWhere<W>(actor: Actor, action: Action, entity: string, map: PrismaScopeMap<W>, now?: number): W {
  return conditionWhere(entity, map, accessCondition(actor, action, { team: map.team !== undefined, participant: map.participant !== undefined }, now));
}

// ---------------------------------------------------------------------------------------------
// SQL

/**
 * A piece of SQL with its values kept apart (the shape of Prisma's Sql: strings around values), so
 * the values never enter the text. lib/platform/db/sql-builder.ts turns it into a Prisma.Sql or appends it
 * to positional parameters.
 */
export type SqlFragment = { readonly strings: readonly string[]; readonly values: readonly unknown[] };

/** A template tag for SqlFragment; a fragment among the values is spliced in, not passed as a value. */
export function sql(strings: TemplateStringsArray | readonly string[], ...values: unknown[]): SqlFragment {
  const outStrings: string[] = [strings[0]];
  const outValues: unknown[] = [];
  values.forEach((value, i) => {
    if (isFragment(value)) {
      outStrings[outStrings.length - 1] += value.strings[0];
      for (let j = 0; j < value.values.length; j++) {
        outValues.push(value.values[j]);
        outStrings.push(value.strings[j + 1]);
      }
      outStrings[outStrings.length - 1] += strings[i + 1];
    } else {
      outValues.push(value);
      outStrings.push(strings[i + 1]);
    }
  });
  return { strings: outStrings, values: outValues };
}

/** Trusted SQL text (column names from a map, never input). */
export function rawSql(text: string): SqlFragment {
  return { strings: [text], values: [] };
}

export function joinSql(parts: readonly SqlFragment[], separator: string): SqlFragment {
  if (parts.length === 0) return rawSql("");
  return parts.slice(1).reduce((acc, part) => sql`${acc}${rawSql(separator)}${part}`, parts[0]);
}

function isFragment(value: unknown): value is SqlFragment {
  return typeof value === "object" && value !== null && "strings" in value && "values" in value && Array.isArray((value as SqlFragment).strings);
}

/** An entity's columns as SQL expressions of the query's alias, e.g. `o."ownerId"`. */
export type SqlScopeMap = {
  owner: string;
  /** The record's own team column, for records with no owner that belong to a team. */
  team?: string;
  createdAt?: string;
  assignee?: string;
};

/** Members of a team, as the subquery an owner column is tested IN (served by the User(teamId) index). */
export function teamMembersSql(column: string, teamId: number): SqlFragment {
  return sql`${rawSql(column)} IN (SELECT tm."id" FROM "User" tm WHERE tm."teamId" = ${teamId}::int)`;
}

/** Timestamps are stored as UTC without a zone (Prisma's mapping): compare against UTC text. */
function utc(date: Date): string {
  return date.toISOString().replace("Z", "");
}

function sqlTerm(entity: string, map: SqlScopeMap, term: ScopeTerm): SqlFragment {
  const owner = rawSql(map.owner);
  switch (term.on) {
    case "owner":
      return sql`${owner} = ${term.userId}::int`;
    case "unowned":
      return sql`${owner} IS NULL`;
    case "ownerTeam":
      return teamMembersSql(map.owner, term.teamId);
    case "teamItself":
      if (!map.team) throw missing(entity, "team");
      return sql`(${owner} IS NULL AND ${rawSql(map.team)} = ${term.teamId}::int)`;
    case "ownerSince":
      if (!map.createdAt) throw missing(entity, "createdAt");
      return sql`(${owner} = ${term.userId}::int AND ${rawSql(map.createdAt)} > ${utc(term.since)}::timestamp)`;
    case "assignee":
      if (!map.assignee) throw missing(entity, "assignee");
      return sql`${rawSql(map.assignee)} = ${term.userId}::int`;
    case "unassigned":
      if (!map.assignee) throw missing(entity, "assignee");
      return sql`${rawSql(map.assignee)} IS NULL`;
    case "participant":
      throw missing(entity, "participant");
  }
}

/** A condition as SQL: TRUE for all, FALSE for nothing, so it composes with AND. */
export function conditionSql(entity: string, map: SqlScopeMap, condition: ScopeCondition): SqlFragment {
  if (condition === "all") return rawSql("TRUE");
  if (condition.length === 0) return rawSql("FALSE");
  const parts = condition.map((t) => sqlTerm(entity, map, t));
  return parts.length === 1 ? parts[0] : sql`(${joinSql(parts, " OR ")})`;
}

/** The SQL condition of the records `actor` may `action` on one entity. */
export function scopeSql(actor: Actor, action: Action, entity: string, map: SqlScopeMap, now?: number): SqlFragment {
  return conditionSql(entity, map, accessCondition(actor, action, { team: map.team !== undefined }, now));
}

import "server-only";
import { type Action, type Actor, scopeFor } from "@/lib/auth/permissions";

/**
 * Positional parameters for hand-written SQL: the values never enter the text, so a search term or a
 * filter from the URL cannot change the statement. The text is also what the benchmark runs as its
 * raw-SQL baseline, so app and baseline time exactly the same statement.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and returns its placeholder, with an optional cast such as `::int`. */
  add(value: unknown, cast = ""): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

export type SqlStatement = { text: string; values: unknown[] };

/** LIKE patterns treat % and _ as wildcards; a user's search term must match them literally. */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Timestamps are stored as UTC without a zone (Prisma's mapping); compare against UTC text. */
export function utcTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "");
}

/**
 * The SQL condition for "records this actor may touch under `action`", given the record's owner
 * column. `ownerTeam` is a subquery-safe expression for the owner's team (usually a join).
 * Returns "TRUE" for "all" and "FALSE" for "none", so it composes with AND.
 */
export function ownershipCondition(actor: Actor, action: Action, ownerColumn: string, params: SqlParams): string {
  const scope = scopeFor(actor, action);
  const inTeam = () =>
    actor.teamId === null
      ? "FALSE"
      : `EXISTS (SELECT 1 FROM "User" scope_u WHERE scope_u."id" = ${ownerColumn} AND scope_u."teamId" = ${params.add(actor.teamId, "::int")})`;
  const own = () => `${ownerColumn} = ${params.add(actor.id, "::int")}`;
  switch (scope) {
    case "all":
      return "TRUE";
    case "none":
      return "FALSE";
    case "own":
      return own();
    case "ownOrUnassigned":
      return `(${ownerColumn} IS NULL OR ${own()})`;
    case "team":
      return `(${own()} OR ${inTeam()})`;
    case "teamOrUnassigned":
      return `(${ownerColumn} IS NULL OR ${own()} OR ${inTeam()})`;
    case "unassigned":
      return `${ownerColumn} IS NULL`;
    // Assignment and authorship scopes belong to tickets and touchpoints, whose callers build their own condition.
    case "assigned":
    case "assignedOrUnassigned":
    case "ownWithin24h":
      return own();
  }
}

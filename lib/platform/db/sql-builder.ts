import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SqlFragment } from "@/lib/platform/auth/access-scope";

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

  /** Appends a fragment (an access scope, say): its values become the next placeholders. */
  embed(fragment: SqlFragment): string {
    return fragment.strings.reduce((text, part, i) => (i === 0 ? part : `${text}${this.add(fragment.values[i - 1])}${part}`), "");
  }
}

/** A fragment inside a Prisma.sql template (the two share their shape: strings around values). */
export function prismaSql(fragment: SqlFragment): Prisma.Sql {
  return new Prisma.Sql(fragment.strings, fragment.values);
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

import type { SqlRunner } from "@/lib/db/sql";

/**
 * Column kinds of the bulk writer. Values travel as PostgreSQL arrays and are unpacked with
 * `unnest`, which both PGlite and PostgreSQL 15 accept. Money travels as integer cents and
 * timestamps as epoch milliseconds because numbers are cheaper to serialise and parse than text,
 * and integer cents keep every sum exact.
 */
export type ColumnKind =
  | "int"
  | "float"
  | "text"
  | "bool"
  | "money"
  | "timestamp"
  | "json"
  /** A text[] column, shipped as a comma-separated string (arrays of arrays cannot be unnested). */
  | "csv"
  /** An int4[] column, shipped the same way. */
  | "intList"
  | `enum:${string}`;

export type Cell = number | string | boolean | null;

const PARAM_TYPE: Record<string, string> = {
  int: "int4[]",
  float: "float8[]",
  text: "text[]",
  bool: "bool[]",
  money: "int8[]",
  timestamp: "float8[]",
  json: "text[]",
  csv: "text[]",
  intList: "text[]",
};

function paramType(kind: ColumnKind): string {
  return kind.startsWith("enum:") ? "text[]" : PARAM_TYPE[kind];
}

function selectExpr(kind: ColumnKind, ref: string): string {
  if (kind.startsWith("enum:")) return `${ref}::"${kind.slice(5)}"`;
  switch (kind) {
    case "money":
      return `(${ref}::numeric / 100)`;
    case "timestamp":
      // Independent of the session time zone: the columns are `timestamp without time zone` in UTC.
      return `(TIMESTAMP '1970-01-01 00:00:00' + ${ref} * INTERVAL '1 millisecond')`;
    case "json":
      return `${ref}::jsonb`;
    case "csv":
      return `COALESCE(string_to_array(${ref}, ','), ARRAY[]::text[])`;
    case "intList":
      return `COALESCE(string_to_array(${ref}, ',')::int4[], ARRAY[]::int4[])`;
    default:
      return ref;
  }
}

/** Rows per INSERT statement: large enough to amortise a round trip, small enough for PGlite's heap. */
export const STATEMENT_ROWS = 20_000;

/**
 * Buffers rows of one table as column arrays and writes them with a few multi-row
 * `INSERT ... SELECT FROM unnest(...)` statements.
 *
 * With `serialId`, the writer hands out explicit ids (1, 2, 3, ... after `firstId`) so that child
 * rows can reference parents before anything is written; ids are derived in SQL from the row's
 * ordinality, which saves shipping an id column.
 */
export class TableWriter<K extends string> {
  private readonly keys: K[];
  private readonly kinds: ColumnKind[];
  private columns: Cell[][];
  private pendingFirstId: number;
  private nextIdValue: number;
  written = 0;

  constructor(
    readonly table: string,
    spec: Record<K, ColumnKind>,
    private readonly serialId: boolean = true,
    firstId = 1,
  ) {
    this.keys = Object.keys(spec) as K[];
    this.kinds = this.keys.map((k) => spec[k]);
    this.columns = this.keys.map(() => []);
    this.nextIdValue = firstId;
    this.pendingFirstId = firstId;
  }

  /** The id the next added row will get. */
  get nextId(): number {
    return this.nextIdValue;
  }

  get pending(): number {
    return this.columns[0]?.length ?? 0;
  }

  /** Adds a row and returns its id (0 when the table has no serial id). */
  add(row: Record<K, Cell>): number {
    for (let i = 0; i < this.keys.length; i++) {
      const value = row[this.keys[i]];
      this.columns[i].push(value === undefined ? null : value);
    }
    if (!this.serialId) return 0;
    return this.nextIdValue++;
  }

  async flush(sql: SqlRunner): Promise<void> {
    const total = this.pending;
    const names = this.keys.map((k) => `"${k}"`);
    const aliases = this.keys.map((_, i) => `c${i}`);
    const offset = this.serialId ? 1 : 0;
    const unnestArgs = this.kinds.map((kind, i) => `$${i + 1 + offset}::${paramType(kind)}`);
    const selects = this.kinds.map((kind, i) => selectExpr(kind, `u.${aliases[i]}`));
    const statement = this.serialId
      ? `INSERT INTO "${this.table}" ("id", ${names.join(", ")})
         SELECT $1::int4 + (u.ord::int4 - 1), ${selects.join(", ")}
         FROM unnest(${unnestArgs.join(", ")}) WITH ORDINALITY AS u(${aliases.join(", ")}, ord)`
      : `INSERT INTO "${this.table}" (${names.join(", ")})
         SELECT ${selects.join(", ")}
         FROM unnest(${unnestArgs.join(", ")}) AS u(${aliases.join(", ")})`;

    for (let start = 0; start < total; start += STATEMENT_ROWS) {
      const end = Math.min(total, start + STATEMENT_ROWS);
      const params: unknown[] = this.columns.map((col) => (start === 0 && end === total ? col : col.slice(start, end)));
      if (this.serialId) params.unshift(this.pendingFirstId + start);
      await sql.query(statement, params);
    }
    this.written += total;
    this.pendingFirstId += total;
    this.columns = this.keys.map(() => []);
  }
}

import type { SqlRunner } from "@/lib/platform/db/sql";

/**
 * Column kinds of the bulk writer. Rows travel in COPY's text format (PostgreSQL: COPY FROM STDIN;
 * PGlite: COPY FROM its /dev/blob). Money is handed in as integer cents and written as exact
 * decimal text, so no sum ever goes through a float; timestamps as epoch milliseconds.
 */
export type ColumnKind =
  | "int"
  | "float"
  | "text"
  | "bool"
  | "money"
  | "timestamp"
  | "json"
  /** A text[] column, handed in as a comma-separated string. */
  | "csv"
  /** An int4[] column, shipped the same way. */
  | "intList"
  | `enum:${string}`;

export type Cell = number | string | boolean | null;

/** COPY text format: backslash, tab, newline and carriage return are escaped; `\N` is null. */
function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : value;
}
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** Exact decimal text of integer cents (money never passes through a float division). */
export function centsText(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`money must be whole cents, got ${cents}`);
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const fraction = abs % 100;
  return `${sign}${(abs - fraction) / 100}.${fraction < 10 ? "0" : ""}${fraction}`;
}

/** An array literal with every element quoted, for text[] and int4[] columns. */
function arrayLiteral(csv: string | null): string {
  if (csv === null || csv === "") return "{}";
  return `{${csv
    .split(",")
    .map((item) => `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"`)
    .join(",")}}`;
}

/** One value in COPY text format. */
export function copyValue(kind: ColumnKind, value: Cell): string {
  if (kind === "csv" || kind === "intList") return copyText(arrayLiteral(value === null ? null : String(value)));
  if (value === null) return "\\N";
  switch (kind) {
    case "int":
    case "float":
      return String(value);
    case "bool":
      return value ? "t" : "f";
    case "money":
      return centsText(Number(value));
    case "timestamp":
      // Epoch milliseconds; the columns are timestamp without time zone holding UTC, and PostgreSQL
      // ignores the "Z" of an ISO string for that type.
      return new Date(Math.round(Number(value))).toISOString();
    default:
      return copyText(String(value));
  }
}

/** Rows per COPY: large enough to amortise a round trip, small enough for PGlite's heap. */
export const STATEMENT_ROWS = 20_000;

/**
 * Buffers rows of one table as columns and writes them with a few COPY statements. (It used to
 * send column arrays to `INSERT ... SELECT FROM unnest(...)`; serialising and parsing those arrays
 * took three times as long as COPY for the 100,000-row score snapshot.)
 *
 * With `serialId`, the writer hands out explicit ids (1, 2, 3, ... after `firstId`) so that child
 * rows can reference parents before anything is written.
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

  /**
   * Hands the buffered rows over instead of writing them (ids included for serial tables), as if
   * they had been written: for generators that also run without a database.
   */
  drain(): (Record<K, Cell> & { id: number })[] {
    const total = this.pending;
    const rows: (Record<K, Cell> & { id: number })[] = new Array(total);
    for (let r = 0; r < total; r++) {
      const row = { id: this.serialId ? this.pendingFirstId + r : 0 } as Record<K, Cell> & { id: number };
      for (let c = 0; c < this.keys.length; c++) row[this.keys[c]] = this.columns[c][r] as (Record<K, Cell> & { id: number })[K];
      rows[r] = row;
    }
    this.written += total;
    this.pendingFirstId += total;
    this.columns = this.keys.map(() => []);
    return rows;
  }

  async flush(sql: SqlRunner): Promise<void> {
    const total = this.pending;
    const names = this.serialId ? ["id", ...this.keys] : [...this.keys];
    for (let start = 0; start < total; start += STATEMENT_ROWS) {
      const end = Math.min(total, start + STATEMENT_ROWS);
      const lines: string[] = new Array(end - start);
      for (let r = start; r < end; r++) {
        const fields: string[] = this.serialId ? [String(this.pendingFirstId + r)] : [];
        for (let c = 0; c < this.kinds.length; c++) fields.push(copyValue(this.kinds[c], this.columns[c][r]));
        lines[r - start] = fields.join("\t");
      }
      await sql.copyFrom(this.table, names, `${lines.join("\n")}\n`);
    }
    this.written += total;
    this.pendingFirstId += total;
    this.columns = this.keys.map(() => []);
  }
}

/**
 * CSV readers for the analyst CLI, pure (string in, data out) so tests can check every error message.
 * Errors name the row and the column: "row 3 (line 4), column "date": ...", where row counts data rows
 * from 1 and line is the physical line in the file (the header is line 1).
 */

import { parse } from "csv-parse/sync";
import { parseDayNumber } from "@/lib/platform/day-number";

export class CsvInputError extends Error {
  readonly row: number | null;
  readonly column: string | null;

  constructor(message: string, row: number | null = null, column: string | null = null) {
    super(message);
    this.name = "CsvInputError";
    this.row = row;
    this.column = column;
  }
}

interface RawTable {
  header: string[];
  records: { fields: string[]; line: number; row: number }[];
}

function readTable(text: string, required: readonly string[]): RawTable & { columnIndex: Map<string, number> } {
  if (text.replace(/^\uFEFF/, "").trim() === "") throw new CsvInputError("input is empty: expected a header row");
  const lines: number[] = [];
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      on_record: (record: string[], context: { lines: number }) => {
        lines.push(context.lines);
        return record;
      },
    });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const line = err instanceof Error && "lines" in err && typeof err.lines === "number" ? err.lines : null;
    throw new CsvInputError(`malformed CSV${line !== null ? ` at line ${line}` : ""}: ${detail}`, null, null);
  }
  if (records.length === 0) throw new CsvInputError("input is empty: expected a header row");
  const header = records[0].map((h) => h.trim().toLowerCase());
  const columnIndex = new Map<string, number>();
  header.forEach((h, i) => {
    if (!columnIndex.has(h)) columnIndex.set(h, i);
  });
  const missing = required.filter((c) => !columnIndex.has(c));
  if (missing.length > 0) {
    throw new CsvInputError(
      `header (line ${lines[0]}): missing column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")} (expected ${required.join(",")})`,
      0,
      missing[0],
    );
  }
  const body = records.slice(1).map((fields, i) => ({ fields, line: lines[i + 1], row: i + 1 }));
  if (body.length === 0) throw new CsvInputError("no data rows after the header");
  return { header, records: body, columnIndex };
}

function fieldOf(table: { columnIndex: Map<string, number> }, rec: { fields: string[]; line: number; row: number }, column: string): string {
  const idx = table.columnIndex.get(column) ?? -1;
  const value = rec.fields[idx];
  if (value === undefined) throw new CsvInputError(`${where(rec, column)}: missing value (the row has only ${rec.fields.length} fields)`, rec.row, column);
  if (value === "") throw new CsvInputError(`${where(rec, column)}: empty value`, rec.row, column);
  return value;
}

function where(rec: { line: number; row: number }, column: string): string {
  return `row ${rec.row} (line ${rec.line}), column "${column}"`;
}

const AMOUNT = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

export interface TransactionRecord {
  customerId: string;
  day: number;
  amount: number;
}

/** `customer_id,date,amount` (extra columns ignored); dates YYYY-MM-DD or YYYYMMDD; plain decimal amounts. */
export function parseTransactionsCsv(text: string): TransactionRecord[] {
  const table = readTable(text, ["customer_id", "date", "amount"]);
  return table.records.map((rec) => {
    const customerId = fieldOf(table, rec, "customer_id");
    const dateText = fieldOf(table, rec, "date");
    const day = parseDayNumber(dateText);
    if (day === null) {
      throw new CsvInputError(`${where(rec, "date")}: unparsable date "${dateText}" (expected YYYY-MM-DD or YYYYMMDD)`, rec.row, "date");
    }
    const amountText = fieldOf(table, rec, "amount");
    if (!AMOUNT.test(amountText)) {
      throw new CsvInputError(`${where(rec, "amount")}: unparsable amount "${amountText}" (expected a plain decimal number)`, rec.row, "amount");
    }
    return { customerId, day, amount: Number(amountText) };
  });
}

export interface Baskets {
  transactionIds: string[];
  baskets: string[][];
}

/** `transaction_id,item`, one item per row; rows of one transaction need not be adjacent. */
export function parseBasketsCsv(text: string): Baskets {
  const table = readTable(text, ["transaction_id", "item"]);
  const byId = new Map<string, string[]>();
  for (const rec of table.records) {
    const id = fieldOf(table, rec, "transaction_id");
    const item = fieldOf(table, rec, "item");
    const basket = byId.get(id);
    if (basket === undefined) byId.set(id, [item]);
    else basket.push(item);
  }
  return { transactionIds: [...byId.keys()], baskets: [...byId.values()] };
}

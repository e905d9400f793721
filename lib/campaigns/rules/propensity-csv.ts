/**
 * The propensity CLI's input: a CSV with a `customer_id` column, a 0/1 `responded` column and any number
 * of numeric feature columns, whose headers become the feature names. Pure (string in, data out); errors
 * are the analyst CLI's CsvInputError and name the row, line and column like the other CLI readers.
 */

import { parse } from "csv-parse/sync";
import { CsvInputError } from "@/lib/scoring/rules/analytics-csv";
import type { PropensityData } from "@/lib/campaigns/rules/propensity";

export interface PropensityTable extends PropensityData {
  customerIds: string[];
}

// Plain decimal numbers, optionally with an exponent; no thousands separators, no NaN/Infinity.
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export function parsePropensityCsv(text: string): PropensityTable {
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
    throw new CsvInputError(`malformed CSV${line !== null ? ` at line ${line}` : ""}: ${detail}`);
  }
  if (records.length === 0) throw new CsvInputError("input is empty: expected a header row");
  const header = records[0];
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    if (h === "") throw new CsvInputError(`header (line ${lines[0]}): column ${i + 1} has no name`, 0, null);
    const key = h.toLowerCase();
    if (seen.has(key)) throw new CsvInputError(`header (line ${lines[0]}): column "${h}" appears twice`, 0, h);
    seen.set(key, i);
  });
  const missing = ["customer_id", "responded"].filter((c) => !seen.has(c));
  if (missing.length > 0) {
    throw new CsvInputError(
      `header (line ${lines[0]}): missing column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")} (expected customer_id, responded and numeric feature columns)`,
      0,
      missing[0],
    );
  }
  const idColumn = seen.get("customer_id") ?? -1;
  const outcomeColumn = seen.get("responded") ?? -1;
  const featureColumns = header.map((_, i) => i).filter((i) => i !== idColumn && i !== outcomeColumn);
  if (featureColumns.length === 0) throw new CsvInputError(`header (line ${lines[0]}): no feature columns besides customer_id and responded`, 0, null);
  const body = records.slice(1);
  if (body.length === 0) throw new CsvInputError("no data rows after the header");

  const p = featureColumns.length;
  const x = new Float64Array(body.length * p);
  const y = new Uint8Array(body.length);
  const customerIds: string[] = [];
  const ids = new Set<string>();
  body.forEach((fields, r) => {
    const row = r + 1;
    const line = lines[r + 1];
    const where = (column: number) => `row ${row} (line ${line}), column "${header[column]}"`;
    const field = (column: number): string => {
      const value = fields[column];
      if (value === undefined) throw new CsvInputError(`${where(column)}: missing value (the row has only ${fields.length} fields)`, row, header[column]);
      if (value === "") throw new CsvInputError(`${where(column)}: empty value`, row, header[column]);
      return value;
    };
    const id = field(idColumn);
    if (ids.has(id)) throw new CsvInputError(`${where(idColumn)}: customer "${id}" appears twice`, row, header[idColumn]);
    ids.add(id);
    customerIds.push(id);
    const outcome = field(outcomeColumn);
    if (outcome !== "0" && outcome !== "1") throw new CsvInputError(`${where(outcomeColumn)}: "${outcome}" is not 0 or 1`, row, header[outcomeColumn]);
    y[r] = outcome === "1" ? 1 : 0;
    featureColumns.forEach((column, j) => {
      const text = field(column);
      const value = Number(text);
      if (!NUMBER.test(text) || !Number.isFinite(value)) throw new CsvInputError(`${where(column)}: "${text}" is not a number`, row, header[column]);
      x[r * p + j] = value;
    });
  });
  return { featureNames: featureColumns.map((i) => header[i]), customerIds, x, y };
}

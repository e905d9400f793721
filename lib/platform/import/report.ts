/**
 * What an import run reports, line by line, and the helpers every entity's writer shares to build it:
 * invalid rows are reported from their field errors, the entity's writer adds what happened to each
 * valid row, and the result is sorted by line and counted. Plain data: it is streamed to the wizard
 * and downloaded from there as CSV.
 */
import type { RowError, ValidatedRow } from "./field-spec";

export type ImportStatus = "imported" | "updated" | "skipped" | "failed";
export const IMPORT_STATUSES = ["imported", "updated", "skipped", "failed"] as const satisfies readonly ImportStatus[];

/**
 * One line of the report. `reason` is an i18n key, `detail` its argument (a name, an owner's email,
 * the changed fields), `errors` a row's field problems; `id` the record created or changed.
 */
export type ImportOutcome = { line: number; status: ImportStatus; id?: number; name?: string; reason?: string; detail?: string; errors?: RowError[] };
export type ImportReport = { imported: number; updated: number; skipped: number; failed: number; rows: ImportOutcome[] };
export type ImportProgress = (done: number, total: number) => void;

export class ImportReportBuilder {
  private readonly outcomes: ImportOutcome[] = [];
  /** Rows refused by the permission check: logged once per run as a denial. */
  denied = 0;

  /** `messages` is the entity's namespace: invalid rows get `<messages>.report.invalid`. */
  constructor(private readonly messages: string) {}

  /** Reports the rows that failed validation and returns the valid ones. */
  validOnly<Row>(rows: readonly ValidatedRow<Row>[]): { line: number; value: Row }[] {
    const valid: { line: number; value: Row }[] = [];
    for (const row of rows) {
      if (row.ok) valid.push({ line: row.line, value: row.value });
      else this.outcomes.push({ line: row.line, status: "failed", reason: `${this.messages}.report.invalid`, errors: row.errors });
    }
    return valid;
  }

  add(outcome: ImportOutcome): void {
    this.outcomes.push(outcome);
  }

  /** A failed row with one of the entity's reasons (`<messages>.report.<reason>`). */
  fail(line: number, reason: string, extra: Omit<ImportOutcome, "line" | "status" | "reason"> = {}): void {
    this.outcomes.push({ line, status: "failed", reason: `${this.messages}.report.${reason}`, ...extra });
  }

  skip(line: number, reason: string, extra: Omit<ImportOutcome, "line" | "status" | "reason"> = {}): void {
    this.outcomes.push({ line, status: "skipped", reason: `${this.messages}.report.${reason}`, ...extra });
  }

  finish(): ImportReport {
    const rows = [...this.outcomes].sort((a, b) => a.line - b.line);
    const count = (s: ImportStatus) => rows.filter((o) => o.status === s).length;
    return { imported: count("imported"), updated: count("updated"), skipped: count("skipped"), failed: count("failed"), rows };
  }
}

/**
 * Works through `items` a batch at a time, reporting progress after each batch. Callers run it inside
 * one transaction: a batch bounds the size of each statement, never what commits.
 */
export async function inBatches<T>(items: readonly T[], size: number, onProgress: ImportProgress | undefined, fn: (batch: T[], start: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    const batch = items.slice(start, start + size);
    await fn(batch, start);
    onProgress?.(Math.min(items.length, start + batch.length), items.length);
  }
}

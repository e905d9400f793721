/**
 * Reader for the whitespace-separated CDNOW files of the reference data (CDNOW_sample.txt has no header
 * and two id columns; CDNOW_master.txt has a header). Kept here, pure and string-based, so tests and the
 * benchmark read them the same way.
 */

import { parseDayNumber } from "@/lib/platform/day-number";
import type { DatedAmount } from "@/lib/scoring/rules/summary";

export interface WhitespaceLayout {
  /** 0-based column positions. */
  idColumn: number;
  dateColumn: number;
  amountColumn: number;
  hasHeader: boolean;
}

/** CDNOW_sample.txt: masterid sampleid date cds dollars; the published summaries use the sample id. */
export const CDNOW_SAMPLE_LAYOUT: WhitespaceLayout = { idColumn: 1, dateColumn: 2, amountColumn: 4, hasHeader: false };
/** CDNOW_master.txt: customer_id date number_of_cds dollar_value. */
export const CDNOW_MASTER_LAYOUT: WhitespaceLayout = { idColumn: 0, dateColumn: 1, amountColumn: 3, hasHeader: true };

export function parseWhitespaceTransactions(text: string, layout: WhitespaceLayout): DatedAmount[] {
  const out: DatedAmount[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = layout.hasHeader ? 1 : 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    const fields = line.split(/\s+/);
    const idText = fields[layout.idColumn];
    const day = parseDayNumber(fields[layout.dateColumn] ?? "");
    const amount = Number(fields[layout.amountColumn]);
    if (idText === undefined || day === null || !Number.isFinite(amount)) {
      throw new SyntaxError(`line ${i + 1}: cannot read "${line}"`);
    }
    // Ids are zero-padded in the files ("00004"); the published summaries use the plain number.
    out.push({ customerId: String(Number(idText)), day, amount });
  }
  return out;
}

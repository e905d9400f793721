/**
 * The audit list's keyset position: the last row shown, as (at, id). Rows are read newest first by
 * (at DESC, id DESC), so the next page starts strictly after that pair, whatever was written since:
 * no OFFSET, and a page never repeats or skips a row while new rows arrive at the top.
 */
const INT8_MAX = 2n ** 63n - 1n;
/** 9999-12-31T23:59:59.999Z: a later instant has no timestamp text the database reads. */
export const MAX_INSTANT_MS = 253_402_300_799_999;

export type AuditCursor = { atMs: number; id: string };

export function encodeCursor(cursor: AuditCursor): string {
  return `${cursor.atMs}_${cursor.id}`;
}

/** null for anything that is not a cursor we wrote (a hand-edited URL). */
export function decodeCursor(value: string): AuditCursor | null {
  const match = /^(\d{1,15})_(\d{1,19})$/.exec(value);
  if (!match) return null;
  const atMs = Number(match[1]);
  // The id column is int8 (and instants end at year 9999): beyond either the query would fail instead of matching nothing.
  if (atMs > MAX_INSTANT_MS || BigInt(match[2]) > INT8_MAX) return null;
  return { atMs, id: BigInt(match[2]).toString() };
}

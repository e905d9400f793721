/** The bin's keyset position: the last row shown, in its (deletedAt DESC, type DESC, id DESC) order. */
export type BinType = "Customer" | "Contact";
export const BIN_TYPES: readonly BinType[] = ["Customer", "Contact"];
export type BinCursor = { deletedAtMs: number; type: BinType; id: number };

export function encodeBinCursor(cursor: BinCursor): string {
  return `${cursor.deletedAtMs}_${cursor.type}_${cursor.id}`;
}

export function decodeBinCursor(value: string): BinCursor | null {
  const match = /^(\d{1,15})_(Customer|Contact)_(\d{1,10})$/.exec(value);
  if (!match) return null;
  const id = Number(match[3]);
  // Beyond year 9999 no timestamp reads back, beyond int4 no id: the query would fail instead of matching nothing.
  if (id < 1 || id > 2_147_483_647 || Number(match[1]) > 253_402_300_799_999) return null;
  return { deletedAtMs: Number(match[1]), type: match[2] as BinType, id };
}

/**
 * For an optimistic-concurrency conflict: which fields someone else changed since the form was
 * loaded, comparing the snapshot the form was built from with the record as it is now.
 */
export type FieldValue = string | number | null;
export type Snapshot = Record<string, FieldValue>;
export type ConflictChange = { field: string; was: FieldValue; now: FieldValue };

export function changedFields(loaded: Snapshot, current: Snapshot, fields: readonly string[]): ConflictChange[] {
  const norm = (v: FieldValue | undefined) => (v === undefined || v === null || v === "" ? null : String(v));
  return fields.filter((f) => norm(loaded[f]) !== norm(current[f])).map((f) => ({ field: f, was: loaded[f] ?? null, now: current[f] ?? null }));
}

/**
 * An audit row's `changes` as people read it. lib/platform/audit.ts stores either a change set
 * (`{ field: { from, to } }`, from a before/after pair: lib/platform/audit-diff.ts) or a detail object
 * (what was denied, an export's filters and row count, a sign-in's address). This turns either into
 * rows of text for a table; nothing is dropped, nothing is interpreted beyond its shape.
 */

export type DiffRow = { field: string; before: string; after: string };
export type DetailRow = { key: string; value: string };
export type ChangeView = { kind: "diff"; rows: DiffRow[] } | { kind: "detail"; rows: DetailRow[] } | { kind: "none" };

/** The text a missing value shows as (null, absent). */
export const EMPTY_VALUE = "—";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A change set has only `{ from, to }` pairs for values (what diffRecords writes). */
export function isChangeSet(value: unknown): value is Record<string, { from: unknown; to: unknown }> {
  if (!isRecord(value)) return false;
  const entries = Object.values(value);
  return entries.length > 0 && entries.every((v) => isRecord(v) && Object.keys(v).length === 2 && "from" in v && "to" in v);
}

/** One stored value as text: strings as they are, null as a dash, anything else as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return EMPTY_VALUE;
  if (typeof value === "string") return value === "" ? '""' : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** The rows of a change table, fields in a stable (alphabetical) order so two views of one row agree. */
export function describeChanges(changes: unknown): ChangeView {
  if (changes === null || changes === undefined) return { kind: "none" };
  if (isChangeSet(changes)) {
    const rows = Object.keys(changes)
      .sort()
      .map((field) => ({ field, before: formatValue(changes[field].from), after: formatValue(changes[field].to) }));
    return { kind: "diff", rows };
  }
  if (isRecord(changes)) {
    const keys = Object.keys(changes).sort();
    if (keys.length === 0) return { kind: "none" };
    return { kind: "detail", rows: keys.map((key) => ({ key, value: formatValue(changes[key]) })) };
  }
  return { kind: "detail", rows: [{ key: "value", value: formatValue(changes) }] };
}

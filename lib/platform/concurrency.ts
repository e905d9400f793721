/**
 * One optimistic-concurrency protocol for every record two people can edit.
 *
 * The write: every editable table has an integer `version`. A save names the version its editor
 * loaded, and that version is part of the write's own WHERE (`updateMany({ where: { id, version } })`
 * or `UPDATE … WHERE id = $1 AND version = $2`), incrementing it. A write that matches no row lost a
 * race or was stale: nothing is written. There is no read-then-write window, because the database
 * evaluates the condition under the row lock of the write itself.
 *
 * The conflict: the editor's form posts, beside the version, the snapshot it was built from — the
 * record's values at that version, as the server rendered them (`snapshot` on the DTO, a hidden
 * `snapshot` input). When a save is refused, the data layer reads the record as it is now, takes the
 * same snapshot of it, and reports every field whose value differs: old = what the editor saw,
 * current = what is stored now. One rule for every entity; nothing depends on the audit log being
 * complete, on who wrote in between or on how many saves happened meanwhile. The posted snapshot only
 * shapes the report to the editor, who may read the record anyway; the version alone decides whether
 * the write happens, so a forged snapshot can neither force nor hide a write.
 *
 * Pure TypeScript: no Prisma, no React, so the data layer, actions and client forms share it.
 */

/** A field's value as a conflict reports it: text (money, dates and ids as the form shows them), or null for empty. */
export type FieldValue = string | null;

/** The values of a record's editable fields at one version, keyed by field name. */
export type Snapshot = Readonly<Record<string, FieldValue>>;

/** One field someone else changed: what the editor saw, and what is stored now. */
export type FieldChange = { field: string; old: FieldValue; current: FieldValue };

/**
 * What a save expects to overwrite: the version the editor loaded and, from a form, the snapshot it
 * showed. A bare number is a version without a snapshot (a version read inside the saving
 * transaction, or a caller that shows no fields): the refusal then lists no fields.
 */
export type Expected = number | { version: number; seen?: Snapshot | null };

/** A record as the conflict check needs it: its version and its snapshot now. */
export type VersionedRecord = { version: number; snapshot: Snapshot };

/**
 * What an action sends back to the form: plain JSON, so it crosses the server-action boundary.
 * `versions`: for a save of several records at once (the sales-targets table), each record's version
 * now, keyed like its fields in `changes` and `current`.
 */
export type ConflictView = { version: number; changes: FieldChange[]; current: Snapshot; versions?: Record<string, number | null> };

/** Refusal of a stale save: someone else saved the record since the editor loaded it; nothing was written. */
export class ConflictError extends Error {
  /** The version stored now: a deliberate overwrite saves again against this one. */
  readonly version: number;
  /** The fields another person changed, with the value the editor saw and the value stored now. */
  readonly changes: FieldChange[];
  /** The record's snapshot now (every editable field), so a form can rebase onto it. */
  readonly current: Snapshot;
  /** Several records saved at once: each one's version now (see ConflictView). */
  readonly versions: Record<string, number | null> | undefined;

  constructor(readonly entity: string, readonly entityId: number | string, conflict: ConflictView) {
    super("conflict");
    this.name = "ConflictError";
    this.version = conflict.version;
    this.changes = conflict.changes;
    this.current = conflict.current;
    this.versions = conflict.versions;
  }

  toView(): ConflictView {
    return { version: this.version, changes: this.changes.map((c) => ({ ...c })), current: { ...this.current }, ...(this.versions ? { versions: { ...this.versions } } : {}) };
  }
}

export function expectedVersion(expected: Expected): number {
  return typeof expected === "number" ? expected : expected.version;
}

export function seenOf(expected: Expected): Snapshot | null {
  return typeof expected === "number" ? null : (expected.seen ?? null);
}

/** Anything stored → the text a conflict shows. Decimals keep their scale; dates are ISO instants. */
export function fieldValue(value: unknown): FieldValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map((v) => fieldValue(v) ?? "").join(", ") || null;
  // Prisma's Decimal (decimal.js) prints without trailing zeros; money snapshots format with toFixed(2) themselves.
  if (typeof value === "object" && "toFixed" in value && typeof value.toString === "function") return value.toString();
  return JSON.stringify(value);
}

/** A snapshot of `row`'s `fields`, each through fieldValue (for records whose fields need no formatting). */
export function snapshotOf<T extends object>(row: T, fields: readonly (keyof T & string)[]): Snapshot {
  return Object.fromEntries(fields.map((f) => [f, fieldValue(row[f])]));
}

/**
 * The fields that differ between what the editor saw and what is stored now, in the order of the
 * current snapshot (the server's field list: a posted snapshot cannot add fields to the report).
 * Fields the editor's snapshot does not mention are not reported: the editor did not see them. An
 * empty string and null are the same "empty".
 */
export function changedFields(seen: Snapshot | null, current: Snapshot): FieldChange[] {
  if (!seen) return [];
  const norm = (v: FieldValue | undefined) => (v === undefined || v === null || v === "" ? null : v);
  const changes: FieldChange[] = [];
  for (const field of Object.keys(current)) {
    if (!Object.hasOwn(seen, field)) continue;
    const old = norm(seen[field]);
    const now = norm(current[field]);
    if (old !== now) changes.push({ field, old, current: now });
  }
  return changes;
}

/** The refusal for a record that is at `record.version` while the editor expected `expected`. */
export function conflictFor(entity: string, entityId: number | string, expected: Expected, record: VersionedRecord): ConflictError {
  return new ConflictError(entity, entityId, { version: record.version, changes: changedFields(seenOf(expected), record.snapshot), current: record.snapshot });
}

/**
 * Refuses early when the record, as read inside the saving transaction, is already past the expected
 * version: nothing else needs checking or computing. The write's own WHERE still carries the version
 * (see writeAtVersion), which is what closes the race between this read and the write.
 */
export function checkVersion(entity: string, entityId: number | string, expected: Expected, record: VersionedRecord): void {
  if (record.version !== expectedVersion(expected)) throw conflictFor(entity, entityId, expected, record);
}

/**
 * Runs `write`, whose WHERE must include `version` (the expected one) and which must increment it.
 * When it changed no row, the record is read again (`reload`, in the same transaction: under READ
 * COMMITTED it sees the save that won) and the refusal names what that save changed. `reload` throws
 * the data layer's not-found refusal itself when the record is gone.
 */
export async function writeAtVersion(
  entity: string,
  entityId: number | string,
  expected: Expected,
  write: (version: number) => Promise<{ count: number }>,
  reload: () => Promise<VersionedRecord>,
): Promise<void> {
  const { count } = await write(expectedVersion(expected));
  if (count === 0) throw conflictFor(entity, entityId, expected, await reload());
}

/**
 * Versions are int4 values from 1 up; 0 stands for "not stored yet" (a setting still at its
 * defaults). Anything else posted is no version at all.
 */
export function parseVersion(raw: unknown): number | null {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  if (!/^(0|[1-9][0-9]{0,9})$/.test(text)) return null;
  const n = Number(text);
  return n <= 2_147_483_647 ? n : null;
}

/** Keys a posted snapshot may never carry into an object (they reach Object.prototype). */
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const MAX_SNAPSHOT_CHARS = 64 * 1024;
const MAX_SNAPSHOT_FIELDS = 200;

/**
 * The snapshot a form posted (a JSON object of text-or-null values). Anything malformed is no
 * snapshot, never an error: the version check does not depend on it, only the conflict report.
 */
export function parseSnapshot(raw: unknown): Snapshot | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_SNAPSHOT_CHARS) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  return snapshotFrom(parsed);
}

/** A snapshot sent as data (not a form): the same checks as parseSnapshot, on a value instead of JSON text. */
export function snapshotFrom(parsed: unknown): Snapshot | null {
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return null;
  const entries = Object.entries(parsed);
  if (entries.length > MAX_SNAPSHOT_FIELDS) return null;
  const out: Record<string, FieldValue> = Object.create(null) as Record<string, FieldValue>;
  for (const [key, value] of entries) {
    if (RESERVED_KEYS.has(key)) continue;
    if (value === null || typeof value === "string") out[key] = value;
    else if (typeof value === "number" && Number.isFinite(value)) out[key] = String(value);
  }
  return out;
}

/** The version and snapshot a form posted as `version` and `snapshot`; null when the version is missing or malformed. */
export function expectedFromForm(formData: FormData, names: { version: string; snapshot: string } = { version: "version", snapshot: "snapshot" }): { version: number; seen: Snapshot | null } | null {
  const version = parseVersion(formData.get(names.version));
  if (version === null) return null;
  return { version, seen: parseSnapshot(formData.get(names.snapshot)) };
}

/** A JSON-safe value for the audit log: dates as ISO strings, decimals as their exact string. */
export type AuditValue = string | number | boolean | null | AuditValue[] | { [key: string]: AuditValue };

export type FieldChange = { from: AuditValue; to: AuditValue };
export type ChangeSet = Record<string, FieldChange>;

function isDecimalLike(value: object): value is { toFixed(): string } {
  // Prisma's Decimal (decimal.js) has toFixed and isDecimal-like methods; exactness matters for money.
  return typeof (value as { toFixed?: unknown }).toFixed === "function" && "d" in value && "e" in value;
}

export function toAuditValue(value: unknown): AuditValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(toAuditValue);
  if (typeof value === "object") {
    if (isDecimalLike(value)) return value.toFixed();
    const out: Record<string, AuditValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toAuditValue(v);
    return out;
  }
  return String(value);
}

const IGNORED = new Set(["updatedAt", "version", "passwordHash"]);

/**
 * The fields that differ between two snapshots of a record, before and after. A create passes
 * `before = null` (every field is new); a delete passes `after = null`.
 */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): ChangeSet {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: ChangeSet = {};
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const from = toAuditValue(before?.[key]);
    const to = toAuditValue(after?.[key]);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

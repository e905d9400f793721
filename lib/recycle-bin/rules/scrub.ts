/**
 * What a purge erases. A purged customer or contact keeps its row (orders, scores, touchpoints and
 * tickets still point at it, and the analytics history needs them), but every field that says who
 * the person is goes: the name becomes a neutral marker with the id, the rest becomes null. The
 * same fields are blanked in the record's own audit rows, whose before/after would otherwise keep
 * them.
 */
export const PURGED_VALUE = "[purged]";

/** Fields holding personal data, on customers, contacts and in their audit rows' before/after. */
export const PERSONAL_FIELDS: readonly string[] = ["name", "email", "phone", "company", "notes", "externalId", "title", "emailKey", "phoneDigits"];

export function purgedCustomerName(id: number): string {
  return `Purged customer #${id}`;
}

export function purgedContactName(id: number): string {
  return `Purged contact #${id}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const blank = (value: unknown): unknown => (value === null || value === undefined || value === "" ? value : PURGED_VALUE);

/**
 * An audit row's `changes` with personal fields blanked: in a change set (`{ field: { from, to } }`)
 * both sides, in a detail object the value. Everything else stays as it was; `changed` says whether
 * anything was blanked (so a row that holds nothing personal is not rewritten).
 */
export function scrubChanges(changes: unknown): { changes: unknown; changed: boolean } {
  if (!isRecord(changes)) return { changes, changed: false };
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (!PERSONAL_FIELDS.includes(key)) {
      out[key] = value;
      continue;
    }
    if (isRecord(value) && "from" in value && "to" in value) {
      const next = { ...value, from: blank(value.from), to: blank(value.to) };
      changed ||= next.from !== value.from || next.to !== value.to;
      out[key] = next;
    } else {
      const next = blank(value);
      changed ||= next !== value;
      out[key] = next;
    }
  }
  return { changes: out, changed };
}

/**
 * The touchpoint timeline's paging: newest first, a keyset on (occurredAt, id) so page 40 of a
 * customer with thousands of touchpoints costs the same as page 1, plus the channel filter, both
 * as URL parameters of the 360 page.
 */
import { Channel } from "@/lib/platform/enums";
import { decodeCursor, encodeCursor, type SearchParamsInput } from "@/lib/customers/rules/list-query";

export const TIMELINE_PAGE_SIZE = 20;

export type TimelinePosition = { occurredAt: Date; id: number };
export type TimelineQuery = { channels: Channel[]; before?: TimelinePosition; pageSize: number };

function all(params: SearchParamsInput, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const value = params[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function encodeTimelineCursor(position: TimelinePosition): string {
  return encodeCursor({ v: position.occurredAt.toISOString(), id: position.id });
}

export function decodeTimelineCursor(raw: string | undefined): TimelinePosition | undefined {
  const cursor = decodeCursor(raw);
  if (!cursor || cursor.v === null) return undefined;
  const occurredAt = new Date(cursor.v);
  return Number.isNaN(occurredAt.getTime()) ? undefined : { occurredAt, id: cursor.id };
}

/** `channel` may repeat (?channel=PHONE&channel=EMAIL) or be comma-separated; unknown names are dropped. */
export function parseTimelineQuery(params: SearchParamsInput): TimelineQuery {
  const known = new Set<string>(Object.values(Channel));
  const channels = [
    ...new Set(
      all(params, "channel")
        .flatMap((v) => v.split(","))
        .filter((c) => known.has(c)),
    ),
  ] as Channel[];
  const rawBefore = all(params, "tlBefore")[0];
  const before = decodeTimelineCursor(rawBefore);
  return { channels, pageSize: TIMELINE_PAGE_SIZE, ...(before ? { before } : {}) };
}

/** Splits a fetched page of pageSize + 1 rows into the rows shown and the cursor of the next page. */
export function pageOf<T extends TimelinePosition>(rows: T[], pageSize: number): { items: T[]; next: string | null } {
  if (rows.length <= pageSize) return { items: rows, next: null };
  const items = rows.slice(0, pageSize);
  return { items, next: encodeTimelineCursor(items[items.length - 1]) };
}

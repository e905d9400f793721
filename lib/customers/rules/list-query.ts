/**
 * The customer list's state (search, filters, sort, page) as it lives in the URL, so a filtered list
 * can be bookmarked and shared. Parsing never throws: a hand-edited or stale link falls back to the
 * defaults for whatever it got wrong, rather than showing an error page.
 */
import { AbcSegment, CustomerKind, LifecycleStage, Tier } from "@/lib/platform/enums";
import { RFM_GROUPS } from "@/lib/scoring/rules/rfm";

export const SORT_KEYS = ["name", "spend", "clv", "lastPurchase", "churn"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";

export const DNC_FILTERS = ["any", "none", "phone", "email", "mail", "sms"] as const;
export type DncFilter = (typeof DNC_FILTERS)[number];

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

/** The natural direction per sort: names A→Z, money and risk biggest first. */
export const DEFAULT_DIR: Record<SortKey, SortDir> = { name: "asc", spend: "desc", clv: "desc", lastPurchase: "desc", churn: "desc" };

export type OwnerFilter = { kind: "me" } | { kind: "none" } | { kind: "user"; id: number };

export type CustomerFilters = {
  q?: string;
  kind?: CustomerKind;
  region?: string;
  industry?: string;
  owner?: OwnerFilter;
  /** Owner in this team (the value dashboard's team filter). */
  team?: number;
  tier?: Tier;
  abc?: AbcSegment;
  stage?: LifecycleStage;
  rfm?: string;
  /** An RFM grid cell: recency score then frequency score, e.g. "53". */
  rf?: string;
  segment?: number;
  /** Last contact older than this many days (never contacted counts as older). */
  noContactDays?: number;
  dnc?: DncFilter;
  /**
   * Scores as of this period end (YYYY-MM-DD) instead of the newest: score filters, sorts and
   * columns then read that period's snapshot (the value dashboard's drill-downs from older periods).
   */
  period?: string;
  /** Tier migration drill-down: the customer's tier in `fromPeriod`, or NEW for no score then. */
  fromPeriod?: string;
  fromTier?: Tier | "NEW";
};

/** A position in the sorted list: the sort value of the last row seen (null in the nulls-last tail) and its id. */
export type Cursor = { v: string | null; id: number };

export type CustomerListQuery = CustomerFilters & {
  sort: SortKey;
  dir: SortDir;
  pageSize: number;
  /** Keyset position: rows after this one (next pages) or before it (previous pages). */
  after?: Cursor;
  before?: Cursor;
};

export type SearchParamsInput = Record<string, string | string[] | undefined> | URLSearchParams;

function get(params: SearchParamsInput, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

function oneOf<T extends string>(values: readonly T[], raw: string | undefined): T | undefined {
  return raw !== undefined && (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

function positiveInt(raw: string | undefined, max = 1_000_000_000): number | undefined {
  if (raw === undefined || !/^\d{1,10}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 && n <= max ? n : undefined;
}

function text(raw: string | undefined, max = 100): string | undefined {
  const trimmed = raw?.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
}

// base64url by hand: this module also runs in the browser (the filter form builds links), where
// Buffer does not exist.
function toBase64Url(textValue: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(textValue)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(raw: string): string {
  const binary = atob(raw.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** Cursors travel as base64url JSON: opaque to users, stable in links. */
export function encodeCursor(cursor: Cursor): string {
  return toBase64Url(JSON.stringify([cursor.v, cursor.id]));
}

export function decodeCursor(raw: string | undefined): Cursor | undefined {
  if (!raw || raw.length > 200) return undefined;
  try {
    const value: unknown = JSON.parse(fromBase64Url(raw));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [v, id] = value as unknown[];
    if ((v !== null && typeof v !== "string") || typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) return undefined;
    if (typeof v === "string" && v.length > 150) return undefined;
    return { v, id };
  } catch {
    return undefined;
  }
}

function isoDay(raw: string | undefined): string | undefined {
  if (raw === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return undefined;
  const date = new Date(`${raw}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(raw) ? raw : undefined;
}

function parseOwner(raw: string | undefined): OwnerFilter | undefined {
  if (raw === "me") return { kind: "me" };
  if (raw === "none") return { kind: "none" };
  const id = positiveInt(raw);
  return id === undefined ? undefined : { kind: "user", id };
}

export function parseFilters(params: SearchParamsInput): CustomerFilters {
  const filters: CustomerFilters = {
    q: text(get(params, "q"), 100),
    kind: oneOf(Object.values(CustomerKind), get(params, "kind")),
    region: text(get(params, "region")),
    industry: text(get(params, "industry")),
    owner: parseOwner(get(params, "owner")),
    team: positiveInt(get(params, "team")),
    tier: oneOf(Object.values(Tier), get(params, "tier")),
    abc: oneOf(Object.values(AbcSegment), get(params, "abc")),
    stage: oneOf(Object.values(LifecycleStage), get(params, "stage")),
    rfm: oneOf(RFM_GROUPS, get(params, "rfm")),
    rf: /^[1-5][1-5]$/.test(get(params, "rf") ?? "") ? get(params, "rf") : undefined,
    segment: positiveInt(get(params, "segment")),
    noContactDays: positiveInt(get(params, "noContact"), 36_500),
    dnc: oneOf(DNC_FILTERS, get(params, "dnc")),
    period: isoDay(get(params, "period")),
    fromPeriod: isoDay(get(params, "fromPeriod")),
    fromTier: oneOf([...Object.values(Tier), "NEW" as const], get(params, "fromTier")),
  };
  // A migration filter needs both halves.
  if (!filters.fromPeriod || !filters.fromTier) {
    delete filters.fromPeriod;
    delete filters.fromTier;
  }
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as CustomerFilters;
}

export function parseListQuery(params: SearchParamsInput): CustomerListQuery {
  const sort = oneOf(SORT_KEYS, get(params, "sort")) ?? "name";
  const dir = oneOf(["asc", "desc"] as const, get(params, "dir")) ?? DEFAULT_DIR[sort];
  const size = positiveInt(get(params, "size"));
  const pageSize = size !== undefined && (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE;
  const after = decodeCursor(get(params, "after"));
  const before = after ? undefined : decodeCursor(get(params, "before"));
  return { ...parseFilters(params), sort, dir, pageSize, ...(after ? { after } : {}), ...(before ? { before } : {}) };
}

/** Only what differs from the defaults, in a fixed order, so equal lists have equal links. */
export function serializeListQuery(query: Partial<CustomerListQuery>): URLSearchParams {
  const out = new URLSearchParams();
  const put = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== "") out.set(key, String(value));
  };
  put("q", query.q);
  put("kind", query.kind);
  put("region", query.region);
  put("industry", query.industry);
  if (query.owner) put("owner", query.owner.kind === "user" ? query.owner.id : query.owner.kind);
  put("team", query.team);
  put("tier", query.tier);
  put("abc", query.abc);
  put("stage", query.stage);
  put("rfm", query.rfm);
  put("rf", query.rf);
  put("segment", query.segment);
  put("noContact", query.noContactDays);
  put("dnc", query.dnc);
  put("period", query.period);
  put("fromPeriod", query.fromPeriod);
  put("fromTier", query.fromTier);
  const sort = query.sort ?? "name";
  if (sort !== "name") put("sort", sort);
  if (query.dir && query.dir !== DEFAULT_DIR[sort]) put("dir", query.dir);
  if (query.pageSize && query.pageSize !== DEFAULT_PAGE_SIZE) put("size", query.pageSize);
  if (query.after) put("after", encodeCursor(query.after));
  else if (query.before) put("before", encodeCursor(query.before));
  return out;
}

export function hasFilters(filters: CustomerFilters): boolean {
  return Object.keys(parseFilters(serializeListQuery(filters))).length > 0;
}

/** The query without its page position: what a filter change, a sort change or an export starts from. */
export function withoutPaging(query: CustomerListQuery): CustomerListQuery {
  const rest = { ...query };
  delete rest.after;
  delete rest.before;
  return rest;
}

/**
 * The leads list's state (filters, sort, page) as it lives in the URL. Parsing never throws: a
 * hand-edited link falls back to defaults for whatever it got wrong.
 */
import { LeadStatus } from "@/lib/platform/enums";

export const LEAD_SORT_KEYS = ["createdAt", "name", "company", "status"] as const;
export type LeadSortKey = (typeof LEAD_SORT_KEYS)[number];
export type SortDir = "asc" | "desc";
export const LEAD_PAGE_SIZE = 25;

export type LeadOwnerFilter = { kind: "me" } | { kind: "none" } | { kind: "user"; id: number };

export type LeadListQuery = {
  q?: string;
  status?: LeadStatus;
  source?: string;
  owner?: LeadOwnerFilter;
  sort: LeadSortKey;
  dir: SortDir;
  /** 1-based page number. */
  page: number;
};

type Params = Record<string, string | string[] | undefined>;

function one(params: Params, key: string): string | undefined {
  const v = params[key];
  const s = Array.isArray(v) ? v[0] : v;
  const t = s?.trim();
  return t ? t : undefined;
}

export function parseLeadListQuery(params: Params): LeadListQuery {
  const q = one(params, "q")?.slice(0, 100);
  const statusRaw = one(params, "status");
  const status = statusRaw && (Object.values(LeadStatus) as string[]).includes(statusRaw) ? (statusRaw as LeadStatus) : undefined;
  const source = one(params, "source")?.slice(0, 100);
  const ownerRaw = one(params, "owner");
  let owner: LeadOwnerFilter | undefined;
  if (ownerRaw === "me") owner = { kind: "me" };
  else if (ownerRaw === "none") owner = { kind: "none" };
  else if (ownerRaw && /^\d{1,9}$/.test(ownerRaw)) owner = { kind: "user", id: Number(ownerRaw) };
  const sortRaw = one(params, "sort");
  const sort = sortRaw && (LEAD_SORT_KEYS as readonly string[]).includes(sortRaw) ? (sortRaw as LeadSortKey) : "createdAt";
  const dirRaw = one(params, "dir");
  const dir: SortDir = dirRaw === "asc" || dirRaw === "desc" ? dirRaw : sort === "createdAt" ? "desc" : "asc";
  const pageRaw = Number(one(params, "page") ?? "1");
  const page = Number.isInteger(pageRaw) && pageRaw >= 1 && pageRaw <= 100_000 ? pageRaw : 1;
  return { q, status, source, owner, sort, dir, page };
}

/** The canonical URL query for a list state: defaults and empty fields are left out. */
export function serializeLeadListQuery(query: LeadListQuery): string {
  const out = new URLSearchParams();
  if (query.q) out.set("q", query.q);
  if (query.status) out.set("status", query.status);
  if (query.source) out.set("source", query.source);
  if (query.owner) out.set("owner", query.owner.kind === "user" ? String(query.owner.id) : query.owner.kind);
  if (query.sort !== "createdAt") out.set("sort", query.sort);
  const defaultDir = query.sort === "createdAt" ? "desc" : "asc";
  if (query.dir !== defaultDir) out.set("dir", query.dir);
  if (query.page > 1) out.set("page", String(query.page));
  return out.toString();
}

export function hasLeadFilters(query: LeadListQuery): boolean {
  return Boolean(query.q || query.status || query.source || query.owner);
}

/**
 * The campaign list's state in the URL (filters, sort, page), parsed without ever throwing: a stale or
 * hand-edited link falls back to the defaults for whatever it got wrong.
 */
import type { CampaignStatus, CampaignType } from "@/lib/platform/enums";
import { CAMPAIGN_STATUSES, CAMPAIGN_TYPES } from "@/lib/campaigns/rules/status";

export const CAMPAIGN_SORTS = ["start", "name", "cost", "status"] as const;
export type CampaignSort = (typeof CAMPAIGN_SORTS)[number];
export const CAMPAIGN_PAGE_SIZE = 25;

export type CampaignListQuery = {
  status?: CampaignStatus;
  type?: CampaignType;
  /** Campaigns whose period overlaps [from, to] (calendar days). */
  from?: string;
  to?: string;
  owner?: number;
  q?: string;
  sort: CampaignSort;
  dir: "asc" | "desc";
  page: number;
};

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function get(params: Params, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

function oneOf<T extends string>(values: readonly T[], raw: string | undefined): T | undefined {
  return raw !== undefined && (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

function day(raw: string | undefined): string | undefined {
  if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return undefined;
  const d = new Date(`${raw}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(raw) ? raw : undefined;
}

function positive(raw: string | undefined, max: number): number | undefined {
  if (!raw || !/^\d{1,10}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 && n <= max ? n : undefined;
}

export function parseCampaignListQuery(params: Params): CampaignListQuery {
  const sort = oneOf(CAMPAIGN_SORTS, get(params, "sort")) ?? "start";
  const dir = oneOf(["asc", "desc"] as const, get(params, "dir")) ?? (sort === "name" || sort === "status" ? "asc" : "desc");
  const q = get(params, "q")?.trim().slice(0, 100);
  const query: CampaignListQuery = {
    status: oneOf(CAMPAIGN_STATUSES, get(params, "status")),
    type: oneOf(CAMPAIGN_TYPES, get(params, "type")),
    from: day(get(params, "from")),
    to: day(get(params, "to")),
    owner: positive(get(params, "owner"), 2_147_483_647),
    q: q ? q : undefined,
    sort,
    dir,
    page: positive(get(params, "page"), 10_000) ?? 1,
  };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as CampaignListQuery;
}

/** Only what differs from the defaults, in a fixed order. */
export function serializeCampaignListQuery(query: Partial<CampaignListQuery>): URLSearchParams {
  const out = new URLSearchParams();
  const put = (k: string, v: string | number | undefined) => {
    if (v !== undefined && v !== "") out.set(k, String(v));
  };
  put("q", query.q);
  put("status", query.status);
  put("type", query.type);
  put("from", query.from);
  put("to", query.to);
  put("owner", query.owner);
  if (query.sort && query.sort !== "start") put("sort", query.sort);
  const defaultDir = query.sort === "name" || query.sort === "status" ? "asc" : "desc";
  if (query.dir && query.dir !== defaultDir) put("dir", query.dir);
  if (query.page && query.page > 1) put("page", query.page);
  return out;
}

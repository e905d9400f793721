/**
 * The opportunity list's state, kept in the URL so a filtered, sorted page can be shared and the
 * back button works. Parsing never throws: anything unknown falls back to the default.
 */
import type { OpportunityStage } from "@/lib/platform/enums";
import { parseStaleDays } from "@/lib/opportunities/rules/stale";
import { STAGES } from "@/lib/opportunities/rules/stages";
import { parseIdParam } from "@/lib/platform/id-param";

export const OPP_SORT_KEYS = ["close", "amount", "name", "activity", "created"] as const;
export type OppSortKey = (typeof OPP_SORT_KEYS)[number];
export const OPP_DEFAULT_DIR: Record<OppSortKey, "asc" | "desc"> = { close: "asc", amount: "desc", name: "asc", activity: "asc", created: "desc" };
export const OPP_PAGE_SIZE = 25;

export type OpportunityListQuery = {
  q?: string;
  /** A stage, or "open" for every open stage. */
  stage?: OpportunityStage | "open";
  ownerId?: number;
  partnerId?: number;
  /** Drill-downs from the pipeline dashboard: owner's team, lead source ("" = none), product category, customer region. */
  teamId?: number;
  source?: string;
  categoryId?: number;
  region?: string;
  /** The deal's close date: the actual one for closed deals, the expected one for open deals. */
  closeFrom?: string;
  closeTo?: string;
  staleOnly: boolean;
  staleDays: number;
  sort: OppSortKey;
  dir: "asc" | "desc";
  page: number;
};

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
// Ids (and page numbers) beyond int32 would fail inside the query: dropped like any bad filter.
const positiveInt = (v: string | undefined) => parseIdParam(v) ?? undefined;
const isoDate = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined);

export function parseOpportunityQuery(params: Params, defaultStaleDays?: number): OpportunityListQuery {
  const stage = one(params.stage);
  const sort = one(params.sort) as OppSortKey | undefined;
  const validSort = sort && (OPP_SORT_KEYS as readonly string[]).includes(sort) ? sort : "close";
  const dir = one(params.dir);
  return {
    q: one(params.q)?.slice(0, 100),
    stage: stage === "open" || (stage && (STAGES as readonly string[]).includes(stage)) ? (stage as OpportunityStage | "open") : undefined,
    ownerId: positiveInt(one(params.ownerId)),
    partnerId: positiveInt(one(params.partnerId)),
    teamId: positiveInt(one(params.team)),
    // Present but empty means "no source" (the dashboard's figure for deals without one).
    source: params.source === undefined ? undefined : (Array.isArray(params.source) ? params.source[0] : params.source).trim().slice(0, 100),
    categoryId: positiveInt(one(params.category)),
    region: one(params.region)?.slice(0, 100),
    closeFrom: isoDate(one(params.closeFrom)),
    closeTo: isoDate(one(params.closeTo)),
    staleOnly: one(params.stale) === "1",
    staleDays: parseStaleDays(one(params.staleDays), defaultStaleDays),
    sort: validSort,
    dir: dir === "asc" || dir === "desc" ? dir : OPP_DEFAULT_DIR[validSort],
    page: Math.min(positiveInt(one(params.page)) ?? 1, 10_000),
  };
}

/** The canonical query string: defaults left out, so links stay short. */
export function serializeOpportunityQuery(q: OpportunityListQuery, defaultStaleDays?: number): URLSearchParams {
  const out = new URLSearchParams();
  if (q.q) out.set("q", q.q);
  if (q.stage) out.set("stage", q.stage);
  if (q.ownerId) out.set("ownerId", String(q.ownerId));
  if (q.partnerId) out.set("partnerId", String(q.partnerId));
  if (q.teamId) out.set("team", String(q.teamId));
  if (q.source !== undefined) out.set("source", q.source);
  if (q.categoryId) out.set("category", String(q.categoryId));
  if (q.region) out.set("region", q.region);
  if (q.closeFrom) out.set("closeFrom", q.closeFrom);
  if (q.closeTo) out.set("closeTo", q.closeTo);
  if (q.staleOnly) out.set("stale", "1");
  if (q.staleDays !== parseStaleDays(undefined, defaultStaleDays)) out.set("staleDays", String(q.staleDays));
  if (q.sort !== "close") out.set("sort", q.sort);
  if (q.dir !== OPP_DEFAULT_DIR[q.sort]) out.set("dir", q.dir);
  if (q.page > 1) out.set("page", String(q.page));
  return out;
}

export function hasOpportunityFilters(q: OpportunityListQuery): boolean {
  return Boolean(
    q.q || q.stage || q.ownerId || q.partnerId || q.teamId || q.source !== undefined || q.categoryId || q.region || q.closeFrom || q.closeTo || q.staleOnly,
  );
}

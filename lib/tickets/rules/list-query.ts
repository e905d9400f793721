/**
 * The ticket list's state (filters, sort, cursor) as it lives in the URL. Parsing never throws: a
 * hand-edited link falls back to defaults for whatever it got wrong.
 */
import { MAX_ID } from "@/lib/platform/id-param";
import { TicketPriority, TicketStatus, Tier } from "@/lib/platform/enums";
import { isTicketCategory, type TicketCategory } from "@/lib/tickets/rules/categories";

export const TICKET_PAGE_SIZE = 25;
export const TICKET_SORTS = ["due", "newest", "priority"] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];
export const SLA_FILTERS = ["breached", "atRisk", "paused"] as const;
export type SlaFilter = (typeof SLA_FILTERS)[number];

export type TicketListQuery = {
  /** A status, or "open" for every status that still needs work. */
  status?: TicketStatus | "open";
  priority?: TicketPriority;
  category?: TicketCategory;
  tier?: Tier;
  assignee?: "me" | "unassigned" | number;
  customerId?: number;
  sla?: SlaFilter;
  sort: TicketSort;
  /** The last id of the previous page (keyset paging along the sort). */
  cursor?: number;
};

type Params = Record<string, string | string[] | undefined>;

function one(params: Params, key: string): string | undefined {
  const v = params[key];
  const s = Array.isArray(v) ? v[0] : v;
  const t = s?.trim();
  return t ? t : undefined;
}

function idOf(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= MAX_ID ? n : undefined;
}

function member<T extends string>(values: readonly T[], text: string | undefined): T | undefined {
  return text !== undefined && (values as readonly string[]).includes(text) ? (text as T) : undefined;
}

export function parseTicketListQuery(params: Params): TicketListQuery {
  const statusRaw = one(params, "status");
  const assigneeRaw = one(params, "assignee");
  const categoryRaw = one(params, "category");
  return {
    status: statusRaw === "open" ? "open" : member(Object.values(TicketStatus), statusRaw),
    priority: member(Object.values(TicketPriority), one(params, "priority")),
    category: categoryRaw && isTicketCategory(categoryRaw) ? categoryRaw : undefined,
    tier: member(Object.values(Tier), one(params, "tier")),
    assignee: assigneeRaw === "me" || assigneeRaw === "unassigned" ? assigneeRaw : idOf(assigneeRaw),
    customerId: idOf(one(params, "customer")),
    sla: member(SLA_FILTERS, one(params, "sla")),
    sort: member(TICKET_SORTS, one(params, "sort")) ?? "due",
    cursor: idOf(one(params, "after")),
  };
}

/** The canonical URL query for a list state (without the cursor unless given): defaults are left out. */
export function serializeTicketListQuery(query: TicketListQuery, cursor?: string | null): string {
  const out = new URLSearchParams();
  if (query.status) out.set("status", query.status);
  if (query.priority) out.set("priority", query.priority);
  if (query.category) out.set("category", query.category);
  if (query.tier) out.set("tier", query.tier);
  if (query.assignee !== undefined) out.set("assignee", String(query.assignee));
  if (query.customerId) out.set("customer", String(query.customerId));
  if (query.sla) out.set("sla", query.sla);
  if (query.sort !== "due") out.set("sort", query.sort);
  if (cursor) out.set("after", cursor);
  return out.toString();
}

export function encodeTicketCursor(id: number): string {
  return String(id);
}

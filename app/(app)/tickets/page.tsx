import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TimeZoneSync } from "@/components/calendar/time-zone-sync";
import { TicketFilters } from "@/components/tickets/ticket-filters";
import { TicketTable } from "@/components/tickets/ticket-table";
import { Button } from "@/components/ui/button";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";
import { listTickets, ticketAssignees } from "@/lib/tickets/queries";
import { parseTicketListQuery, serializeTicketListQuery, type TicketListQuery } from "@/lib/tickets/rules/list-query";

export async function generateMetadata() {
  const t = await getTranslations("service");
  return { title: t("list.title") };
}

type Params = Record<string, string | string[] | undefined>;
type Props = { searchParams: Promise<Params> };

/**
 * The list opens on the open tickets (the work still to do); "all" is spelled out in the URL, so a
 * link to every status survives the default.
 */
function effectiveQuery(params: Params): TicketListQuery {
  const parsed = parseTicketListQuery(params);
  const raw = Array.isArray(params.status) ? params.status[0] : params.status;
  return raw === undefined || raw.trim() === "" ? { ...parsed, status: "open" } : parsed;
}

function listHref(query: TicketListQuery, cursor?: string | null): string {
  const p = new URLSearchParams(serializeTicketListQuery(query, cursor));
  if (query.status === "open") p.delete("status");
  else if (!query.status) p.set("status", "all");
  const s = p.toString();
  return s ? `/tickets?${s}` : "/tickets";
}

function isFiltered(q: TicketListQuery): boolean {
  return q.status !== "open" || Boolean(q.priority || q.category || q.tier || q.assignee !== undefined || q.customerId || q.sla);
}

export default async function TicketsPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, "ticket.read")) notFound();
  const params = await searchParams;
  const query = effectiveQuery(params);
  // The filter form submits empty fields too; keep shared links short and canonical.
  if (Object.values(params).some((v) => v === "")) redirect(listHref(query, query.cursor ? String(query.cursor) : null));
  const [t, timeZone] = await Promise.all([getTranslations("service"), viewerTimeZone()]);
  const [page, people] = await Promise.all([listTickets(user, query), ticketAssignees(user)]);
  const filtered = isFiltered(query);
  const customerName = query.customerId ? page.items.find((i) => i.customer.id === query.customerId)?.customer.name : undefined;
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <TimeZoneSync current={timeZone} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t("list.title")}</h1>
        <div className="flex flex-wrap items-center gap-2">
          {can(user, "ticket.edit") ? (
            <Button asChild variant="secondary">
              <Link href="/tickets/triage">{t("triage.link")}</Link>
            </Button>
          ) : null}
          {can(user, "ticket.create") ? (
            <Button asChild>
              <Link href={query.customerId ? `/tickets/new?customer=${query.customerId}` : "/tickets/new"}>{t("list.new")}</Link>
            </Button>
          ) : null}
        </div>
      </div>
      {query.customerId ? (
        <p className="flex flex-wrap items-center gap-3 text-sm">
          <span className="font-medium">{customerName ? t("list.customerFilter", { name: customerName }) : t("list.customerFilterId", { id: query.customerId })}</span>
          <Link href={listHref({ ...query, customerId: undefined, cursor: undefined })} className="text-brand-700 underline">
            {t("list.allCustomers")}
          </Link>
        </p>
      ) : null}
      <TicketFilters query={query} people={people} />
      <p className="text-sm text-slate-600" role="status" data-testid="ticket-count">
        {t("list.count", { count: page.total })}
      </p>
      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-semibold">{filtered ? t("list.emptyFiltered") : t("list.empty")}</h2>
          <p className="mt-1 text-sm text-slate-600">{filtered ? t("list.emptyFilteredHint") : t("list.emptyHint")}</p>
          {filtered ? (
            <Link href="/tickets" className="mt-3 inline-block text-brand-700 underline">
              {t("filters.clear")}
            </Link>
          ) : null}
        </div>
      ) : (
        <TicketTable tickets={page.items} timeZone={timeZone} caption={t("list.caption")} />
      )}
      {query.cursor || page.next ? (
        <nav aria-label={t("list.pagination")} className="flex items-center justify-between text-sm">
          {query.cursor ? (
            <Link href={listHref({ ...query, cursor: undefined })} className="rounded-md border border-slate-300 bg-white px-3 py-2 hover:bg-slate-100">
              {t("list.first")}
            </Link>
          ) : (
            <span />
          )}
          {page.next ? (
            <Link href={listHref(query, page.next)} rel="next" className="rounded-md border border-slate-300 bg-white px-3 py-2 hover:bg-slate-100">
              {t("list.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}

import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LeadFilters } from "@/components/leads/lead-filters";
import { LeadStatusBadge } from "@/components/leads/lead-status-badge";
import { Button } from "@/components/ui/button";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { getLeadFilterOptions, listLeads } from "@/lib/leads/mutations";
import { formatDate } from "@/lib/platform/format";
import { hasLeadFilters, type LEAD_SORT_KEYS, type LeadListQuery, parseLeadListQuery, serializeLeadListQuery } from "@/lib/leads/rules/list-query";
import { Pager } from "@/components/ui/pager";

export async function generateMetadata() {
  const t = await getTranslations("leads");
  return { title: t("list.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LeadsPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, "lead.read")) notFound();
  const params = await searchParams;
  const query = parseLeadListQuery(params);
  // The filter form submits empty fields too; keep shared links short and canonical.
  if (Object.values(params).some((v) => v === "")) redirect(`/leads?${serializeLeadListQuery(query)}`);
  const t = await getTranslations("leads");
  const tExport = await getTranslations("dataExport");
  const exportQuery = serializeLeadListQuery({ ...query, page: 1 });
  const [page, options] = await Promise.all([listLeads(user, query), getLeadFilterOptions(user)]);
  const href = (q: LeadListQuery) => {
    const s = serializeLeadListQuery(q);
    return s ? `/leads?${s}` : "/leads";
  };
  const sortHeader = (key: (typeof LEAD_SORT_KEYS)[number], label: string) => {
    const active = query.sort === key;
    const dir = active ? (query.dir === "asc" ? "desc" : "asc") : key === "createdAt" ? "desc" : "asc";
    return (
      <th scope="col" className="px-3 py-2 font-medium" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
        <Link href={href({ ...query, sort: key, dir, page: 1 })} className="hover:underline">
          {label}
          {active ? (query.dir === "asc" ? " ▲" : " ▼") : ""}
        </Link>
      </th>
    );
  };
  const filtered = hasLeadFilters(query);
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t("list.title")}</h1>
        <div className="flex gap-2">
          {can(user, "lead.create") ? (
            <>
              <Button asChild>
                <Link href="/leads/new">{t("list.new")}</Link>
              </Button>
              <Button variant="secondary" asChild>
                <Link href="/leads/import">{t("list.import")}</Link>
              </Button>
            </>
          ) : null}
          {can(user, "lead.export") ? (
            <Button variant="secondary" asChild>
              <a href={`/leads/export${exportQuery ? `?${exportQuery}` : ""}`} download>
                {tExport("leads")}
              </a>
            </Button>
          ) : null}
        </div>
      </div>
      <LeadFilters query={query} options={options} />
      <p className="text-sm text-slate-600" role="status" data-testid="lead-count">
        {t("list.count", { count: page.total })}
      </p>
      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-semibold">{filtered ? t("list.emptyFiltered") : t("list.empty")}</h2>
          <p className="mt-1 text-sm text-slate-600">{filtered ? t("list.emptyFilteredHint") : t("list.emptyHint")}</p>
          {filtered ? (
            <Link href="/leads" className="mt-3 inline-block text-brand-700 underline">
              {t("filters.clear")}
            </Link>
          ) : null}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("list.title")}</caption>
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                {sortHeader("name", t("fields.name"))}
                {sortHeader("company", t("fields.company"))}
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("fields.email")}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("fields.source")}
                </th>
                {sortHeader("status", t("fields.status"))}
                <th scope="col" className="px-3 py-2 font-medium">
                  {t("fields.owner")}
                </th>
                {sortHeader("createdAt", t("fields.createdAt"))}
              </tr>
            </thead>
            <tbody>
              {page.items.map((l) => (
                <tr key={l.id} className="border-b border-slate-100 last:border-0">
                  <td className="px-3 py-2">
                    <Link href={`/leads/${l.id}`} className="font-medium text-brand-700 hover:underline">
                      {l.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{l.company ?? "—"}</td>
                  <td className="px-3 py-2">{l.email ?? "—"}</td>
                  <td className="px-3 py-2">{l.source}</td>
                  <td className="px-3 py-2">
                    <LeadStatusBadge status={l.status} />
                  </td>
                  <td className="px-3 py-2">{l.owner?.name ?? t("filters.unassigned")}</td>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatDate(l.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        page={page.page}
        pages={page.pages}
        hrefFor={(n) => href({ ...query, page: n })}
        labels={{ nav: t("list.pagination"), prev: t("list.prev"), next: t("list.next"), position: t("list.page", { page: page.page, pages: page.pages }) }}
      />
    </div>
  );
}

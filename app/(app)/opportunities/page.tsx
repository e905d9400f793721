import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OpportunityFilters } from "@/components/opportunities/opportunity-filters";
import { type OppSortLink, OpportunityTable } from "@/components/opportunities/opportunity-table";
import { Button } from "@/components/ui/button";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { getStaleDaysDefault } from "@/lib/opportunities/queries";
import { getOpportunityFormOptions, listOpportunities } from "@/lib/opportunities/mutations";
import { hasOpportunityFilters, OPP_DEFAULT_DIR, type OpportunityListQuery, parseOpportunityQuery, serializeOpportunityQuery } from "@/lib/opportunities/rules/list-query";
import { Pager } from "@/components/ui/pager";

export async function generateMetadata() {
  const t = await getTranslations("opportunities");
  return { title: t("list.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function OpportunitiesPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, "opportunity.read")) notFound();
  const params = await searchParams;
  const staleDefault = await getStaleDaysDefault();
  const query = parseOpportunityQuery(params, staleDefault);
  const href = (q: OpportunityListQuery) => {
    const s = serializeOpportunityQuery(q, staleDefault).toString();
    return s ? `/opportunities?${s}` : "/opportunities";
  };
  // The filter form submits empty fields too; keep shared links short and canonical.
  if (Object.values(params).some((v) => v === "")) redirect(href(query));
  const t = await getTranslations();
  const [page, options] = await Promise.all([listOpportunities(user, query), getOpportunityFormOptions(user)]);
  const base = { ...query, page: 1 };
  const sortLinks: OppSortLink[] = (["name", "amount", "close", "activity"] as const).map((key) => {
    const active = query.sort === key;
    const dir = active ? (query.dir === "asc" ? "desc" : "asc") : OPP_DEFAULT_DIR[key];
    return { key, label: t(`opportunities.sort.${key}`), href: href({ ...base, sort: key, dir }), active, dir: query.dir };
  });
  const filtered = hasOpportunityFilters(query);
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t("opportunities.list.title")}</h1>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" asChild>
            <Link href="/opportunities/board">{t("opportunities.board.title")}</Link>
          </Button>
          {can(user, "opportunity.edit") ? (
            <Button asChild>
              <Link href="/opportunities/new">{t("opportunities.list.new")}</Link>
            </Button>
          ) : null}
        </div>
      </div>
      <OpportunityFilters query={query} options={options} />
      <p className="text-sm text-slate-600" role="status" data-testid="opportunity-count">
        {t("opportunities.list.count", { count: page.total })}
      </p>
      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-semibold">{filtered ? t("opportunities.list.emptyFiltered") : t("opportunities.list.empty")}</h2>
          <p className="mt-1 text-sm text-slate-600">{filtered ? t("opportunities.list.emptyFilteredHint") : t("opportunities.list.emptyHint")}</p>
        </div>
      ) : (
        <OpportunityTable items={page.items} sortLinks={sortLinks} />
      )}
      <Pager
        page={page.page}
        pages={page.pages}
        hrefFor={(n) => href({ ...query, page: n })}
        labels={{
          nav: t("opportunities.list.pagination"),
          prev: t("opportunities.list.prev"),
          next: t("opportunities.list.next"),
          position: t("opportunities.list.pageOf", { page: page.page, pages: page.pages }),
        }}
      />
    </div>
  );
}

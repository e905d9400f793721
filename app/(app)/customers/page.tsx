import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CustomerFilters } from "@/components/customers/customer-filters";
import { CustomerTable, type SortLink } from "@/components/customers/customer-table";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { COUNT_CAP, getFilterOptions, listCustomers } from "@/lib/customers/queries";
import { getBulkTargets } from "@/lib/customers/mutations";
import { SegmentDrillChip } from "@/components/segments/segment-drill-chip";
import { DEFAULT_DIR, hasFilters, parseListQuery, serializeListQuery, SORT_KEYS, withoutPaging } from "@/lib/customers/rules/list-query";

export async function generateMetadata() {
  const t = await getTranslations("customers");
  return { title: t("list.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CustomersPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const query = parseListQuery(params);
  // The filter form submits every field, empty ones too; keep shared links short and canonical.
  if (Object.values(params).some((v) => v === "")) redirect(`/customers?${serializeListQuery(query)}`);
  const t = await getTranslations();
  const [page, options, targets] = await Promise.all([listCustomers(user, query), getFilterOptions(user), getBulkTargets(user)]);
  const base = withoutPaging(query);
  const href = (q: typeof query) => {
    const s = serializeListQuery(q).toString();
    return s ? `/customers?${s}` : "/customers";
  };
  const sortLinks: SortLink[] = SORT_KEYS.map((key) => {
    const active = query.sort === key;
    const dir = active ? (query.dir === "asc" ? "desc" : "asc") : DEFAULT_DIR[key];
    return { key, label: t(`customers.sort.${key}`), href: href({ ...base, sort: key, dir }), active, dir: query.dir };
  });
  const nextHref = page.next ? `${href(base)}${serializeListQuery(base).toString() ? "&" : "?"}after=${page.next}` : null;
  const prevHref = page.prev ? `${href(base)}${serializeListQuery(base).toString() ? "&" : "?"}before=${page.prev}` : null;
  const exportQuery = serializeListQuery(base).toString();
  const filtered = hasFilters(query);
  const total = page.total > COUNT_CAP ? t("customers.list.countMany", { count: COUNT_CAP }) : t("customers.list.count", { count: page.total });

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t("customers.list.title")}</h1>
        <div className="flex flex-wrap gap-2">
          {can(user, "customer.create") ? (
            <Button asChild>
              <Link href="/customers/new">{t("customers.list.new")}</Link>
            </Button>
          ) : null}
          {can(user, "customer.create") ? (
            <Button variant="secondary" asChild>
              <Link href="/customers/import">{t("customers.list.import")}</Link>
            </Button>
          ) : null}
          {can(user, "order.import") ? (
            <Button variant="secondary" asChild>
              <Link href="/orders/import">{t("orderImport.nav")}</Link>
            </Button>
          ) : null}
          {can(user, "recycleBin.use") ? (
            <Button variant="secondary" asChild>
              <Link href="/customers/recycle-bin">{t("customers.list.recycleBin")}</Link>
            </Button>
          ) : null}
          {can(user, "campaign.edit") ? (
            <Button variant="secondary" asChild>
              <Link href={`/campaigns/new?audience=${encodeURIComponent(exportQuery)}`}>{t("campaigns.list.useAsAudience")}</Link>
            </Button>
          ) : null}
        </div>
      </div>
      {params.deleted === "1" ? <FormMessage tone="success">{t("customers.list.deleted")}</FormMessage> : null}
      <CustomerFilters query={query} options={options} />
      {query.period || query.fromTier || query.team || query.rf ? (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-slate-200 bg-brand-50 px-3 py-2 text-sm text-slate-700" data-testid="drill-context">
          {query.period ? <span>{t("customers.drill.period", { date: query.period })}</span> : null}
          {query.fromTier && query.fromPeriod ? (
            <span>
              {query.fromTier === "NEW"
                ? t("customers.drill.fromNew", { date: query.fromPeriod })
                : t("customers.drill.fromTier", { date: query.fromPeriod, tier: t(`enums.tier.${query.fromTier}`) })}
            </span>
          ) : null}
          {query.team ? <span>{t("customers.drill.team")}</span> : null}
          {query.rf ? <span>{t("customers.drill.rf", { r: query.rf[0], f: query.rf[1] })}</span> : null}
          <Link className="text-brand-700 underline" href={href({ ...base, period: undefined, fromPeriod: undefined, fromTier: undefined, team: undefined, rf: undefined })}>
            {t("customers.drill.clear")}
          </Link>
        </div>
      ) : null}
      {query.segment ? <SegmentDrillChip user={user} segmentId={query.segment} clearHref={href({ ...base, segment: undefined })} /> : null}
      <p className="text-sm text-slate-600" role="status" data-testid="customer-count">
        {total}
        {page.fuzzy ? ` · ${t("customers.list.fuzzy", { q: query.q ?? "" })}` : ""}
      </p>
      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-semibold">{filtered ? t("customers.list.emptyFiltered") : t("customers.list.empty")}</h2>
          <p className="mt-1 text-sm text-slate-600">{filtered ? t("customers.list.emptyFilteredHint") : t("customers.list.emptyHint")}</p>
          {filtered ? (
            <Link href="/customers" className="mt-3 inline-block text-brand-700 underline">
              {t("customers.filters.clear")}
            </Link>
          ) : null}
        </div>
      ) : (
        <CustomerTable items={page.items} sortLinks={sortLinks} targets={targets} canSaveSegment={can(user, "segment.edit")} exportHref={can(user, "customer.export") ? `/customers/export${exportQuery ? `?${exportQuery}` : ""}` : null} />
      )}
      <nav aria-label={t("customers.list.pagination")} className="flex items-center justify-between">
        {prevHref ? (
          <Link href={prevHref} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100" rel="prev">
            {t("customers.list.prev")}
          </Link>
        ) : (
          <span />
        )}
        {nextHref ? (
          <Link href={nextHref} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100" rel="next">
            {t("customers.list.next")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

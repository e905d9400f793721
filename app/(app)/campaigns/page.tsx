import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CampaignBars } from "@/components/campaigns/effectiveness-charts";
import { CampaignStatusBadge } from "@/components/campaigns/status-badge";
import { Button } from "@/components/ui/button";
import { ChartCard } from "@/components/ui/chart-card";
import { FilterField, FILTER_CONTROL, FilterSelect } from "@/components/ui/filter-field";
import { Pager } from "@/components/ui/pager";
import { listFigures } from "@/lib/campaigns/effectiveness-data";
import { listCampaigns } from "@/lib/campaigns/queries";
import { CAMPAIGN_SORTS, parseCampaignListQuery, serializeCampaignListQuery } from "@/lib/campaigns/rules/list-query";
import { CAMPAIGN_STATUSES, CAMPAIGN_TYPES } from "@/lib/campaigns/rules/status";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { formatDate, formatMoney } from "@/lib/platform/format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("campaigns");
  return { title: t("list.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** Every campaign (everyone reads them), filtered and sorted, with the page's figures computed together to compare. */
export default async function CampaignsPage({ searchParams }: Props) {
  const user = await requireUser();
  const query = parseCampaignListQuery(await searchParams);
  const page = await listCampaigns(user, query);
  const [t, figures] = await Promise.all([getTranslations(), listFigures(user, page.items.map((c) => c.id))]);
  const filtered = Boolean(query.status || query.type || query.from || query.to || query.owner || query.q);
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const compared = page.items.filter((c) => Boolean(figures.get(c.id)?.lift) || figures.get(c.id)?.roi != null);

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{t("campaigns.list.title")}</h1>
          <p className="text-sm text-slate-600">{t("campaigns.list.intro")}</p>
        </div>
        {can(user, "campaign.edit") ? (
          <Button asChild>
            <Link href="/campaigns/new">{t("campaigns.list.new")}</Link>
          </Button>
        ) : null}
      </div>
      <form method="get" action="/campaigns" aria-label={t("campaigns.list.filters")} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <FilterField id="cmp-q" label={t("campaigns.list.search")}>
          <input id="cmp-q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={100} className={FILTER_CONTROL} />
        </FilterField>
        <FilterSelect id="cmp-status" name="status" label={t("campaigns.fields.status")} value={query.status} anyLabel={t("campaigns.list.any")} options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`campaigns.status.${s}`) }))} />
        <FilterSelect id="cmp-type" name="type" label={t("campaigns.fields.type")} value={query.type} anyLabel={t("campaigns.list.any")} options={CAMPAIGN_TYPES.map((s) => ({ value: s, label: t(`campaigns.type.${s}`) }))} />
        <FilterField id="cmp-from" label={t("campaigns.list.from")}>
          <input id="cmp-from" name="from" type="date" defaultValue={query.from ?? ""} className={FILTER_CONTROL} />
        </FilterField>
        <FilterField id="cmp-to" label={t("campaigns.list.to")}>
          <input id="cmp-to" name="to" type="date" defaultValue={query.to ?? ""} className={FILTER_CONTROL} />
        </FilterField>
        <FilterSelect id="cmp-owner" name="owner" label={t("campaigns.fields.ownerId")} value={query.owner} anyLabel={t("campaigns.list.any")} options={page.owners.map((o) => ({ value: o.id, label: o.name }))} />
        <FilterField id="cmp-sort" label={t("campaigns.list.sort")}>
          <select id="cmp-sort" name="sort" defaultValue={query.sort} className={FILTER_CONTROL}>
            {CAMPAIGN_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`campaigns.list.sortBy.${s}`)}
              </option>
            ))}
          </select>
        </FilterField>
        <FilterField id="cmp-dir" label={t("campaigns.list.direction")}>
          <select id="cmp-dir" name="dir" defaultValue={query.dir} className={FILTER_CONTROL}>
            <option value="asc">{t("campaigns.list.asc")}</option>
            <option value="desc">{t("campaigns.list.desc")}</option>
          </select>
        </FilterField>
        <Button type="submit" variant="secondary">
          {t("campaigns.list.apply")}
        </Button>
        {filtered ? (
          <Link href="/campaigns" className="py-2 text-sm text-brand-700 hover:underline">
            {t("campaigns.list.reset")}
          </Link>
        ) : null}
      </form>
      <p className="text-sm text-slate-600" role="status">
        {t("campaigns.list.count", { count: page.total })}
      </p>
      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-semibold">{filtered ? t("campaigns.list.emptyFiltered") : t("campaigns.list.empty")}</h2>
          <p className="mt-1 text-sm text-slate-600">{filtered ? t("campaigns.list.emptyFilteredHint") : t("campaigns.list.emptyHint")}</p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="campaign-table">
            <caption className="sr-only">{t("campaigns.list.caption")}</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">{t("campaigns.fields.name")}</th>
                <th scope="col" className="px-3 py-2">{t("campaigns.fields.type")}</th>
                <th scope="col" className="px-3 py-2">{t("campaigns.fields.status")}</th>
                <th scope="col" className="px-3 py-2">{t("campaigns.list.period")}</th>
                <th scope="col" className="px-3 py-2">{t("campaigns.fields.ownerId")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("campaigns.kpi.members")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("campaigns.kpi.responses")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("campaigns.kpi.lift")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("campaigns.kpi.cost")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("campaigns.kpi.roi")}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((c) => {
                const f = figures.get(c.id);
                return (
                  <tr key={c.id} className="border-t border-slate-100 hover:bg-slate-50">
                    <th scope="row" className="px-3 py-2 font-medium">
                      <Link href={`/campaigns/${c.id}`} className="text-brand-700 hover:underline">
                        {c.name}
                      </Link>
                    </th>
                    <td className="px-3 py-2">{t(`campaigns.type.${c.type}`)}</td>
                    <td className="px-3 py-2">
                      <CampaignStatusBadge status={c.status} label={t(`campaigns.status.${c.status}`)} />
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {formatDate(c.startsAt)} – {formatDate(c.endsAt)}
                    </td>
                    <td className="px-3 py-2">{c.ownerName}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{f ? t("campaigns.list.membersValue", { members: f.members, control: f.control }) : "—"}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{f ? f.responses.toLocaleString("en-US") : "—"}</td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {f?.lift ? (
                        <span title={t("campaigns.kpi.interval", { lower: pct(f.lift.lower), upper: pct(f.lift.upper) })}>
                          {pct(f.lift.absolute)}
                          {f.lift.distinguishable ? " *" : ""}
                        </span>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatMoney(c.cost)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{f?.roi !== null && f?.roi !== undefined ? pct(f.roi) : "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="px-3 py-2 text-xs text-slate-500">{t("campaigns.list.legend")}</p>
        </div>
      )}
      <Pager
        page={page.page}
        pages={pages}
        hrefFor={(p) => `/campaigns?${serializeCampaignListQuery({ ...query, page: p }).toString()}`}
        labels={{ nav: t("campaigns.list.pages"), prev: t("campaigns.list.prev"), next: t("campaigns.list.next"), position: t("campaigns.list.position", { page: page.page, pages }) }}
      />
      {compared.length > 0 ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <ChartCard
            id="compare-roi"
            title={t("campaigns.list.compareRoi")}
            tableLabel={t("campaigns.charts.showTable")}
            chart={<CampaignBars format="ratio" data={compared.filter((c) => figures.get(c.id)?.roi != null).map((c) => ({ label: c.name, value: figures.get(c.id)!.roi! }))} />}
            table={
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t("campaigns.list.compareRoi")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("campaigns.fields.name")}</th>
                    <th scope="col" className="text-right">{t("campaigns.kpi.roi")}</th>
                  </tr>
                </thead>
                <tbody>
                  {compared.map((c) => (
                    <tr key={c.id}>
                      <th scope="row" className="font-normal">{c.name}</th>
                      <td className="text-right tabular-nums">{figures.get(c.id)?.roi != null ? pct(figures.get(c.id)!.roi!) : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
          <ChartCard
            id="compare-lift"
            title={t("campaigns.list.compareLift")}
            tableLabel={t("campaigns.charts.showTable")}
            chart={<CampaignBars format="percent" data={compared.filter((c) => figures.get(c.id)?.lift).map((c) => ({ label: c.name, value: figures.get(c.id)!.lift!.absolute }))} />}
            table={
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t("campaigns.list.compareLift")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("campaigns.fields.name")}</th>
                    <th scope="col" className="text-right">{t("campaigns.kpi.lift")}</th>
                    <th scope="col" className="text-right">{t("campaigns.kpi.liftInterval")}</th>
                  </tr>
                </thead>
                <tbody>
                  {compared.map((c) => {
                    const lift = figures.get(c.id)?.lift;
                    return (
                      <tr key={c.id}>
                        <th scope="row" className="font-normal">{c.name}</th>
                        <td className="text-right tabular-nums">{lift ? pct(lift.absolute) : "—"}</td>
                        <td className="text-right tabular-nums">{lift ? `${pct(lift.lower)} – ${pct(lift.upper)}` : "—"}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            }
          />
        </div>
      ) : null}
    </div>
  );
}

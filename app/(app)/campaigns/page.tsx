import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CampaignListTable } from "@/components/campaigns/campaign-list-table";
import { Button } from "@/components/ui/button";
import { FilterField, FILTER_CONTROL, FilterSelect } from "@/components/ui/filter-field";
import { Pager } from "@/components/ui/pager";
import { listCampaigns } from "@/lib/campaigns/queries";
import { CAMPAIGN_SORTS, parseCampaignListQuery, serializeCampaignListQuery } from "@/lib/campaigns/rules/list-query";
import { CAMPAIGN_STATUSES, CAMPAIGN_TYPES } from "@/lib/campaigns/rules/status";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("campaigns");
  return { title: t("list.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every campaign (everyone reads them), filtered and sorted; the page's figures stream in (CampaignListTable). */
export default async function CampaignsPage({ searchParams }: Props) {
  const user = await requireUser();
  const query = parseCampaignListQuery(await searchParams);
  const page = await listCampaigns(user, query);
  const t = await getTranslations();
  const filtered = Boolean(query.status || query.type || query.from || query.to || query.owner || query.q);
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));

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
        <CampaignListTable user={user} items={page.items} t={t} />
      )}
      <Pager
        page={page.page}
        pages={pages}
        hrefFor={(p) => `/campaigns?${serializeCampaignListQuery({ ...query, page: p }).toString()}`}
        labels={{ nav: t("campaigns.list.pages"), prev: t("campaigns.list.prev"), next: t("campaigns.list.next"), position: t("campaigns.list.position", { page: page.page, pages }) }}
      />
    </div>
  );
}

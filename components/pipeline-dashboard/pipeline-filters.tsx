import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { FILTER_CONTROL, FilterField, FilterSelect } from "@/components/ui/filter-field";
import type { PipelineDashboard, PipelineFilters } from "@/lib/dashboards/pipeline";


/**
 * A plain GET form: the filters live in the URL (bookmarkable, shareable), work without JavaScript
 * and with the keyboard alone. A chosen quarter wins over the months.
 */
export async function PipelineFiltersForm({ data, filters }: { data: PipelineDashboard; filters: PipelineFilters }) {
  const t = await getTranslations("pipelineDashboard.filters");
  const { options, period } = data;
  return (
    <form method="get" action="/dashboards/pipeline" className="flex flex-wrap items-end gap-3" aria-label={t("legend")}>
      <FilterSelect id="pf-quarter" name="quarter" label={t("quarter")} value={period.quarter} anyLabel={t("customMonths")} options={options.quarters.map((q) => ({ value: q, label: q }))} />
      <FilterField id="pf-from" label={t("from")}>
        <input id="pf-from" name="from" type="month" defaultValue={period.from} className={FILTER_CONTROL} />
      </FilterField>
      <FilterField id="pf-to" label={t("to")}>
        <input id="pf-to" name="to" type="month" defaultValue={period.to} className={FILTER_CONTROL} />
      </FilterField>
      {options.teams.length > 0 ? (
        <FilterSelect id="pf-team" name="team" label={t("team")} value={filters.team} anyLabel={t("any")} options={options.teams.map((team) => ({ value: team.id, label: team.name }))} />
      ) : null}
      {options.reps.length > 0 ? (
        <FilterSelect id="pf-rep" name="rep" label={t("rep")} value={filters.rep} anyLabel={t("any")} options={options.reps.map((r) => ({ value: r.id, label: r.name }))} />
      ) : null}
      <FilterSelect id="pf-region" name="region" label={t("region")} value={filters.region} anyLabel={t("any")} options={options.regions.map((r) => ({ value: r, label: r }))} />
      <FilterSelect id="pf-category" name="category" label={t("category")} value={filters.category} anyLabel={t("any")} options={options.categories.map((c) => ({ value: c.id, label: c.name }))} />
      <FilterField id="pf-stale" label={t("stale")}>
        <input id="pf-stale" name="stale" type="number" min={1} max={365} defaultValue={data.staleDays} className={`${FILTER_CONTROL} w-24`} />
      </FilterField>
      <Button type="submit">{t("apply")}</Button>
      <Button asChild variant="ghost">
        <Link href="/dashboards/pipeline">{t("reset")}</Link>
      </Button>
    </form>
  );
}

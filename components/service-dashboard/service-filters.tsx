import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { FILTER_CONTROL, FilterField, FilterSelect } from "@/components/ui/filter-field";
import type { ServiceDashboard } from "@/lib/dashboards/service";


/**
 * A plain GET form: the filters live in the URL (bookmarkable, shareable), work without JavaScript
 * and with the keyboard alone. A chosen preset wins over the months. An agent gets no team or agent
 * choice: their figures are their own.
 */
export async function ServiceFiltersForm({ data }: { data: ServiceDashboard }) {
  const t = await getTranslations("serviceDashboard");
  const { options, period, filters } = data;
  return (
    <form method="get" action="/dashboards/service" className="flex flex-wrap items-end gap-3" aria-label={t("filters.legend")}>
      <FilterField id="sf-period" label={t("filters.period")}>
        <select id="sf-period" name="period" defaultValue={period.preset ?? ""} className={FILTER_CONTROL}>
          {options.presets.map((p) => (
            <option key={p} value={p}>
              {t(`presets.${p}`)}
            </option>
          ))}
          <option value="">{t("filters.customMonths")}</option>
        </select>
      </FilterField>
      <FilterField id="sf-from" label={t("filters.from")}>
        <input id="sf-from" name="from" type="month" defaultValue={period.fromMonth ?? ""} className={FILTER_CONTROL} />
      </FilterField>
      <FilterField id="sf-to" label={t("filters.to")}>
        <input id="sf-to" name="to" type="month" defaultValue={period.toMonth ?? ""} className={FILTER_CONTROL} />
      </FilterField>
      {options.teams.length > 0 ? (
        <FilterSelect id="sf-team" name="team" label={t("filters.team")} value={filters.team} anyLabel={t("filters.any")} options={options.teams.map((team) => ({ value: team.id, label: team.name }))} />
      ) : null}
      {options.agents.length > 0 ? (
        <FilterSelect id="sf-agent" name="agent" label={t("filters.agent")} value={filters.agent} anyLabel={t("filters.any")} options={options.agents.map((a) => ({ value: a.id, label: a.name }))} />
      ) : null}
      <FilterSelect id="sf-category" name="category" label={t("filters.category")} value={filters.category} anyLabel={t("filters.any")} options={options.categories.map((c) => ({ value: c, label: t(`categories.${c}`) }))} />
      <FilterSelect id="sf-tier" name="tier" label={t("filters.tier")} value={filters.tier} anyLabel={t("filters.any")} options={options.tiers.map((tier) => ({ value: tier, label: t(`tiers.${tier}`) }))} />
      <FilterSelect id="sf-priority" name="priority" label={t("filters.priority")} value={filters.priority} anyLabel={t("filters.any")} options={options.priorities.map((p) => ({ value: p, label: t(`priorities.${p}`) }))} />
      <Button type="submit">{t("filters.apply")}</Button>
      <Button asChild variant="ghost">
        <Link href="/dashboards/service">{t("filters.reset")}</Link>
      </Button>
    </form>
  );
}

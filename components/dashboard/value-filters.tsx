import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { segmentName } from "@/components/segments/segment-name";
import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-field";
import type { ValueDashboard, ValueFilters } from "@/lib/dashboards/value";
import { CustomerKind } from "@/lib/platform/enums";

const SELECT = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

function Select({ id, label, name, value, children }: { id: string; label: string; name: string; value: string | number | undefined; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value === undefined ? "" : String(value)} className={SELECT}>
        {children}
      </select>
    </div>
  );
}

/**
 * A plain GET form: the filter state lives in the URL (bookmarkable, shareable), works without
 * JavaScript and with the keyboard alone.
 */
export async function ValueFiltersForm({ data, filters }: { data: ValueDashboard; filters: ValueFilters }) {
  const t = await getTranslations();
  return (
    <form method="get" action="/dashboards/value" className="flex flex-wrap items-end gap-3" aria-label={t("valueDashboard.filters.legend")}>
      <Select id="f-period" name="period" label={t("valueDashboard.filters.period")} value={data.period?.periodEnd}>
        {data.periods.map((p) => (
          <option key={p.periodEnd} value={p.periodEnd}>
            {p.periodEnd}
          </option>
        ))}
      </Select>
      <Select id="f-compare" name="compare" label={t("valueDashboard.filters.compare")} value={filters.compare ?? data.compare ?? ""}>
        <option value="">{t("valueDashboard.filters.noCompare")}</option>
        {data.periods
          .filter((p) => p.periodEnd !== data.period?.periodEnd)
          .map((p) => (
            <option key={p.periodEnd} value={p.periodEnd}>
              {p.periodEnd}
            </option>
          ))}
      </Select>
      <Select id="f-region" name="region" label={t("valueDashboard.filters.region")} value={filters.region}>
        <option value="">{t("valueDashboard.filters.any")}</option>
        {data.options.regions.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </Select>
      <Select id="f-kind" name="kind" label={t("valueDashboard.filters.kind")} value={filters.kind}>
        <option value="">{t("valueDashboard.filters.any")}</option>
        {Object.values(CustomerKind).map((k) => (
          <option key={k} value={k}>
            {t(`enums.kind.${k}`)}
          </option>
        ))}
      </Select>
      <Select id="f-team" name="team" label={t("valueDashboard.filters.team")} value={filters.team}>
        <option value="">{t("valueDashboard.filters.any")}</option>
        {data.options.teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </Select>
      <Select id="f-owner" name="owner" label={t("valueDashboard.filters.owner")} value={filters.owner}>
        <option value="">{t("valueDashboard.filters.any")}</option>
        {data.options.owners.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </Select>
      <FilterSelect
        id="f-segment"
        name="segment"
        label={t("segments.filter.label")}
        value={filters.segment}
        anyLabel={t("segments.filter.any")}
        options={data.options.segments.map((s) => ({ value: s.id, label: segmentName(t, s) }))}
      />
      <Button type="submit">{t("valueDashboard.filters.apply")}</Button>
      <Button asChild variant="ghost">
        <Link href="/dashboards/value">{t("valueDashboard.filters.reset")}</Link>
      </Button>
    </form>
  );
}

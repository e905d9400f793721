import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import type { PipelineDashboard, PipelineFilters } from "@/lib/dashboards/pipeline";

const CONTROL = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

function Labelled({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * A plain GET form: the filters live in the URL (bookmarkable, shareable), work without JavaScript
 * and with the keyboard alone. A chosen quarter wins over the months.
 */
export async function PipelineFiltersForm({ data, filters }: { data: PipelineDashboard; filters: PipelineFilters }) {
  const t = await getTranslations("pipelineDashboard.filters");
  const { options, period } = data;
  return (
    <form method="get" action="/dashboards/pipeline" className="flex flex-wrap items-end gap-3" aria-label={t("legend")}>
      <Labelled id="pf-quarter" label={t("quarter")}>
        <select id="pf-quarter" name="quarter" defaultValue={period.quarter ?? ""} className={CONTROL}>
          <option value="">{t("customMonths")}</option>
          {options.quarters.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled id="pf-from" label={t("from")}>
        <input id="pf-from" name="from" type="month" defaultValue={period.from} className={CONTROL} />
      </Labelled>
      <Labelled id="pf-to" label={t("to")}>
        <input id="pf-to" name="to" type="month" defaultValue={period.to} className={CONTROL} />
      </Labelled>
      {options.teams.length > 0 ? (
        <Labelled id="pf-team" label={t("team")}>
          <select id="pf-team" name="team" defaultValue={filters.team ?? ""} className={CONTROL}>
            <option value="">{t("any")}</option>
            {options.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </Labelled>
      ) : null}
      {options.reps.length > 0 ? (
        <Labelled id="pf-rep" label={t("rep")}>
          <select id="pf-rep" name="rep" defaultValue={filters.rep ?? ""} className={CONTROL}>
            <option value="">{t("any")}</option>
            {options.reps.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </Labelled>
      ) : null}
      <Labelled id="pf-region" label={t("region")}>
        <select id="pf-region" name="region" defaultValue={filters.region ?? ""} className={CONTROL}>
          <option value="">{t("any")}</option>
          {options.regions.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled id="pf-category" label={t("category")}>
        <select id="pf-category" name="category" defaultValue={filters.category ?? ""} className={CONTROL}>
          <option value="">{t("any")}</option>
          {options.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled id="pf-stale" label={t("stale")}>
        <input id="pf-stale" name="stale" type="number" min={1} max={365} defaultValue={data.staleDays} className={`${CONTROL} w-24`} />
      </Labelled>
      <Button type="submit">{t("apply")}</Button>
      <Button asChild variant="ghost">
        <Link href="/dashboards/pipeline">{t("reset")}</Link>
      </Button>
    </form>
  );
}

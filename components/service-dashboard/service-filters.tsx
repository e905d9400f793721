import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import type { ServiceDashboard } from "@/lib/dashboards/service";

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
 * and with the keyboard alone. A chosen preset wins over the months. An agent gets no team or agent
 * choice: their figures are their own.
 */
export async function ServiceFiltersForm({ data }: { data: ServiceDashboard }) {
  const t = await getTranslations("serviceDashboard");
  const { options, period, filters } = data;
  return (
    <form method="get" action="/dashboards/service" className="flex flex-wrap items-end gap-3" aria-label={t("filters.legend")}>
      <Labelled id="sf-period" label={t("filters.period")}>
        <select id="sf-period" name="period" defaultValue={period.preset ?? ""} className={CONTROL}>
          {options.presets.map((p) => (
            <option key={p} value={p}>
              {t(`presets.${p}`)}
            </option>
          ))}
          <option value="">{t("filters.customMonths")}</option>
        </select>
      </Labelled>
      <Labelled id="sf-from" label={t("filters.from")}>
        <input id="sf-from" name="from" type="month" defaultValue={period.fromMonth ?? ""} className={CONTROL} />
      </Labelled>
      <Labelled id="sf-to" label={t("filters.to")}>
        <input id="sf-to" name="to" type="month" defaultValue={period.toMonth ?? ""} className={CONTROL} />
      </Labelled>
      {options.teams.length > 0 ? (
        <Labelled id="sf-team" label={t("filters.team")}>
          <select id="sf-team" name="team" defaultValue={filters.team ?? ""} className={CONTROL}>
            <option value="">{t("filters.any")}</option>
            {options.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </Labelled>
      ) : null}
      {options.agents.length > 0 ? (
        <Labelled id="sf-agent" label={t("filters.agent")}>
          <select id="sf-agent" name="agent" defaultValue={filters.agent ?? ""} className={CONTROL}>
            <option value="">{t("filters.any")}</option>
            {options.agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </Labelled>
      ) : null}
      <Labelled id="sf-category" label={t("filters.category")}>
        <select id="sf-category" name="category" defaultValue={filters.category ?? ""} className={CONTROL}>
          <option value="">{t("filters.any")}</option>
          {options.categories.map((c) => (
            <option key={c} value={c}>
              {t(`categories.${c}`)}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled id="sf-tier" label={t("filters.tier")}>
        <select id="sf-tier" name="tier" defaultValue={filters.tier ?? ""} className={CONTROL}>
          <option value="">{t("filters.any")}</option>
          {options.tiers.map((tier) => (
            <option key={tier} value={tier}>
              {t(`tiers.${tier}`)}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled id="sf-priority" label={t("filters.priority")}>
        <select id="sf-priority" name="priority" defaultValue={filters.priority ?? ""} className={CONTROL}>
          <option value="">{t("filters.any")}</option>
          {options.priorities.map((p) => (
            <option key={p} value={p}>
              {t(`priorities.${p}`)}
            </option>
          ))}
        </select>
      </Labelled>
      <Button type="submit">{t("filters.apply")}</Button>
      <Button asChild variant="ghost">
        <Link href="/dashboards/service">{t("filters.reset")}</Link>
      </Button>
    </form>
  );
}

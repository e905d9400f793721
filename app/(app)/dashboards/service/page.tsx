import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ServiceFiltersForm } from "@/components/service-dashboard/service-filters";
import {
  BacklogSection,
  BreakdownSections,
  CsatSection,
  KpiStrip,
  SlaSection,
  TimesSection,
  VolumeSection,
} from "@/components/service-dashboard/service-sections";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";
import { getServiceDashboard, serviceFiltersSchema } from "@/lib/dashboards/service";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("serviceDashboard");
  return { title: t("title") };
}

export default async function ServiceDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  // Convenience only: getServiceDashboard refuses (and logs) a role without the right itself.
  if (!can(user, "dashboard.service")) notFound();
  const [t, format, timeZone] = await Promise.all([getTranslations("serviceDashboard"), getFormatter(), viewerTimeZone()]);
  const raw = await searchParams;
  const filters = serviceFiltersSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined])));
  const data = await getServiceDashboard(user, filters);
  const props = { data };
  const { period } = data;
  // Months are whole UTC months (as on the pipeline dashboard), so their days are shown as such.
  const periodLabel = period.preset ? t(`presets.${period.preset}`) : t("months", { from: period.firstDay, to: period.lastDay });
  const filtered = Boolean(data.filters.team || data.filters.agent || data.filters.category || data.filters.tier || data.filters.priority);
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">
          {t(`scope.${data.scope}`)} · {t("subtitle", { period: periodLabel, asOf: format.dateTime(new Date(data.asOf), { timeZone, dateStyle: "medium", timeStyle: "short" }) })}
        </p>
        {data.scope === "own" ? (
          <p className="mt-2 rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-slate-700" data-testid="own-figures">
            {t("ownNote")}
          </p>
        ) : null}
        <p className="mt-1 max-w-3xl text-sm text-slate-500">{t("help")}</p>
      </div>
      <ServiceFiltersForm {...props} />
      {data.empty ? (
        <Card className="p-8 text-center" data-testid="service-empty">
          <h2 className="text-lg font-semibold">{filtered ? t("empty.filteredTitle") : t("empty.title")}</h2>
          <p className="mt-1 text-sm text-slate-600">{filtered ? t("empty.filtered") : t("empty.none")}</p>
        </Card>
      ) : (
        <>
          <KpiStrip {...props} />
          <div className="grid gap-4 lg:grid-cols-2">
            <BacklogSection {...props} />
            <SlaSection {...props} />
            <TimesSection {...props} />
            <CsatSection {...props} />
          </div>
          <VolumeSection {...props} />
          <BreakdownSections {...props} />
          <p className="text-xs text-slate-500">{t("drill.note")}</p>
        </>
      )}
    </div>
  );
}

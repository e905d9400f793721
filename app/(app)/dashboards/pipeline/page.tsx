import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PipelineFiltersForm } from "@/components/pipeline-dashboard/pipeline-filters";
import {
  ConversionSection,
  CycleSection,
  ForecastSection,
  FunnelSection,
  QuarterStrip,
  StaleSection,
  StageLinks,
  TotalsStrip,
  WinRateSections,
} from "@/components/pipeline-dashboard/pipeline-sections";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { getPipelineDashboard, pipelineFiltersSchema } from "@/lib/dashboards/pipeline";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pipelineDashboard");
  return { title: t("title") };
}

export default async function PipelineDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  // Convenience only: getPipelineDashboard refuses (and logs) a role without the right itself.
  if (!can(user, "dashboard.pipeline")) notFound();
  const t = await getTranslations("pipelineDashboard");
  const raw = await searchParams;
  const filters = pipelineFiltersSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined])));
  const data = await getPipelineDashboard(user, filters);
  const props = { data, filters };
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-600">
            {t(`scope.${data.scope}`)} · {t("subtitle", { from: data.period.from, to: data.period.to, asOf: data.asOf })}
          </p>
          <p className="mt-1 max-w-3xl text-sm text-slate-500">{t("help")}</p>
        </div>
        {can(user, "target.edit") ? (
          <Link href="/admin/targets" className="text-sm text-brand-700 underline-offset-2 hover:underline">
            {t("targetsLink")}
          </Link>
        ) : null}
      </div>
      <PipelineFiltersForm {...props} />
      <TotalsStrip {...props} />
      <StageLinks {...props} />
      <div className="grid gap-4 lg:grid-cols-2">
        <FunnelSection {...props} />
        <ForecastSection {...props} />
      </div>
      <QuarterStrip {...props} />
      <div className="grid gap-4 lg:grid-cols-2">
        <WinRateSections {...props} />
        <ConversionSection {...props} />
        <CycleSection {...props} />
      </div>
      <StaleSection {...props} />
    </div>
  );
}

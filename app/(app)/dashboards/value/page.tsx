import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ValueFiltersForm } from "@/components/dashboard/value-filters";
import {
  AbcSection,
  LifecycleSection,
  ListsSection,
  MigrationSection,
  ParetoSection,
  PyramidSection,
  PyramidTiles,
  RfmSection,
  TotalsStrip,
} from "@/components/dashboard/value-sections";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { getValueDashboard, valueFiltersSchema } from "@/lib/dashboards/value";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("valueDashboard");
  return { title: t("title") };
}

export default async function ValueDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  // Convenience only: getValueDashboard refuses (and logs) a role without the right itself.
  if (!can(user, "dashboard.value")) notFound();
  const t = await getTranslations();
  const raw = await searchParams;
  const filters = valueFiltersSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined])));
  const data = await getValueDashboard(user, filters);
  const props = { data, filters };
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("valueDashboard.title")}</h1>
        {data.period ? <p className="text-sm text-slate-600">{t("valueDashboard.subtitle", { months: data.period.months, end: data.period.periodEnd })}</p> : null}
        <p className="mt-1 max-w-3xl text-sm text-slate-500">{t("valueDashboard.help")}</p>
      </div>
      {data.period === null ? (
        <Card className="text-center">
          <h2 className="text-lg font-semibold">{t("valueDashboard.empty.title")}</h2>
          <p className="mt-1 text-sm text-slate-600">{t("valueDashboard.empty.body")}</p>
          {can(user, "score.recompute") ? (
            <Link href="/admin/scores" className="mt-3 inline-block text-brand-700 underline">
              {t("valueDashboard.empty.admin")}
            </Link>
          ) : null}
        </Card>
      ) : (
        <>
          <ValueFiltersForm {...props} />
          <TotalsStrip {...props} />
          <div className="grid gap-4 lg:grid-cols-2">
            <div className="flex flex-col gap-3">
              <PyramidTiles {...props} />
              <PyramidSection {...props} />
            </div>
            <MigrationSection {...props} />
            <AbcSection {...props} />
            <ParetoSection {...props} />
            <RfmSection {...props} />
            <LifecycleSection {...props} />
          </div>
          <ListsSection {...props} />
        </>
      )}
    </div>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AnalyticsSettingsForm } from "@/components/admin/analytics-settings-form";
import { RecomputePanel } from "@/components/admin/recompute-panel";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getAnalyticsSettings, getScoreJobStatus, listScoreRuns } from "@/lib/dal/score-jobs";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminScores");
  return { title: t("title") };
}

export default async function AdminScoresPage() {
  const user = await requireUser();
  // Convenience only: the DAL calls below refuse non-admins themselves.
  if (!can(user, "score.recompute")) notFound();
  const t = await getTranslations("adminScores");
  const format = await getFormatter();
  const [status, runs, settings] = await Promise.all([getScoreJobStatus(user), listScoreRuns(user), getAnalyticsSettings(user)]);
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      <Card aria-labelledby="recompute-title">
        <h2 id="recompute-title" className="mb-3 text-base font-semibold">
          {t("recomputeTitle")}
        </h2>
        <RecomputePanel initial={status} />
      </Card>
      <Card aria-labelledby="runs-title">
        <h2 id="runs-title" className="mb-3 text-base font-semibold">
          {t("runs")}
        </h2>
        <DataTable
          caption={t("runs")}
          empty={t("noRuns")}
          rowKey={(r) => r.id}
          rows={runs}
          columns={[
            { key: "period", header: t("period"), cell: (r) => `${r.periodStart} – ${r.periodEnd}` },
            { key: "customers", header: t("customers"), numeric: true, cell: (r) => format.number(r.customers) },
            { key: "active", header: t("active"), numeric: true, cell: (r) => format.number(r.active) },
            { key: "duration", header: t("duration"), numeric: true, cell: (r) => `${format.number(r.durationMs / 1000, { maximumFractionDigits: 1 })} s` },
            { key: "finished", header: t("finished"), cell: (r) => format.dateTime(r.finishedAt, { dateStyle: "medium", timeStyle: "short" }) },
          ]}
        />
      </Card>
      <Card aria-labelledby="settings-title">
        <h2 id="settings-title" className="text-base font-semibold">
          {t("settings.title")}
        </h2>
        <p className="mb-3 text-sm text-slate-600">{t("settings.hint")}</p>
        <AnalyticsSettingsForm settings={settings} />
      </Card>
    </div>
  );
}

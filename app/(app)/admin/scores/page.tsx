import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AnalyticsSettingsForm } from "@/components/admin/analytics-settings-form";
import { RecomputePanel } from "@/components/admin/recompute-panel";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { getAnalyticsSettingsForEdit, getFirstStartStatus, getScoreJobStatus, listScoreRuns, type ScoreRunRow } from "@/lib/scoring/jobs";

/** "Pareto/NBD + Gamma-Gamma", with the stand-ins named when a fallback was taken. */
function modelsCell(r: ScoreRunRow, t: (key: string, values?: Record<string, string | number>) => string) {
  if (r.purchaseModel === null || r.spendModel === null) return "—";
  const names = `${t(`models.${r.purchaseModel}`)} + ${t(`models.${r.spendModel}`)}`;
  if (!r.fallback && r.rejectedCount === 0) return names;
  return (
    <span className="flex flex-col">
      <span>{names}</span>
      {r.fallback ? <span className="text-xs text-amber-800">{t("fallback", { reasons: r.reasons.map((code) => t(`reasons.${code.split(":")[1] ?? code}`, { model: t(`models.${code.split(":")[0]}`) })).join("; ") })}</span> : null}
      {r.rejectedCount > 0 ? <span className="text-xs text-amber-800">{t("rejected", { n: r.rejectedCount })}</span> : null}
    </span>
  );
}

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
  const [status, runs, settings, firstStart] = await Promise.all([getScoreJobStatus(user), listScoreRuns(user), getAnalyticsSettingsForEdit(user), getFirstStartStatus(user)]);
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      {firstStart?.state === "failed" ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900">
          <p className="font-semibold">{t(firstStart.phase === "seeding" ? "firstStart.failedSeeding" : "firstStart.failedScoring")}</p>
          <p className="mt-1">
            {t("firstStart.when", { at: format.dateTime(new Date(firstStart.failedAt), { dateStyle: "medium", timeStyle: "short" }), day: firstStart.demoToday })}
          </p>
          <p className="mt-1 font-mono text-xs break-words">{firstStart.error}</p>
          <p className="mt-2">{t("firstStart.whatNext")}</p>
        </div>
      ) : null}
      <Card aria-labelledby="recompute-title">
        <h2 id="recompute-title" className="mb-3 text-base font-semibold">
          {t("recomputeTitle")}
        </h2>
        <RecomputePanel initial={status} defaultHistory={firstStart?.state === "failed" ? 4 : 0} />
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
            { key: "models", header: t("modelsHeader"), cell: (r) => modelsCell(r, t) },
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
        <AnalyticsSettingsForm settings={settings.settings} version={settings.version} snapshot={settings.snapshot} />
      </Card>
    </div>
  );
}

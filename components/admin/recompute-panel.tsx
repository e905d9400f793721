"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { recomputeScoresAction, type ScoreFormResult } from "@/lib/scoring/actions";
import type { ScoreJobStatus } from "@/lib/scoring/jobs";

/** "Recompute now" with a live progress bar fed by polling /api/score-job while a run is going. */
export function RecomputePanel({ initial, defaultHistory = 0 }: { initial: ScoreJobStatus; defaultHistory?: number }) {
  const t = useTranslations("adminScores");
  const tv = useTranslations();
  const router = useRouter();
  const [status, setStatus] = useState<ScoreJobStatus>(initial);
  const [result, action, pending] = useActionState<ScoreFormResult, FormData>(async (previous, formData) => {
    const outcome = await recomputeScoresAction(previous, formData);
    // Show the bar at once; the first poll replaces this placeholder with the server's figures.
    if (outcome?.ok) setStatus({ state: "running", phase: "aggregate", done: 0, total: 0, period: 1, periods: 1, startedAt: new Date().toISOString(), byUserId: 0 });
    return outcome;
  }, null);
  const running = status.state === "running";

  useEffect(() => {
    if (!running) return;
    let cancelled = false;
    const timer = setInterval(async () => {
      const response = await fetch("/api/score-job", { cache: "no-store" });
      if (!response.ok || cancelled) return;
      const next = (await response.json()) as ScoreJobStatus;
      setStatus(next);
      if (next.state !== "running") router.refresh();
    }, 1000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [running, router]);

  const fraction = status.state === "running" ? ((status.period - 1) + (status.total > 0 ? status.done / status.total : 0)) / Math.max(1, status.periods) : 0;
  return (
    <div className="flex flex-col gap-3">
      <form action={action} className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="history" className="text-sm font-medium text-slate-700">
            {t("history")}
          </label>
          <select id="history" name="history" defaultValue={String(defaultHistory)} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" aria-describedby="history-hint">
            <option value="0">{t("historyNone")}</option>
            <option value="4">{t("historyQuarters", { n: 4 })}</option>
            <option value="8">{t("historyQuarters", { n: 8 })}</option>
          </select>
          <p id="history-hint" className="text-xs text-slate-500">
            {t("historyHint")}
          </p>
        </div>
        <Button type="submit" disabled={pending || running}>
          {running ? t("running") : t("recompute")}
        </Button>
      </form>
      {result && !result.ok && result.message ? (
        <p role="alert" className="text-sm text-red-700">
          {tv(result.message)}
        </p>
      ) : null}
      <div aria-live="polite" className="text-sm">
        {status.state === "running" ? (
          <div className="flex flex-col gap-1">
            <progress className="h-2 w-full" max={1} value={fraction} aria-label={t("progress")} />
            <span>{t("progressText", { phase: t(`phases.${status.phase}`), period: status.period, periods: status.periods, pct: Math.round(fraction * 100) })}</span>
          </div>
        ) : status.state === "done" ? (
          <p className="text-emerald-700" data-testid="recompute-done">
            {t("doneText", { customers: status.customers, periods: status.periods, seconds: (status.durationMs / 1000).toFixed(1) })}
          </p>
        ) : status.state === "failed" ? (
          <p className="text-red-700">{t("failedText", { error: status.error })}</p>
        ) : null}
      </div>
    </div>
  );
}

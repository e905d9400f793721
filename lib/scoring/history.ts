import type { SqlRunner } from "@/lib/platform/db/sql";
import { todayUtc } from "@/lib/platform/clock";
import { dayNumberFromDate } from "@/lib/platform/day-number";
import { type AnalyticsSettings, resolveAnalyticsSettings } from "@/lib/scoring/rules/settings";
import { recomputeScores, type RecomputeSummary, type ScoreProgress } from "@/lib/scoring/recompute";

export async function loadAnalyticsSettings(sql: SqlRunner): Promise<AnalyticsSettings> {
  const rows = await sql.query<{ value: unknown }>(`SELECT value FROM "Setting" WHERE key = 'analytics'`);
  return resolveAnalyticsSettings(rows[0]?.value ?? null);
}

/** The last days of the `count` calendar quarters before the one containing `asOf`, oldest first. */
export function previousQuarterEnds(asOf: Date, count: number): Date[] {
  const day = new Date(dayNumberFromDate(asOf) * 86_400_000);
  const quarterStartMonth = Math.floor(day.getUTCMonth() / 3) * 3;
  const ends: Date[] = [];
  for (let k = count; k >= 1; k--) {
    // Day 0 of a month is the last day of the month before.
    ends.push(new Date(Date.UTC(day.getUTCFullYear(), quarterStartMonth - 3 * (k - 1), 0)));
  }
  return ends;
}

export type HistoryProgress = ScoreProgress & { period: number; periods: number };

/**
 * Scores `asOf` and, first, the ends of the `quarters` quarters before it, so the value dashboard has
 * periods to compare (tier migration) and the 360 page a score history. The newest period runs last,
 * so it is the one that updates the customers' current scores.
 */
export async function recomputeWithHistory(
  sql: SqlRunner,
  options: { asOf?: Date; quarters: number; settings?: AnalyticsSettings; triggeredById?: number | null; onProgress?: (p: HistoryProgress) => void | Promise<void> },
): Promise<RecomputeSummary[]> {
  const asOf = options.asOf ?? todayUtc();
  const settings = options.settings ?? (await loadAnalyticsSettings(sql));
  const periods = [...previousQuarterEnds(asOf, options.quarters), asOf];
  const summaries: RecomputeSummary[] = [];
  for (const [index, periodEnd] of periods.entries()) {
    summaries.push(
      await recomputeScores(sql, {
        asOf: periodEnd,
        settings,
        triggeredById: options.triggeredById,
        mineRules: index === periods.length - 1,
        onProgress: (p) => options.onProgress?.({ ...p, period: index + 1, periods: periods.length }),
      }),
    );
  }
  return summaries;
}

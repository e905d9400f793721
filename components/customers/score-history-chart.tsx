"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ScoreChartPoint = { period: string; clv: number; tierLevel: number; tier: string };

// Higher is better on the chart: VIP at the top of the pyramid.
export const TIER_LEVEL: Record<string, number> = { SMALL: 1, MEDIUM: 2, MAJOR: 3, VIP: 4 };

/** Tier and predicted CLV over the scoring periods. The numbers are plotted; the stored values stay exact. */
export function ScoreHistoryChart({ points }: { points: ScoreChartPoint[] }) {
  const t = useTranslations();
  const tierName = (level: number) => {
    const tier = Object.entries(TIER_LEVEL).find(([, l]) => l === level)?.[0];
    return tier ? t(`enums.tier.${tier}`) : "";
  };
  return (
    <figure aria-label={t("customers.scores.chart")} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="period" />
          <YAxis yAxisId="clv" />
          <YAxis yAxisId="tier" orientation="right" domain={[1, 4]} ticks={[1, 2, 3, 4]} tickFormatter={tierName} width={80} />
          <Tooltip formatter={(value, name) => (name === "tierLevel" ? tierName(Number(value)) : value)} />
          <Line yAxisId="clv" type="monotone" dataKey="clv" name={t("customers.fields.clv")} stroke="#1f58c2" isAnimationActive={false} />
          <Line yAxisId="tier" type="stepAfter" dataKey="tierLevel" name={t("customers.fields.tier")} stroke="#b45309" isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

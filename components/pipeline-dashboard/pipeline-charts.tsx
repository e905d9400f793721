"use client";

import { currencySymbol } from "@/lib/platform/format";
import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// Client-only: Recharts measures the DOM. The server passes plain, already-translated data; amounts
// arrive as numbers for plotting only (the exact figures are in the table beside each chart).
// Charts are decoration beside a real table (ChartCard), so Recharts' keyboard layer is off.

const STAGE_COLOURS: Record<string, string> = {
  PROSPECTING: "#b9cffa",
  QUALIFICATION: "#5b8def",
  PROPOSAL: "#1f58c2",
  NEGOTIATION: "#14305f",
  WON: "#059669",
  LOST: "#dc2626",
};

const compact = (v: number) => new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 }).format(v);

export type FunnelDatum = { stage: string; label: string; amount: number; count: number };

export function FunnelBars({ data, amountLabel, countLabel }: { data: FunnelDatum[]; amountLabel: string; countLabel: string }) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data} layout="vertical" margin={{ left: 16, right: 24 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" tickFormatter={compact} />
        <YAxis type="category" dataKey="label" width={100} />
        <Tooltip
          formatter={(v, _n, item) => [`${currencySymbol()}${compact(Number(v))} · ${countLabel}: ${(item.payload as FunnelDatum).count}`, amountLabel]}
        />
        <Bar dataKey="amount" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.stage} fill={STAGE_COLOURS[d.stage] ?? "#1f58c2"} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export type ForecastDatum = { label: string; won: number; weighted: number; target: number | null };

export function ForecastChart({ data, labels }: { data: ForecastDatum[]; labels: { won: string; weighted: string; target: string } }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <ComposedChart data={data} margin={{ right: 16 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" />
        <YAxis tickFormatter={compact} />
        <Tooltip formatter={(v, name) => [`${currencySymbol()}${compact(Number(v))}`, String(name)]} />
        <Legend />
        <Bar dataKey="won" name={labels.won} stackId="a" fill="#059669" isAnimationActive={false} />
        <Bar dataKey="weighted" name={labels.weighted} stackId="a" fill="#5b8def" isAnimationActive={false} />
        <Line dataKey="target" name={labels.target} stroke="#b45309" strokeWidth={2} dot connectNulls={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export type RateDatum = { label: string; rate: number };

export function RateBars({ data, valueLabel }: { data: RateDatum[]; valueLabel: string }) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(140, 36 * data.length + 40)}>
      <BarChart data={data} layout="vertical" margin={{ left: 16, right: 24 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
        <YAxis type="category" dataKey="label" width={110} />
        <Tooltip formatter={(v) => [`${Number(v).toFixed(1)}%`, valueLabel]} />
        <Bar dataKey="rate" fill="#1f58c2" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

"use client";

import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// Client-only: Recharts measures the DOM. The server passes plain, already-translated data.
// Charts are decoration beside a real table (ChartCard), so Recharts' own keyboard layer is off:
// focusable elements inside the aria-hidden chart would trap screen-reader users.

const TIER_COLOURS = ["#14305f", "#1f58c2", "#5b8def", "#b9cffa"];
const STAGE_COLOURS = ["#60a5fa", "#34d399", "#1f58c2", "#f59e0b", "#ef4444"];

export type BarDatum = { label: string; value: number };

export function TierBars({ data, valueLabel }: { data: BarDatum[]; valueLabel: string }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} layout="vertical" margin={{ left: 16, right: 24 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" tickFormatter={(v: number) => `${Math.round(v)}%`} domain={[0, 100]} />
        <YAxis type="category" dataKey="label" width={90} />
        <Tooltip formatter={(v) => [`${Number(v).toFixed(1)}%`, valueLabel]} />
        <Bar dataKey="value" isAnimationActive={false}>
          {data.map((d, i) => (
            <Cell key={d.label} fill={TIER_COLOURS[i % TIER_COLOURS.length]} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export function StageBars({ data, valueLabel }: { data: BarDatum[]; valueLabel: string }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} margin={{ right: 16 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" />
        <YAxis allowDecimals={false} />
        <Tooltip formatter={(v) => [String(v), valueLabel]} />
        <Bar dataKey="value" isAnimationActive={false}>
          {data.map((d, i) => (
            <Cell key={d.label} fill={STAGE_COLOURS[i % STAGE_COLOURS.length]} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export function ParetoLine({ data, xLabel, yLabel }: { data: { customerPct: number; revenuePct: number }[]; xLabel: string; yLabel: string }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={data} margin={{ right: 16 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="customerPct" type="number" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
        <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
        <Tooltip labelFormatter={(v) => `${xLabel}: ${Number(v).toFixed(0)}%`} formatter={(v) => [`${Number(v).toFixed(1)}%`, yLabel]} />
        <Line dataKey="revenuePct" stroke="#1f58c2" dot={false} strokeWidth={2} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

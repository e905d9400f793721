"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// Client-only: Recharts measures the DOM. The server passes plain, already-translated data; each
// chart sits in a ChartCard beside a real table with the same figures, so Recharts' keyboard layer is off.

const COLOURS = ["#1f58c2", "#94a3b8", "#34d399", "#f59e0b"];

export type GroupedDatum = { label: string; [series: string]: string | number };

/** Bars per category, one colour per series (treated vs control, before vs after, …). */
export function GroupedBars({ data, series, format }: { data: GroupedDatum[]; series: { key: string; label: string }[]; format: "percent" | "number" | "money" }) {
  const fmt = (v: number) => (format === "percent" ? `${(v * 100).toFixed(1)}%` : format === "money" ? v.toLocaleString("en-US", { maximumFractionDigits: 2 }) : v.toLocaleString("en-US"));
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} margin={{ right: 16 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" />
        <YAxis tickFormatter={(v: number) => fmt(v)} width={72} />
        <Tooltip formatter={(v, name) => [fmt(Number(v)), String(name)]} />
        <Legend />
        {series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** One value per campaign (ROI, lift), horizontal, negative values in another colour. */
export function CampaignBars({ data, format }: { data: { label: string; value: number }[]; format: "percent" | "ratio" }) {
  const fmt = (v: number) => `${(v * 100).toFixed(1)}%`;
  return (
    <ResponsiveContainer width="100%" height={Math.max(160, data.length * 28 + 40)}>
      <BarChart data={data} layout="vertical" margin={{ left: 16, right: 24 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" tickFormatter={(v: number) => (format === "percent" ? fmt(v) : fmt(v))} />
        <YAxis type="category" dataKey="label" width={160} />
        <Tooltip formatter={(v) => [fmt(Number(v)), ""]} />
        <Bar dataKey="value" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.label} fill={d.value < 0 ? "#ef4444" : "#1f58c2"} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// Client-only: Recharts measures the DOM. The server passes plain, already-translated data; each chart
// sits in a ChartCard beside a table with the same figures, so Recharts' keyboard layer is off.

/** Calls and reached calls per clock hour of the recent window. */
export function HourlyCallsChart({ data, labels }: { data: { label: string; calls: number; reached: number }[]; labels: { calls: string; reached: string } }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} margin={{ right: 16 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" interval={2} />
        <YAxis allowDecimals={false} width={40} />
        <Tooltip />
        <Legend />
        <Bar dataKey="calls" name={labels.calls} fill="#1f58c2" isAnimationActive={false} />
        <Bar dataKey="reached" name={labels.reached} fill="#34d399" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** One horizontal bar per category (outcomes, agents). */
export function CountBars({ data }: { data: { label: string; value: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(140, data.length * 28 + 40)}>
      <BarChart data={data} layout="vertical" margin={{ left: 16, right: 24 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="label" width={140} />
        <Tooltip />
        <Bar dataKey="value" fill="#1f58c2" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

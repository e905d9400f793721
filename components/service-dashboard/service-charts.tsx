"use client";

import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// Client-only: Recharts measures the DOM. The server passes plain, already-translated data; the exact
// figures (with their drill-down links) are in the table beside each chart (ChartCard), so Recharts'
// keyboard layer is off.

/** P1 darkest: the eye reads the most urgent part of each stack first. */
const PRIORITY_COLOURS: Record<string, string> = { P1: "#b91c1c", P2: "#ea580c", P3: "#1f58c2", P4: "#94a3b8" };
const CSAT_COLOURS = ["#b91c1c", "#ea580c", "#ca8a04", "#65a30d", "#059669"];

export type BacklogDatum = { label: string } & Record<string, number | string>;

/** Open tickets per age bucket, stacked by priority. */
export function BacklogBars({ data, priorities }: { data: BacklogDatum[]; priorities: { key: string; label: string }[] }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={data} margin={{ right: 16 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        {priorities.map((p) => (
          <Bar key={p.key} dataKey={p.key} name={p.label} stackId="backlog" fill={PRIORITY_COLOURS[p.key] ?? "#1f58c2"} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export type SlaDatum = { label: string; response: number | null; resolution: number | null };

/** SLA compliance (%) per trend bucket, first response and resolution. */
export function SlaLines({ data, labels }: { data: SlaDatum[]; labels: { response: string; resolution: string } }) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <ComposedChart data={data} margin={{ right: 16 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" />
        <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
        <Tooltip formatter={(v, name) => [v === null || v === undefined ? "—" : `${Number(v).toFixed(1)}%`, String(name)]} />
        <Legend />
        <Line dataKey="response" name={labels.response} stroke="#1f58c2" strokeWidth={2} dot connectNulls isAnimationActive={false} />
        <Line dataKey="resolution" name={labels.resolution} stroke="#059669" strokeWidth={2} dot connectNulls isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export type TimeDatum = { label: string; median: number; p90: number };

/** Median and p90 hours side by side, for first response and resolution. */
export function TimeBars({ data, labels, unit }: { data: TimeDatum[]; labels: { median: string; p90: string }; unit: string }) {
  return (
    <ResponsiveContainer width="100%" height={200}>
      <BarChart data={data} layout="vertical" margin={{ left: 16, right: 24 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" tickFormatter={(v: number) => `${v} ${unit}`} />
        <YAxis type="category" dataKey="label" width={110} />
        <Tooltip formatter={(v, name) => [`${Number(v).toFixed(1)} ${unit}`, String(name)]} />
        <Legend />
        <Bar dataKey="median" name={labels.median} fill="#1f58c2" isAnimationActive={false} />
        <Bar dataKey="p90" name={labels.p90} fill="#94a3b8" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export type CsatDatum = { label: string; count: number };

/** Ratings 1–5, red to green. */
export function CsatBars({ data, countLabel }: { data: CsatDatum[]; countLabel: string }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} margin={{ right: 16 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" />
        <YAxis allowDecimals={false} />
        <Tooltip formatter={(v) => [String(v), countLabel]} />
        <Bar dataKey="count" name={countLabel} isAnimationActive={false}>
          {data.map((d, i) => (
            <Cell key={d.label} fill={CSAT_COLOURS[i] ?? "#1f58c2"} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export type VolumeDatum = { label: string; opened: number; resolved: number };

/** Tickets opened and resolved per trend bucket. */
export function VolumeBars({ data, labels }: { data: VolumeDatum[]; labels: { opened: string; resolved: string } }) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data} margin={{ right: 16 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        <Bar dataKey="opened" name={labels.opened} fill="#94a3b8" isAnimationActive={false} />
        <Bar dataKey="resolved" name={labels.resolved} fill="#059669" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

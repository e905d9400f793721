import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { ChartCard } from "@/components/ui/chart-card";
import { type Column, DataTable } from "@/components/ui/data-table";
import type { BreakdownRow, DurationFigure, ServiceDashboard, SlaFigure, TicketCount } from "@/lib/dashboards/service";
import { isTicketCategory } from "@/lib/tickets/rules/categories";
import { BacklogBars, CsatBars, SlaLines, TimeBars, VolumeBars } from "./service-charts";

type Props = { data: ServiceDashboard };

const LINK = "text-brand-700 underline-offset-2 hover:underline";

async function fmt() {
  const format = await getFormatter();
  const t = await getTranslations("serviceDashboard");
  return {
    pct: (share: number | null) => (share === null ? "—" : format.number(share, { style: "percent", maximumFractionDigits: 1 })),
    num: (n: number) => format.number(n),
    hours: (h: number | null) => (h === null ? "—" : t("hours", { hours: format.number(h, { maximumFractionDigits: 1 }) })),
    score: (s: number | null) => (s === null ? "—" : format.number(s, { minimumFractionDigits: 2, maximumFractionDigits: 2 })),
    approx: t("drill.approx"),
  };
}

/**
 * A count that opens the tickets behind it in the ticket list. Where the list cannot express the
 * figure's period, age or team, it opens the tickets of the same filters, and says so (title and
 * screen-reader text). No prefetch: a dashboard holds dozens of drill-downs.
 */
function CountLink({ count, approx, children, label }: { count: TicketCount; approx: string; children: React.ReactNode; label?: string }) {
  return (
    <Link prefetch={false} className={LINK} href={`/tickets?${count.drill.params}`} title={count.drill.exact ? undefined : approx} aria-label={label}>
      {children}
      {count.drill.exact ? null : <span className="sr-only"> ({approx})</span>}
    </Link>
  );
}

const bucketLabel = (data: ServiceDashboard, start: string) => (data.period.bucket === "month" ? start.slice(0, 7) : start.slice(5));

export async function KpiStrip({ data }: Props) {
  const t = await getTranslations("serviceDashboard.kpi");
  const f = await fmt();
  const tot = data.totals;
  const slaHint = (s: SlaFigure) => t("metOfDue", { met: s.met.count, due: s.due.count });
  const items: { label: string; value: string; hint?: string; count?: TicketCount; testId: string }[] = [
    { label: t("open"), value: f.num(tot.open.count), count: tot.open, testId: "kpi-open" },
    { label: t("breached"), value: f.num(tot.breachedOpen.count), count: tot.breachedOpen, testId: "kpi-breached" },
    { label: t("resolved"), value: f.num(tot.resolved.count), hint: t("opened", { count: tot.opened.count }), count: tot.resolved, testId: "kpi-resolved" },
    { label: t("responseSla"), value: f.pct(tot.responseSla.rate), hint: slaHint(tot.responseSla), count: tot.responseSla.due, testId: "kpi-response-sla" },
    { label: t("resolutionSla"), value: f.pct(tot.resolutionSla.rate), hint: slaHint(tot.resolutionSla), count: tot.resolutionSla.due, testId: "kpi-resolution-sla" },
    { label: t("responseTime"), value: f.hours(tot.responseTime.medianHours), hint: t("p90", { value: f.hours(tot.responseTime.p90Hours) }), testId: "kpi-response-time" },
    { label: t("resolutionTime"), value: f.hours(tot.resolutionTime.medianHours), hint: t("p90", { value: f.hours(tot.resolutionTime.p90Hours) }), testId: "kpi-resolution-time" },
    {
      label: t("csat"),
      value: f.score(tot.csat.average),
      hint: t("csatHint", { share: f.pct(tot.csat.satisfiedShare), count: tot.csat.count.count }),
      count: tot.csat.count,
      testId: "kpi-csat",
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
      {items.map((item) => (
        <div key={item.testId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <dt className="text-xs text-slate-500">{item.label}</dt>
          <dd className="text-xl font-semibold tabular-nums" data-testid={item.testId}>
            {item.count ? (
              <CountLink count={item.count} approx={f.approx}>
                {item.value}
              </CountLink>
            ) : (
              item.value
            )}
          </dd>
          {item.hint ? <dd className="text-xs text-slate-500">{item.hint}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

export async function BacklogSection({ data }: Props) {
  const t = await getTranslations("serviceDashboard");
  const f = await fmt();
  const { backlog } = data;
  type Row = { key: string; label: string; cells: TicketCount[]; total: TicketCount };
  const rows: Row[] = [
    ...backlog.byPriority.map((p) => ({ key: p.priority, label: t(`priorities.${p.priority}`), cells: p.cells.map((c) => c.count), total: p.total })),
    { key: "total", label: t("backlog.total"), cells: backlog.byAge.map((a) => a.total), total: backlog.total },
  ];
  const columns: Column<Row>[] = [
    { key: "priority", header: t("backlog.priority"), cell: (r) => r.label },
    ...backlog.buckets.map((bucket, i) => ({
      key: bucket,
      header: t(`ages.${bucket}`),
      numeric: true,
      cell: (r: Row) => (
        <CountLink count={r.cells[i]} approx={f.approx} label={`${r.label}, ${t(`ages.${bucket}`)}: ${r.cells[i].count}`}>
          {f.num(r.cells[i].count)}
        </CountLink>
      ),
    })),
    {
      key: "total",
      header: t("backlog.total"),
      numeric: true,
      cell: (r) => (
        <CountLink count={r.total} approx={f.approx}>
          {f.num(r.total.count)}
        </CountLink>
      ),
    },
  ];
  const chartData = backlog.buckets.map((bucket, i) => ({
    label: t(`ages.${bucket}`),
    ...Object.fromEntries(backlog.byPriority.map((p) => [p.priority, p.cells[i].count.count])),
  }));
  return (
    <ChartCard
      id="backlog"
      title={t("backlog.title")}
      description={t("backlog.description", { breached: backlog.breached.count })}
      tableLabel={t("table")}
      empty={backlog.total.count === 0 ? t("backlog.empty") : null}
      chart={<BacklogBars data={chartData} priorities={backlog.byPriority.map((p) => ({ key: p.priority, label: t(`priorities.${p.priority}`) }))} />}
      table={<DataTable caption={t("backlog.title")} columns={columns} rows={rows} rowKey={(r) => r.key} />}
    />
  );
}

function slaCell(s: SlaFigure, f: Awaited<ReturnType<typeof fmt>>) {
  return (
    <>
      {f.pct(s.rate)}{" "}
      <span className="text-xs text-slate-500">
        (
        <CountLink count={s.met} approx={f.approx}>
          {f.num(s.met.count)}
        </CountLink>
        /
        <CountLink count={s.due} approx={f.approx}>
          {f.num(s.due.count)}
        </CountLink>
        )
      </span>
    </>
  );
}

export async function SlaSection({ data }: Props) {
  const t = await getTranslations("serviceDashboard");
  const f = await fmt();
  type Row = ServiceDashboard["trend"][number];
  const columns: Column<Row>[] = [
    { key: "bucket", header: t(`buckets.${data.period.bucket}`), cell: (r) => bucketLabel(data, r.start) },
    { key: "response", header: t("sla.response"), numeric: true, cell: (r) => slaCell(r.responseSla, f) },
    { key: "resolution", header: t("sla.resolution"), numeric: true, cell: (r) => slaCell(r.resolutionSla, f) },
  ];
  const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
  const nothing = data.totals.responseSla.due.count === 0 && data.totals.resolutionSla.due.count === 0;
  return (
    <ChartCard
      id="sla"
      title={t("sla.title")}
      description={t("sla.description", {
        response: f.pct(data.totals.responseSla.rate),
        resolution: f.pct(data.totals.resolutionSla.rate),
      })}
      tableLabel={t("table")}
      empty={nothing ? t("sla.empty") : null}
      chart={
        <SlaLines
          data={data.trend.map((b) => ({ label: bucketLabel(data, b.start), response: pct(b.responseSla.rate), resolution: pct(b.resolutionSla.rate) }))}
          labels={{ response: t("sla.response"), resolution: t("sla.resolution") }}
        />
      }
      table={<DataTable caption={t("sla.title")} columns={columns} rows={data.trend} rowKey={(r) => r.start} />}
    />
  );
}

export async function TimesSection({ data }: Props) {
  const t = await getTranslations("serviceDashboard");
  const f = await fmt();
  type Row = { key: string; label: string; figure: DurationFigure };
  const rows: Row[] = [
    { key: "response", label: t("times.response"), figure: data.totals.responseTime },
    { key: "resolution", label: t("times.resolution"), figure: data.totals.resolutionTime },
  ];
  const columns: Column<Row>[] = [
    { key: "measure", header: t("times.measure"), cell: (r) => r.label },
    { key: "tickets", header: t("times.tickets"), numeric: true, cell: (r) => f.num(r.figure.count) },
    { key: "median", header: t("times.median"), numeric: true, cell: (r) => f.hours(r.figure.medianHours) },
    { key: "p90", header: t("times.p90"), numeric: true, cell: (r) => f.hours(r.figure.p90Hours) },
  ];
  return (
    <ChartCard
      id="times"
      title={t("times.title")}
      description={t("times.description")}
      tableLabel={t("table")}
      empty={rows.every((r) => r.figure.count === 0) ? t("times.empty") : null}
      chart={
        <TimeBars
          data={rows.map((r) => ({ label: r.label, median: r.figure.medianHours ?? 0, p90: r.figure.p90Hours ?? 0 }))}
          labels={{ median: t("times.median"), p90: t("times.p90") }}
          unit={t("hoursUnit")}
        />
      }
      table={<DataTable caption={t("times.title")} columns={columns} rows={rows} rowKey={(r) => r.key} />}
    />
  );
}

export async function CsatSection({ data }: Props) {
  const t = await getTranslations("serviceDashboard");
  const f = await fmt();
  const csat = data.totals.csat;
  type Row = (typeof csat.distribution)[number];
  const columns: Column<Row>[] = [
    { key: "score", header: t("csat.score"), cell: (r) => t("csat.scoreLabel", { score: r.score }) },
    { key: "count", header: t("csat.count"), numeric: true, cell: (r) => f.num(r.count) },
    { key: "share", header: t("csat.share"), numeric: true, cell: (r) => f.pct(csat.count.count === 0 ? null : r.count / csat.count.count) },
  ];
  return (
    <ChartCard
      id="csat"
      title={t("csat.title")}
      description={t("csat.description", { average: f.score(csat.average), share: f.pct(csat.satisfiedShare), count: csat.count.count })}
      tableLabel={t("table")}
      empty={csat.count.count === 0 ? t("csat.empty") : null}
      chart={<CsatBars data={csat.distribution.map((d) => ({ label: t("csat.scoreLabel", { score: d.score }), count: d.count }))} countLabel={t("csat.count")} />}
      table={
        <div className="flex flex-col gap-2">
          <DataTable caption={t("csat.title")} columns={columns} rows={csat.distribution} rowKey={(r) => r.score} />
          <p>
            <CountLink count={csat.count} approx={f.approx}>
              {t("csat.all", { count: csat.count.count })}
            </CountLink>
          </p>
        </div>
      }
    />
  );
}

export async function VolumeSection({ data }: Props) {
  const t = await getTranslations("serviceDashboard");
  const f = await fmt();
  type Row = ServiceDashboard["trend"][number];
  const columns: Column<Row>[] = [
    { key: "bucket", header: t(`buckets.${data.period.bucket}`), cell: (r) => bucketLabel(data, r.start) },
    { key: "opened", header: t("columns.opened"), numeric: true, cell: (r) => <CountLink count={r.opened} approx={f.approx}>{f.num(r.opened.count)}</CountLink> },
    { key: "resolved", header: t("columns.resolved"), numeric: true, cell: (r) => <CountLink count={r.resolved} approx={f.approx}>{f.num(r.resolved.count)}</CountLink> },
    { key: "medianResolution", header: t("columns.medianResolution"), numeric: true, cell: (r) => f.hours(r.resolutionTime.medianHours) },
    { key: "csat", header: t("columns.csat"), numeric: true, cell: (r) => f.score(r.csat.average) },
  ];
  const nothing = data.trend.every((b) => b.opened.count === 0 && b.resolved.count === 0);
  return (
    <ChartCard
      id="volume"
      title={t("volume.title")}
      description={t("volume.description")}
      tableLabel={t("table")}
      empty={nothing ? t("volume.empty") : null}
      chart={
        <VolumeBars
          data={data.trend.map((b) => ({ label: bucketLabel(data, b.start), opened: b.opened.count, resolved: b.resolved.count }))}
          labels={{ opened: t("columns.opened"), resolved: t("columns.resolved") }}
        />
      }
      table={<DataTable caption={t("volume.title")} columns={columns} rows={data.trend} rowKey={(r) => r.start} />}
    />
  );
}

/** One breakdown (agent, team, category or tier) as a table: every count opens its tickets. */
async function BreakdownTable<K extends string | number | null>({
  id,
  title,
  keyHeader,
  rows,
  label,
}: {
  id: string;
  title: string;
  keyHeader: string;
  rows: BreakdownRow<K>[];
  label: (row: BreakdownRow<K>) => string;
}) {
  const t = await getTranslations("serviceDashboard");
  const f = await fmt();
  type Row = BreakdownRow<K>;
  const link = (c: TicketCount) => (
    <CountLink count={c} approx={f.approx}>
      {f.num(c.count)}
    </CountLink>
  );
  const columns: Column<Row>[] = [
    { key: "key", header: keyHeader, cell: (r) => label(r) },
    { key: "open", header: t("columns.open"), numeric: true, cell: (r) => link(r.open) },
    { key: "breached", header: t("columns.breached"), numeric: true, cell: (r) => link(r.breachedOpen) },
    { key: "resolved", header: t("columns.resolved"), numeric: true, cell: (r) => link(r.resolved) },
    { key: "responseSla", header: t("columns.responseSla"), numeric: true, cell: (r) => slaCell(r.responseSla, f) },
    { key: "resolutionSla", header: t("columns.resolutionSla"), numeric: true, cell: (r) => slaCell(r.resolutionSla, f) },
    { key: "medianResponse", header: t("columns.medianResponse"), numeric: true, cell: (r) => f.hours(r.responseTime.medianHours) },
    { key: "medianResolution", header: t("columns.medianResolution"), numeric: true, cell: (r) => f.hours(r.resolutionTime.medianHours) },
    {
      key: "csat",
      header: t("columns.csat"),
      numeric: true,
      cell: (r) => (
        <>
          {f.score(r.csat.average)} <span className="text-xs text-slate-500">({link(r.csat.count)})</span>
        </>
      ),
    },
  ];
  return (
    <Card aria-labelledby={`${id}-title`} className="flex flex-col gap-3">
      <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <div className="overflow-x-auto">
        <DataTable caption={title} columns={columns} rows={rows} rowKey={(r) => String(r.key)} empty={t("breakdown.empty")} />
      </div>
    </Card>
  );
}

export async function BreakdownSections({ data }: Props) {
  const t = await getTranslations("serviceDashboard");
  return (
    <>
      {data.scope === "all" ? (
        <>
          <BreakdownTable id="by-agent" title={t("breakdown.agent")} keyHeader={t("columns.agent")} rows={data.byAgent} label={(r) => r.name ?? t("breakdown.unassigned")} />
          <BreakdownTable id="by-team" title={t("breakdown.team")} keyHeader={t("columns.team")} rows={data.byTeam} label={(r) => r.name ?? t("breakdown.noTeam")} />
        </>
      ) : null}
      <BreakdownTable id="by-category" title={t("breakdown.category")} keyHeader={t("columns.category")} rows={data.byCategory} label={(r) => (isTicketCategory(r.key) ? t(`categories.${r.key}`) : r.key)} />
      <BreakdownTable id="by-tier" title={t("breakdown.tier")} keyHeader={t("columns.tier")} rows={data.byTier} label={(r) => (r.key === null ? t("breakdown.noTier") : t(`tiers.${r.key}`))} />
    </>
  );
}

import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { ChartCard } from "@/components/ui/chart-card";
import { type Column, DataTable } from "@/components/ui/data-table";
import type { ForecastRow, PipelineDashboard, PipelineFilters } from "@/lib/dashboards/pipeline";
import { formatMoney } from "@/lib/platform/format";
import { type DrillFigure, opportunitiesHref } from "./drill";
import { ForecastChart, FunnelBars, RateBars } from "./pipeline-charts";

type Props = { data: PipelineDashboard; filters: PipelineFilters };

const LINK = "text-brand-700 underline-offset-2 hover:underline";

async function fmt() {
  const format = await getFormatter();
  return {
    pct: (share: number | null) => (share === null ? "—" : format.number(share, { style: "percent", maximumFractionDigits: 1 })),
    num: (n: number) => format.number(n),
    days: (n: number | null) => (n === null ? "—" : format.number(n, { maximumFractionDigits: 1 })),
  };
}

/**
 * A figure that opens the deals behind it; `label` names the figure for screen readers. No prefetch:
 * a dashboard holds dozens of drill-downs, and prefetching every list would cost more than the page.
 */
function Drill({ data, filters, figure, children, label }: Props & { figure: DrillFigure; children: React.ReactNode; label?: string }) {
  return (
    <Link prefetch={false} className={LINK} href={opportunitiesHref(filters, data.period, figure)} aria-label={label}>
      {children}
    </Link>
  );
}

export async function TotalsStrip({ data, filters }: Props) {
  const t = await getTranslations("pipelineDashboard.totals");
  const f = await fmt();
  const tot = data.totals;
  const items: { label: string; value: string; hint?: string; figure?: DrillFigure; testId: string }[] = [
    { label: t("open"), value: formatMoney(tot.openAmount), hint: t("deals", { count: tot.openCount }), figure: { status: "open" }, testId: "total-open" },
    { label: t("weighted"), value: formatMoney(tot.weighted), figure: { status: "open" }, testId: "total-weighted" },
    { label: t("won"), value: formatMoney(tot.wonAmount), hint: t("deals", { count: tot.wonCount }), figure: { status: "won" }, testId: "total-won" },
    { label: t("winRate"), value: f.pct(tot.winRate), hint: t("closed", { won: tot.wonCount, closed: tot.wonCount + tot.lostCount }), testId: "total-win-rate" },
    { label: t("averageDeal"), value: formatMoney(tot.averageDeal), figure: { status: "won" }, testId: "total-average" },
    {
      label: t("cycle"),
      value: tot.cycle.medianDays === null ? "—" : t("days", { days: tot.cycle.medianDays }),
      hint: t("deals", { count: tot.cycle.deals }),
      figure: { status: "won" },
      testId: "total-cycle",
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      {items.map((item) => (
        <div key={item.testId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <dt className="text-xs text-slate-500">{item.label}</dt>
          <dd className="text-xl font-semibold tabular-nums" data-testid={item.testId}>
            {item.figure ? (
              <Drill data={data} filters={filters} figure={item.figure}>
                {item.value}
              </Drill>
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

export async function FunnelSection({ data, filters }: Props) {
  const t = await getTranslations("pipelineDashboard");
  const f = await fmt();
  const empty = data.funnel.every((r) => r.count === 0);
  const label = (stage: string) => t(`stages.${stage}`);
  const figure = (stage: string): DrillFigure => ({ stage });
  return (
    <ChartCard
      id="funnel"
      title={t("funnel.title")}
      description={t("funnel.description")}
      tableLabel={t("table")}
      empty={empty ? t("empty.filtered") : null}
      chart={
        <FunnelBars
          data={data.funnel.map((r) => ({ stage: r.stage, label: label(r.stage), amount: Number(r.amount), count: r.count }))}
          amountLabel={t("funnel.amount")}
          countLabel={t("funnel.count")}
        />
      }
      table={
        <DataTable
          caption={t("funnel.title")}
          rowKey={(r) => r.stage}
          rows={data.funnel}
          columns={[
            { key: "stage", header: t("funnel.stage"), cell: (r) => <Drill data={data} filters={filters} figure={figure(r.stage)}>{label(r.stage)}</Drill> },
            { key: "count", header: t("funnel.count"), numeric: true, cell: (r) => <Drill data={data} filters={filters} figure={figure(r.stage)}>{f.num(r.count)}</Drill> },
            { key: "amount", header: t("funnel.amount"), numeric: true, cell: (r) => formatMoney(r.amount) },
            { key: "share", header: t("funnel.share"), numeric: true, cell: (r) => (r.open ? f.pct(r.openShare) : "—") },
          ]}
        />
      }
    />
  );
}

/** Stage chips under the funnel: the quickest keyboard path from a stage to its deals. */
export async function StageLinks({ data, filters }: Props) {
  const t = await getTranslations("pipelineDashboard");
  const f = await fmt();
  return (
    <nav aria-label={t("drill")} className="flex flex-wrap gap-2 text-sm">
      {data.funnel.map((r) => (
        <Link prefetch={false}
          key={r.stage}
          href={opportunitiesHref(filters, data.period, { stage: r.stage })}
          className="rounded-full border border-slate-200 bg-white px-3 py-1 hover:bg-slate-50"
          data-testid={`stage-${r.stage}`}
        >
          {t(`stages.${r.stage}`)} <span className="tabular-nums text-slate-500">{f.num(r.count)}</span> · <span className="tabular-nums">{formatMoney(r.amount)}</span>
        </Link>
      ))}
    </nav>
  );
}

async function forecastTable(rows: ForecastRow[], keyHeader: string, keyLabel: (r: ForecastRow) => string, props: Props, caption: string) {
  const t = await getTranslations("pipelineDashboard.forecast");
  const f = await fmt();
  const { data, filters } = props;
  // The drill-down of a month or quarter: the same filters, the bucket's months as close dates.
  const bucketHref = (r: ForecastRow, status: "open" | "won") => {
    const [y, m] = r.months[r.months.length - 1].split("-").map(Number);
    const lastDay = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    return opportunitiesHref(filters, { ...data.period, firstDay: `${r.months[0]}-01`, lastDay }, { status });
  };
  const columns: Column<ForecastRow>[] = [
    { key: "key", header: keyHeader, cell: keyLabel },
    { key: "open", header: t("openCount"), numeric: true, cell: (r) => <Link prefetch={false} className={LINK} href={bucketHref(r, "open")}>{f.num(r.openCount)}</Link> },
    { key: "pipeline", header: t("pipeline"), numeric: true, cell: (r) => formatMoney(r.pipeline) },
    { key: "weighted", header: t("weighted"), numeric: true, cell: (r) => formatMoney(r.weighted) },
    { key: "won", header: t("won"), numeric: true, cell: (r) => <Link prefetch={false} className={LINK} href={bucketHref(r, "won")}>{formatMoney(r.won)}</Link> },
    { key: "target", header: t("target"), numeric: true, cell: (r) => (r.target === null ? t("noTarget") : formatMoney(r.target)) },
    { key: "expected", header: t("expected"), numeric: true, cell: (r) => formatMoney(r.expected) },
    { key: "attainment", header: t("attainment"), numeric: true, cell: (r) => f.pct(r.attainment) },
    { key: "coverage", header: t("coverage"), numeric: true, cell: (r) => f.pct(r.coverage) },
  ];
  return <DataTable caption={caption} columns={columns} rows={rows} rowKey={(r) => r.key} />;
}

export async function ForecastSection(props: Props) {
  const { data } = props;
  const t = await getTranslations("pipelineDashboard");
  const fc = data.forecast;
  const empty = fc.total.openCount === 0 && fc.total.wonCount === 0 && fc.total.target === null;
  const monthTable = await forecastTable(fc.months, t("forecast.month"), (r) => r.key, props, `${t("forecast.title")} · ${t("forecast.byMonth")}`);
  const quarterTable = await forecastTable(
    [...fc.quarters, fc.total],
    t("forecast.quarter"),
    (r) => (r.key === "total" ? t("forecast.total") : r.partial ? t("forecast.partial", { quarter: r.key }) : r.key),
    props,
    `${t("forecast.title")} · ${t("forecast.byQuarter")}`,
  );
  return (
    <ChartCard
      id="forecast"
      title={t("forecast.title")}
      description={`${t("forecast.description")} ${t(`forecast.basis.${fc.targetBasis}`)}${fc.targetsFiltered ? ` ${t("forecast.filteredNote")}` : ""}`}
      tableLabel={t("table")}
      empty={empty ? t("empty.filtered") : null}
      chart={
        <ForecastChart
          data={fc.months.map((m) => ({ label: m.key, won: Number(m.won), weighted: Number(m.weighted), target: m.target === null ? null : Number(m.target) }))}
          labels={{ won: t("forecast.won"), weighted: t("forecast.weighted"), target: t("forecast.target") }}
        />
      }
      table={
        <div className="flex flex-col gap-4">
          <div>
            <h3 className="mb-1 text-sm font-semibold">{t("forecast.byMonth")}</h3>
            {monthTable}
          </div>
          <div>
            <h3 className="mb-1 text-sm font-semibold">{t("forecast.byQuarter")}</h3>
            {quarterTable}
          </div>
        </div>
      }
    />
  );
}

/** The quarter view as a visible table too: quarters are what managers report on. */
export async function QuarterStrip({ data }: Props) {
  const t = await getTranslations("pipelineDashboard.forecast");
  const f = await fmt();
  return (
    <Card aria-labelledby="quarters-title" className="flex flex-col gap-3">
      <h2 id="quarters-title" className="text-base font-semibold">
        {t("byQuarter")}
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {data.forecast.quarters.map((q) => (
          <li key={q.key} className="rounded-md border border-slate-200 p-3" data-testid={`quarter-${q.key}`}>
            <p className="text-sm font-semibold">{q.partial ? t("partial", { quarter: q.key }) : q.key}</p>
            <p className="text-xs text-slate-500">
              {t("won")} {formatMoney(q.won)} · {t("weighted")} {formatMoney(q.weighted)}
            </p>
            <p className="text-xs text-slate-500">
              {t("target")} {q.target === null ? t("noTarget") : formatMoney(q.target)} · {t("coverage")} {f.pct(q.coverage)}
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export async function WinRateSections({ data, filters }: Props) {
  const t = await getTranslations("pipelineDashboard");
  const f = await fmt();
  const sourceLabel = (s: string | null) => s ?? t("winRate.noSource");
  type RepRow = PipelineDashboard["winByRep"][number];
  type SourceRow = PipelineDashboard["winBySource"][number];
  const repColumns: Column<RepRow>[] = [
    { key: "rep", header: t("winRate.rep"), cell: (r) => <Drill data={data} filters={filters} figure={{ owner: r.id }}>{r.name}</Drill> },
    { key: "won", header: t("winRate.won"), numeric: true, cell: (r) => <Drill data={data} filters={filters} figure={{ owner: r.id, status: "won" }}>{f.num(r.won)}</Drill> },
    { key: "lost", header: t("winRate.lost"), numeric: true, cell: (r) => <Drill data={data} filters={filters} figure={{ owner: r.id, status: "lost" }}>{f.num(r.lost)}</Drill> },
    { key: "rate", header: t("winRate.rate"), numeric: true, cell: (r) => f.pct(r.rate) },
    { key: "amount", header: t("winRate.wonAmount"), numeric: true, cell: (r) => formatMoney(r.wonAmount) },
    { key: "avg", header: t("winRate.averageDeal"), numeric: true, cell: (r) => formatMoney(r.averageDeal) },
  ];
  // A deal without a source is listed under an empty `source=` (the list reads it as "none").
  const src = (s: string | null) => s ?? "";
  const sourceColumns: Column<SourceRow>[] = [
    { key: "source", header: t("winRate.source"), cell: (r) => <Drill data={data} filters={filters} figure={{ source: src(r.source) }}>{sourceLabel(r.source)}</Drill> },
    { key: "won", header: t("winRate.won"), numeric: true, cell: (r) => <Drill data={data} filters={filters} figure={{ source: src(r.source), status: "won" }}>{f.num(r.won)}</Drill> },
    { key: "lost", header: t("winRate.lost"), numeric: true, cell: (r) => <Drill data={data} filters={filters} figure={{ source: src(r.source), status: "lost" }}>{f.num(r.lost)}</Drill> },
    { key: "rate", header: t("winRate.rate"), numeric: true, cell: (r) => f.pct(r.rate) },
    { key: "amount", header: t("winRate.wonAmount"), numeric: true, cell: (r) => formatMoney(r.wonAmount) },
    { key: "avg", header: t("winRate.averageDeal"), numeric: true, cell: (r) => formatMoney(r.averageDeal) },
  ];
  return (
    <>
      <ChartCard
        id="win-rep"
        title={t("winRate.repTitle")}
        description={t("winRate.description")}
        tableLabel={t("table")}
        empty={data.winByRep.length === 0 ? t("winRate.empty") : null}
        chart={<RateBars data={data.winByRep.map((r) => ({ label: r.name, rate: (r.rate ?? 0) * 100 }))} valueLabel={t("winRate.rate")} />}
        table={<DataTable caption={t("winRate.repTitle")} columns={repColumns} rows={data.winByRep} rowKey={(r) => r.id} />}
      />
      <ChartCard
        id="win-source"
        title={t("winRate.sourceTitle")}
        description={t("winRate.description")}
        tableLabel={t("table")}
        empty={data.winBySource.length === 0 ? t("winRate.empty") : null}
        chart={<RateBars data={data.winBySource.map((r) => ({ label: sourceLabel(r.source), rate: (r.rate ?? 0) * 100 }))} valueLabel={t("winRate.rate")} />}
        table={<DataTable caption={t("winRate.sourceTitle")} columns={sourceColumns} rows={data.winBySource} rowKey={(r) => r.source ?? ""} />}
      />
    </>
  );
}

export async function ConversionSection({ data, filters }: Props) {
  const t = await getTranslations("pipelineDashboard");
  const f = await fmt();
  type Row = PipelineDashboard["conversion"][number];
  const columns: Column<Row>[] = [
    { key: "source", header: t("conversion.source"), cell: (r) => r.source },
    { key: "leads", header: t("conversion.leads"), numeric: true, cell: (r) => f.num(r.leads) },
    // Converted leads became opportunities with the lead's source: the link lists those deals.
    { key: "converted", header: t("conversion.converted"), numeric: true, cell: (r) => <Drill data={data} filters={filters} figure={{ source: r.source, period: false }}>{f.num(r.converted)}</Drill> },
    { key: "rate", header: t("conversion.rate"), numeric: true, cell: (r) => f.pct(r.rate) },
  ];
  return (
    <ChartCard
      id="conversion"
      title={t("conversion.title")}
      description={t("conversion.description")}
      tableLabel={t("table")}
      empty={data.conversion.length === 0 ? t("conversion.empty") : null}
      chart={<RateBars data={data.conversion.map((r) => ({ label: r.source, rate: (r.rate ?? 0) * 100 }))} valueLabel={t("conversion.rate")} />}
      table={<DataTable caption={t("conversion.title")} columns={columns} rows={data.conversion} rowKey={(r) => r.source} />}
    />
  );
}

export async function CycleSection({ data, filters }: Props) {
  const t = await getTranslations("pipelineDashboard");
  const f = await fmt();
  const c = data.totals.cycle;
  const items: [string, string][] = [
    [t("cycle.median"), c.medianDays === null ? "—" : t("totals.days", { days: c.medianDays })],
    [t("cycle.average"), c.averageDays === null ? "—" : t("totals.days", { days: Math.round(c.averageDays * 10) / 10 })],
    [t("cycle.min"), c.minDays === null ? "—" : t("totals.days", { days: c.minDays })],
    [t("cycle.max"), c.maxDays === null ? "—" : t("totals.days", { days: c.maxDays })],
  ];
  return (
    <Card aria-labelledby="cycle-title" className="flex flex-col gap-3">
      <div>
        <h2 id="cycle-title" className="text-base font-semibold">
          {t("cycle.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("cycle.description")}</p>
      </div>
      {c.deals === 0 ? (
        <p className="rounded-md bg-slate-50 p-6 text-center text-sm text-slate-600">{t("cycle.empty")}</p>
      ) : (
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
          {items.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className="text-lg font-semibold tabular-nums">{value}</dd>
            </div>
          ))}
          <div>
            <dt className="text-xs text-slate-500">{t("cycle.deals")}</dt>
            <dd className="text-lg font-semibold tabular-nums">
              <Drill data={data} filters={filters} figure={{ status: "won" }}>
                {f.num(c.deals)}
              </Drill>
            </dd>
          </div>
        </dl>
      )}
    </Card>
  );
}

export async function StaleSection({ data, filters }: Props) {
  const t = await getTranslations("pipelineDashboard");
  const format = await getFormatter();
  type Row = PipelineDashboard["stale"]["rows"][number];
  const columns: Column<Row>[] = [
    { key: "deal", header: t("stale.deal"), cell: (r) => <Link prefetch={false} className={LINK} href={`/opportunities/${r.id}`}>{r.name}</Link> },
    { key: "customer", header: t("stale.customer"), cell: (r) => r.customer },
    { key: "owner", header: t("stale.owner"), cell: (r) => r.owner },
    { key: "stage", header: t("stale.stage"), cell: (r) => t(`stages.${r.stage}`) },
    { key: "amount", header: t("stale.amount"), numeric: true, cell: (r) => formatMoney(r.amount) },
    { key: "last", header: t("stale.lastActivity"), cell: (r) => format.dateTime(new Date(r.lastActivityAt), { dateStyle: "medium" }) },
    { key: "idle", header: t("stale.idle"), numeric: true, cell: (r) => t("stale.idleDays", { days: r.idleDays }) },
  ];
  const figure: DrillFigure = { status: "open", stale: data.staleDays, period: false };
  return (
    <Card aria-labelledby="stale-title" className="flex flex-col gap-3">
      <div>
        <h2 id="stale-title" className="text-base font-semibold">
          {t("stale.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("stale.description", { days: data.staleDays, count: data.stale.count, amount: formatMoney(data.stale.amount) })}</p>
      </div>
      <div className="overflow-x-auto">
        <DataTable caption={t("stale.title")} columns={columns} rows={data.stale.rows} rowKey={(r) => r.id} empty={t("stale.empty")} />
      </div>
      {data.stale.count > 0 ? (
        <p className="text-sm">
          <Drill data={data} filters={filters} figure={figure}>
            {t("stale.all", { count: data.stale.count })}
          </Drill>
        </p>
      ) : null}
    </Card>
  );
}

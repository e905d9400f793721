import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ChartCard } from "@/components/ui/chart-card";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { type Column, DataTable } from "@/components/ui/data-table";
import type { ListCustomer, ShareRow, ValueDashboard, ValueFilters } from "@/lib/dashboards/value";
import { customersHref } from "./drill";
import { ParetoLine, StageBars, TierBars } from "./value-charts";

type Props = { data: ValueDashboard; filters: ValueFilters };

const LINK = "text-brand-700 underline-offset-2 hover:underline";

async function fmt() {
  const format = await getFormatter();
  return {
    money: (value: string | number) => format.number(Number(value), { style: "currency", currency: "CNY", maximumFractionDigits: 0 }),
    pct: (share: number) => format.number(share, { style: "percent", maximumFractionDigits: 1 }),
    num: (n: number) => format.number(n),
  };
}

export async function TotalsStrip({ data }: Props) {
  const t = await getTranslations("valueDashboard.totals");
  const f = await fmt();
  const items = [
    [t("customers"), f.num(data.totals.customers)],
    [t("active"), f.num(data.totals.active)],
    [t("revenue"), f.money(data.totals.revenue)],
    [t("margin"), f.money(data.totals.margin)],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
      {items.map(([label, value]) => (
        <div key={label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <dt className="text-xs text-slate-500">{label}</dt>
          <dd className="text-xl font-semibold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

async function shareTable<K extends string>(rows: ShareRow<K>[], keyHeader: string, label: (k: K) => string, href: (k: K) => string, extra?: Column<ShareRow<K>>) {
  const t = await getTranslations("valueDashboard.pyramid");
  const f = await fmt();
  const columns: Column<ShareRow<K>>[] = [
    { key: "key", header: keyHeader, cell: (r) => <Link className={LINK} href={href(r.key)}>{label(r.key)}</Link> },
    { key: "customers", header: t("customers"), numeric: true, cell: (r) => f.num(r.customers) },
    { key: "customerShare", header: t("customerShare"), numeric: true, cell: (r) => f.pct(r.customerShare) },
    { key: "revenue", header: t("revenue"), numeric: true, cell: (r) => f.money(r.revenue) },
    { key: "revenueShare", header: t("revenueShare"), numeric: true, cell: (r) => f.pct(r.revenueShare) },
    { key: "marginShare", header: t("marginShare"), numeric: true, cell: (r) => f.pct(r.marginShare) },
  ];
  if (extra) columns.push(extra);
  return <DataTable columns={columns} rows={rows} rowKey={(r) => r.key} />;
}

export async function PyramidSection({ data, filters }: Props) {
  const t = await getTranslations();
  const s = data.settings.pyramid;
  const label = (tier: string) => t(`enums.tier.${tier}`);
  const table = await shareTable(data.pyramid, t("valueDashboard.pyramid.tier"), label, (tier) => customersHref(filters, { tier }));
  return (
    <ChartCard
      id="pyramid"
      title={t("valueDashboard.pyramid.title")}
      description={t("valueDashboard.pyramid.description", { vip: s.vip * 100, major: s.major * 100, medium: s.medium * 100 })}
      tableLabel={t("valueDashboard.table")}
      chart={<TierBars data={data.pyramid.map((r) => ({ label: label(r.key), value: r.revenueShare * 100 }))} valueLabel={t("valueDashboard.pyramid.revenueShare")} />}
      table={table}
      empty={data.totals.customers === 0 ? t("valueDashboard.empty.filtered") : null}
    />
  );
}

/** Pyramid figures as clickable tiles too: the quickest drill-down from a tier into its customers. */
export async function PyramidTiles({ data, filters }: Props) {
  const t = await getTranslations();
  const f = await fmt();
  const widths = ["w-1/4", "w-2/4", "w-3/4", "w-full"];
  return (
    <nav aria-label={t("valueDashboard.drill")} className="flex flex-col items-center gap-1">
      {data.pyramid.map((row, i) => (
        <Link
          key={row.key}
          href={customersHref(filters, { tier: row.key })}
          className={cn(widths[i], "rounded-md bg-brand-600 px-3 py-2 text-center text-sm text-white hover:bg-brand-700", i === 0 && "bg-brand-900")}
          data-testid={`tier-${row.key}`}
        >
          <span className="font-semibold">{t(`enums.tier.${row.key}`)}</span> · {f.num(row.customers)} · {f.pct(row.revenueShare)}
        </Link>
      ))}
    </nav>
  );
}

const ABC_BENCHMARK = { A: 0.75, B: 0.2, C: 0.05 } as const;

export async function AbcSection({ data, filters }: Props) {
  const t = await getTranslations();
  const f = await fmt();
  const table = await shareTable(
    data.abc,
    t("valueDashboard.abc.segment"),
    (k) => t(`analytics.abc.${k}`),
    (abc) => customersHref(filters, { abc }),
    { key: "benchmark", header: t("valueDashboard.abc.benchmark"), numeric: true, cell: (r) => f.pct(ABC_BENCHMARK[r.key]) },
  );
  return (
    <ChartCard
      id="abc"
      title={t("valueDashboard.abc.title")}
      description={t("valueDashboard.abc.description", { a: data.settings.abc.shareA * 100, b: data.settings.abc.shareB * 100 })}
      tableLabel={t("valueDashboard.table")}
      chart={<TierBars data={data.abc.map((r) => ({ label: t(`analytics.abc.${r.key}`), value: r.marginShare * 100 }))} valueLabel={t("valueDashboard.pyramid.marginShare")} />}
      table={table}
      empty={data.totals.customers === 0 ? t("valueDashboard.empty.filtered") : null}
    />
  );
}

export async function ParetoSection({ data }: Props) {
  const t = await getTranslations("valueDashboard");
  const f = await fmt();
  const rows = data.pareto.filter((p) => p.customerPct > 0 && Math.round(p.customerPct) % 10 === 0);
  return (
    <ChartCard
      id="pareto"
      title={t("pareto.title")}
      description={t("pareto.description")}
      tableLabel={t("table")}
      chart={<ParetoLine data={data.pareto} xLabel={t("pareto.customers")} yLabel={t("pareto.revenue")} />}
      table={
        <DataTable
          columns={[
            { key: "c", header: t("pareto.customers"), numeric: true, cell: (p) => f.pct(p.customerPct / 100) },
            { key: "r", header: t("pareto.revenue"), numeric: true, cell: (p) => f.pct(p.revenuePct / 100) },
          ]}
          rows={rows}
          rowKey={(p) => p.customerPct}
        />
      }
      empty={data.pareto.length <= 1 ? t("empty.filtered") : null}
    />
  );
}

const HEAT = ["bg-slate-100", "bg-brand-100", "bg-brand-50", "bg-blue-300", "bg-brand-500 text-white", "bg-brand-700 text-white"];

export async function RfmSection({ data, filters }: Props) {
  const t = await getTranslations();
  const f = await fmt();
  const cell = (r: number, fScore: number) => data.rfmGrid.find((g) => g.r === r && g.f === fScore);
  return (
    <Card aria-labelledby="rfm-title" className="flex flex-col gap-3">
      <div>
        <h2 id="rfm-title" className="text-base font-semibold">
          {t("valueDashboard.rfm.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("valueDashboard.rfm.description")}</p>
      </div>
      {/* The grid is itself a table: rows are recency scores, columns frequency scores. */}
      <table className="w-full table-fixed border-separate border-spacing-1 text-center text-xs">
        <caption className="sr-only">{t("valueDashboard.rfm.title")}</caption>
        <thead>
          <tr>
            <th scope="col" className="text-slate-500">
              R \ F
            </th>
            {[1, 2, 3, 4, 5].map((fs) => (
              <th key={fs} scope="col" className="font-medium text-slate-600">
                F{fs}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[5, 4, 3, 2, 1].map((r) => (
            <tr key={r}>
              <th scope="row" className="font-medium text-slate-600">
                R{r}
              </th>
              {[1, 2, 3, 4, 5].map((fs) => {
                const c = cell(r, fs);
                const m = c?.avgMonetaryScore ?? 0;
                const label = t("valueDashboard.rfm.cell", { r, f: fs, customers: c?.customers ?? 0, m: m.toFixed(1) });
                return (
                  <td key={fs} className={cn("rounded", c ? HEAT[Math.round(m)] : "bg-slate-50")}>
                    {c ? (
                      <Link href={customersHref(filters, { rf: `${r}${fs}` })} className="block py-2 tabular-nums hover:underline" aria-label={label} title={label}>
                        {f.num(c.customers)}
                      </Link>
                    ) : (
                      <span className="block py-2 text-slate-400">0</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="text-sm font-semibold">{t("valueDashboard.rfm.groups")}</h3>
      <ul className="flex flex-wrap gap-2 text-sm">
        {data.rfmGroups.map((g) => (
          <li key={g.group}>
            <Link className="inline-block rounded-full border border-slate-200 px-3 py-1 hover:bg-slate-50" href={customersHref(filters, { rfm: g.group })}>
              {t(`enums.rfm.${g.group}`)} <span className="tabular-nums text-slate-500">{f.num(g.customers)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export async function LifecycleSection({ data, filters }: Props) {
  const t = await getTranslations();
  const f = await fmt();
  return (
    <ChartCard
      id="lifecycle"
      title={t("valueDashboard.lifecycle.title")}
      tableLabel={t("valueDashboard.table")}
      chart={<StageBars data={data.lifecycle.map((s) => ({ label: t(`enums.stage.${s.stage}`), value: s.customers }))} valueLabel={t("valueDashboard.lifecycle.customers")} />}
      table={
        <DataTable
          columns={[
            { key: "s", header: t("valueDashboard.lifecycle.stage"), cell: (s) => <Link className={LINK} href={customersHref(filters, { stage: s.stage })}>{t(`enums.stage.${s.stage}`)}</Link> },
            { key: "n", header: t("valueDashboard.lifecycle.customers"), numeric: true, cell: (s) => f.num(s.customers) },
          ]}
          rows={data.lifecycle}
          rowKey={(s) => s.stage}
        />
      }
      empty={data.totals.customers === 0 ? t("valueDashboard.empty.filtered") : null}
    />
  );
}

export async function MigrationSection({ data, filters }: Props) {
  const t = await getTranslations();
  const f = await fmt();
  const m = data.migration;
  const tiers = data.pyramid.map((p) => p.key);
  return (
    <Card aria-labelledby="migration-title" className="flex flex-col gap-3">
      <h2 id="migration-title" className="text-base font-semibold">
        {t("valueDashboard.migration.title")}
      </h2>
      {!m || !data.period ? (
        <p className="text-sm text-slate-600">{t("valueDashboard.migration.none")}</p>
      ) : (
        <>
          <p className="text-sm text-slate-600">{t("valueDashboard.migration.description", { from: m.from, to: data.period.periodEnd })}</p>
          <table className="w-full text-sm">
            <caption className="sr-only">{t("valueDashboard.migration.title")}</caption>
            <thead>
              <tr className="text-xs text-slate-500">
                <th scope="col" className="px-2 py-1 text-left">
                  {t("valueDashboard.migration.from")}
                </th>
                {tiers.map((to) => (
                  <th key={to} scope="col" className="px-2 py-1 text-right">
                    <Link className={LINK} href={customersHref(filters, { tier: to })}>
                      {t(`enums.tier.${to}`)}
                    </Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tiers.map((from, i) => (
                <tr key={from} className="border-t border-slate-100">
                  <th scope="row" className="px-2 py-1 text-left font-medium">
                    {t(`enums.tier.${from}`)}
                  </th>
                  {tiers.map((to, j) => (
                    <td key={to} className={cn("px-2 py-1 text-right tabular-nums", j < i && "text-emerald-700", j > i && "text-red-700", i === j && "font-semibold")}>
                      {m.matrix[i][j] > 0 ? (
                        <Link
                          className="hover:underline"
                          href={customersHref(filters, { tier: to, fromTier: from, fromPeriod: m.from })}
                          aria-label={t("valueDashboard.migration.cell", { count: m.matrix[i][j], from: t(`enums.tier.${from}`), to: t(`enums.tier.${to}`) })}
                        >
                          {f.num(m.matrix[i][j])}
                        </Link>
                      ) : (
                        f.num(m.matrix[i][j])
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="grid grid-cols-2 gap-2 text-sm md:grid-cols-4">
            <div>
              <dt className="text-slate-500">{t("valueDashboard.migration.up")}</dt>
              <dd className="font-semibold text-emerald-700 tabular-nums">{f.num(m.up)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("valueDashboard.migration.down")}</dt>
              <dd className="font-semibold text-red-700 tabular-nums">{f.num(m.down)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("valueDashboard.migration.same")}</dt>
              <dd className="font-semibold tabular-nums">{f.num(m.same)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("valueDashboard.migration.net")}</dt>
              <dd className="font-semibold tabular-nums" data-testid="net-upward">
                {f.pct(m.netUpwardPct / 100)}
              </dd>
            </div>
          </dl>
        </>
      )}
    </Card>
  );
}

async function customerList(id: string, title: string, hint: string, rows: ListCustomer[], extra: Column<ListCustomer>[]) {
  const t = await getTranslations("valueDashboard.lists");
  const tt = await getTranslations("enums.tier");
  const f = await fmt();
  const columns: Column<ListCustomer>[] = [
    { key: "name", header: t("customer"), cell: (c) => <Link className={LINK} href={`/customers/${c.id}`}>{c.name}</Link> },
    { key: "tier", header: t("tier"), cell: (c) => tt(c.tier) },
    { key: "spend", header: t("spend"), numeric: true, cell: (c) => f.money(c.monetary) },
    { key: "clv", header: t("clv"), numeric: true, cell: (c) => f.money(c.predictedClv) },
    ...extra,
  ];
  return (
    <Card aria-labelledby={`${id}-title`} className="flex flex-col gap-2">
      <h2 id={`${id}-title`} className="text-base font-semibold">
        {title}
      </h2>
      <p className="text-sm text-slate-600">{hint}</p>
      <div className="overflow-x-auto">
        <DataTable columns={columns} rows={rows} rowKey={(c) => c.id} caption={title} empty={t("empty")} />
      </div>
    </Card>
  );
}

export async function ListsSection({ data }: Props) {
  const t = await getTranslations("valueDashboard.lists");
  const tt = await getTranslations("enums.tier");
  const f = await fmt();
  const churn: Column<ListCustomer> = { key: "churn", header: t("churn"), numeric: true, cell: (c) => (c.churnRisk === null ? "—" : f.pct(c.churnRisk)) };
  return (
    <div className="grid gap-4 2xl:grid-cols-2">
      {await customerList("upgrade", t("upgrade"), t("upgradeHint"), data.lists.upgrade, [
        { key: "to", header: t("toTier"), cell: (c) => (c.detail.toTier ? tt(String(c.detail.toTier)) : "—") },
        { key: "gap", header: t("gap"), numeric: true, cell: (c) => f.money(c.detail.gap ?? 0) },
      ])}
      {await customerList("at-risk", t("atRisk"), t("atRiskHint", { threshold: Math.round(data.settings.churnAlertThreshold * 100) }), data.lists.atRisk, [churn])}
      {await customerList("golden", t("golden"), t("goldenHint"), data.lists.golden, [{ key: "rfm", header: t("rfm"), cell: (c) => String(c.detail.rfmCode ?? "") }])}
      {await customerList("cross-sell", t("crossSell"), t("crossSellHint"), data.lists.crossSell, [
        { key: "product", header: t("product"), cell: (c) => String(c.detail.product ?? "") },
        { key: "because", header: t("because"), cell: (c) => String(c.detail.because ?? "") },
        { key: "confidence", header: t("confidence"), numeric: true, cell: (c) => f.pct(Number(c.detail.confidence ?? 0)) },
      ])}
    </div>
  );
}

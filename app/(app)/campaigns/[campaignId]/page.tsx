import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AddCostForm, CampaignStatusControls, MemberResponseForm, RemoveCostButton } from "@/components/campaigns/campaign-controls";
import { GroupedBars } from "@/components/campaigns/effectiveness-charts";
import { CampaignStatusBadge } from "@/components/campaigns/status-badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ChartCard } from "@/components/ui/chart-card";
import { DataTable } from "@/components/ui/data-table";
import { FormMessage } from "@/components/ui/form-message";
import { Pager } from "@/components/ui/pager";
import { getCampaignEffectiveness } from "@/lib/campaigns/effectiveness-data";
import { campaignTouchpoints, getCampaign, listMembers, type MemberFilter } from "@/lib/campaigns/queries";
import { reasonMessage, type CampaignChannel } from "@/lib/campaigns/rules/propensity-features";
import { exportsMemberList, isLaunched, isPlanned, MEMBER_STATUSES, nextCampaignStatuses } from "@/lib/campaigns/rules/status";
import type { PropensityReason } from "@/lib/campaigns/rules/propensity-features";
import { now } from "@/lib/platform/clock";
import { requireUser } from "@/lib/platform/auth/session";
import { formatDate, formatDateTime, formatMoney } from "@/lib/platform/format";
import { parseIdParam, parsePageParam } from "@/lib/platform/id-param";
import { formatCents } from "@/lib/platform/money";
import { localDateOf } from "@/lib/platform/time-zone";
import type { CampaignMemberStatus } from "@/lib/platform/enums";

type Props = { params: Promise<{ campaignId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("campaigns");
  const id = parseIdParam((await params).campaignId);
  return { title: id === null ? t("list.title") : t("page.title", { id }) };
}

const pct = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? "—" : `${(v * 100).toFixed(1)}%`);
const cents = (v: bigint) => formatMoney(formatCents(v));
const units = (v: number) => formatMoney(v.toFixed(2));

function Kpi({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3" data-testid={testId}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-xl font-semibold tabular-nums text-slate-900">{value}</dd>
      {detail ? <dd className="text-xs text-slate-600">{detail}</dd> : null}
    </div>
  );
}

/** One campaign: its effectiveness (DOMAIN.md §10) with charts and tables, audience, costs, members and linked touchpoints. */
export default async function CampaignPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const id = parseIdParam((await params).campaignId);
  if (id === null) notFound();
  const sp = await searchParams;
  const group = one(sp.group) === "control" ? "control" : one(sp.group) === "treated" ? "treated" : undefined;
  const status = MEMBER_STATUSES.find((s) => s === one(sp.mstatus)) as CampaignMemberStatus | undefined;
  const filter: MemberFilter = { group, status, page: parsePageParam(one(sp.mpage)) };
  const [campaign, measurement, members, touchpoints, t] = await Promise.all([
    getCampaign(user, id),
    getCampaignEffectiveness(user, id),
    listMembers(user, id, filter),
    campaignTouchpoints(user, id),
    getTranslations(),
  ]);
  if (!campaign || !measurement) notFound();
  const e = measurement.effectiveness;
  const launched = isLaunched(campaign.status) || campaign.launchedAt !== null;
  const closed = campaign.status === "COMPLETED" || campaign.status === "CANCELLED";
  const versioned = { id: campaign.id, version: campaign.version, snapshot: campaign.snapshot };
  const lift = e.lift.value;
  const revenue = e.incrementalRevenue.value;
  const margin = e.incrementalMargin.value;
  const treated = measurement.treated;
  const control = measurement.control;
  const rate = (g: { members: number; converted: number } | null) => (g && g.members > 0 ? g.converted / g.members : null);
  const perMember = (g: { members: number; revenueCents: { sum: bigint } } | null) => (g && g.members > 0 ? Number(g.revenueCents.sum) / g.members / 100 : null);
  const perMemberText = (g: { members: number; revenueCents: { sum: bigint } } | null) => {
    const v = perMember(g);
    return v === null ? "—" : units(v);
  };
  const groupRows = [
    { label: t("campaigns.charts.treated"), g: treated },
    { label: t("campaigns.charts.control"), g: control },
  ];
  const reason = (key: string | null) => (key ? t(`campaigns.reasons.${key}`) : "");
  const memberPages = Math.max(1, Math.ceil(members.total / members.pageSize));
  const memberHref = (over: Record<string, string | number | undefined>) => {
    const q = new URLSearchParams();
    const merged = { group, mstatus: status, mpage: undefined as number | undefined, ...over };
    for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== "") q.set(k, String(v));
    const s = q.toString();
    return `/campaigns/${id}${s ? `?${s}` : ""}#members`;
  };
  const periods = [
    { label: t("campaigns.charts.sameMonths"), before: e.sameMonthsLastYear.value?.revenueCents.previous, after: e.sameMonthsLastYear.value?.revenueCents.current, ub: e.sameMonthsLastYear.value?.units.previous, ua: e.sameMonthsLastYear.value?.units.current },
    { label: t("campaigns.charts.beforeAfter"), before: e.beforeAfter.value?.revenueCents.previous, after: e.beforeAfter.value?.revenueCents.current, ub: e.beforeAfter.value?.units.previous, ua: e.beforeAfter.value?.units.current },
  ];
  const rule = campaign.audienceRule as { source?: string; name?: string; query?: string } | null;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <nav aria-label={t("campaigns.page.breadcrumb")} className="text-sm">
        <Link href="/campaigns" className="text-brand-700 hover:underline">
          {t("campaigns.list.title")}
        </Link>
      </nav>
      {one(sp.created) === "1" ? <FormMessage tone="success">{t("campaigns.created")}</FormMessage> : null}
      {one(sp.saved) === "1" ? <FormMessage tone="success">{t("campaigns.saved")}</FormMessage> : null}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900" data-testid="campaign-name">
            {campaign.name}
          </h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <CampaignStatusBadge status={campaign.status} label={t(`campaigns.status.${campaign.status}`)} />
            <span>{t(`campaigns.type.${campaign.type}`)}</span>
            <span>
              {campaign.startDate} – {campaign.endDate}
            </span>
            <span>{t("campaigns.page.owner", { name: campaign.ownerName })}</span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {campaign.canEdit && !closed ? (
            <Button variant="secondary" asChild>
              <Link href={`/campaigns/${id}/edit`}>{t("campaigns.page.edit")}</Link>
            </Button>
          ) : null}
          {campaign.canEdit && exportsMemberList(campaign.type) && isLaunched(campaign.status) ? (
            <Button variant="secondary" asChild>
              <a href={`/campaigns/${id}/export`} download>
                {t("campaigns.page.exportMembers")}
              </a>
            </Button>
          ) : null}
          {campaign.type === "EMAIL" ? (
            <Button variant="secondary" asChild>
              <Link href={`/campaigns/${id}/email`}>{t("campaignEmail.link")}</Link>
            </Button>
          ) : null}
        </div>
      </div>
      {campaign.canEdit ? <CampaignStatusControls campaign={versioned} next={nextCampaignStatuses(campaign.status)} canLaunch={isPlanned(campaign.status)} /> : null}

      {launched ? (
        <>
          <section aria-labelledby="verdict-title" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="verdict-title" className="text-base font-semibold">
              {t("campaigns.page.verdict")}
            </h2>
            <div data-testid="campaign-verdict">
              {measurement.verdict.map((v) => (
                <p key={v.key} className="mt-1 text-sm text-slate-800">
                  {t(`campaigns.verdict.${v.key}`, v.params)}
                </p>
              ))}
            </div>
            <p className="mt-2 text-xs text-slate-500">{t("campaigns.page.windowNote", { start: formatDateTime(measurement.window.start), last: measurement.window.lastDay, zone: campaign.timeZone })}</p>
          </section>
          <dl className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-6" aria-label={t("campaigns.page.kpis")}>
            <Kpi testId="kpi-members" label={t("campaigns.kpi.members")} value={campaign.memberCounts.treated.toLocaleString("en-US")} detail={t("campaigns.kpi.treatedDetail")} />
            <Kpi testId="kpi-control" label={t("campaigns.kpi.control")} value={campaign.memberCounts.control.toLocaleString("en-US")} detail={t("campaigns.kpi.controlDetail", { pct: campaign.holdoutPct })} />
            <Kpi testId="kpi-responses" label={t("campaigns.kpi.responses")} value={treated.responses.toLocaleString("en-US")} detail={t("campaigns.kpi.recordedDetail", { count: treated.recorded })} />
            <Kpi testId="kpi-conversions" label={t("campaigns.kpi.conversions")} value={treated.converted.toLocaleString("en-US")} detail={pct(rate(treated))} />
            <Kpi
              testId="kpi-lift"
              label={t("campaigns.kpi.lift")}
              value={lift ? pct(lift.absolute) : "—"}
              detail={lift ? t("campaigns.kpi.interval", { lower: pct(lift.interval.lower), upper: pct(lift.interval.upper) }) : reason(e.lift.reason)}
            />
            <Kpi
              label={t("campaigns.kpi.revenuePerMember")}
              value={revenue ? cents(revenue.perMemberCents) : "—"}
              detail={revenue?.perMember.value ? t("campaigns.kpi.interval", { lower: units(revenue.perMember.value.lower), upper: units(revenue.perMember.value.upper) }) : revenue ? reason(revenue.perMember.reason) : reason(e.incrementalRevenue.reason)}
            />
            <Kpi label={t("campaigns.kpi.incrementalRevenue")} value={revenue ? cents(revenue.totalCents) : "—"} />
            <Kpi label={t("campaigns.kpi.incrementalMargin")} value={margin ? cents(margin.totalCents) : "—"} />
            <Kpi label={t("campaigns.kpi.cost")} value={formatMoney(campaign.cost)} detail={t("campaigns.kpi.budgetDetail", { budget: formatMoney(campaign.budget) })} />
            <Kpi label={t("campaigns.kpi.costPerResponse")} value={e.costPerResponseCents.value !== null ? cents(e.costPerResponseCents.value) : "—"} />
            <Kpi
              testId="kpi-roi"
              label={t("campaigns.kpi.roi")}
              value={e.roi.value ? pct(e.roi.value.roi) : "—"}
              detail={e.roi.value?.interval ? t("campaigns.kpi.interval", { lower: pct(e.roi.value.interval.lower), upper: pct(e.roi.value.interval.upper) }) : reason(e.roi.reason)}
            />
          </dl>

          <div className="grid gap-4 lg:grid-cols-2">
            <ChartCard
              id="chart-groups"
              title={t("campaigns.charts.groups")}
              description={t("campaigns.charts.groupsHint")}
              tableLabel={t("campaigns.charts.showTable")}
              empty={control ? null : t("campaigns.reasons.no-control-group")}
              chart={
                <GroupedBars
                  format="percent"
                  series={[
                    { key: "treated", label: t("campaigns.charts.treated") },
                    { key: "control", label: t("campaigns.charts.control") },
                  ]}
                  data={[{ label: t("campaigns.charts.conversionRate"), treated: rate(treated) ?? 0, control: rate(control) ?? 0 }]}
                />
              }
              table={
                <DataTable
                  caption={t("campaigns.charts.groups")}
                  rows={groupRows}
                  rowKey={(r) => r.label}
                  columns={[
                    { key: "group", header: t("campaigns.charts.group"), rowHeader: true, cell: (r) => r.label },
                    { key: "members", header: t("campaigns.kpi.members"), numeric: true, cell: (r) => (r.g ? r.g.members.toLocaleString("en-US") : "—") },
                    { key: "conversions", header: t("campaigns.kpi.conversions"), numeric: true, cell: (r) => (r.g ? r.g.converted.toLocaleString("en-US") : "—") },
                    { key: "rate", header: t("campaigns.charts.conversionRate"), numeric: true, cell: (r) => pct(rate(r.g)) },
                    { key: "perMember", header: t("campaigns.charts.revenuePerMember"), numeric: true, cell: (r) => perMemberText(r.g) },
                  ]}
                />
              }
            />
            <ChartCard
              id="chart-revenue"
              title={t("campaigns.charts.revenue")}
              tableLabel={t("campaigns.charts.showTable")}
              empty={control ? null : t("campaigns.reasons.no-control-group")}
              chart={
                <GroupedBars
                  format="money"
                  series={[
                    { key: "treated", label: t("campaigns.charts.treated") },
                    { key: "control", label: t("campaigns.charts.control") },
                  ]}
                  data={[{ label: t("campaigns.charts.revenuePerMember"), treated: perMember(treated) ?? 0, control: perMember(control) ?? 0 }]}
                />
              }
              table={
                <DataTable
                  caption={t("campaigns.charts.revenue")}
                  rows={groupRows}
                  rowKey={(r) => r.label}
                  columns={[
                    { key: "group", header: t("campaigns.charts.group"), rowHeader: true, cell: (r) => r.label },
                    { key: "total", header: t("campaigns.charts.revenueTotal"), numeric: true, cell: (r) => (r.g ? cents(r.g.revenueCents.sum) : "—") },
                    { key: "perMember", header: t("campaigns.charts.revenuePerMember"), numeric: true, cell: (r) => perMemberText(r.g) },
                  ]}
                />
              }
            />
            <ChartCard
              id="chart-periods"
              title={t("campaigns.charts.periods")}
              description={t("campaigns.charts.periodsHint")}
              tableLabel={t("campaigns.charts.showTable")}
              chart={
                <GroupedBars
                  format="money"
                  series={[
                    { key: "before", label: t("campaigns.charts.earlier") },
                    { key: "after", label: t("campaigns.charts.campaignPeriod") },
                  ]}
                  data={periods.map((p) => ({ label: p.label, before: Number(p.before ?? 0n) / 100, after: Number(p.after ?? 0n) / 100 }))}
                />
              }
              table={
                <DataTable
                  caption={t("campaigns.charts.periods")}
                  rows={periods}
                  rowKey={(p) => p.label}
                  columns={[
                    { key: "comparison", header: t("campaigns.charts.comparison"), rowHeader: true, cell: (p) => p.label },
                    { key: "before", header: t("campaigns.charts.earlier"), numeric: true, cell: (p) => (p.before === undefined ? "—" : cents(p.before)) },
                    { key: "after", header: t("campaigns.charts.campaignPeriod"), numeric: true, cell: (p) => (p.after === undefined ? "—" : cents(p.after)) },
                    { key: "unitsBefore", header: t("campaigns.charts.unitsEarlier"), numeric: true, cell: (p) => (p.ub === undefined ? "—" : p.ub.toString()) },
                    { key: "unitsAfter", header: t("campaigns.charts.unitsCampaign"), numeric: true, cell: (p) => (p.ua === undefined ? "—" : p.ua.toString()) },
                  ]}
                />
              }
            />
            <ChartCard
              id="chart-responses"
              title={t("campaigns.charts.responses")}
              description={t("campaigns.charts.responsesHint")}
              tableLabel={t("campaigns.charts.showTable")}
              chart={
                <GroupedBars
                  format="number"
                  series={[{ key: "value", label: t("campaigns.kpi.conversions") }]}
                  data={[
                    { label: t("campaigns.charts.actual"), value: treated.converted },
                    { label: t("campaigns.charts.forecast"), value: campaign.expectedResponses ?? 0 },
                    ...(measurement.previous && measurement.previous.members > 0 && treated.members > 0
                      ? [{ label: t("campaigns.charts.previousScaled"), value: Math.round((measurement.previous.converted / measurement.previous.members) * treated.members) }]
                      : []),
                  ]}
                />
              }
              table={
                <DataTable
                  caption={t("campaigns.charts.responses")}
                  rows={[
                    { label: t("campaigns.charts.actual"), conversions: String(treated.converted), perMember: pct(rate(treated)) },
                    {
                      label: t("campaigns.charts.forecast"),
                      conversions: campaign.expectedResponses === null ? "—" : String(campaign.expectedResponses),
                      perMember: campaign.expectedResponses !== null && treated.members > 0 ? pct(campaign.expectedResponses / treated.members) : "—",
                    },
                    {
                      label: measurement.previous ? t("campaigns.charts.previousNamed", { name: measurement.previous.name }) : t("campaigns.charts.previous"),
                      conversions: measurement.previous ? String(measurement.previous.converted) : "—",
                      perMember: measurement.previous ? pct(rate(measurement.previous)) : "—",
                    },
                  ]}
                  rowKey={(r) => r.label}
                  columns={[
                    { key: "comparison", header: t("campaigns.charts.comparison"), rowHeader: true, cell: (r) => r.label },
                    { key: "conversions", header: t("campaigns.kpi.conversions"), numeric: true, cell: (r) => r.conversions },
                    { key: "perMember", header: t("campaigns.charts.perMember"), numeric: true, cell: (r) => r.perMember },
                  ]}
                />
              }
            />
          </div>
        </>
      ) : (
        <Card>
          <p className="text-sm text-slate-700">{t("campaigns.page.notLaunched")}</p>
        </Card>
      )}

      <Card aria-labelledby="audience-title">
        <h2 id="audience-title" className="text-base font-semibold">
          {t("campaigns.page.audience")}
        </h2>
        <dl className="mt-2 grid gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">{t("campaigns.page.selectedBy")}</dt>
            <dd>
              {campaign.segment ? (
                <Link href={`/segments/${campaign.segment.id}`} className="text-brand-700 hover:underline">
                  {t("campaigns.page.segment", { name: rule?.source === "segment" && rule.name ? rule.name : campaign.segment.name })}
                </Link>
              ) : (
                <Link href={`/customers${campaign.audienceFilter ? `?${campaign.audienceFilter}` : ""}`} className="text-brand-700 hover:underline">
                  {campaign.audienceFilter ? t("campaigns.page.filters", { query: decodeURIComponent(campaign.audienceFilter.replace(/\+/g, " ")) }) : t("campaigns.page.allCustomers")}
                </Link>
              )}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("campaigns.fields.holdoutPct")}</dt>
            <dd>{campaign.holdoutPct > 0 ? `${campaign.holdoutPct}%` : t("campaigns.page.noHoldout")}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("campaigns.fields.fatigueDays")}</dt>
            <dd>{campaign.fatigueDays ?? t("campaigns.page.noFatigue")}</dd>
          </div>
          {launched ? (
            <div>
              <dt className="text-slate-500">{t("campaigns.page.exclusions")}</dt>
              <dd data-testid="campaign-exclusions">{t("campaigns.page.excluded", { optOut: campaign.excludedOptOut, fatigue: campaign.excludedFatigue })}</dd>
            </div>
          ) : null}
          <div>
            <dt className="text-slate-500">{t("campaigns.page.launched")}</dt>
            <dd>{campaign.launchedAt ? t("campaigns.page.launchedBy", { at: formatDateTime(campaign.launchedAt), name: campaign.launchedByName ?? t("campaigns.page.schedule") }) : "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("campaigns.page.attribution")}</dt>
            <dd>
              {t("campaigns.page.attributionValue", { grace: campaign.graceDays, last: measurement.window.lastDay })}
              {campaign.attributePromotedOnly ? ` ${t("campaigns.page.promotedOnly")}` : ""}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("campaigns.page.promoted")}</dt>
            <dd>{[...campaign.promotedProducts, ...campaign.promotedCategories].map((p) => p.name).join(", ") || "—"}</dd>
          </div>
          {campaign.objective ? (
            <div>
              <dt className="text-slate-500">{t("campaigns.fields.objective")}</dt>
              <dd>{campaign.objective}</dd>
            </div>
          ) : null}
          {campaign.offer ? (
            <div>
              <dt className="text-slate-500">{t("campaigns.fields.offer")}</dt>
              <dd>{campaign.offer}</dd>
            </div>
          ) : null}
        </dl>
      </Card>

      <Card aria-labelledby="costs-title">
        <h2 id="costs-title" className="text-base font-semibold">
          {t("campaigns.costs.title")}
        </h2>
        {campaign.costs.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t("campaigns.costs.empty")}</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm">
            <caption className="sr-only">{t("campaigns.costs.title")}</caption>
            <thead className="text-xs uppercase text-slate-600">
              <tr>
                <th scope="col">{t("campaigns.costs.incurredOn")}</th>
                <th scope="col">{t("campaigns.costs.description")}</th>
                <th scope="col" className="text-right">{t("campaigns.costs.amount")}</th>
                <th scope="col">{t("campaigns.costs.by")}</th>
                {campaign.canEdit ? <th scope="col"><span className="sr-only">{t("campaigns.costs.remove")}</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {campaign.costs.map((c) => (
                <tr key={c.id} className="border-t border-slate-100">
                  <td>{localDateOf(c.incurredOn, campaign.timeZone)}</td>
                  <td>{c.description}</td>
                  <td className="text-right tabular-nums">{formatMoney(c.amount)}</td>
                  <td>{c.createdByName ?? "—"}</td>
                  {campaign.canEdit ? (
                    <td className="text-right">
                      <RemoveCostButton campaignId={campaign.id} costId={c.id} label={t("campaigns.costs.removeLine", { description: c.description })} />
                    </td>
                  ) : null}
                </tr>
              ))}
              <tr className="border-t border-slate-200 font-semibold">
                <td colSpan={2}>{t("campaigns.costs.total")}</td>
                <td className="text-right tabular-nums">{formatMoney(campaign.cost)}</td>
                <td colSpan={campaign.canEdit ? 2 : 1} />
              </tr>
            </tbody>
          </table>
        )}
        {campaign.canEdit ? (
          <div className="mt-3">
            <AddCostForm campaignId={campaign.id} today={localDateOf(now(), campaign.timeZone)} />
          </div>
        ) : null}
      </Card>

      <Card aria-labelledby="members-title" id="members">
        <h2 id="members-title" className="text-base font-semibold">
          {t("campaigns.members.title")}
        </h2>
        <div className="mt-2 flex flex-wrap gap-3 text-sm" role="group" aria-label={t("campaigns.members.filters")}>
          {[
            { label: t("campaigns.members.all"), href: memberHref({ group: "", mstatus: "" }), active: !group && !status },
            { label: t("campaigns.charts.treated"), href: memberHref({ group: "treated" }), active: group === "treated" },
            { label: t("campaigns.charts.control"), href: memberHref({ group: "control" }), active: group === "control" },
            ...MEMBER_STATUSES.map((s) => ({ label: t(`campaigns.memberStatus.${s}`), href: memberHref({ mstatus: s }), active: status === s })),
          ].map((f) => (
            <Link key={f.label} href={f.href} aria-current={f.active ? "true" : undefined} className={f.active ? "font-semibold text-slate-900" : "text-brand-700 hover:underline"}>
              {f.label}
            </Link>
          ))}
        </div>
        {members.items.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{launched ? t("campaigns.members.emptyFiltered") : t("campaigns.members.empty")}</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="member-table">
              <caption className="sr-only">{t("campaigns.members.title")}</caption>
              <thead className="text-xs uppercase text-slate-600">
                <tr>
                  <th scope="col">{t("campaigns.members.customer")}</th>
                  <th scope="col">{t("campaigns.charts.group")}</th>
                  <th scope="col">{t("campaigns.fields.status")}</th>
                  <th scope="col" className="text-right">{t("campaigns.members.propensity")}</th>
                  <th scope="col">{t("campaigns.members.reasons")}</th>
                  <th scope="col">{t("campaigns.members.contacted")}</th>
                  <th scope="col">{t("campaigns.members.respond")}</th>
                </tr>
              </thead>
              <tbody>
                {members.items.map((m) => (
                  <tr key={m.id} className="border-t border-slate-100 align-top">
                    <th scope="row" className="py-1 font-normal">
                      <Link href={`/customers/${m.customerId}`} className="text-brand-700 hover:underline">
                        {m.customerName}
                      </Link>
                    </th>
                    <td className="py-1">{m.isControl ? t("campaigns.charts.control") : t("campaigns.charts.treated")}</td>
                    <td className="py-1">{t(`campaigns.memberStatus.${m.status}`)}</td>
                    <td className="py-1 text-right tabular-nums">{m.propensity === null ? "—" : pct(m.propensity)}</td>
                    <td className="py-1 text-xs text-slate-600">
                      {(m.reasons as PropensityReason[] | null)?.map((r) => {
                        const msg = reasonMessage(r, campaign.type as CampaignChannel);
                        return <span key={r.feature} className="block">{t(`propensity.${msg.key}`, msg.params)}</span>;
                      }) ?? "—"}
                    </td>
                    <td className="py-1">{formatDate(m.contactedAt)}</td>
                    <td className="py-1">{m.canRespond ? <MemberResponseForm memberId={m.id} status={m.status} customerName={m.customerName} /> : m.isControl ? t("campaigns.members.controlNote") : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          page={members.page}
          pages={memberPages}
          hrefFor={(p) => memberHref({ mpage: p })}
          labels={{ nav: t("campaigns.members.pages"), prev: t("campaigns.list.prev"), next: t("campaigns.list.next"), position: t("campaigns.list.position", { page: members.page, pages: memberPages }) }}
        />
      </Card>

      <Card aria-labelledby="touchpoints-title">
        <h2 id="touchpoints-title" className="text-base font-semibold">
          {t("campaigns.touchpoints.title", { count: touchpoints.total })}
        </h2>
        {touchpoints.items.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t("campaigns.touchpoints.empty")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {touchpoints.items.map((tp) => (
              <li key={tp.id} className="py-1.5">
                <span className="text-slate-500">{formatDateTime(tp.occurredAt)}</span>{" "}
                <Link href={`/customers/${tp.customerId}`} className="text-brand-700 hover:underline">
                  {tp.customerName}
                </Link>{" "}
                — {tp.summary}
                {tp.outcome ? ` (${tp.outcome})` : ""}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

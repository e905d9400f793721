import { Suspense } from "react";
import type { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CampaignBars } from "@/components/campaigns/effectiveness-charts";
import { CampaignStatusBadge } from "@/components/campaigns/status-badge";
import { ChartCard } from "@/components/ui/chart-card";
import { type CampaignFigures, listFigures } from "@/lib/campaigns/effectiveness-data";
import type { CampaignListItem } from "@/lib/campaigns/queries";
import type { Actor } from "@/lib/platform/auth/permissions";
import { formatDate, formatMoney } from "@/lib/platform/format";

type Translate = Awaited<ReturnType<typeof getTranslations>>;
type Props = { items: CampaignListItem[]; t: Translate };

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * The campaign list's table and comparison charts. The figures (members, responses, lift, ROI) come
 * from every member's orders in each campaign's attribution window, which takes far longer than the
 * list itself at scale (PostgreSQL, 100 campaigns / 500,000 members: rows on screen after 0.7-1.0 s,
 * figures after 1.8-2.5 s). So the rows are sent first and the figures stream in; until then their cells
 * say they are being computed (aria-busy), not "—", which means "no figure". The embedded database runs
 * its queries on the server's one thread, so there the rows wait for the figures as before.
 */
export function CampaignListTable({ user, items, t }: Props & { user: Actor }) {
  return (
    <Suspense fallback={<CampaignRows items={items} figures={null} t={t} />}>
      <CampaignRowsWithFigures user={user} items={items} t={t} />
    </Suspense>
  );
}

async function CampaignRowsWithFigures({ user, items, t }: Props & { user: Actor }) {
  const figures = await listFigures(
    user,
    items.map((c) => c.id),
  );
  const compared = items.filter((c) => Boolean(figures.get(c.id)?.lift) || figures.get(c.id)?.roi != null);
  return (
    <>
      <CampaignRows items={items} figures={figures} t={t} />
      {compared.length > 0 ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <ChartCard
            id="compare-roi"
            title={t("campaigns.list.compareRoi")}
            tableLabel={t("campaigns.charts.showTable")}
            chart={<CampaignBars format="ratio" data={compared.filter((c) => figures.get(c.id)?.roi != null).map((c) => ({ label: c.name, value: figures.get(c.id)!.roi! }))} />}
            table={
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t("campaigns.list.compareRoi")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("campaigns.fields.name")}</th>
                    <th scope="col" className="text-right">{t("campaigns.kpi.roi")}</th>
                  </tr>
                </thead>
                <tbody>
                  {compared.map((c) => (
                    <tr key={c.id}>
                      <th scope="row" className="font-normal">{c.name}</th>
                      <td className="text-right tabular-nums">{figures.get(c.id)?.roi != null ? pct(figures.get(c.id)!.roi!) : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
          <ChartCard
            id="compare-lift"
            title={t("campaigns.list.compareLift")}
            tableLabel={t("campaigns.charts.showTable")}
            chart={<CampaignBars format="percent" data={compared.filter((c) => figures.get(c.id)?.lift).map((c) => ({ label: c.name, value: figures.get(c.id)!.lift!.absolute }))} />}
            table={
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t("campaigns.list.compareLift")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("campaigns.fields.name")}</th>
                    <th scope="col" className="text-right">{t("campaigns.kpi.lift")}</th>
                    <th scope="col" className="text-right">{t("campaigns.kpi.liftInterval")}</th>
                  </tr>
                </thead>
                <tbody>
                  {compared.map((c) => {
                    const lift = figures.get(c.id)?.lift;
                    return (
                      <tr key={c.id}>
                        <th scope="row" className="font-normal">{c.name}</th>
                        <td className="text-right tabular-nums">{lift ? pct(lift.absolute) : "—"}</td>
                        <td className="text-right tabular-nums">{lift ? `${pct(lift.lower)} – ${pct(lift.upper)}` : "—"}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            }
          />
        </div>
      ) : null}
    </>
  );
}

/** The rows; `figures` null while they are computed. */
function CampaignRows({ items, figures, t }: Props & { figures: Map<number, CampaignFigures> | null }) {
  const pending = figures === null;
  const busy = <span className="text-slate-400">{t("campaigns.list.computing")}</span>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="campaign-table" aria-busy={pending}>
        <caption className="sr-only">{t("campaigns.list.caption")}</caption>
        <thead className="bg-slate-50 text-xs uppercase text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">{t("campaigns.fields.name")}</th>
            <th scope="col" className="px-3 py-2">{t("campaigns.fields.type")}</th>
            <th scope="col" className="px-3 py-2">{t("campaigns.fields.status")}</th>
            <th scope="col" className="px-3 py-2">{t("campaigns.list.period")}</th>
            <th scope="col" className="px-3 py-2">{t("campaigns.fields.ownerId")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("campaigns.kpi.members")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("campaigns.kpi.responses")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("campaigns.kpi.lift")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("campaigns.kpi.cost")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("campaigns.kpi.roi")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => {
            const f = figures?.get(c.id);
            return (
              <tr key={c.id} className="border-t border-slate-100 hover:bg-slate-50">
                <th scope="row" className="px-3 py-2 font-medium">
                  <Link href={`/campaigns/${c.id}`} className="text-brand-700 hover:underline">
                    {c.name}
                  </Link>
                </th>
                <td className="px-3 py-2">{t(`campaigns.type.${c.type}`)}</td>
                <td className="px-3 py-2">
                  <CampaignStatusBadge status={c.status} label={t(`campaigns.status.${c.status}`)} />
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {formatDate(c.startsAt)} – {formatDate(c.endsAt)}
                </td>
                <td className="px-3 py-2">{c.ownerName}</td>
                <td className="px-3 py-2 text-right tabular-nums">{pending ? busy : f ? t("campaigns.list.membersValue", { members: f.members, control: f.control }) : "—"}</td>
                <td className="px-3 py-2 text-right tabular-nums">{pending ? busy : f ? f.responses.toLocaleString("en-US") : "—"}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {pending ? (
                    busy
                  ) : f?.lift ? (
                    <span title={t("campaigns.kpi.interval", { lower: pct(f.lift.lower), upper: pct(f.lift.upper) })}>
                      {pct(f.lift.absolute)}
                      {f.lift.distinguishable ? " *" : ""}
                    </span>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{formatMoney(c.cost)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{pending ? busy : f?.roi !== null && f?.roi !== undefined ? pct(f.roi) : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="px-3 py-2 text-xs text-slate-500">{t("campaigns.list.legend")}</p>
    </div>
  );
}

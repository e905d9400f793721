import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PartnerForm } from "@/components/partners/partner-form";
import { PeriodForm } from "@/components/partners/period-form";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { getPartnerDetail, getPartnerForEdit } from "@/lib/partners/mutations";
import { formatDate, formatMoney } from "@/lib/platform/format";
import { now } from "@/lib/platform/clock";
import { parseReportPeriod } from "@/lib/partners/schema";
import { requireIdParam } from "@/lib/platform/ids";

type Props = { params: Promise<{ partnerId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("partners");
  return { title: t("detail.title") };
}

export default async function PartnerPage({ params, searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, "partner.read")) notFound();
  const id = requireIdParam((await params).partnerId);
  const { from, to, period } = parseReportPeriod(await searchParams, now());
  const detail = await getPartnerDetail(user, id, period);
  const editable = detail?.canEdit ? await getPartnerForEdit(user, id) : null;
  if (!detail) notFound();
  const t = await getTranslations();
  const r = detail.report;
  const figures: [string, string][] = [
    [t("partners.report.sourced"), String(r.sourced)],
    [t("partners.report.openAmount"), formatMoney(r.openAmount)],
    [t("partners.report.wonAmount"), formatMoney(r.wonAmount)],
    [t("partners.report.winRate"), r.winRate === null ? "—" : `${r.winRate}%`],
    [t("partners.report.averageDeal"), formatMoney(r.averageDeal)],
  ];
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4">
      <nav aria-label={t("partners.detail.breadcrumb")} className="text-sm">
        <Link href={`/partners?from=${from}&to=${to}`} className="text-brand-700 hover:underline">
          {t("partners.list.title")}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{r.name}</h1>
      <p className="text-sm text-slate-600">{[r.region, r.contactName, r.email].filter(Boolean).join(" · ") || "—"}</p>
      <PeriodForm action={`/partners/${id}`} from={from} to={to} />
      <dl className="grid gap-3 sm:grid-cols-5" aria-label={t("partners.report.caption", { from, to })}>
        {figures.map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-500">{t("partners.report.scopeNote")}</p>
      <Card aria-labelledby="partner-deals">
        <h2 id="partner-deals" className="mb-3 text-lg font-semibold">
          {t("partners.detail.opportunities")}
        </h2>
        {detail.opportunities.length === 0 ? (
          <p className="text-sm text-slate-600">{t("partners.detail.noOpportunities")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("partners.detail.opportunities")}</caption>
              <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-2 py-1.5 font-medium">{t("partners.detail.deal")}</th>
                  <th scope="col" className="px-2 py-1.5 font-medium">{t("partners.detail.customer")}</th>
                  <th scope="col" className="px-2 py-1.5 font-medium">{t("partners.detail.stage")}</th>
                  <th scope="col" className="px-2 py-1.5 text-right font-medium">{t("partners.detail.amount")}</th>
                  <th scope="col" className="px-2 py-1.5 font-medium">{t("partners.detail.owner")}</th>
                  <th scope="col" className="px-2 py-1.5 font-medium">{t("partners.detail.created")}</th>
                </tr>
              </thead>
              <tbody>
                {detail.opportunities.map((o) => (
                  <tr key={o.id} className="border-b border-slate-100 last:border-0">
                    <td className="px-2 py-1.5">
                      <Link href={`/opportunities/${o.id}`} className="text-brand-700 hover:underline">
                        {o.name}
                      </Link>
                    </td>
                    <td className="px-2 py-1.5">{o.customerName}</td>
                    <td className="px-2 py-1.5">{t(`enums.oppStage.${o.stage}`)}</td>
                    <td className="px-2 py-1.5 text-right tabular-nums">{formatMoney(o.amount)}</td>
                    <td className="px-2 py-1.5">{o.ownerName}</td>
                    <td className="px-2 py-1.5 tabular-nums">{formatDate(o.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {editable ? (
        <Card aria-labelledby="partner-edit">
          <h2 id="partner-edit" className="mb-3 text-lg font-semibold">
            {t("partners.form.edit")}
          </h2>
          <PartnerForm partner={editable} />
        </Card>
      ) : null}
    </div>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PeriodForm } from "@/components/partners/period-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { listPartnerReport } from "@/lib/partners/mutations";
import { formatMoney } from "@/lib/platform/format";
import { now } from "@/lib/platform/clock";
import { parseReportPeriod } from "@/lib/partners/schema";

export async function generateMetadata() {
  const t = await getTranslations("partners");
  return { title: t("list.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PartnersPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, "partner.read")) notFound();
  const { from, to, period } = parseReportPeriod(await searchParams, now());
  const t = await getTranslations("partners");
  const rows = await listPartnerReport(user, period);
  const q = `from=${from}&to=${to}`;
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("list.title")}</h1>
        {can(user, "partner.edit") ? (
          <Button asChild>
            <Link href="/partners/new">{t("list.new")}</Link>
          </Button>
        ) : null}
      </div>
      <PeriodForm action="/partners" from={from} to={to} />
      <p className="text-sm text-slate-600">{t("report.scopeNote")}</p>
      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <h2 className="text-lg font-semibold">{t("list.empty")}</h2>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("report.caption", { from, to })}</caption>
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">{t("fields.name")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("fields.region")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("report.sourced")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("report.openAmount")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("report.wonAmount")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("report.winRate")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("report.averageDeal")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-slate-100 last:border-0">
                  <td className="px-3 py-2">
                    <Link href={`/partners/${r.id}?${q}`} className="font-medium text-brand-700 hover:underline">
                      {r.name}
                    </Link>{" "}
                    {r.active ? null : <Badge>{t("fields.inactive")}</Badge>}
                  </td>
                  <td className="px-3 py-2">{r.region ?? "—"}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.sourced}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatMoney(r.openAmount)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatMoney(r.wonAmount)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.winRate === null ? "—" : `${r.winRate}%`}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatMoney(r.averageDeal)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="text-xs text-slate-500">{t("report.definitions")}</p>
    </div>
  );
}

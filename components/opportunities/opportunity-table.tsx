import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { OpportunityListItem } from "@/lib/opportunities/mutations";
import { formatMoney } from "@/lib/platform/format";

export type OppSortLink = { key: string; label: string; href: string; active: boolean; dir: "asc" | "desc" };

export async function OpportunityTable({ items, sortLinks }: { items: OpportunityListItem[]; sortLinks: OppSortLink[] }) {
  const t = await getTranslations();
  const sort = (key: string, label: string) => {
    const link = sortLinks.find((s) => s.key === key);
    if (!link) return label;
    return (
      <Link href={link.href} className="underline-offset-2 hover:underline">
        {label}
        {link.active ? <span aria-hidden="true">{link.dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    );
  };
  const ariaSort = (key: string) => {
    const link = sortLinks.find((s) => s.key === key);
    return link?.active ? (link.dir === "asc" ? "ascending" : "descending") : undefined;
  };
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid="opportunity-table">
        <caption className="sr-only">{t("opportunities.list.caption")}</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2" aria-sort={ariaSort("name")}>{sort("name", t("opportunities.fields.name"))}</th>
            <th scope="col" className="px-3 py-2">{t("opportunities.fields.customer")}</th>
            <th scope="col" className="px-3 py-2">{t("opportunities.fields.stage")}</th>
            <th scope="col" className="px-3 py-2 text-right" aria-sort={ariaSort("amount")}>{sort("amount", t("opportunities.fields.amount"))}</th>
            <th scope="col" className="px-3 py-2" aria-sort={ariaSort("close")}>{sort("close", t("opportunities.fields.expectedCloseDate"))}</th>
            <th scope="col" className="px-3 py-2">{t("opportunities.fields.owner")}</th>
            <th scope="col" className="px-3 py-2">{t("opportunities.fields.partner")}</th>
            <th scope="col" className="px-3 py-2" aria-sort={ariaSort("activity")}>{sort("activity", t("opportunities.fields.lastActivityAt"))}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((o) => (
            <tr key={o.id} className="border-t border-slate-100">
              <td className="px-3 py-2">
                <Link href={`/opportunities/${o.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {o.name}
                </Link>
              </td>
              <td className="px-3 py-2">
                <Link href={`/customers/${o.customer.id}`} className="hover:underline">
                  {o.customer.name}
                </Link>
              </td>
              <td className="px-3 py-2">
                <Badge tone={o.stage === "WON" ? "green" : o.stage === "LOST" ? "red" : "brand"}>{t(`enums.oppStage.${o.stage}`)}</Badge> <span className="text-xs text-slate-500">{o.probability}%</span>
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{formatMoney(o.amount)}</td>
              <td className="px-3 py-2 tabular-nums">{o.expectedCloseDate}</td>
              <td className="px-3 py-2">{o.owner.name}</td>
              <td className="px-3 py-2">{o.partner?.name ?? "—"}</td>
              <td className="px-3 py-2">
                {o.stale ? <Badge tone="gold">{t("opportunities.stale.badge", { days: o.staleDays })}</Badge> : <span className="text-slate-600">{t("opportunities.stale.daysAgo", { days: o.staleDays })}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

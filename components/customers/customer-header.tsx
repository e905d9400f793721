import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { CustomerDto } from "@/lib/customers/mutations";
import { formatMoney, formatPercent } from "@/lib/platform/format";
import { Stat } from "./stat";
import { TierBadge } from "./tier-badge";

/** Who the customer is at a glance: the 360 page's header. */
export async function CustomerHeader({ customer, actions }: { customer: CustomerDto; actions?: React.ReactNode }) {
  const t = await getTranslations();
  const flags = (["dncPhone", "dncEmail", "dncMail", "dncSms"] as const).filter((f) => customer.doNotContact[f]);
  return (
    <header className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5">
      <nav aria-label={t("customers.detail.breadcrumb")} className="text-sm">
        <Link href="/customers" className="text-brand-700 hover:underline">
          {t("customers.list.title")}
        </Link>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{customer.name}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span>{t(`enums.kind.${customer.kind}`)}</span>
            <span aria-hidden>·</span>
            <span>{customer.region}</span>
            <span aria-hidden>·</span>
            <span>
              {t("customers.fields.owner")}: {customer.owner?.name ?? t("customers.unassigned")}
            </span>
          </p>
        </div>
        {actions}
      </div>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-6">
        <Stat label={t("customers.fields.tier")}>
            <TierBadge tier={customer.tier} />
          </Stat>
        <Stat label={t("customers.fields.stage")}>{t(`enums.stage.${customer.lifecycleStage}`)}</Stat>
        <Stat label={t("customers.fields.clv")} className="tabular-nums">{formatMoney(customer.predictedClv)}</Stat>
        <Stat label={t("customers.fields.churn")} className="tabular-nums">{formatPercent(customer.churnRisk)}</Stat>
        <Stat label={t("customers.fields.rfmCode")}>{customer.rfmCode ?? "—"}</Stat>
        <Stat label={t("customers.dnc.title")} className="flex flex-wrap gap-1">
            {flags.length === 0 ? <span>{t("customers.dnc.none")}</span> : flags.map((f) => <Badge key={f} tone="red">{t(`customers.dnc.${f}`)}</Badge>)}
          </Stat>
      </dl>
    </header>
  );
}

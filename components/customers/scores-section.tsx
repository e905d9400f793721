import { getTranslations } from "next-intl/server";
import type { ScorePoint } from "@/lib/customers/customer-360-sections";
import type { CustomerDto } from "@/lib/customers/mutations";
import { formatDate, formatMoney, formatPercent } from "@/lib/platform/format";
import { ScoreHistoryChart, TIER_LEVEL } from "./score-history-chart";
import { Stat } from "./stat";
import { TierBadge } from "./tier-badge";

/**
 * The "Scores" section of the 360 page. Kept deliberately simple: the score engineer adds an
 * explanations panel through `slot` (rendered after the values and the history chart).
 */
export async function ScoresSection({ customer, history, slot }: { customer: CustomerDto; history: ScorePoint[]; slot?: React.ReactNode }) {
  const t = await getTranslations();
  const points = history.map((p) => ({ period: formatDate(p.periodEnd), clv: Number(p.predictedClv), tierLevel: TIER_LEVEL[p.tier] ?? 0, tier: p.tier }));
  return (
    <section id="scores" aria-labelledby="scores-title" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="scores-title" className="text-lg font-semibold">
        {t("customers.sections.scores")}
      </h2>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4 lg:grid-cols-8">
        <Stat label={t("customers.fields.tier")}>
            <TierBadge tier={customer.tier} />
          </Stat>
        <Stat label={t("customers.fields.abc")}>{customer.abcSegment ?? "—"}</Stat>
        <Stat label={t("customers.fields.rfmCode")}>{customer.rfmCode ?? "—"}</Stat>
        <Stat label={t("customers.fields.rfmGroup")}>{customer.rfmGroup ? t(`enums.rfm.${customer.rfmGroup}`) : "—"}</Stat>
        <Stat label={t("customers.fields.historicalClv")} className="tabular-nums">{formatMoney(customer.historicalClv)}</Stat>
        <Stat label={t("customers.fields.clv")} className="tabular-nums">{formatMoney(customer.predictedClv)}</Stat>
        <Stat label={t("customers.fields.churn")} className="tabular-nums">{formatPercent(customer.churnRisk)}</Stat>
        <Stat label={t("customers.fields.scoredAt")}>{formatDate(customer.scoredAt)}</Stat>
      </dl>
      {customer.scoredAt === null ? <p className="text-sm text-slate-600">{t("customers.scores.notScored")}</p> : null}
      <h3 className="text-sm font-semibold">{t("customers.scores.history")}</h3>
      {points.length > 1 ? <ScoreHistoryChart points={points} /> : <p className="text-sm text-slate-600">{t("customers.scores.noHistory")}</p>}
      {slot}
    </section>
  );
}

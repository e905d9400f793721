import { getFormatter, getTranslations } from "next-intl/server";
import { getDisplayCurrency } from "@/lib/platform/format";
import type { CustomerScoreView } from "@/lib/scoring/customer-scores";
import type { Explanation } from "@/lib/scoring/rules/explain";
import type { LifecycleReason } from "@/lib/scoring/rules/lifecycle";

type Translate = Awaited<ReturnType<typeof getTranslations>>;
type Format = Awaited<ReturnType<typeof getFormatter>>;

function money(format: Format, value: number): string {
  return format.number(value, { style: "currency", currency: getDisplayCurrency(), maximumFractionDigits: 0 });
}
function pct(format: Format, value: number): string {
  return format.number(value, { style: "percent", maximumFractionDigits: 0 });
}
function prob(format: Format, value: number): string {
  return format.number(value, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
}

function reasonText(t: Translate, format: Format, reason: LifecycleReason): string {
  switch (reason.code) {
    case "inactive":
      return t("scoreWhy.reasons.inactive", { days: reason.daysSinceLastPurchase, threshold: reason.thresholdDays });
    case "newCustomer":
    case "earlyTenure":
      return t(`scoreWhy.reasons.${reason.code}`, { days: reason.daysSinceFirstPurchase, threshold: reason.thresholdDays });
    case "pAliveVeryLow":
    case "pAliveLow":
      return t(`scoreWhy.reasons.${reason.code}`, { pAlive: prob(format, reason.pAlive), threshold: prob(format, reason.threshold) });
    case "spendFalling":
      return t("scoreWhy.reasons.spendFalling", { changePct: pct(format, Math.abs(reason.changePct) / 100) });
    case "spendGrowing":
      return reason.changePct === null
        ? t("scoreWhy.reasons.spendStarted")
        : t("scoreWhy.reasons.spendGrowing", { changePct: pct(format, reason.changePct / 100) });
    default:
      return t(`scoreWhy.reasons.${reason.code}`);
  }
}

/** One explanation in the reader's language; the domain layer only supplies keys and values. */
function sentence(t: Translate, format: Format, e: Explanation): string {
  const tier = (x: string) => t(`enums.tier.${x}`);
  switch (e.key) {
    case "tier":
      return t("scoreWhy.tier", { tier: tier(e.tier), topPct: e.topPct, months: e.months, rank: format.number(e.rank), of: format.number(e.of) });
    case "tierNoSpend":
      return t("scoreWhy.tierNoSpend", { tier: tier(e.tier), months: e.months, of: format.number(e.of) });
    case "rfm":
      return t("scoreWhy.rfm", {
        code: e.code,
        group: t(`enums.rfm.${e.group}`),
        recencyDays: e.recencyDays,
        frequency: e.frequency,
        monetary: money(format, e.monetary),
      });
    case "rfmNoPurchase":
      return t("scoreWhy.rfmNoPurchase", { group: t(`enums.rfm.${e.group}`), windowDays: e.windowDays });
    case "pAlive":
      return t("scoreWhy.pAlive", { pAlive: prob(format, e.pAlive), daysSince: e.daysSince, usualGapDays: e.usualGapDays });
    case "pAliveNoRepeat":
      return t("scoreWhy.pAliveNoRepeat", { pAlive: prob(format, e.pAlive), daysSinceFirst: e.daysSinceFirst });
    case "clv":
      return t("scoreWhy.clv", {
        clv: money(format, e.clv),
        expectedPurchases: format.number(e.expectedPurchases, { maximumFractionDigits: 1 }),
        expectedSpend: money(format, e.expectedSpend),
        horizonMonths: e.horizonMonths,
        rate: pct(format, e.annualDiscountRate),
      });
    case "churnRisk":
      return t("scoreWhy.churnRisk", { churnRisk: prob(format, e.churnRisk) });
    case "models":
      return t("scoreWhy.models", { purchaseModel: t(`scoreWhy.modelNames.${e.purchaseModel}`), spendModel: t(`scoreWhy.modelNames.${e.spendModel}`) });
    case "abc":
      return t("scoreWhy.abc", { segment: e.segment, rank: format.number(e.rank), of: format.number(e.of) });
    case "lifecycle":
      return t("scoreWhy.lifecycle", { stage: t(`enums.stage.${e.stage}`), reason: reasonText(t, format, e.reason) });
    case "upgrade":
      return t("scoreWhy.upgrade", {
        toTier: tier(e.toTier),
        gap: money(format, e.gap),
        threshold: money(format, e.threshold),
        expectedSpend: money(format, e.expectedSpend),
        horizonDays: e.horizonDays,
      });
    case "recommendation":
      return t("scoreWhy.crossSellItem", {
        product: e.product,
        because: e.because.join(" + "),
        confidence: pct(format, e.confidence),
        lift: format.number(e.lift, { maximumFractionDigits: 1 }),
      });
  }
}

/** The "why" of every score on the customer 360 page, and the cross-sell suggestions. */
export async function ScoreExplanations({ view }: { view: CustomerScoreView | null }) {
  const t = await getTranslations();
  const format = await getFormatter();
  if (!view) return <p className="text-sm text-slate-600">{t("scoreWhy.none")}</p>;
  return (
    <div className="flex flex-col gap-4" data-testid="score-explanations">
      <div>
        <h3 className="text-sm font-semibold">{t("scoreWhy.title")}</h3>
        <p className="text-xs text-slate-500">{t("scoreWhy.asOf", { date: view.periodEnd })}</p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
          {view.explanations.map((e) => (
            <li key={e.key} data-explanation={e.key}>
              {sentence(t, format, e)}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="text-sm font-semibold">{t("scoreWhy.crossSell")}</h3>
        {view.recommendations.length === 0 ? (
          <p className="text-sm text-slate-600">{t("scoreWhy.crossSellNone")}</p>
        ) : (
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
            {view.recommendations.map((r) => (
              <li key={r.product}>
                {sentence(t, format, { key: "recommendation", product: r.product, because: r.because, confidence: r.confidence, lift: r.lift, support: 0 })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

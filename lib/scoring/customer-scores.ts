import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import {
  explainAbc,
  explainChurnRisk,
  explainClv,
  explainLifecycle,
  explainModels,
  explainPAlive,
  explainRfm,
  explainTier,
  explainUpgrade,
  type Explanation,
} from "@/lib/scoring/rules/explain";
import type { LifecycleReason } from "@/lib/scoring/rules/lifecycle";
import type { RfmGroup } from "@/lib/scoring/rules/rfm";
import { resolveAnalyticsSettings } from "@/lib/scoring/rules/settings";
import { requireRight } from "@/lib/platform/auth/guard";
import { db } from "@/lib/platform/db/prisma";
import { crossSellFor } from "@/lib/scoring/queries";

export type CustomerScoreView = {
  periodEnd: string;
  explanations: Explanation[];
  recommendations: { product: string; because: string[]; confidence: number; lift: number }[];
};

const MS_PER_DAY = 86_400_000;

/** The models a run used (lib/scoring/rules/score-period.ts ModelReport); null for older runs. */
function modelsOf(model: unknown): { purchase: "pareto-nbd" | "bg-nbd"; spend: "gamma-gamma" | "customer-mean" } | null {
  if (model === null || typeof model !== "object") return null;
  const report = model as { purchase?: { used?: unknown }; spend?: { used?: unknown } };
  const purchase = report.purchase?.used;
  const spend = report.spend?.used;
  if ((purchase !== "pareto-nbd" && purchase !== "bg-nbd") || (spend !== "gamma-gamma" && spend !== "customer-mean")) return null;
  return { purchase, spend };
}

/**
 * Why a customer has the scores they have, rebuilt from the newest snapshot in structured form for
 * the UI to word, plus cross-sell suggestions. (The score history chart reads its own points.)
 */
export async function getCustomerScoreView(actor: Actor, customerId: number): Promise<CustomerScoreView | null> {
  await requireRight(actor, "customer.read", "Customer");
  const prisma = await db();
  const s = await prisma.customerScore.findFirst({
    where: { customerId, customer: { deletedAt: null } },
    orderBy: { periodEnd: "desc" },
    include: { run: { select: { customerCount: true, settings: true, model: true } } },
  });
  if (!s) return null;
  const settings = resolveAnalyticsSettings(s.run.settings);
  const windowDays = Math.round((s.periodEnd.getTime() - s.periodStart.getTime()) / MS_PER_DAY) + 1;
  const monetary = Number(s.monetary);
  const explanations: Explanation[] = [
    explainTier({ customerId: String(customerId), spend: monetary, rank: s.tierRank, tier: s.tier }, s.run.customerCount, settings.periodMonths, settings.pyramid),
    explainRfm(
      { customerId: String(customerId), recencyDays: s.recencyDays, frequency: s.frequency, monetary, r: s.rScore, f: s.fScore, m: s.mScore, code: s.rfmCode, group: s.rfmGroup as RfmGroup },
      windowDays,
    ),
    explainAbc({ customerId: String(customerId), rank: s.tierRank, segment: s.abcSegment }, s.run.customerCount),
  ];
  if (s.pAlive !== null && s.churnRisk !== null && s.expectedPurchases !== null && s.recencyWeeks !== null && s.ageWeeks !== null) {
    const prediction = {
      expectedPurchases: s.expectedPurchases,
      pAlive: s.pAlive,
      churnRisk: s.churnRisk,
      expectedSpend: Number(s.expectedSpend ?? 0),
      clv: Number(s.predictedClv),
    };
    explanations.push(
      explainPAlive(s.pAlive, { x: s.repeatPurchases, tx: s.recencyWeeks, T: s.ageWeeks }, "week"),
      explainChurnRisk(prediction),
      explainClv(prediction, settings.clv.horizonMonths, settings.clv.annualDiscountRate),
    );
    const models = modelsOf(s.run.model);
    if (models) explanations.push(explainModels(models.purchase, models.spend));
  }
  if (s.lifecycleReason) explanations.push(explainLifecycle({ stage: s.lifecycleStage, reason: s.lifecycleReason as LifecycleReason }));
  if (s.upgradePosition !== null && s.upgradeToTier && s.upgradeGap !== null && s.upgradeExpected !== null) {
    const gap = Number(s.upgradeGap);
    const expected = Number(s.upgradeExpected);
    explanations.push(
      explainUpgrade({
        customerId: String(customerId),
        position: s.upgradePosition,
        fromTier: s.tier,
        toTier: s.upgradeToTier,
        spend: monetary,
        threshold: monetary + gap,
        gap,
        expectedSpend: expected,
        source: s.upgradeSource === "velocity" ? "velocity" : "model",
        coverage: s.upgradeCoverage,
        daysToClose: expected > 0 ? (gap / expected) * settings.upgradeHorizonDays : 0,
        horizonDays: settings.upgradeHorizonDays,
      }),
    );
  }

  const recommendations = (await crossSellFor(actor, [customerId], 5)).get(customerId) ?? [];

  return {
    periodEnd: s.periodEnd.toISOString().slice(0, 10),
    explanations,
    recommendations,
  };
}

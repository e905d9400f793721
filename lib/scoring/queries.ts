import "server-only";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { accessWhere } from "@/lib/platform/auth/scope-filters";
import type { AssociationRule as DomainRule } from "@/lib/scoring/rules/apriori";
import { CACHE_TAGS, cached } from "@/lib/platform/cache";
import { recommendForCustomer } from "@/lib/scoring/rules/recommend";
import { db, type Db } from "@/lib/platform/db/prisma";

/**
 * A customer's current scores are its row in the newest scoring period's CustomerScore snapshot;
 * they are not copied onto Customer. The recompute job used to rewrite every customer row each
 * period, and with Customer's ~20 indexes (search, filters, sorts) that rewrite cost more than all
 * the models together. Reading the snapshot instead costs one indexed join, and a new period becomes
 * current atomically when its run commits.
 *
 * A customer with no row in that period (created after the last run) has no scores yet: the lists
 * show dashes and count it as lifecycle stage Acquisition, the stage of a customer who is new.
 */
export const CURRENT_PERIOD_SQL = `(SELECT max("periodEnd") FROM "ScoreRun")`;

/** `LEFT JOIN` of the current snapshot row as `alias`, for a customer id expression. */
export function currentScoreJoin(alias: string, customerId: string): string {
  return `LEFT JOIN "CustomerScore" ${alias} ON ${alias}."customerId" = ${customerId} AND ${alias}."periodEnd" = ${CURRENT_PERIOD_SQL}`;
}

/** The lifecycle stage shown for a customer: the snapshot's, or Acquisition before the first scoring. */
export function currentStageSql(alias: string): string {
  return `COALESCE(${alias}."lifecycleStage", 'ACQUISITION'::"LifecycleStage")`;
}

export type CurrentScore = {
  tier: string | null;
  tierRank: number | null;
  abcSegment: string | null;
  rfmCode: string | null;
  rfmGroup: string | null;
  historicalClv: string | null;
  predictedClv: string | null;
  pAlive: number | null;
  churnRisk: number | null;
  lifecycleStage: string;
  scoredAt: Date | null;
};

export const NO_SCORE: CurrentScore = {
  tier: null,
  tierRank: null,
  abcSegment: null,
  rfmCode: null,
  rfmGroup: null,
  historicalClv: null,
  predictedClv: null,
  pAlive: null,
  churnRisk: null,
  lifecycleStage: "ACQUISITION",
  scoredAt: null,
};

/** Current scores of these customers (missing ids have none yet). */
export async function currentScores(prisma: Db, customerIds: number[]): Promise<Map<number, CurrentScore>> {
  const result = new Map<number, CurrentScore>();
  if (customerIds.length === 0) return result;
  const newest = await prisma.scoreRun.findFirst({ orderBy: { periodEnd: "desc" }, select: { periodEnd: true } });
  if (!newest) return result;
  const rows = await prisma.customerScore.findMany({
    where: { periodEnd: newest.periodEnd, customerId: { in: customerIds } },
    select: {
      customerId: true,
      tier: true,
      tierRank: true,
      abcSegment: true,
      rfmCode: true,
      rfmGroup: true,
      historicalClv: true,
      predictedClv: true,
      pAlive: true,
      churnRisk: true,
      lifecycleStage: true,
      computedAt: true,
    },
  });
  for (const s of rows) {
    result.set(s.customerId, {
      tier: s.tier,
      tierRank: s.tierRank,
      abcSegment: s.abcSegment,
      rfmCode: s.rfmCode,
      rfmGroup: s.rfmGroup,
      historicalClv: s.historicalClv.toFixed(2),
      predictedClv: s.predictedClv.toFixed(2),
      pAlive: s.pAlive,
      churnRisk: s.churnRisk,
      lifecycleStage: s.lifecycleStage,
      scoredAt: s.computedAt,
    });
  }
  return result;
}

// Rules change only when the score job runs, product names when a product is saved or imported; both
// are read on every dashboard and customer page render, so they come from the shared cache
// (lib/platform/cache.ts), invalidated by those writes on whichever server makes them.

/** The cross-sell rules of the last score run, strongest first. */
export async function loadRules(): Promise<DomainRule[]> {
  return cached([CACHE_TAGS.associationRules], "association-rules", async () => {
    const rows = await (await db()).associationRule.findMany({ orderBy: [{ confidence: "desc" }, { lift: "desc" }] });
    return rows.map((r) => ({
      lhs: r.lhs.map(String).sort(),
      rhs: String(r.rhs),
      support: r.support,
      confidence: r.confidence,
      coverage: r.confidence > 0 ? r.support / r.confidence : 0,
      lift: r.lift,
      count: r.count,
    }));
  });
}

/** Every product's name by id (rules and recommendations name products). */
export async function productNames(): Promise<Map<number, string>> {
  const pairs = await cached([CACHE_TAGS.products], "product-names", async () => {
    const products = await (await db()).product.findMany({ select: { id: true, name: true } });
    return products.map((p): [number, string] => [p.id, p.name]);
  });
  return new Map(pairs);
}

export type CrossSell = { product: string; because: string[]; confidence: number; lift: number };

/**
 * Products to offer customers, from the association rules mined over all baskets and what each
 * customer already bought (the customer page's suggestions, and the console's "offer while they're
 * on the line"): one query for every customer's purchases, not one per customer. Within the actor's
 * customer read scope; a customer outside it gets no suggestions.
 */
export async function crossSellFor(actor: Actor, customerIds: number[], limit: number): Promise<Map<number, CrossSell[]>> {
  const result = new Map<number, CrossSell[]>();
  if (customerIds.length === 0 || !can(actor, "customer.read")) return result;
  const prisma = await db();
  const [rules, names, readable, owned] = await Promise.all([
    loadRules(),
    productNames(),
    prisma.customer.findMany({ where: { AND: [accessWhere(actor, "customer.read", "Customer"), { id: { in: customerIds } }] }, select: { id: true } }),
    prisma.$queryRaw<{ customerId: number; productId: number }[]>`
      SELECT DISTINCT o."customerId", l."productId" FROM "OrderLine" l JOIN "Order" o ON o."id" = l."orderId"
      WHERE o."customerId" = ANY(${customerIds}::int[]) AND o."status" = 'COMPLETED'`,
  ]);
  const bought = new Map<number, string[]>();
  for (const line of owned) bought.set(line.customerId, [...(bought.get(line.customerId) ?? []), String(line.productId)]);
  for (const { id } of readable) {
    result.set(
      id,
      recommendForCustomer(rules, bought.get(id) ?? [], { limit }).map((r) => ({
        product: names.get(Number(r.item)) ?? r.item,
        because: r.rule.lhs.map((i) => names.get(Number(i)) ?? i),
        confidence: r.rule.confidence,
        lift: r.rule.lift,
      })),
    );
  }
  return result;
}

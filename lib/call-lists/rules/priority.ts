/**
 * The call order of a list (issue 13: "order by priority (tier, CLV, propensity)"). Higher first:
 *
 *   priority = tierPoints + 0.45 · clvScore + 0.45 · propensityScore
 *
 * - tierPoints: VIP 3, MAJOR 2, MEDIUM 1, SMALL or not scored yet 0. The two other terms add at most
 *   0.9 < 1, so the tier always decides first: a VIP comes before every MAJOR customer.
 * - clvScore = min(1, log10(1 + max(0, predicted CLV)) / 7): CLVs span orders of magnitude (¥10 to
 *   ¥10M), so the logarithm keeps one whale from flattening everyone else; ¥10M and above score 1.
 *   No CLV yet (not scored) scores 0.
 * - propensityScore = the member's response propensity at launch (0…1); unknown (a segment list, or a
 *   campaign launched without a propensity model) counts as 0.5, neither pushed up nor down.
 *
 * Within a tier, a customer likely to respond and one worth a lot weigh the same. Ties are broken by
 * the entry id (build order: customer id), which the queue's ORDER BY adds.
 *
 * The build runs the same formula in SQL (`prioritySql`), set-based; the integration test checks the
 * two agree on built rows.
 */

export const TIER_POINTS: Readonly<Record<string, number>> = { VIP: 3, MAJOR: 2, MEDIUM: 1, SMALL: 0 };
export const CLV_WEIGHT = 0.45;
export const PROPENSITY_WEIGHT = 0.45;
/** log10 of the CLV that scores 1 (¥10,000,000). */
export const CLV_LOG_CAP = 7;
export const UNKNOWN_PROPENSITY = 0.5;

export type PriorityInput = {
  tier: string | null;
  /** Predicted CLV in yuan (a decimal string or number); null when not scored. */
  predictedClv: string | number | null;
  /** Response propensity 0…1; null when unknown. */
  propensity: number | null;
};

export function tierPoints(tier: string | null): number {
  return tier !== null && Object.hasOwn(TIER_POINTS, tier) ? TIER_POINTS[tier] : 0;
}

export function clvScore(clv: string | number | null): number {
  if (clv === null) return 0;
  const value = typeof clv === "number" ? clv : Number(clv);
  if (!Number.isFinite(value) || value <= 0) return 0;
  return Math.min(1, Math.log10(1 + value) / CLV_LOG_CAP);
}

export function propensityScore(p: number | null): number {
  if (p === null || !Number.isFinite(p)) return UNKNOWN_PROPENSITY;
  return Math.min(1, Math.max(0, p));
}

export function priorityOf(input: PriorityInput): number {
  return tierPoints(input.tier) + CLV_WEIGHT * clvScore(input.predictedClv) + PROPENSITY_WEIGHT * propensityScore(input.propensity);
}

/**
 * The same formula as a SQL expression (double precision). `tier` is a "Tier" enum (or text) expression,
 * `clv` a numeric expression, `propensity` a double precision expression; any may be NULL.
 */
export function prioritySql(tier: string, clv: string, propensity: string): string {
  const tiers = Object.entries(TIER_POINTS)
    .map(([name, points]) => `WHEN '${name}' THEN ${points}`)
    .join(" ");
  const tierPart = `(CASE (${tier})::text ${tiers} ELSE 0 END)::float8`;
  const clvPart = `LEAST(1.0::float8, log(1 + GREATEST(COALESCE((${clv})::float8, 0), 0)) / ${CLV_LOG_CAP})`;
  const propPart = `LEAST(1.0::float8, GREATEST(0.0::float8, COALESCE((${propensity})::float8, ${UNKNOWN_PROPENSITY})))`;
  return `(${tierPart} + ${CLV_WEIGHT} * ${clvPart} + ${PROPENSITY_WEIGHT} * ${propPart})`;
}

/**
 * Customer lifecycle stage (ACQUISITION, BUILD_UP, CLIMAX, DECLINE, EXIT) from purchase history, spend
 * trend and P(alive). The rules are checked in this order and the first match wins, so a customer has
 * exactly one stage and one reason:
 *
 *  1. closed account (caller's flag)                         → EXIT        closed
 *  2. no purchase yet (a prospect)                           → ACQUISITION noPurchase
 *  3. no purchase for >= exitInactiveDays (365)              → EXIT        inactive
 *  4. P(alive) < exitPAlive (0.1)                            → EXIT        pAliveVeryLow
 *  5. first purchase < acquisitionDays (90) ago              → ACQUISITION newCustomer
 *  6. P(alive) < declinePAlive (0.5)                         → DECLINE     pAliveLow
 *  7. no purchase for >= declineInactiveDays (180)           → DECLINE     inactive
 *  8. recent half-window spend < previous × (1 − 0.3)        → DECLINE     spendFalling
 *  9. recent half-window spend > previous × (1 + 0.2)        → BUILD_UP    spendGrowing
 * 10. first purchase < buildUpDays (365) ago                 → BUILD_UP    earlyTenure
 * 11. otherwise                                              → CLIMAX      stable
 *
 * Exit signals come before the "new customer" grace period so that a customer who bought once and then
 * vanished is not kept in ACQUISITION; decline signals come before growth so that a risk is never hidden
 * by an earlier good half-year.
 */

export const LIFECYCLE_STAGES = ["ACQUISITION", "BUILD_UP", "CLIMAX", "DECLINE", "EXIT"] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export interface LifecycleThresholds {
  acquisitionDays: number;
  buildUpDays: number;
  declineInactiveDays: number;
  exitInactiveDays: number;
  declinePAlive: number;
  exitPAlive: number;
  /** Fractional drop of recent vs previous spend that signals decline (0.3 = −30%). */
  declineDrop: number;
  /** Fractional rise of recent vs previous spend that signals build-up (0.2 = +20%). */
  growthRise: number;
}

export const DEFAULT_LIFECYCLE_THRESHOLDS: LifecycleThresholds = {
  acquisitionDays: 90,
  buildUpDays: 365,
  declineInactiveDays: 180,
  exitInactiveDays: 365,
  declinePAlive: 0.5,
  exitPAlive: 0.1,
  declineDrop: 0.3,
  growthRise: 0.2,
};

export interface LifecycleInput {
  /** null when the customer has never purchased. */
  daysSinceFirstPurchase: number | null;
  daysSinceLastPurchase: number | null;
  /** Spend in the recent half of the trend window and in the half before it (see spendTrend). */
  recentSpend: number;
  previousSpend: number;
  /** From BG/NBD when a model is available; rules using it are skipped otherwise. */
  pAlive?: number | null;
  /** Account explicitly closed / contract terminated. */
  closed?: boolean;
}

export type LifecycleReason =
  | { code: "closed" }
  | { code: "noPurchase" }
  | { code: "inactive"; daysSinceLastPurchase: number; thresholdDays: number }
  | { code: "pAliveVeryLow"; pAlive: number; threshold: number }
  | { code: "newCustomer"; daysSinceFirstPurchase: number; thresholdDays: number }
  | { code: "pAliveLow"; pAlive: number; threshold: number }
  | { code: "spendFalling"; recentSpend: number; previousSpend: number; changePct: number }
  | { code: "spendGrowing"; recentSpend: number; previousSpend: number; changePct: number | null }
  | { code: "earlyTenure"; daysSinceFirstPurchase: number; thresholdDays: number }
  | { code: "stable"; recentSpend: number; previousSpend: number; changePct: number | null };

export interface LifecycleResult {
  stage: LifecycleStage;
  reason: LifecycleReason;
}

function changePct(recent: number, previous: number): number | null {
  return previous > 0 ? (100 * (recent - previous)) / previous : null;
}

export function lifecycleStage(
  input: LifecycleInput,
  overrides: Partial<LifecycleThresholds> = {},
): LifecycleResult {
  const th = { ...DEFAULT_LIFECYCLE_THRESHOLDS, ...overrides };
  const { daysSinceFirstPurchase: first, daysSinceLastPurchase: last, recentSpend, previousSpend } = input;
  const pAlive = input.pAlive ?? null;
  if (input.closed === true) return { stage: "EXIT", reason: { code: "closed" } };
  if (first === null || last === null) return { stage: "ACQUISITION", reason: { code: "noPurchase" } };
  if (last >= th.exitInactiveDays) {
    return { stage: "EXIT", reason: { code: "inactive", daysSinceLastPurchase: last, thresholdDays: th.exitInactiveDays } };
  }
  if (pAlive !== null && pAlive < th.exitPAlive) {
    return { stage: "EXIT", reason: { code: "pAliveVeryLow", pAlive, threshold: th.exitPAlive } };
  }
  if (first < th.acquisitionDays) {
    return {
      stage: "ACQUISITION",
      reason: { code: "newCustomer", daysSinceFirstPurchase: first, thresholdDays: th.acquisitionDays },
    };
  }
  if (pAlive !== null && pAlive < th.declinePAlive) {
    return { stage: "DECLINE", reason: { code: "pAliveLow", pAlive, threshold: th.declinePAlive } };
  }
  if (last >= th.declineInactiveDays) {
    return { stage: "DECLINE", reason: { code: "inactive", daysSinceLastPurchase: last, thresholdDays: th.declineInactiveDays } };
  }
  const change = changePct(recentSpend, previousSpend);
  if (previousSpend > 0 && recentSpend < previousSpend * (1 - th.declineDrop)) {
    return { stage: "DECLINE", reason: { code: "spendFalling", recentSpend, previousSpend, changePct: change ?? 0 } };
  }
  if (recentSpend > 0 && recentSpend > previousSpend * (1 + th.growthRise)) {
    return { stage: "BUILD_UP", reason: { code: "spendGrowing", recentSpend, previousSpend, changePct: change } };
  }
  if (first < th.buildUpDays) {
    return { stage: "BUILD_UP", reason: { code: "earlyTenure", daysSinceFirstPurchase: first, thresholdDays: th.buildUpDays } };
  }
  return { stage: "CLIMAX", reason: { code: "stable", recentSpend, previousSpend, changePct: change } };
}

export interface DayAmount {
  day: number;
  amount: number;
}

/**
 * Splits the trend window ending at `asOf` (inclusive) into two halves: recent = (asOf − w/2, asOf],
 * previous = (asOf − w, asOf − w/2]. Comparing equal-length halves removes the effect of window length.
 */
export function spendTrend(
  transactions: readonly DayAmount[],
  asOf: number,
  windowDays = 365,
): { recentSpend: number; previousSpend: number } {
  const half = windowDays / 2;
  let recentSpend = 0;
  let previousSpend = 0;
  for (const t of transactions) {
    const age = asOf - t.day;
    if (age < 0) continue;
    if (age < half) recentSpend += t.amount;
    else if (age < windowDays) previousSpend += t.amount;
  }
  return { recentSpend, previousSpend };
}

/**
 * What a stage change needs, decided in one place for the board, the detail form and the tests.
 * Decision: a deal may be set WON directly (a deal closed outside quoting); that creates no order.
 * Orders come only from "won from an accepted quote". A WON deal that already has an order stays
 * WON: reopening it would leave an order behind a deal that is no longer won.
 */
import type { OpportunityStage } from "@/lib/platform/enums";
import { DEFAULT_STAGE_PROBABILITY, isOpenStage } from "@/lib/opportunities/rules/stages";

export type StageRuleError = "lostReasonRequired" | "wonHasOrder";

export function checkStageChange(change: { from: OpportunityStage; to: OpportunityStage; lostReason: string | null; hasOrder: boolean }): StageRuleError | null {
  if (change.to === "LOST" && !change.lostReason?.trim()) return "lostReasonRequired";
  if (change.from === "WON" && change.to !== "WON" && change.hasOrder) return "wonHasOrder";
  return null;
}

/** The fields a move to `to` sets besides the stage itself. */
export function stageEffects(to: OpportunityStage, lostReason: string | null, now: Date): { probability: number; closedAt: Date | null; lostReason: string | null } {
  return {
    probability: DEFAULT_STAGE_PROBABILITY[to],
    closedAt: isOpenStage(to) ? null : now,
    lostReason: to === "LOST" ? (lostReason?.trim() ?? null) : null,
  };
}

/**
 * The opportunity stages in pipeline order and their default win probabilities (percent). Shared by
 * the board, the forecast, the dashboard and the demo data so the same deal weighs the same everywhere.
 */
import type { OpportunityStage } from "@/lib/platform/enums";

export const OPEN_STAGES = ["PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION"] as const satisfies readonly OpportunityStage[];
export const CLOSED_STAGES = ["WON", "LOST"] as const satisfies readonly OpportunityStage[];
export const STAGES = [...OPEN_STAGES, ...CLOSED_STAGES] as const satisfies readonly OpportunityStage[];

export type OpenStage = (typeof OPEN_STAGES)[number];

export const DEFAULT_STAGE_PROBABILITY: Record<OpportunityStage, number> = {
  PROSPECTING: 10,
  QUALIFICATION: 20,
  PROPOSAL: 50,
  NEGOTIATION: 75,
  WON: 100,
  LOST: 0,
};

export function isOpenStage(stage: OpportunityStage): stage is OpenStage {
  return (OPEN_STAGES as readonly OpportunityStage[]).includes(stage);
}

/** Position in the pipeline (0 = first); closed stages come after every open one. */
export function stageIndex(stage: OpportunityStage): number {
  return (STAGES as readonly OpportunityStage[]).indexOf(stage);
}

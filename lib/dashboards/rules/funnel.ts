/**
 * The sales funnel (销售漏斗): deals per stage in pipeline order with their count and amount, every
 * stage present (zero when empty) so the chart and its table always show the whole pipeline.
 */
import type { OpportunityStage } from "@/lib/platform/enums";
import { isOpenStage, STAGES } from "@/lib/opportunities/rules/stages";

export type StageGroup = { stage: OpportunityStage; count: number; amountCents: bigint };
export type FunnelRow = StageGroup & { open: boolean; /** Share of the open pipeline's amount (open stages only). */ openShare: number | null };
export type Funnel = { rows: FunnelRow[]; openCount: number; openCents: bigint; wonCount: number; wonCents: bigint; lostCount: number; lostCents: bigint };

export function buildFunnel(groups: StageGroup[]): Funnel {
  const byStage = new Map<OpportunityStage, StageGroup>();
  for (const g of groups) {
    const prev = byStage.get(g.stage);
    byStage.set(g.stage, prev ? { stage: g.stage, count: prev.count + g.count, amountCents: prev.amountCents + g.amountCents } : g);
  }
  let openCount = 0;
  let openCents = 0n;
  for (const g of byStage.values()) {
    if (!isOpenStage(g.stage)) continue;
    openCount += g.count;
    openCents += g.amountCents;
  }
  const rows = STAGES.map((stage): FunnelRow => {
    const g = byStage.get(stage) ?? { stage, count: 0, amountCents: 0n };
    const open = isOpenStage(stage);
    return { ...g, open, openShare: open && openCents > 0n ? Number(g.amountCents) / Number(openCents) : open ? 0 : null };
  });
  const won = byStage.get("WON");
  const lost = byStage.get("LOST");
  return { rows, openCount, openCents, wonCount: won?.count ?? 0, wonCents: won?.amountCents ?? 0n, lostCount: lost?.count ?? 0, lostCents: lost?.amountCents ?? 0n };
}

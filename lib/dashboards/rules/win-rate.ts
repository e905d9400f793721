/**
 * Win rate (赢单率), lead → opportunity conversion and average deal size. Rates are null when there
 * is nothing to divide by: "no closed deals" is not a 0 % win rate.
 */
import { divideRounded } from "@/lib/dashboards/rules/forecast";

/** won / (won + lost), over deals closed in the period. */
export function winRate(won: number, lost: number): number | null {
  if (won < 0 || lost < 0) throw new Error("counts must not be negative");
  return won + lost === 0 ? null : won / (won + lost);
}

/** converted / created, over leads created in the period. */
export function conversionRate(converted: number, leads: number): number | null {
  if (converted < 0 || leads < 0 || converted > leads) throw new Error("converted must be between 0 and the number of leads");
  return leads === 0 ? null : converted / leads;
}

/** Mean won amount in cents, rounded half up; null without won deals. */
export function averageDealCents(wonCents: bigint, wonCount: number): bigint | null {
  return wonCount > 0 ? divideRounded(wonCents, BigInt(wonCount)) : null;
}

export type ClosedGroup<K> = { key: K; won: number; lost: number; wonCents: bigint };
export type WinRateRow<K> = ClosedGroup<K> & { closed: number; rate: number | null; averageDealCents: bigint | null };

/** Rows with their rates, best rate first (most closed deals first among equals; no rate last). */
export function winRateRows<K>(groups: ClosedGroup<K>[]): WinRateRow<K>[] {
  return groups
    .map((g) => ({ ...g, closed: g.won + g.lost, rate: winRate(g.won, g.lost), averageDealCents: averageDealCents(g.wonCents, g.won) }))
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.closed - a.closed);
}

export type LeadSourceGroup = { source: string; leads: number; converted: number };
export type ConversionRow = LeadSourceGroup & { rate: number | null };

/** Conversion by lead source, most leads first. */
export function conversionRows(groups: LeadSourceGroup[]): ConversionRow[] {
  return groups.map((g) => ({ ...g, rate: conversionRate(g.converted, g.leads) })).sort((a, b) => b.leads - a.leads || a.source.localeCompare(b.source));
}

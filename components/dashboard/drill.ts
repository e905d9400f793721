import type { ValueFilters } from "@/lib/dashboards/value";
import { type CustomerFilters, parseFilters, serializeListQuery } from "@/lib/customers/rules/list-query";

/**
 * The customer list behind a dashboard figure: the dashboard's own filters plus the figure's
 * dimension, written by the customer list's own URL serialiser so the two never drift apart.
 * Figures are of the chosen period's scores, and so is the list behind them (its `period`; none
 * means the newest, whose snapshot holds the current scores).
 */
export function customersHref(
  filters: ValueFilters,
  figure: Partial<Record<"tier" | "abc" | "stage" | "rfm" | "rf" | "fromTier" | "fromPeriod", string>>,
): string {
  const query: CustomerFilters = {
    ...parseFilters(new URLSearchParams(figure)),
    ...(filters.region ? { region: filters.region } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.owner ? { owner: { kind: "user" as const, id: filters.owner } } : {}),
    ...(filters.team ? { team: filters.team } : {}),
    ...(filters.segment ? { segment: filters.segment } : {}),
    ...(filters.period ? { period: filters.period } : {}),
  };
  return `/customers?${serializeListQuery(query).toString()}`;
}

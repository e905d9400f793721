import type { ValueFilters } from "@/lib/dal/value-dashboard";
import { type CustomerFilters, parseFilters, serializeListQuery } from "@/lib/domain/customers/list-query";

/**
 * The customer list behind a dashboard figure: the dashboard's own filters plus the figure's
 * dimension, written by the customer list's own URL serialiser so the two never drift apart.
 * Figures are of the chosen period's scores; the list filters on each customer's current scores,
 * which is the same set for the newest period.
 */
export function customersHref(filters: ValueFilters, figure: Partial<Record<"tier" | "abc" | "stage" | "rfm" | "rf", string>>): string {
  const query: CustomerFilters = {
    ...parseFilters(new URLSearchParams(figure)),
    ...(filters.region ? { region: filters.region } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.owner ? { owner: { kind: "user" as const, id: filters.owner } } : {}),
    ...(filters.team ? { team: filters.team } : {}),
  };
  return `/customers?${serializeListQuery(query).toString()}`;
}

import type { ValueFilters } from "@/lib/dal/value-dashboard";

/**
 * The customer list behind a dashboard figure: the dashboard's own filters plus the figure's
 * dimension (tier, ABC segment, lifecycle stage, RFM group or cell), as customer-list URL parameters.
 */
export function customersHref(filters: ValueFilters, figure: Record<string, string | number>): string {
  const params = new URLSearchParams();
  if (filters.region) params.set("region", filters.region);
  if (filters.kind) params.set("kind", filters.kind);
  if (filters.owner) params.set("owner", String(filters.owner));
  if (filters.team) params.set("team", String(filters.team));
  for (const [key, value] of Object.entries(figure)) params.set(key, String(value));
  return `/customers?${params.toString()}`;
}

/** The dashboard itself with some filters changed (used by links that keep the rest of the state). */
export function dashboardHref(filters: ValueFilters, change: Partial<Record<keyof ValueFilters, string | undefined>>): string {
  const params = new URLSearchParams();
  const merged: Record<string, string | number | undefined> = { ...filters, ...change };
  for (const [key, value] of Object.entries(merged)) if (value !== undefined && value !== "") params.set(key, String(value));
  const query = params.toString();
  return query ? `/dashboards/value?${query}` : "/dashboards/value";
}

import type { PipelineFilters, PipelinePeriod } from "@/lib/dashboards/pipeline";

/** The figure's own dimension, in the opportunity list's URL vocabulary. */
export type DrillFigure = {
  stage?: string;
  status?: "open" | "won" | "lost";
  owner?: number;
  source?: string;
  stale?: number;
  /** Stale deals are "now", not of the period: their link leaves the close dates out. */
  period?: false;
};

/**
 * The opportunity list behind a dashboard figure: the dashboard's filters (team, rep, category,
 * region) plus the figure's dimension and the period as close dates. The list reads closeFrom /
 * closeTo as the deal's close date — actual for closed deals, expected for open ones — which is how
 * the dashboard assigns deals to the period, so a figure and its list count the same deals.
 */
export function opportunitiesHref(filters: PipelineFilters, period: PipelinePeriod, figure: DrillFigure): string {
  const q = new URLSearchParams();
  // The list's stage filter also takes "open"; won and lost are stages of their own.
  const stage = figure.stage ?? (figure.status === "open" ? "open" : figure.status === "won" ? "WON" : figure.status === "lost" ? "LOST" : undefined);
  if (stage) q.set("stage", stage);
  const owner = figure.owner ?? filters.rep;
  if (owner) q.set("ownerId", String(owner));
  if (filters.team) q.set("team", String(filters.team));
  if (figure.source !== undefined) q.set("source", figure.source);
  if (filters.category) q.set("category", String(filters.category));
  if (filters.region) q.set("region", filters.region);
  if (figure.period !== false) {
    q.set("closeFrom", period.firstDay);
    q.set("closeTo", period.lastDay);
  }
  if (figure.stale) {
    q.set("stale", "1");
    q.set("staleDays", String(figure.stale));
  }
  return `/opportunities?${q.toString()}`;
}

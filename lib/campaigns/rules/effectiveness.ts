/**
 * A campaign's effectiveness figures (DOMAIN.md §10) from plain aggregates the data layer computes in
 * SQL: per group n, conversions, Σr and Σr² of attributed revenue (cents), the same for margin and units;
 * cost; recorded responses; period totals for the before/after and year-on-year comparisons.
 *
 * Money: point estimates of money are exact (bigint cents, rounded half away from zero once, at the end);
 * statistics (rates, intervals, ROI) are floating point. Interval bounds of money are statistics and are
 * given as numbers in currency units.
 */

import { divRoundHalfUp } from "@/lib/platform/money";
import { defined, undefinedBecause, type Estimate, type Interval } from "@/lib/campaigns/rules/estimate";
import { newcombeDifference } from "@/lib/campaigns/rules/lift";
import { summaryFromCentSums, summaryFromIntegerSums, welchInterval, type WelchResult, type WelchUndefinedReason } from "@/lib/campaigns/rules/welch";

/** Σx and Σx² over a group's members (members without orders contribute 0 to both). */
export interface Sums {
  sum: bigint;
  sumSquares: bigint;
}

export interface GroupOutcome {
  members: number;
  /** Members with at least one attributed order. */
  converted: number;
  /** Attributed revenue per member, in cents. */
  revenueCents: Sums;
  /** Attributed margin per member, in cents. */
  marginCents: Sums;
  /** Units bought per member (the usage effect). */
  units: Sums;
}

export interface PeriodTotals {
  revenueCents: bigint;
  units: bigint;
}

export interface CampaignAggregates {
  treated: GroupOutcome;
  /** The holdout group; null when the campaign has none. */
  control: GroupOutcome | null;
  costCents: bigint;
  /** Recorded responses of the treated group (replies, clicks, interested/converted call outcomes, conversions). */
  treatedResponses: number;
  /** The campaign's forecast of responses, if one was set. */
  expectedResponses: number | null;
  /** The previous campaign of the same channel: its members and conversions. */
  previousCampaign: { members: number; converted: number } | null;
  /** Members' totals in the calendar months the campaign overlaps, and in the same months a year earlier. */
  sameMonths: { current: PeriodTotals; lastYear: PeriodTotals } | null;
  /** Members' totals in [L, L + d) and [L − d, L), d = E − L + 1 days. */
  beforeAfter: { after: PeriodTotals; before: PeriodTotals } | null;
  confidence?: number;
}

export interface LiftFigures {
  treatedRate: number;
  controlRate: number;
  /** p_t − p_c. */
  absolute: number;
  /** (p_t − p_c) / p_c; null when p_c = 0. */
  relative: number | null;
  /** Newcombe hybrid score interval of p_t − p_c. */
  interval: Interval;
  /** True when the interval excludes 0. */
  distinguishable: boolean;
  direction: "up" | "down" | "none";
}

export interface IncrementalMoney {
  /** mean_t − mean_c in cents, exact then rounded: (Σ_t·n_c − Σ_c·n_t) / (n_t·n_c). */
  perMemberCents: bigint;
  /** (mean_t − mean_c) × n_t in cents: (Σ_t·n_c − n_t·Σ_c) / n_c. */
  totalCents: bigint;
  /** Welch interval of mean_t − mean_c in currency units, or why there is none. */
  perMember: Estimate<WelchResult, WelchUndefinedReason>;
  /** perMember's interval × n_t, currency units; null when perMember is undefined. */
  totalInterval: Interval | null;
}

export interface IncrementalUnits {
  /** Units per member, treated minus control. */
  perMember: number;
  total: number;
  interval: Estimate<WelchResult, WelchUndefinedReason>;
}

export interface Change {
  current: bigint;
  previous: bigint;
  change: bigint;
  /** change / previous; null when previous is 0. */
  relative: number | null;
}

export type ControlReason = "no-control-group" | "empty-group";

export interface CampaignEffectiveness {
  treatedMembers: number;
  controlMembers: number | null;
  lift: Estimate<LiftFigures, ControlReason>;
  incrementalRevenue: Estimate<IncrementalMoney, ControlReason>;
  incrementalMargin: Estimate<IncrementalMoney, ControlReason>;
  incrementalUnits: Estimate<IncrementalUnits, ControlReason>;
  /** (incremental margin − cost) / cost, with the range implied by the margin's Welch interval. */
  roi: Estimate<{ roi: number; interval: Interval | null }, ControlReason | "no-cost">;
  costPerResponseCents: Estimate<bigint, "no-responses">;
  sameMonthsLastYear: Estimate<{ revenueCents: Change; units: Change }, "not-available">;
  beforeAfter: Estimate<{ revenueCents: Change; units: Change }, "not-available">;
  vsForecast: Estimate<{ conversions: number; expected: number; difference: number; ratio: number | null }, "no-forecast">;
  vsPreviousCampaign: Estimate<
    { rate: number; previousRate: number; difference: number; relative: number | null; interval: Interval; distinguishable: boolean },
    "no-previous-campaign" | "empty-group"
  >;
}

function checkGroup(g: GroupOutcome, label: string): void {
  if (!Number.isInteger(g.members) || g.members < 0) throw new RangeError(`${label}: members must be a whole number >= 0`);
  if (!Number.isInteger(g.converted) || g.converted < 0 || g.converted > g.members) {
    throw new RangeError(`${label}: converted must be a whole number between 0 and members`);
  }
}

function incrementalMoney(t: Sums, c: Sums, nt: number, nc: number, confidence: number): IncrementalMoney {
  const bnt = BigInt(nt);
  const bnc = BigInt(nc);
  const numerator = t.sum * bnc - c.sum * bnt;
  const perMember = welchInterval(summaryFromCentSums(nt, t.sum, t.sumSquares), summaryFromCentSums(nc, c.sum, c.sumSquares), { confidence });
  return {
    perMemberCents: divRoundHalfUp(numerator, bnt * bnc),
    totalCents: divRoundHalfUp(numerator, bnc),
    perMember,
    totalInterval: perMember.value === null ? null : { lower: perMember.value.lower * nt, upper: perMember.value.upper * nt },
  };
}

function change(current: bigint, previous: bigint): Change {
  return { current, previous, change: current - previous, relative: previous === 0n ? null : Number(current - previous) / Number(previous) };
}

function comparison(current: PeriodTotals, previous: PeriodTotals): { revenueCents: Change; units: Change } {
  return { revenueCents: change(current.revenueCents, previous.revenueCents), units: change(current.units, previous.units) };
}

function controlGroup(input: CampaignAggregates): Estimate<GroupOutcome, ControlReason> {
  if (input.control === null) return undefinedBecause("no-control-group");
  if (input.treated.members === 0 || input.control.members === 0) return undefinedBecause("empty-group");
  return defined(input.control);
}

/** All §10 figures of one campaign. */
export function campaignEffectiveness(input: CampaignAggregates): CampaignEffectiveness {
  const confidence = input.confidence ?? 0.95;
  const treated = input.treated;
  checkGroup(treated, "treated");
  if (input.control !== null) checkGroup(input.control, "control");
  if (input.costCents < 0n) throw new RangeError("cost cannot be negative");
  if (!Number.isInteger(input.treatedResponses) || input.treatedResponses < 0) throw new RangeError("treatedResponses must be a whole number >= 0");
  const nt = treated.members;
  const control = controlGroup(input);

  let lift: CampaignEffectiveness["lift"];
  let incrementalRevenue: CampaignEffectiveness["incrementalRevenue"];
  let incrementalMargin: CampaignEffectiveness["incrementalMargin"];
  let incrementalUnits: CampaignEffectiveness["incrementalUnits"];
  let roi: CampaignEffectiveness["roi"];
  if (control.value === null) {
    lift = incrementalRevenue = incrementalMargin = incrementalUnits = undefinedBecause(control.reason);
    roi = undefinedBecause(control.reason);
  } else {
    const c = control.value;
    const nc = c.members;
    const diff = newcombeDifference(treated.converted, nt, c.converted, nc, { confidence });
    // Both groups are non-empty here, so the Newcombe interval is defined.
    if (diff.value === null) throw new Error("unreachable: non-empty groups");
    const d = diff.value;
    const distinguishable = d.interval.lower > 0 || d.interval.upper < 0;
    lift = defined({
      treatedRate: d.p1,
      controlRate: d.p2,
      absolute: d.difference,
      relative: d.p2 === 0 ? null : d.difference / d.p2,
      interval: d.interval,
      distinguishable,
      direction: !distinguishable ? "none" : d.interval.lower > 0 ? "up" : "down",
    });
    incrementalRevenue = defined(incrementalMoney(treated.revenueCents, c.revenueCents, nt, nc, confidence));
    const margin = incrementalMoney(treated.marginCents, c.marginCents, nt, nc, confidence);
    incrementalMargin = defined(margin);
    const unitsInterval = welchInterval(summaryFromIntegerSums(nt, treated.units.sum, treated.units.sumSquares), summaryFromIntegerSums(nc, c.units.sum, c.units.sumSquares), {
      confidence,
    });
    const unitsPerMember = Number(treated.units.sum) / nt - Number(c.units.sum) / nc;
    incrementalUnits = defined({ perMember: unitsPerMember, total: unitsPerMember * nt, interval: unitsInterval });
    if (input.costCents === 0n) roi = undefinedBecause("no-cost");
    else {
      // ROI from the exact incremental margin: ((Σm_t·n_c − n_t·Σm_c) − cost·n_c) / (cost·n_c).
      const bnc = BigInt(nc);
      const marginNumerator = treated.marginCents.sum * bnc - BigInt(nt) * c.marginCents.sum;
      const value = Number(marginNumerator - input.costCents * bnc) / Number(input.costCents * bnc);
      const cost = Number(input.costCents) / 100;
      const interval = margin.totalInterval === null ? null : { lower: (margin.totalInterval.lower - cost) / cost, upper: (margin.totalInterval.upper - cost) / cost };
      roi = defined({ roi: value, interval });
    }
  }

  const costPerResponseCents: CampaignEffectiveness["costPerResponseCents"] =
    input.treatedResponses === 0 ? undefinedBecause("no-responses") : defined(divRoundHalfUp(input.costCents, BigInt(input.treatedResponses)));

  const expected = input.expectedResponses;
  const vsForecast: CampaignEffectiveness["vsForecast"] =
    expected === null
      ? undefinedBecause("no-forecast")
      : defined({ conversions: treated.converted, expected, difference: treated.converted - expected, ratio: expected === 0 ? null : treated.converted / expected });

  let vsPreviousCampaign: CampaignEffectiveness["vsPreviousCampaign"];
  const previous = input.previousCampaign;
  if (previous === null) vsPreviousCampaign = undefinedBecause("no-previous-campaign");
  else {
    const diff = newcombeDifference(treated.converted, nt, previous.converted, previous.members, { confidence });
    if (diff.value === null) vsPreviousCampaign = undefinedBecause("empty-group");
    else {
      const d = diff.value;
      vsPreviousCampaign = defined({
        rate: d.p1,
        previousRate: d.p2,
        difference: d.difference,
        relative: d.p2 === 0 ? null : d.difference / d.p2,
        interval: d.interval,
        distinguishable: d.interval.lower > 0 || d.interval.upper < 0,
      });
    }
  }

  return {
    treatedMembers: nt,
    controlMembers: input.control === null ? null : input.control.members,
    lift,
    incrementalRevenue,
    incrementalMargin,
    incrementalUnits,
    roi,
    costPerResponseCents,
    sameMonthsLastYear: input.sameMonths === null ? undefinedBecause("not-available") : defined(comparison(input.sameMonths.current, input.sameMonths.lastYear)),
    beforeAfter: input.beforeAfter === null ? undefinedBecause("not-available") : defined(comparison(input.beforeAfter.after, input.beforeAfter.before)),
    vsForecast,
    vsPreviousCampaign,
  };
}

/**
 * A sentence for the campaign page, as an i18n key under the `campaigns.verdict` namespace plus
 * ICU parameters (rates, bounds and ROI as fractions, for `{x, number, percent}`).
 */
export type VerdictMessage =
  | { key: "liftUp" | "liftDown" | "liftInconclusive"; params: { lift: number; lower: number; upper: number; confidence: number } }
  | { key: "noControlGroup"; params: Record<string, never> }
  | { key: "emptyGroup"; params: Record<string, never> }
  | { key: "roi"; params: { roi: number } }
  | { key: "noCost"; params: Record<string, never> };

/** The words for the lift (always) and the ROI (when defined or when cost is missing). */
export function effectivenessVerdict(e: CampaignEffectiveness, confidence = 0.95): VerdictMessage[] {
  const messages: VerdictMessage[] = [];
  if (e.lift.value === null) {
    messages.push(e.lift.reason === "no-control-group" ? { key: "noControlGroup", params: {} } : { key: "emptyGroup", params: {} });
    return messages;
  }
  const l = e.lift.value;
  const params = { lift: l.absolute, lower: l.interval.lower, upper: l.interval.upper, confidence };
  messages.push({ key: l.direction === "up" ? "liftUp" : l.direction === "down" ? "liftDown" : "liftInconclusive", params });
  if (e.roi.value !== null) messages.push({ key: "roi", params: { roi: e.roi.value.roi } });
  else if (e.roi.reason === "no-cost") messages.push({ key: "noCost", params: {} });
  return messages;
}

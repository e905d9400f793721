import { addBusinessMinutes, businessMinutesBetween } from "@/lib/tickets/rules/business-hours";
import type { BusinessHours, SlaTargets } from "@/lib/tickets/rules/service-settings";

/**
 * SLA clocks of a ticket (DOMAIN.md §10c): first response and resolution, each a due instant computed
 * in business minutes from the moment the ticket was opened, stopped while the ticket waits on the
 * customer.
 */

export type SlaDueDates = { firstResponseDueAt: Date; resolutionDueAt: Date };

export type SlaState = "met" | "breached" | "at_risk" | "on_track" | "paused";

/**
 * DOMAIN.md §10c: "at risk at 80% of a target", i.e. when at most 20% of the target's business minutes
 * are left.
 */
export const DEFAULT_AT_RISK_SHARE = 0.2;

export function computeDueDates(openedAt: Date, targets: SlaTargets, hours: BusinessHours): SlaDueDates {
  return {
    firstResponseDueAt: addBusinessMinutes(openedAt, targets.firstResponseMinutes, hours),
    resolutionDueAt: addBusinessMinutes(openedAt, targets.resolutionMinutes, hours),
  };
}

export type ResumeInput = {
  pausedAt: Date;
  resumedAt: Date;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  /** The first response was already given: its clock has stopped for good. */
  firstResponded: boolean;
};

/**
 * New due dates after a wait on the customer ended. The business minutes that were left at `pausedAt`
 * are counted again from `resumedAt`, so the customer's time never eats into the target. A due that had
 * already passed when the ticket was paused stays where it was: pausing must not turn a breach back
 * into a pending target.
 */
export function resumeAfterPause(input: ResumeInput, hours: BusinessHours): SlaDueDates {
  const shift = (due: Date): Date => shiftAfterPause(due, input.pausedAt, input.resumedAt, hours);
  return {
    firstResponseDueAt: input.firstResponded ? input.firstResponseDueAt : shift(input.firstResponseDueAt),
    resolutionDueAt: shift(input.resolutionDueAt),
  };
}

/** One instant moved on by a pause (the rule of resumeAfterPause), e.g. the stored at-risk instant. */
export function shiftAfterPause(instant: Date, pausedAt: Date, resumedAt: Date, hours: BusinessHours): Date {
  if (instant.getTime() <= pausedAt.getTime()) return instant;
  return addBusinessMinutes(resumedAt, businessMinutesBetween(pausedAt, instant, hours), hours);
}

/**
 * When a ticket opened at `openedAt` becomes at risk: the instant at which atRiskShare of the
 * resolution target is left (what slaState calls at risk). Stored with the due dates, so lists filter
 * "at risk" in SQL without counting business minutes per row.
 */
export function atRiskInstant(openedAt: Date, targets: SlaTargets, hours: BusinessHours, atRiskShare = DEFAULT_AT_RISK_SHARE): Date {
  return addBusinessMinutes(openedAt, targets.resolutionMinutes * (1 - atRiskShare), hours);
}

export type SlaStateInput = {
  now: Date;
  dueAt: Date;
  /** Set while the ticket waits on the customer (the due date is stale until resumeAfterPause). */
  pausedAt?: Date | null;
  /** When the target was fulfilled: the first response, or the resolution. */
  doneAt?: Date | null;
  hours: BusinessHours;
  /** Share of the target (0..1) whose remaining business minutes make a ticket at risk. */
  atRiskShare?: number;
  /** The full target in business minutes (from the matrix), the base of the at-risk share. */
  targetMinutes: number;
};

/**
 * One target's state, first match wins:
 * - met: done at or before the due instant;
 * - breached: done after the due instant, or not done and `now` is past it, or paused only after it
 *   had passed (a pause does not hide a breach);
 * - paused: not done and waiting on the customer (paused at or before the due instant): the due date
 *   moves on resume, so neither breach nor risk is judged meanwhile;
 * - at_risk: not done and the business minutes left until the due instant are at most
 *   atRiskShare × targetMinutes (counted in business minutes, so Friday 17:50 with a Monday 09:30 due
 *   is 40 minutes left, not two and a half days);
 * - on_track: otherwise.
 */
export function slaState(input: SlaStateInput): SlaState {
  const due = input.dueAt.getTime();
  const { doneAt, pausedAt } = input;
  if (doneAt) return doneAt.getTime() <= due ? "met" : "breached";
  if (pausedAt) return pausedAt.getTime() > due ? "breached" : "paused";
  if (input.now.getTime() > due) return "breached";
  const left = businessMinutesBetween(input.now, input.dueAt, input.hours);
  return left <= (input.atRiskShare ?? DEFAULT_AT_RISK_SHARE) * input.targetMinutes ? "at_risk" : "on_track";
}

import "server-only";
import { readSetting } from "@/lib/platform/settings";
import type { TicketPriority, Tier } from "@/lib/platform/enums";
import { atRiskInstant, computeDueDates, resumeAfterPause, shiftAfterPause } from "@/lib/tickets/rules/sla";
import { type BusinessHours, parseBusinessHours, parseSlaMatrix, type SlaMatrix, slaTargetsFor } from "@/lib/tickets/rules/service-settings";

/** Setting keys of the service desk's calendar and targets (the admin settings screen edits them). */
export const BUSINESS_HOURS_KEY = "service.businessHours";
export const SLA_MATRIX_KEY = "service.slaMatrix";

export type ServiceCalendar = { hours: BusinessHours; matrix: SlaMatrix };

/**
 * The company's business hours and SLA matrix; a missing or malformed setting reads as the documented
 * default. Read it before opening a transaction: on the embedded database a read outside the
 * transaction would wait for the transaction's own connection.
 */
export async function serviceCalendar(): Promise<ServiceCalendar> {
  const [hours, matrix] = await Promise.all([readSetting(BUSINESS_HOURS_KEY), readSetting(SLA_MATRIX_KEY)]);
  return { hours: parseBusinessHours(hours), matrix: parseSlaMatrix(matrix) };
}

export type DueDates = { firstResponseDueAt: Date; slaDueAt: Date; slaAtRiskAt: Date };

/** A new ticket's due instants, counted in business hours from when it was opened. */
export function dueDatesFor(openedAt: Date, priority: TicketPriority, tier: Tier | null, calendar: ServiceCalendar): DueDates {
  const targets = slaTargetsFor(calendar.matrix, priority, tier);
  const due = computeDueDates(openedAt, targets, calendar.hours);
  return { firstResponseDueAt: due.firstResponseDueAt, slaDueAt: due.resolutionDueAt, slaAtRiskAt: atRiskInstant(openedAt, targets, calendar.hours) };
}

type PausedTicket = { slaPausedAt: Date; firstResponseDueAt: Date | null; slaDueAt: Date | null; slaAtRiskAt: Date | null; firstResponseAt: Date | null };

/** The stored instants after a pause ended at `resumedAt` (lib/tickets/rules/sla.ts resumeAfterPause). */
export function resumedDueDates(row: PausedTicket, resumedAt: Date, calendar: ServiceCalendar): Partial<DueDates> {
  if (!row.firstResponseDueAt || !row.slaDueAt) return {};
  const due = resumeAfterPause(
    { pausedAt: row.slaPausedAt, resumedAt, firstResponseDueAt: row.firstResponseDueAt, resolutionDueAt: row.slaDueAt, firstResponded: row.firstResponseAt !== null },
    calendar.hours,
  );
  return {
    firstResponseDueAt: due.firstResponseDueAt,
    slaDueAt: due.resolutionDueAt,
    ...(row.slaAtRiskAt ? { slaAtRiskAt: shiftAfterPause(row.slaAtRiskAt, row.slaPausedAt, resumedAt, calendar.hours) } : {}),
  };
}

import { z } from "zod";
import { type Tier, Tier as TIERS, type TicketPriority, TicketPriority as PRIORITIES } from "@/lib/platform/enums";
import { isValidTimeZone, parseDate } from "@/lib/platform/time-zone";

/**
 * Service-level settings: the company's business hours and the SLA target matrix. Both are stored as
 * JSON in Setting rows and edited by an admin, so everything read back is parsed here with a per-field
 * fallback to the documented defaults: a half-broken stored value degrades one field, never the SLA
 * clock of every ticket.
 *
 * Messages are i18n keys for the admin form; the tickets.validation.* ones are new and still need
 * message texts when that form is built.
 */

/** "HH:MM" local wall-clock time; "24:00" only as the end of an interval (open until midnight). */
export type OpenInterval = { start: string; end: string };

/** Open intervals per weekday, index 0 = Sunday … 6 = Saturday (the order of Date#getDay). */
export type WeeklyHours = [OpenInterval[], OpenInterval[], OpenInterval[], OpenInterval[], OpenInterval[], OpenInterval[], OpenInterval[]];

export type BusinessHours = {
  /** IANA name; every interval, holiday and workday is local to it. */
  timeZone: string;
  weekly: WeeklyHours;
  /** "YYYY-MM-DD" local dates that are closed all day (a holiday also listed as a workday stays closed). */
  holidays: string[];
  /** "YYYY-MM-DD" local dates open with Monday's hours whatever their weekday (调休 make-up working days). */
  workdays?: string[];
};

/** Both in business minutes. */
export type SlaTargets = { firstResponseMinutes: number; resolutionMinutes: number };

/** "NONE": a customer not scored yet (no tier). */
export type SlaTierKey = Tier | "NONE";
export type SlaMatrix = Record<TicketPriority, Record<SlaTierKey, SlaTargets>>;

export const SLA_TIER_KEYS: readonly SlaTierKey[] = [TIERS.VIP, TIERS.MAJOR, TIERS.MEDIUM, TIERS.SMALL, "NONE"];
export const SLA_PRIORITIES: readonly TicketPriority[] = [PRIORITIES.P1, PRIORITIES.P2, PRIORITIES.P3, PRIORITIES.P4];

const WORKDAY: OpenInterval[] = [
  { start: "09:00", end: "12:00" },
  { start: "13:00", end: "18:00" },
];

/** Asia/Shanghai, Monday–Friday 09:00–12:00 and 13:00–18:00 (8 business hours = 480 minutes a day), no holidays. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  timeZone: "Asia/Shanghai",
  weekly: [[], WORKDAY, WORKDAY, WORKDAY, WORKDAY, WORKDAY, []],
  // Public holidays are announced year by year (and differ per country): the admin enters them.
  holidays: [],
  workdays: [],
};

const HOUR = 60;
const DAY = 8 * HOUR; // one default business day
const targets = (firstResponseMinutes: number, resolutionMinutes: number): SlaTargets => ({ firstResponseMinutes, resolutionMinutes });

/**
 * Default targets in business minutes (a business day = 8 h = 480 min under the default hours).
 * Every step to a lower tier or a lower priority is at least as loose as the one before it; a customer
 * without a tier gets the SMALL targets (neither favoured nor penalised before the first score run).
 *
 *          first response                    resolution
 *          VIP    MAJOR  MEDIUM SMALL/NONE   VIP   MAJOR  MEDIUM SMALL/NONE
 *   P1     30m    1h     2h     4h           4h    1d     2d     3d
 *   P2     1h     2h     4h     1d           1d    2d     3d     4d
 *   P3     2h     4h     1d     1d           2d    3d     4d     5d
 *   P4     4h     1d     1d     1d           3d    4d     5d     5d
 */
export const DEFAULT_SLA_MATRIX: SlaMatrix = {
  P1: { VIP: targets(30, 4 * HOUR), MAJOR: targets(HOUR, DAY), MEDIUM: targets(2 * HOUR, 2 * DAY), SMALL: targets(4 * HOUR, 3 * DAY), NONE: targets(4 * HOUR, 3 * DAY) },
  P2: { VIP: targets(HOUR, DAY), MAJOR: targets(2 * HOUR, 2 * DAY), MEDIUM: targets(4 * HOUR, 3 * DAY), SMALL: targets(DAY, 4 * DAY), NONE: targets(DAY, 4 * DAY) },
  P3: { VIP: targets(2 * HOUR, 2 * DAY), MAJOR: targets(4 * HOUR, 3 * DAY), MEDIUM: targets(DAY, 4 * DAY), SMALL: targets(DAY, 5 * DAY), NONE: targets(DAY, 5 * DAY) },
  P4: { VIP: targets(4 * HOUR, 3 * DAY), MAJOR: targets(DAY, 4 * DAY), MEDIUM: targets(DAY, 5 * DAY), SMALL: targets(DAY, 5 * DAY), NONE: targets(DAY, 5 * DAY) },
};

/** "HH:MM" -> minutes since local midnight (0..1440). Assumes the format was validated. */
export function minuteOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

// ---- Schemas (also for the admin form) -------------------------------------------------------------

const timeOfDay = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: "tickets.validation.time" });

const openIntervalSchema = z
  .object({ start: timeOfDay, end: timeOfDay })
  .refine((i) => minuteOfDay(i.start) < minuteOfDay(i.end), { message: "tickets.validation.intervalOrder", path: ["end"] });

// Touching intervals (12:00 end, 12:00 start) are fine; overlapping ones would count minutes twice.
const dayHoursSchema = z
  .array(openIntervalSchema)
  .max(24, { message: "validation.tooLong" })
  .refine(
    (day) => {
      const sorted = [...day].sort((a, b) => minuteOfDay(a.start) - minuteOfDay(b.start));
      return sorted.every((i, k) => k === 0 || minuteOfDay(i.start) >= minuteOfDay(sorted[k - 1].end));
    },
    { message: "tickets.validation.intervalOverlap" },
  )
  .transform((day) => [...day].sort((a, b) => minuteOfDay(a.start) - minuteOfDay(b.start)));

export const weeklyHoursSchema = z
  .tuple([dayHoursSchema, dayHoursSchema, dayHoursSchema, dayHoursSchema, dayHoursSchema, dayHoursSchema, dayHoursSchema])
  // A week with no open minute would make every due date unreachable.
  .refine((week) => week.some((day) => day.length > 0), { message: "tickets.validation.noOpenHours" });

export const timeZoneSchema = z.string().refine(isValidTimeZone, { message: "tickets.validation.timeZone" });

const localDateSchema = z.string().refine((s) => parseDate(s) !== null, { message: "tickets.validation.date" });
export const localDateListSchema = z
  .array(localDateSchema)
  .max(2000, { message: "validation.tooLong" })
  .transform((dates) => [...new Set(dates)].sort());

export const businessHoursSchema = z.object({
  timeZone: timeZoneSchema,
  weekly: weeklyHoursSchema,
  holidays: localDateListSchema,
  workdays: localDateListSchema.optional(),
});

// Bounded so that a due-date computation stays a few hundred days of iteration at most.
export const MAX_TARGET_MINUTES = 100_000;
const minutes = z
  .number()
  .int({ message: "validation.integer" })
  .gt(0, { message: "validation.range" })
  .max(MAX_TARGET_MINUTES, { message: "validation.range" });

export const slaTargetsSchema = z
  .object({ firstResponseMinutes: minutes, resolutionMinutes: minutes })
  .refine((t) => t.resolutionMinutes >= t.firstResponseMinutes, { message: "tickets.validation.resolutionBeforeResponse", path: ["resolutionMinutes"] });

// ---- Parsers -----------------------------------------------------------------------------------------

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function fieldOr<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  if (value === undefined) return fallback;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

/** Stored business hours; each field that is missing or malformed falls back to its default. Never throws. */
export function parseBusinessHours(value: unknown): BusinessHours {
  const stored = asRecord(value);
  return {
    timeZone: fieldOr(timeZoneSchema, stored.timeZone, DEFAULT_BUSINESS_HOURS.timeZone),
    weekly: fieldOr<WeeklyHours>(weeklyHoursSchema, stored.weekly, DEFAULT_BUSINESS_HOURS.weekly),
    holidays: fieldOr(localDateListSchema, stored.holidays, DEFAULT_BUSINESS_HOURS.holidays),
    workdays: fieldOr(localDateListSchema, stored.workdays, DEFAULT_BUSINESS_HOURS.workdays ?? []),
  };
}

/** Stored SLA matrix; each priority × tier cell that is missing or malformed falls back to its default. Never throws. */
export function parseSlaMatrix(value: unknown): SlaMatrix {
  const stored = asRecord(value);
  const matrix = {} as SlaMatrix;
  for (const priority of SLA_PRIORITIES) {
    const row = asRecord(stored[priority]);
    const parsedRow = {} as Record<SlaTierKey, SlaTargets>;
    for (const tier of SLA_TIER_KEYS) parsedRow[tier] = fieldOr(slaTargetsSchema, row[tier], DEFAULT_SLA_MATRIX[priority][tier]);
    matrix[priority] = parsedRow;
  }
  return matrix;
}

/** The targets for a ticket; `tier` null = the customer has no score yet. */
export function slaTargetsFor(matrix: SlaMatrix, priority: TicketPriority, tier: Tier | null): SlaTargets {
  return matrix[priority][tier ?? "NONE"];
}

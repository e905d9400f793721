import { type BusinessHours, minuteOfDay } from "@/lib/tickets/rules/service-settings";
import { addDays, formatDate, instantOf, wallTimeAt } from "@/lib/platform/time-zone";

/**
 * Business-time arithmetic. Opening hours are local wall-clock intervals; each day's intervals are
 * turned into instants with instantOf for that very date, so a DST change (New York, Berlin) moves the
 * opening instant instead of shifting the whole day by an hour, and a 23- or 25-hour day counts the
 * minutes that really elapse. Business minutes are real elapsed minutes inside open intervals.
 *
 * Day by day on purpose: targets are at most a few weeks, and skipping whole weeks arithmetically would
 * have to re-apply holidays, make-up workdays and DST days anyway.
 */

const MINUTE_MS = 60_000;

/** Consecutive calendar days without an open minute after which the hours are taken to be broken. */
const MAX_CLOSED_DAYS = 400;

type CalendarDate = { year: number; month: number; day: number };
type Span = { start: number; end: number };

type Calendar = { timeZone: string; weekly: Span[][]; monday: Span[]; holidays: Set<string>; workdays: Set<string> };

function compile(hours: BusinessHours): Calendar {
  const toSpans = (day: BusinessHours["weekly"][number]): Span[] =>
    day.map((i) => ({ start: minuteOfDay(i.start), end: minuteOfDay(i.end) })).sort((a, b) => a.start - b.start);
  const weekly = hours.weekly.map(toSpans);
  return { timeZone: hours.timeZone, weekly, monday: weekly[1], holidays: new Set(hours.holidays), workdays: new Set(hours.workdays ?? []) };
}

function localInstant(date: CalendarDate, minute: number, timeZone: string): number {
  // "24:00" is the next day's midnight: instantOf wants a real wall time.
  const day = minute >= 1440 ? addDays(date, 1) : date;
  const m = minute % 1440;
  return instantOf({ ...day, hour: Math.floor(m / 60), minute: m % 60 }, timeZone).getTime();
}

/** The open intervals of one local date, as UTC milliseconds, in order. */
function openSpansOn(date: CalendarDate, calendar: Calendar): Span[] {
  const key = formatDate(date);
  if (calendar.holidays.has(key)) return [];
  const local = calendar.workdays.has(key) ? calendar.monday : calendar.weekly[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()];
  const spans: Span[] = [];
  for (const s of local) {
    const start = localInstant(date, s.start, calendar.timeZone);
    const end = localInstant(date, s.end, calendar.timeZone);
    // An interval lying inside a spring-forward gap collapses to nothing.
    if (end > start) spans.push({ start, end });
  }
  return spans;
}

function localDate(instant: number, timeZone: string): CalendarDate {
  const w = wallTimeAt(new Date(instant), timeZone);
  return { year: w.year, month: w.month, day: w.day };
}

/**
 * The instant at which `minutes` business minutes have elapsed from `start`. Counting starts at `start`
 * when it is inside an open interval, otherwise at the next opening; a result that falls on the end of
 * an interval stays there (due at 18:00 Friday, not at 09:00 Monday). With 0 minutes the result is the
 * first open instant at or after `start`. Fractional minutes are honoured to the millisecond.
 */
export function addBusinessMinutes(start: Date, minutes: number, hours: BusinessHours): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`business minutes must be a finite number ≥ 0, got ${minutes}`);
  const calendar = compile(hours);
  let remaining = Math.round(minutes * MINUTE_MS);
  const cursor = start.getTime();
  let date = localDate(cursor, calendar.timeZone);
  // The bound counts closed days in a row, so long targets over open days never trip it.
  let closedDays = 0;
  while (closedDays <= MAX_CLOSED_DAYS) {
    let open = false;
    for (const span of openSpansOn(date, calendar)) {
      if (span.end <= cursor) continue;
      const from = Math.max(span.start, cursor);
      const available = span.end - from;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
      open = true;
    }
    closedDays = open ? 0 : closedDays + 1;
    date = addDays(date, 1);
  }
  throw new Error(
    `business hours (${hours.timeZone}) have no open time in ${MAX_CLOSED_DAYS} consecutive days after ${formatDate(date)}: check the weekly hours and holidays`,
  );
}

/**
 * Business minutes in [from, to): the real minutes of that range that lie inside open intervals.
 * 0 when `to` ≤ `from`; fractional when the instants are not on whole minutes.
 */
export function businessMinutesBetween(from: Date, to: Date, hours: BusinessHours): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  const calendar = compile(hours);
  const last = formatDate(localDate(b, calendar.timeZone));
  let total = 0;
  for (let date = localDate(a, calendar.timeZone); formatDate(date) <= last; date = addDays(date, 1)) {
    for (const span of openSpansOn(date, calendar)) {
      const overlap = Math.min(span.end, b) - Math.max(span.start, a);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE_MS;
}

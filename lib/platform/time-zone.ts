/**
 * Time-zone arithmetic on top of the platform's Intl time-zone database (IANA names). Deliberately no
 * date library: Node and every browser we support ship the full tz database in Intl, and the only
 * operations the calendar needs are "what is the wall clock here" and "which instant is this wall clock".
 */

export type WallTime = { year: number; month: number; day: number; hour: number; minute: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at `instant`. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime & { second: number } {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** Milliseconds `timeZone` is ahead of UTC at `instant` (Shanghai: +8 h). */
export function offsetAt(instant: Date, timeZone: string): number {
  const w = wallTimeAt(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timeZone` shows `wall`. A wall time skipped by a DST jump
 * (02:30 on a spring-forward night) maps to the instant the same number of minutes after the jump;
 * an ambiguous one (autumn) maps to the earlier instant.
 */
export function instantOf(wall: WallTime, timeZone: string): Date {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const first = offsetAt(new Date(naive), timeZone);
  let guess = naive - first;
  const second = offsetAt(new Date(guess), timeZone);
  if (second !== first) {
    const alt = naive - second;
    // Ambiguous: both candidates show the wall time; take the earlier one. Skipped: neither does, and
    // the one computed with the pre-jump offset lands after the gap.
    const showsWall = (t: number) => sameWall(wallTimeAt(new Date(t), timeZone), wall);
    if (showsWall(alt) && showsWall(guess)) guess = Math.min(alt, guess);
    else if (showsWall(alt)) guess = alt;
    else guess = Math.max(alt, guess);
  }
  return new Date(guess);
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/** "2026-11-23" -> parts, or null when not a real calendar date. */
export function parseDate(value: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** "2026-11-23T09:30" (what <input type="datetime-local"> sends) -> wall time, or null. */
export function parseLocalDateTime(value: string): WallTime | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value);
  if (!m) return null;
  const date = parseDate(m[1]);
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  if (!date || hour > 23 || minute > 59) return null;
  return { ...date, hour, minute };
}

/** Adds whole days to a calendar date (no time zone involved: calendar dates have none). */
export function addDays(date: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function formatDate(date: { year: number; month: number; day: number }): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** The calendar date in `timeZone` at `instant`, as "YYYY-MM-DD". */
export function localDateOf(instant: Date, timeZone: string): string {
  return formatDate(wallTimeAt(instant, timeZone));
}

/** "2026-11-23T09:30" wall-clock form of `instant` in `timeZone` (for datetime-local inputs). */
export function localDateTimeOf(instant: Date, timeZone: string): string {
  const w = wallTimeAt(instant, timeZone);
  return `${formatDate(w)}T${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
}

/**
 * The local day `date` in `timeZone` as a half-open UTC range [start, end). Not always 24 hours:
 * a DST day is 23 or 25.
 */
export function dayRange(date: string, timeZone: string): { start: Date; end: Date } {
  const d = parseDate(date);
  if (!d) throw new RangeError(`not a date: ${date}`);
  return { start: instantOf({ ...d, hour: 0, minute: 0 }, timeZone), end: instantOf({ ...addDays(d, 1), hour: 0, minute: 0 }, timeZone) };
}

/** Day of the week of a calendar date, Monday = 0. */
export function weekdayOf(date: string): number {
  const d = parseDate(date);
  if (!d) throw new RangeError(`not a date: ${date}`);
  return (new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7;
}

export function shiftDate(date: string, days: number): string {
  const d = parseDate(date);
  if (!d) throw new RangeError(`not a date: ${date}`);
  return formatDate(addDays(d, days));
}

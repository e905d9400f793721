/**
 * Calendar dates as whole UTC day numbers (days since 1970-01-01). Every analytic works on day numbers
 * so that time zones and daylight-saving shifts can never change a recency or a tenure by one day.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Parses YYYY-MM-DD or YYYYMMDD; null when the text is not a real calendar date (e.g. 1997-02-30). */
export function parseDayNumber(text: string): number | null {
  const m = ISO.exec(text) ?? COMPACT.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC silently rolls 02-30 over into March; a round trip catches it.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return Math.round(ms / MS_PER_DAY);
}

export function dayNumberToIso(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

export function dayNumberFromDate(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

import { dayRange, instantOf, localDateOf, parseDate, shiftDate } from "@/lib/platform/time-zone";

/**
 * The time windows of a campaign's measurement (DOMAIN.md §10), in the company's time zone.
 *
 * Attribution window [L, E + g]: L = the launch instant (the planned start for a campaign launched
 * before launches were recorded), E = the campaign's end, g = grace days. The end is inclusive to the
 * end of the calendar day: an order placed at any time on day (E's day + g) counts, one placed on the
 * next day does not. As a half-open range: [L, start of day (E's day + g + 1)).
 */

const DAY_MS = 86_400_000;

export type Range = { start: Date; end: Date };

export type CampaignTimes = { launchedAt: Date | null; startsAt: Date; endsAt: Date; graceDays: number };

export function launchInstant(c: Pick<CampaignTimes, "launchedAt" | "startsAt">): Date {
  return c.launchedAt ?? c.startsAt;
}

/** [L, end of day E + g) as a half-open range of instants. */
export function attributionWindow(c: CampaignTimes, timeZone: string): Range {
  const lastDay = shiftDate(localDateOf(c.endsAt, timeZone), c.graceDays);
  return { start: launchInstant(c), end: dayRange(lastDay, timeZone).end };
}

/** The last calendar day whose orders are still attributed (E's day + g), as YYYY-MM-DD. */
export function lastAttributedDay(c: CampaignTimes, timeZone: string): string {
  return shiftDate(localDateOf(c.endsAt, timeZone), c.graceDays);
}

/** Whole calendar days from L's day to E's day, both counted: d = E − L + 1 days. */
export function campaignDays(c: CampaignTimes, timeZone: string): number {
  const from = parseDate(localDateOf(launchInstant(c), timeZone))!;
  const to = parseDate(localDateOf(c.endsAt, timeZone))!;
  const days = Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / DAY_MS) + 1;
  return Math.max(1, days);
}

/** After launch vs the same span before: [L, L + d) and [L − d, L). */
export function beforeAfterRanges(c: CampaignTimes, timeZone: string): { after: Range; before: Range } {
  const l = launchInstant(c).getTime();
  const span = campaignDays(c, timeZone) * DAY_MS;
  return { after: { start: new Date(l), end: new Date(l + span) }, before: { start: new Date(l - span), end: new Date(l) } };
}

function monthStart(year: number, month: number, timeZone: string): Date {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return instantOf({ year: y, month: m, day: 1, hour: 0, minute: 0 }, timeZone);
}

/** The calendar months [L, E] overlaps, and the same months one year earlier. */
export function sameMonthsRanges(c: CampaignTimes, timeZone: string): { current: Range; lastYear: Range; months: number } {
  const from = parseDate(localDateOf(launchInstant(c), timeZone))!;
  const to = parseDate(localDateOf(c.endsAt, timeZone))!;
  const months = Math.max(1, (to.year - from.year) * 12 + (to.month - from.month) + 1);
  return {
    current: { start: monthStart(from.year, from.month, timeZone), end: monthStart(from.year, from.month + months, timeZone) },
    lastYear: { start: monthStart(from.year - 1, from.month, timeZone), end: monthStart(from.year - 1, from.month + months, timeZone) },
    months,
  };
}

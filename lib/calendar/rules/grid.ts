/**
 * The day and week views: which days a view shows, and where each appointment sits in a day column
 * (minutes from the top, height, and a lane so overlapping appointments stand side by side).
 */
import { occupiedRange, type Slot } from "@/lib/calendar/rules/overlap";
import { dayRange, localDateOf, shiftDate, wallTimeAt, weekdayOf } from "@/lib/platform/time-zone";
import { parseIdParam } from "@/lib/platform/id-param";

export type CalendarView = "day" | "week";

/** Whose calendar: mine, my whole team's, or one person's. */
export type CalendarWho = "me" | "team" | number;

export type CalendarQuery = { view: CalendarView; date: string; who: CalendarWho; layout: "grid" | "list" };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the URL's view/date/user; anything unreadable falls back (week, today, me). */
export function parseCalendarQuery(params: Record<string, string | string[] | undefined>, today: string): CalendarQuery {
  const one = (k: string) => {
    const v = params[k];
    return typeof v === "string" ? v : undefined;
  };
  const view = one("view") === "day" ? "day" : "week";
  const rawDate = one("date");
  let date = today;
  if (rawDate && DATE_RE.test(rawDate)) {
    try {
      shiftDate(rawDate, 0);
      date = rawDate;
    } catch {
      date = today;
    }
  }
  const rawUser = one("user");
  const who: CalendarWho = rawUser === "team" ? "team" : (parseIdParam(rawUser) ?? "me");
  const layout = one("layout") === "list" ? "list" : "grid";
  return { view, date, who, layout };
}

export function serializeCalendarQuery(q: CalendarQuery): string {
  const p = new URLSearchParams();
  p.set("view", q.view);
  p.set("date", q.date);
  if (q.who !== "me") p.set("user", String(q.who));
  if (q.layout === "list") p.set("layout", "list");
  return p.toString();
}

/** The days a view shows: the date itself, or Monday to Sunday of its week. */
export function daysOf(view: CalendarView, date: string): string[] {
  if (view === "day") return [date];
  const monday = shiftDate(date, -weekdayOf(date));
  return Array.from({ length: 7 }, (_, i) => shiftDate(monday, i));
}

/** Where prev/next go: one day or one week. */
export function stepDate(view: CalendarView, date: string, direction: -1 | 1): string {
  return shiftDate(date, direction * (view === "day" ? 1 : 7));
}

/** The UTC window a view covers in the viewer's zone. */
export function viewWindow(view: CalendarView, date: string, timeZone: string): { from: Date; to: Date } {
  const days = daysOf(view, date);
  return { from: dayRange(days[0], timeZone).start, to: dayRange(days[days.length - 1], timeZone).end };
}

export type Placed<T> = {
  item: T;
  /** Minutes from the column's local midnight. */
  top: number;
  height: number;
  lane: number;
  lanes: number;
  /** Continues from the previous day / into the next day. */
  continuesBefore: boolean;
  continuesAfter: boolean;
};

/** A tiny visible height so a 5-minute call is still a target to click. */
const MIN_HEIGHT = 15;

/**
 * Lays out the timed appointments of one local day: clipped to the day, then in clusters of
 * transitively overlapping items, each item gets the first free lane; `lanes` is the cluster's width.
 * All-day items are not placed here (the view lists them in a row above the hours).
 */
export function layoutDay<T extends Slot>(items: readonly T[], date: string, timeZone: string): Placed<T>[] {
  const day = dayRange(date, timeZone);
  const dayStart = day.start.getTime();
  const dayEnd = day.end.getTime();
  const timed = items
    .filter((i) => !i.allDay)
    .map((item) => {
      const r = occupiedRange(item);
      const s = Math.max(r.start.getTime(), dayStart);
      const e = Math.min(r.end.getTime(), dayEnd);
      return { item, s, e, before: r.start.getTime() < dayStart, after: r.end.getTime() > dayEnd };
    })
    .filter((x) => x.e > x.s || (x.e === x.s && x.s >= dayStart && x.s < dayEnd))
    .sort((a, b) => a.s - b.s || b.e - a.e);

  const placed: Placed<T>[] = [];
  let cluster: { p: Placed<T>; e: number }[] = [];
  let clusterEnd = -Infinity;
  const flush = () => {
    const width = cluster.reduce((m, c) => Math.max(m, c.p.lane + 1), 0);
    for (const c of cluster) c.p.lanes = width;
    cluster = [];
  };
  for (const x of timed) {
    if (x.s >= clusterEnd) {
      flush();
      clusterEnd = -Infinity;
    }
    const busy = new Set(cluster.filter((c) => c.e > x.s).map((c) => c.p.lane));
    let lane = 0;
    while (busy.has(lane)) lane += 1;
    // Minutes measured by the wall clock would jump on DST days; elapsed minutes keep heights true.
    const top = Math.round((x.s - dayStart) / 60_000);
    const height = Math.max(MIN_HEIGHT, Math.round((x.e - x.s) / 60_000));
    const p: Placed<T> = { item: x.item, top, height, lane, lanes: 1, continuesBefore: x.before, continuesAfter: x.after };
    placed.push(p);
    cluster.push({ p, e: Math.max(x.e, x.s + MIN_HEIGHT * 60_000) });
    clusterEnd = Math.max(clusterEnd, x.e, x.s + MIN_HEIGHT * 60_000);
  }
  flush();
  return placed;
}

/** The all-day items touching a local day in the viewer's zone. */
export function allDayOn<T extends Slot>(items: readonly T[], date: string, timeZone: string): T[] {
  const day = dayRange(date, timeZone);
  return items.filter((i) => {
    if (!i.allDay) return false;
    const r = occupiedRange(i);
    return r.start.getTime() < day.end.getTime() && r.end.getTime() > day.start.getTime();
  });
}

/** Length of a local day in minutes (1380 or 1500 on DST days). */
export function dayMinutes(date: string, timeZone: string): number {
  const d = dayRange(date, timeZone);
  return Math.round((d.end.getTime() - d.start.getTime()) / 60_000);
}

/** "09:30" in `timeZone`. */
export function clockOf(instant: Date, timeZone: string): string {
  const w = wallTimeAt(instant, timeZone);
  return `${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
}

export { localDateOf };

/**
 * When two appointments clash. Ranges are half-open [start, end): a meeting ending at 10:00 and the
 * next starting at 10:00 do not conflict. An all-day appointment occupies whole local days in its
 * own time zone, whatever its stored instants say.
 */
import { dayRange, localDateOf } from "@/lib/platform/time-zone";

export type Slot = {
  id?: number | null;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  timeZone: string;
};

export type RangeProblem = "invalid" | "empty";

/** Why a range cannot be saved (unreadable instants, or end not after start), or null when fine. */
export function rangeProblem(slot: Pick<Slot, "startsAt" | "endsAt" | "allDay">): RangeProblem | null {
  const s = slot.startsAt.getTime();
  const e = slot.endsAt.getTime();
  if (Number.isNaN(s) || Number.isNaN(e)) return "invalid";
  // All-day ranges are normalised to whole days, so an all-day slot whose end equals its start still
  // covers its day; timed slots must have a positive length.
  if (slot.allDay ? e < s : e <= s) return "empty";
  return null;
}

/**
 * The instants a slot occupies. For an all-day slot: from local midnight of its first day to local
 * midnight after its last day, in its own zone (an end exactly at local midnight is exclusive).
 */
export function occupiedRange(slot: Slot): { start: Date; end: Date } {
  if (!slot.allDay) return { start: slot.startsAt, end: slot.endsAt };
  const first = localDateOf(slot.startsAt, slot.timeZone);
  const lastInstant = slot.endsAt.getTime() > slot.startsAt.getTime() ? new Date(slot.endsAt.getTime() - 1) : slot.startsAt;
  const last = localDateOf(lastInstant, slot.timeZone);
  return { start: dayRange(first, slot.timeZone).start, end: dayRange(last, slot.timeZone).end };
}

/** Do two slots share any instant? Never true for a slot and itself (same id), so edits do not clash with their old version. */
export function overlaps(a: Slot, b: Slot): boolean {
  if (a.id != null && b.id != null && a.id === b.id) return false;
  if (rangeProblem(a) || rangeProblem(b)) return false;
  const ra = occupiedRange(a);
  const rb = occupiedRange(b);
  return ra.start.getTime() < rb.end.getTime() && rb.start.getTime() < ra.end.getTime();
}

/** The existing slots that clash with `candidate`, in start order. */
export function findConflicts<T extends Slot>(candidate: Slot, existing: readonly T[]): T[] {
  return existing.filter((e) => overlaps(candidate, e)).sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime());
}

/**
 * The widest window a database query must search so every possibly clashing row is found: all-day
 * rows are stored from local midnight, but a zone can be up to 14 hours either side of UTC, so the
 * window is padded by a day for safety; `findConflicts` then decides exactly.
 */
export function searchWindow(candidate: Slot): { from: Date; to: Date } {
  const r = occupiedRange(candidate);
  const DAY = 24 * 60 * 60 * 1000;
  return { from: new Date(r.start.getTime() - DAY), to: new Date(r.end.getTime() + DAY) };
}

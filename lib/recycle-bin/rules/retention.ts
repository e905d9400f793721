/**
 * When records in the recycle bin fall due. The retention itself is the company setting
 * `recycleBin.retentionDays` (lib/settings: 1 to 3650 days, default 30), read by the data layer.
 */
const DAY_MS = 86_400_000;

/** Records deleted before this instant are past their retention. */
export function purgeCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/** When a record deleted at `deletedAt` becomes due for purging. */
export function purgeDueAt(deletedAt: Date, retentionDays: number): Date {
  return new Date(deletedAt.getTime() + retentionDays * DAY_MS);
}

/** Whole days left until the purge (rounded up: "1 day" until the very last moment), 0 once due. */
export function daysUntilPurge(deletedAt: Date, now: Date, retentionDays: number): number {
  const left = purgeDueAt(deletedAt, retentionDays).getTime() - now.getTime();
  return left <= 0 ? 0 : Math.ceil(left / DAY_MS);
}

/** Still restorable: deleted less than the retention ago (a record exactly at its due instant is due). */
export function withinRetention(deletedAt: Date, now: Date, retentionDays: number): boolean {
  return deletedAt.getTime() > purgeCutoff(now, retentionDays).getTime();
}

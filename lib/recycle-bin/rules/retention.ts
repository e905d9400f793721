/**
 * How long a deleted record waits in the recycle bin before it is purged. The company setting
 * `recycleBin` is a JSON object; its `retentionDays` (a whole number of days, 1 to 3650) is the
 * retention. Never set, or anything else stored there: 30 days, the documented default.
 */
export const DEFAULT_RETENTION_DAYS = 30;
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
export const RECYCLE_BIN_SETTING_KEY = "recycleBin";

const DAY_MS = 86_400_000;

export function retentionDaysOf(setting: Record<string, unknown>): number {
  const value = setting.retentionDays;
  return typeof value === "number" && Number.isInteger(value) && value >= MIN_RETENTION_DAYS && value <= MAX_RETENTION_DAYS ? value : DEFAULT_RETENTION_DAYS;
}

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

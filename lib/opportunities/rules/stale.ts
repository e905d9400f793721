/** "No activity in N days": a deal is stale when its last activity is older than N whole days. */
export const DEFAULT_STALE_DAYS = 14;
const DAY_MS = 86_400_000;

/** N from the URL; anything missing or out of range falls back (to the setting, else 14). */
export function parseStaleDays(value: unknown, fallback = DEFAULT_STALE_DAYS): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text === null || text === "") return fallback;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 365 ? n : fallback;
}

export function staleCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

export function isStale(lastActivityAt: Date, now: Date, days: number): boolean {
  return lastActivityAt.getTime() < staleCutoff(now, days).getTime();
}

/** Whole days since the last activity, for the card's "no activity in N days". */
export function daysSince(lastActivityAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - lastActivityAt.getTime()) / DAY_MS));
}

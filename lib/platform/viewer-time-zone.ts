import "server-only";
import { cookies } from "next/headers";
import { isValidTimeZone } from "@/lib/platform/time-zone";

export const TIME_ZONE_COOKIE = "summit_tz";

/**
 * The viewer's IANA zone, as their browser reported it (TimeZoneSync keeps the cookie current), so
 * "today" and the calendar's hours are theirs, not the server's. Before the first report: the
 * server's zone, as the rest of the app formats dates.
 */
export async function viewerTimeZone(): Promise<string> {
  const value = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  if (value && isValidTimeZone(value)) return value;
  return process.env.TZ && isValidTimeZone(process.env.TZ) ? process.env.TZ : "UTC";
}

"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Tells the server the browser's time zone (a cookie), and re-renders once if the page used another. */
export function TimeZoneSync({ current }: { current: string }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    document.cookie = `summit_tz=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    if (zone !== current) router.refresh();
  }, [current, router]);
  return null;
}

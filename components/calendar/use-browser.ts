"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** The browser's IANA time zone; null during server rendering and hydration, so both render the same. */
export function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || null,
    () => null,
  );
}

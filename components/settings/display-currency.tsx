"use client";

import type { ReactNode } from "react";
import { type DisplayCurrency, setDisplayCurrency } from "@/lib/platform/format";

/**
 * Makes the company's display currency (Admin → Settings) the one formatMoney uses in the browser
 * and in server rendering of client components. Set while rendering, before the children render, so
 * the first paint and hydration agree; the root layout renders it around everything.
 */
export function DisplayCurrencyScope({ currency, children }: { currency: DisplayCurrency; children: ReactNode }) {
  setDisplayCurrency(currency);
  return children;
}

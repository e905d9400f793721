/**
 * Display helpers shared by server and client components. Money arrives as exact decimal strings
 * and is grouped as text, so a displayed amount is never a float rounding of the stored one.
 */
export function groupDigits(value: string): string {
  const negative = value.startsWith("-");
  const [whole, fraction] = (negative ? value.slice(1) : value).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${fraction !== undefined ? `.${fraction.padEnd(2, "0").slice(0, 2)}` : ""}`;
}

/**
 * The currencies the company may display amounts in (Admin → Settings), with the symbol shown before
 * an amount. A fixed table rather than Intl's symbols, so server and browser print the same text.
 */
export const DISPLAY_CURRENCIES = {
  CNY: "¥",
  USD: "$",
  EUR: "€",
  GBP: "£",
  JPY: "JP¥",
  HKD: "HK$",
  TWD: "NT$",
  SGD: "S$",
  KRW: "₩",
  AUD: "A$",
  CAD: "C$",
  CHF: "CHF ",
  INR: "₹",
} as const;
export type DisplayCurrency = keyof typeof DISPLAY_CURRENCIES;
export const DEFAULT_CURRENCY: DisplayCurrency = "CNY";

export function isDisplayCurrency(value: unknown): value is DisplayCurrency {
  return typeof value === "string" && Object.hasOwn(DISPLAY_CURRENCIES, value);
}

// The company's display currency: one value for the whole company, so a module-level value is
// enough. The server sets it from the setting at the start of every request (lib/i18n/request.ts),
// the browser from the root layout (components/settings/display-currency.tsx).
let displayCurrency: DisplayCurrency = DEFAULT_CURRENCY;

export function setDisplayCurrency(code: unknown): void {
  displayCurrency = isDisplayCurrency(code) ? code : DEFAULT_CURRENCY;
}

export function getDisplayCurrency(): DisplayCurrency {
  return displayCurrency;
}

/** The display currency's symbol, for chart axes and tooltips that print compact amounts. */
export function currencySymbol(): string {
  return DISPLAY_CURRENCIES[displayCurrency];
}

/** An amount in the company's display currency (yuan unless Admin → Settings says otherwise). */
export function formatMoney(value: string | null | undefined, currency: DisplayCurrency = displayCurrency): string {
  if (value === null || value === undefined || value === "") return "—";
  return `${DISPLAY_CURRENCIES[currency]}${groupDigits(value)}`;
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return `${Math.round(value * 100)}%`;
}

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? "—" : d.toISOString().slice(0, 10);
}

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? "—" : `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

import { z } from "zod";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { DEFAULT_CURRENCY, DISPLAY_CURRENCIES, type DisplayCurrency } from "@/lib/platform/format";
import { formatBasisPoints, parseBasisPoints } from "@/lib/platform/money";
import { DEFAULT_STALE_DAYS, parseStaleDays } from "@/lib/opportunities/rules/stale";

/**
 * The company's general settings (Admin → Settings): each group is a Setting row of its own, so each
 * is saved at its own version and a feature reads only its key. Pure: the schemas judge values, the
 * parsers read a stored value with the documented default for anything missing or malformed (a bad
 * row never breaks a page). Messages are i18n keys that name the field.
 *
 * - `general`: display currency (ISO 4217, default CNY: amounts are stored without a currency, so
 *   this is what they are shown in) and the default language for people who have not chosen one
 *   (null: their browser's language, as before the setting existed).
 * - `pipeline`: days without activity after which an open deal is stale (lib/opportunities reads it).
 * - `quotes`: the discount (percent of the quote) above which a quote needs a manager's approval.
 * - `recycleBin`: days a deleted record stays restorable before the purge removes it.
 */

export const GENERAL_KEY = "general";
/** The same key lib/opportunities/queries.ts reads (PIPELINE_SETTING_KEY); rules cannot import a data layer. */
export const PIPELINE_KEY = "pipeline";
export const QUOTES_KEY = "quotes";
export const RECYCLE_BIN_KEY = "recycleBin";

export const CURRENCIES = Object.keys(DISPLAY_CURRENCIES) as [DisplayCurrency, ...DisplayCurrency[]];

export const STALE_DAYS_RANGE = { min: 1, max: 365 } as const;
export const RETENTION_DAYS_RANGE = { min: 1, max: 3650 } as const;
export const DEFAULT_RETENTION_DAYS = 30;
/** 20 %: a quote discounted by more than this waits for a manager (PERMISSIONS.md, quote approval). */
export const DEFAULT_DISCOUNT_APPROVAL_PCT = "20.00";

export type RegionalSettings = { currency: DisplayCurrency; locale: Locale | null };
export type PipelineSettings = { staleDays: number };
export type QuoteSettings = { discountApprovalPct: string };
export type RecycleBinSettings = { retentionDays: number };

export const regionalSchema = z.object({
  currency: z.enum(CURRENCIES, { message: "settings.errors.currency" }),
  locale: z.enum(LOCALES, { message: "settings.errors.locale" }).nullable(),
});

const wholeNumber = (range: { min: number; max: number }, message: string) => z.number({ message }).int({ message }).min(range.min, { message }).max(range.max, { message });

export const pipelineSchema = z.object({ staleDays: wholeNumber(STALE_DAYS_RANGE, "settings.errors.staleDays") });

export const quotesSchema = z.object({
  discountApprovalPct: z
    .string({ message: "settings.errors.discountApprovalPct" })
    .trim()
    .refine((v) => parseBasisPoints(v) !== null, "settings.errors.discountApprovalPct")
    // Stored as the exact text Decimal(5,2) would hold: "7.5" → "7.50".
    .transform((v) => formatBasisPoints(parseBasisPoints(v)!)),
});

export const recycleBinSchema = z.object({ retentionDays: wholeNumber(RETENTION_DAYS_RANGE, "settings.errors.retentionDays") });

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function parseRegional(value: unknown): RegionalSettings {
  const v = asObject(value);
  const currency = regionalSchema.shape.currency.safeParse(v.currency);
  const locale = regionalSchema.shape.locale.safeParse(v.locale);
  return { currency: currency.success ? currency.data : DEFAULT_CURRENCY, locale: locale.success ? locale.data : null };
}

export function parsePipeline(value: unknown): PipelineSettings {
  return { staleDays: parseStaleDays(asObject(value).staleDays, DEFAULT_STALE_DAYS) };
}

export function parseQuotes(value: unknown): QuoteSettings {
  const pct = asObject(value).discountApprovalPct;
  const bp = typeof pct === "string" || typeof pct === "number" ? parseBasisPoints(String(pct)) : null;
  return { discountApprovalPct: bp === null ? DEFAULT_DISCOUNT_APPROVAL_PCT : formatBasisPoints(bp) };
}

export function parseRecycleBin(value: unknown): RecycleBinSettings {
  const days = asObject(value).retentionDays;
  const ok = recycleBinSchema.shape.retentionDays.safeParse(days);
  return { retentionDays: ok.success ? ok.data : DEFAULT_RETENTION_DAYS };
}

/** The discount threshold in basis points (hundredths of a percent), the unit quote arithmetic uses. */
export function discountApprovalBasisPoints(settings: QuoteSettings): number {
  return Number(parseBasisPoints(settings.discountApprovalPct) ?? parseBasisPoints(DEFAULT_DISCOUNT_APPROVAL_PCT)!);
}

import "server-only";
import type { Locale } from "@/lib/i18n/config";
import type { DisplayCurrency } from "@/lib/platform/format";
import { readSetting } from "@/lib/platform/settings";
import {
  discountApprovalBasisPoints,
  GENERAL_KEY,
  parseQuotes,
  parseRecycleBin,
  parseRegional,
  QUOTES_KEY,
  RECYCLE_BIN_KEY,
  type QuoteSettings,
} from "@/lib/settings/rules/general-settings";

/**
 * Readers of the company's general settings for every feature (no permission needed: these values
 * shape how pages look, not what anyone may see). A missing or malformed row reads as the default.
 * Read them before opening a transaction (on the embedded database a read outside a transaction
 * waits for the transaction's own connection). Stale-deal days: lib/opportunities/queries.ts.
 */

/** The currency amounts are displayed in (CNY unless Admin → Settings says otherwise). */
export async function readDefaultCurrency(): Promise<DisplayCurrency> {
  return parseRegional(await readSetting(GENERAL_KEY)).currency;
}

/** The language for people who have not chosen one; null: their browser's language. */
export async function readDefaultLocale(): Promise<Locale | null> {
  return parseRegional(await readSetting(GENERAL_KEY)).locale;
}

/** The discount above which a quote needs approval: as text ("20.00") and in basis points (2000). */
export async function readDiscountApprovalThreshold(): Promise<QuoteSettings & { basisPoints: number }> {
  const settings = parseQuotes(await readSetting(QUOTES_KEY));
  return { ...settings, basisPoints: discountApprovalBasisPoints(settings) };
}

/** Days a deleted record stays restorable in the recycle bin (default 30). */
export async function readRecycleBinRetentionDays(): Promise<number> {
  return parseRecycleBin(await readSetting(RECYCLE_BIN_KEY)).retentionDays;
}

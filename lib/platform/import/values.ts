/**
 * Cell readers for values other systems export in many spellings: money (exact, as integer cents),
 * dates with or without a time, yes/no. Each is a zod schema over the trimmed cell text whose messages
 * are i18n keys, so a row's problems read the same whatever entity is imported.
 */
import { z } from "zod";

/** The largest amount a Decimal(14, 2) column holds, in cents. */
export const MAX_CENTS = 99_999_999_999_999n;

const MONEY = /^(?:[¥￥$€£]\s?)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/**
 * "1234.5", "1,234.50", "¥1,234.50" → 123450n. More than two decimals, signs, exponents and anything
 * else are refused: an amount is never rounded or read through a float.
 */
export function parseMoneyCents(text: string): bigint | null {
  const m = MONEY.exec(text.trim());
  if (!m) return null;
  const whole = m[1].replace(/,/g, "");
  if (whole.length > 12) return null;
  return BigInt(whole) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
}

/** A required amount of money (zero allowed). */
export const moneyCell = () =>
  z.string().transform((v, ctx) => {
    if (!v) {
      ctx.addIssue({ code: "custom", message: "validation.required" });
      return 0n;
    }
    const cents = parseMoneyCents(v);
    if (cents === null) ctx.addIssue({ code: "custom", message: "importValidation.money" });
    return cents ?? 0n;
  });

const DATE_TIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A date (2024-03-01, 2024/3/1, 2024.03.01) or a date and time (2024-03-01 14:30, 2024-03-01T14:30:00Z,
 * with an offset such as +08:00). Without an offset the time is read as UTC. Impossible dates, years
 * before 1900 and instants after `now` are refused.
 */
export function parseDateTime(raw: string, now: Date): Date | null {
  const m = DATE_TIME.exec(raw.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => (m[i] === undefined ? 0 : Number(m[i])));
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, "0"));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59 || y < 1900) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2));
    if (oh > 14 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const at = new Date(local - offsetMinutes * 60_000);
  return at.getTime() > now.getTime() ? null : at;
}

const YES = new Set(["yes", "y", "true", "1", "active", "是", "有效", "启用"]);
const NO = new Set(["no", "n", "false", "0", "inactive", "否", "无效", "停用"]);

/** yes/no, true/false, 1/0, 是/否; empty is `empty`. */
export const yesNoCell = (empty: boolean) =>
  z.string().transform((v, ctx) => {
    if (!v) return empty;
    const key = v.toLowerCase();
    if (YES.has(key)) return true;
    if (NO.has(key)) return false;
    ctx.addIssue({ code: "custom", message: "importValidation.yesNo" });
    return empty;
  });

/** A whole number within bounds ("1,000" allowed); null when it is not one. */
export function parseWholeNumber(text: string, min: number, max: number): number | null {
  const digits = text.replace(/,/g, "");
  if (!/^\d{1,9}$/.test(digits)) return null;
  const n = Number(digits);
  return n < min || n > max ? null : n;
}

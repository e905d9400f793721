/**
 * Exact money for the pipeline: amounts as bigint cents, percentages as bigint basis points
 * (hundredths of a percent, the precision of the Decimal(5, 2) columns). No float ever touches money.
 */

const MONEY = /^(-)?(\d{1,12})(?:\.(\d{1,2}))?$/;
const PERCENT = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/** "19.99" → 1999n; null for anything that is not a plain decimal with at most two places. */
export function parseCents(text: string): bigint | null {
  const m = MONEY.exec(text.trim());
  if (!m) return null;
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -cents : cents;
}

/** "7.5" → 750n basis points; null when malformed or above 100 %. */
export function parseBasisPoints(text: string): bigint | null {
  const m = PERCENT.exec(text.trim());
  if (!m) return null;
  const bp = BigInt(m[1]) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
  return bp > 10_000n ? null : bp;
}

/** 1999n → "19.99" (the exact string Prisma's Decimal columns accept). */
export function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${whole}.${frac}`;
}

/** 750n → "7.50" */
export function formatBasisPoints(bp: bigint): string {
  return `${bp / 100n}.${(bp % 100n).toString().padStart(2, "0")}`;
}

/** numerator / denominator rounded half away from zero (half-up for the non-negative amounts here). */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

/**
 * The holdout draw of ./holdout.ts in SQL, so the launch assigns the control group in the database,
 * set-based, and still draws exactly what `assignHoldoutExact` draws: the first 52 bits of
 * SHA-256("<campaign id>:<customer id>") as a bigint. Ordering by it equals ordering by u (u is that
 * integer / 2^52, exact in a double); ties (a SHA-256 prefix collision) fall to the customer id, which
 * for integer ids is the numeric order compareCustomerIds gives digit strings.
 *
 * `campaignId` and `customerId` are SQL expressions of integer type; `::text` prints them as String() does.
 */
export function holdoutDrawSql(campaignId: string, customerId: string): string {
  return `('x' || substr(encode(sha256(convert_to((${campaignId})::text || ':' || (${customerId})::text, 'UTF8')), 'hex'), 1, 13))::bit(52)::bigint`;
}

/**
 * Control-group size for a holdout of `pct` percent of `n` members: round-half-up(pct·n / 100), the
 * same as cumulativeCutCounts([pct / 100], n) but in integers (no binary fractions to guard against).
 */
export function controlSize(pct: number, n: number): number {
  if (!Number.isInteger(pct) || pct < 0 || pct > 100) throw new RangeError(`holdout percent must be a whole number 0..100 (got ${pct})`);
  return Math.min(n, Math.floor((pct * n + 50) / 100));
}

/** The same size as a SQL expression of integer expressions `pct` and `n`. */
export function controlSizeSql(pct: string, n: string): string {
  return `LEAST((${n}), ((${pct}) * (${n}) + 50) / 100)`;
}

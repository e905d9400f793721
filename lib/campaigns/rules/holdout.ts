/**
 * The campaign's random holdout (control) group: stable for the campaign, seeded by its id
 * (issue 13), reproducible by anyone, including the database.
 *
 * Hash: u(campaign, customer) = the first 52 bits of SHA-256 of the UTF-8 string
 * `${campaignId}:${customerId}`, read as a big-endian integer, divided by 2^52 — uniform on [0, 1) in
 * steps of 2^−52. The same value in PostgreSQL (11+):
 *
 *   ('x' || substr(encode(sha256(convert_to(campaign_id || ':' || customer_id, 'UTF8')), 'hex'), 1, 13))::bit(52)::bigint
 *     / 4503599627370496.0
 *
 * Two assignments:
 * - `isControl` (Bernoulli): the member is control when u < fraction. Each member's fate depends only on
 *   the two ids, so it survives any change of the rest of the audience; the group size is Binomial(n, f).
 * - `assignHoldoutExact`: sort the audience by (u, customer id) and take the first round(f·n) as control;
 *   the control group has exactly the planned size.
 *
 * The app should use `assignHoldoutExact` at launch: the audience is frozen at launch, so the set is
 * known and the assignment is still a pure function of (campaign id, frozen audience); a 10% holdout then
 * is 10%, which the planning screens and the power of the lift interval rely on. `isControl` is for
 * assigning members one at a time (e.g. a member added after launch), where no set exists.
 */

import { createHash } from "node:crypto";
import { compareCustomerIds, cumulativeCutCounts } from "@/lib/platform/math/ranking";

const TWO_POW_52 = 4503599627370496;

/** The member's uniform draw u ∈ [0, 1) for this campaign. */
export function holdoutUniform(campaignId: string, customerId: string): number {
  const digest = createHash("sha256").update(`${campaignId}:${customerId}`, "utf8").digest();
  // 52 bits = 6 whole bytes + the high nibble of the 7th; exact in a double (< 2^53).
  let v = 0;
  for (let i = 0; i < 6; i++) v = v * 256 + digest[i];
  v = v * 16 + (digest[6] >> 4);
  return v / TWO_POW_52;
}

function checkFraction(fraction: number): void {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`holdout fraction must be between 0 and 1 (got ${fraction})`);
}

/** Bernoulli assignment: control when u < fraction. */
export function isControl(campaignId: string, customerId: string, fraction: number): boolean {
  checkFraction(fraction);
  return holdoutUniform(campaignId, customerId) < fraction;
}

/**
 * Exact-size assignment: the round-half-up(fraction × n) members with the smallest u (ties, which need a
 * SHA-256 prefix collision, by customer id) are control; everyone else is treated. Both lists come back
 * in the input order.
 */
export function assignHoldoutExact(campaignId: string, customerIds: readonly string[], fraction: number): { control: string[]; treated: string[] } {
  checkFraction(fraction);
  const seen = new Set<string>();
  for (const id of customerIds) {
    if (seen.has(id)) throw new RangeError(`assignHoldoutExact: customer ${id} appears twice in the audience`);
    seen.add(id);
  }
  const draws = customerIds.map((id, index) => ({ id, index, u: holdoutUniform(campaignId, id) }));
  const size = cumulativeCutCounts([fraction], customerIds.length)[0];
  const chosen = new Set([...draws].sort((a, b) => a.u - b.u || compareCustomerIds(a.id, b.id)).slice(0, size).map((d) => d.index));
  const control: string[] = [];
  const treated: string[] = [];
  customerIds.forEach((id, index) => (chosen.has(index) ? control : treated).push(id));
  return { control, treated };
}

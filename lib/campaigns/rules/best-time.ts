/**
 * Best time to call (DOMAIN.md §10b). Past outbound phone touchpoints give, per customer and per slot,
 * calls reached vs not reached. Slots: weekday/weekend × twelve two-hour slots of the company time zone's
 * wall clock (slot = 12·weekend + ⌊hour / 2⌋, so 0 = weekday 00–02 … 11 = weekday 22–24, 12 = weekend
 * 00–02 … 23). Saturday and Sunday are the weekend.
 *
 * Company rate of slot s: r_s = reached_s / calls_s over every customer's calls; a slot the company never
 * called in takes the company's overall reach rate. A customer's smoothed rate in slot s is the posterior
 * mean under a Beta prior worth 5 calls centred on r_s: (reached_cs + 5·r_s) / (calls_cs + 5). The best
 * slot is the highest smoothed rate among the slots wholly inside calling hours; rates within 1e-12 of
 * each other are ties (the prior alone gives r_s only up to rounding), won by the earlier slot (lower
 * index: weekdays before weekends, earlier hours first). A customer never called gets the company's best.
 */

import { formatDate, wallTimeAt, weekdayOf } from "@/lib/platform/time-zone";
import { defined, undefinedBecause, type Estimate } from "@/lib/campaigns/rules/estimate";

export const SLOT_COUNT = 24;
/** The Beta prior's weight in calls (α₀ + β₀ = 5). */
export const PRIOR_CALLS = 5;
const TIE_TOLERANCE = 1e-12;

export interface CallAttempt {
  customerId: string;
  at: Date;
  reached: boolean;
}

export interface SlotInfo {
  slot: number;
  weekend: boolean;
  /** Wall-clock hours [startHour, endHour) in the company time zone. */
  startHour: number;
  endHour: number;
}

/** The slot of an instant in the company time zone. */
export function slotOf(at: Date, timeZone: string): number {
  const wall = wallTimeAt(at, timeZone);
  const weekend = weekdayOf(formatDate(wall)) >= 5;
  return (weekend ? 12 : 0) + Math.floor(wall.hour / 2);
}

export function slotInfo(slot: number): SlotInfo {
  if (!Number.isInteger(slot) || slot < 0 || slot >= SLOT_COUNT) throw new RangeError(`slot must be 0..23 (got ${slot})`);
  const startHour = (slot % 12) * 2;
  return { slot, weekend: slot >= 12, startHour, endHour: startHour + 2 };
}

export interface CallingHours {
  /** Calls allowed from this wall-clock hour (inclusive)... */
  startHour: number;
  /** ...to this hour (exclusive), e.g. 9 and 21. A slot counts when it lies wholly inside. */
  endHour: number;
  /** Whether weekend slots may be chosen (default true). */
  weekends?: boolean;
}

/** Slots wholly inside the calling hours, in slot order. */
export function allowedSlots(hours: CallingHours): number[] {
  if (!(Number.isInteger(hours.startHour) && Number.isInteger(hours.endHour) && hours.startHour >= 0 && hours.endHour <= 24 && hours.startHour < hours.endHour)) {
    throw new RangeError(`calling hours must be whole hours with 0 <= start < end <= 24 (got ${hours.startHour}–${hours.endHour})`);
  }
  const out: number[] = [];
  for (let s = 0; s < SLOT_COUNT; s++) {
    const info = slotInfo(s);
    if (info.weekend && hours.weekends === false) continue;
    if (info.startHour >= hours.startHour && info.endHour <= hours.endHour) out.push(s);
  }
  return out;
}

export interface SlotCounts {
  calls: number[];
  reached: number[];
}

function emptyCounts(): SlotCounts {
  return { calls: new Array<number>(SLOT_COUNT).fill(0), reached: new Array<number>(SLOT_COUNT).fill(0) };
}

export interface CallHistory {
  company: SlotCounts;
  byCustomer: Map<string, SlotCounts>;
}

/** Counts calls and reached calls per slot, for the company and per customer. */
export function tallyCalls(attempts: Iterable<CallAttempt>, timeZone: string): CallHistory {
  const company = emptyCounts();
  const byCustomer = new Map<string, SlotCounts>();
  for (const a of attempts) {
    const slot = slotOf(a.at, timeZone);
    let own = byCustomer.get(a.customerId);
    if (own === undefined) {
      own = emptyCounts();
      byCustomer.set(a.customerId, own);
    }
    for (const counts of [company, own]) {
      counts.calls[slot]++;
      if (a.reached) counts.reached[slot]++;
    }
  }
  return { company, byCustomer };
}

/** r_s per slot; slots without company calls take the overall rate. Undefined with no calls at all. */
export function companySlotRates(company: SlotCounts): Estimate<number[], "no-call-history"> {
  let calls = 0;
  let reached = 0;
  for (let s = 0; s < SLOT_COUNT; s++) {
    calls += company.calls[s];
    reached += company.reached[s];
  }
  if (calls === 0) return undefinedBecause("no-call-history");
  const overall = reached / calls;
  return defined(company.calls.map((c, s) => (c === 0 ? overall : company.reached[s] / c)));
}

/** (reached + 5·r_s) / (calls + 5) for every slot. */
export function smoothedRates(own: SlotCounts | undefined, companyRates: readonly number[]): number[] {
  return companyRates.map((r, s) => ((own?.reached[s] ?? 0) + PRIOR_CALLS * r) / ((own?.calls[s] ?? 0) + PRIOR_CALLS));
}

export interface BestTime extends SlotInfo {
  smoothedRate: number;
  /** The customer's own calls and reaches in that slot. */
  calls: number;
  reached: number;
}

/** The best allowed slot for one customer (own counts may be undefined: never called). */
export function bestSlot(
  own: SlotCounts | undefined,
  companyRates: Estimate<number[], "no-call-history">,
  hours: CallingHours,
): Estimate<BestTime, "no-call-history" | "no-allowed-slot"> {
  if (companyRates.value === null) return undefinedBecause(companyRates.reason);
  const allowed = allowedSlots(hours);
  if (allowed.length === 0) return undefinedBecause("no-allowed-slot");
  const rates = smoothedRates(own, companyRates.value);
  let best = allowed[0];
  for (const s of allowed) if (rates[s] > rates[best] + TIE_TOLERANCE) best = s;
  return defined({ ...slotInfo(best), smoothedRate: rates[best], calls: own?.calls[best] ?? 0, reached: own?.reached[best] ?? 0 });
}

/** Best slot of every customer who appears in the history. */
export function bestTimesToCall(
  attempts: Iterable<CallAttempt>,
  timeZone: string,
  hours: CallingHours,
): { companyRates: Estimate<number[], "no-call-history">; byCustomer: Map<string, Estimate<BestTime, "no-call-history" | "no-allowed-slot">> } {
  const history = tallyCalls(attempts, timeZone);
  const companyRates = companySlotRates(history.company);
  const byCustomer = new Map<string, Estimate<BestTime, "no-call-history" | "no-allowed-slot">>();
  for (const [customerId, own] of history.byCustomer) byCustomer.set(customerId, bestSlot(own, companyRates, hours));
  return { companyRates, byCustomer };
}

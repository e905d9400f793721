import type { CallEntryStatus, CallOutcome, CampaignMemberStatus } from "@/lib/platform/enums";

/**
 * What a call's outcome does to the list entry, the campaign member and the customer (issue 13,
 * DOMAIN.md §10b). One rule for the data layer, the tests and the page's buttons.
 *
 * Entry:
 * - NO_ANSWER, BUSY: not reached. The attempt counts; the record is due again retryMinutes later, or
 *   EXHAUSTED once maxAttempts calls were made.
 * - WRONG_NUMBER: the number is wrong; calling it again reaches nobody → DONE.
 * - CALLBACK: reached, the customer asked to be called at a chosen time → CALLBACK, due then. It
 *   counts as an attempt like any call, but only a not-reached call can exhaust the record.
 * - REACHED, NOT_INTERESTED, INTERESTED, CONVERTED, OPT_OUT: final → DONE.
 *
 * Campaign member (only moves forward; a control member is never on a list):
 * - REACHED, CALLBACK → CONTACTED; NOT_INTERESTED → DECLINED; INTERESTED → RESPONDED;
 *   CONVERTED → CONVERTED; OPT_OUT → OPTED_OUT (and the customer's phone opt-out, dncPhone);
 *   NO_ANSWER, BUSY, WRONG_NUMBER leave the member as it was (nobody was reached).
 */

export const CALL_OUTCOMES: readonly CallOutcome[] = ["REACHED", "NO_ANSWER", "BUSY", "CALLBACK", "NOT_INTERESTED", "INTERESTED", "CONVERTED", "WRONG_NUMBER", "OPT_OUT"];

/** Outcomes in which nobody was reached (best time to call counts them as misses). */
export const NOT_REACHED_OUTCOMES: readonly CallOutcome[] = ["NO_ANSWER", "BUSY", "WRONG_NUMBER"];

export function wasReached(outcome: CallOutcome): boolean {
  return !NOT_REACHED_OUTCOMES.includes(outcome);
}

/**
 * The touchpoint's outcome text (stored data, in the words the demo history uses), so the best time
 * to call reads this list's calls like every other outbound phone touchpoint.
 */
export const TOUCHPOINT_OUTCOME_TEXT: Readonly<Record<CallOutcome, string>> = {
  REACHED: "Reached",
  NO_ANSWER: "No answer",
  BUSY: "Busy",
  CALLBACK: "Callback requested",
  NOT_INTERESTED: "Not interested",
  INTERESTED: "Interested",
  CONVERTED: "Offer accepted",
  WRONG_NUMBER: "Wrong number",
  OPT_OUT: "Opted out of calls",
};

/**
 * Outcome texts of outbound phone touchpoints that mean nobody was reached (lower case). Every other
 * recorded outcome — and a touchpoint with none, a call logged by hand — counts as reached.
 */
export const NOT_REACHED_TEXTS: readonly string[] = ["no answer", "busy", "wrong number", "voicemail", "not reached", "line busy"];

export function touchpointReached(outcome: string | null): boolean {
  if (outcome === null) return true;
  return !NOT_REACHED_TEXTS.includes(outcome.trim().toLowerCase());
}

/** The same test in SQL for an outcome text expression. */
export function touchpointReachedSql(outcome: string): string {
  return `(${outcome} IS NULL OR lower(btrim(${outcome})) NOT IN (${NOT_REACHED_TEXTS.map((t) => `'${t}'`).join(", ")}))`;
}

export type EntryAfterCall = {
  status: CallEntryStatus;
  attempts: number;
  /** When the record is due again (unchanged for a final outcome). */
  dueAt: Date;
};

export type EntryBeforeCall = { attempts: number; dueAt: Date };
export type ListLimits = { maxAttempts: number; retryMinutes: number };

/** The entry after a call with `outcome` at `now`; `callbackAt` is required for CALLBACK. */
export function entryAfterCall(entry: EntryBeforeCall, limits: ListLimits, outcome: CallOutcome, now: Date, callbackAt: Date | null): EntryAfterCall {
  const attempts = entry.attempts + 1;
  switch (outcome) {
    case "NO_ANSWER":
    case "BUSY":
      if (attempts >= limits.maxAttempts) return { status: "EXHAUSTED", attempts, dueAt: entry.dueAt };
      return { status: "QUEUED", attempts, dueAt: new Date(now.getTime() + limits.retryMinutes * 60_000) };
    case "CALLBACK":
      if (callbackAt === null) throw new RangeError("a callback needs its time");
      return { status: "CALLBACK", attempts, dueAt: callbackAt };
    default:
      return { status: "DONE", attempts, dueAt: entry.dueAt };
  }
}

/** Why a callback time is refused, or null: it must lie ahead, within 90 days. */
export const MAX_CALLBACK_DAYS = 90;
export function callbackRefusal(callbackAt: Date, now: Date): "past" | "tooFar" | null {
  if (callbackAt.getTime() <= now.getTime()) return "past";
  if (callbackAt.getTime() > now.getTime() + MAX_CALLBACK_DAYS * 86_400_000) return "tooFar";
  return null;
}

const MEMBER_TARGET: Readonly<Record<CallOutcome, CampaignMemberStatus | null>> = {
  REACHED: "CONTACTED",
  CALLBACK: "CONTACTED",
  NOT_INTERESTED: "DECLINED",
  INTERESTED: "RESPONDED",
  CONVERTED: "CONVERTED",
  OPT_OUT: "OPTED_OUT",
  NO_ANSWER: null,
  BUSY: null,
  WRONG_NUMBER: null,
};

/** How far along a member is; a call never moves a member back (a converted customer stays converted). */
const MEMBER_RANK: Readonly<Record<CampaignMemberStatus, number>> = {
  TARGETED: 0,
  CONTACTED: 1,
  DECLINED: 2,
  RESPONDED: 2,
  CONVERTED: 3,
  OPTED_OUT: 4,
};

/** The member's new status after the call, or null when the call changes nothing. */
export function memberStatusAfterCall(current: CampaignMemberStatus, outcome: CallOutcome): CampaignMemberStatus | null {
  const target = MEMBER_TARGET[outcome];
  if (target === null || target === current) return null;
  // An opt-out always stands (the customer said so); anything else only moves forward.
  if (target === "OPTED_OUT") return target;
  return MEMBER_RANK[target] > MEMBER_RANK[current] ? target : null;
}

/** Does the outcome put the customer on the stop-call list? */
export function optsOut(outcome: CallOutcome): boolean {
  return outcome === "OPT_OUT";
}

/** Statuses an agent may still be given by "next call". */
export const OPEN_ENTRY_STATUSES: readonly CallEntryStatus[] = ["QUEUED", "CALLBACK", "IN_CALL"];
/** Statuses that are finished (no more calls). */
export const CLOSED_ENTRY_STATUSES: readonly CallEntryStatus[] = ["DONE", "EXHAUSTED", "DO_NOT_CALL"];

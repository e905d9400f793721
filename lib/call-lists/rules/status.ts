import type { CallListStatus } from "@/lib/platform/enums";

/**
 * A call list's workflow: ACTIVE (agents take its records), PAUSED (kept, nobody is given its
 * records), COMPLETED (closed for good; what is left stays unworked and counted).
 */
const TRANSITIONS: Record<CallListStatus, readonly CallListStatus[]> = {
  ACTIVE: ["PAUSED", "COMPLETED"],
  PAUSED: ["ACTIVE", "COMPLETED"],
  COMPLETED: [],
};

export function canMoveList(from: CallListStatus, to: CallListStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function nextListStatuses(from: CallListStatus): CallListStatus[] {
  return [...TRANSITIONS[from]];
}

/** Roles an agent seat may go to: who works phones (admins manage, they are not seated). */
export const SEAT_ROLES = ["MANAGER", "REP", "AGENT"] as const;

import { TicketStatus } from "@/lib/platform/enums";

/**
 * The ticket workflow. A status names who holds the ball: NEW waits in the queue, ASSIGNED and
 * REOPENED wait for the agent, IN_PROGRESS is being worked, WAITING_ON_CUSTOMER stops the SLA clock
 * until the customer answers, RESOLVED waits for the customer's confirmation (and rating), CLOSED is
 * final unless the customer comes back (REOPENED).
 */
const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  NEW: ["ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED"],
  ASSIGNED: ["NEW", "IN_PROGRESS", "WAITING_ON_CUSTOMER", "RESOLVED"],
  IN_PROGRESS: ["WAITING_ON_CUSTOMER", "RESOLVED"],
  WAITING_ON_CUSTOMER: ["IN_PROGRESS", "RESOLVED"],
  RESOLVED: ["CLOSED", "REOPENED"],
  CLOSED: ["REOPENED"],
  REOPENED: ["IN_PROGRESS", "WAITING_ON_CUSTOMER", "RESOLVED"],
};

/**
 * Statuses in which a ticket still needs work (it counts against an agent's load and its SLA runs).
 * The partial index of the routing's load lists them too (migration ticket_open_load_index): change both.
 */
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = ["NEW", "ASSIGNED", "IN_PROGRESS", "WAITING_ON_CUSTOMER", "REOPENED"];

export function isOpenTicket(status: TicketStatus): boolean {
  return OPEN_TICKET_STATUSES.includes(status);
}

export function canMoveTicket(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses a person may choose next (assignment moves NEW <-> ASSIGNED itself, so those are not offered). */
export function nextTicketStatuses(from: TicketStatus): TicketStatus[] {
  return TRANSITIONS[from].filter((s) => s !== "ASSIGNED" && s !== "NEW");
}

/** What a status change does besides the status: stamps, and the SLA clock (paused while waiting on the customer). */
export type StatusEffects = {
  pause: boolean;
  resume: boolean;
  resolved: boolean;
  closed: boolean;
  reopened: boolean;
};

export function statusEffects(from: TicketStatus, to: TicketStatus): StatusEffects {
  return {
    pause: to === "WAITING_ON_CUSTOMER" && from !== "WAITING_ON_CUSTOMER",
    resume: from === "WAITING_ON_CUSTOMER" && to !== "WAITING_ON_CUSTOMER",
    resolved: to === "RESOLVED",
    closed: to === "CLOSED",
    reopened: to === "REOPENED",
  };
}

/**
 * The status after a message: an agent's reply starts the work; the customer's message answers a
 * wait, or reopens a ticket that was resolved or closed.
 */
export function statusAfterMessage(status: TicketStatus, from: "agent" | "customer"): TicketStatus {
  if (from === "agent") return status === "NEW" || status === "ASSIGNED" || status === "REOPENED" ? "IN_PROGRESS" : status;
  if (status === "WAITING_ON_CUSTOMER") return "IN_PROGRESS";
  if (status === "RESOLVED" || status === "CLOSED") return "REOPENED";
  return status;
}

export const TICKET_STATUSES = Object.values(TicketStatus);

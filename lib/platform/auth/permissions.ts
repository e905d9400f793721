/**
 * The access policy of ../shared/PERMISSIONS.md as one table: role x action -> scope, and one
 * function that decides a scope against a record's ownership. The data-access layer calls `can`
 * for single records and `scopeFor` to build list filters; nothing else decides access.
 */
import type { Role } from "@/lib/platform/enums";
import { nowMs } from "@/lib/platform/clock";

export const ROLES = ["ADMIN", "MANAGER", "REP", "AGENT"] as const satisfies readonly Role[];

export type Actor = { id: number; role: Role; teamId: number | null };

/**
 * How far a role's right reaches for one action.
 * - all: any record; none: no record
 * - team: the record's owner is in the actor's team (includes the actor's own records)
 * - teamOrUnassigned / ownOrUnassigned: as named, or the record has no owner yet
 * - own: the actor owns the record; unassigned: only records with no owner (an agent's new customer)
 * - assigned: the record is assigned to the actor; assignedOrUnassigned: or waiting in the queue
 * - ownWithin24h: the actor authored it less than 24 hours ago
 */
export type Scope =
  | "all"
  | "none"
  | "team"
  | "teamOrUnassigned"
  | "own"
  | "ownOrUnassigned"
  | "unassigned"
  | "assigned"
  | "assignedOrUnassigned"
  | "ownWithin24h";

type Row = Record<Role, Scope>;
const row = (ADMIN: Scope, MANAGER: Scope, REP: Scope, AGENT: Scope): Row => ({ ADMIN, MANAGER, REP, AGENT });

/**
 * Ownership means different things per entity; the DAL fills RecordRef accordingly:
 * customer/contact/lead/opportunity/quote/segment: owner; touchpoint: author; ticket read: the
 * customer's owner, ticket edit: the assignee; campaign member: the customer's owner (REP) or the
 * call-list assignee (AGENT); audit entries: the owner of the audited record.
 */
export const POLICY = {
  "customer.read": row("all", "all", "all", "all"),
  "customer.create": row("all", "team", "own", "unassigned"),
  "customer.edit": row("all", "teamOrUnassigned", "own", "none"),
  "customer.setDoNotContact": row("all", "all", "all", "all"),
  "customer.reassign": row("all", "team", "none", "none"),
  "customer.delete": row("all", "team", "none", "none"),
  "touchpoint.read": row("all", "all", "all", "all"),
  "touchpoint.create": row("all", "all", "all", "all"),
  "touchpoint.edit": row("all", "team", "ownWithin24h", "ownWithin24h"),
  "order.read": row("all", "all", "all", "all"),
  "order.create": row("all", "none", "none", "none"),
  "order.createFromQuote": row("all", "team", "own", "none"),
  "order.edit": row("all", "none", "none", "none"),
  // Export: PERMISSIONS.md's "customer, lead: export" row (a rep takes only their own book out); an
  // export is a list, so it is also bounded by the read right.
  "customer.export": row("all", "all", "own", "none"),
  // "order history, customers, leads: import": all / team (owners in team) / own (owner = self) /
  // none for order history (an agent imports customers only). Checked per order against its customer.
  "order.import": row("all", "team", "own", "none"),
  "lead.read": row("all", "teamOrUnassigned", "ownOrUnassigned", "none"),
  "lead.create": row("all", "team", "own", "none"),
  "lead.edit": row("all", "teamOrUnassigned", "own", "none"),
  "lead.export": row("all", "all", "own", "none"),
  "opportunity.read": row("all", "team", "own", "none"),
  "opportunity.edit": row("all", "team", "own", "none"),
  // "quote: approve a discount above the approval threshold": the quote's deal owner decides the team.
  "quote.approveDiscount": row("all", "team", "none", "none"),
  "product.edit": row("all", "none", "none", "none"),
  // Not in PERMISSIONS.md's table, read as follows: the price list and partner accounts are reference
  // data everyone who quotes or sells through partners must read; agents quote nothing but see products
  // when cross-selling on inbound calls. Editing them is the admin's, like products.
  "product.read": row("all", "all", "all", "all"),
  "partner.read": row("all", "all", "all", "none"),
  "partner.edit": row("all", "none", "none", "none"),
  // Sales targets (quotas): a manager sets the team's and its reps'; everyone reads their own through
  // the pipeline dashboard's scope.
  "target.edit": row("all", "team", "none", "none"),
  // Time management (DOMAIN.md §8; not in the table): everyone keeps their own tasks and calendar; a
  // manager plans the team's. Team calendars are visible to the team so clashes can be avoided.
  "task.read": row("all", "team", "own", "own"),
  "task.edit": row("all", "team", "own", "own"),
  "appointment.read": row("all", "team", "team", "own"),
  "appointment.edit": row("all", "team", "own", "own"),
  // Whom one may invite: the invitee stands as the record's owner. PERMISSIONS.md lets a manager also
  // invite admins, who belong to no team: the data layer's invitee filter adds them for managers.
  "appointment.invite": row("all", "team", "team", "team"),
  "campaign.read": row("all", "all", "all", "all"),
  "campaign.edit": row("all", "all", "none", "none"),
  "campaignMember.respond": row("all", "all", "own", "assigned"),
  "callList.manage": row("all", "all", "none", "none"),
  "callList.work": row("all", "all", "assigned", "assigned"),
  "ticket.read": row("all", "all", "own", "all"),
  "ticket.create": row("all", "all", "all", "all"),
  "ticket.edit": row("all", "all", "none", "assignedOrUnassigned"),
  "ticket.reassign": row("all", "all", "none", "none"),
  "ticket.templates": row("all", "all", "none", "none"),
  "segment.read": row("all", "all", "all", "all"),
  "segment.edit": row("all", "own", "none", "none"),
  "admin.manage": row("all", "none", "none", "none"),
  "score.recompute": row("all", "none", "none", "none"),
  "audit.read": row("all", "team", "none", "none"),
  "recycleBin.use": row("all", "team", "none", "none"),
  "dashboard.value": row("all", "team", "own", "none"),
  "dashboard.pipeline": row("all", "team", "own", "none"),
  "dashboard.service": row("all", "all", "none", "own"),
} as const satisfies Record<string, Row>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

/** What the DAL knows about a record's ownership; fields that do not apply stay undefined. */
export type RecordRef = {
  ownerId?: number | null;
  ownerTeamId?: number | null;
  assignedToId?: number | null;
  createdAt?: Date;
};

const DAY_MS = 24 * 60 * 60 * 1000;

export function scopeFor(actor: Actor, action: Action): Scope {
  return POLICY[action][actor.role];
}

/** `now` matters only to time-bound scopes (ownWithin24h); left out, the app's clock is read then. */
export function scopeAllows(scope: Scope, actor: Actor, record: RecordRef | undefined, now?: Date): boolean {
  if (scope === "all") return true;
  if (scope === "none" || !record) return false;
  const owner = record.ownerId ?? null;
  const own = owner !== null && owner === actor.id;
  const inTeam = own || (actor.teamId !== null && record.ownerTeamId != null && record.ownerTeamId === actor.teamId);
  switch (scope) {
    case "team":
      return owner !== null && inTeam;
    case "teamOrUnassigned":
      return owner === null || inTeam;
    case "own":
      return own;
    case "ownOrUnassigned":
      return owner === null || own;
    case "unassigned":
      return owner === null;
    case "assigned":
      return record.assignedToId != null && record.assignedToId === actor.id;
    case "assignedOrUnassigned":
      return record.assignedToId == null || record.assignedToId === actor.id;
    case "ownWithin24h":
      return own && record.createdAt !== undefined && (now?.getTime() ?? nowMs()) - record.createdAt.getTime() < DAY_MS;
  }
}

/** May `actor` do `action`? Without a record: does the role have the right anywhere at all. */
export function can(actor: Actor, action: Action, record?: RecordRef, now?: Date): boolean {
  const scope = scopeFor(actor, action);
  if (record === undefined) return scope !== "none";
  return scopeAllows(scope, actor, record, now);
}

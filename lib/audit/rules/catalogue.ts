/**
 * What the audit log viewer knows about the rows lib/platform/audit.ts writes: the actions it offers
 * as filters, which of them are security events, the entities it offers, and which entities have a
 * page to link to. Pure: no I/O.
 */

/** Every action the app writes (lib/platform/audit.ts keeps the list). */
import type { AuditAction } from "@/lib/platform/audit-catalogue";

export { AUDIT_ACTIONS } from "@/lib/platform/audit-catalogue";
export type AuditActionName = AuditAction;

/** The action filter's group choice "every sign-in event": successful, failed and rate-limited sign-ins. */
export const SIGN_IN_GROUP = "SIGN_IN";
export const SIGN_IN_ACTIONS: readonly AuditActionName[] = ["LOGIN", "LOGIN_FAILED", "LOGIN_RATE_LIMITED"];

/**
 * Security events say something about people's access rather than about a business record: who
 * signed in, who failed to, who was refused. They are the administrator's alone, whatever entity
 * the row names (a refused read of a team's customer included).
 */
export const SECURITY_ACTIONS: readonly AuditActionName[] = [...SIGN_IN_ACTIONS, "DENIED"];

/** The entities the app writes rows for (the viewer's entity choice); other names still filter by URL. */
export const AUDIT_ENTITIES = [
  "Appointment",
  "AuditLog",
  "Campaign",
  "Contact",
  "Csat",
  "Customer",
  "InboundMail",
  "Lead",
  "Opportunity",
  "Order",
  "Partner",
  "Product",
  "ProductCategory",
  "Quote",
  "SalesTarget",
  "ScoreRun",
  "Segment",
  "Setting",
  "Setup",
  "Task",
  "Team",
  "Ticket",
  "Touchpoint",
  "User",
] as const;

const RECORD_PAGES: Record<string, (id: string) => string> = {
  Customer: (id) => `/customers/${id}`,
  Lead: (id) => `/leads/${id}`,
  Opportunity: (id) => `/opportunities/${id}`,
  Ticket: (id) => `/tickets/${id}`,
  Task: (id) => `/tasks/${id}`,
  Appointment: (id) => `/calendar/${id}`,
  Partner: (id) => `/partners/${id}`,
  Product: (id) => `/products/${id}`,
};

/** The page of the audited record, when it has one and the id is a record id (not a setting's key). */
export function recordHref(entity: string, entityId: string | null): string | null {
  if (entityId === null || !/^\d{1,10}$/.test(entityId)) return null;
  const page = RECORD_PAGES[entity];
  return page ? page(entityId) : null;
}

/** The history of one record in the audit log viewer (the "History" link on record pages). */
export function historyHref(entity: string, entityId: number | string): string {
  return `/admin/audit?${new URLSearchParams({ entity, entityId: String(entityId) }).toString()}`;
}

/** Every action an audit row may name (also those written by SQL: RECOMPUTE, REFRESH, IMPORT); the viewer offers these. */
export const AUDIT_ACTIONS = [
  "CREATE",
  "UPDATE",
  "DELETE",
  "RESTORE",
  "PURGE",
  "MERGE",
  "ASSIGN",
  "NOTE",
  "REPLY",
  "ESCALATE",
  "IMPORT",
  "EXPORT",
  "RECOMPUTE_START",
  "RECOMPUTE",
  "REFRESH",
  "LOGIN",
  "LOGIN_FAILED",
  "LOGIN_RATE_LIMITED",
  "DENIED",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

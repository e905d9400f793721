import "server-only";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { writeAudit } from "@/lib/platform/audit";
import { db } from "@/lib/platform/db/prisma";
import { csvExportResponse, type ExportColumn } from "@/lib/platform/export/csv-exporter";
import { type AuditEntry, iterateAuditEntries } from "@/lib/audit/queries";
import { auditFilterParams, parseAuditFilters } from "@/lib/audit/schema";

const COLUMNS: ExportColumn<AuditEntry>[] = [
  { header: "id", value: (r) => r.id },
  { header: "at", value: (r) => r.at },
  { header: "userId", value: (r) => r.userId },
  { header: "user", value: (r) => r.userName },
  { header: "action", value: (r) => r.action },
  { header: "entity", value: (r) => r.entity },
  { header: "entityId", value: (r) => r.entityId },
  { header: "changes", value: (r) => (r.changes === null || r.changes === undefined ? null : JSON.stringify(r.changes)) },
  { header: "ip", value: (r) => r.ip },
];

/**
 * The audit log (the viewer's URL parameters) as CSV, through the platform exporter: streamed in
 * keyset batches, formula-safe, and itself recorded as an EXPORT row with its filters and row count.
 * Same rows as the viewer shows, in the same order, within the same scope; a refused role gets 403
 * and a DENIED row; bad parameters are a 400 that names the field.
 */
export async function exportAuditLog(actor: Actor | null, params: URLSearchParams, timeZone: string): Promise<Response> {
  if (!actor) return new Response("not allowed", { status: 401 });
  if (!can(actor, "audit.read")) {
    await writeAudit(await db(), { userId: actor.id, action: "DENIED", entity: "AuditLog", detail: { action: "audit.read", export: true } });
    return new Response("not allowed", { status: 403 });
  }
  const parsed = parseAuditFilters(params);
  if (!parsed.ok) {
    const [field, message] = Object.entries(parsed.errors)[0];
    return new Response(`${field}: ${message}`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const filters = { ...parsed.filters, after: undefined };
  return csvExportResponse({
    actor,
    entity: "AuditLog",
    fileStem: "audit-log",
    filters: { ...Object.fromEntries(auditFilterParams(filters)), timeZone },
    columns: COLUMNS,
    batches: iterateAuditEntries(actor, filters, timeZone),
  });
}

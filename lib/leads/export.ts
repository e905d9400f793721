import "server-only";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { type LeadListQuery, parseLeadListQuery, serializeLeadListQuery } from "@/lib/leads/rules/list-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import { csvExportResponse, type ExportColumn } from "@/lib/platform/export/csv-exporter";
import { writeAudit } from "@/lib/platform/audit";
import { db } from "@/lib/platform/db/prisma";
import { LEAD_SELECT, leadListWhere } from "@/lib/leads/mutations";

type LeadExportRow = Prisma.LeadGetPayload<{ select: typeof LEAD_SELECT }>;

const COLUMNS: ExportColumn<LeadExportRow>[] = [
  { header: "id", value: (l) => l.id },
  { header: "name", value: (l) => l.name },
  { header: "company", value: (l) => l.company },
  { header: "email", value: (l) => l.email },
  { header: "phone", value: (l) => l.phone },
  { header: "region", value: (l) => l.region },
  { header: "source", value: (l) => l.source },
  { header: "status", value: (l) => l.status },
  { header: "ownerName", value: (l) => l.owner?.name ?? null },
  { header: "createdAt", value: (l) => l.createdAt },
];

/** The list's leads within the export scope, a batch at a time along the id (keyset, no OFFSET). */
export async function* iterateLeads(actor: Actor, query: Omit<LeadListQuery, "sort" | "dir" | "page">, batchSize = 1000): AsyncGenerator<LeadExportRow[]> {
  if (!can(actor, "lead.read") || !can(actor, "lead.export")) return;
  const prisma = await db();
  const where = leadListWhere(actor, query, "lead.export");
  let after = 0;
  for (;;) {
    const rows = await prisma.lead.findMany({ where: { AND: [where, { id: { gt: after } }] }, orderBy: { id: "asc" }, take: batchSize, select: LEAD_SELECT });
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1].id;
  }
}

/** The leads list (same URL parameters as the page) as CSV, within what the actor may export. */
export async function exportLeads(actor: Actor | null, params: URLSearchParams): Promise<Response> {
  if (!actor) return new Response("not allowed", { status: 401 });
  if (!can(actor, "lead.export") || !can(actor, "lead.read")) {
    await writeAudit(await db(), { userId: actor.id, action: "DENIED", entity: "Lead", detail: { action: "lead.export" } });
    return new Response("not allowed", { status: 403 });
  }
  const query = parseLeadListQuery(Object.fromEntries(params));
  return csvExportResponse({
    actor,
    entity: "Lead",
    fileStem: "leads",
    filters: Object.fromEntries(new URLSearchParams(serializeLeadListQuery(query))),
    columns: COLUMNS,
    batches: iterateLeads(actor, query),
  });
}

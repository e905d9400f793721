import "server-only";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { type CustomerListItem, iterateCustomers, listCustomersByIds } from "@/lib/customers/queries";
import { parseListQuery, serializeListQuery } from "@/lib/customers/rules/list-query";
import { csvExportResponse, type ExportColumn } from "@/lib/platform/export/csv-exporter";
import { writeAudit } from "@/lib/platform/audit";
import { db } from "@/lib/platform/db/prisma";

const KEYS: (keyof CustomerListItem)[] = [
  "id",
  "name",
  "kind",
  "email",
  "phone",
  "company",
  "region",
  "industry",
  "ownerName",
  "tier",
  "abcSegment",
  "lifecycleStage",
  "rfmCode",
  "rfmGroup",
  "totalSpend",
  "predictedClv",
  "churnRisk",
  "lastPurchaseAt",
  "lastContactAt",
  "dncPhone",
  "dncEmail",
  "dncMail",
  "dncSms",
];
const COLUMNS: ExportColumn<CustomerListItem>[] = KEYS.map((key) => ({ header: key, value: (row) => row[key] }));

/** A selection's ids: whole numbers a customer id can be (int4), at most a thousand. */
function selectedIds(raw: string | null): number[] | null {
  if (raw === null) return null;
  return raw
    .split(",")
    .filter((s) => /^\d{1,10}$/.test(s.trim()))
    .map(Number)
    .filter((n) => n > 0 && n <= 2_147_483_647)
    .slice(0, 1000);
}

/**
 * The customer list (same URL parameters as the page) or a selection (?ids=1,2,3) as CSV, within
 * what the actor may export (a rep: their own customers), streamed along the list's keyset.
 */
export async function exportCustomers(actor: Actor | null, params: URLSearchParams): Promise<Response> {
  if (!actor) return new Response("not allowed", { status: 401 });
  if (!can(actor, "customer.export")) {
    await writeAudit(await db(), { userId: actor.id, action: "DENIED", entity: "Customer", detail: { action: "customer.export" } });
    return new Response("not allowed", { status: 403 });
  }
  const ids = selectedIds(params.get("ids"));
  const query = { ...parseListQuery(params), after: undefined, before: undefined };
  const batches: AsyncIterable<CustomerListItem[]> = ids
    ? (async function* () {
        yield await listCustomersByIds(actor, ids);
      })()
    : iterateCustomers(actor, query, 1000);
  const filters = ids ? { ids } : Object.fromEntries(serializeListQuery(query));
  return csvExportResponse({ actor, entity: "Customer", fileStem: "customers", filters, columns: COLUMNS, batches });
}

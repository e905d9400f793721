import "server-only";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { TableWriter } from "@/lib/platform/db/bulk";
import { getDatabase } from "@/lib/platform/db/client";
import type { SqlRunner } from "@/lib/platform/db/sql";
import { diffRecords } from "@/lib/platform/audit-diff";
import { type GroupedOrder, groupOrderLines, type OrderImportField, orderImportSpec, type OrderLineRow, orderTotals } from "@/lib/orders/rules/import-spec";
import { formatCents } from "@/lib/platform/money";
import { now as clockNow } from "@/lib/platform/clock";
import type { ValidatedRow } from "@/lib/platform/import/field-spec";
import type { ImportTarget } from "@/lib/platform/import/handlers";
import { type ImportProgress, type ImportReport, ImportReportBuilder } from "@/lib/platform/import/report";
import { MAX_CENTS } from "@/lib/platform/import/values";
import { writeAudit } from "@/lib/platform/audit";
import { db } from "@/lib/platform/db/prisma";
import { NotAllowedError } from "@/lib/platform/errors";

/** Order lines written per batch (one COPY each for orders, lines and audit rows). */
export const ORDER_BATCH_LINES = 10_000;

/** Order imports take turns (a transaction-scoped advisory lock), so two runs of one file cannot both add it. */
const ORDER_IMPORT_LOCK = 7_310_001;

type CustomerRef = { id: number; externalId: string | null; email: string | null; phoneDigits: string | null; ownerId: number | null; ownerTeamId: number | null };
type ProductRef = { id: number; sku: string; unitCost: string };

const utc = (date: Date) => date.toISOString().replace("Z", "");
const unique = <T>(values: (T | null)[]) => [...new Set(values.filter((v): v is T => v !== null))];

/** "12.30" → 1230n: the database's exact decimal text, never through a float. */
function cents(decimal: string): bigint {
  const [whole, fraction = ""] = decimal.split(".");
  const negative = whole.startsWith("-");
  const abs = BigInt(negative ? whole.slice(1) : whole) * 100n + BigInt(fraction.padEnd(2, "0").slice(0, 2));
  return negative ? -abs : abs;
}

function index<T>(rows: T[], key: (row: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = map.get(k) ?? [];
    list.push(row);
    map.set(k, list);
  }
  return map;
}

type Resolution = { ok: true; customer: CustomerRef } | { ok: false; reason: "unknownCustomer" | "ambiguousCustomer" };

/**
 * The order's customer: by external id, else by email, else by phone digits; the first key that
 * names exactly one (not deleted) customer wins. A key shared by several customers decides nothing.
 */
function resolver(customers: CustomerRef[]): (order: GroupedOrder) => Resolution {
  const byExternalId = index(customers, (c) => c.externalId);
  const byEmail = index(customers, (c) => c.email?.toLowerCase() ?? null);
  const byPhone = index(customers, (c) => c.phoneDigits);
  return ({ customer }) => {
    let ambiguous = false;
    for (const [map, key] of [
      [byExternalId, customer.externalId],
      [byEmail, customer.email],
      [byPhone, customer.phone],
    ] as const) {
      if (key === null) continue;
      const hits = map.get(key);
      if (!hits) continue;
      if (hits.length === 1) return { ok: true, customer: hits[0] };
      ambiguous = true;
    }
    return { ok: false, reason: ambiguous ? "ambiguousCustomer" : "unknownCustomer" };
  };
}

const ORDER_COLUMNS = {
  id: "int",
  customerId: "int",
  orderedAt: "timestamp",
  status: "enum:OrderStatus",
  total: "money",
  margin: "money",
  externalId: "text",
  createdById: "int",
  createdAt: "timestamp",
} as const;
const LINE_COLUMNS = { orderId: "int", productId: "int", quantity: "int", unitPrice: "money", discount: "money", lineTotal: "money", lineCost: "money" } as const;
const AUDIT_COLUMNS = { at: "timestamp", userId: "int", action: "text", entity: "text", entityId: "text", changes: "json" } as const;

type Priced = { order: GroupedOrder; customer: CustomerRef; productIds: number[]; totalCents: bigint; marginCents: bigint; lineCosts: bigint[] };

/**
 * Writes priced orders: ids reserved from the sequence, then orders, lines and one audit row per
 * order by COPY (the bulk path the seed uses; Prisma's createMany takes ~11 s per 100,000 rows).
 */
async function writeOrders(tx: SqlRunner, actor: Actor, batch: Priced[], at: Date): Promise<number[]> {
  const ids = await tx.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('"Order"', 'id'))::int AS "id" FROM generate_series(1, $1::int)`, [batch.length]);
  const orders = new TableWriter("Order", ORDER_COLUMNS, false);
  const lines = new TableWriter("OrderLine", LINE_COLUMNS, false);
  const audits = new TableWriter("AuditLog", AUDIT_COLUMNS, false);
  const atMs = at.getTime();
  batch.forEach((p, i) => {
    const id = ids[i].id;
    orders.add({
      id,
      customerId: p.customer.id,
      orderedAt: p.order.orderedAt.getTime(),
      status: p.order.status,
      total: Number(p.totalCents),
      margin: Number(p.marginCents),
      externalId: p.order.orderNumber,
      createdById: actor.id,
      createdAt: atMs,
    });
    p.order.lines.forEach(({ value }, j) => {
      lines.add({
        orderId: id,
        productId: p.productIds[j],
        quantity: value.quantity,
        unitPrice: Number(value.unitPriceCents),
        discount: Number(value.discountCents),
        lineTotal: Number(value.lineTotalCents),
        lineCost: Number(p.lineCosts[j]),
      });
    });
    const after = {
      externalId: p.order.orderNumber,
      customerId: p.customer.id,
      orderedAt: p.order.orderedAt,
      status: p.order.status,
      total: formatCents(p.totalCents),
      margin: formatCents(p.marginCents),
      lines: p.order.lines.length,
    };
    audits.add({ at: atMs, userId: actor.id, action: "CREATE", entity: "Order", entityId: String(id), changes: JSON.stringify(diffRecords(null, after)) });
  });
  await orders.flush(tx);
  await lines.flush(tx);
  await audits.flush(tx);
  return ids.map((r) => r.id);
}

/**
 * Imports order history (one CSV row per order line) in ONE transaction: everything or, on an
 * unexpected failure, nothing. An order is matched to its customer by external id, email or phone
 * digits and its lines to products by SKU; amounts are exact cents. An order whose number was
 * imported before is skipped, so importing the same file again changes nothing. Completed orders add
 * to their customers' purchase totals (spend, first and last purchase) as winning a quote does.
 * Each order is checked against the importer's right for its customer (a manager: customers owned
 * in the team).
 */
export async function importOrders(actor: Actor, rows: ValidatedRow<OrderLineRow>[], onProgress?: ImportProgress): Promise<ImportReport> {
  if (!can(actor, "order.import")) throw new NotAllowedError({ userId: actor.id, action: "order.import", entity: "Order", entityId: null });
  const report = new ImportReportBuilder(orderImportSpec.messages);
  report.validOnly(rows);
  const { orders, failures } = groupOrderLines(rows);
  for (const f of failures) for (const line of f.lines) report.fail(line, f.reason, { name: f.orderNumber, detail: f.detail });
  const database = await getDatabase();
  const at = clockNow();
  const totalLines = orders.reduce((n, o) => n + o.lines.length, 0);
  let imported = 0;

  await database.sql.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [ORDER_IMPORT_LOCK]);
    const products = await tx.query<ProductRef>(`SELECT "id", "sku", "unitCost"::text AS "unitCost" FROM "Product" WHERE "sku" = ANY($1::text[])`, [
      unique(orders.flatMap((o) => o.lines.map((l) => l.value.sku))),
    ]);
    const customers = await tx.query<CustomerRef>(
        `SELECT c."id", c."externalId", c."email", c."phoneDigits", c."ownerId", u."teamId" AS "ownerTeamId"
         FROM "Customer" c LEFT JOIN "User" u ON u."id" = c."ownerId"
         WHERE c."deletedAt" IS NULL AND (c."externalId" = ANY($1::text[]) OR c."email" = ANY($2::text[]) OR c."phoneDigits" = ANY($3::text[]))`,
      [unique(orders.map((o) => o.customer.externalId)), unique(orders.map((o) => o.customer.email)), unique(orders.map((o) => o.customer.phone))],
    );
    const existing = await tx.query<{ id: number; externalId: string }>(`SELECT "id", "externalId" FROM "Order" WHERE "externalId" = ANY($1::text[])`, [orders.map((o) => o.orderNumber)]);
    const productBySku = new Map(products.map((p) => [p.sku, p]));
    const existingByNumber = new Map(existing.map((o) => [o.externalId, o.id]));
    const customerOf = resolver(customers);

    const priced: Priced[] = [];
    for (const order of orders) {
      const lines = order.lines.map((l) => l.line);
      const all = (reason: string, detail: string, id?: number) => {
        for (const line of lines) report.add({ line, status: reason === "alreadyImported" ? "skipped" : "failed", reason: `orderImport.report.${reason}`, name: order.orderNumber, detail, id });
      };
      const previous = existingByNumber.get(order.orderNumber);
      if (previous !== undefined) {
        all("alreadyImported", `#${previous}`, previous);
        continue;
      }
      const found = customerOf(order);
      if (!found.ok) {
        all(found.reason, [order.customer.externalId, order.customer.email, order.customer.phone].filter((k) => k !== null).join(", "));
        continue;
      }
      const { customer } = found;
      if (!can(actor, "order.import", { ownerId: customer.ownerId, ownerTeamId: customer.ownerTeamId })) {
        report.denied++;
        all("notAllowed", `#${customer.id}`);
        continue;
      }
      const missing = unique(order.lines.map((l) => (productBySku.has(l.value.sku) ? null : l.value.sku)));
      if (missing.length > 0) {
        all("unknownProduct", missing.join(", "));
        continue;
      }
      const productsOf = order.lines.map((l) => productBySku.get(l.value.sku)!);
      const totals = orderTotals(order.lines.map((l, i) => ({ quantity: l.value.quantity, lineTotalCents: l.value.lineTotalCents, unitCostCents: cents(productsOf[i].unitCost) })));
      if (totals.totalCents > MAX_CENTS || totals.lineCosts.some((c) => c > MAX_CENTS)) {
        all("tooLarge", formatCents(totals.totalCents));
        continue;
      }
      priced.push({ order, customer, productIds: productsOf.map((p) => p.id), totalCents: totals.totalCents, marginCents: totals.marginCents, lineCosts: totals.lineCosts });
    }

    // Batches of about ORDER_BATCH_LINES lines; an order never straddles two.
    let done = 0;
    onProgress?.(0, totalLines);
    for (let start = 0; start < priced.length; ) {
      let end = start;
      let size = 0;
      while (end < priced.length && (size === 0 || size + priced[end].order.lines.length <= ORDER_BATCH_LINES)) size += priced[end++].order.lines.length;
      const batch = priced.slice(start, end);
      const ids = await writeOrders(tx, actor, batch, at);
      batch.forEach((p, i) => {
        for (const { line } of p.order.lines) report.add({ line, status: "imported", id: ids[i], name: p.order.orderNumber });
      });
      imported += batch.length;
      done += size;
      onProgress?.(done, totalLines);
      start = end;
    }

    // Completed orders add to their customers' purchase totals, in one statement; the arithmetic is
    // the database's (no read-then-write), so a quote won meanwhile is not lost.
    const spend = new Map<number, { cents: bigint; first: Date; last: Date }>();
    for (const p of priced) {
      if (p.order.status !== "COMPLETED") continue;
      const s = spend.get(p.customer.id) ?? { cents: 0n, first: p.order.orderedAt, last: p.order.orderedAt };
      s.cents += p.totalCents;
      if (p.order.orderedAt < s.first) s.first = p.order.orderedAt;
      if (p.order.orderedAt > s.last) s.last = p.order.orderedAt;
      spend.set(p.customer.id, s);
    }
    if (spend.size > 0) {
      const entries = [...spend.entries()];
      await tx.query(
        `UPDATE "Customer" c SET "totalSpend" = c."totalSpend" + v.spend,
           "firstPurchaseAt" = LEAST(c."firstPurchaseAt", v.first), "lastPurchaseAt" = GREATEST(c."lastPurchaseAt", v.last), "updatedAt" = $5::timestamp
         FROM unnest($1::int[], $2::numeric[], $3::timestamp[], $4::timestamp[]) AS v(id, spend, first, last) WHERE c."id" = v.id`,
        [entries.map(([id]) => id), entries.map(([, s]) => formatCents(s.cents)), entries.map(([, s]) => utc(s.first)), entries.map(([, s]) => utc(s.last)), utc(at)],
      );
    }
    if (imported > 0) {
      const summary = report.finish();
      await tx.query(`INSERT INTO "AuditLog" ("at", "userId", "action", "entity", "entityId", "changes") VALUES ($1::timestamp, $2, 'IMPORT', 'Order', NULL, $3::jsonb)`, [
        utc(at),
        actor.id,
        JSON.stringify({ orders: imported, lines: summary.imported, skipped: summary.skipped, failed: summary.failed, customers: spend.size }),
      ]);
    }
  });
  if (report.denied > 0) await writeAudit(await db(), { userId: actor.id, action: "DENIED", entity: "Order", detail: { action: "order.import", orders: report.denied } });
  return report.finish();
}

/** Order history through the import pipeline (admins; managers for their team's customers). */
export const orderImport: ImportTarget<OrderImportField, OrderLineRow> = {
  spec: orderImportSpec,
  action: "order.import",
  entity: "Order",
  run: (actor, rows, _options, onProgress) => importOrders(actor, rows, onProgress),
};

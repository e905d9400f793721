/**
 * Order history import at scale: 100,000 order lines (25,000 orders of four lines) from CSV text to
 * committed rows — stream read, parse, validate, match customers and products, write orders, lines
 * and audit rows, update the customers' totals — printed beside a raw COPY of the same orders and
 * lines (ids already known, no checks, no audit). Issue target: <= 30 s on PGlite, <= 3x the COPY.
 * Benchmarks print; they never fail on time.
 *
 * Called by the benchmark runner with the seeded database (customers matched by email or phone). On
 * its own it makes a scratch PGlite with 20,000 customers and 500 products:
 *   npx tsx --conditions react-server tests/bench/order-import-bench.ts
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Actor } from "@/lib/platform/auth/permissions";
import { TableWriter } from "@/lib/platform/db/bulk";
import { connectPglite, type Database, setDatabase } from "@/lib/platform/db/client";
import { importOrders } from "@/lib/orders/import";
import { orderImportSpec, type OrderLineRow } from "@/lib/orders/rules/import-spec";
import { now } from "@/lib/platform/clock";
import { readCsvBytes } from "@/lib/platform/import/csv-reader";
import { guessMapping, type ValidatedRow, validateRows } from "@/lib/platform/import/field-spec";
import { formatMs } from "./measure";

const ORDERS = 25_000;
const LINES_PER_ORDER = 4;

type Buyer = { id: number; key: string; column: "email" | "phone" };
type Item = { id: number; sku: string; unitCost: number };

/** The same orders as CSV text and as resolved rows (for the COPY baseline). */
function makeHistory(buyers: Buyer[], items: Item[], prefix: string) {
  const header = "order number,order date,customer email,customer phone,status,sku,quantity,unit price,discount";
  const lines = [header];
  const orders: { id: number; customerId: number; at: number; total: number; margin: number; lines: { productId: number; quantity: number; price: number; discount: number; cost: number }[] }[] = [];
  const start = Date.UTC(2023, 0, 1);
  for (let o = 0; o < ORDERS; o++) {
    const buyer = buyers[(o * 7919) % buyers.length];
    const at = start + o * 37 * 60_000;
    const date = new Date(at).toISOString().slice(0, 16).replace("T", " ");
    const status = o % 20 === 0 ? "returned" : "completed";
    const order = { id: o + 1, customerId: buyer.id, at, total: 0, margin: 0, lines: [] as (typeof orders)[number]["lines"] };
    for (let l = 0; l < LINES_PER_ORDER; l++) {
      const item = items[(o * 31 + l * 17) % items.length];
      const quantity = 1 + ((o + l) % 5);
      const price = 999 + ((o * 13 + l * 101) % 90_000);
      const discount = l === 0 && o % 3 === 0 ? 50 : 0;
      const email = buyer.column === "email" ? buyer.key : "";
      const phone = buyer.column === "phone" ? buyer.key : "";
      lines.push(`${prefix}${o},${date},${email},${phone},${status},${item.sku},${quantity},${(price / 100).toFixed(2)},${discount ? (discount / 100).toFixed(2) : ""}`);
      const lineTotal = quantity * price - discount;
      order.lines.push({ productId: item.id, quantity, price, discount, cost: quantity * item.unitCost });
      order.total += lineTotal;
      order.margin += lineTotal - quantity * item.unitCost;
    }
    orders.push(order);
  }
  return { text: `${lines.join("\n")}\n`, orders };
}

/** A raw COPY of the same orders and lines, inside a transaction that is then rolled back. */
async function copyBaseline(db: Database, orders: ReturnType<typeof makeHistory>["orders"]): Promise<number> {
  const [{ max }] = await db.sql.query<{ max: number }>(`SELECT COALESCE(max(id), 0)::int + 1000000 AS max FROM "Order"`);
  let ms = 0;
  await db.sql
    .transaction(async (tx) => {
      const started = performance.now();
      const o = new TableWriter("Order", { customerId: "int", orderedAt: "timestamp", status: "enum:OrderStatus", total: "money", margin: "money" }, true, max);
      const l = new TableWriter("OrderLine", { orderId: "int", productId: "int", quantity: "int", unitPrice: "money", discount: "money", lineTotal: "money", lineCost: "money" }, false);
      for (const order of orders) {
        const id = o.add({ customerId: order.customerId, orderedAt: order.at, status: "COMPLETED", total: order.total, margin: order.margin });
        for (const line of order.lines) l.add({ orderId: id, productId: line.productId, quantity: line.quantity, unitPrice: line.price, discount: line.discount, lineTotal: line.quantity * line.price - line.discount, lineCost: line.cost });
      }
      await o.flush(tx);
      await l.flush(tx);
      ms = performance.now() - started;
      throw new Error("rollback");
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error && error.message === "rollback")) throw error;
    });
  return ms;
}

export async function benchOrderImport(db: Database, actor: Actor): Promise<void> {
  setDatabase(db);
  const buyers = (
    await db.sql.query<{ id: number; email: string | null; phone: string | null }>(
      `SELECT id, email, phone FROM "Customer" WHERE "deletedAt" IS NULL AND (email IS NOT NULL OR "phoneDigits" IS NOT NULL) ORDER BY id LIMIT 20000`,
    )
  )
    // Emails and phones that name one customer only, as an ERP's customer keys would.
    .map((c) => ({ id: c.id, key: c.email ?? c.phone ?? "", column: c.email ? ("email" as const) : ("phone" as const) }));
  const counts = new Map<string, number>();
  for (const b of buyers) counts.set(b.key, (counts.get(b.key) ?? 0) + 1);
  const unique = buyers.filter((b) => counts.get(b.key) === 1 && !b.key.includes(","));
  const items = (await db.sql.query<{ id: number; sku: string; cost: string }>(`SELECT id, sku, "unitCost"::text AS cost FROM "Product" ORDER BY id`)).map((p) => ({
    id: p.id,
    sku: p.sku,
    unitCost: Number(p.cost.replace(".", "")),
  }));
  // The machine is shared and timings are noisy: the app and the baseline run twice each,
  // interleaved, and the faster of each is compared (a new order-number prefix per app run, since a
  // second run of the same file would skip everything).
  let best: { ms: number; parse: number; validate: number; write: number; imported: number; failed: number; rows: ValidatedRow<OrderLineRow>[] } | null = null;
  let rawMs = Number.POSITIVE_INFINITY;
  let bytesLength = 0;
  for (let run = 0; run < 2; run++) {
    const { text, orders } = makeHistory(unique, items, `BENCH-${randomBytes(3).toString("hex")}-`);
    const bytes = new TextEncoder().encode(text);
    bytesLength = bytes.length;
    rawMs = Math.min(rawMs, await copyBaseline(db, orders));
    const t0 = performance.now();
    const csv = await readCsvBytes(bytes, orderImportSpec.limits);
    if (!csv.ok) throw new Error(`bench CSV unreadable: ${csv.problem.code}`);
    const t1 = performance.now();
    const rows = validateRows(orderImportSpec, csv.csv, guessMapping(orderImportSpec, csv.csv.headers), { now: now() });
    const t2 = performance.now();
    const report = await importOrders(actor, rows);
    const t3 = performance.now();
    if (!best || t3 - t0 < best.ms) best = { ms: t3 - t0, parse: t1 - t0, validate: t2 - t1, write: t3 - t2, imported: report.imported, failed: report.failed, rows };
  }
  if (!best) return;
  console.log(
    `  ${`import: ${(ORDERS * LINES_PER_ORDER).toLocaleString("en")} order lines, ${(bytesLength / 1024 / 1024).toFixed(1)} MB CSV`.padEnd(52)} ${formatMs(best.ms).padStart(9)}` +
      `   | raw COPY of the same orders + lines ${formatMs(rawMs).padStart(9)}  (x${(best.ms / rawMs).toFixed(1)})  target <= 30 s and <= x3` +
      `  [${best.imported} imported, ${best.failed} failed; faster of 2 runs each]`,
  );
  console.log(`    phases: read + parse ${formatMs(best.parse)}, validate ${formatMs(best.validate)}, match + write + totals + audit ${formatMs(best.write)}`);
  const again = performance.now();
  const second = await importOrders(actor, best.rows);
  console.log(`  ${"re-import of the same file (every order skipped)".padEnd(52)} ${formatMs(performance.now() - again).padStart(9)}  [${second.imported} imported, ${second.skipped} skipped]`);
}

/** A scratch database with customers (email or phone) and products, for running this bench alone. */
async function scratch(): Promise<{ db: Database; actor: Actor; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "summit-order-bench-"));
  const db = await connectPglite(path.join(dir, "pglite"));
  await db.sql.exec(`
    INSERT INTO "Team" (name) VALUES ('Bench');
    INSERT INTO "User" (email, name, "passwordHash", role, "teamId", "updatedAt") VALUES ('bench.admin@summit.test', 'Bench Admin', 'x', 'ADMIN', 1, now());
    INSERT INTO "ProductCategory" (name) VALUES ('Bench');
    INSERT INTO "Product" (sku, name, "categoryId", "listPrice", "unitCost", "updatedAt")
      SELECT 'SKU-' || g, 'Product ' || g, 1, 10 + g, 5 + g / 2.0, now() FROM generate_series(1, 500) g;
    INSERT INTO "Customer" (kind, name, email, phone, region, "updatedAt")
      SELECT 'ENTERPRISE', 'Customer ' || g, CASE WHEN g % 3 <> 0 THEN 'buyer' || g || '@bench.test' END,
        CASE WHEN g % 3 = 0 THEN '+86 139 ' || lpad(g::text, 8, '0') END, 'Region ' || (g % 30), now()
      FROM generate_series(1, 20000) g;`);
  return {
    db,
    actor: { id: 1, role: "ADMIN", teamId: 1 },
    cleanup: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  scratch()
    .then(async ({ db, actor, cleanup }) => {
      try {
        console.log(`order history import (${db.engine}, 20,000 customers, 500 products, ${os.cpus().length} cores, node ${process.version})`);
        await benchOrderImport(db, actor);
      } finally {
        await cleanup();
      }
    })
    .then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
}

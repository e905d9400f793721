import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NotAllowedError } from "@/lib/platform/errors";
import { importOrders, ORDER_BATCH_LINES } from "@/lib/orders/import";
import { orderImportSpec } from "@/lib/orders/rules/import-spec";
import { createPeople, type People } from "../support/fixtures";
import { csvRows } from "../support/import-rows";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;
const ids = { east: 0, west: 0, none: 0, sharedA: 0, sharedB: 0 };

const rowsOf = (text: string) => csvRows(orderImportSpec, text);

const HEADER = "order number,order date,customer id,customer email,customer phone,status,sku,qty,unit price,discount,line total";
const file = (...lines: string[]) => [HEADER, ...lines].join("\n");

async function customerState(id: number) {
  const [row] = await db.sql.query<{ spend: string; first: Date | null; last: Date | null }>(
    `SELECT "totalSpend"::text AS spend, "firstPurchaseAt" AS first, "lastPurchaseAt" AS last FROM "Customer" WHERE id = $1`,
    [id],
  );
  return { spend: row.spend, first: row.first?.toISOString() ?? null, last: row.last?.toISOString() ?? null };
}

async function counts() {
  const [row] = await db.sql.query<{ orders: number; lines: number; audits: number }>(
    `SELECT (SELECT count(*)::int FROM "Order") AS orders, (SELECT count(*)::int FROM "OrderLine") AS lines, (SELECT count(*)::int FROM "AuditLog") AS audits`,
  );
  return row;
}

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  const category = await db.prisma.productCategory.create({ data: { name: "Broadband" } });
  await db.prisma.product.createMany({
    data: [
      { sku: "SKU-A", name: "Fiber 100M", categoryId: category.id, listPrice: "19.99", unitCost: "4.00" },
      { sku: "SKU-B", name: "Router rental", categoryId: category.id, listPrice: "0.10", unitCost: "0.33" },
    ],
  });
  const make = async (data: { name: string; ownerId: number | null; externalId?: string; email?: string; phone?: string }) =>
    (await db.prisma.customer.create({ data: { kind: "ENTERPRISE", region: "East China", ...data } })).id;
  ids.east = await make({ name: "East Buyer", ownerId: people.repEast.id, externalId: "C-EAST", email: "east@buyer.test", phone: "+86 138 0000 1111" });
  ids.west = await make({ name: "West Buyer", ownerId: people.repWest.id, externalId: "C-WEST", email: "west@buyer.test" });
  ids.none = await make({ name: "Nobody's Buyer", ownerId: null, email: "none@buyer.test" });
  ids.sharedA = await make({ name: "Shared A", ownerId: people.repEast.id, email: "shared@buyer.test" });
  ids.sharedB = await make({ name: "Shared B", ownerId: people.repEast.id, email: "shared@buyer.test" });
});
afterAll(() => db.close());

describe("order history import", () => {
  const history = file(
    "SO-1,2025-01-10,C-EAST,,,completed,SKU-A,3,19.99,0.97,59.00",
    "SO-1,2025-01-10,C-EAST,,,completed,sku-b,10,0.10,,",
    "SO-2,2025-02-01 09:30,,EAST@BUYER.TEST,,,SKU-B,1,0.01,,",
    "SO-3,2025-03-01,,,138-0000-1111,returned,SKU-A,1,5.00,,",
  );

  test("orders find their customer by external id, email or phone digits; money is exact; completed orders add to the customer's totals", async () => {
    const before = await customerState(ids.east);
    expect(before).toEqual({ spend: "0.00", first: null, last: null });
    const report = await importOrders(people.admin, await rowsOf(history));
    expect(report).toMatchObject({ imported: 4, skipped: 0, failed: 0 });
    const orders = await db.sql.query<{ externalId: string; customerId: number; status: string; total: string; margin: string; lines: number; orderedAt: Date }>(
      `SELECT o."externalId", o."customerId", o.status::text AS status, o.total::text AS total, o.margin::text AS margin, o."orderedAt",
        (SELECT count(*)::int FROM "OrderLine" l WHERE l."orderId" = o.id) AS lines
       FROM "Order" o WHERE o."externalId" LIKE 'SO-%' ORDER BY o."externalId"`,
    );
    expect(orders.map(({ orderedAt, ...o }) => ({ ...o, orderedAt: orderedAt.toISOString() }))).toEqual([
      // 59.00 + 10 × 0.10; cost 3 × 4.00 + 10 × 0.33 = 15.30
      { externalId: "SO-1", customerId: ids.east, status: "COMPLETED", total: "60.00", margin: "44.70", lines: 2, orderedAt: "2025-01-10T00:00:00.000Z" },
      { externalId: "SO-2", customerId: ids.east, status: "COMPLETED", total: "0.01", margin: "-0.32", lines: 1, orderedAt: "2025-02-01T09:30:00.000Z" },
      { externalId: "SO-3", customerId: ids.east, status: "RETURNED", total: "5.00", margin: "1.00", lines: 1, orderedAt: "2025-03-01T00:00:00.000Z" },
    ]);
    const [line] = await db.sql.query<{ unitPrice: string; discount: string; lineTotal: string; lineCost: string }>(
      `SELECT l."unitPrice"::text AS "unitPrice", l.discount::text AS discount, l."lineTotal"::text AS "lineTotal", l."lineCost"::text AS "lineCost"
       FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId" JOIN "Product" p ON p.id = l."productId" WHERE o."externalId" = 'SO-1' AND p.sku = 'SKU-A'`,
    );
    expect(line).toEqual({ unitPrice: "19.99", discount: "0.97", lineTotal: "59.00", lineCost: "12.00" });
    // As winning a quote does: spend grows by completed orders only, first/last purchase widen.
    expect(await customerState(ids.east)).toEqual({ spend: "60.01", first: "2025-01-10T00:00:00.000Z", last: "2025-02-01T09:30:00.000Z" });
    const audits = await db.prisma.auditLog.findMany({ where: { entity: "Order", userId: people.admin.id }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["CREATE", "CREATE", "CREATE", "IMPORT"]);
    expect(audits[0].changes).toMatchObject({ externalId: { from: null, to: "SO-1" }, total: { from: null, to: "60.00" }, lines: { from: null, to: 2 } });
    expect(audits[3].changes).toMatchObject({ orders: 3, lines: 4, customers: 1 });
  });

  test("re-importing the same file changes nothing: every line is skipped as already imported", async () => {
    const before = { counts: await counts(), east: await customerState(ids.east) };
    const report = await importOrders(people.admin, await rowsOf(history));
    expect(report).toMatchObject({ imported: 0, skipped: 4, failed: 0 });
    expect(report.rows.every((r) => r.reason === "orderImport.report.alreadyImported")).toBe(true);
    expect({ counts: await counts(), east: await customerState(ids.east) }).toEqual(before);
  });

  test("an order is imported whole or not at all; every problem is reported on its lines", async () => {
    const report = await importOrders(
      people.admin,
      await rowsOf(
        file(
          "SO-10,2025-04-01,C-EAST,,,,SKU-A,1,1.00,,",
          "SO-10,2025-04-01,C-EAST,,,,SKU-A,many,1.00,,",
          "SO-11,2025-04-01,C-EAST,,,,NOPE-1,1,1.00,,",
          "SO-12,2025-04-01,C-NOBODY,,,,SKU-A,1,1.00,,",
          "SO-13,2025-04-01,,shared@buyer.test,,,SKU-A,1,1.00,,",
          "SO-14,2025-04-01,C-EAST,,,,SKU-A,1,1.00,,",
          "SO-14,2025-04-02,C-EAST,,,,SKU-A,1,1.00,,",
          "SO-15,2025-04-03,C-WEST,,,,SKU-A,2,1.50,,3.00",
        ),
      ),
    );
    expect(report.rows.map((r) => [r.line, r.status, r.reason])).toEqual([
      [2, "failed", "orderImport.report.invalidLine"],
      [3, "failed", "orderImport.report.invalid"],
      [4, "failed", "orderImport.report.unknownProduct"],
      [5, "failed", "orderImport.report.unknownCustomer"],
      [6, "failed", "orderImport.report.ambiguousCustomer"],
      [7, "failed", "orderImport.report.inconsistent"],
      [8, "failed", "orderImport.report.inconsistent"],
      [9, "imported", undefined],
    ]);
    expect(report.rows[1].errors).toEqual([{ field: "quantity", message: "importValidation.quantity" }]);
    expect(report.rows[2].detail).toBe("NOPE-1");
    expect(await db.prisma.order.count({ where: { externalId: { in: ["SO-10", "SO-11", "SO-12", "SO-13", "SO-14"] } } })).toBe(0);
    expect(await customerState(ids.west)).toEqual({ spend: "3.00", first: "2025-04-03T00:00:00.000Z", last: "2025-04-03T00:00:00.000Z" });
  });

  test("a failure part-way leaves nothing: batches written before it are rolled back", async () => {
    const lines: string[] = [];
    // Two batches: the failure comes after the first one was written.
    for (let i = 0; i < ORDER_BATCH_LINES + 50; i++) lines.push(`ATOM-${i},2025-05-01,C-EAST,,,,SKU-A,1,1.00,,`);
    const rows = await rowsOf(file(...lines));
    const before = { counts: await counts(), east: await customerState(ids.east) };
    await expect(
      importOrders(people.admin, rows, (done) => {
        if (done > 0) throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect({ counts: await counts(), east: await customerState(ids.east) }).toEqual(before);
    expect(await db.prisma.order.count({ where: { externalId: { startsWith: "ATOM-" } } })).toBe(0);
  });

  test("two runs of one file at the same time add it once", async () => {
    const rows = await rowsOf(file("PAR-1,2025-06-01,C-EAST,,,,SKU-A,1,2.00,,", "PAR-2,2025-06-02,C-EAST,,,,SKU-A,1,3.00,,"));
    const before = await customerState(ids.east);
    const [a, b] = await Promise.all([importOrders(people.admin, rows), importOrders(people.admin, rows)]);
    expect([a.imported, b.imported].sort()).toEqual([0, 2]);
    expect(await db.prisma.order.count({ where: { externalId: { startsWith: "PAR-" } } })).toBe(2);
    const cents = (text: string) => BigInt(text.replace(".", ""));
    expect(cents((await customerState(ids.east)).spend)).toBe(cents(before.spend) + 500n);
  });

  test("Chinese headers and values import too", async () => {
    const report = await importOrders(people.admin, await rowsOf(["订单号,订单日期,客户编号,状态,商品编码,数量,单价", "ZH-1,2025/07/01 10:00,C-EAST,已完成,SKU-A,2,1.25"].join("\n")));
    expect(report.imported).toBe(1);
    expect((await db.prisma.order.findUniqueOrThrow({ where: { externalId: "ZH-1" } })).total.toFixed(2)).toBe("2.50");
  });
});

describe("who may import order history", () => {
  const text = file("MGR-1,2025-08-01,C-EAST,,,,SKU-A,1,1.00,,", "MGR-2,2025-08-01,C-WEST,,,,SKU-A,1,1.00,,", "MGR-3,2025-08-01,,none@buyer.test,,,SKU-A,1,1.00,,");

  test("a manager imports for customers owned in the team only; the refusals are logged", async () => {
    const report = await importOrders(people.managerEast, await rowsOf(text));
    expect(report.rows.map((r) => [r.status, r.reason])).toEqual([
      ["imported", undefined],
      ["failed", "orderImport.report.notAllowed"],
      ["failed", "orderImport.report.notAllowed"],
    ]);
    const denied = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "DENIED", entity: "Order", userId: people.managerEast.id } });
    expect(denied.changes).toMatchObject({ action: "order.import", orders: 2 });
  });

  test("a rep imports for their own customers only (PERMISSIONS.md: own); the refusals are logged", async () => {
    const own = file("REP-1,2025-08-02,C-EAST,,,,SKU-A,1,1.00,,", "REP-2,2025-08-02,C-WEST,,,,SKU-A,1,1.00,,");
    const report = await importOrders(people.repEast, await rowsOf(own));
    expect(report.rows.map((r) => [r.status, r.reason])).toEqual([
      ["imported", undefined],
      ["failed", "orderImport.report.notAllowed"],
    ]);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Order", userId: people.repEast.id } })).toBeGreaterThan(0);
  });

  test("an agent may not import order history at all", async () => {
    const before = await counts();
    await expect(importOrders(people.agent, await rowsOf(text))).rejects.toBeInstanceOf(NotAllowedError);
    expect((await counts()).orders).toBe(before.orders);
  });

  test("an admin imports for any customer", async () => {
    const report = await importOrders(people.admin, await rowsOf(text));
    expect(report.rows.map((r) => r.status)).toEqual(["skipped", "imported", "imported"]);
  });
});

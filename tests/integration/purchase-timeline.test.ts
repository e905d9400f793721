import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SqlParams } from "@/lib/platform/db/sql-builder";
import { compileRule } from "@/lib/segments/rules/compile";
import type { Rule } from "@/lib/segments/rules/rule";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * The customers' purchase timelines (migration customer_purchase_timeline), kept by triggers on
 * "Order", on PGlite and (TEST_DATABASE_URL) PostgreSQL: after every kind of write — several orders in
 * one statement, a back-dated order, a status change, a new amount, an order moved to another customer
 * (as a merge does), deletion, TRUNCATE — each timeline equals its customer's completed orders in
 * order with their running total, computed here from the orders written; the segment conditions read
 * the window's edges exactly; and, on PostgreSQL, two transactions adding orders for the same customer
 * at once both end up in its timeline.
 */

const DAY = 86_400_000;
const NOW = new Date("2026-06-10T02:00:00.000Z");

type OrderRow = { id: number; customerId: number; orderedAt: Date; status: string; total: string };

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db.close();
});

async function newCustomer(name: string): Promise<number> {
  const [{ id }] = await db.sql.query<{ id: number }>(`INSERT INTO "Customer" (kind, name, region, "updatedAt") VALUES ('INDIVIDUAL', $1, 'East China', now()) RETURNING id`, [name]);
  return id;
}

/** Inserts the orders in ONE statement (so one trigger run sees them all). */
async function addOrders(customerId: number, orders: { at: Date; total: string; status?: string }[]): Promise<number[]> {
  const rows = await db.sql.query<{ id: number }>(
    `INSERT INTO "Order" ("customerId", "orderedAt", "status", "total", "margin")
     SELECT $1::int, v.at, v.status::"OrderStatus", v.total, 0
       FROM unnest($2::timestamp[], $3::text[], $4::numeric[]) AS v(at, status, total)
     RETURNING id`,
    [customerId, orders.map((o) => o.at.toISOString().replace("Z", "")), orders.map((o) => o.status ?? "COMPLETED"), orders.map((o) => o.total)],
  );
  return rows.map((r) => r.id);
}

/** Money as whole cents, exactly (totals have two decimals). */
const cents = (amount: string): bigint => BigInt(amount.replace(".", ""));
const money = (c: bigint): string => `${c / 100n}.${(c % 100n).toString().padStart(2, "0")}`;

/** The timeline the orders imply, computed here: completed orders by (instant, id) with the running total. */
async function expectedTimeline(customerId: number): Promise<{ at: string[]; cumulative: string[] } | null> {
  const orders = await db.sql.query<OrderRow>(`SELECT id, "customerId", "orderedAt", status::text AS status, total::text AS total FROM "Order" WHERE "customerId" = $1`, [customerId]);
  const done = orders.filter((o) => o.status === "COMPLETED").sort((a, b) => a.orderedAt.getTime() - b.orderedAt.getTime() || a.id - b.id);
  if (done.length === 0) return null;
  let sum = 0n;
  return {
    at: done.map((o) => o.orderedAt.toISOString()),
    cumulative: done.map((o) => money((sum += cents(o.total)))),
  };
}

async function storedTimeline(customerId: number): Promise<{ at: string[]; cumulative: string[] } | null> {
  const [row] = await db.sql.query<{ at: Date[]; cumulative: string[] }>(`SELECT "at", "cumulative"::text[] AS "cumulative" FROM "CustomerPurchaseTimeline" WHERE "customerId" = $1`, [customerId]);
  return row ? { at: row.at.map((d) => new Date(d).toISOString()), cumulative: row.cumulative } : null;
}

async function expectConsistent(...customerIds: number[]): Promise<void> {
  for (const id of customerIds) expect(await storedTimeline(id), `customer ${id}`).toEqual(await expectedTimeline(id));
}

describe("purchase timeline triggers", () => {
  test("every kind of write to orders keeps each timeline equal to the customer's completed orders", async () => {
    const a = await newCustomer("Timeline A");
    const b = await newCustomer("Timeline B");
    expect(await storedTimeline(a)).toBeNull();

    // Several orders in one statement, out of order, one cancelled.
    const [, second, third] = await addOrders(a, [
      { at: new Date("2026-03-05T10:00:00Z"), total: "120.50" },
      { at: new Date("2026-01-02T08:30:00Z"), total: "80.25" },
      { at: new Date("2026-02-01T00:00:00Z"), total: "999.99", status: "CANCELLED" },
    ]);
    await expectConsistent(a, b);
    expect((await storedTimeline(a))?.cumulative).toEqual(["80.25", "200.75"]);

    // A back-dated order goes in at its place and shifts the running totals after it.
    await addOrders(a, [{ at: new Date("2025-12-24T12:00:00Z"), total: "10.00" }]);
    await expectConsistent(a);
    expect((await storedTimeline(a))?.cumulative).toEqual(["10.00", "90.25", "210.75"]);

    // The cancelled order is reinstated; a completed one is returned; an amount is corrected.
    await db.sql.query(`UPDATE "Order" SET status = 'COMPLETED' WHERE id = $1`, [third]);
    await expectConsistent(a);
    await db.sql.query(`UPDATE "Order" SET status = 'RETURNED' WHERE id = $1`, [second]);
    await expectConsistent(a);
    await db.sql.query(`UPDATE "Order" SET total = 1.01 WHERE id = $1`, [third]);
    await expectConsistent(a);

    // A merge moves orders to the surviving customer: both timelines change.
    await addOrders(b, [{ at: new Date("2026-04-01T00:00:00Z"), total: "5.00" }]);
    await db.sql.query(`UPDATE "Order" SET "customerId" = $2 WHERE "customerId" = $1`, [a, b]);
    await expectConsistent(a, b);
    expect(await storedTimeline(a)).toBeNull();

    // Deleting a customer's last completed orders removes its timeline.
    await db.sql.query(`DELETE FROM "Order" WHERE "customerId" = $1`, [b]);
    expect(await storedTimeline(b)).toBeNull();
  });

  test("a change to other columns of an order leaves the timelines alone", async () => {
    const c = await newCustomer("Timeline C");
    await addOrders(c, [{ at: new Date("2026-05-01T00:00:00Z"), total: "42.00" }]);
    // Rebuilding would give the same arrays; a marker in the row shows whether it was rewritten.
    await db.sql.query(`UPDATE "CustomerPurchaseTimeline" SET "cumulative" = ARRAY[7.00]::numeric[] WHERE "customerId" = $1`, [c]);
    await db.sql.query(`UPDATE "Order" SET margin = 3.00 WHERE "customerId" = $1`, [c]);
    expect((await storedTimeline(c))?.cumulative).toEqual(["7.00"]);
    await db.sql.query(`UPDATE "Order" SET total = 43.00 WHERE "customerId" = $1`, [c]);
    expect((await storedTimeline(c))?.cumulative).toEqual(["43.00"]);
  });

  test("spend and order count in the last N days read the window's edges exactly", async () => {
    const d = await newCustomer("Timeline D");
    const start = new Date(NOW.getTime() - 30 * DAY);
    await addOrders(d, [
      { at: new Date(start.getTime() - 1), total: "1000.00" }, // a millisecond too early
      { at: start, total: "1.00" }, // the window's first instant
      { at: new Date(NOW.getTime() - DAY), total: "10.00" },
      { at: NOW, total: "100.00" }, // the window's last instant
      { at: new Date(NOW.getTime() + 1), total: "5000.00" }, // not yet
    ]);
    const matches = async (rule: Rule): Promise<boolean> => {
      const params = new SqlParams();
      const predicate = compileRule(rule, params, { now: NOW, timeZone: "Asia/Shanghai" });
      const rows = await db.sql.query(`SELECT 1 FROM "Customer" c WHERE c.id = ${params.add(d, "::int")} AND ${predicate}`, params.values);
      return rows.length === 1;
    };
    const spend = (op: "eq" | "gte", value: string, days?: number): Rule => ({ type: "group", op: "and", children: [{ type: "condition", field: "spend", op, value, ...(days === undefined ? {} : { days }) }] }) as Rule;
    const orders = (value: number, days?: number): Rule => ({ type: "group", op: "and", children: [{ type: "condition", field: "orderCount", op: "eq", value, ...(days === undefined ? {} : { days }) }] }) as Rule;
    expect(await matches(spend("eq", "111.00", 30))).toBe(true);
    expect(await matches(spend("eq", "1111.00"))).toBe(true);
    expect(await matches(spend("gte", "111.01", 30))).toBe(false);
    expect(await matches(orders(3, 30))).toBe(true);
    expect(await matches(orders(4))).toBe(true);
    expect(await matches(spend("eq", "0", 0))).toBe(false);
    expect(await matches(spend("eq", "100.00", 0))).toBe(true);
  });

  test("TRUNCATE of the orders empties the timelines", async () => {
    const e = await newCustomer("Timeline E");
    await addOrders(e, [{ at: new Date("2026-05-01T00:00:00Z"), total: "42.00" }]);
    await db.sql.exec(`TRUNCATE "Order" CASCADE`);
    const [{ n }] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "CustomerPurchaseTimeline"`);
    expect(n).toBe(0);
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("two writers of one customer's orders at once (PostgreSQL)", () => {
  test("both orders end up in the timeline", async () => {
    const f = await newCustomer("Timeline F");
    const [{ name }] = await db.sql.query<{ name: string }>(`SELECT current_database() AS "name"`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const pool = new Pool({ connectionString: url.toString(), max: 2 });
    const [one, two] = [await pool.connect(), await pool.connect()];
    try {
      const insert = `INSERT INTO "Order" ("customerId", "orderedAt", "status", "total", "margin") VALUES ($1, $2::timestamp, 'COMPLETED', $3, 0)`;
      await one.query("BEGIN");
      await one.query(insert, [f, "2026-05-01T00:00:00", "10.00"]);
      await two.query("BEGIN");
      // The second writer's trigger waits for the first transaction, then rebuilds from its committed order.
      const second = two.query(insert, [f, "2026-05-02T00:00:00", "20.00"]).then(() => two.query("COMMIT"));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await one.query("COMMIT");
      await second;
    } finally {
      one.release();
      two.release();
      await pool.end();
    }
    await expectConsistent(f);
    expect((await storedTimeline(f))?.cumulative).toEqual(["10.00", "30.00"]);
  });
});

/**
 * The demo company's purchase history without a database: the same deterministic generator as the
 * seed, with the customer and order rows handed back instead of written. Lets a test score the demo
 * company as of many different days in seconds (tests/integration/first-start-dates.test.ts); an
 * integration test checks that it matches what the seed writes.
 */
import { DEFAULT_CUSTOMERS, DEFAULT_SEED, CHUNK_CUSTOMERS, buildGlobals, createWorld } from "./generate";
import { generateCustomer } from "./customer";
import type { CategoryKey } from "./catalog";

export type DemoCustomerRow = { id: number; region: string; kind: string; ownerId: number | null; createdAt: number };
export type DemoOrderRow = { customerId: number; orderedAt: number; status: string; total: number; margin: number };

export type DemoHistory = { customers: DemoCustomerRow[]; orders: DemoOrderRow[] };

export function generateDemoHistory(options: { now: Date; customers?: number; seed?: number }): DemoHistory {
  const customerCount = options.customers ?? DEFAULT_CUSTOMERS;
  const world = createWorld(options.seed ?? DEFAULT_SEED, options.now.getTime(), customerCount);
  buildGlobals(world, "not-a-real-hash", new Map<CategoryKey, number>());
  const customers: DemoCustomerRow[] = [];
  const orders: DemoOrderRow[] = [];
  for (let from = 0; from < customerCount; from += CHUNK_CUSTOMERS) {
    const to = Math.min(customerCount, from + CHUNK_CUSTOMERS);
    for (let i = from; i < to; i++) generateCustomer(world, i);
    for (const c of world.writers.customer.drain()) {
      customers.push({ id: c.id, region: String(c.region), kind: String(c.kind), ownerId: c.ownerId === null ? null : Number(c.ownerId), createdAt: Number(c.createdAt) });
    }
    for (const o of world.writers.order.drain()) {
      orders.push({ customerId: Number(o.customerId), orderedAt: Number(o.orderedAt), status: String(o.status), total: Number(o.total), margin: Number(o.margin) });
    }
    // The other tables are not needed here; drained so ids keep counting as in the seed.
    for (const writer of Object.values(world.writers)) writer.drain();
  }
  return { customers, orders };
}

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createCustomer } from "@/lib/customers/mutations";
import { customerInputSchema } from "@/lib/customers/schema";
import { getPipelineDashboard } from "@/lib/dashboards/pipeline";
import { CACHE_TAGS, type CacheStore, invalidateCache, withCacheStore } from "@/lib/platform/cache";
import { transaction } from "@/lib/platform/db/prisma";
import { createProduct, getProduct, updateProduct } from "@/lib/products/mutations";
import { productInputSchema } from "@/lib/products/schema";
import { productNames } from "@/lib/scoring/queries";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * Next's cache lives in each app server's memory (and disk). Here each "server" is its own store —
 * a map that, like Next's, returns what it holds under a key and otherwise loads and keeps it — and
 * both read the one real database. A change made through one server must reach the other's next read.
 */
function serverCache(): CacheStore & { loads: number } {
  const entries = new Map<string, unknown>();
  const counter = { loads: 0 };
  const store: CacheStore = async <T>(load: () => Promise<T>, key: string[]): Promise<T> => {
    const k = JSON.stringify(key);
    if (entries.has(k)) return JSON.parse(JSON.stringify(entries.get(k))) as T;
    counter.loads++;
    const value = await load();
    entries.set(k, JSON.parse(JSON.stringify(value)));
    return value;
  };
  return Object.defineProperty(store, "loads", { get: () => counter.loads }) as CacheStore & { loads: number };
}

let db: TestDatabase;
let people: People;
let category: number;

const productInput = (over: Record<string, unknown> = {}) =>
  productInputSchema.parse({ sku: "CACHE-1", name: "Router", categoryId: category, listPrice: "10.00", unitCost: "5.00", active: true, ...over });

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  category = (await db.prisma.productCategory.create({ data: { name: "Networking" } })).id;
});
afterAll(() => db.close());

describe("the shared cache (several app servers agree)", () => {
  test("a product renamed through one server is read by the other at once; unchanged data stays cached", async () => {
    const a = serverCache();
    const b = serverCache();
    const { id } = await createProduct(people.admin, productInput());

    expect((await withCacheStore(a, productNames)).get(id)).toBe("Router");
    expect((await withCacheStore(b, productNames)).get(id)).toBe("Router");
    expect((await withCacheStore(a, productNames)).get(id)).toBe("Router");
    expect([a.loads, b.loads]).toEqual([1, 1]);

    const product = await getProduct(people.admin, id);
    await withCacheStore(b, () => updateProduct(people.admin, id, product!.version, productInput({ name: "Router Pro" })));

    expect((await withCacheStore(a, productNames)).get(id)).toBe("Router Pro");
    expect((await withCacheStore(b, productNames)).get(id)).toBe("Router Pro");
    expect([a.loads, b.loads]).toEqual([2, 2]);
  });

  test("an invalidation rolled back with its transaction changes nothing", async () => {
    const a = serverCache();
    await withCacheStore(a, productNames);
    const before = await db.prisma.cacheStamp.findUnique({ where: { tag: CACHE_TAGS.products } });
    await expect(
      transaction(async (tx) => {
        await invalidateCache(tx, CACHE_TAGS.products);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await db.prisma.cacheStamp.findUnique({ where: { tag: CACHE_TAGS.products } })).toEqual(before);
    await withCacheStore(a, productNames);
    expect(a.loads).toBe(1);
  });

  test("a customer in a new region reaches the pipeline dashboard's filter on another server", async () => {
    const a = serverCache();
    const regions = async () => (await withCacheStore(a, () => getPipelineDashboard(people.admin, {}))).options.regions;
    expect(await regions()).not.toContain("Tibet");
    await createCustomer(people.repEast, customerInputSchema.parse({ kind: "INDIVIDUAL", name: "Tashi", region: "Tibet" }));
    expect(await regions()).toContain("Tibet");
  });

  test("every tag's stamp is random, so a cache kept from another database never matches", async () => {
    const stamps = await db.prisma.cacheStamp.findMany();
    expect(stamps.length).toBeGreaterThan(0);
    for (const { stamp } of stamps) expect(stamp).toMatch(/^[0-9a-f-]{36}$/);
  });
});

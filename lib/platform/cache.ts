import { randomUUID } from "node:crypto";
import { revalidateTag, unstable_cache } from "next/cache";
import { cache as perRequest } from "react";
import { getPrisma } from "@/lib/platform/db/client";
import type { Db } from "@/lib/platform/db/prisma";
import type { SqlRunner } from "@/lib/platform/db/sql";

/**
 * Data that changes rarely and is read on every render (association rules, product and people names,
 * filter choices) is kept in Next's cache under tags. Next's cache is per app server, so on its own an
 * edit on one server would leave the others serving the old value until it expired. Each tag
 * therefore has a stamp in the database (table CacheStamp) that is part of every cached entry's key:
 * the write that changes the data replaces the stamp in its own transaction, and every server's next
 * read — which reads the stamps, one indexed query per request — looks for a key nobody has cached
 * yet. Entries under old stamps are unreachable; the writing server also expires them locally.
 *
 * A stamp is random, not a counter, so a cache kept on disk (.next/cache) from another database — a
 * reset demo, a restored backup — can never match. Outside Next (tests, the bench, command-line jobs)
 * there is no cache to keep: the loader simply runs.
 */
export const CACHE_TAGS = {
  /** Cross-sell rules mined by the score job. */
  associationRules: "association-rules",
  /** Product names and categories. */
  products: "products",
  /** Users and teams: names, roles, teams. */
  people: "people",
  /** The regions customers are in (filter choices). */
  customerRegions: "customer-regions",
} as const;
export type CacheTag = (typeof CACHE_TAGS)[keyof typeof CACHE_TAGS];

/** Where cached values live: Next's cache in the app; tests may supply one per simulated server. */
export type CacheStore = <T>(load: () => Promise<T>, key: string[], tags: CacheTag[]) => Promise<T>;

const nextStore: CacheStore = async (load, key, tags) => {
  try {
    return await unstable_cache(load, key, { tags })();
  } catch (error) {
    // Not inside a Next server (vitest, the bench, a CLI): nothing to cache in, read through.
    if (error instanceof Error && error.message.startsWith("Invariant: incrementalCache missing")) return load();
    throw error;
  }
};

let store: CacheStore = nextStore;

/** Test seam: run `fn` with another store (e.g. two maps standing for two app servers). */
export async function withCacheStore<T>(other: CacheStore, fn: () => Promise<T>): Promise<T> {
  const previous = store;
  store = other;
  try {
    return await fn();
  } finally {
    store = previous;
  }
}

type StampRow = { tag: string; stamp: string };

/** Every tag's stamp, read once per request (the shell and a page may both ask). */
const stampsOfRequest = perRequest(async (): Promise<Map<string, string>> => {
  const prisma = await getPrisma();
  const rows = await prisma.$queryRawUnsafe<StampRow[]>(`SELECT tag, stamp FROM "CacheStamp"`);
  return new Map(rows.map((r) => [r.tag, r.stamp]));
});

async function stampOf(tag: CacheTag, known: Map<string, string>): Promise<string> {
  const stamp = known.get(tag);
  if (stamp !== undefined) return stamp;
  // The tag's first use on this database: give it a stamp (another server may race us: theirs wins).
  const prisma = await getPrisma();
  await prisma.$executeRawUnsafe(`INSERT INTO "CacheStamp" (tag, stamp) VALUES ($1, $2) ON CONFLICT (tag) DO NOTHING`, tag, randomUUID());
  const rows = await prisma.$queryRawUnsafe<StampRow[]>(`SELECT tag, stamp FROM "CacheStamp" WHERE tag = $1`, tag);
  return rows[0].stamp;
}

/**
 * `load()`'s value, cached under `key` until any of `tags` is invalidated (on any server). The value
 * must survive JSON (plain objects and arrays: no Map, Date or Decimal).
 */
export async function cached<T>(tags: CacheTag[], key: string, load: () => Promise<T>): Promise<T> {
  const known = await stampsOfRequest();
  const stamps = await Promise.all(tags.map((tag) => stampOf(tag, known)));
  return store(load, ["summit", key, ...tags.map((tag, i) => `${tag}=${stamps[i]}`)], tags);
}

/**
 * Marks `tags` changed. Call it with the transaction that changes the data (a Prisma client or
 * transaction, or the jobs' SQL runner), so the new stamp commits — or rolls back — with the change.
 */
export async function invalidateCache(client: Db | SqlRunner, ...tags: CacheTag[]): Promise<void> {
  for (const tag of tags) {
    const sql = `INSERT INTO "CacheStamp" (tag, stamp) VALUES ($1, $2) ON CONFLICT (tag) DO UPDATE SET stamp = EXCLUDED.stamp`;
    if ("$executeRawUnsafe" in client) await client.$executeRawUnsafe(sql, tag, randomUUID());
    else await client.query(sql, [tag, randomUUID()]);
    expireLocally(tag);
  }
}

/** Frees this server's entries at once (the others' become unreachable through the new stamp). */
function expireLocally(tag: CacheTag): void {
  try {
    revalidateTag(tag, { expire: 0 });
  } catch {
    // Outside a request or a server action (a job, a test): nothing of ours to expire here.
  }
}

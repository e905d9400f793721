import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { Client, Pool } from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { type AppPrismaClient, withClockDefaults } from "./clock-defaults";
import { migrate } from "./migrate";
import { openPglite } from "./pglite";
import { pgPoolRunner, pgliteRunner, type SqlRunner } from "./sql";

export type Database = {
  /** Prisma with createdAt/updatedAt-style defaults read from lib/platform/clock.ts (see clock-defaults.ts). */
  prisma: AppPrismaClient;
  /** Raw SQL for bulk work (seeding, score snapshots, aggregates) on either engine. */
  sql: SqlRunner;
  engine: "pglite" | "postgres";
  /** The embedded instance itself (dumps for test templates); undefined on a server. */
  pglite?: PGlite;
  /**
   * LISTEN on a channel: `handler` gets every NOTIFY payload sent on it by any process using the
   * database (on a server: every app server). Resolves once listening; the result stops it.
   */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

/** Where the embedded database and the generated auth secret live (git-ignored). */
export function dataDir(): string {
  // Runtime data, not part of the build: keep the bundler from tracing the whole project here.
  return path.resolve(/*turbopackIgnore: true*/ process.env.SUMMIT_DATA_DIR ?? ".data");
}

export async function connectPostgres(url: string): Promise<Database> {
  const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // An idle connection dropped by the server (restart, failover, admin) must not crash the app: the
  // pool discards it and opens a new one on the next query.
  pool.on("error", (error) => console.warn(`[db] idle PostgreSQL connection closed: ${error.message}`));
  const prisma = withClockDefaults(new PrismaClient({ adapter: new PrismaPg(pool) }));
  const listeners = new Set<Client>();
  return {
    prisma,
    sql: pgPoolRunner(pool),
    engine: "postgres",
    // A pooled connection cannot LISTEN (notifications arrive on the session that listens): one
    // dedicated connection per subscription.
    listen: async (channel, handler) => {
      const client = new Client({ connectionString: url });
      client.on("error", (error) => console.warn(`[db] listening connection closed: ${error.message}`));
      await client.connect();
      client.on("notification", (message) => {
        if (message.channel === channel) handler(message.payload ?? "");
      });
      await client.query(`LISTEN "${channel.replace(/"/g, "")}"`);
      listeners.add(client);
      return async () => {
        listeners.delete(client);
        await client.end().catch(() => undefined);
      };
    },
    close: async () => {
      await Promise.all([...listeners].map((c) => c.end().catch(() => undefined)));
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * Opens an embedded PGlite database (a folder, or in memory when `dir` is undefined) and brings its
 * schema up to date: the embedded database is migrated at every start, a server by `npm run db:migrate`.
 */
export async function connectPglite(dir: string | undefined, options: { loadDataDir?: Blob } = {}): Promise<Database> {
  const { pg, close } = await openPglite(dir, options);
  const sql = pgliteRunner(pg);
  try {
    await migrate(sql);
  } catch (error) {
    await close();
    throw error;
  }
  const prisma = withClockDefaults(new PrismaClient({ adapter: new PrismaPGlite(pg) }));
  return {
    prisma,
    sql,
    engine: "pglite",
    pglite: pg,
    listen: async (channel, handler) => pg.listen(channel, handler),
    close: async () => {
      await prisma.$disconnect();
      await close();
    },
  };
}

/** The database the app uses: the PostgreSQL server of DATABASE_URL, else the embedded one in the data folder. */
export function connectAppDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  return url ? connectPostgres(url) : connectPglite(path.join(dataDir(), "pglite"));
}

const globalForDb = globalThis as unknown as { summitDb?: Promise<Database> };

/**
 * The process-wide database. Opened once (instrumentation.ts does it at boot, because a fresh PGlite
 * takes seconds to initialise) and shared by every request; kept on globalThis so dev-mode module
 * reloads do not open the PGlite folder twice.
 */
export function getDatabase(): Promise<Database> {
  if (!globalForDb.summitDb) {
    globalForDb.summitDb = connectAppDatabase();
    // A failed open must not be cached forever: the next request retries (e.g. after the other
    // process holding the folder stopped).
    globalForDb.summitDb.catch(() => {
      globalForDb.summitDb = undefined;
    });
  }
  return globalForDb.summitDb;
}

/** Tests and CLI jobs hand in the database they opened themselves. */
export function setDatabase(db: Database | undefined): void {
  globalForDb.summitDb = db ? Promise.resolve(db) : undefined;
}

export async function getPrisma(): Promise<AppPrismaClient> {
  return (await getDatabase()).prisma;
}

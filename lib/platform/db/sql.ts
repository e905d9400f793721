import type { PGlite } from "@electric-sql/pglite";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Pool, PoolClient } from "pg";
import { from as copyFromStdin } from "pg-copy-streams";

/**
 * The smallest SQL surface that the migration runner, the demo-data generator, the score job's
 * bulk writes and the benchmarks need. It exists so that those run unchanged on the embedded
 * PGlite and on a PostgreSQL server, bypassing the ORM where row-at-a-time objects would be slow.
 */
export type SqlRunner = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * Bulk load: `COPY table (columns) FROM` with `data` in COPY's text format (tab-separated, `\N`
   * for null, one row per line). COPY parses several times faster than the same rows sent as
   * arrays for `unnest`, which matters for the seed and the score snapshots.
   */
  copyFrom(table: string, columns: string[], data: string): Promise<void>;
  /**
   * Runs `fn` on one database session. Session-level state — an advisory lock taken and released
   * around a job, SET without LOCAL — only holds on one connection; a pool hands each query to any
   * of its connections, so a lock taken by one query and released by the next could stay held
   * forever on another connection.
   */
  session<T>(fn: (session: SqlRunner) => Promise<T>): Promise<T>;
};

function copyStatement(table: string, columns: string[], source: string): string {
  return `COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM ${source}`;
}

async function pgliteCopy(db: Pick<PgliteTx, "query">, table: string, columns: string[], data: string): Promise<void> {
  // PGlite reads COPY input from the blob passed with the query, under the name /dev/blob.
  await db.query(copyStatement(table, columns, `'/dev/blob'`), [], { blob: new Blob([data]) });
}

async function pgCopy(client: PoolClient, table: string, columns: string[], data: string): Promise<void> {
  await pipeline(Readable.from([data]), client.query(copyFromStdin(copyStatement(table, columns, "STDIN"))));
}

type PgliteLike = Pick<PGlite, "query" | "exec" | "transaction">;
type PgliteTx = Parameters<Parameters<PGlite["transaction"]>[0]>[0];

function fromPgliteTx(tx: PgliteTx): SqlRunner {
  const runner: SqlRunner = {
    async query<T>(sql: string, params?: unknown[]) {
      const res = await tx.query<T>(sql, params);
      return res.rows;
    },
    async exec(sql: string) {
      await tx.exec(sql);
    },
    copyFrom: (table, columns, data) => pgliteCopy(tx, table, columns, data),
    // PGlite has one connection; a nested "transaction" simply joins the open one.
    transaction: (fn) => fn(runner),
    session: (fn) => fn(runner),
  };
  return runner;
}

export function pgliteRunner(db: PgliteLike): SqlRunner {
  const runner: SqlRunner = {
    async query<T>(sql: string, params?: unknown[]) {
      const res = await db.query<T>(sql, params);
      return res.rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    copyFrom: (table, columns, data) => pgliteCopy(db, table, columns, data),
    transaction: (fn) => db.transaction((tx) => fn(fromPgliteTx(tx))),
    // PGlite is one session already.
    session: (fn) => fn(runner),
  };
  return runner;
}

/**
 * One connection as a runner. Inside a transaction (`inTransaction`) a nested "transaction" joins the
 * open one; a connection held for a session (`SqlRunner.session`) runs each transaction as a real
 * BEGIN … COMMIT block on itself.
 */
function fromPgClient(client: PoolClient, inTransaction: boolean): SqlRunner {
  const runner: SqlRunner = {
    async query<T>(sql: string, params?: unknown[]) {
      const res = await client.query(sql, params);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    copyFrom: (table, columns, data) => pgCopy(client, table, columns, data),
    transaction: inTransaction ? (fn) => fn(runner) : (fn) => inClientTransaction(client, fn),
    session: (fn) => fn(runner),
  };
  return runner;
}

async function inClientTransaction<T>(client: PoolClient, fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await fn(fromPgClient(client, true));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

export function pgPoolRunner(pool: Pool): SqlRunner {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const res = await pool.query(sql, params);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async copyFrom(table, columns, data) {
      const client = await pool.connect();
      try {
        await pgCopy(client, table, columns, data);
      } finally {
        client.release();
      }
    },
    async transaction<T>(fn: (tx: SqlRunner) => Promise<T>) {
      const client = await pool.connect();
      try {
        return await inClientTransaction(client, fn);
      } finally {
        client.release();
      }
    },
    async session<T>(fn: (session: SqlRunner) => Promise<T>) {
      const client = await pool.connect();
      try {
        return await fn(fromPgClient(client, false));
      } finally {
        client.release();
      }
    },
  };
}

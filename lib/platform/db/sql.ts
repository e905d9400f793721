import type { PGlite } from "@electric-sql/pglite";
import { createHash } from "node:crypto";
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
  /**
   * Runs a statement that the session parses and plans once, then only executes (see
   * prepareStatement): for small statements on a hot path whose best plan does not depend on the
   * values, where parsing and planning cost more than running. Its own transaction on the database's
   * runners; inside a transaction (or a session) it is an ordinary query.
   */
  prepared<T = Record<string, unknown>>(statement: PreparedStatement, params: unknown[]): Promise<T[]>;
};

/** A statement for SqlRunner.prepared: its session-wide name, its text, and its parameters' types. */
export type PreparedStatement = { readonly name: string; readonly text: string; readonly types: readonly string[] };

/**
 * `text` (parameters $1 … typed by `types`, e.g. ["int", "timestamp"]) as a prepared statement. The
 * name is derived from the text, so two texts never share one and the same text is prepared once per
 * connection, whichever code builds it.
 */
export function prepareStatement(text: string, types: readonly string[]): PreparedStatement {
  const digest = createHash("sha1").update(types.join(",")).update("\0").update(text).digest("hex");
  return { name: `summit_${digest.slice(0, 24)}`, text, types };
}

/**
 * A parameter of EXECUTE as SQL text: EXECUTE takes no bound parameters (the extended protocol refuses
 * them for it), so the values are written in, as constants coerced to the types PREPARE declared.
 * Only scalars are accepted.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`not a finite number for a prepared statement: ${value}`);
    return String(value);
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "true" : "false";
  // standard_conforming_strings is on (PostgreSQL's default since 9.1): only the quote is special.
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'`;
  throw new TypeError(`unsupported parameter for a prepared statement: ${typeof value}`);
}

/** SQLSTATE 26000: the session has no prepared statement of that name (DEALLOCATE, DISCARD ALL). */
function isUnknownStatement(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "26000";
}

/** One connection's prepared statements; `run` sends a script of several statements as one query and resolves to each one's rows. */
type PreparingSession = { ready: Map<string, Promise<void>>; run: (script: string) => Promise<unknown[][]> };

/**
 * EXECUTE of a prepared statement on one connection, PREPAREd first when the connection has not yet
 * (a concurrent first use waits for the same PREPARE rather than repeating it, which would fail).
 * The server would plan the first five executions for their values and only then settle on the
 * generic plan; with twenty agents on fresh connections that was most of the cost of a warm-up, so
 * the generic plan is asked for at once, for this statement only (set_config local to the one
 * implicit transaction of the script).
 */
async function executePrepared<T>(session: PreparingSession, statement: PreparedStatement, params: unknown[]): Promise<T[]> {
  if (params.length !== statement.types.length) throw new TypeError(`${statement.name}: ${statement.types.length} parameters expected, ${params.length} given`);
  const prepare = (): Promise<void> => {
    let ready = session.ready.get(statement.name);
    if (!ready) {
      const types = statement.types.length === 0 ? "" : `(${statement.types.join(", ")})`;
      ready = session.run(`PREPARE ${statement.name}${types} AS ${statement.text}`).then(() => undefined);
      session.ready.set(statement.name, ready);
      ready.catch(() => session.ready.delete(statement.name));
    }
    return ready;
  };
  const args = params.length === 0 ? "" : `(${params.map(sqlLiteral).join(", ")})`;
  const script = `SELECT set_config('plan_cache_mode', 'force_generic_plan', true); EXECUTE ${statement.name}${args}`;
  await prepare();
  try {
    return (await session.run(script))[1] as T[];
  } catch (error) {
    if (!isUnknownStatement(error)) throw error;
    session.ready.delete(statement.name);
    await prepare();
    return (await session.run(script))[1] as T[];
  }
}

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
    prepared: (statement, params) => runner.query(statement.text, params),
  };
  return runner;
}

export function pgliteRunner(db: PgliteLike): SqlRunner {
  // PGlite is one connection: one set of prepared statements.
  const session: PreparingSession = { ready: new Map(), run: async (script) => (await db.exec(script)).map((r) => r.rows) };
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
    prepared: (statement, params) => executePrepared(session, statement, params),
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
    prepared: (statement, params) => runner.query(statement.text, params),
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

/** Each pooled connection's prepared statements, for as long as the pool keeps the connection. */
const pgSessions = new WeakMap<PoolClient, PreparingSession>();

function pgSession(client: PoolClient): PreparingSession {
  let session = pgSessions.get(client);
  if (!session) {
    session = {
      ready: new Map(),
      run: async (script) => {
        // node-postgres answers a script of several statements with one result per statement.
        const res: unknown = await client.query(script);
        return (Array.isArray(res) ? res : [res]).map((r: { rows: unknown[] }) => r.rows);
      },
    };
    pgSessions.set(client, session);
  }
  return session;
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
    async prepared<T>(statement: PreparedStatement, params: unknown[]) {
      const client = await pool.connect();
      try {
        return await executePrepared<T>(pgSession(client), statement, params);
      } finally {
        client.release();
      }
    },
  };
}

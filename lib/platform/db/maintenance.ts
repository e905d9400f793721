import type { Database } from "./client";
import { analyzable, AUTOVACUUM_DEFAULTS, type AutovacuumSettings, maintenanceNeed, type MaintenanceNeed, type TableActivity } from "./rules/autovacuum";

/**
 * Autovacuum for the embedded database. PGlite runs PostgreSQL in single-user mode, which starts no
 * autovacuum launcher: tables with bulk inserts and deletes (campaign and segment members,
 * touchpoints, the outbox) kept their dead rows and never got their visibility map set, and a campaign
 * launch at 100,000 customers took 8.6 s instead of 5.5 s. This applies PostgreSQL's own rule
 * (rules/autovacuum.ts) to the cumulative statistics, which single-user mode does keep — though only
 * for the life of the process: they are not persisted, so after a restart the counters start from
 * zero and `{ full: true }` is the way to catch up.
 *
 * On a PostgreSQL server this does nothing: the server's autovacuum does it.
 *
 * Why a VACUUM issued here never lands inside somebody else's transaction ("VACUUM cannot run inside
 * a transaction block") — read from @electric-sql/pglite 0.5 (src/base.ts, src/pglite.ts) and
 * pglite-prisma-adapter 0.7:
 * - PGlite has two mutexes. `query()`, `exec()` and `transaction()` all take the *transaction* mutex,
 *   and `transaction()` holds it from its BEGIN until its COMMIT/ROLLBACK (the statements inside go
 *   through the transaction object and only take the inner *query* mutex).
 * - Everything in the app reaches PGlite through those three: db.sql (sql.ts pgliteRunner: exec/query,
 *   and `transaction` = `pg.transaction`), and Prisma's adapter (plain queries via `pg.query`; an
 *   interactive or batch `$transaction` via `pg.transaction`, which it keeps open on a deferred promise
 *   until Prisma commits). Nothing sends a bare BEGIN.
 * - So `db.sql.exec("VACUUM …")` = `pg.exec` waits until any open transaction has ended, and no
 *   transaction can begin while it runs. One statement per exec: several statements in one simple
 *   query form an implicit transaction block, which VACUUM refuses.
 * Consequences: never call this from inside a db.sql / Prisma transaction callback (its exec would
 * wait for the transaction that is waiting for it); and requests wait while a table is vacuumed, so
 * tables go one statement at a time and other callers get in between them.
 */

export type MaintenanceAction = "VACUUM (ANALYZE)" | "VACUUM" | "ANALYZE";

export type MaintenanceStep = {
  /** Schema-qualified, `public.` left off. */
  table: string;
  action: MaintenanceAction;
  ms: number;
};

export type MaintenanceReport = {
  engine: Database["engine"];
  /** Tables vacuumed / analyzed (schema-qualified, `public.` left off). */
  vacuumed: string[];
  analyzed: string[];
  steps: MaintenanceStep[];
  /** The whole call, statistics read included. */
  ms: number;
};

export type MaintenanceOptions = {
  /**
   * Vacuum and analyze every table whatever the counters say (after a restart, which loses them): the
   * tables a database-wide `VACUUM (ANALYZE)` covers, but one statement per table so that requests
   * are not held up for the whole run (at 5,000 demo customers: 0.8 s in all, the single statement 1.05 s).
   */
  full?: boolean;
  settings?: AutovacuumSettings;
};

type ActivityRow = {
  schema: string;
  table: string;
  reltuples: number;
  relpages: number;
  relallfrozen: number;
  dead: number;
  inserted: number;
  modified: number;
  xid_age: number;
  mxid_age: number;
};

// The tables autovacuum itself considers: ordinary tables and materialised views, the system
// catalogs included (every ANALYZE rewrites pg_statistic rows); a TOAST table is vacuumed with its
// table. Largest backlog first. Counters are float8: they are bigint, which node-postgres returns as
// text.
const ACTIVITY_SQL = `
  SELECT s.schemaname AS "schema", s.relname AS "table",
         c.reltuples::float8 AS reltuples, c.relpages, c.relallfrozen,
         s.n_dead_tup::float8 AS dead, s.n_ins_since_vacuum::float8 AS inserted,
         s.n_mod_since_analyze::float8 AS modified,
         age(c.relfrozenxid) AS xid_age, mxid_age(c.relminmxid) AS mxid_age
  FROM pg_stat_all_tables s JOIN pg_class c ON c.oid = s.relid
  WHERE c.relkind IN ('r', 'm') AND c.relpersistence <> 't'
  ORDER BY s.n_dead_tup DESC, s.n_mod_since_analyze DESC`;

function toActivity(row: ActivityRow): TableActivity {
  return {
    schema: row.schema,
    table: row.table,
    reltuples: row.reltuples,
    relpages: row.relpages,
    relallfrozen: row.relallfrozen,
    deadTuples: row.dead,
    insertedSinceVacuum: row.inserted,
    modifiedSinceAnalyze: row.modified,
    xidAge: row.xid_age,
    multixactAge: row.mxid_age,
  };
}

/** Names come from the catalog, but may hold any character: quoted as identifiers, `"` doubled. */
function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function actionFor(need: MaintenanceNeed): MaintenanceAction {
  if (!need.vacuum) return "ANALYZE";
  return need.analyze ? "VACUUM (ANALYZE)" : "VACUUM";
}

/** Checks every table against PostgreSQL's autovacuum rule and vacuums / analyzes those due, one at a time. */
export async function maintainEmbeddedDatabase(db: Database, options: MaintenanceOptions = {}): Promise<MaintenanceReport> {
  const report: MaintenanceReport = { engine: db.engine, vacuumed: [], analyzed: [], steps: [], ms: 0 };
  if (db.engine !== "pglite") return report;
  const started = performance.now();

  // The counters reach the shared statistics only at a (rate-limited) flush after a statement: force
  // one, and the next statement — the read — sees this process's latest changes.
  await db.sql.query("SELECT pg_stat_force_next_flush()");
  const tables = (await db.sql.query<ActivityRow>(ACTIVITY_SQL)).map(toActivity);

  for (const t of tables) {
    // Full: what a database-wide VACUUM (ANALYZE) does, but table by table so requests get in between.
    const need = options.full
      ? { vacuum: true, analyze: analyzable(t.schema, t.table) }
      : maintenanceNeed(t, options.settings ?? AUTOVACUUM_DEFAULTS);
    if (!need.vacuum && !need.analyze) continue;
    const name = t.schema === "public" ? t.table : `${t.schema}.${t.table}`;
    const action = actionFor(need);
    const stepStarted = performance.now();
    await db.sql.exec(`${action} ${quoteIdent(t.schema)}.${quoteIdent(t.table)}`);
    report.steps.push({ table: name, action, ms: Math.round(performance.now() - stepStarted) });
    if (need.vacuum) report.vacuumed.push(name);
    if (need.analyze) report.analyzed.push(name);
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}

/** One log line for a run that did something ("… vacuum (analyze) CampaignMember 120 ms, …"); null for one that did not. */
export function maintenanceSummary(report: MaintenanceReport): string | null {
  if (report.steps.length === 0) return null;
  // A full pass touches every table, most in a few ms: name the ones that took a while.
  const named = report.steps.length > 8 ? report.steps.filter((s) => s.ms >= 50) : report.steps;
  const steps = named.map((s) => `${s.action.toLowerCase()} ${s.table} ${s.ms} ms`);
  const rest = report.steps.length - named.length;
  if (rest > 0) steps.push(`${rest} more table${rest === 1 ? "" : "s"} under 50 ms`);
  return `embedded autovacuum: ${steps.join(", ")} (${report.ms} ms in all)`;
}

/**
 * PostgreSQL's own autovacuum decision, as a pure function, for the embedded database: PGlite runs
 * PostgreSQL in single-user mode, where no autovacuum launcher exists, so lib/platform/db/maintenance.ts
 * applies the same rule itself. Mirrors `relation_needs_vacanalyze()` in PostgreSQL 18's
 * src/backend/postmaster/autovacuum.c (PGlite 0.5 is PostgreSQL 18), without per-table reloptions
 * (our migrations set none, so the GUCs' values always apply).
 */

/** The GUCs the decision reads, with PostgreSQL 18's defaults (postgresql.conf.sample). */
export type AutovacuumSettings = {
  /** autovacuum_vacuum_threshold: dead tuples always tolerated. */
  vacuumThreshold: number;
  /** autovacuum_vacuum_scale_factor: plus this fraction of the table's rows. */
  vacuumScaleFactor: number;
  /** autovacuum_vacuum_max_threshold (new in 18; -1 = no cap): the dead-tuple threshold never exceeds it. */
  vacuumMaxThreshold: number;
  /** autovacuum_vacuum_insert_threshold (-1 = never vacuum for inserts alone). */
  vacuumInsertThreshold: number;
  /** autovacuum_vacuum_insert_scale_factor: of the table's not-yet-all-frozen part (18). */
  vacuumInsertScaleFactor: number;
  /** autovacuum_analyze_threshold. */
  analyzeThreshold: number;
  /** autovacuum_analyze_scale_factor. */
  analyzeScaleFactor: number;
  /** autovacuum_freeze_max_age: a table whose oldest unfrozen transaction id is older is vacuumed whatever its counters say. */
  freezeMaxAge: number;
  /** autovacuum_multixact_freeze_max_age: the same for multixact ids. */
  multixactFreezeMaxAge: number;
};

export const AUTOVACUUM_DEFAULTS: AutovacuumSettings = {
  vacuumThreshold: 50,
  vacuumScaleFactor: 0.2,
  vacuumMaxThreshold: 100_000_000,
  vacuumInsertThreshold: 1000,
  vacuumInsertScaleFactor: 0.2,
  analyzeThreshold: 50,
  analyzeScaleFactor: 0.1,
  freezeMaxAge: 200_000_000,
  multixactFreezeMaxAge: 400_000_000,
};

/** One table's counters: pg_stat_all_tables (the tuples) and pg_class (the size as last measured). */
export type TableActivity = {
  schema: string;
  table: string;
  /** pg_class.reltuples: -1 until the first VACUUM or ANALYZE. */
  reltuples: number;
  /** pg_class.relpages and relallfrozen: the insert threshold counts only the unfrozen part. */
  relpages: number;
  relallfrozen: number;
  /** n_dead_tup */
  deadTuples: number;
  /** n_ins_since_vacuum */
  insertedSinceVacuum: number;
  /** n_mod_since_analyze */
  modifiedSinceAnalyze: number;
  /** age(pg_class.relfrozenxid) and mxid_age(relminmxid): the anti-wraparound trigger. */
  xidAge: number;
  multixactAge: number;
};

export type MaintenanceNeed = { vacuum: boolean; analyze: boolean };

export function maintenanceNeed(t: TableActivity, s: AutovacuumSettings = AUTOVACUUM_DEFAULTS): MaintenanceNeed {
  // A table never vacuumed nor analyzed reports -1: PostgreSQL takes it as empty, so the base
  // thresholds alone decide (50 dead rows, 1000 inserts, 50 changes).
  const reltuples = Math.max(t.reltuples, 0);
  // A table that is mostly all-frozen needs a vacuum for inserts only in proportion to the rest.
  const unfrozen = t.relpages > 0 && t.relallfrozen > 0 ? 1 - Math.min(t.relallfrozen, t.relpages) / t.relpages : 1;

  let vacuumThreshold = s.vacuumThreshold + s.vacuumScaleFactor * reltuples;
  if (s.vacuumMaxThreshold >= 0) vacuumThreshold = Math.min(vacuumThreshold, s.vacuumMaxThreshold);
  const insertThreshold = s.vacuumInsertThreshold + s.vacuumInsertScaleFactor * reltuples * unfrozen;
  const analyzeThreshold = s.analyzeThreshold + s.analyzeScaleFactor * reltuples;

  // Single-user mode still stops accepting writes near transaction-id wraparound; only a vacuum that
  // freezes old rows prevents it (past vacuum_freeze_table_age a VACUUM is aggressive by itself).
  const wraparound = t.xidAge > s.freezeMaxAge || t.multixactAge > s.multixactFreezeMaxAge;

  return {
    vacuum:
      wraparound ||
      t.deadTuples > vacuumThreshold ||
      (s.vacuumInsertThreshold >= 0 && t.insertedSinceVacuum > insertThreshold),
    analyze: t.modifiedSinceAnalyze > analyzeThreshold && analyzable(t.schema, t.table),
  };
}

/** Autovacuum never analyzes pg_statistic: its rows are the statistics. */
export function analyzable(schema: string, table: string): boolean {
  return !(schema === "pg_catalog" && table === "pg_statistic");
}

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { AUTOVACUUM_DEFAULTS, maintenanceNeed, type TableActivity } from "@/lib/platform/db/rules/autovacuum";

const idle: TableActivity = {
  schema: "public",
  table: "CampaignMember",
  reltuples: 10_000,
  relpages: 100,
  relallfrozen: 0,
  deadTuples: 0,
  insertedSinceVacuum: 0,
  modifiedSinceAnalyze: 0,
  xidAge: 1000,
  multixactAge: 0,
};

describe("PostgreSQL's autovacuum rule with its default settings", () => {
  test.each([
    // [what, counters, vacuum, analyze] — at 10,000 rows: dead > 50 + 0.2·10,000 = 2,050;
    // inserts > 1,000 + 0.2·10,000 = 3,000; changes > 50 + 0.1·10,000 = 1,050.
    ["an idle table", {}, false, false],
    ["dead rows at the threshold", { deadTuples: 2050, modifiedSinceAnalyze: 2050 }, false, true],
    ["dead rows past it", { deadTuples: 2051, modifiedSinceAnalyze: 2051 }, true, true],
    ["inserts at the insert threshold", { insertedSinceVacuum: 3000, modifiedSinceAnalyze: 3000 }, false, true],
    ["inserts past it", { insertedSinceVacuum: 3001, modifiedSinceAnalyze: 3001 }, true, true],
    ["changes at the analyze threshold", { modifiedSinceAnalyze: 1050 }, false, false],
    ["changes past it", { modifiedSinceAnalyze: 1051 }, false, true],
    // A vacuum resets n_dead_tup but not n_mod_since_analyze, and the other way round.
    ["dead rows, already analyzed", { deadTuples: 5000 }, true, false],
    // Never vacuumed nor analyzed: reltuples is -1 and counts as 0, the base thresholds decide.
    ["a new table: 51 dead rows", { reltuples: -1, deadTuples: 51 }, true, false],
    ["a new table: 50 dead rows", { reltuples: -1, deadTuples: 50 }, false, false],
    ["a new table: 1,001 inserts", { reltuples: -1, insertedSinceVacuum: 1001, modifiedSinceAnalyze: 1001 }, true, true],
    ["a new table: 500 inserts", { reltuples: -1, insertedSinceVacuum: 500, modifiedSinceAnalyze: 500 }, false, true],
    // PostgreSQL 18: the insert threshold scales with the part of the table not yet all-frozen.
    ["3/4 frozen: 1,501 inserts", { relallfrozen: 75, insertedSinceVacuum: 1501 }, true, false],
    ["3/4 frozen: 1,500 inserts", { relallfrozen: 75, insertedSinceVacuum: 1500 }, false, false],
    ["relallfrozen above relpages is clamped", { relallfrozen: 500, insertedSinceVacuum: 1001 }, true, false],
    // Anti-wraparound: past autovacuum_freeze_max_age a vacuum is due whatever the counters say.
    ["transaction ids older than 200 million", { xidAge: 200_000_001 }, true, false],
    ["multixact ids older than 400 million", { multixactAge: 400_000_001 }, true, false],
  ])("%s", (_what, counters, vacuum, analyze) => {
    expect(maintenanceNeed({ ...idle, ...counters })).toEqual({ vacuum, analyze });
  });

  test("a huge table's dead-row threshold is capped at autovacuum_vacuum_max_threshold (100 million)", () => {
    const huge = { ...idle, reltuples: 1e9 };
    expect(maintenanceNeed({ ...huge, deadTuples: 100_000_001 }).vacuum).toBe(true);
    expect(maintenanceNeed({ ...huge, deadTuples: 100_000_001 }, { ...AUTOVACUUM_DEFAULTS, vacuumMaxThreshold: -1 }).vacuum).toBe(false);
  });

  test("an insert threshold of -1 turns insert-driven vacuums off", () => {
    expect(maintenanceNeed({ ...idle, insertedSinceVacuum: 1e6 }, { ...AUTOVACUUM_DEFAULTS, vacuumInsertThreshold: -1 }).vacuum).toBe(false);
  });

  test("pg_statistic is vacuumed but never analyzed", () => {
    const statistic = { ...idle, schema: "pg_catalog", table: "pg_statistic", deadTuples: 1e6, modifiedSinceAnalyze: 1e6 };
    expect(maintenanceNeed(statistic)).toEqual({ vacuum: true, analyze: false });
  });

  test("more dead rows, inserts or changes never turn a due vacuum or analyze off", () => {
    const counter = fc.nat({ max: 1e7 });
    fc.assert(
      fc.property(fc.integer({ min: -1, max: 1e7 }), counter, counter, counter, counter, (reltuples, dead, inserted, modified, more) => {
        const before = maintenanceNeed({ ...idle, reltuples, deadTuples: dead, insertedSinceVacuum: inserted, modifiedSinceAnalyze: modified });
        const after = maintenanceNeed({ ...idle, reltuples, deadTuples: dead + more, insertedSinceVacuum: inserted + more, modifiedSinceAnalyze: modified + more });
        expect(after.vacuum || !before.vacuum).toBe(true);
        expect(after.analyze || !before.analyze).toBe(true);
      }),
    );
  });
});

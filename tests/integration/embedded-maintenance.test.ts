import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SqlRunner } from "@/lib/platform/db/sql";
import { maintainEmbeddedDatabase, maintenanceSummary } from "@/lib/platform/db/maintenance";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const onServer = Boolean(process.env.TEST_DATABASE_URL);

type TableStats = { dead: number; lastVacuum: Date | null; lastAnalyze: Date | null };

async function tableStats(table: string): Promise<TableStats> {
  // The counters reach the statistics only at a flush; the statement after this one sees them.
  await db.sql.query("SELECT pg_stat_force_next_flush()");
  const [row] = await db.sql.query<TableStats>(
    `SELECT n_dead_tup::float8 AS dead, last_vacuum AS "lastVacuum", last_analyze AS "lastAnalyze" FROM pg_stat_user_tables WHERE relname = $1`,
    [table],
  );
  return row;
}

/** Churn like a campaign relaunch: a few thousand rows in, most of them deleted again. */
async function churnAuditLog(rows: number, deleted: number): Promise<void> {
  await db.sql.query(
    `INSERT INTO "AuditLog" (action, entity, "entityId") SELECT 'TEST', 'Maintenance', g::text FROM generate_series(1, $1::int) g`,
    [rows],
  );
  await db.sql.query(`DELETE FROM "AuditLog" WHERE id IN (SELECT id FROM "AuditLog" WHERE entity = 'Maintenance' ORDER BY id LIMIT $1)`, [deleted]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(onServer)("autovacuum for the embedded database", () => {
  test("vacuums a table past PostgreSQL's thresholds, analyzes one past only the analyze threshold, leaves the rest", async () => {
    await churnAuditLog(3000, 2500); // 2,500 dead rows > 50: vacuum (and 5,500 changes > 50: analyze)
    await db.sql.query(`INSERT INTO "LoginAttempt" (email, ip, at) SELECT 'x@example.com', '10.0.0.1', now() FROM generate_series(1, 500)`); // 500 inserts < 1,000: only analyze
    await db.sql.query(`INSERT INTO "Setting" (key, value, "updatedAt") SELECT 'maintenance-' || g, '{}'::jsonb, now() FROM generate_series(1, 10) g`); // 10 changes: nothing
    expect(await tableStats("AuditLog")).toMatchObject({ dead: 2500, lastVacuum: null });

    const report = await maintainEmbeddedDatabase(db);

    expect(report.engine).toBe("pglite");
    expect(report.steps).toContainEqual({ table: "AuditLog", action: "VACUUM (ANALYZE)", ms: expect.any(Number) });
    expect(report.steps).toContainEqual({ table: "LoginAttempt", action: "ANALYZE", ms: expect.any(Number) });
    expect(report.vacuumed).toContain("AuditLog");
    expect(report.vacuumed).not.toContain("LoginAttempt");
    expect(report.analyzed).toEqual(expect.arrayContaining(["AuditLog", "LoginAttempt"]));
    expect([...report.vacuumed, ...report.analyzed]).not.toContain("Setting");
    expect(maintenanceSummary(report)).toMatch(/vacuum \(analyze\) AuditLog \d+ ms/);

    expect(await tableStats("AuditLog")).toMatchObject({ dead: 0, lastVacuum: expect.any(Date), lastAnalyze: expect.any(Date) });
    expect(await tableStats("LoginAttempt")).toMatchObject({ lastVacuum: null, lastAnalyze: expect.any(Date) });
    expect(await tableStats("Setting")).toMatchObject({ lastVacuum: null, lastAnalyze: null });

    // Done is done: the next run finds nothing due on those tables.
    const again = await maintainEmbeddedDatabase(db);
    expect(again.steps.map((s) => s.table)).not.toEqual(expect.arrayContaining(["AuditLog"]));
  });

  test("quotes table names from the catalog as identifiers", async () => {
    await db.sql.exec(`CREATE TABLE "odd ""name""; DROP TABLE x" (id int)`);
    await db.sql.query(`INSERT INTO "odd ""name""; DROP TABLE x" SELECT g FROM generate_series(1, 200) g`);
    await db.sql.query(`DELETE FROM "odd ""name""; DROP TABLE x"`);
    const report = await maintainEmbeddedDatabase(db);
    expect(report.vacuumed).toContain(`odd "name"; DROP TABLE x`);
    expect(await tableStats(`odd "name"; DROP TABLE x`)).toMatchObject({ dead: 0, lastVacuum: expect.any(Date) });
  });

  test("full: vacuums and analyzes every table, the system catalogs included, whatever the counters say", async () => {
    const report = await maintainEmbeddedDatabase(db, { full: true });
    expect(report.vacuumed).toEqual(expect.arrayContaining(["Setting", "Customer", "pg_catalog.pg_class", "pg_catalog.pg_statistic"]));
    expect(report.analyzed).toContain("Setting");
    expect(report.analyzed).not.toContain("pg_catalog.pg_statistic");
    expect(await tableStats("Setting")).toMatchObject({ lastVacuum: expect.any(Date), lastAnalyze: expect.any(Date) });
  });

  test("a VACUUM waits for a Prisma interactive transaction that is open, instead of failing inside it", async () => {
    await churnAuditLog(1000, 1000);
    const events: string[] = [];
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    const transaction = db.prisma.$transaction(async (tx) => {
      await tx.setting.create({ data: { key: "maintenance-tx", value: {} } });
      opened();
      await sleep(300); // the VACUUM is asked for while this transaction is open
      await tx.setting.update({ where: { key: "maintenance-tx" }, data: { value: { done: true } } });
      events.push("transaction");
    });
    await isOpen;
    const maintenance = maintainEmbeddedDatabase(db).then((report) => {
      events.push("maintenance");
      return report;
    });

    const [, report] = await Promise.all([transaction, maintenance]);
    expect(report.vacuumed).toContain("AuditLog");
    expect(events).toEqual(["transaction", "maintenance"]);
    expect(await db.prisma.setting.findUnique({ where: { key: "maintenance-tx" }, select: { value: true } })).toEqual({ value: { done: true } });
  });

  test("… and for a db.sql transaction and a Prisma batch transaction alike", async () => {
    await churnAuditLog(1000, 1000);
    const sqlTransaction = db.sql.transaction(async (tx) => {
      await tx.query(`INSERT INTO "Setting" (key, value, "updatedAt") VALUES ('maintenance-sql', '{}', now())`);
      await sleep(200);
    });
    const batch = db.prisma.$transaction([
      db.prisma.setting.create({ data: { key: "maintenance-batch", value: {} } }),
      db.prisma.setting.delete({ where: { key: "maintenance-batch" } }),
    ]);
    const report = await maintainEmbeddedDatabase(db);
    await Promise.all([sqlTransaction, batch]);
    expect(report.vacuumed).toContain("AuditLog");
  });
});

describe.runIf(onServer)("on a PostgreSQL server", () => {
  test("does nothing (the server's autovacuum does it) and sends no statement", async () => {
    const sent: string[] = [];
    const watched: SqlRunner = {
      ...db.sql,
      query: (sql, params) => (sent.push(sql), db.sql.query(sql, params)),
      exec: (sql) => (sent.push(sql), db.sql.exec(sql)),
    };
    await churnAuditLog(3000, 2500);
    const report = await maintainEmbeddedDatabase({ ...db, sql: watched });
    expect(report).toMatchObject({ engine: "postgres", vacuumed: [], analyzed: [], steps: [] });
    expect(maintenanceSummary(report)).toBeNull();
    expect(sent).toEqual([]);
  });
});

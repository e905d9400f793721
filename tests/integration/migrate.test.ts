import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { migrate, MigrationError, readMigrations } from "@/lib/platform/db/migrate";
import { openPglite, type OpenedPglite } from "@/lib/platform/db/pglite";
import { pgliteRunner } from "@/lib/platform/db/sql";

let opened: OpenedPglite | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

function folderWith(migrations: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "summit-migrations-"));
  for (const [name, sql] of Object.entries(migrations)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

// Runs on PGlite in both passes; the PostgreSQL pass migrates a fresh server database for every file anyway.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("migration runner", () => {
  test("a fresh database gets every project migration, recorded in Prisma's history layout", async () => {
    opened = await openPglite();
    const sql = pgliteRunner(opened.pg);
    const all = await readMigrations();
    expect(all.length).toBeGreaterThan(0);
    const result = await migrate(sql, all);
    expect(result.applied).toEqual(all.map((m) => m.name));
    const rows = await sql.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const first = all[0];
    const expectedChecksum = createHash("sha256").update(readFileSync(path.resolve("prisma/migrations", first.name, "migration.sql"))).digest("hex");
    expect(rows[0]).toMatchObject({ migration_name: first.name, checksum: expectedChecksum, applied_steps_count: 1 });
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
    const tables = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('Customer', 'CustomerScore', 'AuditLog')`);
    expect(tables[0].n).toBe(3);
    // Running again applies nothing.
    expect(await migrate(sql, all)).toEqual({ applied: [], alreadyApplied: all.length });
  });

  test("incremental: only the migrations added since the last run are applied, in name order", async () => {
    opened = await openPglite();
    const sql = pgliteRunner(opened.pg);
    const dir = folderWith({ "20260101000000_one": `CREATE TABLE a (id int);` });
    expect((await migrate(sql, await readMigrations(dir))).applied).toEqual(["20260101000000_one"]);
    mkdirSync(path.join(dir, "20260301000000_three"));
    writeFileSync(path.join(dir, "20260301000000_three", "migration.sql"), `ALTER TABLE a ADD COLUMN c int;`);
    mkdirSync(path.join(dir, "20260201000000_two"));
    writeFileSync(path.join(dir, "20260201000000_two", "migration.sql"), `ALTER TABLE a ADD COLUMN b int;`);
    const result = await migrate(sql, await readMigrations(dir));
    expect(result).toEqual({ applied: ["20260201000000_two", "20260301000000_three"], alreadyApplied: 1 });
    const cols = await sql.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'a' ORDER BY ordinal_position`);
    expect(cols.map((c) => c.column_name)).toEqual(["id", "b", "c"]);
  });

  test("a failing migration is rolled back whole and not recorded; the next run retries it", async () => {
    opened = await openPglite();
    const sql = pgliteRunner(opened.pg);
    const dir = folderWith({
      "20260101000000_ok": `CREATE TABLE ok_table (id int);`,
      "20260102000000_bad": `CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;`,
    });
    await expect(migrate(sql, await readMigrations(dir))).rejects.toThrow(/no_such_table/);
    const recorded = await sql.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(recorded.map((r) => r.migration_name)).toEqual(["20260101000000_ok"]);
    const half = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'half_done'`);
    expect(half[0].n).toBe(0);
    writeFileSync(path.join(dir, "20260102000000_bad", "migration.sql"), `CREATE TABLE half_done (id int);`);
    expect((await migrate(sql, await readMigrations(dir))).applied).toEqual(["20260102000000_bad"]);
  });

  test("a migration left unfinished by a crash stops the runner with a clear message", async () => {
    opened = await openPglite();
    const sql = pgliteRunner(opened.pg);
    const dir = folderWith({ "20260101000000_one": `SELECT 1;` });
    await migrate(sql, await readMigrations(dir));
    await sql.exec(`UPDATE "_prisma_migrations" SET finished_at = NULL`);
    await expect(migrate(sql, await readMigrations(dir))).rejects.toBeInstanceOf(MigrationError);
  });
});

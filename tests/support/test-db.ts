import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Pool } from "pg";
import { connectPglite, connectPostgres, type Database, setDatabase } from "@/lib/platform/db/client";
import { migrate } from "@/lib/platform/db/migrate";
import { pgPoolRunner } from "@/lib/platform/db/sql";

export type TestDatabase = Database & { label: string };

/**
 * A fresh, migrated database for one test file, installed as the app's database so the DAL uses it.
 * PGlite by default (restored from the migrated template); with TEST_DATABASE_URL, a new database on
 * that PostgreSQL server, dropped again by close().
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const template = process.env.SUMMIT_TEST_TEMPLATE;
    const loadDataDir = template ? new Blob([readFileSync(template)]) : undefined;
    const db = await connectPglite(undefined, { loadDataDir });
    setDatabase(db);
    return { ...db, label: "pglite" };
  }
  const name = `summit_test_${randomBytes(6).toString("hex")}`;
  const admin = new Pool({ connectionString: serverUrl, max: 1 });
  // DROP DATABASE ... WITH (FORCE) below may cut connections that are closing anyway.
  admin.on("error", () => {});
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const migrator = new Pool({ connectionString: url.toString(), max: 1 });
  migrator.on("error", () => {});
  await migrate(pgPoolRunner(migrator));
  await migrator.end();
  const db = await connectPostgres(url.toString());
  setDatabase(db);
  return {
    ...db,
    label: "postgres",
    close: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

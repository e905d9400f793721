import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Actor } from "@/lib/platform/auth/permissions";
import { connectPglite, connectPostgres, type Database } from "@/lib/platform/db/client";
import type { Role } from "@/lib/platform/enums";
import { maintainEmbeddedDatabase, maintenanceSummary } from "@/lib/platform/db/maintenance";
import { isDatabaseEmpty, seedDemoData } from "@/prisma/seed/generate";
import { formatMs } from "./measure";

/** Whether the module at `moduleUrl` is the script node was started with (not imported by the runner). */
export function invokedDirectly(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(moduleUrl);
}

/** The first active user of a role in the bench database, as an Actor. */
export async function firstActor(db: Database, role: Role): Promise<Actor> {
  const [user] = await db.sql.query<{ id: number; teamId: number | null }>(`SELECT "id", "teamId" FROM "User" WHERE "role" = $1 AND "active" ORDER BY "id" LIMIT 1`, [role]);
  if (!user) throw new Error(`no active ${role} in this database: seed it first (npm run seed -- --customers 100000)`);
  return { id: user.id, role, teamId: user.teamId };
}

/**
 * Runs one bench on its own: the server of DATABASE_URL or the embedded database in
 * SUMMIT_BENCH_DIR (default .data/bench/pglite), seeded with `--customers N` demo customers first
 * when empty (`seedCustomers`; 0 = never seed), then exits with the bench's outcome.
 */
export function runStandalone(bench: (db: Database) => Promise<void>, seedCustomers = 0): void {
  const url = process.env.DATABASE_URL;
  const flag = process.argv.indexOf("--customers");
  const customers = flag > 0 ? Number(process.argv[flag + 1]) : seedCustomers;
  const open = url ? connectPostgres(url) : connectPglite(process.env.SUMMIT_BENCH_DIR ?? path.resolve(".data/bench/pglite"));
  open
    .then(async (db) => {
      try {
        if (customers > 0 && (await isDatabaseEmpty(db.sql))) {
          const t0 = performance.now();
          await seedDemoData(db.sql, { customers });
          console.log(`seeded ${customers.toLocaleString("en-US")} demo customers in ${formatMs(performance.now() - t0)}`);
        }
        // What the app's autovacuum job does in its first minute (lib/platform/db/maintenance.ts).
        const summary = maintenanceSummary(await maintainEmbeddedDatabase(db, { full: true }));
        if (summary) console.log(`(${summary})`);
        await bench(db);
      } finally {
        await db.close();
      }
    })
    .then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
}

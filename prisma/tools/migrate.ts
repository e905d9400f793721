/**
 * `npm run db:migrate`: applies pending migrations to the database the app is configured for
 * (DATABASE_URL, else the embedded one under .data/), recording them in `_prisma_migrations`.
 */
import path from "node:path";
import { dataDir } from "../../lib/platform/db/client";
import { migrate } from "../../lib/platform/db/migrate";
import { openPglite } from "../../lib/platform/db/pglite";
import { pgPoolRunner, pgliteRunner } from "../../lib/platform/db/sql";
import { Pool } from "pg";
import { exitWhenDone } from "../../lib/platform/cli";

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const started = performance.now();
  if (url) {
    const pool = new Pool({ connectionString: url, max: 1 });
    try {
      report(await migrate(pgPoolRunner(pool)), started);
    } finally {
      await pool.end();
    }
    return;
  }
  const { pg, close } = await openPglite(path.join(dataDir(), "pglite"));
  try {
    report(await migrate(pgliteRunner(pg)), started);
  } finally {
    await close();
  }
}

function report(result: { applied: string[]; alreadyApplied: number }, started: number): void {
  for (const name of result.applied) console.log(`applied ${name}`);
  console.log(`${result.applied.length} applied, ${result.alreadyApplied} already applied (${Math.round(performance.now() - started)} ms)`);
}


exitWhenDone(main);

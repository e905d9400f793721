/**
 * Fills the end-to-end server's embedded database before `next start`: the demo company generated
 * around SUMMIT_DEMO_TODAY and scored as of that day. It is what the first start does
 * (lib/db/bootstrap.ts), but on the run's fixed day rather than the machine's: the first-start seed
 * still reads the machine's date, and an e2e run whose server clock says 2026-06-10 needs demo
 * meetings and tasks on 2026-06-10. Once the first-start seed honours SUMMIT_DEMO_TODAY itself, this
 * step (and its line in playwright.config.ts) can go.
 *
 *   SUMMIT_DATA_DIR=.data/e2e SUMMIT_DEMO_TODAY=2026-06-10 SUMMIT_DEMO_CUSTOMERS=400 npx tsx scripts/seed-e2e-database.ts
 */
import path from "node:path";
import { connectPglite, dataDir } from "@/lib/db/client";
import { recomputeWithHistory } from "@/lib/jobs/score-history";
import { demoToday } from "@/lib/platform/clock";
import { isDatabaseEmpty, seedDemoData } from "@/prisma/seed/generate";

async function main(): Promise<void> {
  const today = demoToday();
  const customers = Number(process.env.SUMMIT_DEMO_CUSTOMERS ?? 2000);
  const started = performance.now();
  const db = await connectPglite(path.join(dataDir(), "pglite"));
  try {
    if (!(await isDatabaseEmpty(db.sql))) {
      console.log("[e2e] the database already has data: left as it is");
      return;
    }
    await seedDemoData(db.sql, { customers, now: today });
    // As the first start does: this quarter and the four before it, so the value pages have history.
    await recomputeWithHistory(db.sql, { quarters: 4, asOf: today });
    console.log(`[e2e] demo company of ${customers} customers as of ${today.toISOString().slice(0, 10)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
}

// Exit explicitly: PGlite's timers would otherwise keep the process alive.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

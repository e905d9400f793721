import { getDatabase } from "./client";

/**
 * Called once at server start. The embedded database was migrated when it was opened; on the very
 * first start it is also filled with the demo company, so a new user sees a working CRM at once.
 * A PostgreSQL server is migrated by `npm run db:migrate` and seeded by `npm run seed` on purpose.
 */
export async function bootDatabase(): Promise<void> {
  const db = await getDatabase();
  if (db.engine !== "pglite" || process.env.SUMMIT_DEMO_DATA === "off") return;
  const { isDatabaseEmpty, seedDemoData } = await import("@/prisma/seed/generate");
  if (!(await isDatabaseEmpty(db.sql))) return;
  const started = Date.now();
  console.log("[summit] empty embedded database: loading the demo company…");
  const customers = Number(process.env.SUMMIT_DEMO_CUSTOMERS ?? 2000);
  await seedDemoData(db.sql, { customers });
  // Score the demo company for this quarter and the four before it, so the value dashboard has
  // periods to compare and every customer page explains its scores from the start.
  const { recomputeWithHistory } = await import("@/lib/jobs/score-history");
  await recomputeWithHistory(db.sql, { quarters: 4 });
  console.log(`[summit] demo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

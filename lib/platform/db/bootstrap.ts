import { MAX_SETUP_TOKENS, newSetupToken, readDigests, SETUP_TOKENS_KEY, type SetupTokens } from "@/lib/platform/auth/setup-token";
import { demoToday, nowMs } from "@/lib/platform/clock";
import { publicOrigin } from "@/lib/platform/origin";
import { getDatabase } from "./client";
import { demoDataDecision } from "./demo-data";
import { describeError, nextFirstStartStep, readFirstStart, writeFirstStart, type FirstStartState } from "./first-start";
import type { SqlRunner } from "./sql";

/** Quarters scored before the current one at first start, so the value dashboard has periods to compare. */
const HISTORY_QUARTERS = 4;

/**
 * Called once at server start. The embedded database was migrated when it was opened; on the very
 * first start it is also filled with the demo company and scored, so a new user sees a working CRM
 * at once (unless demo data is switched off: lib/platform/db/demo-data.ts). A PostgreSQL server is migrated by
 * `npm run db:migrate` and seeded by `npm run seed` on purpose. A database left without users gets a
 * one-time setup link for its first admin.
 *
 * Never throws for the first start's sake: if seeding or scoring fails, the cause is logged and
 * recorded (lib/platform/db/first-start.ts), the admin Scores page says what failed and offers "Recompute
 * now", the next start finishes the job, and meanwhile every page serves.
 */
export async function bootDatabase(): Promise<void> {
  const db = await getDatabase();
  try {
    const { markInterruptedRecompute } = await import("@/lib/scoring/recompute");
    if (await markInterruptedRecompute(db.sql, db.engine)) console.warn("[summit] a score recompute was interrupted by the last stop: marked failed (Admin → Scores)");
  } catch (error) {
    console.error(`[summit] could not check for an interrupted recompute: ${describeError(error)}`);
  }
  const demo = demoDataDecision(process.env);
  if (!demo.allowed && !demo.explicit) console.warn(`[summit] no demo data: ${demo.reason}`);
  if (db.engine === "pglite" && demo.allowed) await runFirstStart(db.sql);
  await offerFirstAdminSetup(db.sql);
}

/**
 * Without any user nobody can sign in, and no password may be known in advance: the start prints a
 * one-time link to /setup with a fresh token (only its digest is stored, next to those of other app
 * servers' starts). Once a user exists the stored digests are dropped. Returns the printed token.
 */
export async function offerFirstAdminSetup(sql: SqlRunner, log: (line: string) => void = console.log): Promise<string | null> {
  return sql.transaction(async (tx) => {
    // One start at a time, so concurrent servers append their digests instead of overwriting them.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1::text))::text`, [SETUP_TOKENS_KEY]);
    const [{ users }] = await tx.query<{ users: boolean }>(`SELECT EXISTS (SELECT 1 FROM "User") AS users`);
    if (users) {
      await tx.query(`DELETE FROM "Setting" WHERE key = $1`, [SETUP_TOKENS_KEY]);
      return null;
    }
    const rows = await tx.query<{ value: unknown }>(`SELECT value FROM "Setting" WHERE key = $1`, [SETUP_TOKENS_KEY]);
    const { token, digest } = newSetupToken();
    const stored: SetupTokens = { digests: [...readDigests(rows[0]?.value), digest].slice(-MAX_SETUP_TOKENS) };
    await tx.query(
      `INSERT INTO "Setting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, $3::timestamp)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = EXCLUDED."updatedAt"`,
      [SETUP_TOKENS_KEY, JSON.stringify(stored), isoNow()],
    );
    log(`[summit] no users yet: create the first admin at ${publicOrigin()}/setup?token=${token}`);
    return token;
  });
}

function isoNow(): string {
  return new Date(nowMs()).toISOString();
}

export async function runFirstStart(sql: SqlRunner, options: { customers?: number } = {}): Promise<FirstStartState | null> {
  const { isDatabaseEmpty, resetDatabase, seedDemoData } = await import("@/prisma/seed/generate");
  let today: Date;
  try {
    today = demoToday();
  } catch (error) {
    console.error(`[summit] first start skipped: ${describeError(error)}`);
    return null;
  }
  const demoDay = today.toISOString().slice(0, 10);
  const recorded = await readFirstStart(sql);
  const step = nextFirstStartStep(recorded, !(await isDatabaseEmpty(sql)));
  if (step === "nothing") return recorded;

  const startedAt = recorded && recorded.state !== "done" ? recorded.startedAt : isoNow();
  // A restarted first start keeps the day it began with, so seed and scores agree.
  const day = recorded && recorded.state !== "done" ? recorded.demoToday : demoDay;
  const started = performance.now();
  let phase: "seeding" | "scoring" = "seeding";
  try {
    if (step === "seed" || step === "reseed") {
      if (step === "reseed") {
        console.log("[summit] the last first start stopped while loading the demo company: starting it again");
        await resetDatabase(sql);
      }
      await writeFirstStart(sql, { state: "seeding", startedAt, demoToday: day });
      const customers = options.customers ?? Number(process.env.SUMMIT_DEMO_CUSTOMERS ?? 2000);
      console.log(`[summit] empty embedded database: loading the demo company (${customers} customers, as of ${day})…`);
      await seedDemoData(sql, { customers, now: new Date(`${day}T00:00:00Z`) });
    } else {
      console.log("[summit] the last first start did not finish scoring: scoring the demo company again");
    }
    phase = "scoring";
    await writeFirstStart(sql, { state: "scoring", startedAt, demoToday: day });
    // Score the demo day and the four quarters before it, so the value dashboard has periods to
    // compare and every customer page explains its scores from the start.
    const { recomputeWithHistory } = await import("@/lib/scoring/history");
    const summaries = await recomputeWithHistory(sql, { asOf: new Date(`${day}T00:00:00Z`), quarters: HISTORY_QUARTERS });
    const fallbacks = summaries.filter((s) => s.models.fallback).length;
    const done: FirstStartState = {
      state: "done",
      startedAt,
      finishedAt: isoNow(),
      demoToday: day,
      customers: summaries.at(-1)?.customers ?? 0,
      periods: summaries.length,
      fallbacks,
    };
    await writeFirstStart(sql, done);
    console.log(
      `[summit] demo data ready in ${((performance.now() - started) / 1000).toFixed(1)} s` +
        (fallbacks > 0 ? ` (${fallbacks} of ${summaries.length} periods used a model fallback: see Admin → Scores)` : ""),
    );
    return done;
  } catch (error) {
    const message = describeError(error);
    console.error(`[summit] first start failed while ${phase === "seeding" ? "loading the demo company" : "scoring it"}: ${message}`);
    if (error instanceof Error && error.stack) console.error(error.stack);
    const failed: FirstStartState = { state: "failed", phase, startedAt, failedAt: isoNow(), demoToday: day, error: message };
    try {
      await writeFirstStart(sql, failed);
    } catch (writeError) {
      console.error(`[summit] could not record the failed first start: ${describeError(writeError)}`);
    }
    return failed;
  }
}

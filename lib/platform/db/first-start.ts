import { nowMs } from "@/lib/platform/clock";
import type { SqlRunner } from "./sql";

/**
 * The first start of the embedded database as a small state machine kept in the database itself
 * (Setting "firstStart"), so a start that stopped half-way is finished by the next one instead of
 * being mistaken for a working install:
 *
 *   (empty) → seeding → scoring → done
 *                 ↘         ↘
 *                  failed (phase, error) — retried from that phase at the next start
 *
 * A crash while seeding leaves "seeding" (or "failed" in seeding): the next start empties the tables
 * and seeds again. A crash or failure while scoring leaves "scoring"/"failed": the next start scores
 * again (every period is replaced, never added twice). Nothing here throws to its caller: a failure
 * is logged with its cause and recorded for the admin Scores page, and the server goes on serving.
 */

export const FIRST_START_KEY = "firstStart";

export type FirstStartPhase = "seeding" | "scoring";

export type FirstStartState =
  | { state: "seeding"; startedAt: string; demoToday: string }
  | { state: "scoring"; startedAt: string; demoToday: string }
  | { state: "done"; startedAt: string; finishedAt: string; demoToday: string; customers: number; periods: number; fallbacks: number }
  | { state: "failed"; phase: FirstStartPhase; startedAt: string; failedAt: string; demoToday: string; error: string };

export async function readFirstStart(sql: SqlRunner): Promise<FirstStartState | null> {
  const rows = await sql.query<{ value: FirstStartState }>(`SELECT value FROM "Setting" WHERE key = $1`, [FIRST_START_KEY]);
  return rows[0]?.value ?? null;
}

export async function writeFirstStart(sql: SqlRunner, state: FirstStartState): Promise<void> {
  await sql.query(
    `INSERT INTO "Setting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, $3::timestamp)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = EXCLUDED."updatedAt"`,
    [FIRST_START_KEY, JSON.stringify(state), new Date(nowMs()).toISOString()],
  );
}

/** What the next start must do, given the recorded state and whether any user exists. */
export function nextFirstStartStep(state: FirstStartState | null, hasUsers: boolean): "seed" | "reseed" | "score" | "nothing" {
  if (state === null) return hasUsers ? "nothing" : "seed";
  switch (state.state) {
    case "done":
      return "nothing";
    case "seeding":
      return "reseed";
    case "scoring":
      return "score";
    case "failed":
      return state.phase === "seeding" ? "reseed" : "score";
  }
}

/** An error's message with its causes, for the log and the admin page. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(" — caused by: ");
}

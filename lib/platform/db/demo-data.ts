import { nowMs } from "@/lib/platform/clock";
import { FIRST_START_KEY } from "./first-start";
import type { SqlRunner } from "./sql";

/**
 * Demo data means users whose password is printed in the README. Whether a start may load it:
 *
 * - `SUMMIT_DEMO_DATA=on`: yes, anywhere (an explicit choice, also in production).
 * - `SUMMIT_DEMO_DATA=off`: no.
 * - unset: yes on the embedded database (a developer machine or a demo: `npm run demo` is
 *   `next start`, a production server, and must keep working), and on a server database outside
 *   production; no with DATABASE_URL set in production.
 * - anything else: no (a typo must not load known passwords), with the reason logged.
 *
 * The seed records that it ran (Setting "demoData") in the transaction that creates the demo users,
 * so the app can show a banner whenever those users exist.
 */
export const DEMO_DATA_KEY = "demoData";

export type DemoDataEnv = { SUMMIT_DEMO_DATA?: string; DATABASE_URL?: string; NODE_ENV?: string };
export type DemoDataDecision = { allowed: true } | { allowed: false; reason: string; explicit: boolean };

export function demoDataDecision(env: DemoDataEnv): DemoDataDecision {
  const setting = env.SUMMIT_DEMO_DATA?.trim().toLowerCase();
  if (setting === "on") return { allowed: true };
  if (setting === "off") return { allowed: false, reason: "SUMMIT_DEMO_DATA=off", explicit: true };
  if (setting !== undefined && setting !== "") {
    return { allowed: false, reason: `SUMMIT_DEMO_DATA=${JSON.stringify(env.SUMMIT_DEMO_DATA)} is neither on nor off`, explicit: false };
  }
  if (env.DATABASE_URL && env.NODE_ENV === "production") {
    return { allowed: false, reason: "a production server database (DATABASE_URL with NODE_ENV=production) gets demo data only with SUMMIT_DEMO_DATA=on", explicit: false };
  }
  return { allowed: true };
}

export type DemoDataMarker = { seededAt: string; customers: number };

export async function markDemoData(sql: SqlRunner, marker: Omit<DemoDataMarker, "seededAt">): Promise<void> {
  const seededAt = new Date(nowMs()).toISOString();
  await sql.query(
    `INSERT INTO "Setting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, $3::timestamp)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = EXCLUDED."updatedAt"`,
    [DEMO_DATA_KEY, JSON.stringify({ ...marker, seededAt }), seededAt],
  );
}

/**
 * Whether the demo company (and its users with the published password) is in this database. A
 * recorded first start counts too: it only ever loads the demo company, and databases seeded before
 * the marker existed have it.
 */
export async function hasDemoData(sql: SqlRunner): Promise<boolean> {
  const rows = await sql.query<{ present: boolean }>(`SELECT EXISTS (SELECT 1 FROM "Setting" WHERE key = ANY($1::text[])) AS present`, [
    [DEMO_DATA_KEY, FIRST_START_KEY],
  ]);
  return rows[0]?.present === true;
}

/**
 * Monthly sales targets (quotas) for every rep and team, a year back and half a year ahead of `now`,
 * so the pipeline dashboard's forecast-vs-target has something to compare from the first start.
 *
 * A rep's target follows what they actually won over the last twelve months (+10 %, in whole
 * thousands of yuan, at least 1,000), with quarter-end months weighted up as sales teams plan them;
 * a team's target is the sum of its reps'. Computed in SQL from the deals just written, so it is
 * as deterministic as they are.
 */
import type { SqlRunner } from "@/lib/platform/db/sql";
import { DAY } from "./world";

export const TARGET_MONTHS_BACK = 12;
export const TARGET_MONTHS_AHEAD = 6;

export async function insertSalesTargets(tx: SqlRunner, now: number): Promise<number> {
  const at = new Date(now).toISOString().replace("Z", "");
  const createdAt = new Date(now - 30 * DAY).toISOString().replace("Z", "");
  const reps = await tx.query<{ n: number }>(
    `WITH months AS (
       SELECT (date_trunc('month', $1::timestamp) + make_interval(months => g))::timestamp AS month
       FROM generate_series(-$3::int, $4::int) AS g
     ), base AS (
       SELECT u."id" AS user_id,
              COALESCE(sum(o."amount") FILTER (WHERE o."stage" = 'WON' AND o."closedAt" >= $1::timestamp - interval '12 months' AND o."closedAt" < $1::timestamp), 0) / 12 AS monthly
       FROM "User" u LEFT JOIN "Opportunity" o ON o."ownerId" = u."id"
       WHERE u."role" = 'REP'
       GROUP BY u."id"
     ), inserted AS (
       INSERT INTO "SalesTarget" ("userId", "month", "amount", "createdAt", "updatedAt")
       SELECT b.user_id, m.month,
              greatest(1000, round(b.monthly * 1.1
                * (CASE extract(month FROM m.month)::int % 3 WHEN 1 THEN 0.9 WHEN 2 THEN 1.0 ELSE 1.15 END) / 1000) * 1000),
              $2::timestamp, $2::timestamp
       FROM base b CROSS JOIN months m
       ORDER BY b.user_id, m.month
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM inserted`,
    [at, createdAt, TARGET_MONTHS_BACK, TARGET_MONTHS_AHEAD],
  );
  const teams = await tx.query<{ n: number }>(
    `WITH inserted AS (
       INSERT INTO "SalesTarget" ("teamId", "month", "amount", "createdAt", "updatedAt")
       SELECT u."teamId", t."month", sum(t."amount"), $1::timestamp, $1::timestamp
       FROM "SalesTarget" t JOIN "User" u ON u."id" = t."userId"
       WHERE u."teamId" IS NOT NULL
       GROUP BY u."teamId", t."month"
       ORDER BY u."teamId", t."month"
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM inserted`,
    [createdAt],
  );
  return (reps[0]?.n ?? 0) + (teams[0]?.n ?? 0);
}

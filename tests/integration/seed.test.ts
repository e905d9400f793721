import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isControl } from "@/lib/campaigns/rules/holdout";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/platform/auth/demo-users";
import { verifyPassword } from "@/lib/platform/auth/password";
import { connectPglite, connectPostgres, type Database } from "@/lib/platform/db/client";
import { migrate } from "@/lib/platform/db/migrate";
import type { SqlRunner } from "@/lib/platform/db/sql";
import {
  isDatabaseEmpty,
  resetDatabase,
  seedDemoData,
  startOfUtcDay,
  verifyForeignKeys,
  type SeedSummary,
} from "@/prisma/seed/generate";

const NOW = new Date("2026-03-10T00:00:00Z");
const OPTIONS = { customers: 300, seed: 4242, now: NOW };

// Every table the generator writes except "User", whose argon2 hash has a random salt.
const FINGERPRINT_TABLES = [
  "Team",
  "ProductCategory",
  "Product",
  "Partner",
  "Segment",
  "SegmentMember",
  "Campaign",
  "CampaignMember",
  "Customer",
  "Contact",
  "Order",
  "OrderLine",
  "Opportunity",
  "OpportunityStageChange",
  "Quote",
  "QuoteLine",
  "Ticket",
  "Touchpoint",
  "Lead",
  "Task",
  "Appointment",
  "AppointmentAttendee",
];

/** Row count and a hash of every row's text form, per table, plus the revenue total. */
async function fingerprint(sql: SqlRunner): Promise<Record<string, string>> {
  const parts = FINGERPRINT_TABLES.map(
    (t) => `SELECT '${t}' AS "table", count(*)::text || ':' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') AS "hash" FROM "${t}" t`,
  );
  parts.push(`SELECT 'revenue', coalesce(sum("total"), 0)::text || '/' || coalesce(sum("margin"), 0)::text FROM "Order"`);
  const rows = await sql.query<{ table: string; hash: string }>(parts.join(" UNION ALL "));
  return Object.fromEntries(rows.map((r) => [r.table, r.hash]));
}

async function scalar<T>(sql: SqlRunner, query: string, params?: unknown[]): Promise<T> {
  const rows = await sql.query<{ value: T }>(query, params);
  return rows[0].value;
}

async function enumValues(sql: SqlRunner, type: string): Promise<string[]> {
  const rows = await sql.query<{ v: string }>(`SELECT unnest(enum_range(NULL::"${type}"))::text AS v`);
  return rows.map((r) => r.v).sort();
}

async function distinct(sql: SqlRunner, table: string, column: string): Promise<string[]> {
  const rows = await sql.query<{ v: string }>(`SELECT DISTINCT "${column}"::text AS v FROM "${table}" WHERE "${column}" IS NOT NULL`);
  return rows.map((r) => r.v).sort();
}

describe("demo data generator", () => {
  let db: Database;
  let sql: SqlRunner;
  let summary: SeedSummary;
  let first: Record<string, string>;

  beforeAll(async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (url) {
      // A throwaway server database: bring its schema up to date and empty it.
      db = await connectPostgres(url);
      await migrate(db.sql);
      await resetDatabase(db.sql);
    } else {
      db = await connectPglite(undefined);
    }
    sql = db.sql;
    expect(await isDatabaseEmpty(sql)).toBe(true);
    summary = await seedDemoData(sql, OPTIONS);
    first = await fingerprint(sql);
  });

  afterAll(async () => {
    await db?.close();
  });

  it("reports what it wrote", () => {
    expect(summary.customers).toBe(300);
    expect(summary.now).toBe(NOW.toISOString());
    expect(summary.counts.Customer).toBe(300);
    expect(summary.counts.User).toBe(DEMO_USERS.length);
    expect(summary.counts.Order).toBeGreaterThan(300 * 5);
    expect(summary.counts.Touchpoint).toBeGreaterThan(300 * 5);
    expect(summary.elapsedMs).toBeGreaterThan(0);
    expect(first.Order.startsWith(`${summary.counts.Order}:`)).toBe(true);
    expect(first.Touchpoint.startsWith(`${summary.counts.Touchpoint}:`)).toBe(true);
  });

  it("defaults `now` to the start of the current UTC day", () => {
    expect(startOfUtcDay(new Date("2026-03-10T15:20:05.123Z")).toISOString()).toBe("2026-03-10T00:00:00.000Z");
  });

  it("refuses a database that already has users", async () => {
    expect(await isDatabaseEmpty(sql)).toBe(false);
    await expect(seedDemoData(sql, OPTIONS)).rejects.toThrow(/already has users/);
  });

  it("is deterministic for the same seed and date, and differs for another seed", async () => {
    await resetDatabase(sql);
    expect(await isDatabaseEmpty(sql)).toBe(true);
    await seedDemoData(sql, { ...OPTIONS, seed: 7 });
    const other = await fingerprint(sql);
    expect(other.Order).not.toBe(first.Order);

    await resetDatabase(sql);
    await seedDemoData(sql, OPTIONS);
    expect(await fingerprint(sql)).toEqual(first);
  });

  it("leaves no dangling references and moves the id sequences past the seeded rows", async () => {
    await expect(verifyForeignKeys(sql)).resolves.toBeUndefined();
    const maxId = await scalar<number>(sql, `SELECT max("id") AS value FROM "Customer"`);
    const rows = await sql.query<{ id: number }>(
      `INSERT INTO "Customer" ("kind", "name", "region", "updatedAt") VALUES ('INDIVIDUAL', 'Sequence Probe', 'East China', now()) RETURNING "id"`,
    );
    expect(rows[0].id).toBe(maxId + 1);
    await sql.query(`DELETE FROM "Customer" WHERE "id" = $1`, [rows[0].id]);
  });

  it("covers every channel, direction, stage, lead status, ticket status and priority", async () => {
    for (const [table, column, type] of [
      ["Touchpoint", "channel", "Channel"],
      ["Touchpoint", "direction", "Direction"],
      ["Opportunity", "stage", "OpportunityStage"],
      ["Lead", "status", "LeadStatus"],
      ["Ticket", "status", "TicketStatus"],
      ["Ticket", "priority", "TicketPriority"],
      ["Customer", "kind", "CustomerKind"],
      ["Campaign", "type", "CampaignType"],
      ["Campaign", "status", "CampaignStatus"],
      ["Order", "status", "OrderStatus"],
    ] as const) {
      expect(await distinct(sql, table, column), `${table}.${column}`).toEqual(await enumValues(sql, type));
    }
    expect(await distinct(sql, "Customer", "region")).toEqual(
      ["Central China", "East China", "North China", "Northeast", "Northwest", "South China", "Southwest"].sort(),
    );
  });

  it("keeps money exact: totals are the sum of their lines", async () => {
    const mismatched = await scalar<number>(
      sql,
      `SELECT count(*)::int AS value
       FROM "Order" o
       LEFT JOIN (SELECT "orderId", sum("lineTotal") AS total, sum("lineCost") AS cost, count(*) AS n
                  FROM "OrderLine" GROUP BY "orderId") l ON l."orderId" = o."id"
       WHERE l.n IS NULL OR l.n > 4 OR o."total" <> l.total OR o."margin" <> o."total" - l.cost`,
    );
    expect(mismatched).toBe(0);
    const badLines = await scalar<number>(
      sql,
      `SELECT count(*)::int AS value FROM "OrderLine"
       WHERE "lineTotal" <> "quantity" * "unitPrice" - "discount" OR "quantity" < 1 OR "discount" < 0`,
    );
    expect(badLines).toBe(0);
    const badSpend = await scalar<number>(
      sql,
      `SELECT count(*)::int AS value FROM "Customer" c
       LEFT JOIN (SELECT "customerId", sum("total") AS spend, min("orderedAt") AS first, max("orderedAt") AS last
                  FROM "Order" WHERE "status" = 'COMPLETED' GROUP BY "customerId") o ON o."customerId" = c."id"
       WHERE c."totalSpend" <> coalesce(o.spend, 0)
          OR c."firstPurchaseAt" IS DISTINCT FROM o.first
          OR c."lastPurchaseAt" IS DISTINCT FROM o.last`,
    );
    expect(badSpend).toBe(0);
    // The purchase timelines (built once after the seed's trigger-less writes) hold exactly each
    // customer's completed orders, in order, with their running total.
    const badTimelines = await scalar<number>(
      sql,
      `SELECT count(*)::int AS value FROM (
         SELECT "customerId", array_agg("orderedAt" ORDER BY "orderedAt", "id") AS at,
                array_agg(running ORDER BY "orderedAt", "id") AS cumulative
           FROM (SELECT "customerId", "id", "orderedAt", sum("total") OVER (PARTITION BY "customerId" ORDER BY "orderedAt", "id") AS running
                   FROM "Order" WHERE "status" = 'COMPLETED') o
          GROUP BY "customerId") e
       FULL JOIN "CustomerPurchaseTimeline" t ON t."customerId" = e."customerId"
       WHERE e.at IS DISTINCT FROM t."at" OR e.cumulative IS DISTINCT FROM t."cumulative"`,
    );
    expect(badTimelines).toBe(0);
    const badContact = await scalar<number>(
      sql,
      `SELECT count(*)::int AS value FROM "Customer" c
       LEFT JOIN (SELECT "customerId", max("occurredAt") AS last FROM "Touchpoint" GROUP BY "customerId") t
         ON t."customerId" = c."id"
       WHERE c."lastContactAt" IS DISTINCT FROM t.last`,
    );
    expect(badContact).toBe(0);
    const badQuotes = await scalar<number>(
      sql,
      `SELECT count(*)::int AS value FROM "Quote" q
       JOIN "Opportunity" o ON o."id" = q."opportunityId"
       JOIN (SELECT "quoteId", sum("lineTotal") AS total FROM "QuoteLine" GROUP BY "quoteId") l ON l."quoteId" = q."id"
       WHERE q."total" <> l.total OR q."total" <> o."amount"`,
    );
    expect(badQuotes).toBe(0);
    const wonWithoutOrder = await scalar<number>(
      sql,
      `SELECT count(*)::int AS value FROM "Opportunity" o
       LEFT JOIN "Order" r ON r."opportunityId" = o."id"
       WHERE o."stage" = 'WON' AND (r."id" IS NULL OR r."total" <> o."amount")`,
    );
    expect(wonWithoutOrder).toBe(0);
  });

  it("keeps opportunities consistent with their stage and history", async () => {
    const rows = await sql.query<{ stage: string; probability: number; n: number }>(
      `SELECT "stage"::text AS stage, "probability", count(*)::int AS n FROM "Opportunity" GROUP BY 1, 2`,
    );
    const expected: Record<string, number> = { PROSPECTING: 10, QUALIFICATION: 20, PROPOSAL: 50, NEGOTIATION: 75, WON: 100, LOST: 0 };
    for (const r of rows) expect(r.probability, r.stage).toBe(expected[r.stage]);
    const inconsistent = await scalar<number>(
      sql,
      `SELECT count(*)::int AS value FROM "Opportunity" o
       WHERE ("stage" = 'LOST') <> ("lostReason" IS NOT NULL)
          OR ("stage" IN ('WON', 'LOST')) <> ("closedAt" IS NOT NULL)
          OR "stage" IS DISTINCT FROM (SELECT s."toStage" FROM "OpportunityStageChange" s
                                       WHERE s."opportunityId" = o."id" ORDER BY s."changedAt" DESC, s."id" DESC LIMIT 1)
          OR NOT EXISTS (SELECT 1 FROM "OpportunityStageChange" s
                         WHERE s."opportunityId" = o."id" AND s."fromStage" IS NULL AND s."changedAt" = o."createdAt")`,
    );
    expect(inconsistent).toBe(0);
    const disqualified = await scalar<number>(
      sql,
      `SELECT count(*)::int AS value FROM "Lead" WHERE ("status" = 'DISQUALIFIED') <> ("disqualifyReason" IS NOT NULL)`,
    );
    expect(disqualified).toBe(0);
  });

  it("makes spend heavy-tailed: the top 5 % of customers carry more than 30 % of revenue", async () => {
    const share = await scalar<string>(
      sql,
      `SELECT (sum(spend) FILTER (WHERE rank <= ceil(n * 0.05)) / sum(spend))::text AS value
       FROM (SELECT "totalSpend" AS spend, row_number() OVER (ORDER BY "totalSpend" DESC) AS rank, count(*) OVER () AS n
             FROM "Customer") s`,
    );
    expect(Number(share)).toBeGreaterThan(0.3);
  });

  it("contains co-purchase patterns an association miner can find (support >= 1 %, confidence >= 0.5)", async () => {
    const best = await scalar<string | null>(
      sql,
      `WITH baskets AS (SELECT DISTINCT "orderId", "productId" FROM "OrderLine"),
            total AS (SELECT count(DISTINCT "orderId") AS n FROM baskets),
            single AS (SELECT "productId", count(*) AS n FROM baskets GROUP BY 1),
            pair AS (SELECT a."productId" AS x, b."productId" AS y, count(*) AS n
                     FROM baskets a JOIN baskets b ON a."orderId" = b."orderId" AND a."productId" <> b."productId"
                     GROUP BY 1, 2)
       SELECT max(pair.n::numeric / single.n)::text AS value
       FROM pair JOIN single ON single."productId" = pair.x, total
       WHERE pair.n >= 0.01 * total.n`,
    );
    expect(Number(best)).toBeGreaterThanOrEqual(0.5);
  });

  it("creates the demo users with their roles, teams and a verifiable password hash", async () => {
    const users = await sql.query<{ email: string; role: string; team: string | null; passwordHash: string; updatedAt: Date }>(
      `SELECT u."email", u."role"::text AS role, t."name" AS team, u."passwordHash", u."updatedAt"
       FROM "User" u LEFT JOIN "Team" t ON t."id" = u."teamId"`,
    );
    expect(users).toHaveLength(DEMO_USERS.length);
    for (const demo of DEMO_USERS) {
      const user = users.find((u) => u.email === demo.email);
      expect(user, demo.email).toBeDefined();
      if (!user) continue;
      expect(user.role).toBe(demo.role);
      expect(user.team).toBe(demo.team);
      expect(user.updatedAt).toBeInstanceOf(Date);
    }
    const hashes = [...new Set(users.map((u) => u.passwordHash))];
    expect(hashes).toHaveLength(1);
    expect(await verifyPassword(hashes[0], DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(hashes[0], "wrong-password")).toBe(false);
  });

  it("spreads customers over both teams' reps and leaves a few unassigned", async () => {
    const owners = await sql.query<{ team: string | null; n: number }>(
      `SELECT t."name" AS team, count(*)::int AS n FROM "Customer" c
       LEFT JOIN "User" u ON u."id" = c."ownerId" LEFT JOIN "Team" t ON t."id" = u."teamId"
       GROUP BY 1`,
    );
    const byTeam = Object.fromEntries(owners.map((o) => [o.team ?? "unassigned", o.n]));
    expect(byTeam.East).toBeGreaterThan(50);
    expect(byTeam.West).toBeGreaterThan(50);
    expect(byTeam.unassigned).toBeGreaterThan(0);
    expect(byTeam.unassigned).toBeLessThan(40);
    const nonRepOwners = await scalar<number>(
      sql,
      `SELECT count(*)::int AS value FROM "Customer" c JOIN "User" u ON u."id" = c."ownerId" WHERE u."role" <> 'REP'`,
    );
    expect(nonRepOwners).toBe(0);
  });

  it("keeps e-mail addresses and phone numbers unique across customers, contacts and leads", async () => {
    for (const column of ["email", "phone"]) {
      const duplicates = await scalar<number>(
        sql,
        `SELECT count(*)::int AS value FROM (
           SELECT v FROM (SELECT "${column}" AS v FROM "Customer" UNION ALL SELECT "${column}" FROM "Contact"
                          UNION ALL SELECT "${column}" FROM "Lead") a
           WHERE v IS NOT NULL GROUP BY v HAVING count(*) > 1) d`,
      );
      expect(duplicates, column).toBe(0);
    }
  });

  it("never contacts a customer outbound on a channel they opted out of", async () => {
    const violations = await scalar<number>(
      sql,
      `SELECT count(*)::int AS value FROM "Touchpoint" t JOIN "Customer" c ON c."id" = t."customerId"
       WHERE t."direction" = 'OUTBOUND'
         AND ((t."channel" = 'PHONE' AND c."dncPhone") OR (t."channel" = 'EMAIL' AND c."dncEmail")
              OR (t."channel" = 'DIRECT_MAIL' AND c."dncMail"))`,
    );
    expect(violations).toBe(0);
  });

  it("gives launched campaigns with a holdout their control group, drawn by the app's hash and never contacted", async () => {
    const rows = await sql.query<{ campaignId: number; customerId: number; isControl: boolean; status: string; contactedAt: Date | null; holdoutPct: number }>(
      `SELECT m."campaignId", m."customerId", m."isControl", m."status"::text AS status, m."contactedAt", c."holdoutPct"
       FROM "CampaignMember" m JOIN "Campaign" c ON c."id" = m."campaignId" WHERE c."launchedAt" IS NOT NULL`,
    );
    const withHoldout = rows.filter((r) => r.holdoutPct > 0);
    const control = withHoldout.filter((r) => r.isControl);
    expect(withHoldout.length).toBeGreaterThan(100);
    expect(control.length / withHoldout.length).toBeGreaterThan(0.04);
    expect(control.length / withHoldout.length).toBeLessThan(0.16);
    // Members of campaigns without a holdout are all treated; control members are the hash's draw.
    expect(rows.filter((r) => r.holdoutPct === 0 && r.isControl)).toEqual([]);
    for (const r of withHoldout) expect(r.isControl).toBe(isControl(String(r.campaignId), String(r.customerId), r.holdoutPct / 100));
    // Never contacted: still targeted, no contact time, no touchpoint under the campaign.
    expect(control.every((r) => r.status === "TARGETED" && r.contactedAt === null)).toBe(true);
    const touched = await scalar<number>(
      sql,
      `SELECT count(*)::int AS value FROM "Touchpoint" t
       JOIN "CampaignMember" m ON m."campaignId" = t."campaignId" AND m."customerId" = t."customerId" WHERE m."isControl"`,
    );
    expect(touched).toBe(0);
    // Treated members who were reached carry the time they were contacted.
    const reached = rows.filter((r) => !r.isControl && r.status !== "TARGETED");
    expect(reached.length).toBeGreaterThan(0);
    expect(reached.every((r) => r.contactedAt !== null && r.contactedAt.getTime() <= NOW.getTime())).toBe(true);
  });

  it("gives every rep tasks and appointments today, and leaves the scores to the score job", async () => {
    const reps = await sql.query<{ email: string; tasks: number; meetings: number }>(
      `SELECT u."email",
              (SELECT count(*)::int FROM "Task" t WHERE t."ownerId" = u."id" AND t."status" = 'OPEN'
                 AND t."dueAt" >= $1::timestamp AND t."dueAt" < $1::timestamp + interval '1 day') AS tasks,
              (SELECT count(*)::int FROM "Appointment" a WHERE a."ownerId" = u."id"
                 AND a."startsAt" >= $1::timestamp - interval '8 hours'
                 AND a."startsAt" < $1::timestamp + interval '16 hours') AS meetings
       FROM "User" u WHERE u."role" = 'REP'`,
      [NOW.toISOString().replace("Z", "")],
    );
    expect(reps).toHaveLength(DEMO_USERS.filter((u) => u.role === "REP").length);
    for (const r of reps) {
      expect(r.tasks, r.email).toBeGreaterThan(0);
      expect(r.meetings, r.email).toBeGreaterThan(0);
    }
    expect(await scalar<number>(sql, `SELECT count(*)::int AS value FROM "CustomerScore"`)).toBe(0);
    const segments = await scalar<number>(
      sql,
      `SELECT count(*)::int AS value FROM "Segment" s
       WHERE s."memberCount" <> (SELECT count(*) FROM "SegmentMember" m WHERE m."segmentId" = s."id")`,
    );
    expect(segments).toBe(0);
  });

  it("rejects bad command-line arguments with exit code 2 and one line", () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["prisma/seed/cli.ts", "--customers", "lots"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, SUMMIT_DATA_DIR: path.join(root, ".data-never-created-by-seed-test") },
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("--customers");
  });
});

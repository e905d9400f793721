/**
 * Pipeline dashboard timings at scale (issue target: server data p95 <= 300 ms with 50,000
 * opportunities), each beside the raw SQL of the dashboard's main GROUP BY. Benchmarks print; they
 * never fail on time.
 *
 * Called by the benchmark runner with an open, seeded database. On its own:
 *   SUMMIT_BENCH_DIR=/tmp/pipeline-bench-db npx tsx --conditions react-server tests/bench/pipeline-dashboard-bench.ts
 *   (or DATABASE_URL=postgresql://… for a server). The demo seed caps the pipeline at 20,000 deals,
 * so synthetic deals (with stage history) are added until there are at least 50,000.
 */
import { nowMs } from "@/lib/platform/clock";
import type { Actor } from "@/lib/platform/auth/permissions";
import { TableWriter } from "@/lib/platform/db/bulk";
import { type Database, setDatabase } from "@/lib/platform/db/client";
import { getPipelineDashboard, resolvePeriod } from "@/lib/dashboards/pipeline";
import { utcTimestamp } from "@/lib/platform/db/sql-builder";
import { monthOf, quarterOf } from "@/lib/dashboards/rules/forecast";
import { DEFAULT_STAGE_PROBABILITY, OPEN_STAGES } from "@/lib/opportunities/rules/stages";
import type { OpportunityStage } from "@/lib/generated/prisma/enums";
import { Random, WeightedTable } from "@/prisma/seed/random";
import { insertSalesTargets } from "@/prisma/seed/targets";
import { formatMs, printPair, timeIt } from "./measure";
import { invokedDirectly, runStandalone } from "./standalone";

export const PIPELINE_BENCH_OPPORTUNITIES = 50_000;
const RUNS = 30;
const DAY = 86_400_000;
const SOURCES = ["web", "referral", "event", "campaign", "partner", "cold call", "advertising"];
const STAGE_PICK = WeightedTable.of<OpportunityStage>([
  ["PROSPECTING", 13],
  ["QUALIFICATION", 11],
  ["PROPOSAL", 10],
  ["NEGOTIATION", 8],
  ["WON", 26],
  ["LOST", 32],
]);

/** Adds synthetic deals (and their stage history) until the table holds `target` rows; returns how many were added. */
async function ensureOpportunities(db: Database, target: number): Promise<number> {
  const [{ n, maxId, maxChange }] = await db.sql.query<{ n: number; maxId: number; maxChange: number }>(
    `SELECT (SELECT count(*)::int FROM "Opportunity") AS n, (SELECT COALESCE(max(id), 0)::int FROM "Opportunity") AS "maxId",
            (SELECT COALESCE(max(id), 0)::int FROM "OpportunityStageChange") AS "maxChange"`,
  );
  if (n >= target) return 0;
  const customers = (await db.sql.query<{ id: number }>(`SELECT id FROM "Customer" WHERE "deletedAt" IS NULL AND kind <> 'INDIVIDUAL' ORDER BY id LIMIT 20000`)).map((r) => r.id);
  const reps = (await db.sql.query<{ id: number }>(`SELECT id FROM "User" WHERE role = 'REP' ORDER BY id`)).map((r) => r.id);
  const categories = (await db.sql.query<{ id: number }>(`SELECT id FROM "ProductCategory" ORDER BY id`)).map((r) => r.id);
  if (customers.length === 0 || reps.length === 0) throw new Error("seed the database first: no customers or reps");
  const opportunities = new TableWriter(
    "Opportunity",
    {
      name: "text",
      customerId: "int",
      amount: "money",
      stage: "enum:OpportunityStage",
      probability: "int",
      expectedCloseDate: "timestamp",
      ownerId: "int",
      source: "text",
      productCategoryId: "int",
      closedAt: "timestamp",
      lastActivityAt: "timestamp",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    },
    true,
    maxId + 1,
  );
  const changes = new TableWriter(
    "OpportunityStageChange",
    { opportunityId: "int", fromStage: "enum:OpportunityStage", toStage: "enum:OpportunityStage", changedAt: "timestamp", changedById: "int" },
    true,
    maxChange + 1,
  );
  const rng = new Random(20_261_123, 5);
  const now = nowMs();
  for (let i = n; i < target; i++) {
    const stage = STAGE_PICK.pick(rng);
    const open = (OPEN_STAGES as readonly string[]).includes(stage);
    const createdAt = open ? now - rng.uniform(3, 200) * DAY : now - rng.uniform(30, 730) * DAY;
    const closedAt = open ? null : Math.min(now - DAY, createdAt + rng.uniform(10, 150) * DAY);
    const owner = rng.pick(reps);
    const path: OpportunityStage[] = open
      ? OPEN_STAGES.slice(0, OPEN_STAGES.indexOf(stage as (typeof OPEN_STAGES)[number]) + 1)
      : [...OPEN_STAGES.slice(0, rng.int(1, 4)), stage];
    const end = closedAt ?? now - rng.uniform(0, 45) * DAY;
    const id = opportunities.add({
      name: `Bench deal ${i + 1}`,
      customerId: rng.pick(customers),
      amount: Math.round(rng.logNormal(Math.log(3_000_000), 1)),
      stage,
      probability: DEFAULT_STAGE_PROBABILITY[stage],
      expectedCloseDate: Math.floor((closedAt ?? now + rng.uniform(-30, 180) * DAY) / DAY) * DAY,
      ownerId: owner,
      source: rng.pick(SOURCES),
      productCategoryId: categories.length > 0 ? rng.pick(categories) : null,
      closedAt,
      lastActivityAt: end,
      createdAt,
      updatedAt: end,
    });
    path.forEach((to, k) => {
      changes.add({ opportunityId: id, fromStage: k === 0 ? null : path[k - 1], toStage: to, changedAt: createdAt + ((end - createdAt) * k) / Math.max(1, path.length - 1), changedById: owner });
    });
  }
  await db.sql.transaction(async (tx) => {
    await opportunities.flush(tx);
    await changes.flush(tx);
    await tx.query(`SELECT setval(pg_get_serial_sequence('"Opportunity"', 'id'), (SELECT max(id) FROM "Opportunity") + 1, false),
                           setval(pg_get_serial_sequence('"OpportunityStageChange"', 'id'), (SELECT max(id) FROM "OpportunityStageChange") + 1, false)`);
  });
  await db.sql.exec(`ANALYZE "Opportunity"; ANALYZE "OpportunityStageChange"`);
  return opportunities.written;
}

/**
 * Prints p50/p95 of the pipeline dashboard's server data for an admin (everything, default period)
 * and a manager (team scope + quarter, region and category filters) beside the raw-SQL baseline.
 */
export async function benchPipelineDashboard(db: Database, options: { minOpportunities?: number } = {}): Promise<void> {
  setDatabase(db);
  const t0 = performance.now();
  const added = await ensureOpportunities(db, options.minOpportunities ?? PIPELINE_BENCH_OPPORTUNITIES);
  if (added > 0) console.log(`  added ${added.toLocaleString("en-US")} synthetic opportunities with stage history in ${formatMs(performance.now() - t0)}`);
  const [{ targets }] = await db.sql.query<{ targets: number }>(`SELECT count(*)::int AS targets FROM "SalesTarget"`);
  if (targets === 0) await insertSalesTargets(db.sql, Math.floor(nowMs() / DAY) * DAY);
  const [{ opportunities, open }] = await db.sql.query<{ opportunities: number; open: number }>(
    `SELECT count(*)::int AS opportunities, count(*) FILTER (WHERE stage NOT IN ('WON', 'LOST'))::int AS open FROM "Opportunity"`,
  );
  console.log(`pipeline dashboard (${db.engine}, ${opportunities.toLocaleString("en-US")} opportunities, ${open.toLocaleString("en-US")} open; p50/p95 of server-side data)`);

  const [admin] = await db.sql.query<{ id: number }>(`SELECT id FROM "User" WHERE role = 'ADMIN' AND active ORDER BY id LIMIT 1`);
  const [manager] = await db.sql.query<{ id: number; teamId: number | null }>(`SELECT id, "teamId" FROM "User" WHERE role = 'MANAGER' AND active ORDER BY id LIMIT 1`);
  const adminActor: Actor = { id: admin.id, role: "ADMIN", teamId: null };
  const managerActor: Actor = { id: manager.id, role: "MANAGER", teamId: manager.teamId };
  const regions = (await db.sql.query<{ region: string }>(`SELECT DISTINCT region FROM "Customer" ORDER BY 1`)).map((r) => r.region);
  const categories = (await db.sql.query<{ id: number }>(`SELECT id FROM "ProductCategory" ORDER BY id`)).map((r) => r.id);
  const quarter = quarterOf(monthOf(new Date(nowMs())));

  // The baseline: the dashboard's main statement (deals of the period by stage, close month and
  // probability) written by hand over all deals, without scope or filters.
  const period = resolvePeriod({});
  const from = utcTimestamp(new Date(`${period.firstDay}T00:00:00Z`));
  const to = utcTimestamp(new Date(new Date(`${period.lastDay}T00:00:00Z`).getTime() + DAY));
  const raw = await timeIt(
    "raw",
    () =>
      db.sql.query(
        `SELECT stage, to_char(COALESCE("closedAt", "expectedCloseDate"), 'YYYY-MM'), probability, count(*), sum(amount)
         FROM "Opportunity"
         WHERE (stage NOT IN ('WON', 'LOST') AND "expectedCloseDate" >= $1::timestamp AND "expectedCloseDate" < $2::timestamp)
            OR (stage IN ('WON', 'LOST') AND "closedAt" >= $1::timestamp AND "closedAt" < $2::timestamp)
         GROUP BY 1, 2, 3`,
        [from, to],
      ),
    RUNS,
  );
  const all = await timeIt("admin, all deals, default period (3 quarters)", () => getPipelineDashboard(adminActor, {}), RUNS);
  printPair(all, raw, "p95 <= 300 ms");
  const team = await timeIt("manager, team scope + quarter, region, category", (i) =>
    getPipelineDashboard(managerActor, { quarter, region: regions[i % regions.length], category: categories.length > 0 ? categories[i % categories.length] : undefined }),
    RUNS,
  );
  printPair(team, raw, "p95 <= 300 ms");
  const teamPlain = await timeIt("manager, team scope, default period", () => getPipelineDashboard(managerActor, {}), RUNS);
  printPair(teamPlain, raw, "p95 <= 300 ms");
}

if (invokedDirectly(import.meta.url)) {
  runStandalone((db) => benchPipelineDashboard(db));
}

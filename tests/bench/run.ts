/**
 * `npm run bench -- [--customers N] [--engine pglite|postgres] [--reuse DIR]`
 *
 * Seeds a large demo company into a scratch database and prints timings, each beside a raw-SQL
 * baseline for the same work so the figures read as ratios. PostgreSQL needs BENCH_DATABASE_URL (a
 * server where a scratch database may be created and dropped). Benchmarks print; they never fail on time.
 */
import { nowMs } from "@/lib/platform/clock";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Pool } from "pg";
import { connectPglite, connectPostgres, type Database, setDatabase } from "@/lib/platform/db/client";
import { migrate } from "@/lib/platform/db/migrate";
import { maintainEmbeddedDatabase, maintenanceSummary } from "@/lib/platform/db/maintenance";
import { pgPoolRunner } from "@/lib/platform/db/sql";
import { getValueDashboard } from "@/lib/dashboards/value";
import { DEFAULT_ANALYTICS_SETTINGS } from "@/lib/scoring/rules/settings";
import { recomputeScores } from "@/lib/scoring/recompute";
import { previousQuarterEnds } from "@/lib/scoring/history";
import { isDatabaseEmpty, seedDemoData } from "@/prisma/seed/generate";
import { benchAnalytics } from "./analytics-bench";
import { benchCallLists } from "./call-lists-bench";
import { benchCampaignEmail } from "./campaign-email-bench";
import { benchCampaigns } from "./campaigns-bench";
import { benchCustomers } from "./customers-bench";
import { benchParetoNbd } from "./pareto-nbd-bench";
import { benchOrderImport } from "./order-import-bench";
import { benchPipelineBoard } from "./pipeline-board-bench";
import { benchPipelineDashboard } from "./pipeline-dashboard-bench";
import { benchPropensity } from "./propensity-bench";
import { benchService } from "./service-bench";
import { benchSegmentsTimings } from "./segments-bench";
import { formatMs, printPair, timeIt } from "./measure";

type Args = { customers: number; engine: "pglite" | "postgres"; reuse?: string };

function parseArgs(argv: string[]): Args {
  const args: Args = { customers: 100_000, engine: "pglite" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === "--customers") args.customers = Number(value);
    else if (flag === "--engine" && (value === "pglite" || value === "postgres")) args.engine = value;
    else if (flag === "--reuse") args.reuse = value;
    else {
      console.error(`error: unknown option ${flag}\nusage: npm run bench -- [--customers N] [--engine pglite|postgres] [--reuse DIR]`);
      process.exit(2);
    }
    i++;
  }
  if (!Number.isInteger(args.customers) || args.customers < 100) {
    console.error("error: --customers needs a whole number of at least 100");
    process.exit(2);
  }
  return args;
}

async function openScratch(args: Args): Promise<{ db: Database; cleanup: () => Promise<void> }> {
  if (args.engine === "postgres") {
    const serverUrl = process.env.BENCH_DATABASE_URL;
    if (!serverUrl) throw new Error("--engine postgres needs BENCH_DATABASE_URL");
    const name = `summit_bench_${randomBytes(4).toString("hex")}`;
    const admin = new Pool({ connectionString: serverUrl, max: 1 });
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const migrator = new Pool({ connectionString: url.toString(), max: 1 });
    await migrate(pgPoolRunner(migrator));
    await migrator.end();
    const db = await connectPostgres(url.toString());
    return {
      db,
      cleanup: async () => {
        await db.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = args.reuse ?? path.join(mkdtempSync(path.join(os.tmpdir(), "summit-bench-")), "pglite");
  const db = await connectPglite(dir);
  return {
    db,
    cleanup: async () => {
      await db.close();
      if (!args.reuse) rmSync(path.dirname(dir), { recursive: true, force: true });
    },
  };
}

function heading(text: string): void {
  console.log(`\n== ${text}`);
}

/**
 * A section's heading, after the embedded database's autovacuum (lib/platform/db/maintenance.ts) has
 * caught up with what the earlier sections wrote and removed, as the app's once-a-minute job would
 * have between them (the sections are minutes apart); `full` for the first, when the counters of an
 * earlier process are lost (--reuse). A no-op on PostgreSQL, whose own autovacuum runs meanwhile.
 */
async function section(db: Database, text: string, full = false): Promise<void> {
  const report = await maintainEmbeddedDatabase(db, { full });
  const summary = maintenanceSummary(report);
  heading(text);
  if (summary) console.log(`  (before this section, ${summary})`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  console.log(`Summit CRM benchmark — ${args.engine}, ${args.customers.toLocaleString("en")} customers, ${os.cpus().length} cores, node ${process.version}`);

  heading("analytics library (pure TypeScript)");
  for (const f of [...(await benchAnalytics()), ...benchParetoNbd()]) console.log(`  ${f.name.padEnd(52)} ${String(f.value).padStart(9)} ${f.unit}${f.note ? `  (${f.note})` : ""}`);

  const { db, cleanup } = await openScratch(args);
  setDatabase(db);
  try {
    heading("demo data");
    if (await isDatabaseEmpty(db.sql)) {
      const t0 = performance.now();
      const summary = await seedDemoData(db.sql, { customers: args.customers });
      const counts = summary.counts as Record<string, number>;
      console.log(
        `  seed ${args.customers.toLocaleString("en")} customers: ${formatMs(performance.now() - t0)} ` +
          `(${counts.Order?.toLocaleString("en")} orders, ${counts.OrderLine?.toLocaleString("en")} order lines, ${counts.Touchpoint?.toLocaleString("en")} touchpoints)`,
      );
    } else console.log("  reusing an already seeded database");

    await section(db, "customer count + list (one filter, sort by spend), through Prisma vs raw SQL", true);
    const regions = (await db.sql.query<{ region: string }>(`SELECT DISTINCT region FROM "Customer" ORDER BY 1`)).map((r) => r.region);
    const listApp = await timeIt("count + page 1 (50 rows)", async (i) => {
      const where = { deletedAt: null, region: regions[i % regions.length] };
      await Promise.all([
        db.prisma.customer.count({ where }),
        db.prisma.customer.findMany({ where, orderBy: [{ totalSpend: "desc" }, { id: "asc" }], take: 50, select: { id: true, name: true, totalSpend: true, lastPurchaseAt: true } }),
      ]);
    });
    const listRaw = await timeIt("raw", async (i) => {
      const region = regions[i % regions.length];
      await Promise.all([
        db.sql.query(`SELECT count(*) FROM "Customer" WHERE "deletedAt" IS NULL AND region = $1`, [region]),
        db.sql.query(`SELECT id, name, "totalSpend", "lastPurchaseAt" FROM "Customer" WHERE "deletedAt" IS NULL AND region = $1 ORDER BY "totalSpend" DESC, id LIMIT 50`, [region]),
      ]);
    });
    printPair(listApp, listRaw);

    await section(db, "score recompute (issue target: <= 60 s embedded, <= 20 s PostgreSQL at 100k / 1M)");
    const groupBy = await timeIt(
      "raw",
      () => db.sql.query(`SELECT "customerId", sum(total), count(*), max("orderedAt") FROM "Order" WHERE status = 'COMPLETED' GROUP BY 1`),
      3,
      1,
    );
    // An earlier quarter first, so the dashboard has a migration to compare.
    const [previous] = previousQuarterEnds(new Date(nowMs()), 1);
    await recomputeScores(db.sql, { asOf: previous, settings: DEFAULT_ANALYTICS_SETTINGS, mineRules: false });
    const t0 = performance.now();
    const summary = await recomputeScores(db.sql, { settings: DEFAULT_ANALYTICS_SETTINGS });
    const recomputeMs = performance.now() - t0;
    console.log(
      `  recompute ${summary.customers.toLocaleString("en")} customers: ${formatMs(recomputeMs)}   | raw SQL GROUP BY over all orders p50 ${formatMs(groupBy.p50)} (x${(recomputeMs / groupBy.p50).toFixed(1)})`,
    );
    console.log(`    phases: ${Object.entries(summary.timings).map(([k, v]) => `${k} ${formatMs(v)}`).join(", ")}; ${summary.rules} rules`);

    await section(db, "value dashboard data (issue target: server render p95 <= 300 ms at 100k)");
    const admin = (await db.prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } })) as { id: number; role: "ADMIN"; teamId: number | null };
    const manager = await db.prisma.user.findFirstOrThrow({ where: { role: "MANAGER" } });
    const dashAdmin = await timeIt("admin, all customers", () => getValueDashboard({ id: admin.id, role: "ADMIN", teamId: null }, {}), 20, 3);
    const dashRaw = await timeIt(
      "raw",
      () => db.sql.query(`SELECT tier, count(*), sum(monetary) FROM "CustomerScore" WHERE "runId" = $1 GROUP BY 1`, [summary.runId]),
      20,
      3,
    );
    printPair(dashAdmin, dashRaw);
    const dashManager = await timeIt("manager, team scope + region filter", (i) =>
      getValueDashboard({ id: manager.id, role: "MANAGER", teamId: manager.teamId }, { region: regions[i % regions.length] }),
      20,
      3,
    );
    printPair(dashManager, dashRaw);

    await section(db, "customers: list, 360, search-as-you-type, import (issue targets: p95 150 / 200 / 100 ms, 10k rows <= 30 s)");
    const rep = await db.prisma.user.findFirstOrThrow({ where: { role: "REP" } });
    await benchCustomers(db, { id: rep.id, role: "REP", teamId: rep.teamId });

    // The board first: it tops the open pipeline up to 5,000 deals; the dashboard then adds closed
    // and open deals with stage history up to 50,000 opportunities.
    await section(db, "pipeline board (issue targets: server p95 <= 200 ms with 5,000 open deals; stage move round trip p95 <= 100 ms)");
    await benchPipelineBoard(db, { id: admin.id, role: "ADMIN", teamId: null }, { id: rep.id, role: "REP", teamId: rep.teamId });
    await section(db, "pipeline dashboard (issue target: server p95 <= 300 ms at 50,000 opportunities)");
    await benchPipelineDashboard(db);
    // Last: it adds 50,000 orders to the scratch database's customers.
    await section(db, "order history import (issue target: 100,000 lines <= 30 s on PGlite and <= 3x a raw COPY of the same rows)");
    await benchOrderImport(db, { id: admin.id, role: "ADMIN", teamId: null });
    await section(db, "service (issue targets at 200,000 tickets: agent queue p95 <= 100 ms, routing <= 30 ms, console lookup <= 50 ms, dashboard <= 300 ms, CTI event delivered <= 500 ms)");
    await benchService(db, { id: admin.id, role: "ADMIN", teamId: null }, { id: manager.id, role: "MANAGER", teamId: manager.teamId });
    await section(db, "segments (issue targets: 3-level rule preview p95 <= 150 ms and <= 3x raw; 100,000-member segment <= 2 s; 20 dynamic segments <= 10 s)");
    await benchSegmentsTimings(db, { id: admin.id, role: "ADMIN", teamId: null });
    await section(db, "campaign response propensity (issue targets: training on 500,000 member rows <= 10 s, scoring 100,000 customers <= 2 s)");
    await benchPropensity(db);
    await section(db, "campaigns (issue targets: launch 50,000 members with a 10% control group <= 5 s; campaign page p95 <= 300 ms with 100 campaigns / 500,000 members)");
    await benchCampaigns(db);
    await section(db, "call lists (issue target: next call p95 <= 50 ms with 20 concurrent agents, 0 double assignments)");
    await benchCallLists(db);
    await section(db, "email campaign sending (issue target: 10,000 emails to a local SMTP receiver >= 200 per second)");
    await benchCampaignEmail(db);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

/**
 * `npm run seed -- [--customers N] [--seed S] [--reset]`
 *
 * Seeds the database the app uses (DATABASE_URL, else the embedded PGlite folder) with the
 * deterministic demo data set. Refuses a database that already has users unless --reset is given.
 */
import path from "node:path";
import { connectAppDatabase, dataDir, type Database } from "@/lib/platform/db/client";
import { demoDataDecision } from "@/lib/platform/db/demo-data";
import { DEFAULT_CUSTOMERS, DEFAULT_SEED, isDatabaseEmpty, resetDatabase, seedDemoData } from "./generate";
import { exitWhenDone } from "@/lib/platform/cli";

type CliOptions = { customers: number; seed: number; reset: boolean };

class UsageError extends Error {}

const USAGE = "usage: npm run seed -- [--customers N] [--seed S] [--reset]";

function parseInteger(flag: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`${flag} needs a whole number (${USAGE})`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}`);
  return n;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { customers: DEFAULT_CUSTOMERS, seed: DEFAULT_SEED, reset: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case "--customers":
        options.customers = parseInteger("--customers", value(), 1, 10_000_000);
        break;
      case "--seed":
        options.seed = parseInteger("--seed", value(), 0, 0xffffffff);
        break;
      case "--reset":
        if (inline !== undefined) throw new UsageError(`--reset takes no value (${USAGE})`);
        options.reset = true;
        break;
      default:
        throw new UsageError(`unknown argument "${arg}" (${USAGE})`);
    }
  }
  return options;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main(): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`seed: ${error.message}`);
      return 2;
    }
    throw error;
  }

  // Demo users share a published password: never on a production server unless asked for (lib/platform/db/demo-data.ts).
  const demo = demoDataDecision(process.env);
  if (!demo.allowed) {
    console.error(`seed: refused: ${demo.reason}`);
    return 1;
  }

  const started = performance.now();
  const url = process.env.DATABASE_URL;
  const target = url ? "PostgreSQL (DATABASE_URL)" : path.join(dataDir(), "pglite");
  console.log(`Opening ${target} ...`);
  let db: Database | undefined;
  try {
    db = await connectAppDatabase();
    if (!(await isDatabaseEmpty(db.sql))) {
      if (!options.reset) {
        console.error("seed: the database already has data; run again with --reset to wipe it and reseed");
        return 1;
      }
      console.log("Resetting: emptying all application tables ...");
      await resetDatabase(db.sql);
    }
    console.log(`Seeding ${options.customers.toLocaleString("en-US")} customers with seed ${options.seed} ...`);
    const summary = await seedDemoData(db.sql, {
      customers: options.customers,
      seed: options.seed,
      onProgress: (step) => console.log(`  [${seconds(performance.now() - started)}] ${step}`),
    });
    console.log(`\nDone in ${seconds(summary.elapsedMs)} (as of ${summary.now}).`);
    const width = Math.max(...Object.keys(summary.counts).map((k) => k.length));
    for (const [table, count] of Object.entries(summary.counts)) {
      console.log(`  ${table.padEnd(width)}  ${count.toLocaleString("en-US").padStart(12)}`);
    }
    const phases = Object.entries(summary.timings);
    const list = (entries: [string, number][]) => entries.map(([name, ms]) => `${name} ${seconds(ms)}`).join(", ");
    console.log(`  phases: ${list(phases.filter(([name]) => !name.startsWith("write ")))}`);
    console.log(
      `  writes: ${list(phases.filter(([name]) => name.startsWith("write ")).map(([name, ms]) => [name.slice(6), ms]))}`,
    );
    return 0;
  } catch (error) {
    console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    if (db) await db.close();
  }
}

exitWhenDone(main);

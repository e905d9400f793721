/**
 * `npm run scores -- [--as-of YYYY-MM-DD] [--history N]`: recomputes every customer's scores on the
 * database the app uses (DATABASE_URL, else the embedded one) and prints what it did.
 */
import { connectAppDatabase } from "@/lib/platform/db/client";
import { parseDayNumber } from "@/lib/platform/day-number";
import { todayUtc } from "@/lib/platform/clock";
import { recomputeWithHistory } from "@/lib/scoring/history";
import { exitWhenDone } from "@/lib/platform/cli";

function usage(message: string): never {
  console.error(`error: ${message}\nusage: npm run scores -- [--as-of YYYY-MM-DD] [--history QUARTERS]`);
  process.exit(2);
}

function parseArgs(argv: string[]): { asOf: Date; quarters: number } {
  let asOf = todayUtc();
  let quarters = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === "--as-of") {
      const day = value === undefined ? null : parseDayNumber(value);
      if (day === null) usage(`--as-of needs a date like 2026-06-30 (got ${value ?? "nothing"})`);
      asOf = new Date(day * 86_400_000);
      i++;
    } else if (arg === "--history") {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0 || n > 40) usage(`--history needs a whole number of quarters from 0 to 40 (got ${value ?? "nothing"})`);
      quarters = n;
      i++;
    } else usage(`unknown option ${arg}`);
  }
  return { asOf, quarters };
}

async function main(): Promise<void> {
  const { asOf, quarters } = parseArgs(process.argv.slice(2));
  const db = await connectAppDatabase();
  try {
    const started = performance.now();
    let last = "";
    const summaries = await recomputeWithHistory(db.sql, {
      asOf,
      quarters,
      onProgress: ({ phase, done, total, period, periods }) => {
        const line = `period ${period}/${periods}: ${phase}${total > 1 ? ` ${done}/${total}` : ""}`;
        if (line !== last) process.stderr.write(`\r${line.padEnd(50)}`);
        last = line;
      },
    });
    process.stderr.write("\n");
    for (const s of summaries) {
      console.log(
        `${s.periodStart} .. ${s.periodEnd}: ${s.customers} customers (${s.active} active), ${s.stageChanges} stage changes` +
          (s.rules === null ? "" : `, ${s.rules} cross-sell rules`) +
          `, models: ${s.models.purchase.used ?? "none"} + ${s.models.spend.used}` +
          (s.models.fallback ? ` (fallback: ${s.models.reasons.join(", ")})` : "") +
          (s.rejected > 0 ? `, ${s.rejected} predictions refused by the checks` : "") +
          ` — ${Object.entries(s.timings)
            .map(([k, v]) => `${k} ${v} ms`)
            .join(", ")}`,
      );
    }
    console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
}

exitWhenDone(main);

/**
 * Pareto/NBD fit timings: the full CDNOW cohort (23,570 customers) and 100,000 synthetic customers drawn
 * from the model itself, the size the score job fits. Runnable on its own:
 * `npx tsx tests/bench/pareto-nbd-bench.ts`. Each figure is the median of three runs after one warm-up
 * run (reported as the cold figure). Benchmarks print; they never fail on time.
 */

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CDNOW_MASTER_LAYOUT, parseWhitespaceTransactions } from "@/lib/scoring/rules/cdnow-text";
import { parseDayNumber } from "@/lib/platform/day-number";
import { fitParetoNbd, type ParetoNbdRow } from "@/lib/scoring/rules/pareto-nbd";
import { buildCustomerSummary } from "@/lib/scoring/rules/summary";
import { Random } from "@/prisma/seed/random";
import type { BenchFigure } from "./analytics-bench";
import { medianTime } from "./measure";

const REFDATA = fileURLToPath(new URL("../../../shared/refdata/", import.meta.url));

/**
 * Customers simulated from the Pareto/NBD process with the CDNOW parameters (per week): first purchases
 * spread over a year, calibration ending half a year after the last newcomer, purchases on whole days
 * (merged per day, as the summary recipe does), times in weeks = days / 7.
 */
function syntheticRows(customers: number, seed: number): ParetoNbdRow[] {
  const rng = new Random(seed);
  const endDay = 547;
  const rows: ParetoNbdRow[] = [];
  for (let c = 0; c < customers; c++) {
    const first = rng.int(0, 364);
    const ratePerDay = rng.gamma(0.55, 1 / 10.58) / 7;
    const deathRatePerDay = rng.gamma(0.61, 1 / 11.67) / 7;
    const death = first + rng.exponential(deathRatePerDay);
    let t = first;
    let x = 0;
    let lastDay = first;
    for (;;) {
      t += rng.exponential(ratePerDay);
      if (t > death || t >= endDay + 1) break;
      const day = Math.floor(t);
      if (day > lastDay) {
        x++;
        lastDay = day;
      }
    }
    rows.push({ x, tx: (lastDay - first) / 7, T: (endDay - first) / 7 });
  }
  return rows;
}

export function benchParetoNbd(): BenchFigure[] {
  const figures: BenchFigure[] = [];
  const master = parseWhitespaceTransactions(readFileSync(path.join(REFDATA, "cdnow/CDNOW_master.txt"), "utf8"), CDNOW_MASTER_LAYOUT);
  const summary = buildCustomerSummary(master, { calibrationEnd: parseDayNumber("1997-09-30") ?? 0, unit: "week" });
  const cdnow = medianTime(() => fitParetoNbd(summary));
  const p = cdnow.result.params;
  figures.push({
    name: "cdnow master: Pareto/NBD fit",
    value: Math.round(cdnow.ms),
    unit: "ms",
    note:
      `${cdnow.result.customers} customers, ${cdnow.result.distinctRows} distinct rows, cold ${Math.round(cdnow.coldMs)} ms; ` +
      `r=${p.r.toFixed(4)} alpha=${p.alpha.toFixed(4)} s=${p.s.toFixed(4)} beta=${p.beta.toFixed(4)} LL=${cdnow.result.logLikelihood.toFixed(2)}`,
  });
  const rows = syntheticRows(100_000, 20240601);
  const synthetic = medianTime(() => fitParetoNbd(rows));
  const q = synthetic.result.params;
  figures.push({
    name: "synthetic 100k: Pareto/NBD fit",
    value: Math.round(synthetic.ms),
    unit: "ms",
    note:
      `${synthetic.result.distinctRows} distinct rows, cold ${Math.round(synthetic.coldMs)} ms; simulated with r=0.55 alpha=10.58 s=0.61 beta=11.67, ` +
      `fitted r=${q.r.toFixed(3)} alpha=${q.alpha.toFixed(2)} s=${q.s.toFixed(3)} beta=${q.beta.toFixed(2)}`,
  });
  return figures;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  for (const f of benchParetoNbd()) console.log(`${f.name}: ${f.value} ${f.unit}${f.note !== undefined ? ` (${f.note})` : ""}`);
}

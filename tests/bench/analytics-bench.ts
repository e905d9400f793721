/**
 * Timings for the customer-value analytics on realistic sizes. Called by the benchmark runner; also
 * runnable on its own: `npx tsx tests/bench/analytics-bench.ts`. Each figure is the median of three
 * runs after one warm-up run, so JIT compilation is not counted; the model fit and the rule mining also
 * report their first (cold) run. Benchmarks print; they never fail on time.
 */

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseBasketsCsv } from "@/lib/scoring/rules/analytics-csv";
import { CDNOW_MASTER_LAYOUT, parseWhitespaceTransactions } from "@/lib/scoring/rules/cdnow-text";
import { parseDayNumber } from "@/lib/platform/day-number";
import { mineAssociationRules } from "@/lib/scoring/rules/apriori";
import { fitBgNbd } from "@/lib/scoring/rules/bg-nbd";
import { predictClv } from "@/lib/scoring/rules/clv";
import { fitGammaGamma } from "@/lib/scoring/rules/gamma-gamma";
import { assignPyramid } from "@/lib/scoring/rules/pyramid";
import { computeRfm } from "@/lib/scoring/rules/rfm";
import type { RfmTransaction } from "@/lib/scoring/rules/rfm";
import { buildCustomerSummary } from "@/lib/scoring/rules/summary";
import { medianTime } from "./measure";

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const REFDATA = fileURLToPath(new URL("../../../shared/refdata/", import.meta.url));

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Deterministic PRNG (mulberry32) so the synthetic data set is the same on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticTransactions(customers: number, seed: number): RfmTransaction[] {
  const random = prng(seed);
  const out: RfmTransaction[] = [];
  for (let c = 0; c < customers; c++) {
    // Heavy-tailed purchase counts and basket values, like real customer bases.
    const purchases = 1 + Math.floor(-Math.log(1 - random()) * 4);
    const scale = Math.exp(random() * 4);
    for (let k = 0; k < purchases; k++) {
      out.push({ customerId: String(c + 1), day: Math.floor(random() * 730), amount: Math.round(scale * (1 + random() * 20) * 100) / 100 });
    }
  }
  return out;
}

export async function benchAnalytics(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];

  // --- BG/NBD + Gamma-Gamma on the full CDNOW cohort ---
  const master = parseWhitespaceTransactions(readFileSync(path.join(REFDATA, "cdnow/CDNOW_master.txt"), "utf8"), CDNOW_MASTER_LAYOUT);
  const calibrationEnd = parseDayNumber("1997-09-30") ?? 0;
  const summaryRun = medianTime(() => buildCustomerSummary(master, { calibrationEnd, unit: "week" }));
  const summary = summaryRun.result;
  figures.push({ name: "cdnow master: build summary", value: round(summaryRun.ms), unit: "ms", note: `${master.length} transactions` });
  const fitRun = medianTime(() => ({ bg: fitBgNbd(summary), gg: fitGammaGamma(summary) }));
  const { bg, gg } = fitRun.result;
  figures.push({
    name: "cdnow master: BG/NBD + Gamma-Gamma fit",
    value: round(fitRun.ms),
    unit: "ms",
    note:
      `${summary.length} customers, ${bg.distinctRows} distinct (x,t_x,T) rows; ` +
      `r=${bg.params.r.toFixed(4)} alpha=${bg.params.alpha.toFixed(4)} a=${bg.params.a.toFixed(4)} b=${bg.params.b.toFixed(4)} ` +
      `LL=${bg.logLikelihood.toFixed(2)}; p=${gg.params.p.toFixed(4)} q=${gg.params.q.toFixed(4)} v=${gg.params.v.toFixed(4)}`,
  });
  figures.push({ name: "cdnow master: BG/NBD + Gamma-Gamma fit, first run (cold)", value: round(fitRun.coldMs), unit: "ms" });
  const clvRun = medianTime(() => summary.map((c) => predictClv(bg.params, gg.params, c)).length);
  figures.push({ name: "cdnow master: 12-month CLV for every customer", value: round(clvRun.ms), unit: "ms", note: `${clvRun.result} customers` });

  // --- Association rules on the groceries baskets ---
  const { baskets } = parseBasketsCsv(readFileSync(path.join(REFDATA, "groceries/transactions.csv"), "utf8"));
  const rulesRun = medianTime(() => mineAssociationRules(baskets, { minSupport: 0.001, minConfidence: 0.5 }));
  figures.push({
    name: "groceries: rules at support 0.001, confidence 0.5",
    value: round(rulesRun.ms),
    unit: "ms",
    note: `${baskets.length} baskets, ${rulesRun.result.itemsetCount} frequent itemsets, ${rulesRun.result.rules.length} rules`,
  });

  figures.push({ name: "groceries: rules at support 0.001, first run (cold)", value: round(rulesRun.coldMs), unit: "ms" });

  // --- RFM + pyramid on a large synthetic base ---
  const customers = 100_000;
  const synthetic = syntheticTransactions(customers, 42);
  const scoringRun = medianTime(() => {
    const rfm = computeRfm(synthetic, { from: 365, to: 729 });
    const spend = new Map<string, number>();
    for (const t of synthetic) if (t.day >= 365) spend.set(t.customerId, (spend.get(t.customerId) ?? 0) + t.amount);
    const ids = new Set(synthetic.map((t) => t.customerId));
    const pyramid = assignPyramid([...ids].map((customerId) => ({ customerId, spend: spend.get(customerId) ?? 0 })));
    return { rfm: rfm.length, pyramid: pyramid.rows.length };
  });
  figures.push({
    name: "synthetic: RFM + pyramid",
    value: round(scoringRun.ms),
    unit: "ms",
    note: `${scoringRun.result.rfm} customers, ${synthetic.length} transactions`,
  });

  return figures;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  benchAnalytics().then(
    (figures) => {
      for (const f of figures) console.log(`${f.name}: ${f.value} ${f.unit}${f.note !== undefined ? ` (${f.note})` : ""}`);
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}

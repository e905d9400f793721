/**
 * The analyst CLI behind `npm run analytics -- <command> [options]`, written against an injected I/O
 * object so tests can run every path in-process. Exit codes: 0 success, 2 bad usage or bad input (one
 * line on stderr naming the row and column where there is one), 1 a model that cannot be fitted or any
 * other failure.
 */

import { stringify } from "csv-stringify/sync";
import { CsvInputError, parseBasketsCsv, parseTransactionsCsv } from "@/lib/scoring/rules/analytics-csv";
import type { TransactionRecord } from "@/lib/scoring/rules/analytics-csv";
import { parseDayNumber } from "@/lib/platform/day-number";
import { mineAssociationRules } from "@/lib/scoring/rules/apriori";
import { fitBgNbd } from "@/lib/scoring/rules/bg-nbd";
import { predictClvWith } from "@/lib/scoring/rules/clv";
import { assessBgNbdFit, assessGammaGammaFit, assessParetoNbdFit, type FitAssessment } from "@/lib/scoring/rules/fit-check";
import { conditionalExpectedSpend } from "@/lib/scoring/rules/gamma-gamma";
import { fitParetoNbd } from "@/lib/scoring/rules/pareto-nbd";
import { bgNbdModel, paretoNbdModel, PURCHASE_MODELS, type PurchaseModelName } from "@/lib/scoring/rules/purchase-model";
import { fitGammaGamma } from "@/lib/scoring/rules/gamma-gamma";
import { assignPyramid } from "@/lib/scoring/rules/pyramid";
import { computeRfm } from "@/lib/scoring/rules/rfm";
import { buildCustomerSummary } from "@/lib/scoring/rules/summary";
import type { TimeUnit } from "@/lib/scoring/rules/summary";
import { compareCustomerIds } from "@/lib/platform/math/ranking";
import { crossValidatePropensity, fitPropensity, predictPropensity, topReasons } from "@/lib/campaigns/rules/propensity";
import { parsePropensityCsv } from "@/lib/campaigns/rules/propensity-csv";

export interface CliIo {
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  stdout(text: string): void;
  stderr(text: string): void;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const USAGE = [
  "usage: npm run analytics -- <command> [options]",
  "  clv      --input tx.csv --until YYYY-MM-DD --unit week|day [--model pareto-nbd|bg-nbd] [--horizon MONTHS=12] [--discount ANNUAL_RATE=0.1] [--out predictions.csv]",
  "  rules    --input baskets.csv --support S --confidence C [--lift L]",
  "  rfm      --input tx.csv --from YYYY-MM-DD --to YYYY-MM-DD",
  "  pyramid  --input tx.csv --from YYYY-MM-DD --to YYYY-MM-DD",
  "  propensity --input members.csv [--lambda L=1] [--folds K=5] [--seed S=1] [--predictions]",
  "transactions CSV: customer_id,date,amount (date YYYY-MM-DD or YYYYMMDD); baskets CSV: transaction_id,item",
  "members CSV: customer_id,responded (0/1) and numeric feature columns (headers = feature names)",
].join("\n");

interface CommandSpec {
  required: readonly string[];
  optional: readonly string[];
  /** Options that take no value (present = "true"). */
  flags?: readonly string[];
}

const COMMANDS: Record<string, CommandSpec> = {
  clv: { required: ["input", "until", "unit"], optional: ["model", "horizon", "discount", "out"] },
  rules: { required: ["input", "support", "confidence"], optional: ["lift"] },
  rfm: { required: ["input", "from", "to"], optional: [] },
  pyramid: { required: ["input", "from", "to"], optional: [] },
  propensity: { required: ["input"], optional: ["lambda", "folds", "seed"], flags: ["predictions"] },
};

/** `--name value` or `--name=value`; every option takes a value (except a command's flags) and may be given once. */
export function parseCommandLine(argv: readonly string[]): { command: string; options: Map<string, string> } {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError("missing command (clv, rules, rfm, pyramid or propensity)");
  const spec = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (spec === undefined) throw new UsageError(`unknown command "${command}" (expected clv, rules, rfm, pyramid or propensity)`);
  const flags = new Set(spec.flags ?? []);
  const allowed = new Set([...spec.required, ...spec.optional, ...flags]);
  const options = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}" for command ${command}`);
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!allowed.has(name)) throw new UsageError(`unknown option --${name} for command ${command}`);
    let value: string | undefined;
    if (flags.has(name)) {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      value = "true";
    } else if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = rest[i + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`option --${name} needs a value`);
      i++;
    }
    if (options.has(name)) throw new UsageError(`option --${name} given twice`);
    options.set(name, value);
  }
  const missing = spec.required.filter((r) => !options.has(r));
  if (missing.length > 0) throw new UsageError(`command ${command} needs ${missing.map((m) => `--${m}`).join(", ")}`);
  return { command, options };
}

function required(options: Map<string, string>, name: string): string {
  const v = options.get(name);
  if (v === undefined) throw new UsageError(`missing --${name}`);
  return v;
}

function dayOption(options: Map<string, string>, name: string): number {
  const text = required(options, name);
  const day = parseDayNumber(text);
  if (day === null) throw new UsageError(`--${name}: unparsable date "${text}" (expected YYYY-MM-DD or YYYYMMDD)`);
  return day;
}

function numberOption(options: Map<string, string>, name: string, fallback: number, check: (v: number) => boolean, expected: string): number {
  const text = options.get(name);
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v) || !check(v)) throw new UsageError(`--${name}: "${text}" is not ${expected}`);
  return v;
}

function readInput(io: CliIo, path: string): string {
  try {
    return io.readFile(path);
  } catch (err) {
    const code = err instanceof Error && "code" in err ? String(err.code) : "";
    throw new UsageError(`cannot read --input ${path}${code !== "" ? ` (${code})` : ""}`);
  }
}

function csv(rows: readonly (readonly (string | number)[])[]): string {
  return stringify(rows.map((r) => [...r]));
}

function runClv(options: Map<string, string>, io: CliIo): void {
  const until = dayOption(options, "until");
  const unitText = required(options, "unit");
  if (unitText !== "week" && unitText !== "day") throw new UsageError(`--unit: "${unitText}" is not week or day`);
  const unit: TimeUnit = unitText;
  const horizon = numberOption(options, "horizon", 12, (v) => Number.isInteger(v) && v >= 0, "a whole number of months >= 0");
  const discount = numberOption(options, "discount", 0.1, (v) => v > -1, "an annual rate > -1 (e.g. 0.1)");
  const transactions = parseTransactionsCsv(readInput(io, required(options, "input")));
  const summary = buildCustomerSummary(transactions, { calibrationEnd: until, unit });
  if (summary.length === 0) throw new UsageError(`no customer has a purchase on or before --until ${required(options, "until")}`);
  const modelText = options.get("model") ?? "pareto-nbd";
  if (!(PURCHASE_MODELS as readonly string[]).includes(modelText)) throw new UsageError(`--model: "${modelText}" is not ${PURCHASE_MODELS.join(" or ")}`);
  const model = modelText as PurchaseModelName;
  const bg = fitBgNbd(summary);
  const pareto = fitParetoNbd(summary);
  const gg = fitGammaGamma(summary);
  // The same checks the score job applies: a fit that did not converge or ran off to a boundary is
  // reported, and never used for predictions.
  const checks: Record<string, FitAssessment> = { paretoNbd: assessParetoNbdFit(pareto), bgnbd: assessBgNbdFit(bg), gammaGamma: assessGammaGammaFit(gg) };
  io.stdout(
    JSON.stringify({
      customers: summary.length,
      model,
      paretoNbd: { ...pareto.params, logLikelihood: pareto.logLikelihood },
      bgnbd: { ...bg.params, logLikelihood: bg.logLikelihood },
      gammaGamma: gg.params,
      checks,
    }) + "\n",
  );
  const out = options.get("out");
  if (out !== undefined) {
    const used = model === "pareto-nbd" ? checks.paretoNbd : checks.bgnbd;
    const unusable = [...(used.usable ? [] : [`${model}: ${used.problems.map((p) => p.detail).join("; ")}`]), ...(checks.gammaGamma.usable ? [] : [`gamma-gamma: ${checks.gammaGamma.problems.map((p) => p.detail).join("; ")}`])];
    if (unusable.length > 0) throw new Error(`no predictions written: the fit is not usable (${unusable.join(" | ")})`);
    const purchases = model === "pareto-nbd" ? paretoNbdModel(pareto.params) : bgNbdModel(bg.params);
    const rows: (string | number)[][] = [["customer_id", "x", "t_x", "T", "expected_purchases", "p_alive", "expected_spend", "clv"]];
    for (const c of summary) {
      const p = predictClvWith(purchases, conditionalExpectedSpend(gg.params, c.x, c.zbar), c, { horizonMonths: horizon, unit, annualDiscountRate: discount });
      rows.push([c.customerId, c.x, c.tx, c.T, p.expectedPurchases, p.pAlive, p.expectedSpend, p.clv]);
    }
    io.writeFile(out, csv(rows));
  }
}

function runRules(options: Map<string, string>, io: CliIo): void {
  const support = numberOption(options, "support", Number.NaN, (v) => v > 0 && v <= 1, "a fraction in (0, 1]");
  const confidence = numberOption(options, "confidence", Number.NaN, (v) => v >= 0 && v <= 1, "a fraction in [0, 1]");
  const lift = numberOption(options, "lift", 0, (v) => v >= 0, "a number >= 0");
  const { baskets } = parseBasketsCsv(readInput(io, required(options, "input")));
  const result = mineAssociationRules(baskets, { minSupport: support, minConfidence: confidence, minLift: lift });
  io.stdout(
    JSON.stringify({
      ruleCount: result.rules.length,
      rules: result.rules.map((r) => ({
        lhs: r.lhs,
        rhs: r.rhs,
        support: r.support,
        confidence: r.confidence,
        lift: r.lift,
        count: r.count,
      })),
    }) + "\n",
  );
}

function window(options: Map<string, string>): { from: number; to: number } {
  const from = dayOption(options, "from");
  const to = dayOption(options, "to");
  if (to < from) throw new UsageError("--to must not be before --from");
  return { from, to };
}

function runRfm(options: Map<string, string>, io: CliIo): void {
  const { from, to } = window(options);
  const transactions = parseTransactionsCsv(readInput(io, required(options, "input")));
  const results = computeRfm(transactions, { from, to });
  const rows: (string | number)[][] = [["customer_id", "recency_days", "frequency", "monetary", "r", "f", "m", "code", "group"]];
  for (const r of results) {
    rows.push([r.customerId, r.recencyDays ?? "", r.frequency, r.monetary, r.r, r.f, r.m, r.code, r.group]);
  }
  io.stdout(csv(rows));
}

function spendInWindow(transactions: readonly TransactionRecord[], from: number, to: number): { customerId: string; spend: number }[] {
  const spend = new Map<string, number>();
  for (const t of transactions) {
    const inWindow = t.day >= from && t.day <= to;
    spend.set(t.customerId, (spend.get(t.customerId) ?? 0) + (inWindow ? t.amount : 0));
  }
  return [...spend.entries()]
    .map(([customerId, s]) => ({ customerId, spend: s }))
    .sort((a, b) => compareCustomerIds(a.customerId, b.customerId));
}

function runPyramid(options: Map<string, string>, io: CliIo): void {
  const { from, to } = window(options);
  const transactions = parseTransactionsCsv(readInput(io, required(options, "input")));
  const result = assignPyramid(spendInWindow(transactions, from, to));
  const rows: (string | number)[][] = [["customer_id", "spend", "rank", "tier"]];
  for (const r of result.rows) rows.push([r.customerId, r.spend, r.rank, r.tier]);
  io.stdout(csv(rows));
}

function runPropensity(options: Map<string, string>, io: CliIo): void {
  const lambda = numberOption(options, "lambda", 1, (v) => v > 0, "a number > 0");
  const folds = numberOption(options, "folds", 5, (v) => Number.isInteger(v) && v >= 2 && v <= 50, "a whole number from 2 to 50");
  const seed = numberOption(options, "seed", 1, (v) => Number.isInteger(v) && v >= 0 && v <= 4294967295, "a whole number from 0 to 4294967295");
  const table = parsePropensityCsv(readInput(io, required(options, "input")));
  let positives = 0;
  for (const v of table.y) positives += v;
  const negatives = table.y.length - positives;
  if (positives < 2 || negatives < 2) {
    throw new UsageError(`the "responded" column needs at least 2 rows of each outcome (found ${positives} responders and ${negatives} non-responders)`);
  }
  if (Math.min(positives, negatives) < folds) {
    throw new UsageError(`--folds ${folds} needs at least ${folds} rows of each outcome (found ${positives} responders and ${negatives} non-responders); lower --folds`);
  }
  const fit = fitPropensity(table, { lambda });
  if (fit.model === null) {
    const d = fit.diagnostics;
    throw new Error(`the model did not converge (${d.reason} after ${d.iterations} iterations, gradient norm ${d.gradientNorm}); no coefficients reported`);
  }
  const model = fit.model;
  const cv = crossValidatePropensity(table, { folds, seed, lambda });
  if (cv.value === null) throw new Error(`cross-validation failed: ${cv.reason}`);
  const names = model.featureNames;
  const { means, scales, constant } = model.standardization;
  const output: Record<string, unknown> = {
    rows: table.y.length,
    responders: positives,
    nonResponders: negatives,
    lambda,
    objective: "minimise -sum[y log p + (1-y) log(1-p)] + (lambda/2)*||beta||^2 on features standardised with the training mean and population SD; intercept unpenalised",
    intercept: model.intercept,
    coefficients: Object.fromEntries(names.map((n, j) => [n, model.coefficients[j]])),
    standardization: Object.fromEntries(names.map((n, j) => [n, { mean: means[j], sd: constant[j] ? 0 : scales[j], constant: constant[j] }])),
    convergence: {
      converged: fit.diagnostics.converged,
      reason: fit.diagnostics.reason,
      iterations: fit.diagnostics.iterations,
      gradientNorm: fit.diagnostics.gradientNorm,
      objectiveValue: fit.diagnostics.objective,
    },
    crossValidation: { folds, seed, auc: cv.value.auc, foldAucs: cv.value.foldAucs, pooledAuc: cv.value.pooledAuc },
  };
  if (options.has("predictions")) {
    const probabilities = predictPropensity(model, table.x);
    const p = names.length;
    output.predictions = table.customerIds.map((id, i) => ({
      customer_id: id,
      propensity: probabilities[i],
      reasons: topReasons(model, table.x.subarray(i * p, i * p + p)).map((r) => ({ feature: r.feature, contribution: r.contribution })),
    }));
  }
  io.stdout(JSON.stringify(output) + "\n");
}

function oneLine(message: string): string {
  return message.replace(/\s*\r?\n\s*/g, " ").trim();
}

export function runAnalytics(argv: readonly string[], io: CliIo): number {
  if (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help")) {
    io.stdout(USAGE + "\n");
    return 0;
  }
  try {
    const { command, options } = parseCommandLine(argv);
    if (command === "clv") runClv(options, io);
    else if (command === "rules") runRules(options, io);
    else if (command === "rfm") runRfm(options, io);
    else if (command === "propensity") runPropensity(options, io);
    else runPyramid(options, io);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof CsvInputError) {
      io.stderr(`error: ${oneLine(err.message)}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`error: ${oneLine(message)}\n`);
    return 1;
  }
}

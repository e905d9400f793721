/**
 * Weighted forecast: open deals' amounts times their win probability, bucketed by expected close month
 * and quarter, beside the amount already won and the sales target. Money is integer cents (bigint)
 * throughout; the weighted figure is kept in cent-percent (cents x probability) until a bucket is
 * final, so rounding happens once per bucket and a quarter is not the sum of rounded months.
 */

/** A month as "YYYY-MM" (UTC). */
export type MonthKey = string;
/** A quarter as "YYYY-Qn". */
export type QuarterKey = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** "1234.5" -> 123450n. Accepts what PostgreSQL prints for numeric(14,2) sums (any number of digits). */
export function parseCents(value: string): bigint {
  const text = value.trim();
  // Sums of numeric(14,2) keep two decimals, but a product with a probability may print more.
  const m = DECIMAL.exec(text);
  if (!m) throw new Error(`not an amount with at most two decimals: ${value}`);
  const cents = BigInt(m[2]) * 100n + BigInt((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -cents : cents;
}

/** 123450n -> "1234.50" */
export function centsToDecimal(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${whole}.${frac}`;
}

/** Divides by `divisor` rounding half away from zero (commercial rounding). */
export function divideRounded(value: bigint, divisor: bigint): bigint {
  if (divisor <= 0n) throw new Error("divisor must be positive");
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const q = (abs + divisor / 2n) / divisor;
  return negative ? -q : q;
}

/** Weighted amount of one deal (or a group with one probability) in cent-percent. */
export function weightedCentPercent(amountCents: bigint, probabilityPct: number): bigint {
  if (!Number.isInteger(probabilityPct) || probabilityPct < 0 || probabilityPct > 100) throw new Error(`probability out of range: ${probabilityPct}`);
  return amountCents * BigInt(probabilityPct);
}

export function parseMonth(key: string): { year: number; month: number } | null {
  const m = MONTH.exec(key);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}

export function monthKey(year: number, month: number): MonthKey {
  const y = year + Math.floor((month - 1) / 12);
  const mm = (((month - 1) % 12) + 12) % 12 + 1;
  return `${y}-${String(mm).padStart(2, "0")}`;
}

export function monthOf(date: Date): MonthKey {
  return monthKey(date.getUTCFullYear(), date.getUTCMonth() + 1);
}

export function addMonths(key: MonthKey, n: number): MonthKey {
  const p = parseMonth(key);
  if (!p) throw new Error(`bad month ${key}`);
  return monthKey(p.year, p.month + n);
}

/** First instant of the month (UTC). */
export function monthStart(key: MonthKey): Date {
  const p = parseMonth(key);
  if (!p) throw new Error(`bad month ${key}`);
  return new Date(Date.UTC(p.year, p.month - 1, 1));
}

/** Every month from `from` to `to` inclusive; empty when `to` is before `from`. */
export function monthsBetween(from: MonthKey, to: MonthKey): MonthKey[] {
  const out: MonthKey[] = [];
  for (let m = from; m <= to && out.length < 1200; m = addMonths(m, 1)) out.push(m);
  return out;
}

export function quarterOf(month: MonthKey): QuarterKey {
  const p = parseMonth(month);
  if (!p) throw new Error(`bad month ${month}`);
  return `${p.year}-Q${Math.floor((p.month - 1) / 3) + 1}`;
}

export function quarterMonths(quarter: QuarterKey): [MonthKey, MonthKey, MonthKey] {
  const m = QUARTER.exec(quarter);
  if (!m) throw new Error(`bad quarter ${quarter}`);
  const first = (Number(m[2]) - 1) * 3 + 1;
  const year = Number(m[1]);
  return [monthKey(year, first), monthKey(year, first + 1), monthKey(year, first + 2)];
}

export function isQuarterKey(value: string): boolean {
  return QUARTER.test(value);
}

export type OpenGroup = { month: MonthKey; probability: number; count: number; amountCents: bigint };
export type MonthAmount = { month: MonthKey; count: number; amountCents: bigint };
export type MonthTarget = { month: MonthKey; amountCents: bigint };

export type ForecastBucket = {
  key: string;
  months: MonthKey[];
  /** The bucket covers only part of its quarter (the period cuts it). */
  partial: boolean;
  openCount: number;
  /** Unweighted open pipeline. */
  pipelineCents: bigint;
  /** Σ amount × probability of open deals, rounded to the cent once per bucket. */
  weightedCents: bigint;
  wonCount: number;
  wonCents: bigint;
  /** Target for the bucket; null when no target is set for any of its months. */
  targetCents: bigint | null;
  /** Won + weighted open: where the bucket is heading. */
  expectedCents: bigint;
  /** Won / target and (won + weighted) / target; null without a target. */
  attainment: number | null;
  coverage: number | null;
};

export type Forecast = { months: ForecastBucket[]; quarters: ForecastBucket[]; total: ForecastBucket };

type Acc = { openCount: number; pipeline: bigint; centPercent: bigint; wonCount: number; won: bigint; target: bigint | null };

const emptyAcc = (): Acc => ({ openCount: 0, pipeline: 0n, centPercent: 0n, wonCount: 0, won: 0n, target: null });

function ratio(numerator: bigint, denominator: bigint | null): number | null {
  if (denominator === null || denominator <= 0n) return null;
  // Both fit comfortably in a double's exact range for any realistic pipeline (< 2^53 cents).
  return Number(numerator) / Number(denominator);
}

function finish(key: string, months: MonthKey[], partial: boolean, acc: Acc): ForecastBucket {
  const weightedCents = divideRounded(acc.centPercent, 100n);
  const expectedCents = acc.won + weightedCents;
  return {
    key,
    months,
    partial,
    openCount: acc.openCount,
    pipelineCents: acc.pipeline,
    weightedCents,
    wonCount: acc.wonCount,
    wonCents: acc.won,
    targetCents: acc.target,
    expectedCents,
    attainment: ratio(acc.won, acc.target),
    coverage: ratio(expectedCents, acc.target),
  };
}

function merge(into: Acc, from: Acc): void {
  into.openCount += from.openCount;
  into.pipeline += from.pipeline;
  into.centPercent += from.centPercent;
  into.wonCount += from.wonCount;
  into.won += from.won;
  if (from.target !== null) into.target = (into.target ?? 0n) + from.target;
}

/**
 * Buckets grouped rows (from SQL: open deals by expected-close month and probability, won deals by
 * close month, targets by month) into the period's months and quarters. Rows outside `months` are
 * ignored, so the caller may pass a wider result.
 */
export function buildForecast(input: { months: MonthKey[]; open: OpenGroup[]; won: MonthAmount[]; targets: MonthTarget[] }): Forecast {
  const accs = new Map<MonthKey, Acc>(input.months.map((m) => [m, emptyAcc()]));
  for (const g of input.open) {
    const acc = accs.get(g.month);
    if (!acc) continue;
    acc.openCount += g.count;
    acc.pipeline += g.amountCents;
    acc.centPercent += weightedCentPercent(g.amountCents, g.probability);
  }
  for (const w of input.won) {
    const acc = accs.get(w.month);
    if (!acc) continue;
    acc.wonCount += w.count;
    acc.won += w.amountCents;
  }
  for (const t of input.targets) {
    const acc = accs.get(t.month);
    if (!acc) continue;
    acc.target = (acc.target ?? 0n) + t.amountCents;
  }
  const months = input.months.map((m) => finish(m, [m], false, accs.get(m) ?? emptyAcc()));
  const quarterAccs = new Map<QuarterKey, { months: MonthKey[]; acc: Acc }>();
  const total = emptyAcc();
  for (const m of input.months) {
    const q = quarterOf(m);
    const entry = quarterAccs.get(q) ?? { months: [], acc: emptyAcc() };
    entry.months.push(m);
    merge(entry.acc, accs.get(m) ?? emptyAcc());
    quarterAccs.set(q, entry);
    merge(total, accs.get(m) ?? emptyAcc());
  }
  const quarters = [...quarterAccs.entries()].map(([q, e]) => finish(q, e.months, e.months.length < 3, e.acc));
  return { months, quarters, total: finish("total", input.months, false, total) };
}

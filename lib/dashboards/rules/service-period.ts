/**
 * The period figures of the service dashboard (counts, SLA compliance, CSAT and exact median / p90
 * durations, for the whole slice, per agent, team, category, tier and trend bucket) from one compact
 * reading of the tickets.
 *
 * The database reads the period's tickets once, grouped by assignee and category, and writes four
 * comma-separated lists of integers per group, in the same ticket order (lib/dashboards/service.ts
 * builds that SQL from the layout below):
 *
 * 1. `codes`, one ticket token per ticket: the trend bucket in which each SLA target fell due (0 when
 *    it has not, or there is none) and whether it was met, the rating and its bucket, the tier, and
 *    whether the ticket has a first response and a resolution at all;
 * 2. `created`: when each ticket was opened, in milliseconds from the start of the period (negative
 *    before it);
 * 3. `responses`: for each ticket with a first response, the time from opening to it in milliseconds;
 * 4. `resolutions`: the same for the tickets with a resolution.
 *
 * The columns are TIMESTAMP(3), so all of these are whole milliseconds and exact: whether an opening,
 * first response or resolution is in the period, and in which trend bucket, is decided here from
 * them, exactly as `at >= start AND at < end` and width_bucket over the bucket starts decide it in SQL
 * (the database computes buckets only for the three instants it does not send). Everything is then
 * grouped here, and the medians and p90s are picked exactly (service-percentiles.ts).
 */
import { orderedPercentiles, radixOrder } from "@/lib/dashboards/rules/service-percentiles";

/** Trend bucket indices (width_bucket over the bucket boundaries) take 6 bits: 0..63. */
export const BUCKET_BASE = 64;
/** Tier index: 0 without a tier, else 1 + its position in the tier list; 3 bits. */
export const TIER_BASE = 8;
/** The most trend buckets a period may have: index buckets + 1 ("after the period") must fit too. */
export const MAX_BUCKETS = BUCKET_BASE - 2;

/**
 * The ticket token's fields as multipliers (bit offsets): response due (bits 0–6: bucket × 2 + met),
 * resolution due (7–13: bucket × 2 + met), rating (14–22: bucket × 8 + score), tier (23–25), has a
 * first response (26), has a resolution (27). Below 2^28.
 */
export const TICKET_FIELD = {
  responseDue: 1,
  resolutionDue: 2 ** 7,
  rated: 2 ** 14,
  tier: 2 ** 23,
  responded: 2 ** 26,
  resolved: 2 ** 27,
} as const;

const HOUR_MS = 3_600_000;

export type TicketFacts = {
  /** Bucket index of each SLA target that fell due (1..buckets in the period), else 0. */
  responseDueBucket: number;
  responseMet: boolean;
  resolutionDueBucket: number;
  resolutionMet: boolean;
  /** Bucket index of the rating, and the score 1–5 (0: not rated). */
  ratedBucket: number;
  score: number;
  tier: number;
};

/** One ticket of the model the database writes: its facts, its opening (ms from the period start) and durations. */
export type TicketTimes = { facts: TicketFacts; createdMs: number; responseMs: number | null; resolutionMs: number | null };

const fieldOk = (n: number, base: number) => Number.isInteger(n) && n >= 0 && n < base;

/** The ticket token (the SQL computes the same number; this is its specification and a test aid). */
export function encodeTicket(f: TicketFacts, responded: boolean, resolved: boolean): number {
  for (const b of [f.responseDueBucket, f.resolutionDueBucket, f.ratedBucket]) if (!fieldOk(b, BUCKET_BASE)) throw new RangeError(`bucket ${b}`);
  if (!fieldOk(f.score, 8) || !fieldOk(f.tier, TIER_BASE)) throw new RangeError("score or tier out of range");
  return (
    (f.responseDueBucket * 2 + (f.responseMet ? 1 : 0)) * TICKET_FIELD.responseDue +
    (f.resolutionDueBucket * 2 + (f.resolutionMet ? 1 : 0)) * TICKET_FIELD.resolutionDue +
    (f.ratedBucket * 8 + f.score) * TICKET_FIELD.rated +
    f.tier * TICKET_FIELD.tier +
    (responded ? TICKET_FIELD.responded : 0) +
    (resolved ? TICKET_FIELD.resolved : 0)
  );
}

/** Tickets as the database writes them (a test aid): the four lists, in ticket order. */
export function encodeTickets(tickets: readonly TicketTimes[]): Pick<PeriodGroup, "codes" | "created" | "responses" | "resolutions"> {
  const list = (values: (number | null)[]) => (values.some((v) => v !== null) ? values.filter((v) => v !== null).join(",") : null);
  return {
    codes: list(tickets.map((t) => encodeTicket(t.facts, t.responseMs !== null, t.resolutionMs !== null))),
    created: list(tickets.map((t) => t.createdMs)),
    responses: list(tickets.map((t) => t.responseMs)),
    resolutions: list(tickets.map((t) => t.resolutionMs)),
  };
}

/**
 * The period's trend buckets: their names (start days), and where each starts, in milliseconds from
 * the start of the period; `spanMs` is where the period ends. The first bucket starts at 0.
 */
export type PeriodBuckets = { names: readonly string[]; startsMs: readonly number[]; spanMs: number };

// ---------------------------------------------------------------------------------------------
// Aggregation

/** One group as the database returns it: an assignee (and their team now), a category, its tokens. */
export type TicketGroup = { agent: number | null; team: number | null; category: string; codes: string | null };
/** A group of the period's tickets: the lists of the module comment, in the same ticket order. */
export type PeriodGroup = TicketGroup & { created: string | null; responses: string | null; resolutions: string | null };

export type PeriodSet = "total" | "agent" | "team" | "category" | "tier";
export type PeriodKeys<T extends string> = { agent: number | null; team: number | null; category: string | null; tier: T | null };
/** Period counts of one group: a dimension's value, the whole slice, or a trend bucket. */
export type PeriodCountRow<T extends string> = PeriodKeys<T> & {
  set: PeriodSet | "bucket";
  bucket: string | null;
  opened: number;
  fr_due: number;
  fr_met: number;
  res_due: number;
  res_met: number;
  rated: number;
  score_sum: number;
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
};
/** Durations of one group (hours from opening): how many, and percentile_cont 0.5 and 0.9. */
export type PeriodTimeRow<T extends string> = PeriodKeys<T> & { set: PeriodSet | "bucket"; bucket: string | null; n: number; p50: number | null; p90: number | null };
export type PeriodFigures<T extends string> = {
  counts: PeriodCountRow<T>[];
  trend: PeriodCountRow<T>[];
  response: PeriodTimeRow<T>[];
  resolution: PeriodTimeRow<T>[];
};

// Count fields, in PeriodCountRow order, then the number of tickets (a cell with tickets gets rows
// even when every count is zero, as a GROUP BY over the tickets would).
const OPENED = 0;
const FR_DUE = 1;
const FR_MET = 2;
const RES_DUE = 3;
const RES_MET = 4;
const RATED = 5;
const SCORE_SUM = 6;
const S1 = 7;
const FIELDS = 12;
const TICKETS = 12;
const WIDTH = 13;

/** Growable typed columns: each duration (whole milliseconds) with its cell (group × tier) and trend bucket. */
class Durations {
  ms = new Float64Array(4096);
  cell = new Int32Array(4096);
  bucket = new Int32Array(4096);
  length = 0;

  push(ms: number, cell: number, bucket: number): void {
    if (this.length === this.ms.length) {
      const values = new Float64Array(this.length * 2);
      const cells = new Int32Array(this.length * 2);
      const buckets = new Int32Array(this.length * 2);
      values.set(this.ms);
      cells.set(this.cell);
      buckets.set(this.bucket);
      [this.ms, this.cell, this.bucket] = [values, cells, buckets];
    }
    this.ms[this.length] = ms;
    this.cell[this.length] = cell;
    this.bucket[this.length] = bucket;
    this.length++;
  }
}

/** Where the next integer of a comma-separated list is read from. */
export type Cursor = { text: string; at: number };

/**
 * The next integer of the list (an optional minus sign, then digits), or NaN at its end; read field by
 * field without split() (hundreds of thousands of values per read). The rollup's lists use it too.
 */
export function nextInteger(c: Cursor): number {
  const { text } = c;
  let i = c.at;
  if (i >= text.length) return Number.NaN;
  let negative = false;
  if (text.charCodeAt(i) === 45) {
    negative = true;
    i++;
  }
  let n = 0;
  const start = i;
  for (; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  if (i === start || (i < text.length && text.charCodeAt(i) !== 44)) throw new Error(`malformed token list at ${i}`);
  c.at = i + 1;
  return negative ? -n : n;
}

/** The next value (whole milliseconds) a ticket token promised in one of the other lists. */
function next(c: Cursor, what: string): number {
  const ms = nextInteger(c);
  if (Number.isNaN(ms)) throw new Error(`a ticket token promises ${what} the list does not have`);
  return ms;
}

/** Every promised value must have been read: a list with more left over does not match its tokens. */
function assertRead(c: Cursor): void {
  if (c.at < c.text.length) throw new Error("a list has more values than its tickets promise");
}

/** The bucket (1..B) of an instant `ms` from the period start, or 0 outside the period. */
export function bucketFinder(period: PeriodBuckets): (ms: number) => number {
  const { startsMs, spanMs } = period;
  const B = startsMs.length;
  return (ms: number): number => {
    if (!(ms >= 0 && ms < spanMs)) return 0;
    let lo = 0;
    let hi = B - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (startsMs[mid] <= ms) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * The period's figures being summed up: counts per cell (an assignee and category group × tier) and
 * per trend bucket, and every duration with its cell and bucket. Both readings feed it, the one pass
 * over the tickets (aggregatePeriod) and the rollup (rules/service-rollup.ts), so the roll-up into
 * sets and the percentiles below are one code for both.
 */
export class PeriodAccumulator<T extends string> {
  readonly slots: number;
  readonly bucketCount: number;
  readonly bucketAt: (ms: number) => number;
  private readonly groupIds = new Map<string, number>();
  readonly groups: { agent: number | null; team: number | null; category: string }[] = [];
  private cells = new Float64Array(64 * WIDTH);
  private readonly trend: Float64Array;
  private readonly response = new Durations();
  private readonly resolution = new Durations();

  constructor(
    private readonly tiers: readonly T[],
    private readonly period: PeriodBuckets,
  ) {
    this.slots = tiers.length + 1;
    if (this.slots > TIER_BASE) throw new RangeError("too many tiers for the token layout");
    const B = period.names.length;
    if (B > MAX_BUCKETS) throw new RangeError("too many trend buckets for the token layout");
    if (period.startsMs.length !== B || period.startsMs[0] !== 0) throw new RangeError("bucket starts must begin at 0, one per bucket");
    this.bucketCount = B;
    this.bucketAt = bucketFinder(period);
    this.trend = new Float64Array((B + 1) * FIELDS);
  }

  /** The group of an assignee (with their team) and a category, added on first sight. */
  group(agent: number | null, team: number | null, category: string): number {
    const id = `${agent}|${category}`;
    let g = this.groupIds.get(id);
    if (g === undefined) {
      g = this.groups.length;
      this.groupIds.set(id, g);
      this.groups.push({ agent, team, category });
      const need = this.groups.length * this.slots * WIDTH;
      if (need > this.cells.length) {
        const grown = new Float64Array(Math.max(need, this.cells.length * 2));
        grown.set(this.cells);
        this.cells = grown;
      }
    }
    return g;
  }

  /** The cell of a group and a tier index (0: no tier). */
  cell(group: number, tier: number): number {
    if (!(tier >= 0 && tier < this.slots)) throw new RangeError(`tier index ${tier}`);
    return group * this.slots + tier;
  }

  /** The cell has a ticket with anything in the period (it gets rows even when every count is zero). */
  present(cell: number): void {
    this.cells[cell * WIDTH + TICKETS]++;
  }

  /** Events in trend bucket `bucket` (1..B; anything else is outside the period and ignored). */
  opened(cell: number, bucket: number): void {
    if (bucket < 1 || bucket > this.bucketCount) return;
    this.cells[cell * WIDTH + OPENED]++;
    this.trend[bucket * FIELDS + OPENED]++;
  }

  responseDue(cell: number, bucket: number, met: number): void {
    this.due(cell, bucket, met, FR_DUE, FR_MET);
  }

  resolutionDue(cell: number, bucket: number, met: number): void {
    this.due(cell, bucket, met, RES_DUE, RES_MET);
  }

  private due(cell: number, bucket: number, met: number, dueField: number, metField: number): void {
    if (bucket < 1 || bucket > this.bucketCount) return;
    const base = cell * WIDTH;
    this.cells[base + dueField]++;
    this.cells[base + metField] += met;
    this.trend[bucket * FIELDS + dueField]++;
    this.trend[bucket * FIELDS + metField] += met;
  }

  /** A rating 1–5 (anything else is no rating). */
  rated(cell: number, bucket: number, score: number): void {
    if (!(score >= 1 && score <= 5) || bucket < 1 || bucket > this.bucketCount) return;
    const base = cell * WIDTH;
    const at = bucket * FIELDS;
    this.cells[base + RATED]++;
    this.cells[base + SCORE_SUM] += score;
    this.cells[base + S1 + score - 1]++;
    this.trend[at + RATED]++;
    this.trend[at + SCORE_SUM] += score;
    this.trend[at + S1 + score - 1]++;
  }

  /** A duration (whole milliseconds from opening) counts in the period, and the bucket, of its own event. */
  responded(ms: number, cell: number, bucket: number): void {
    if (bucket >= 1 && bucket <= this.bucketCount) this.response.push(ms, cell, bucket);
  }

  resolved(ms: number, cell: number, bucket: number): void {
    if (bucket >= 1 && bucket <= this.bucketCount) this.resolution.push(ms, cell, bucket);
  }

  /** Counts and exact percentiles for every grouping the dashboard shows. */
  finish(): PeriodFigures<T> {
    const { tiers, slots, groups, cells, trend } = this;
    const buckets = this.period.names;
    const B = this.bucketCount;
    // The groups of each set, in first-seen order, and the group of every cell that has tickets.
    const cellCount = groups.length * slots;
    const none: PeriodKeys<T> = { agent: null, team: null, category: null, tier: null };
    type Group = (typeof groups)[number];
    const SETS: { set: PeriodSet; keys: (group: Group, tier: T | null) => PeriodKeys<T> }[] = [
      { set: "total", keys: () => none },
      { set: "agent", keys: (g) => ({ ...none, agent: g.agent }) },
      { set: "team", keys: (g) => ({ ...none, team: g.team }) },
      { set: "category", keys: (g) => ({ ...none, category: g.category }) },
      { set: "tier", keys: (_, tier) => ({ ...none, tier }) },
    ];
    const sets = SETS.map((s) => {
      const groupOf = new Int32Array(cellCount).fill(-1);
      const keys: PeriodKeys<T>[] = [];
      const index = new Map<string, number>();
      for (let c = 0; c < cellCount; c++) {
        if (cells[c * WIDTH + TICKETS] === 0) continue;
        const t = c % slots;
        const k = s.keys(groups[(c - t) / slots], t === 0 ? null : tiers[t - 1]);
        const id = `${k.agent}|${k.team}|${k.category}|${k.tier}`;
        let gi = index.get(id);
        if (gi === undefined) {
          gi = keys.length;
          index.set(id, gi);
          keys.push(k);
        }
        groupOf[c] = gi;
      }
      return { set: s.set, groupOf, keys };
    });

    const countRow = (set: PeriodSet | "bucket", keys: PeriodKeys<T>, bucket: string | null, acc: Float64Array, at: number): PeriodCountRow<T> => ({
      set,
      ...keys,
      bucket,
      opened: acc[at + OPENED],
      fr_due: acc[at + FR_DUE],
      fr_met: acc[at + FR_MET],
      res_due: acc[at + RES_DUE],
      res_met: acc[at + RES_MET],
      rated: acc[at + RATED],
      score_sum: acc[at + SCORE_SUM],
      s1: acc[at + S1],
      s2: acc[at + S1 + 1],
      s3: acc[at + S1 + 2],
      s4: acc[at + S1 + 3],
      s5: acc[at + S1 + 4],
    });

    const counts: PeriodCountRow<T>[] = [];
    for (const { set, groupOf, keys } of sets) {
      const sums = new Float64Array(keys.length * FIELDS);
      for (let c = 0; c < cellCount; c++) {
        const gi = groupOf[c];
        if (gi < 0) continue;
        for (let f = 0; f < FIELDS; f++) sums[gi * FIELDS + f] += cells[c * WIDTH + f];
      }
      keys.forEach((k, gi) => counts.push(countRow(set, k, null, sums, gi * FIELDS)));
    }
    const trendRows = buckets.map((day, i) => countRow("bucket", none, day, trend, (i + 1) * FIELDS));

    /**
     * percentile_cont 0.5 and 0.9 of each group of each set (groups without values get no row): the
     * durations are put in order once (a radix sort of the whole milliseconds), and one pass per set
     * over that order picks each group's ranks.
     */
    const times = (d: Durations): PeriodTimeRow<T>[] => {
      const out: PeriodTimeRow<T>[] = [];
      // The durations in ascending order, in hours, with their cells and buckets alongside.
      const order = radixOrder(d.ms, d.length);
      const sorted = new Float64Array(d.length);
      const sortedCell = new Int32Array(d.length);
      const sortedBucket = new Int32Array(d.length);
      for (let j = 0; j < d.length; j++) {
        const i = order[j];
        sorted[j] = d.ms[i] / HOUR_MS;
        sortedCell[j] = d.cell[i];
        sortedBucket[j] = d.bucket[i];
      }
      const groupOf = new Int32Array(d.length);
      const emit = (groupCount: number, row: (gi: number) => Omit<PeriodTimeRow<T>, "n" | "p50" | "p90">) => {
        const { n, percentiles } = orderedPercentiles(sorted, groupOf, groupCount, [0.5, 0.9]);
        for (let gi = 0; gi < groupCount; gi++) {
          if (n[gi] > 0) out.push({ ...row(gi), n: n[gi], p50: percentiles[gi][0], p90: percentiles[gi][1] });
        }
      };
      for (const set of sets) {
        // A duration's cell has a ticket in the period (its own event), so every value has a group here.
        for (let j = 0; j < d.length; j++) groupOf[j] = set.groupOf[sortedCell[j]];
        emit(set.keys.length, (gi) => ({ set: set.set, ...set.keys[gi], bucket: null }));
      }
      // Durations are only kept for events in the period: their buckets are 1..B.
      for (let j = 0; j < d.length; j++) groupOf[j] = sortedBucket[j] - 1;
      emit(B, (gi) => ({ set: "bucket", ...none, bucket: buckets[gi] }));
      return out;
    };

    return { counts, trend: trendRows, response: times(this.response), resolution: times(this.resolution) };
  }
}

/**
 * Counts and exact percentiles for every grouping the dashboard shows, from the groups' tokens.
 * `tiers` names tier indices 1..n; `buckets` names trend bucket indices 1..n (their start days).
 */
export function aggregatePeriod<T extends string>(groups: readonly PeriodGroup[], tiers: readonly T[], period: PeriodBuckets): PeriodFigures<T> {
  const acc = new PeriodAccumulator(tiers, period);
  const { bucketAt, slots } = acc;

  for (const group of groups) {
    const { codes } = group;
    if (!codes) continue;
    const g = acc.group(group.agent, group.team, group.category);
    const cursor: Cursor = { text: codes, at: 0 };
    const created: Cursor = { text: group.created ?? "", at: 0 };
    const responses: Cursor = { text: group.responses ?? "", at: 0 };
    const resolutions: Cursor = { text: group.resolutions ?? "", at: 0 };
    for (;;) {
      const token = nextInteger(cursor);
      if (Number.isNaN(token)) break;
      if (!(token >= 0 && token < 2 ** 28)) throw new RangeError(`ticket token ${token}`);
      const fr = token & 127;
      const res = (token >>> 7) & 127;
      const rated = (token >>> 14) & 511;
      const tier = (token >>> 23) & 7;
      if (tier >= slots) throw new RangeError(`tier index ${tier} in a ticket token`);
      const cell = acc.cell(g, tier);
      acc.present(cell);
      const createdMs = next(created, "an opening");
      acc.opened(cell, bucketAt(createdMs));
      acc.responseDue(cell, fr >>> 1, fr & 1);
      acc.resolutionDue(cell, res >>> 1, res & 1);
      acc.rated(cell, rated >>> 3, rated & 7);
      // A duration counts in the period, and in the trend bucket, of its own event.
      if (token & TICKET_FIELD.responded) {
        const ms = next(responses, "a first response");
        acc.responded(ms, cell, bucketAt(createdMs + ms));
      }
      if (token & TICKET_FIELD.resolved) {
        const ms = next(resolutions, "a resolution");
        acc.resolved(ms, cell, bucketAt(createdMs + ms));
      }
    }
    for (const rest of [created, responses, resolutions]) assertRead(rest);
  }
  return acc.finish();
}

// ---------------------------------------------------------------------------------------------
// Backlog

/**
 * The backlog token of an open ticket: tier index × 64 + priority index × 8 + age bucket × 2 +
 * breached, where the priority index is 1 + its position in the priority list (0: unknown) and the
 * age bucket is 0..3.
 */
export const BACKLOG_FIELD = { breached: 1, age: 2, priority: 8, tier: 64 } as const;

export function encodeBacklog(tier: number, priority: number, age: number, breached: boolean): number {
  if (!fieldOk(tier, TIER_BASE) || !fieldOk(priority, 8) || !fieldOk(age, 4)) throw new RangeError("tier, priority or age out of range");
  return tier * BACKLOG_FIELD.tier + priority * BACKLOG_FIELD.priority + age * BACKLOG_FIELD.age + (breached ? 1 : 0);
}

export type BacklogSet = PeriodSet | "cell";
/** Open tickets of one group (and how many are past due); `cell` rows are per priority × age. */
export type BacklogRow<T extends string, P extends string> = PeriodKeys<T> & { set: BacklogSet; priority: P | null; age: number | null; n: number; breached: number };

/** The backlog by priority × age and by agent, team, category, tier and in all, from the groups' tokens. */
export function aggregateBacklog<T extends string, P extends string>(groups: readonly TicketGroup[], tiers: readonly T[], priorities: readonly P[]): BacklogRow<T, P>[] {
  const none: PeriodKeys<T> = { agent: null, team: null, category: null, tier: null };
  const rows = new Map<string, BacklogRow<T, P>>();
  const add = (set: BacklogSet, keys: PeriodKeys<T>, priority: P | null, age: number | null, n: number, breached: number) => {
    const id = `${set}|${keys.agent}|${keys.team}|${keys.category}|${keys.tier}|${priority}|${age}`;
    const row = rows.get(id);
    if (row) {
      row.n += n;
      row.breached += breached;
    } else rows.set(id, { set, ...keys, priority, age, n, breached });
  };
  for (const group of groups) {
    if (!group.codes) continue;
    // Per group: counts by token first (a few dozen distinct values), then the roll-up.
    const byToken = new Map<number, number>();
    const cursor: Cursor = { text: group.codes, at: 0 };
    for (let token = nextInteger(cursor); !Number.isNaN(token); token = nextInteger(cursor)) byToken.set(token, (byToken.get(token) ?? 0) + 1);
    for (const [token, n] of byToken) {
      const tierIndex = token >>> 6;
      const priorityIndex = (token >>> 3) & 7;
      if (token < 0 || tierIndex > tiers.length || priorityIndex > priorities.length) throw new RangeError(`backlog token ${token}`);
      const age = (token >>> 1) & 3;
      const breached = token & 1 ? n : 0;
      const tier = tierIndex === 0 ? null : tiers[tierIndex - 1];
      add("cell", none, priorityIndex === 0 ? null : priorities[priorityIndex - 1], age, n, breached);
      add("total", none, null, null, n, breached);
      add("agent", { ...none, agent: group.agent }, null, null, n, breached);
      add("team", { ...none, team: group.team }, null, null, n, breached);
      add("category", { ...none, category: group.category }, null, null, n, breached);
      add("tier", { ...none, tier }, null, null, n, breached);
    }
  }
  return [...rows.values()];
}

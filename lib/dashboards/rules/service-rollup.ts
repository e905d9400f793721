/**
 * The service dashboard's rollup, as pure rules: what a day row holds, how it is written from the
 * tickets, and how the dashboard sums day rows and live tickets into the period's figures
 * (service-period.ts PeriodAccumulator). lib/dashboards/service-rollup.ts reads and writes the table.
 *
 * A day row (UTC day D) has one entry per ticket with anything on D: opened, first response,
 * resolution, a target's due instant, or a rating (its instant: when given, else the resolution).
 * The entry holds the ticket's id, assignee, category and a token of its facts *on that day* (tier,
 * priority, opened, each SLA target due on D and not held by a pause / met, the rating given on D),
 * and the durations of a first response or resolution on D. None of it depends on the period or on
 * now, only on the ticket: a ticket that changes is marked (the Ticket triggers), its entries are
 * skipped and its figures computed live from its current row until the day is rolled up again.
 *
 * A day is read from its row only when it lies wholly in the period and wholly before now: then every
 * instant on it is in the period, every target due on it has fallen due (unless held), and all of it
 * falls in one trend bucket (buckets start at UTC midnights, but for the period's own start). Every
 * other day of the period (the one the period starts in, today, later days of a month range) is
 * computed live from the tickets of its entries and its marks, with the exact instants — the same
 * tests as the one pass over the tickets (lib/dashboards/service.ts) makes in SQL.
 */
import { type Cursor, nextInteger, type PeriodAccumulator } from "@/lib/dashboards/rules/service-period";

export const DAY_MS = 86_400_000;
/** The day number (days since 1970-01-01, UTC) of an instant in epoch milliseconds. */
export const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);
/** The state row's day (the rollup is built, or being built); no ticket instant falls on it. */
export const STATE_DAY = -2_147_483_648;

/** A ticket as the rollup reads it: instants in epoch milliseconds (the columns are TIMESTAMP(3)). */
export type RolledTicket = {
  id: number;
  agent: number | null;
  category: string;
  /** 0 without a tier, else 1 + its position in the tier list (the period token's tier index). */
  tier: number;
  /** 0 for an unknown priority, else 1 + its position in the priority list. */
  priority: number;
  createdMs: number;
  responseAtMs: number | null;
  resolvedAtMs: number | null;
  responseDueMs: number | null;
  resolutionDueMs: number | null;
  pausedMs: number | null;
  satisfaction: number | null;
  satisfactionAtMs: number | null;
};

/** The numbers of one ticket in the fetched list (see TICKET_LIST_FIELDS), after its assignee and category. */
export const TICKET_LIST_FIELDS = 10;

/** The next value of the list: an integer, null for an empty field, or undefined at its end. */
function nextValue(c: Cursor): number | null | undefined {
  const { text } = c;
  const i = c.at;
  if (i > text.length || (i === text.length && (i === 0 || text.charCodeAt(i - 1) !== 44))) return undefined;
  if (i === text.length || text.charCodeAt(i) === 44) {
    c.at = i + 1;
    return null;
  }
  return nextInteger(c);
}

function nextNumber(c: Cursor, what: string): number {
  const v = nextValue(c);
  if (v === undefined || v === null) throw new Error(`the list lacks ${what}`);
  return v;
}

/** A list's values (null for empty fields); an empty or null text is no values. */
export function parseList(text: string | null): (number | null)[] {
  const out: (number | null)[] = [];
  if (!text) return out;
  const c: Cursor = { text, at: 0 };
  for (let v = nextValue(c); v !== undefined; v = nextValue(c)) out.push(v);
  return out;
}

/**
 * The tickets of one fetched group (an assignee and a category): per ticket id, tier index × 8 +
 * priority index, opened, first response, resolution, first response due, resolution due, paused
 * since, satisfaction, satisfaction given (instants in epoch ms; empty for none).
 */
export function parseTickets(agent: number | null, category: string, list: string | null): RolledTicket[] {
  const values = parseList(list);
  if (values.length % TICKET_LIST_FIELDS !== 0) throw new Error("a ticket list of the wrong length");
  const out: RolledTicket[] = [];
  for (let i = 0; i < values.length; i += TICKET_LIST_FIELDS) {
    const v = values.slice(i, i + TICKET_LIST_FIELDS);
    const [id, tierPriority, created] = v;
    if (id === null || tierPriority === null || created === null) throw new Error("a ticket without id, tier or opening");
    out.push({
      id,
      agent,
      category,
      tier: tierPriority >>> 3,
      priority: tierPriority & 7,
      createdMs: created,
      responseAtMs: v[3],
      resolvedAtMs: v[4],
      responseDueMs: v[5],
      resolutionDueMs: v[6],
      pausedMs: v[7],
      satisfaction: v[8],
      satisfactionAtMs: v[9],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What a ticket contributes, independent of the period

/** When the rating counts: when it was given, else the resolution (COALESCE(satisfactionAt, resolvedAt)). */
const ratedAt = (t: RolledTicket) => t.satisfactionAtMs ?? t.resolvedAtMs;
/**
 * A target whose clock stopped before its due instant and is not done has not fallen due (its due
 * instant moves on when the pause ends): `done IS NULL AND slaPausedAt < due`.
 */
const held = (due: number, done: number | null, paused: number | null) => done === null && paused !== null && paused < due;
/** Met: done at or before the due instant. */
const met = (due: number, done: number | null) => (done !== null && done <= due ? 1 : 0);
/** A satisfaction the figures count (1–5); anything else is no rating. */
const scoreOf = (s: number | null) => (s !== null && s >= 1 && s <= 5 ? s : 0);

/** The instants that put a ticket in a period (the one pass's WHERE): a rating counts only with a satisfaction. */
function presenceInstants(t: RolledTicket): (number | null)[] {
  return [t.createdMs, t.responseAtMs, t.resolvedAtMs, t.responseDueMs, t.resolutionDueMs, t.satisfaction === null ? null : ratedAt(t)];
}

/**
 * The day token's fields (bit offsets): tier (0–2), priority (3–5), opened (6), response target due
 * and not held (7), met (8), resolution target due and not held (9), met (10), rating score given on
 * the day (11–13, 0: none), first response on the day (14: a response duration follows), resolution
 * on the day (15: a resolution duration follows).
 */
export const DAY_FIELD = { tier: 1, priority: 8, opened: 64, responseDue: 128, responseMet: 256, resolutionDue: 512, resolutionMet: 1024, score: 2048, responded: 16384, resolved: 32768 } as const;

/** One day row's lists (the ServiceDashboardRollup columns). */
export type DayRow = {
  day: number;
  ids: string;
  agents: string;
  /** JSON array of the categories `cats` indexes (a category is free text). */
  categories: string;
  cats: string;
  tokens: string;
  responses: string;
  resolutions: string;
};

/** The day rows of `tickets`, restricted to `days` when given (a refresh rolls up only marked days). */
export function buildDayRows(tickets: readonly RolledTicket[], days?: ReadonlySet<number>): DayRow[] {
  type Building = { ids: number[]; agents: number[]; categories: Map<string, number>; cats: number[]; tokens: number[]; responses: number[]; resolutions: number[] };
  const rows = new Map<number, Building>();
  for (const t of tickets) {
    const onDays = new Set<number>();
    for (const at of presenceInstants(t)) if (at !== null) onDays.add(dayOf(at));
    const rated = ratedAt(t);
    const score = scoreOf(t.satisfaction);
    for (const day of onDays) {
      if (days && !days.has(day)) continue;
      const on = (at: number | null) => at !== null && dayOf(at) === day;
      let token = t.tier * DAY_FIELD.tier + t.priority * DAY_FIELD.priority;
      if (on(t.createdMs)) token += DAY_FIELD.opened;
      if (t.responseDueMs !== null && on(t.responseDueMs) && !held(t.responseDueMs, t.responseAtMs, t.pausedMs)) {
        token += DAY_FIELD.responseDue + met(t.responseDueMs, t.responseAtMs) * DAY_FIELD.responseMet;
      }
      if (t.resolutionDueMs !== null && on(t.resolutionDueMs) && !held(t.resolutionDueMs, t.resolvedAtMs, t.pausedMs)) {
        token += DAY_FIELD.resolutionDue + met(t.resolutionDueMs, t.resolvedAtMs) * DAY_FIELD.resolutionMet;
      }
      if (score > 0 && on(rated)) token += score * DAY_FIELD.score;
      let row = rows.get(day);
      if (!row) rows.set(day, (row = { ids: [], agents: [], categories: new Map(), cats: [], tokens: [], responses: [], resolutions: [] }));
      let cat = row.categories.get(t.category);
      if (cat === undefined) row.categories.set(t.category, (cat = row.categories.size));
      if (t.responseAtMs !== null && on(t.responseAtMs)) {
        token += DAY_FIELD.responded;
        row.responses.push(t.responseAtMs - t.createdMs);
      }
      if (t.resolvedAtMs !== null && on(t.resolvedAtMs)) {
        token += DAY_FIELD.resolved;
        row.resolutions.push(t.resolvedAtMs - t.createdMs);
      }
      row.ids.push(t.id);
      // 0 for no assignee: user ids start at 1.
      row.agents.push(t.agent ?? 0);
      row.cats.push(cat);
      row.tokens.push(token);
    }
  }
  return [...rows.entries()].map(([day, r]) => ({
    day,
    ids: r.ids.join(","),
    agents: r.agents.join(","),
    categories: JSON.stringify([...r.categories.keys()]),
    cats: r.cats.join(","),
    tokens: r.tokens.join(","),
    responses: r.responses.join(","),
    resolutions: r.resolutions.join(","),
  }));
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Which tickets the dashboard's slice takes, by the fields a day entry has (tier and priority as indices). */
export type EntryFilter = (agent: number | null, category: string, tier: number, priority: number) => boolean;

export type ReadContext<T extends string> = {
  acc: PeriodAccumulator<T>;
  /** The period [startMs, endMs) and now, in epoch milliseconds. */
  startMs: number;
  endMs: number;
  nowMs: number;
  accepts: EntryFilter;
  /** The assignee's team now (the dashboard's team is the assignee's). */
  teamOf: (agent: number | null) => number | null;
};

/** The ticket ids of a day row (a refresh and the live part read them). */
export function rowTicketIds(ids: string | null): number[] {
  return parseList(ids).map((id) => {
    if (id === null) throw new Error("a day row entry without id");
    return id;
  });
}

/**
 * Adds a day row that lies wholly in the period and before now; `skip` holds the marked tickets,
 * whose entries may be stale (they are added live instead). The row's ids are needed only to skip.
 */
export function addDayRow<T extends string>(ctx: ReadContext<T>, row: Omit<DayRow, "ids"> & { ids: string | null }, skip: ReadonlySet<number>): void {
  const { acc, accepts, teamOf } = ctx;
  const dayStart = row.day * DAY_MS;
  if (dayStart < ctx.startMs || dayStart + DAY_MS > Math.min(ctx.endMs, ctx.nowMs)) throw new RangeError(`day ${row.day} is not wholly in the period and before now`);
  const checkSkip = skip.size > 0;
  if (checkSkip && row.ids === null) throw new Error("a day row without its ids cannot skip marked tickets");
  const bucket = acc.bucketAt(dayStart - ctx.startMs);
  const categories = JSON.parse(row.categories) as string[];
  const ids: Cursor = { text: row.ids ?? "", at: 0 };
  const agents: Cursor = { text: row.agents, at: 0 };
  const cats: Cursor = { text: row.cats, at: 0 };
  const tokens: Cursor = { text: row.tokens, at: 0 };
  const responses: Cursor = { text: row.responses, at: 0 };
  const resolutions: Cursor = { text: row.resolutions, at: 0 };
  // Groups by assignee and category index, for this row (the accumulator's own key is a string).
  const groups = new Map<number, number>();
  for (let token = nextValue(tokens); token !== undefined; token = nextValue(tokens)) {
    if (token === null) throw new Error("a day row entry without a token");
    const agentValue = nextNumber(agents, "an assignee");
    const agent = agentValue === 0 ? null : agentValue;
    const cat = nextNumber(cats, "a category");
    const response = token & DAY_FIELD.responded ? nextNumber(responses, "a response") : null;
    const resolution = token & DAY_FIELD.resolved ? nextNumber(resolutions, "a resolution") : null;
    if (checkSkip && skip.has(nextNumber(ids, "an id"))) continue;
    const category = categories[cat];
    if (category === undefined) throw new RangeError(`category index ${cat}`);
    const tier = token & 7;
    const priority = (token >>> 3) & 7;
    if (!accepts(agent, category, tier, priority)) continue;
    const key = (agent ?? 0) * categories.length + cat;
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = acc.group(agent, teamOf(agent), category)));
    const cell = acc.cell(g, tier);
    acc.present(cell);
    if (token & DAY_FIELD.opened) acc.opened(cell, bucket);
    if (token & DAY_FIELD.responseDue) acc.responseDue(cell, bucket, token & DAY_FIELD.responseMet ? 1 : 0);
    if (token & DAY_FIELD.resolutionDue) acc.resolutionDue(cell, bucket, token & DAY_FIELD.resolutionMet ? 1 : 0);
    acc.rated(cell, bucket, (token >>> 11) & 7);
    if (response !== null) acc.responded(response, cell, bucket);
    if (resolution !== null) acc.resolved(resolution, cell, bucket);
  }
  for (const rest of checkSkip ? [ids, agents, cats, responses, resolutions] : [agents, cats, responses, resolutions]) {
    if (nextValue(rest) !== undefined) throw new Error("a day row list longer than its entries");
  }
}

/**
 * Adds a ticket read live: its events in the period on the days `onDay` accepts (every day for a
 * marked ticket; the live days for the others, whose other days come from their rows). The tests are
 * the one pass's, instant by instant: in the period, fallen due by now and not held, met.
 */
export function addLiveTicket<T extends string>(ctx: ReadContext<T>, t: RolledTicket, onDay: (day: number) => boolean): void {
  if (!ctx.accepts(t.agent, t.category, t.tier, t.priority)) return;
  const { acc, startMs, endMs, nowMs } = ctx;
  const counts = (at: number | null): at is number => at !== null && at >= startMs && at < endMs && onDay(dayOf(at));
  if (!presenceInstants(t).some(counts)) return;
  const cell = acc.cell(acc.group(t.agent, ctx.teamOf(t.agent), t.category), t.tier);
  const bucket = (at: number) => acc.bucketAt(at - startMs);
  acc.present(cell);
  if (counts(t.createdMs)) acc.opened(cell, bucket(t.createdMs));
  if (counts(t.responseDueMs) && t.responseDueMs <= nowMs && !held(t.responseDueMs, t.responseAtMs, t.pausedMs)) {
    acc.responseDue(cell, bucket(t.responseDueMs), met(t.responseDueMs, t.responseAtMs));
  }
  if (counts(t.resolutionDueMs) && t.resolutionDueMs <= nowMs && !held(t.resolutionDueMs, t.resolvedAtMs, t.pausedMs)) {
    acc.resolutionDue(cell, bucket(t.resolutionDueMs), met(t.resolutionDueMs, t.resolvedAtMs));
  }
  const rated = ratedAt(t);
  if (counts(rated)) acc.rated(cell, bucket(rated), scoreOf(t.satisfaction));
  if (counts(t.responseAtMs)) acc.responded(t.responseAtMs - t.createdMs, cell, bucket(t.responseAtMs));
  if (counts(t.resolvedAtMs)) acc.resolved(t.resolvedAtMs - t.createdMs, cell, bucket(t.resolvedAtMs));
}

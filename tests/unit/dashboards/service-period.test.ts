import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  aggregateBacklog,
  aggregatePeriod,
  encodeBacklog,
  encodeTicket,
  encodeTickets,
  MAX_BUCKETS,
  type PeriodBuckets,
  type PeriodCountRow,
  type PeriodGroup,
  type PeriodTimeRow,
  type TicketFacts,
  type TicketTimes,
} from "@/lib/dashboards/rules/service-period";

const TIERS = ["VIP", "MAJOR", "MEDIUM", "SMALL"] as const;
type TierName = (typeof TIERS)[number];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const quiet: TicketFacts = { responseDueBucket: 0, responseMet: false, resolutionDueBucket: 0, resolutionMet: false, ratedBucket: 0, score: 0, tier: 0 };

/** A ticket of the model: opened `createdMs` after the period start; its durations when it has them. */
const ticket = (facts: Partial<TicketFacts>, createdMs: number, responseMs: number | null = null, resolutionMs: number | null = null): TicketTimes => ({
  facts: { ...quiet, ...facts },
  createdMs,
  responseMs,
  resolutionMs,
});
const group = (agent: number | null, team: number | null, category: string, tickets: TicketTimes[]): PeriodGroup => ({ agent, team, category, ...encodeTickets(tickets) });
/** Days as trend buckets: bucket i (1-based) is day i of the period. */
const days = (names: string[]): PeriodBuckets => ({ names, startsMs: names.map((_, i) => i * DAY), spanMs: names.length * DAY });

const time = <T extends string>(rows: PeriodTimeRow<T>[], set: string, match: Partial<PeriodTimeRow<T>> = {}) =>
  rows.find((r) => r.set === set && Object.entries(match).every(([k, v]) => r[k as keyof PeriodTimeRow<T>] === v));
const count = <T extends string>(rows: PeriodCountRow<T>[], set: string, match: Partial<PeriodCountRow<T>> = {}) =>
  rows.find((r) => r.set === set && Object.entries(match).every(([k, v]) => r[k as keyof PeriodCountRow<T>] === v));

describe("token layout", () => {
  test("every field fits one number below 2^28", () => {
    const facts: TicketFacts = { responseDueBucket: 63, responseMet: true, resolutionDueBucket: 62, resolutionMet: true, ratedBucket: 61, score: 5, tier: 7 };
    // 127 + 125 × 2^7 + (61 × 8 + 5) × 2^14 + 7 × 2^23 + 2^26 + 2^27
    expect(encodeTicket(facts, true, true)).toBe(268_140_287);
    expect(encodeTicket(facts, true, true)).toBeLessThan(2 ** 28);
    expect(encodeTicket(quiet, false, false)).toBe(0);
    expect(() => encodeTicket({ ...quiet, responseDueBucket: 64 }, false, false)).toThrow(RangeError);
    expect(() => encodeTicket({ ...quiet, score: 8 }, false, false)).toThrow(RangeError);
  });

  test("the lists: one token and one opening per ticket, a duration where the ticket has one", () => {
    expect(encodeTickets([ticket({}, 5, 1000), ticket({ tier: 1 }, -7, null, 30)])).toEqual({
      codes: `${encodeTicket(quiet, true, false)},${encodeTicket({ ...quiet, tier: 1 }, false, true)}`,
      created: "5,-7",
      responses: "1000",
      resolutions: "30",
    });
  });

  test("malformed lists and promises the lists do not keep are errors, not wrong figures", () => {
    const agg = (codes: string, created: string | null, responses: string | null = null, resolutions: string | null = null) =>
      aggregatePeriod([{ agent: 1, team: null, category: "general", codes, created, responses, resolutions }], TIERS, days(["2026-06-01"]));
    expect(() => agg("12,x", "0,0")).toThrow();
    expect(() => agg("12,,3", "0,0,0")).toThrow();
    expect(() => agg("12", null)).toThrow(/promises an opening/);
    expect(() => agg(String(encodeTicket(quiet, false, true)), "0")).toThrow(/promises a resolution/);
    expect(() => agg(String(encodeTicket(quiet, true, false)), "0", "5,6")).toThrow(/more values/);
    expect(() => agg(String(encodeTicket(quiet, false, false)), "0,1")).toThrow(/more values/);
    expect(agg(String(encodeTicket(quiet, true, false)), "0", "5").response[0]).toMatchObject({ set: "total", n: 1, p50: 5 / HOUR });
    expect(() => agg(String(encodeTicket({ ...quiet, tier: 6 }, false, false)), "0")).toThrow(RangeError);
    expect(() => agg(String(2 ** 28), "0")).toThrow(RangeError);
    expect(() => aggregatePeriod([], TIERS, days(Array.from({ length: MAX_BUCKETS + 1 }, (_, i) => String(i))))).toThrow(RangeError);
    expect(() => aggregatePeriod([], TIERS, { names: ["a", "b"], startsMs: [0], spanMs: DAY })).toThrow(RangeError);
  });
});

describe("aggregatePeriod on constructed data", () => {
  const DAYS = days(["2026-06-01", "2026-06-02", "2026-06-03"]);
  // Agent 1 (team 10), technical: resolution times 1, 2, 2, 5 h (even count with a tie), VIP and MAJOR.
  // Agent 2 (team 10), billing: one ticket, 7.5 h. Agent null (no team), general: nothing resolved.
  const groups = [
    group(1, 10, "technical", [
      ticket({ tier: 1, responseDueBucket: 1, responseMet: true }, 2 * HOUR, 0.5 * HOUR, 1 * HOUR),
      ticket({ tier: 1, resolutionDueBucket: 2, resolutionMet: true, ratedBucket: 2, score: 4 }, 20 * HOUR, null, 6 * HOUR),
      ticket({ tier: 2, resolutionDueBucket: 2, ratedBucket: 3, score: 2 }, DAY + 3 * HOUR, null, 2 * HOUR),
      ticket({ tier: 2 }, 2 * DAY + HOUR, null, 5 * HOUR),
      // Opened after the period (a month range ending in the past): its response target fell due inside it.
      ticket({ tier: 2, responseDueBucket: 3 }, 3 * DAY + HOUR),
    ]),
    group(2, 10, "billing", [ticket({ ratedBucket: 3, score: 5 }, 2 * DAY + HOUR, 1.25 * HOUR, 7.5 * HOUR)]),
    // Opened before the period; its response before the period too (not counted); a target fell due on day 2.
    group(null, null, "general", [ticket({ responseDueBucket: 2 }, -5 * HOUR, 2 * HOUR)]),
  ];
  const f = aggregatePeriod(groups, TIERS, DAYS);

  test("medians and p90s per set are percentile_cont over the right tickets", () => {
    // Resolutions: 1 (day 1), 6 (day 2), 2 (day 2), 5 (day 3), 7.5 (day 3).
    // All five: 1 2 5 6 7.5 -> median 5; p90 at 3.6 = 6 + 0.6 × 1.5 = 6.9.
    expect(time(f.resolution, "total")?.n).toBe(5);
    expect(time(f.resolution, "total")?.p50).toBe(5);
    expect(time(f.resolution, "total")?.p90).toBeCloseTo(6.9, 12);
    // Agent 1: 1 2 5 6 -> median (2 + 5) / 2; p90 at 2.7 = 5 + 0.7 × 1.
    const a1 = time(f.resolution, "agent", { agent: 1 });
    expect(a1?.n).toBe(4);
    expect(a1?.p50).toBe(3.5);
    expect(a1?.p90).toBeCloseTo(5.7, 12);
    // One ticket: every percentile is its value.
    expect(time(f.resolution, "agent", { agent: 2 })).toMatchObject({ n: 1, p50: 7.5, p90: 7.5 });
    expect(time(f.resolution, "agent", { agent: null })).toBeUndefined();
    expect(time(f.resolution, "team", { team: 10 })).toMatchObject({ n: 5, p50: 5 });
    // VIP: 1 6 -> 3.5; MAJOR: 2 5 -> 3.5, p90 4.7; no tier: 7.5.
    expect(time(f.resolution, "tier", { tier: "VIP" })).toMatchObject({ n: 2, p50: 3.5 });
    expect(time(f.resolution, "tier", { tier: "MAJOR" })?.p90).toBeCloseTo(4.7, 12);
    expect(time(f.resolution, "tier", { tier: null })).toMatchObject({ n: 1, p50: 7.5 });
    expect(time(f.resolution, "category", { category: "technical" })).toMatchObject({ n: 4, p50: 3.5 });
    // Buckets by the resolution's own day: day 1: 1; day 2: 2 6 (a tie-free even count); day 3: 5 7.5.
    expect(time(f.resolution, "bucket", { bucket: "2026-06-01" })).toMatchObject({ n: 1, p50: 1, p90: 1 });
    expect(time(f.resolution, "bucket", { bucket: "2026-06-02" })).toMatchObject({ n: 2, p50: 4 });
    expect(time(f.resolution, "bucket", { bucket: "2026-06-03" })).toMatchObject({ n: 2, p50: 6.25 });
    expect(time(f.resolution, "bucket", { bucket: "2026-06-03" })?.p90).toBeCloseTo(7.25, 12);
    // Responses in the period: 0.5 (agent 1) and 1.25 (agent 2); the unassigned one was before it.
    expect(time(f.response, "total")).toMatchObject({ n: 2, p50: 0.875 });
    expect(time(f.response, "total")?.p90).toBeCloseTo(1.175, 12);
    expect(time(f.response, "agent", { agent: null })).toBeUndefined();
  });

  test("counts per set and per trend bucket, each event in its own bucket", () => {
    expect(count(f.counts, "total")).toMatchObject({ opened: 5, fr_due: 3, fr_met: 1, res_due: 2, res_met: 1, rated: 3, score_sum: 11, s2: 1, s4: 1, s5: 1 });
    expect(count(f.counts, "agent", { agent: 1 })).toMatchObject({ opened: 4, fr_due: 2, rated: 2, score_sum: 6 });
    // The unassigned group: nothing opened in the period, one response target fell due (unmet).
    expect(count(f.counts, "agent", { agent: null })).toMatchObject({ opened: 0, fr_due: 1, fr_met: 0 });
    expect(f.trend.map((b) => [b.bucket, b.opened, b.fr_due, b.res_due, b.rated])).toEqual([
      ["2026-06-01", 2, 1, 0, 0],
      ["2026-06-02", 1, 1, 2, 1],
      ["2026-06-03", 2, 1, 0, 2],
    ]);
    expect(count(f.counts, "tier", { tier: null })).toMatchObject({ opened: 1, fr_due: 1, rated: 1 });
    expect(f.counts.filter((r) => r.set === "team").map((r) => r.team)).toEqual([10, null]);
  });

  test("the period's edges: its first millisecond is in, its end is not; negative durations and milliseconds are kept", () => {
    const g = group(1, null, "general", [
      ticket({}, 0, null, -HOUR),
      ticket({}, DAY - 1, null, HOUR + 1),
      ticket({}, 2 * HOUR, null, HOUR + 3),
      ticket({}, DAY, 0, 0),
      ticket({}, -1, 1, 5),
    ]);
    const r = aggregatePeriod([g], TIERS, days(["2026-06-01"]));
    // Opened: 0 and DAY − 1 and 2 h (not DAY, not −1).
    expect(count(r.counts, "total")?.opened).toBe(3);
    // Resolved in the period: −1 h from 0 is before it; DAY − 1 + 1 h + 1 ms is after it; 2 h + 1 h + 3 ms,
    // and −1 + 5 ms, are in it.
    expect(time(r.resolution, "total")?.n).toBe(2);
    expect(time(r.resolution, "total")?.p50).toBeCloseTo((HOUR + 3 + 5) / 2 / HOUR, 15);
    // Responded in the period: −1 + 1 ms = 0 (the first millisecond); DAY + 0 is not.
    expect(time(r.response, "total")).toMatchObject({ n: 1, p50: 1 / HOUR });
  });

  test("equals a direct computation on random desks", () => {
    const B = 4;
    const facts = fc.record({
      responseDueBucket: fc.integer({ min: 0, max: B + 1 }),
      responseMet: fc.boolean(),
      resolutionDueBucket: fc.integer({ min: 0, max: B + 1 }),
      resolutionMet: fc.boolean(),
      ratedBucket: fc.integer({ min: 0, max: B + 1 }),
      score: fc.integer({ min: 0, max: 5 }),
      tier: fc.integer({ min: 0, max: 4 }),
    });
    // Whole minutes (heavy ties) or arbitrary milliseconds, and some tickets without the event.
    const ms = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 600 }).map((m) => m * 60_000), fc.integer({ min: -HOUR, max: 3 * DAY }));
    const desk = fc.array(
      fc.record({
        agent: fc.constantFrom(1, 2, 3, null),
        category: fc.constantFrom("technical", "billing", "legacy"),
        facts,
        createdMs: fc.integer({ min: -2 * DAY, max: (B + 1) * DAY }),
        responseMs: ms,
        resolutionMs: ms,
      }),
      { maxLength: 120 },
    );
    const teamOf = (agent: number | null) => (agent === null ? null : agent === 3 ? 20 : 10);
    const names = Array.from({ length: B }, (_, i) => `b${i + 1}`);
    const inPeriod = (b: number) => b >= 1 && b <= B;
    /** The model's bucket: independent of bucketAt (days of equal length). */
    const dayOf = (at: number) => (at >= 0 && at < B * DAY ? Math.floor(at / DAY) + 1 : 0);
    fc.assert(
      fc.property(desk, (tickets) => {
        const byGroup = new Map<string, typeof tickets>();
        for (const t of tickets) byGroup.set(`${t.agent}|${t.category}`, [...(byGroup.get(`${t.agent}|${t.category}`) ?? []), t]);
        const groups = [...byGroup.values()].map((ts) => group(ts[0].agent, teamOf(ts[0].agent), ts[0].category, ts));
        const got = aggregatePeriod(groups, TIERS, days(names));
        const responseIn = (t: (typeof tickets)[number]) => (t.responseMs !== null && dayOf(t.createdMs + t.responseMs) > 0 ? t.responseMs : null);
        const resolutionIn = (t: (typeof tickets)[number]) => (t.resolutionMs !== null && dayOf(t.createdMs + t.resolutionMs) > 0 ? t.resolutionMs : null);

        const keyOf: Record<string, (t: (typeof tickets)[number]) => unknown> = {
          total: () => null,
          agent: (t) => t.agent,
          team: (t) => teamOf(t.agent),
          category: (t) => t.category,
          tier: (t) => (t.facts.tier === 0 ? null : TIERS[t.facts.tier - 1]),
        };
        const field: Record<string, keyof PeriodTimeRow<TierName>> = { total: "agent", agent: "agent", team: "team", category: "category", tier: "tier" };
        for (const [set, key] of Object.entries(keyOf)) {
          const keys = new Set(tickets.map(key));
          expect(got.counts.filter((r) => r.set === set)).toHaveLength(keys.size);
          for (const k of keys) {
            const mine = tickets.filter((t) => key(t) === k);
            const match = set === "total" ? {} : { [field[set]]: k };
            const c = count(got.counts, set, match);
            expect(c?.opened).toBe(mine.filter((t) => dayOf(t.createdMs) > 0).length);
            expect(c?.fr_met).toBe(mine.filter((t) => inPeriod(t.facts.responseDueBucket) && t.facts.responseMet).length);
            expect(c?.res_due).toBe(mine.filter((t) => inPeriod(t.facts.resolutionDueBucket)).length);
            expect(c?.s3).toBe(mine.filter((t) => inPeriod(t.facts.ratedBucket) && t.facts.score === 3).length);
            for (const [rows, pick] of [
              [got.response, responseIn],
              [got.resolution, resolutionIn],
            ] as const) {
              const hours = mine.map(pick).filter((v): v is number => v !== null).map((v) => v / HOUR);
              const row = time(rows, set, match);
              if (hours.length === 0) expect(row).toBeUndefined();
              else expect([row?.n, row?.p50, row?.p90]).toEqual([hours.length, reference(hours, 0.5), reference(hours, 0.9)]);
            }
          }
        }
        for (let b = 1; b <= B; b++) {
          const hours = tickets.filter((t) => resolutionIn(t) !== null && dayOf(t.createdMs + (t.resolutionMs as number)) === b).map((t) => (t.resolutionMs as number) / HOUR);
          const row = time(got.resolution, "bucket", { bucket: names[b - 1] });
          expect(row === undefined ? null : [row.n, row.p50]).toEqual(hours.length === 0 ? null : [hours.length, reference(hours, 0.5)]);
          expect(got.trend[b - 1].res_due).toBe(tickets.filter((t) => t.facts.resolutionDueBucket === b).length);
          expect(got.trend[b - 1].opened).toBe(tickets.filter((t) => dayOf(t.createdMs) === b).length);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("aggregateBacklog", () => {
  const PRIORITIES = ["P1", "P2", "P3", "P4"] as const;
  test("cells by priority × age, and per agent, team, category and tier with the breached", () => {
    const codes = (...tokens: number[]) => tokens.join(",");
    const rows = aggregateBacklog(
      [
        { agent: 1, team: 10, category: "technical", codes: codes(encodeBacklog(1, 1, 0, true), encodeBacklog(1, 1, 0, false), encodeBacklog(0, 2, 3, false)) },
        { agent: null, team: null, category: "general", codes: codes(encodeBacklog(4, 1, 0, true)) },
        { agent: 2, team: 10, category: "technical", codes: null },
      ],
      TIERS,
      PRIORITIES,
    );
    const find = (set: string, match: Record<string, unknown> = {}) => rows.find((r) => r.set === set && Object.entries(match).every(([k, v]) => r[k as keyof typeof r] === v));
    expect(find("total")).toMatchObject({ n: 4, breached: 2 });
    expect(find("cell", { priority: "P1", age: 0 })).toMatchObject({ n: 3 });
    expect(find("cell", { priority: "P2", age: 3 })).toMatchObject({ n: 1 });
    expect(find("agent", { agent: 1 })).toMatchObject({ n: 3, breached: 1 });
    expect(find("agent", { agent: 2 })).toBeUndefined();
    expect(find("team", { team: 10 })).toMatchObject({ n: 3 });
    expect(find("team", { team: null })).toMatchObject({ n: 1, breached: 1 });
    expect(find("category", { category: "technical" })).toMatchObject({ n: 3 });
    expect(find("tier", { tier: "VIP" })).toMatchObject({ n: 2 });
    expect(find("tier", { tier: "SMALL" })).toMatchObject({ n: 1 });
    expect(find("tier", { tier: null })).toMatchObject({ n: 1 });
    expect(() => aggregateBacklog([{ agent: 1, team: null, category: "x", codes: String(encodeBacklog(5, 0, 0, false)) }], TIERS, PRIORITIES)).toThrow(RangeError);
  });
});

/** percentile_cont on a sorted copy (see service-percentiles.test.ts). */
function reference(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return lo === hi ? sorted[lo] : sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

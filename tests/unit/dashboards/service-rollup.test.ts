import { describe, expect, test } from "vitest";
import { bucketFinder, PeriodAccumulator, type PeriodBuckets } from "@/lib/dashboards/rules/service-period";
import { addDayRow, addLiveTicket, buildDayRows, DAY_MS, dayOf, parseList, parseTickets, type ReadContext, type RolledTicket } from "@/lib/dashboards/rules/service-rollup";

const TIERS = ["VIP", "MAJOR", "MEDIUM", "SMALL"] as const;

describe("lists", () => {
  test.each([
    ["", []],
    ["1", [1]],
    ["-5,0,7", [-5, 0, 7]],
    ["1,,3", [1, null, 3]],
    ["1,2,", [1, 2, null]],
    [",", [null, null]],
  ])("parseList(%j)", (text, values) => {
    expect(parseList(text)).toEqual(values);
  });

  test("a malformed list is refused", () => {
    expect(() => parseList("1,x")).toThrow();
    expect(() => parseTickets(1, "general", "1,2,3")).toThrow();
  });

  test("a ticket list: ten fields per ticket, empty for none", () => {
    expect(parseTickets(null, "billing", "7,10,1000,,2000,1500,,,4,")).toEqual([
      {
        id: 7,
        agent: null,
        category: "billing",
        tier: 1,
        priority: 2,
        createdMs: 1000,
        responseAtMs: null,
        resolvedAtMs: 2000,
        responseDueMs: 1500,
        resolutionDueMs: null,
        pausedMs: null,
        satisfaction: 4,
        satisfactionAtMs: null,
      },
    ]);
  });
});

/** mulberry32: the same tickets on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("day rows and live tickets give the same figures", () => {
  const rnd = random(7);
  const origin = Date.UTC(2026, 0, 1);
  const maybe = (ms: number | null) => (rnd() < 0.2 ? null : ms);
  const tickets: RolledTicket[] = Array.from({ length: 400 }, (_, i) => {
    const created = origin + Math.floor(rnd() * 60 * DAY_MS);
    const at = (span: number) => created + Math.floor(rnd() * span);
    const resolved = maybe(at(5 * DAY_MS));
    return {
      id: i + 1,
      agent: rnd() < 0.1 ? null : 1 + Math.floor(rnd() * 4),
      category: ["technical", "billing", "other, with a comma"][Math.floor(rnd() * 3)],
      tier: Math.floor(rnd() * 5),
      priority: 1 + Math.floor(rnd() * 4),
      createdMs: created,
      responseAtMs: maybe(at(DAY_MS)),
      resolvedAtMs: resolved,
      responseDueMs: maybe(at(DAY_MS)),
      resolutionDueMs: maybe(at(4 * DAY_MS)),
      pausedMs: rnd() < 0.2 ? at(3 * DAY_MS) : null,
      satisfaction: resolved !== null && rnd() < 0.6 ? Math.floor(rnd() * 7) : null,
      satisfactionAtMs: rnd() < 0.5 ? maybe(at(8 * DAY_MS)) : null,
    };
  });
  const rows = new Map(buildDayRows(tickets).map((r) => [r.day, r]));

  /** Weekly buckets from the period start (the first starts at the start itself). */
  function buckets(startMs: number, endMs: number): PeriodBuckets {
    const startsMs = [0];
    for (let d = (dayOf(startMs) + 1) * DAY_MS; d < endMs; d += DAY_MS) if (new Date(d).getUTCDay() === 1) startsMs.push(d - startMs);
    return { names: startsMs.map((s) => new Date(startMs + s).toISOString().slice(0, 10)), startsMs, spanMs: endMs - startMs };
  }

  test.each([
    ["whole days, before now", Date.UTC(2026, 0, 10), Date.UTC(2026, 1, 10), Date.UTC(2026, 3, 1)],
    ["partial first day, ends at now", Date.UTC(2026, 0, 10) + 12_345, Date.UTC(2026, 1, 10) + 999, Date.UTC(2026, 1, 10) + 999],
    ["ends after now", Date.UTC(2026, 0, 20), Date.UTC(2026, 2, 1), Date.UTC(2026, 1, 3) + 7_000],
  ])("%s", (_, startMs, endMs, nowMs) => {
    const accepts = (agent: number | null, category: string, tier: number) => agent !== 3 && tier !== 2 && category !== "billing";
    const teamOf = (agent: number | null) => (agent === null ? null : agent % 2);
    const context = (): ReadContext<(typeof TIERS)[number]> => ({ acc: new PeriodAccumulator(TIERS, buckets(startMs, endMs)), startMs, endMs, nowMs, accepts, teamOf });
    const whole = (day: number) => day * DAY_MS >= startMs && (day + 1) * DAY_MS <= Math.min(endMs, nowMs);

    const live = context();
    for (const t of tickets) addLiveTicket(live, t, () => true);

    // Some tickets are "marked": their rows are skipped, and they count live on every day.
    const marked = new Set(tickets.filter((t) => t.id % 7 === 0).map((t) => t.id));
    const rolled = context();
    let wholeDays = 0;
    for (const [day, row] of rows) {
      if (day < dayOf(startMs) || day > dayOf(endMs - 1) || !whole(day)) continue;
      addDayRow(rolled, row, marked);
      wholeDays++;
    }
    for (const t of tickets) addLiveTicket(rolled, t, marked.has(t.id) ? () => true : (day) => !whole(day));

    expect(wholeDays).toBeGreaterThan(0);
    const expected = live.acc.finish();
    expect(expected.counts.find((r) => r.set === "total")?.opened).toBeGreaterThan(0);
    // Groups come in first-seen order, which differs between the two readings: compare as sets.
    const sorted = <R>(rows: R[]) => rows.map((r) => JSON.stringify(r)).sort();
    const norm = (f: typeof expected) => ({ counts: sorted(f.counts), trend: sorted(f.trend), response: sorted(f.response), resolution: sorted(f.resolution) });
    expect(norm(rolled.acc.finish())).toEqual(norm(expected));
  });

  test("a day row is refused for a day not wholly in the period and before now", () => {
    const [row] = rows.values();
    const startMs = row.day * DAY_MS + 1;
    const ctx: ReadContext<(typeof TIERS)[number]> = {
      acc: new PeriodAccumulator(TIERS, { names: ["x"], startsMs: [0], spanMs: 10 * DAY_MS }),
      startMs,
      endMs: startMs + 10 * DAY_MS,
      nowMs: startMs + 10 * DAY_MS,
      accepts: () => true,
      teamOf: () => null,
    };
    expect(() => addDayRow(ctx, row, new Set())).toThrow(RangeError);
    expect(bucketFinder({ names: ["a", "b"], startsMs: [0, 10], spanMs: 20 })(15)).toBe(2);
  });
});

import fc from "fast-check";
import { OPT_OUT_CHANNELS, RFM_GROUP_VALUES, TOUCHPOINT_CHANNELS } from "@/lib/segments/rules/rule";
import { POOL, type SegmentDataSet } from "./segment-data";

/**
 * Random segment rules over a data set's values: every field, every operator, groups nested up to four
 * levels (optionally negated), values that hit stored values exactly, boundary window lengths and days,
 * and values no customer has. Produces plain JSON as the editor would post it (parseRule cleans it).
 */
export function ruleArbitrary(data: SegmentDataSet): fc.Arbitrary<unknown> {
  const subset = <T>(xs: readonly T[]) => fc.subarray([...xs], { minLength: 1 });
  const period = fc.constantFrom("current", ...POOL.periods, POOL.unscoredPeriod);
  const days = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...POOL.windowDays) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 900 }) });
  const day = fc.constantFrom(...data.days);
  const orderedPair = <T>(arb: fc.Arbitrary<T>, cmp: (a: T, b: T) => number) => fc.tuple(arb, arb).map(([a, b]) => (cmp(a, b) <= 0 ? [a, b] : [b, a]));
  const num = (arb: fc.Arbitrary<number | string>, cmp: (a: number | string, b: number | string) => number) =>
    fc.oneof(
      fc.record({ op: fc.constantFrom("eq", "neq", "lt", "lte", "gt", "gte"), value: arb }),
      fc.record({ op: fc.constant("between"), value: orderedPair(arb, cmp) }),
    );
  const byNumber = (a: number | string, b: number | string) => Number(a) - Number(b);
  const int = (lo: number, hi: number) => num(fc.integer({ min: lo, max: hi }), byNumber);
  const moneyArb = fc.oneof(fc.constantFrom(...data.moneyValues), fc.integer({ min: 0, max: 600_000 }).map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`), fc.constantFrom("0", "1500", "99.9"));
  const money = num(moneyArb, byNumber);
  const probability = num(fc.oneof(fc.constantFrom(...data.probabilities), fc.double({ min: 0, max: 1, noNaN: true })), byNumber);
  const dateOps = fc.oneof(
    fc.record({ op: fc.constantFrom("before", "after"), value: day }),
    fc.record({ op: fc.constant("between"), value: orderedPair(day, (a, b) => a.localeCompare(b)) }),
    fc.record({ op: fc.constantFrom("withinLastDays", "notWithinLastDays"), value: days }),
    fc.record({ op: fc.constantFrom("isEmpty", "isNotEmpty") }),
  );
  const text = (pool: readonly string[]) =>
    fc.oneof(
      fc.record({ op: fc.constantFrom("in", "notIn"), value: subset([...pool.filter((v) => v.trim() !== ""), "Nowhere"]) }),
      fc.record({ op: fc.constant("contains"), value: fc.constantFrom("East", "china", "ret", "a", "Web", "%", "_", "zz") }),
      fc.record({ op: fc.constantFrom("isEmpty", "isNotEmpty") }),
    );
  const ids = (pool: number[]) => fc.oneof(
    fc.record({ op: fc.constantFrom("in", "notIn"), value: subset([...pool, 999_999]) }),
    fc.record({ op: fc.constantFrom("isEmpty", "isNotEmpty") }),
  );
  const windowed = fc.option(days, { nil: undefined });
  const cond = <T extends object>(field: string, arb: fc.Arbitrary<T>, extra: fc.Arbitrary<object> = fc.constant({})) =>
    fc.tuple(arb, extra).map(([ops, more]) => {
      const out: Record<string, unknown> = { type: "condition", field, ...more, ...ops };
      for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
      return out;
    });
  const score = (field: string, arb: fc.Arbitrary<object>) => cond(field, arb, fc.record({ period }));
  const condition = fc.oneof(
    cond("kind", fc.record({ op: fc.constantFrom("in", "notIn"), value: subset(POOL.kinds) })),
    cond("region", text(POOL.regions)),
    cond("industry", text(POOL.industries)),
    cond("source", text(POOL.sources)),
    cond("owner", ids(data.ownerIds)),
    cond("team", ids(data.teamIds)),
    cond("createdAt", dateOps),
    cond("externalId", fc.record({ op: fc.constantFrom("isEmpty", "isNotEmpty") })),
    score("tier", fc.record({ op: fc.constantFrom("in", "notIn"), value: subset(POOL.tiers) })),
    score("abc", fc.record({ op: fc.constantFrom("in", "notIn"), value: subset(POOL.abc) })),
    score("lifecycleStage", fc.record({ op: fc.constantFrom("in", "notIn"), value: subset(POOL.stages) })),
    score("rfmGroup", fc.record({ op: fc.constantFrom("in", "notIn"), value: subset(RFM_GROUP_VALUES) })),
    score("rScore", int(1, 5)),
    score("fScore", int(1, 5)),
    score("mScore", int(1, 5)),
    score("predictedClv", money),
    score("historicalClv", money),
    score("pAlive", probability),
    score("churnRisk", probability),
    cond("spend", money, fc.record({ days: windowed })),
    cond("orderCount", int(0, 8), fc.record({ days: windowed })),
    cond("boughtProduct", fc.record({ op: fc.constantFrom("any", "none"), value: subset(data.productIds) }), fc.record({ days: windowed })),
    cond("boughtCategory", fc.record({ op: fc.constantFrom("any", "none"), value: subset(data.categoryIds) }), fc.record({ days: windowed })),
    cond("firstPurchase", dateOps),
    cond("lastPurchase", dateOps),
    cond("lastTouchpoint", dateOps, fc.record({ channel: fc.option(fc.constantFrom(...TOUCHPOINT_CHANNELS), { nil: undefined }) })),
    cond("optOut", fc.record({ op: fc.constant("is"), value: fc.boolean() }), fc.record({ channel: fc.constantFrom(...OPT_OUT_CHANNELS) })),
    cond("campaign", fc.record({ op: fc.constantFrom("memberOf", "notMemberOf", "respondedTo", "notRespondedTo"), value: subset(data.campaignIds) })),
    cond("openTickets", int(0, 3)),
  );
  const group = (depth: number): fc.Arbitrary<unknown> => {
    const child = depth >= 4 ? condition : fc.oneof({ weight: 3, arbitrary: condition }, { weight: 1, arbitrary: fc.constant(null).chain(() => group(depth + 1)) });
    return fc.record({
      type: fc.constant("group"),
      op: fc.constantFrom("and", "or"),
      not: fc.boolean(),
      children: fc.array(child, { minLength: 1, maxLength: 3 }),
    });
  };
  const groupWith = (first: fc.Arbitrary<unknown>, rest: fc.Arbitrary<unknown>) =>
    fc.record({
      type: fc.constant("group"),
      op: fc.constantFrom("and", "or"),
      not: fc.boolean(),
      children: fc.tuple(first, fc.array(rest, { maxLength: 2 })).map(([f, r]) => [f, ...r]),
    });
  // Root → group → group: every rule has at least three levels, some five.
  return groupWith(groupWith(group(3), fc.oneof(condition, group(3))), fc.oneof(condition, group(2)));
}

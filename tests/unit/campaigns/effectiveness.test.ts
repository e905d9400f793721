import { describe, expect, it } from "vitest";
import { campaignEffectiveness, effectivenessVerdict, type CampaignAggregates, type GroupOutcome } from "@/lib/campaigns/rules/effectiveness";
import { newcombeDifference } from "@/lib/campaigns/rules/lift";
import { summarize, welchInterval } from "@/lib/campaigns/rules/welch";

/** The aggregates SQL would return for per-member values (cents, units). */
function group(revenue: number[], margin: number[], units: number[]): GroupOutcome {
  const sums = (xs: number[]) => ({ sum: BigInt(xs.reduce((s, v) => s + v, 0)), sumSquares: BigInt(xs.reduce((s, v) => s + v * v, 0)) });
  return { members: revenue.length, converted: revenue.filter((r) => r > 0).length, revenueCents: sums(revenue), marginCents: sums(margin), units: sums(units) };
}

// Constructed campaign: 10 treated members (4 converted), 5 control members (1 converted).
const TREATED_REVENUE = [0, 0, 5000, 0, 2500, 0, 10000, 0, 0, 2500];
const TREATED_MARGIN = [0, 0, 1500, 0, 750, 0, 3000, 0, 0, 750];
const TREATED_UNITS = [0, 0, 2, 0, 1, 0, 4, 0, 0, 1];
const CONTROL_REVENUE = [0, 2500, 0, 0, 0];
const CONTROL_MARGIN = [0, 750, 0, 0, 0];
const CONTROL_UNITS = [0, 1, 0, 0, 0];

function baseInput(): CampaignAggregates {
  return {
    treated: group(TREATED_REVENUE, TREATED_MARGIN, TREATED_UNITS),
    control: group(CONTROL_REVENUE, CONTROL_MARGIN, CONTROL_UNITS),
    costCents: 2000n,
    treatedResponses: 3,
    expectedResponses: 5,
    previousCampaign: { members: 20, converted: 2 },
    sameMonths: { current: { revenueCents: 500_000n, units: 120n }, lastYear: { revenueCents: 400_000n, units: 100n } },
    beforeAfter: { after: { revenueCents: 300_000n, units: 30n }, before: { revenueCents: 0n, units: 0n } },
  };
}

describe("campaign effectiveness from aggregates", () => {
  const e = campaignEffectiveness(baseInput());

  it("lift: p_t = 4/10, p_c = 1/5, with the Newcombe interval", () => {
    const lift = e.lift.value!;
    expect(lift.treatedRate).toBe(0.4);
    expect(lift.controlRate).toBe(0.2);
    expect(lift.absolute).toBeCloseTo(0.2, 15);
    expect(lift.relative).toBeCloseTo(1, 15);
    // Checked against lift.ts's own Newcombe function (itself tested on Newcombe 1998 Table II), and
    // against the paper's method-10 construction by hand: Wilson(4/10) = (0.16818, 0.68732),
    // Wilson(1/5) = (0.03622, 0.62449) → L = 0.2 − √(0.23182² + 0.42449²) = −0.28366, U = 0.2 + √(0.28732² + 0.16378²) = 0.53072.
    expect(lift.interval).toEqual(newcombeDifference(4, 10, 1, 5).value!.interval);
    expect(lift.interval.lower).toBeCloseTo(-0.28366, 4);
    expect(lift.interval.upper).toBeCloseTo(0.53072, 4);
    expect(lift.distinguishable).toBe(false);
    expect(lift.direction).toBe("none");
  });

  it("incremental revenue and margin: exact cents, Welch interval on the per-member values", () => {
    // Revenue per member: 20000/10 − 2500/5 = 2000 − 500 = 1500 cents; × n_t = 15000 cents.
    const rev = e.incrementalRevenue.value!;
    expect(rev.perMemberCents).toBe(1500n);
    expect(rev.totalCents).toBe(15000n);
    // By hand in currency units: treated mean 20, s² = (13750 − 10·20²)/9 = 1083.33; control mean 5,
    // s² = (625 − 5·5²)/4 = 125; se² = 108.333 + 25 = 133.333; ν = 133.333² / (108.333²/9 + 25²/4) = 12.174.
    const w = rev.perMember.value!;
    expect(w.difference).toBeCloseTo(15, 12);
    expect(w.standardError ** 2).toBeCloseTo(400 / 3, 10);
    expect(w.df).toBeCloseTo((400 / 3) ** 2 / ((3250 / 30) ** 2 / 9 + 25 ** 2 / 4), 10);
    const independent = welchInterval(summarize(TREATED_REVENUE.map((c) => c / 100)), summarize(CONTROL_REVENUE.map((c) => c / 100))).value!;
    expect(w.lower).toBeCloseTo(independent.lower, 10);
    expect(w.upper).toBeCloseTo(independent.upper, 10);
    expect(rev.totalInterval!.lower).toBeCloseTo(w.lower * 10, 10);
    // Margin: 6000/10 − 750/5 = 450 cents per member, 4500 cents in total.
    const margin = e.incrementalMargin.value!;
    expect(margin.perMemberCents).toBe(450n);
    expect(margin.totalCents).toBe(4500n);
    // Units: 8/10 − 1/5 = 0.6 per member, 6 in total.
    const units = e.incrementalUnits.value!;
    expect(units.perMember).toBeCloseTo(0.6, 15);
    expect(units.total).toBeCloseTo(6, 14);
    expect(units.interval.value!.difference).toBeCloseTo(0.6, 14);
  });

  it("ROI = (incremental margin − cost) / cost and cost per response, rounded half up", () => {
    // (45.00 − 20.00) / 20.00 = 1.25.
    expect(e.roi.value!.roi).toBeCloseTo(1.25, 15);
    const m = e.incrementalMargin.value!.totalInterval!;
    expect(e.roi.value!.interval!.lower).toBeCloseTo((m.lower - 20) / 20, 12);
    expect(e.roi.value!.interval!.upper).toBeCloseTo((m.upper - 20) / 20, 12);
    // 2000 cents / 3 responses = 666.67 → 667 cents.
    expect(e.costPerResponseCents.value).toBe(667n);
  });

  it("period comparisons, forecast and previous campaign", () => {
    expect(e.sameMonthsLastYear.value).toEqual({
      revenueCents: { current: 500_000n, previous: 400_000n, change: 100_000n, relative: 0.25 },
      units: { current: 120n, previous: 100n, change: 20n, relative: 0.2 },
    });
    expect(e.beforeAfter.value!.revenueCents).toEqual({ current: 300_000n, previous: 0n, change: 300_000n, relative: null });
    expect(e.vsForecast.value).toEqual({ conversions: 4, expected: 5, difference: -1, ratio: 0.8 });
    const prev = e.vsPreviousCampaign.value!;
    expect(prev.rate).toBe(0.4);
    expect(prev.previousRate).toBe(0.1);
    expect(prev.difference).toBeCloseTo(0.3, 15);
    expect(prev.relative).toBeCloseTo(3, 14);
    expect(prev.interval).toEqual(newcombeDifference(4, 10, 2, 20).value!.interval);
  });

  it("words the verdict as i18n keys with parameters", () => {
    expect(effectivenessVerdict(e)).toEqual([
      { key: "liftInconclusive", params: { lift: e.lift.value!.absolute, lower: e.lift.value!.interval.lower, upper: e.lift.value!.interval.upper, confidence: 0.95 } },
      { key: "roi", params: { roi: e.roi.value!.roi } },
    ]);
  });
});

describe("campaign effectiveness: verdicts and undefined figures", () => {
  it("a clear lift up and a clear lift down", () => {
    // 60/100 vs 20/100: Newcombe interval ≈ (0.26, 0.52), excludes 0.
    const up = campaignEffectiveness({
      ...baseInput(),
      treated: { ...group(TREATED_REVENUE, TREATED_MARGIN, TREATED_UNITS), members: 100, converted: 60 },
      control: { ...group(CONTROL_REVENUE, CONTROL_MARGIN, CONTROL_UNITS), members: 100, converted: 20 },
    });
    expect(up.lift.value!.direction).toBe("up");
    expect(up.lift.value!.distinguishable).toBe(true);
    expect(effectivenessVerdict(up)[0].key).toBe("liftUp");
    const down = campaignEffectiveness({
      ...baseInput(),
      treated: { ...group(TREATED_REVENUE, TREATED_MARGIN, TREATED_UNITS), members: 100, converted: 20 },
      control: { ...group(CONTROL_REVENUE, CONTROL_MARGIN, CONTROL_UNITS), members: 100, converted: 60 },
    });
    expect(down.lift.value!.direction).toBe("down");
    expect(effectivenessVerdict(down)[0].key).toBe("liftDown");
  });

  it("no control group, an empty group, no cost, no responses, no forecast or history", () => {
    const none = campaignEffectiveness({ ...baseInput(), control: null, costCents: 0n, treatedResponses: 0, expectedResponses: null, previousCampaign: null, sameMonths: null, beforeAfter: null });
    expect(none.lift).toEqual({ value: null, reason: "no-control-group" });
    expect(none.incrementalRevenue.reason).toBe("no-control-group");
    expect(none.roi.reason).toBe("no-control-group");
    expect(none.costPerResponseCents).toEqual({ value: null, reason: "no-responses" });
    expect(none.vsForecast.reason).toBe("no-forecast");
    expect(none.vsPreviousCampaign.reason).toBe("no-previous-campaign");
    expect(none.sameMonthsLastYear.reason).toBe("not-available");
    expect(none.controlMembers).toBeNull();
    expect(effectivenessVerdict(none)).toEqual([{ key: "noControlGroup", params: {} }]);

    const empty = campaignEffectiveness({ ...baseInput(), control: group([], [], []) });
    expect(empty.lift.reason).toBe("empty-group");
    expect(effectivenessVerdict(empty)).toEqual([{ key: "emptyGroup", params: {} }]);

    const free = campaignEffectiveness({ ...baseInput(), costCents: 0n });
    expect(free.roi).toEqual({ value: null, reason: "no-cost" });
    expect(effectivenessVerdict(free)[1]).toEqual({ key: "noCost", params: {} });

    // One control member: point estimates exist, the Welch interval does not.
    const tiny = campaignEffectiveness({ ...baseInput(), control: group([2500], [750], [1]) });
    expect(tiny.incrementalRevenue.value!.perMemberCents).toBe(2000n - 2500n);
    expect(tiny.incrementalRevenue.value!.perMember).toEqual({ value: null, reason: "too-few-members" });
    expect(tiny.incrementalRevenue.value!.totalInterval).toBeNull();
    expect(tiny.roi.value!.interval).toBeNull();
  });

  it("rejects impossible aggregates", () => {
    expect(() => campaignEffectiveness({ ...baseInput(), treated: { ...baseInput().treated, converted: 11 } })).toThrow(RangeError);
    expect(() => campaignEffectiveness({ ...baseInput(), costCents: -1n })).toThrow(RangeError);
  });
});

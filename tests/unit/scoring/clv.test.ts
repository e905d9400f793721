import { describe, expect, it, test } from "vitest";
import { conditionalExpectedPurchases } from "@/lib/scoring/rules/bg-nbd";
import { conditionalExpectedSpend } from "@/lib/scoring/rules/gamma-gamma";
import { churnRisk, historicalValue, predictClv, unitsPerMonth } from "@/lib/scoring/rules/clv";

const BG = { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 };
const GG = { p: 6.2486, q: 3.7446, v: 15.4484 };
const customer = { x: 2, tx: 30.43, T: 38.86, zbar: 22.35 };

describe("predictClv", () => {
  it("without discounting equals expected purchases over the horizon × expected spend × margin", () => {
    const p = predictClv(BG, GG, customer, { horizonMonths: 12, annualDiscountRate: 0, marginRate: 0.3 });
    const purchases = conditionalExpectedPurchases(BG, 12 * unitsPerMonth("week"), 2, 30.43, 38.86);
    expect(p.expectedPurchases).toBeCloseTo(purchases, 12);
    expect(p.expectedSpend).toBeCloseTo(conditionalExpectedSpend(GG, 2, 22.35), 12);
    expect(p.clv).toBeCloseTo(purchases * p.expectedSpend * 0.3, 9);
  });

  it("discounts each month's expected purchases at the end of the month", () => {
    const month = unitsPerMonth("week");
    const monthly = Math.pow(1.1, 1 / 12) - 1;
    let expected = 0;
    let previous = 0;
    for (let k = 1; k <= 3; k++) {
      const cumulative = conditionalExpectedPurchases(BG, k * month, 2, 30.43, 38.86);
      expected += (cumulative - previous) / Math.pow(1 + monthly, k);
      previous = cumulative;
    }
    const p = predictClv(BG, GG, customer, { horizonMonths: 3, annualDiscountRate: 0.1 });
    expect(p.clv).toBeCloseTo(expected * conditionalExpectedSpend(GG, 2, 22.35), 9);
  });

  test.each([0, 0.05, 0.1, 0.3])("a higher discount rate never raises CLV (from %d)", (d) => {
    const low = predictClv(BG, GG, customer, { annualDiscountRate: d }).clv;
    const high = predictClv(BG, GG, customer, { annualDiscountRate: d + 0.05 }).clv;
    expect(high).toBeLessThan(low);
  });

  it("gives the same answer in day units as in week units", () => {
    const weeks = predictClv(BG, GG, customer, { unit: "week" });
    const dayBg = { ...BG, alpha: BG.alpha * 7 };
    const days = predictClv(dayBg, GG, { ...customer, tx: customer.tx * 7, T: customer.T * 7 }, { unit: "day" });
    expect(days.clv).toBeCloseTo(weeks.clv, 8);
    expect(days.pAlive).toBeCloseTo(weeks.pAlive, 12);
  });

  it("has zero value over a zero horizon and reports churn risk = 1 − P(alive)", () => {
    const p = predictClv(BG, GG, customer, { horizonMonths: 0 });
    expect(p.clv).toBe(0);
    expect(p.churnRisk).toBeCloseTo(1 - p.pAlive, 15);
  });

  test.each([{ horizonMonths: 1.5 }, { horizonMonths: -1 }, { annualDiscountRate: -1 }])("rejects options %j", (options) => {
    expect(() => predictClv(BG, GG, customer, options)).toThrow(RangeError);
  });
});

describe("historicalValue and churnRisk", () => {
  test.each([
    [[{ amount: 100 }, { amount: 50 }], 1, 150],
    [[{ amount: 100 }, { amount: 50 }], 0.2, 30],
    [[{ amount: 100, margin: 40 }, { amount: 50 }], 0.2, 50],
    [[], 0.5, 0],
  ])("%j at margin rate %d → %d", (tx, rate, expected) => {
    expect(historicalValue(tx, rate)).toBeCloseTo(expected, 12);
  });

  it("churn risk is the complement of P(alive)", () => {
    expect(churnRisk(0.25)).toBe(0.75);
  });
});

import { describe, expect, it } from "vitest";
import type { AssociationRule } from "@/lib/scoring/rules/apriori";
import { recommendForCustomer } from "@/lib/scoring/rules/recommend";

const rule = (lhs: string[], rhs: string, confidence: number, lift: number, support = 0.01): AssociationRule => ({
  lhs,
  rhs,
  support,
  confidence,
  coverage: support / confidence,
  lift,
  count: 10,
});

const rules = [
  rule(["bread"], "butter", 0.6, 2),
  rule(["bread", "milk"], "butter", 0.8, 2.5),
  rule(["milk"], "cereal", 0.8, 3),
  rule(["milk"], "bread", 0.9, 1.5),
  rule(["beer"], "chips", 0.95, 4),
  rule(["milk"], "cocoa", 0.8, 3, 0.02),
];

describe("recommendForCustomer", () => {
  it("suggests items whose rule applies, not owned yet, ranked by confidence then lift, one per item", () => {
    const recs = recommendForCustomer(rules, ["bread", "milk"]);
    // cocoa and cereal tie on confidence and lift: higher support first; butter has the lower lift.
    expect(recs.map((r) => r.item)).toEqual(["cocoa", "cereal", "butter"]);
    // butter is explained by its best rule (confidence 0.8), not the weaker bread → butter.
    expect(recs[2].rule.lhs).toEqual(["bread", "milk"]);
  });

  it("skips rules whose left-hand side is not fully owned and items already owned", () => {
    expect(recommendForCustomer(rules, ["milk"]).map((r) => r.item)).toEqual(["bread", "cocoa", "cereal"]);
    expect(recommendForCustomer(rules, ["milk", "bread", "butter", "cereal", "cocoa"])).toEqual([]);
    expect(recommendForCustomer(rules, [])).toEqual([]);
  });

  it("respects the limit and accepts any iterable", () => {
    expect(recommendForCustomer(rules, new Set(["milk"]), { limit: 1 }).map((r) => r.item)).toEqual(["bread"]);
  });
});

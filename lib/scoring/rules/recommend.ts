/**
 * Per-customer cross-sell recommendations from association rules: a rule applies when the customer has
 * bought every item of its left-hand side and not its right-hand side. Products are ranked by the best
 * applicable rule: confidence, then lift, then support (descending), then item name; each product is
 * listed once, with that best rule kept as the explanation.
 */

import type { AssociationRule } from "@/lib/scoring/rules/apriori";

export interface Recommendation {
  item: string;
  rule: AssociationRule;
}

function better(a: AssociationRule, b: AssociationRule): number {
  return (
    b.confidence - a.confidence ||
    b.lift - a.lift ||
    b.support - a.support ||
    (a.lhs.join("\u0000") < b.lhs.join("\u0000") ? -1 : a.lhs.join("\u0000") > b.lhs.join("\u0000") ? 1 : 0)
  );
}

export function recommendForCustomer(
  rules: readonly AssociationRule[],
  purchased: Iterable<string>,
  options: { limit?: number } = {},
): Recommendation[] {
  const owned = new Set(purchased);
  const best = new Map<string, AssociationRule>();
  for (const rule of rules) {
    if (owned.has(rule.rhs)) continue;
    if (!rule.lhs.every((item) => owned.has(item))) continue;
    const current = best.get(rule.rhs);
    if (current === undefined || better(rule, current) < 0) best.set(rule.rhs, rule);
  }
  const list = [...best.entries()]
    .map(([item, rule]) => ({ item, rule }))
    .sort((a, b) => better(a.rule, b.rule) || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
  return options.limit !== undefined ? list.slice(0, options.limit) : list;
}

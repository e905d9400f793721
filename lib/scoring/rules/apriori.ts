/**
 * Frequent itemsets and association rules (market-basket analysis) for cross-selling.
 *
 * Semantics follow the usual apriori definitions (and R arules): support = count / N over all baskets
 * (empty ones included), an itemset is frequent when count >= ceil(minSupport × N), a rule lhs → rhs has a
 * single item on the right, confidence = count(lhs ∪ rhs) / count(lhs), coverage = count(lhs) / N,
 * lift = confidence / support(rhs), and itemsets hold at most `maxLength` items (default 10, as arules).
 * Rules with an empty left-hand side are not produced: they would recommend the same item to everyone.
 *
 * The frequent itemsets are found by a depth-first search over vertical bitsets (Eclat): every item is a
 * bitset over baskets, and an itemset's baskets are the AND of its items'. The set of frequent itemsets
 * does not depend on the search order, so the result is the same as level-wise apriori, and the bitwise
 * work is far cheaper than rescanning baskets.
 */

export interface FrequentItemset {
  items: string[];
  count: number;
  support: number;
}

export interface AssociationRule {
  /** Sorted by code unit order. */
  lhs: string[];
  rhs: string;
  support: number;
  confidence: number;
  coverage: number;
  lift: number;
  count: number;
}

export interface ItemsetOptions {
  /** Fraction of baskets, 0 < minSupport <= 1. */
  minSupport: number;
  maxLength?: number;
}

export interface RuleOptions extends ItemsetOptions {
  minConfidence: number;
  minLift?: number;
}

export interface RuleMiningResult {
  transactions: number;
  minCount: number;
  itemsetCount: number;
  rules: AssociationRule[];
}

/**
 * ceil(minSupport × n), guarded against binary fractions: 0.001 × 10000 is 10.000000000000002 in
 * floating point and a plain ceil would demand 11 baskets.
 */
export function minimumSupportCount(minSupport: number, n: number): number {
  if (!(minSupport > 0 && minSupport <= 1)) throw new RangeError(`minSupport must be in (0, 1] (got ${minSupport})`);
  const exact = minSupport * n;
  const nearest = Math.round(exact);
  const count = Math.abs(exact - nearest) <= 1e-9 * Math.max(1, exact) ? nearest : Math.ceil(exact);
  // An itemset must occur at least once to be "frequent" at all.
  return Math.max(1, count);
}

function popcount32(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

interface Encoded {
  n: number;
  /** Frequent items, in search order (ascending count, so the deep branches have the sparsest bitsets). */
  names: string[];
  counts: number[];
  bits: Uint32Array[];
  minCount: number;
}

function encode(baskets: readonly (readonly string[])[], minSupport: number): Encoded {
  const n = baskets.length;
  const minCount = minimumSupportCount(minSupport, n);
  const countOf = new Map<string, number>();
  for (const basket of baskets) {
    for (const item of new Set(basket)) countOf.set(item, (countOf.get(item) ?? 0) + 1);
  }
  const frequent = [...countOf.entries()]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const codeOf = new Map<string, number>();
  frequent.forEach(([name], i) => codeOf.set(name, i));
  const words = Math.ceil(n / 32);
  const bits = frequent.map(() => new Uint32Array(words));
  baskets.forEach((basket, t) => {
    const word = t >>> 5;
    const mask = 1 << (t & 31);
    for (const item of basket) {
      const code = codeOf.get(item);
      if (code !== undefined) bits[code][word] |= mask;
    }
  });
  return { n, names: frequent.map(([name]) => name), counts: frequent.map(([, c]) => c), bits, minCount };
}

/** Itemsets as ascending code arrays with their counts, keyed for subset look-ups during rule generation. */
function searchItemsets(enc: Encoded, maxLength: number): { sets: number[][]; counts: number[]; index: Map<string, number> } {
  const sets: number[][] = [];
  const counts: number[] = [];
  const index = new Map<string, number>();
  const words = Math.ceil(enc.n / 32);
  const scratch = new Uint32Array(words);

  const visit = (prefix: number[], items: number[], bits: Uint32Array[], itemCounts: number[]) => {
    for (let i = 0; i < items.length; i++) {
      const itemset = [...prefix, items[i]];
      index.set(itemset.join(","), sets.length);
      sets.push(itemset);
      counts.push(itemCounts[i]);
      if (itemset.length >= maxLength) continue;
      const nextItems: number[] = [];
      const nextBits: Uint32Array[] = [];
      const nextCounts: number[] = [];
      const base = bits[i];
      for (let j = i + 1; j < items.length; j++) {
        const other = bits[j];
        let c = 0;
        for (let w = 0; w < words; w++) {
          const v = base[w] & other[w];
          scratch[w] = v;
          if (v !== 0) c += popcount32(v);
        }
        if (c >= enc.minCount) {
          nextItems.push(items[j]);
          nextBits.push(scratch.slice());
          nextCounts.push(c);
        }
      }
      if (nextItems.length > 0) visit(itemset, nextItems, nextBits, nextCounts);
    }
  };
  visit(
    [],
    enc.names.map((_, i) => i),
    enc.bits,
    enc.counts,
  );
  return { sets, counts, index };
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function mineFrequentItemsets(baskets: readonly (readonly string[])[], options: ItemsetOptions): FrequentItemset[] {
  const maxLength = options.maxLength ?? 10;
  const enc = encode(baskets, options.minSupport);
  const found = searchItemsets(enc, maxLength);
  return found.sets.map((set, i) => ({
    items: set.map((code) => enc.names[code]).sort(byCodeUnits),
    count: found.counts[i],
    support: found.counts[i] / enc.n,
  }));
}

export function mineAssociationRules(baskets: readonly (readonly string[])[], options: RuleOptions): RuleMiningResult {
  const { minConfidence } = options;
  const minLift = options.minLift ?? 0;
  const maxLength = options.maxLength ?? 10;
  if (!(minConfidence >= 0 && minConfidence <= 1)) throw new RangeError(`minConfidence must be in [0, 1] (got ${minConfidence})`);
  if (!(maxLength >= 1)) throw new RangeError("maxLength must be >= 1");
  const enc = encode(baskets, options.minSupport);
  const n = enc.n;
  const found = searchItemsets(enc, maxLength);
  const rules: AssociationRule[] = [];
  for (let s = 0; s < found.sets.length; s++) {
    const set = found.sets[s];
    if (set.length < 2) continue;
    const count = found.counts[s];
    for (let j = 0; j < set.length; j++) {
      const lhsCodes = set.filter((_, k) => k !== j);
      const lhsAt = found.index.get(lhsCodes.join(","));
      // Every subset of a frequent itemset is frequent and was visited, so this is only a safety net.
      if (lhsAt === undefined) continue;
      const lhsCount = found.counts[lhsAt];
      // Relative slack: 0.3 × 10 is 3.0000000000000004, which must not reject a 3-of-10 rule at 0.3.
      if (count < minConfidence * lhsCount * (1 - 1e-12)) continue;
      const confidence = count / lhsCount;
      const rhs = set[j];
      const lift = confidence / (enc.counts[rhs] / n);
      if (lift < minLift * (1 - 1e-12)) continue;
      rules.push({
        lhs: lhsCodes.map((code) => enc.names[code]).sort(byCodeUnits),
        rhs: enc.names[rhs],
        support: count / n,
        confidence,
        coverage: lhsCount / n,
        lift,
        count,
      });
    }
  }
  rules.sort(
    (a, b) =>
      b.lift - a.lift ||
      b.confidence - a.confidence ||
      b.count - a.count ||
      byCodeUnits(a.lhs.join("\u0000"), b.lhs.join("\u0000")) ||
      byCodeUnits(a.rhs, b.rhs),
  );
  return { transactions: n, minCount: enc.minCount, itemsetCount: found.sets.length, rules };
}

/**
 * A straightforward in-memory evaluation of a segment rule over plain customer records: the oracle the
 * property test holds the compiled SQL (compile.ts) against. Written independently of the compiler —
 * calendar days are compared as local-day strings, money in integer cents, aggregates by looping — so
 * that the two agreeing on random rules and random customers says something.
 *
 * The semantics are rule.ts's: two-valued, missing values per operator as documented there.
 */
import type { Condition, Group, Rule } from "@/lib/segments/rules/rule";
import { localDateOf } from "@/lib/platform/time-zone";

export type EvalScore = {
  tier: string;
  abcSegment: string;
  rScore: number;
  fScore: number;
  mScore: number;
  rfmGroup: string;
  /** Money as decimal strings ("1234.50"). */
  predictedClv: string;
  historicalClv: string;
  pAlive: number | null;
  churnRisk: number | null;
  lifecycleStage: string;
};

export type EvalCustomer = {
  id: number;
  kind: string;
  region: string;
  industry: string | null;
  source: string | null;
  ownerId: number | null;
  /** The owner's team (null without an owner or when the owner has no team). */
  ownerTeamId: number | null;
  createdAt: Date;
  externalId: string | null;
  dnc: { phone: boolean; email: boolean; mail: boolean; sms: boolean };
  /** Score rows by period end day (YYYY-MM-DD). */
  scores: Record<string, EvalScore>;
  orders: { orderedAt: Date; status: string; total: string; lines: { productId: number; categoryId: number }[] }[];
  touchpoints: { channel: string; occurredAt: Date }[];
  campaigns: { campaignId: number; status: string }[];
  tickets: { status: string }[];
};

export type EvalContext = {
  now: Date;
  timeZone: string;
  /** The newest scoring period's end day, null before any scoring. */
  currentPeriod: string | null;
};

const DAY_MS = 86_400_000;

function cents(money: string): number {
  const [whole, frac = ""] = money.split(".");
  return Number(whole) * 100 + Number((frac + "00").slice(0, 2));
}

function numberTest(actual: number, op: string, value: number | [number, number]): boolean {
  if (op === "between") {
    const [lo, hi] = value as [number, number];
    return actual >= lo && actual <= hi;
  }
  const v = value as number;
  switch (op) {
    case "eq":
      return actual === v;
    case "neq":
      return actual !== v;
    case "lt":
      return actual < v;
    case "lte":
      return actual <= v;
    case "gt":
      return actual > v;
    case "gte":
      return actual >= v;
  }
  throw new Error(`unknown number operator ${op}`);
}

function moneyValue(value: string | [string, string]): number | [number, number] {
  return Array.isArray(value) ? [cents(value[0]), cents(value[1])] : cents(value);
}

/** A nullable number: comparisons are false when missing; `neq` is the negation of `eq`. */
function nullableNumberTest(actual: number | null | undefined, op: string, value: number | [number, number]): boolean {
  if (actual === null || actual === undefined) return op === "neq";
  return numberTest(actual, op, value);
}

function blank(value: string | null): boolean {
  return value === null || value.replace(/^ +| +$/g, "") === "";
}

function textTest(actual: string | null, cond: { op: string; value?: unknown }): boolean {
  switch (cond.op) {
    case "in":
      return actual !== null && (cond.value as string[]).includes(actual);
    case "notIn":
      return !(actual !== null && (cond.value as string[]).includes(actual));
    case "contains":
      return actual !== null && actual.toLowerCase().includes((cond.value as string).toLowerCase());
    case "isEmpty":
      return blank(actual);
    case "isNotEmpty":
      return !blank(actual);
  }
  throw new Error(`unknown text operator ${cond.op}`);
}

function dateTest(actual: Date | null, cond: { op: string; value?: unknown }, ctx: EvalContext): boolean {
  if (cond.op === "isEmpty") return actual === null;
  if (cond.op === "isNotEmpty") return actual !== null;
  const within = (days: number) => actual !== null && actual.getTime() >= ctx.now.getTime() - days * DAY_MS && actual.getTime() <= ctx.now.getTime();
  if (cond.op === "withinLastDays") return within(cond.value as number);
  if (cond.op === "notWithinLastDays") return !within(cond.value as number);
  if (actual === null) return false;
  const day = localDateOf(actual, ctx.timeZone);
  switch (cond.op) {
    case "before":
      return day < (cond.value as string);
    case "after":
      return day > (cond.value as string);
    case "between": {
      const [from, to] = cond.value as [string, string];
      return day >= from && day <= to;
    }
  }
  throw new Error(`unknown date operator ${cond.op}`);
}

function completedOrders(customer: EvalCustomer, days: number | undefined, ctx: EvalContext) {
  const now = ctx.now.getTime();
  return customer.orders.filter((o) => o.status === "COMPLETED" && o.orderedAt.getTime() <= now && (days === undefined || o.orderedAt.getTime() >= now - days * DAY_MS));
}

function extreme(dates: Date[], pick: "min" | "max"): Date | null {
  if (dates.length === 0) return null;
  return dates.reduce((a, b) => ((pick === "min" ? b < a : b > a) ? b : a));
}

function conditionMatches(customer: EvalCustomer, cond: Condition, ctx: EvalContext): boolean {
  switch (cond.field) {
    case "kind":
      return (cond.value as string[]).includes(customer.kind) === (cond.op === "in");
    case "region":
    case "industry":
    case "source":
      return textTest(customer[cond.field], cond);
    case "owner":
    case "team": {
      const id = cond.field === "owner" ? customer.ownerId : customer.ownerTeamId;
      switch (cond.op) {
        case "in":
          return id !== null && cond.value.includes(id);
        case "notIn":
          return !(id !== null && cond.value.includes(id));
        case "isEmpty":
          return id === null;
        case "isNotEmpty":
          return id !== null;
      }
      break;
    }
    case "createdAt":
      return dateTest(customer.createdAt, cond, ctx);
    case "externalId":
      return blank(customer.externalId) === (cond.op === "isEmpty");
    case "optOut":
      return customer.dnc[cond.channel] === cond.value;
    case "tier":
    case "abc":
    case "lifecycleStage":
    case "rfmGroup":
    case "rScore":
    case "fScore":
    case "mScore":
    case "predictedClv":
    case "historicalClv":
    case "pAlive":
    case "churnRisk": {
      const period = cond.period === "current" ? ctx.currentPeriod : cond.period;
      const score = period === null ? undefined : customer.scores[period];
      switch (cond.field) {
        case "tier":
        case "abc":
        case "lifecycleStage":
        case "rfmGroup": {
          const actual = score ? { tier: score.tier, abc: score.abcSegment, lifecycleStage: score.lifecycleStage, rfmGroup: score.rfmGroup }[cond.field] : null;
          const isIn = actual !== null && (cond.value as string[]).includes(actual);
          return cond.op === "in" ? isIn : !isIn;
        }
        case "predictedClv":
        case "historicalClv":
          return nullableNumberTest(score ? cents(score[cond.field]) : null, cond.op, moneyValue(cond.value));
        default:
          return nullableNumberTest(score ? score[cond.field] : null, cond.op, cond.value);
      }
    }
    case "spend":
      return numberTest(
        completedOrders(customer, cond.days, ctx).reduce((sum, o) => sum + cents(o.total), 0),
        cond.op,
        moneyValue(cond.value),
      );
    case "orderCount":
      return numberTest(completedOrders(customer, cond.days, ctx).length, cond.op, cond.value);
    case "boughtProduct":
    case "boughtCategory": {
      const key = cond.field === "boughtProduct" ? "productId" : "categoryId";
      const bought = completedOrders(customer, cond.days, ctx).some((o) => o.lines.some((l) => cond.value.includes(l[key])));
      return cond.op === "any" ? bought : !bought;
    }
    case "firstPurchase":
    case "lastPurchase": {
      const dates = customer.orders.filter((o) => o.status === "COMPLETED").map((o) => o.orderedAt);
      return dateTest(extreme(dates, cond.field === "firstPurchase" ? "min" : "max"), cond, ctx);
    }
    case "lastTouchpoint": {
      const dates = customer.touchpoints.filter((t) => !cond.channel || t.channel === cond.channel).map((t) => t.occurredAt);
      return dateTest(extreme(dates, "max"), cond, ctx);
    }
    case "campaign": {
      const responded = cond.op === "respondedTo" || cond.op === "notRespondedTo";
      const hit = customer.campaigns.some((m) => cond.value.includes(m.campaignId) && (!responded || m.status === "RESPONDED" || m.status === "CONVERTED"));
      return cond.op === "memberOf" || cond.op === "respondedTo" ? hit : !hit;
    }
    case "openTickets":
      return numberTest(customer.tickets.filter((t) => t.status !== "RESOLVED" && t.status !== "CLOSED").length, cond.op, cond.value);
  }
  throw new Error(`segment rule: no evaluation for ${JSON.stringify(cond)}`);
}

function groupMatches(customer: EvalCustomer, group: Group, ctx: EvalContext): boolean {
  const results = group.children.map((child) => (child.type === "group" ? groupMatches(customer, child, ctx) : conditionMatches(customer, child, ctx)));
  const value = group.op === "and" ? results.every(Boolean) : results.some(Boolean);
  return group.not ? !value : value;
}

/** Does `customer` match `rule`? */
export function matchesRule(customer: EvalCustomer, rule: Rule, ctx: EvalContext): boolean {
  return groupMatches(customer, rule, ctx);
}

/** Ids of the customers matching `rule`, ascending. */
export function evaluateRule(customers: readonly EvalCustomer[], rule: Rule, ctx: EvalContext): number[] {
  return customers
    .filter((c) => matchesRule(c, rule, ctx))
    .map((c) => c.id)
    .sort((a, b) => a - b);
}

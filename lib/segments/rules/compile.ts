/**
 * Compiles a segment rule (lib/segments/rules/rule.ts) into ONE SQL predicate over a customer row
 * aliased `c`: the data layer puts it in `SELECT … FROM "Customer" c WHERE c."deletedAt" IS NULL AND
 * <predicate>`, so a segment of 100,000 customers is one statement, never a per-customer loop.
 *
 * Every condition compiles to a two-valued expression (EXISTS / NOT EXISTS, COALESCE(…, false)), so
 * NOT and OR mean what the user reads and a missing value follows rule.ts's documented semantics.
 * Conditions on other tables are correlated subqueries shaped for the existing indexes:
 * CustomerScore's key (customerId, periodEnd), Order(customerId, orderedAt),
 * Touchpoint(customerId, channel, occurredAt), OrderLine(orderId), CampaignMember(customerId),
 * Ticket(customerId). At a rule's top level an AND of EXISTS becomes semi-joins the planner may drive
 * from the smaller side (e.g. the (periodEnd, tier) index for "tier in VIP").
 *
 * Pure: the evaluation instant (`now`, for "last N days") and the company time zone (for calendar days)
 * come in; values go out through the caller's parameter list (lib/platform/db/sql-builder.ts SqlParams),
 * never into the text.
 */
import type { Condition, Group, Rule } from "@/lib/segments/rules/rule";
import { enumArrayLiteral } from "@/lib/platform/db/enum-array";
import { dayRange } from "@/lib/platform/time-zone";

/** The part of SqlParams the compiler needs: add a value, get its placeholder (with a cast). */
export type ParamSink = { add(value: unknown, cast?: string): string };

export type CompileContext = {
  /** The evaluation instant: "last N days" windows end here and reach back N × 24 h. */
  now: Date;
  /** The company time zone (IANA): calendar days in rules are days there. */
  timeZone: string;
  /**
   * The newest scoring period's end ("YYYY-MM-DD HH:MM:SS" as stored, null when nothing was scored),
   * resolved once by the caller. Given, "current" compiles to this value as a parameter, so the planner
   * sees the period and estimates "tier in VIP" from the statistics (about 1% of rows) instead of
   * guessing for an unknown sub-select (94% in the plan of the preview bench), and picks the
   * (periodEnd, tier) index and key look-ups instead of hashing every customer. Absent: a sub-select.
   */
  currentPeriod?: string | null;
};

/** The newest scoring period (lib/scoring/queries.ts CURRENT_PERIOD_SQL; repeated so rules stay pure). */
export const CURRENT_PERIOD_SQL = `(SELECT max("periodEnd") FROM "ScoreRun")`;

/** Order statuses that count as purchases (cancelled and returned orders do not; nor does totalSpend). */
const COMPLETED = `'COMPLETED'::"OrderStatus"`;
/** Tickets still open: not resolved or closed. */
const OPEN_TICKET = `t."status" NOT IN ('RESOLVED'::"TicketStatus", 'CLOSED'::"TicketStatus")`;
/** "Responded" to a campaign: member status RESPONDED or CONVERTED. */
const RESPONDED = `m."status" IN ('RESPONDED'::"CampaignMemberStatus", 'CONVERTED'::"CampaignMemberStatus")`;

const DAY_MS = 86_400_000;

const OPT_OUT_COLUMN = { phone: "dncPhone", email: "dncEmail", mail: "dncMail", sms: "dncSms" } as const;

const SCORE_COLUMN = {
  tier: { column: "tier", cast: `::"Tier"[]`, enumArray: true },
  abc: { column: "abcSegment", cast: `::"AbcSegment"[]`, enumArray: true },
  lifecycleStage: { column: "lifecycleStage", cast: `::"LifecycleStage"[]`, enumArray: true },
  rfmGroup: { column: "rfmGroup", cast: "::text[]", enumArray: false },
  rScore: { column: "rScore", cast: "::int" },
  fScore: { column: "fScore", cast: "::int" },
  mScore: { column: "mScore", cast: "::int" },
  predictedClv: { column: "predictedClv", cast: "::numeric" },
  historicalClv: { column: "historicalClv", cast: "::numeric" },
  pAlive: { column: "pAlive", cast: "::float8" },
  churnRisk: { column: "churnRisk", cast: "::float8" },
} as const;

type NumberOp = { op: "eq" | "neq" | "lt" | "lte" | "gt" | "gte"; value: number | string } | { op: "between"; value: [number | string, number | string] };
type DateOp =
  | { op: "before" | "after"; value: string }
  | { op: "between"; value: [string, string] }
  | { op: "withinLastDays"; value: number }
  | { op: "notWithinLastDays"; value: number }
  | { op: "isEmpty" | "isNotEmpty" };

const COMPARATOR = { eq: "=", neq: "<>", lt: "<", lte: "<=", gt: ">", gte: ">=" } as const;

/** Timestamps are stored as UTC without a zone (Prisma's mapping): compare against UTC text. */
function utc(instant: Date): string {
  return instant.toISOString().replace("Z", "");
}

/** A LIKE pattern that matches `term` literally (backslash is LIKE's default escape). */
function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** Rough cost rank of a condition: cheap column tests first, aggregates over orders last. */
function cost(node: Group | Condition): number {
  if (node.type === "group") return Math.max(...node.children.map(cost));
  switch (node.field) {
    case "kind":
    case "region":
    case "industry":
    case "source":
    case "owner":
    case "createdAt":
    case "externalId":
    case "optOut":
      return 0;
    case "team":
      return 1;
    case "tier":
    case "abc":
    case "rScore":
    case "fScore":
    case "mScore":
    case "rfmGroup":
    case "predictedClv":
    case "historicalClv":
    case "pAlive":
    case "churnRisk":
    case "lifecycleStage":
      return 2;
    case "campaign":
    case "openTickets":
    case "lastTouchpoint":
      return 3;
    // One row by its key and two binary searches (the purchase timeline): about a score's cost.
    case "spend":
    case "orderCount":
      return 2;
    case "firstPurchase":
    case "lastPurchase":
      return 4;
    case "boughtProduct":
    case "boughtCategory":
      return 6;
  }
}

class Compiler {
  constructor(
    private readonly params: ParamSink,
    private readonly ctx: CompileContext,
    private readonly c: string,
  ) {}

  group(group: Group): string {
    // AND/OR are commutative here (no side effects, two-valued): cheap tests first let the executor
    // skip the expensive subqueries for most rows.
    const children = [...group.children].sort((a, b) => cost(a) - cost(b)).map((child) => (child.type === "group" ? this.group(child) : this.condition(child)));
    const body = children.length === 1 ? children[0] : `(${children.join(group.op === "and" ? " AND " : " OR ")})`;
    return group.not ? `(NOT ${body})` : body;
  }

  private p(value: unknown, cast: string): string {
    return this.params.add(value, cast);
  }

  private ts(instant: Date): string {
    return this.p(utc(instant), "::timestamp");
  }

  /** `expr <op> value` for a never-null expression. */
  private compare(expr: string, o: NumberOp, cast: string): string {
    if (o.op === "between") return `(${expr} BETWEEN ${this.p(o.value[0], cast)} AND ${this.p(o.value[1], cast)})`;
    return `(${expr} ${COMPARATOR[o.op]} ${this.p(o.value, cast)})`;
  }

  /** The positive form of a date operator on a nullable instant expression (null when missing). */
  private datePositive(expr: string, o: Exclude<DateOp, { op: "isEmpty" | "isNotEmpty" | "notWithinLastDays" }>): string {
    const tz = this.ctx.timeZone;
    switch (o.op) {
      case "before":
        return `${expr} < ${this.ts(dayRange(o.value, tz).start)}`;
      case "after":
        return `${expr} >= ${this.ts(dayRange(o.value, tz).end)}`;
      case "between":
        return `(${expr} >= ${this.ts(dayRange(o.value[0], tz).start)} AND ${expr} < ${this.ts(dayRange(o.value[1], tz).end)})`;
      case "withinLastDays":
        return `(${expr} >= ${this.ts(new Date(this.ctx.now.getTime() - o.value * DAY_MS))} AND ${expr} <= ${this.ts(this.ctx.now)})`;
    }
  }

  /** A date condition on a nullable instant expression; `missing` tests that it is absent (cheaper than IS NULL on a subquery). */
  private date(expr: string, o: DateOp, missing: string = `${expr} IS NULL`): string {
    switch (o.op) {
      case "isEmpty":
        return `(${missing})`;
      case "isNotEmpty":
        return `(NOT (${missing}))`;
      case "notWithinLastDays":
        return `(NOT COALESCE(${this.datePositive(expr, { op: "withinLastDays", value: o.value })}, false))`;
      default:
        return `COALESCE(${this.datePositive(expr, o)}, false)`;
    }
  }

  private text(column: string, o: { op: "in" | "notIn"; value: string[] } | { op: "contains"; value: string } | { op: "isEmpty" | "isNotEmpty" }): string {
    switch (o.op) {
      case "in":
        return `COALESCE(${column} = ANY(${this.p(o.value, "::text[]")}), false)`;
      case "notIn":
        return `(NOT COALESCE(${column} = ANY(${this.p(o.value, "::text[]")}), false))`;
      case "contains":
        return `COALESCE(${column} ILIKE ${this.p(containsPattern(o.value), "::text")}, false)`;
      case "isEmpty":
        return `(${column} IS NULL OR btrim(${column}) = '')`;
      case "isNotEmpty":
        return `(${column} IS NOT NULL AND btrim(${column}) <> '')`;
    }
  }

  private period(period: string): string {
    if (period !== "current") return this.p(period, "::timestamp");
    return this.ctx.currentPeriod === undefined ? CURRENT_PERIOD_SQL : this.p(this.ctx.currentPeriod, "::timestamp");
  }

  /** The customer's score row in `period` matches `predicate` (false without a row). */
  private scoreExists(period: string, predicate: string): string {
    return `EXISTS (SELECT 1 FROM "CustomerScore" s WHERE s."customerId" = ${this.c}."id" AND s."periodEnd" = ${this.period(period)} AND ${predicate})`;
  }

  /** Completed orders of the customer, optionally in the last `days` (window ends now). */
  private orderWindow(days: number | undefined, alias = "o"): string {
    const base = `${alias}."customerId" = ${this.c}."id" AND ${alias}."status" = ${COMPLETED}`;
    const upTo = `${alias}."orderedAt" <= ${this.ts(this.ctx.now)}`;
    if (days === undefined) return `${base} AND ${upTo}`;
    return `${base} AND ${alias}."orderedAt" >= ${this.ts(new Date(this.ctx.now.getTime() - days * DAY_MS))} AND ${upTo}`;
  }

  /**
   * The customer's spend or number of completed orders up to now, in the last `days` or ever, from the
   * purchase timeline (migration customer_purchase_timeline): width_bucket counts the instants up to a
   * bound by binary search, and the running totals turn two counts into a sum. The window is
   * [now - days, now], as orderWindow's: the orders before it are those at or before one microsecond
   * earlier (timestamps have microseconds at most). No timeline row: no completed orders, 0.
   */
  private purchases(measure: "spend" | "orders", days: number | undefined): string {
    const upTo = `width_bucket(${this.ts(this.ctx.now)}, p."at")`;
    const before = days === undefined ? null : `width_bucket(${this.ts(new Date(this.ctx.now.getTime() - days * DAY_MS))} - interval '1 microsecond', p."at")`;
    const value =
      measure === "spend"
        ? `COALESCE(p."cumulative"[${upTo}], 0)${before ? ` - COALESCE(p."cumulative"[${before}], 0)` : ""}`
        : `${upTo}${before ? ` - ${before}` : ""}`;
    return `COALESCE((SELECT ${value} FROM "CustomerPurchaseTimeline" p WHERE p."customerId" = ${this.c}."id"), 0)`;
  }

  /**
   * A date condition on the first (min) or last (max) of the customer's rows, as EXISTS probes on the
   * (customerId, instant) index instead of an aggregate compared twice: "last purchase before D" is
   * "bought, and nothing from D on"; "first purchase after D" is "bought, and nothing before D's end".
   * `rows(extra)` is EXISTS over the customer's rows with `extra` added to its WHERE.
   */
  private extreme(kind: "min" | "max", column: string, rows: (extra: string) => string, o: DateOp): string {
    const tz = this.ctx.timeZone;
    const some = (test: string) => rows(` AND ${column} ${test}`);
    // The extreme lies in [from, to): inclusive `from`, exclusive or inclusive `to`.
    const inRange = (from: string | null, to: string | null, toInclusive: boolean): string => {
      const parts: string[] = [];
      if (kind === "max") {
        // max ≥ from ⇔ some row ≥ from; max < to ⇔ rows exist and none ≥ to.
        parts.push(from ? some(`>= ${from}`) : rows(""));
        if (to) parts.push(`NOT ${some(`${toInclusive ? ">" : ">="} ${to}`)}`);
      } else {
        // min < to ⇔ some row < to; min ≥ from ⇔ rows exist and none < from.
        parts.push(to ? some(`${toInclusive ? "<=" : "<"} ${to}`) : rows(""));
        if (from) parts.push(`NOT ${some(`< ${from}`)}`);
      }
      return `(${parts.join(" AND ")})`;
    };
    switch (o.op) {
      case "isEmpty":
        return `(NOT ${rows("")})`;
      case "isNotEmpty":
        return rows("");
      case "before":
        return inRange(null, this.ts(dayRange(o.value, tz).start), false);
      case "after":
        return inRange(this.ts(dayRange(o.value, tz).end), null, false);
      case "between":
        return inRange(this.ts(dayRange(o.value[0], tz).start), this.ts(dayRange(o.value[1], tz).end), false);
      case "withinLastDays":
        return inRange(this.ts(new Date(this.ctx.now.getTime() - o.value * DAY_MS)), this.ts(this.ctx.now), true);
      case "notWithinLastDays":
        return `(NOT ${inRange(this.ts(new Date(this.ctx.now.getTime() - o.value * DAY_MS)), this.ts(this.ctx.now), true)})`;
    }
  }

  condition(cond: Condition): string {
    const c = this.c;
    switch (cond.field) {
      case "kind": {
        const test = `${c}."kind" = ANY(${this.p(enumArrayLiteral(cond.value), `::"CustomerKind"[]`)})`;
        return cond.op === "in" ? `(${test})` : `(NOT ${test})`;
      }
      case "region":
      case "industry":
      case "source":
        return this.text(`${c}."${cond.field}"`, cond);
      case "owner":
        switch (cond.op) {
          case "in":
            return `COALESCE(${c}."ownerId" = ANY(${this.p(cond.value, "::int[]")}), false)`;
          case "notIn":
            return `(NOT COALESCE(${c}."ownerId" = ANY(${this.p(cond.value, "::int[]")}), false))`;
          case "isEmpty":
            return `(${c}."ownerId" IS NULL)`;
          case "isNotEmpty":
            return `(${c}."ownerId" IS NOT NULL)`;
        }
        break;
      case "team": {
        // A customer's team is its owner's team; no owner, or an owner without a team, is "no team".
        const teamOf = (predicate: string) => `EXISTS (SELECT 1 FROM "User" u WHERE u."id" = ${c}."ownerId" AND ${predicate})`;
        switch (cond.op) {
          case "in":
            return teamOf(`u."teamId" = ANY(${this.p(cond.value, "::int[]")})`);
          case "notIn":
            return `(NOT ${teamOf(`u."teamId" = ANY(${this.p(cond.value, "::int[]")})`)})`;
          case "isEmpty":
            return `(NOT ${teamOf(`u."teamId" IS NOT NULL`)})`;
          case "isNotEmpty":
            return teamOf(`u."teamId" IS NOT NULL`);
        }
        break;
      }
      case "createdAt":
        return this.date(`${c}."createdAt"`, cond);
      case "externalId":
        return cond.op === "isEmpty" ? `(${c}."externalId" IS NULL OR btrim(${c}."externalId") = '')` : `(${c}."externalId" IS NOT NULL AND btrim(${c}."externalId") <> '')`;
      case "optOut":
        return `(${c}."${OPT_OUT_COLUMN[cond.channel]}" = ${this.p(cond.value, "::boolean")})`;
      case "tier":
      case "abc":
      case "lifecycleStage":
      case "rfmGroup": {
        const { column, cast, enumArray } = SCORE_COLUMN[cond.field];
        const test = this.scoreExists(cond.period, `s."${column}" = ANY(${this.p(enumArray ? enumArrayLiteral(cond.value) : cond.value, cast)})`);
        return cond.op === "in" ? test : `(NOT ${test})`;
      }
      case "rScore":
      case "fScore":
      case "mScore":
      case "predictedClv":
      case "historicalClv":
      case "pAlive":
      case "churnRisk": {
        const { column, cast } = SCORE_COLUMN[cond.field];
        const o = cond as NumberOp;
        // `neq` is the negation of `eq`: true for a customer without a score (rule.ts).
        if (o.op === "neq") return `(NOT ${this.scoreExists(cond.period, this.compare(`s."${column}"`, { op: "eq", value: o.value }, cast))})`;
        return this.scoreExists(cond.period, this.compare(`s."${column}"`, o, cast));
      }
      case "spend":
        return this.compare(this.purchases("spend", cond.days), cond, "::numeric");
      case "orderCount":
        return this.compare(this.purchases("orders", cond.days), cond, "::bigint");
      case "boughtProduct":
      case "boughtCategory": {
        const match =
          cond.field === "boughtProduct"
            ? `l."productId" = ANY(${this.p(cond.value, "::int[]")})`
            : `EXISTS (SELECT 1 FROM "Product" p WHERE p."id" = l."productId" AND p."categoryId" = ANY(${this.p(cond.value, "::int[]")}))`;
        const test = `EXISTS (SELECT 1 FROM "Order" o JOIN "OrderLine" l ON l."orderId" = o."id" WHERE ${this.orderWindow(cond.days)} AND ${match})`;
        return cond.op === "any" ? test : `(NOT ${test})`;
      }
      case "firstPurchase":
      case "lastPurchase": {
        const rows = (extra: string) => `EXISTS (SELECT 1 FROM "Order" o WHERE o."customerId" = ${c}."id" AND o."status" = ${COMPLETED}${extra})`;
        return this.extreme(cond.field === "firstPurchase" ? "min" : "max", `o."orderedAt"`, rows, cond);
      }
      case "lastTouchpoint": {
        const channel = cond.channel ? ` AND t."channel" = ${this.p(cond.channel, `::"Channel"`)}` : "";
        const rows = (extra: string) => `EXISTS (SELECT 1 FROM "Touchpoint" t WHERE t."customerId" = ${c}."id"${channel}${extra})`;
        return this.extreme("max", `t."occurredAt"`, rows, cond);
      }
      case "campaign": {
        const responded = cond.op === "respondedTo" || cond.op === "notRespondedTo";
        const test = `EXISTS (SELECT 1 FROM "CampaignMember" m WHERE m."customerId" = ${c}."id" AND m."campaignId" = ANY(${this.p(cond.value, "::int[]")})${responded ? ` AND ${RESPONDED}` : ""})`;
        return cond.op === "memberOf" || cond.op === "respondedTo" ? test : `(NOT ${test})`;
      }
      case "openTickets":
        return this.compare(`(SELECT count(*) FROM "Ticket" t WHERE t."customerId" = ${c}."id" AND ${OPEN_TICKET})`, cond, "::bigint");
    }
    throw new Error(`segment rule: no compiler for ${JSON.stringify(cond)}`);
  }
}

/**
 * The rule as one boolean SQL expression over customer alias `alias` (never NULL). The caller adds
 * `"deletedAt" IS NULL` and any access filter; `params` receives the values.
 */
export function compileRule(rule: Rule, params: ParamSink, ctx: CompileContext, alias = "c"): string {
  return new Compiler(params, ctx, alias).group(rule);
}

/**
 * The segment rule language: what an admin or manager builds in the segment editor, what is stored in
 * `Segment.rule`, exported and imported as JSON, and what lib/segments/rules/compile.ts turns into one
 * SQL predicate over a customer (never a per-customer loop).
 *
 * A rule is a group: AND/OR over conditions and nested groups (optionally negated). Every condition is
 * two-valued — a customer either matches or not, never "unknown" — so NOT and OR behave as users
 * expect. Missing data (no score in the period, no industry, never bought) therefore has a documented
 * meaning per operator:
 * - set operators: `in` is false for a missing value; `notIn` is TRUE for a missing value ("is not one
 *   of" — a customer without an industry is not in Retail);
 * - text `contains` is false for a missing value; `isEmpty` true for a missing or blank value;
 * - number and date comparisons (`eq`, `lt`, `before`, `withinLastDays` …) are false for a missing
 *   value, and `neq` / `notWithinLastDays` are TRUE for it (the negation of the positive operator);
 * - purchase and contact aggregates over a window count zero when there is nothing in the window
 *   (spend 0, 0 orders), so `spend < 100` matches a customer who bought nothing.
 *
 * Dates are calendar days `YYYY-MM-DD` in the company time zone, "before" = strictly earlier day,
 * "after" = strictly later day, "between" inclusive of both days. "Last N days" windows end at the
 * evaluation instant (the app clock) and reach back N × 24 h.
 *
 * Messages are i18n keys (segments.validation.*); the path of a failing condition ("2.1" = the first
 * child of the second child) is reported by `describeRuleError` so the editor names the condition.
 */
import { z } from "zod";
import { AbcSegment, CustomerKind, LifecycleStage, Tier } from "@/lib/platform/enums";
import { RFM_GROUPS } from "@/lib/scoring/rules/rfm";

/** Depth and size limits: a rule stays small enough to compile into one reasonable query. */
export const RULE_LIMITS = { maxDepth: 5, maxConditions: 60, maxListValues: 500, maxDays: 3650, maxText: 200 } as const;

/** The RFM groups the score job assigns (one list: lib/scoring/rules/rfm.ts). */
export const RFM_GROUP_VALUES = RFM_GROUPS;

const isoDay = z.string({ message: "segments.validation.date" }).regex(/^\d{4}-\d{2}-\d{2}$/, "segments.validation.date").refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "segments.validation.date");
const days = z.number({ message: "segments.validation.days" }).int("segments.validation.days").min(1, "segments.validation.days").max(RULE_LIMITS.maxDays, "segments.validation.days");
const text = z.string({ message: "segments.validation.required" }).trim().min(1, "segments.validation.required").max(RULE_LIMITS.maxText, "segments.validation.tooLong");
const textList = z.array(text).min(1, "segments.validation.chooseOne").max(RULE_LIMITS.maxListValues, "segments.validation.tooMany");
const idList = z.array(z.number({ message: "segments.validation.id" }).int("segments.validation.id").positive("segments.validation.id"), { message: "segments.validation.chooseOne" }).min(1, "segments.validation.chooseOne").max(RULE_LIMITS.maxListValues, "segments.validation.tooMany");
const enumList = <T extends Record<string, string>>(values: T) => z.array(z.enum(values, { message: "segments.validation.choice" })).min(1, "segments.validation.chooseOne").max(20, "segments.validation.tooMany");

/** Which scoring period a score condition reads: the newest run's, or the period ending on that day. */
export const periodSchema = z.union([z.literal("current"), isoDay]).default("current");

// --- operator families ------------------------------------------------------------------------------

const enumOps = <T extends Record<string, string>>(values: T) =>
  z.object({ op: z.enum(["in", "notIn"], { message: "segments.validation.operator" }), value: enumList(values) });

const textOps = z.discriminatedUnion("op", [
  z.object({ op: z.literal("in"), value: textList }),
  z.object({ op: z.literal("notIn"), value: textList }),
  z.object({ op: z.literal("contains"), value: text }),
  z.object({ op: z.literal("isEmpty") }),
  z.object({ op: z.literal("isNotEmpty") }),
], { message: "segments.validation.operator" });

const idOps = z.discriminatedUnion("op", [
  z.object({ op: z.literal("in"), value: idList }),
  z.object({ op: z.literal("notIn"), value: idList }),
  z.object({ op: z.literal("isEmpty") }),
  z.object({ op: z.literal("isNotEmpty") }),
], { message: "segments.validation.operator" });

/** Number comparisons; `between` is inclusive and needs min ≤ max. Bounds are the field's own. */
const numberOps = (min: number, max: number, integer = false) => {
  const n = (integer ? z.number({ message: "segments.validation.number" }).int("segments.validation.integer") : z.number({ message: "segments.validation.number" })).min(min, "segments.validation.range").max(max, "segments.validation.range");
  return z.discriminatedUnion("op", [
    z.object({ op: z.enum(["eq", "neq", "lt", "lte", "gt", "gte"]), value: n }),
    z.object({ op: z.literal("between"), value: z.tuple([n, n]).refine(([a, b]) => a <= b, "segments.validation.betweenOrder") }),
  ], { message: "segments.validation.operator" });
};

const dateOps = z.discriminatedUnion("op", [
  z.object({ op: z.literal("before"), value: isoDay }),
  z.object({ op: z.literal("after"), value: isoDay }),
  z.object({ op: z.literal("between"), value: z.tuple([isoDay, isoDay]).refine(([a, b]) => a <= b, "segments.validation.betweenOrder") }),
  z.object({ op: z.literal("withinLastDays"), value: days }),
  z.object({ op: z.literal("notWithinLastDays"), value: days }),
  z.object({ op: z.literal("isEmpty") }),
  z.object({ op: z.literal("isNotEmpty") }),
], { message: "segments.validation.operator" });

const presenceOps = z.object({ op: z.enum(["isEmpty", "isNotEmpty"], { message: "segments.validation.operator" }) });
const booleanOps = z.object({ op: z.literal("is", { message: "segments.validation.operator" }), value: z.boolean({ message: "segments.validation.boolean" }) });

/** Money amounts in the rule are decimal strings with at most two decimals ("1500", "99.90"): exact. */
const money = z.string({ message: "segments.validation.money" }).regex(/^\d{1,12}(\.\d{1,2})?$/, "segments.validation.money");
const moneyOps = z.discriminatedUnion("op", [
  z.object({ op: z.enum(["eq", "neq", "lt", "lte", "gt", "gte"]), value: money }),
  z.object({ op: z.literal("between"), value: z.tuple([money, money]).refine(([a, b]) => Number(a) <= Number(b), "segments.validation.betweenOrder") }),
], { message: "segments.validation.operator" });

// --- fields -----------------------------------------------------------------------------------------

export const TOUCHPOINT_CHANNELS = ["PHONE", "WEB", "EMAIL", "FAX", "DIRECT_MAIL", "OUTLET", "SALES_VISIT", "EVENT", "ADVERTISING", "SERVICE"] as const;
export const OPT_OUT_CHANNELS = ["phone", "email", "mail", "sms"] as const;

const base = { type: z.literal("condition"), id: z.string().max(40).optional() };
const scoreBase = { ...base, period: periodSchema };
/** Optional window for purchase aggregates: absent = all history up to now. */
const windowed = { ...base, days: days.optional() };

const enumSet = <T extends Record<string, string>>(values: T) => enumOps(values);

/**
 * Each condition names its field; the field fixes the operators and the value's type. Parsed in two
 * steps (the field, then that field's schema) so a message names the field's own problem instead of
 * "matches none of 30 shapes".
 */
export const CONDITION_SCHEMAS = {
  // Customer attributes
  kind: z.object({ ...base, field: z.literal("kind") }).and(enumSet(CustomerKind)),
  region: z.object({ ...base, field: z.literal("region") }).and(textOps),
  industry: z.object({ ...base, field: z.literal("industry") }).and(textOps),
  source: z.object({ ...base, field: z.literal("source") }).and(textOps),
  owner: z.object({ ...base, field: z.literal("owner") }).and(idOps),
  team: z.object({ ...base, field: z.literal("team") }).and(idOps),
  createdAt: z.object({ ...base, field: z.literal("createdAt") }).and(dateOps),
  externalId: z.object({ ...base, field: z.literal("externalId") }).and(presenceOps),
  // Scores of the current or a chosen period (CustomerScore)
  tier: z.object({ ...scoreBase, field: z.literal("tier") }).and(enumSet(Tier)),
  abc: z.object({ ...scoreBase, field: z.literal("abc") }).and(enumSet(AbcSegment)),
  rScore: z.object({ ...scoreBase, field: z.literal("rScore") }).and(numberOps(1, 5, true)),
  fScore: z.object({ ...scoreBase, field: z.literal("fScore") }).and(numberOps(1, 5, true)),
  mScore: z.object({ ...scoreBase, field: z.literal("mScore") }).and(numberOps(1, 5, true)),
  rfmGroup: z.object({ ...scoreBase, field: z.literal("rfmGroup") }).and(z.object({ op: z.enum(["in", "notIn"], { message: "segments.validation.operator" }), value: z.array(z.enum(RFM_GROUP_VALUES, { message: "segments.validation.choice" })).min(1, "segments.validation.chooseOne") })),
  predictedClv: z.object({ ...scoreBase, field: z.literal("predictedClv") }).and(moneyOps),
  historicalClv: z.object({ ...scoreBase, field: z.literal("historicalClv") }).and(moneyOps),
  pAlive: z.object({ ...scoreBase, field: z.literal("pAlive") }).and(numberOps(0, 1)),
  churnRisk: z.object({ ...scoreBase, field: z.literal("churnRisk") }).and(numberOps(0, 1)),
  lifecycleStage: z.object({ ...scoreBase, field: z.literal("lifecycleStage") }).and(enumSet(LifecycleStage)),
  // Purchase aggregates (orders with status COMPLETED)
  spend: z.object({ ...windowed, field: z.literal("spend") }).and(moneyOps),
  orderCount: z.object({ ...windowed, field: z.literal("orderCount") }).and(numberOps(0, 1_000_000, true)),
  boughtProduct: z.object({ ...windowed, field: z.literal("boughtProduct"), op: z.enum(["any", "none"], { message: "segments.validation.operator" }), value: idList }),
  boughtCategory: z.object({ ...windowed, field: z.literal("boughtCategory"), op: z.enum(["any", "none"], { message: "segments.validation.operator" }), value: idList }),
  firstPurchase: z.object({ ...base, field: z.literal("firstPurchase") }).and(dateOps),
  lastPurchase: z.object({ ...base, field: z.literal("lastPurchase") }).and(dateOps),
  // Contact recency: the newest touchpoint, of any channel or of one
  lastTouchpoint: z.object({ ...base, field: z.literal("lastTouchpoint"), channel: z.enum(TOUCHPOINT_CHANNELS, { message: "segments.validation.choice" }).optional() }).and(dateOps),
  // Opt-outs per channel
  optOut: z.object({ ...base, field: z.literal("optOut"), channel: z.enum(OPT_OUT_CHANNELS, { message: "segments.validation.choice" }) }).and(booleanOps),
  // Campaign membership; "responded" = member status RESPONDED or CONVERTED
  campaign: z.object({ ...base, field: z.literal("campaign"), op: z.enum(["memberOf", "notMemberOf", "respondedTo", "notRespondedTo"], { message: "segments.validation.operator" }), value: idList }),
  // Service: number of open tickets (not resolved or closed)
  openTickets: z.object({ ...base, field: z.literal("openTickets") }).and(numberOps(0, 100_000, true)),
} as const;

export type FieldKey = keyof typeof CONDITION_SCHEMAS;
export const FIELD_KEYS = Object.keys(CONDITION_SCHEMAS) as FieldKey[];

export type Condition = { [K in FieldKey]: z.infer<(typeof CONDITION_SCHEMAS)[K]> }[FieldKey];

export type Group = { type: "group"; id?: string; op: "and" | "or"; not?: boolean; children: (Group | Condition)[] };
export type Rule = Group;

const groupHeadSchema = z.object({
  type: z.literal("group"),
  id: z.string().max(40).optional(),
  op: z.enum(["and", "or"], { message: "segments.validation.groupOp" }),
  not: z.boolean().optional(),
  children: z.array(z.unknown()).min(1, "segments.validation.emptyGroup"),
});

/** One problem of a rule: where (child positions from the root, 1-based: "2.1"), which field, what. */
export type RuleIssue = { path: string; field?: FieldKey; message: string };
export type ParsedRule = { ok: true; rule: Rule; conditions: number; depth: number } | { ok: false; issues: RuleIssue[] };

/**
 * Validates a rule node by node (so every message names its condition by position and field),
 * enforcing the depth and size limits. Unknown properties are dropped; the result is the clean rule
 * to store. Accepts anything (JSON from an import, a form post).
 */
export function parseRule(input: unknown): ParsedRule {
  const issues: RuleIssue[] = [];
  let conditions = 0;
  let maxDepth = 0;
  const walk = (node: unknown, path: string, depth: number): Group | Condition | null => {
    maxDepth = Math.max(maxDepth, depth);
    const kind = node && typeof node === "object" ? (node as { type?: unknown }).type : undefined;
    if (kind === "group") {
      if (depth > RULE_LIMITS.maxDepth) {
        issues.push({ path, message: "segments.validation.tooDeep" });
        return null;
      }
      const head = groupHeadSchema.safeParse(node);
      if (!head.success) {
        issues.push({ path, message: head.error.issues[0]?.message ?? "segments.validation.node" });
        return null;
      }
      const children = head.data.children.map((child, i) => walk(child, path ? `${path}.${i + 1}` : String(i + 1), depth + 1));
      if (children.some((c) => c === null)) return null;
      const group: Group = { type: "group", op: head.data.op, children: children as (Group | Condition)[] };
      if (head.data.not) group.not = true;
      if (head.data.id) group.id = head.data.id;
      return group;
    }
    if (kind === "condition") {
      conditions += 1;
      const fieldName = (node as { field?: unknown }).field;
      if (typeof fieldName !== "string" || !(fieldName in CONDITION_SCHEMAS)) {
        issues.push({ path, message: "segments.validation.field" });
        return null;
      }
      const key = fieldName as FieldKey;
      const parsed = CONDITION_SCHEMAS[key].safeParse(node);
      if (!parsed.success) {
        issues.push({ path, field: key, message: parsed.error.issues[0]?.message ?? "segments.validation.node" });
        return null;
      }
      return parsed.data as Condition;
    }
    issues.push({ path, message: "segments.validation.node" });
    return null;
  };
  const root = walk(input, "", 1);
  if (conditions > RULE_LIMITS.maxConditions) issues.push({ path: "", message: "segments.validation.tooManyConditions" });
  if (root && root.type !== "group") issues.push({ path: "", message: "segments.validation.rootGroup" });
  if (issues.length > 0 || !root || root.type !== "group") return { ok: false, issues: issues.length ? issues : [{ path: "", message: "segments.validation.node" }] };
  return { ok: true, rule: root, conditions, depth: maxDepth };
}

/** The zod face of parseRule, for action schemas: a rule field that reports the first issue. */
export const ruleSchema = z.unknown().transform((value, ctx) => {
  const parsed = parseRule(value);
  if (parsed.ok) return parsed.rule;
  for (const issue of parsed.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path ? issue.path.split(".") : [], params: { field: issue.field } });
  return z.NEVER;
});

export type FieldGroup = "customer" | "scores" | "purchases" | "contact" | "optOuts" | "campaigns" | "service";

/**
 * What the editor needs to offer a field: its group, value kind and operators in display order.
 * `period` marks score fields (a period picker), `window` purchase aggregates (an optional "last N
 * days"), `channel` the touchpoint/opt-out channel picker.
 */
export type FieldSpec = {
  group: FieldGroup;
  value: "enum" | "text" | "user" | "team" | "date" | "integer" | "number" | "probability" | "money" | "boolean" | "product" | "category" | "campaign" | "none";
  ops: readonly string[];
  options?: readonly string[];
  period?: true;
  window?: true;
  channel?: readonly string[];
  min?: number;
  max?: number;
};

const TEXT_OPS = ["in", "notIn", "contains", "isEmpty", "isNotEmpty"] as const;
const ID_OPS = ["in", "notIn", "isEmpty", "isNotEmpty"] as const;
const NUM_OPS = ["eq", "neq", "lt", "lte", "gt", "gte", "between"] as const;
const DATE_OPS = ["before", "after", "between", "withinLastDays", "notWithinLastDays", "isEmpty", "isNotEmpty"] as const;
const SET_OPS = ["in", "notIn"] as const;

export const FIELDS: Record<FieldKey, FieldSpec> = {
  kind: { group: "customer", value: "enum", ops: SET_OPS, options: Object.values(CustomerKind) },
  region: { group: "customer", value: "text", ops: TEXT_OPS },
  industry: { group: "customer", value: "text", ops: TEXT_OPS },
  source: { group: "customer", value: "text", ops: TEXT_OPS },
  owner: { group: "customer", value: "user", ops: ID_OPS },
  team: { group: "customer", value: "team", ops: ID_OPS },
  createdAt: { group: "customer", value: "date", ops: DATE_OPS },
  externalId: { group: "customer", value: "none", ops: ["isEmpty", "isNotEmpty"] },
  tier: { group: "scores", value: "enum", ops: SET_OPS, options: Object.values(Tier), period: true },
  abc: { group: "scores", value: "enum", ops: SET_OPS, options: Object.values(AbcSegment), period: true },
  rScore: { group: "scores", value: "integer", ops: NUM_OPS, min: 1, max: 5, period: true },
  fScore: { group: "scores", value: "integer", ops: NUM_OPS, min: 1, max: 5, period: true },
  mScore: { group: "scores", value: "integer", ops: NUM_OPS, min: 1, max: 5, period: true },
  rfmGroup: { group: "scores", value: "enum", ops: SET_OPS, options: RFM_GROUP_VALUES, period: true },
  predictedClv: { group: "scores", value: "money", ops: NUM_OPS, period: true },
  historicalClv: { group: "scores", value: "money", ops: NUM_OPS, period: true },
  pAlive: { group: "scores", value: "probability", ops: NUM_OPS, min: 0, max: 1, period: true },
  churnRisk: { group: "scores", value: "probability", ops: NUM_OPS, min: 0, max: 1, period: true },
  lifecycleStage: { group: "scores", value: "enum", ops: SET_OPS, options: Object.values(LifecycleStage), period: true },
  spend: { group: "purchases", value: "money", ops: NUM_OPS, window: true },
  orderCount: { group: "purchases", value: "integer", ops: NUM_OPS, min: 0, window: true },
  boughtProduct: { group: "purchases", value: "product", ops: ["any", "none"], window: true },
  boughtCategory: { group: "purchases", value: "category", ops: ["any", "none"], window: true },
  firstPurchase: { group: "purchases", value: "date", ops: DATE_OPS },
  lastPurchase: { group: "purchases", value: "date", ops: DATE_OPS },
  lastTouchpoint: { group: "contact", value: "date", ops: DATE_OPS, channel: TOUCHPOINT_CHANNELS },
  optOut: { group: "optOuts", value: "boolean", ops: ["is"], channel: OPT_OUT_CHANNELS },
  campaign: { group: "campaigns", value: "campaign", ops: ["memberOf", "notMemberOf", "respondedTo", "notRespondedTo"] },
  openTickets: { group: "service", value: "integer", ops: NUM_OPS, min: 0 },
};


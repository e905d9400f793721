import { describe, expect, test } from "vitest";
import { BUILT_IN_SEGMENTS } from "@/lib/segments/rules/built-ins";
import { compileRule } from "@/lib/segments/rules/compile";
import { parseRule, RULE_LIMITS, type Rule } from "@/lib/segments/rules/rule";

const cond = (extra: Record<string, unknown>) => ({ type: "condition", ...extra });
const group = (children: unknown[], op = "and") => ({ type: "group", op, children });
const nest = (depth: number): unknown => (depth === 1 ? group([cond({ field: "kind", op: "in", value: ["ENTERPRISE"] })]) : group([nest(depth - 1)]));

/** Parameters as the SQL builder collects them. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ""): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

describe("rule validation names the failing condition", () => {
  test.each([
    ["an unknown field", group([cond({ field: "kind", op: "in", value: ["ENTERPRISE"] }), cond({ field: "shoeSize", op: "eq", value: 42 })]), "2", undefined, "segments.validation.field"],
    ["an operator the field does not have", group([cond({ field: "tier", op: "contains", value: "VIP" })]), "1", "tier", "segments.validation.operator"],
    ["a tier that does not exist, two levels down", group([cond({ field: "kind", op: "in", value: ["ENTERPRISE"] }), group([cond({ field: "tier", op: "in", value: ["PLATINUM"] })], "or")]), "2.1", "tier", "segments.validation.choice"],
    ["an R score outside 1–5", group([cond({ field: "rScore", op: "gte", value: 7 })]), "1", "rScore", "segments.validation.range"],
    ["a fractional order count", group([cond({ field: "orderCount", op: "gte", value: 1.5 })]), "1", "orderCount", "segments.validation.integer"],
    ["money with three decimals", group([cond({ field: "spend", op: "gte", value: "10.005" })]), "1", "spend", "segments.validation.money"],
    ["money as a number", group([cond({ field: "predictedClv", op: "gte", value: 100 })]), "1", "predictedClv", "segments.validation.money"],
    ["between bounds in the wrong order", group([cond({ field: "churnRisk", op: "between", value: [0.9, 0.1] })]), "1", "churnRisk", "segments.validation.betweenOrder"],
    ["a date that is not a day", group([cond({ field: "createdAt", op: "before", value: "2026-02-30x" })]), "1", "createdAt", "segments.validation.date"],
    ["zero days", group([cond({ field: "lastTouchpoint", op: "withinLastDays", value: 0 })]), "1", "lastTouchpoint", "segments.validation.days"],
    ["an unknown touchpoint channel", group([cond({ field: "lastTouchpoint", channel: "PIGEON", op: "isEmpty" })]), "1", "lastTouchpoint", "segments.validation.choice"],
    ["an empty value list", group([cond({ field: "region", op: "in", value: [] })]), "1", "region", "segments.validation.chooseOne"],
    ["a negative product id", group([cond({ field: "boughtProduct", op: "any", value: [-1] })]), "1", "boughtProduct", "segments.validation.id"],
    ["an opt-out without a boolean", group([cond({ field: "optOut", channel: "email", op: "is", value: "yes" })]), "1", "optOut", "segments.validation.boolean"],
  ])("%s", (_name, rule, path, field, message) => {
    const parsed = parseRule(rule);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues[0]).toEqual({ path, ...(field ? { field } : {}), message });
  });

  test.each([
    ["not an object", "tier = VIP", "segments.validation.node"],
    ["an empty group", group([]), "segments.validation.emptyGroup"],
    ["a group with an unknown operator", group([cond({ field: "kind", op: "in", value: ["ENTERPRISE"] })], "xor"), "segments.validation.groupOp"],
    ["a condition at the root", cond({ field: "kind", op: "in", value: ["ENTERPRISE"] }), "segments.validation.rootGroup"],
  ])("malformed: %s", (_name, rule, message) => {
    const parsed = parseRule(rule);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.message)).toContain(message);
  });

  test("oversized rules are refused: too deep, too many conditions, too many values", () => {
    expect(parseRule(nest(RULE_LIMITS.maxDepth)).ok).toBe(true);
    const deep = parseRule(nest(RULE_LIMITS.maxDepth + 1));
    expect(deep.ok ? [] : deep.issues.map((i) => i.message)).toContain("segments.validation.tooDeep");
    const many = parseRule(group(Array.from({ length: RULE_LIMITS.maxConditions + 1 }, () => cond({ field: "kind", op: "in", value: ["ENTERPRISE"] }))));
    expect(many.ok ? [] : many.issues.map((i) => i.message)).toContain("segments.validation.tooManyConditions");
    const values = parseRule(group([cond({ field: "owner", op: "in", value: Array.from({ length: RULE_LIMITS.maxListValues + 1 }, (_, i) => i + 1) })]));
    expect(values.ok ? null : values.issues[0]).toEqual({ path: "1", field: "owner", message: "segments.validation.tooMany" });
  });

  test("a valid rule is cleaned: unknown properties dropped, the score period defaulted to current", () => {
    const parsed = parseRule({ ...group([cond({ field: "tier", op: "in", value: ["VIP"], extra: "<script>" })]), junk: 1 });
    expect(parsed).toMatchObject({ ok: true, conditions: 1, depth: 2 });
    if (parsed.ok) expect(parsed.rule).toEqual({ type: "group", op: "and", children: [{ type: "condition", field: "tier", period: "current", op: "in", value: ["VIP"] }] });
  });

  test("every built-in segment's rule is valid", () => {
    for (const b of BUILT_IN_SEGMENTS) expect(parseRule(b.rule).ok, b.key).toBe(true);
    expect(new Set(BUILT_IN_SEGMENTS.map((b) => b.key)).size).toBe(BUILT_IN_SEGMENTS.length);
    expect(new Set(BUILT_IN_SEGMENTS.map((b) => b.name)).size).toBe(BUILT_IN_SEGMENTS.length);
  });
});

describe("compilation", () => {
  const ctx = { now: new Date("2026-06-10T02:00:00Z"), timeZone: "Asia/Shanghai" };
  const compile = (rule: unknown) => {
    const parsed = parseRule(rule);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const params = new Params();
    return { sql: compileRule(parsed.rule as Rule, params, ctx), values: params.values };
  };

  test("values never enter the text: a hostile region or search term is a parameter", () => {
    const { sql, values } = compile(group([cond({ field: "region", op: "in", value: [`x'); DROP TABLE "Customer"; --`] }), cond({ field: "source", op: "contains", value: "50%_off" })]));
    expect(sql).not.toContain("DROP");
    expect(values).toContain("%50\\%\\_off%");
  });

  test("calendar days are the company's: 'before 2026-06-01' is before midnight in Shanghai (16:00 UTC the day before)", () => {
    const { values } = compile(group([cond({ field: "createdAt", op: "before", value: "2026-06-01" })]));
    expect(values).toEqual(["2026-05-31T16:00:00.000"]);
  });

  test("'last N days' reaches back N × 24 h from now and ends now", () => {
    const { values } = compile(group([cond({ field: "lastPurchase", op: "withinLastDays", value: 30 })]));
    expect(values).toEqual(["2026-05-11T02:00:00.000", "2026-06-10T02:00:00.000"]);
  });

  test("negation and OR keep their meaning: every condition is two-valued", () => {
    const { sql } = compile({ type: "group", op: "or", not: true, children: [cond({ field: "industry", op: "in", value: ["Retail"] }), cond({ field: "pAlive", op: "gte", value: 0.5 })] });
    expect(sql.startsWith("(NOT (")).toBe(true);
    expect(sql).toContain("COALESCE(c.\"industry\" = ANY(");
    expect(sql).toContain("EXISTS (SELECT 1 FROM \"CustomerScore\" s");
  });

  test("cheap customer-column tests come before lookups of purchases", () => {
    const { sql } = compile(group([cond({ field: "spend", days: 30, op: "gte", value: "100" }), cond({ field: "kind", op: "in", value: ["ENTERPRISE"] })]));
    expect(sql.indexOf('"kind"')).toBeLessThan(sql.indexOf('"CustomerPurchaseTimeline"'));
  });
});

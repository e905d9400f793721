import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import type { EditorOptions } from "@/components/segments/editor-options";
import { RuleEditor } from "@/components/segments/rule-editor";
import { appendTo, canNest, type DraftGroup, type DraftNode, newCondition, newGroup, nodeAt, pathLabel, replaceAt, toDraft, withField, withOperator } from "@/components/segments/rule-draft";
import { messagesFor } from "@/lib/i18n/messages";
import { FIELD_KEYS, FIELDS, parseRule, type Rule, RULE_LIMITS } from "@/lib/segments/rules/rule";

const OPTIONS: EditorOptions = {
  owners: [{ id: 1, name: "Rita Rep" }],
  teams: [{ id: 2, name: "East" }],
  products: [{ id: 3, name: "Widget", sku: "W-1" }],
  categories: [{ id: 4, name: "Hardware" }],
  campaigns: [{ id: 5, name: "Spring mailing" }],
  periods: ["2026-03-31", "2025-12-31"],
  regions: ["East China"],
  industries: ["Retail"],
  sources: ["Web"],
};

/** Every field with every one of its operators, each condition as a fresh editor makes it. */
function everyFieldAndOperator(): DraftNode[] {
  return FIELD_KEYS.flatMap((field) => FIELDS[field].ops.map((op) => withOperator(withField(newCondition(), field), op)));
}

function render(rule: DraftGroup, locale: "en" | "zh-CN", readOnly = false): { html: string; missing: string[] } {
  const missing: string[] = [];
  const parsed = parseRule(rule);
  const editor = createElement(RuleEditor, { value: rule, onChange: () => undefined, options: OPTIONS, issues: parsed.ok ? [] : parsed.issues, readOnly });
  const provider = { locale, messages: messagesFor(locale), timeZone: "UTC", onError: (e: Error) => missing.push(e.message), getMessageFallback: ({ key }: { key: string }) => `?${key}?`, children: editor };
  return { html: renderToStaticMarkup(createElement(NextIntlClientProvider, provider)), missing };
}

describe("the rule editor", () => {
  test.each(["en", "zh-CN"] as const)("renders every field and operator with every label translated (%s)", (locale) => {
    const root: DraftGroup = { ...newGroup("and"), children: [{ ...newGroup("or"), not: true, children: [{ ...newGroup("and"), children: everyFieldAndOperator() }] }] };
    const { html, missing } = render(root, locale);
    expect(missing).toEqual([]);
    expect(html).not.toContain("?segments.");
    // Every control names its condition's position.
    expect(html).toContain(locale === "en" ? 'aria-label="Condition 1.1.1 field"' : 'aria-label="条件 1.1.1 字段"');
    expect(html).toContain(locale === "en" ? 'aria-label="Group 1.1: negate (NOT)"' : 'aria-label="条件组 1.1：取反（非）"');
    // Half-built conditions say what to fill in, at the condition.
    expect(html).toContain(locale === "en" ? "Condition 1.1.1 (Customer kind): choose at least one value." : "条件 1.1.1（客户类型）：请至少选择一个值。");
  });

  test("a built-in's rule is shown with every control disabled and no add or remove buttons", () => {
    const rule: Rule = { type: "group", op: "and", children: [{ type: "condition", field: "tier", period: "current", op: "in", value: ["VIP"] }] };
    const { html, missing } = render(toDraft(rule), "en", true);
    expect(missing).toEqual([]);
    expect(html).toMatch(/<fieldset disabled=""/);
    expect(html).not.toContain("+ Condition");
    expect(html).not.toContain("Remove condition");
    expect(html).toMatch(/<input[^>]*checked=""[^>]*>VIP/);
  });
});

describe("editing the draft", () => {
  test("adding, replacing and removing nodes by position; the result is a valid three-level rule", () => {
    let draft = toDraft(null);
    draft = replaceAt(draft, [0], { ...withField(nodeAt(draft, [0]) as ReturnType<typeof newCondition>, "tier"), value: ["VIP"] });
    draft = appendTo(draft, [], newGroup("or"));
    draft = replaceAt(draft, [1, 0], { ...withField(newCondition(), "kind"), value: ["ENTERPRISE"] });
    draft = appendTo(draft, [1], newGroup("and"));
    draft = replaceAt(draft, [1, 1, 0], { ...withOperator(withField(newCondition(), "orderCount"), "lt"), value: 1 });
    draft = replaceAt(draft, [1, 1], { ...(nodeAt(draft, [1, 1]) as DraftGroup), not: true });
    const parsed = parseRule(draft);
    expect(parsed.ok).toBe(true);
    // Three levels of groups; parseRule counts the conditions below them as a level too.
    expect(parsed.ok && parsed.depth).toBe(4);
    draft = replaceAt(draft, [1, 0], null);
    expect((nodeAt(draft, [1]) as DraftGroup).children).toHaveLength(1);
    expect(pathLabel([1, 1, 0])).toBe("2.2.1");
  });

  test("a new field starts with its first operator and an empty value; an operator of another shape resets the value", () => {
    const spend = withField(newCondition(), "spend");
    expect(spend).toMatchObject({ field: "spend", op: "eq", value: "" });
    expect(withOperator({ ...spend, value: "100" }, "gt").value).toBe("100");
    expect(withOperator({ ...spend, value: "100" }, "between").value).toEqual(["", ""]);
    expect(withField(newCondition(), "optOut")).toMatchObject({ op: "is", value: true, channel: "email" });
    expect(withField(newCondition(), "churnRisk")).toMatchObject({ period: "current" });
  });

  test("groups nest down to the rule's depth limit and no further", () => {
    expect(canNest([])).toBe(true);
    expect(canNest(Array.from({ length: RULE_LIMITS.maxDepth - 2 }, () => 0))).toBe(true);
    expect(canNest(Array.from({ length: RULE_LIMITS.maxDepth - 1 }, () => 0))).toBe(false);
  });

  test("a stored rule becomes a draft with ids from positions, the same on every render", () => {
    const rule: Rule = { type: "group", op: "or", children: [{ type: "condition", field: "region", op: "in", value: ["East China"] }, { type: "group", op: "and", children: [{ type: "condition", field: "externalId", op: "isEmpty" }] }] };
    expect(toDraft(rule)).toEqual(toDraft(rule));
    expect((nodeAt(toDraft(rule), [1, 0]) as { id: string }).id).toBe("p2.1");
    // The draft is a valid rule as it stands: only the ids were added.
    const parsed = parseRule(toDraft(rule));
    expect(parsed.ok).toBe(true);
    const withoutIds = (node: unknown): unknown => (Array.isArray(node) ? node.map(withoutIds) : node && typeof node === "object" ? Object.fromEntries(Object.entries(node).filter(([k]) => k !== "id").map(([k, v]) => [k, withoutIds(v)])) : node);
    expect(parsed.ok && withoutIds(parsed.rule)).toEqual(withoutIds(rule));
  });
});

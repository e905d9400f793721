import { describe, expect, test } from "vitest";
import { LOCALES } from "@/lib/i18n/config";
import { TICKET_CATEGORIES } from "@/lib/tickets/rules/categories";
import { DEFAULT_REPLY_TEMPLATES, fillTemplate, inViewerOrder, REPLY_TEMPLATE_BODY_MAX, REPLY_TEMPLATE_NAME_MAX, REPLY_TEMPLATE_PLACEHOLDERS } from "@/lib/tickets/rules/reply-templates";

const VALUES = { customer: "Acme Trading", contact: "Li Wei", agent: "Chen Jing", ticket: "1042", subject: "Invoice twice" };

describe("fillTemplate", () => {
  test.each([
    { body: "Dear {contact}, ticket #{ticket}", expected: "Dear Li Wei, ticket #1042" },
    { body: "{customer} / {agent} / {subject}", expected: "Acme Trading / Chen Jing / Invoice twice" },
    { body: "{contact}{contact}", expected: "Li WeiLi Wei" },
    { body: "No placeholders at all.", expected: "No placeholders at all." },
    { body: "{unknown} and {Customer} and { customer } stay", expected: "{unknown} and {Customer} and { customer } stay" },
    { body: "{{ticket}}", expected: "{1042}" },
    { body: "", expected: "" },
  ])("$body → $expected", ({ body, expected }) => {
    expect(fillTemplate(body, VALUES)).toBe(expected);
  });

  test("a placeholder without a value stays, so the agent sees what to fill in", () => {
    expect(fillTemplate("Dear {contact}, from {agent}", { agent: "Chen Jing" })).toBe("Dear {contact}, from Chen Jing");
    expect(fillTemplate("Dear {contact}", { contact: null })).toBe("Dear {contact}");
    expect(fillTemplate("Dear {contact}", { contact: "" })).toBe("Dear {contact}");
  });

  test("values are plain text: never read for placeholders or replacement patterns themselves", () => {
    expect(fillTemplate("Re: {subject} ({agent})", { subject: "Who is {agent}?", agent: "Chen" })).toBe("Re: Who is {agent}? (Chen)");
    expect(fillTemplate("Hi {customer}", { customer: "$& $1 $$ <b>" })).toBe("Hi $& $1 $$ <b>");
  });

  test("Chinese text around placeholders", () => {
    expect(fillTemplate("{contact}，您好：工单 #{ticket}", VALUES)).toBe("Li Wei，您好：工单 #1042");
  });
});

describe("inViewerOrder", () => {
  const list = [
    { id: 1, locale: "en" },
    { id: 2, locale: "zh-CN" },
    { id: 3, locale: "en" },
    { id: 4, locale: "zh-CN" },
  ];
  test("the viewer's language first, each group in the order given", () => {
    expect(inViewerOrder(list, "zh-CN").map((x) => x.id)).toEqual([2, 4, 1, 3]);
    expect(inViewerOrder(list, "en").map((x) => x.id)).toEqual([1, 3, 2, 4]);
  });
  test("a language nobody wrote in keeps the given order", () => {
    expect(inViewerOrder(list, "fr").map((x) => x.id)).toEqual([1, 2, 3, 4]);
  });
});

describe("DEFAULT_REPLY_TEMPLATES", () => {
  test.each(TICKET_CATEGORIES.flatMap((category) => LOCALES.map((locale) => ({ category, locale }))))("$category has two or three defaults in $locale", ({ category, locale }) => {
    const n = DEFAULT_REPLY_TEMPLATES.filter((t) => t.category === category && t.locale === locale).length;
    expect(n).toBeGreaterThanOrEqual(2);
    expect(n).toBeLessThanOrEqual(3);
  });

  test("only known categories and languages", () => {
    for (const t of DEFAULT_REPLY_TEMPLATES) {
      expect(TICKET_CATEGORIES).toContain(t.category);
      expect(LOCALES).toContain(t.locale);
    }
  });

  test("names are unique per category and language (the table's unique key, case ignored as the editor checks it)", () => {
    const keys = DEFAULT_REPLY_TEMPLATES.map((t) => `${t.category}|${t.locale}|${t.name.toLowerCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test("every default fits the editor's limits and uses only known placeholders", () => {
    for (const t of DEFAULT_REPLY_TEMPLATES) {
      expect(t.name.trim()).toBe(t.name);
      expect(t.name.length).toBeGreaterThan(0);
      expect(t.name.length).toBeLessThanOrEqual(REPLY_TEMPLATE_NAME_MAX);
      expect(t.body.trim()).toBe(t.body);
      expect(t.body.length).toBeLessThanOrEqual(REPLY_TEMPLATE_BODY_MAX);
      const used = [...t.body.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
      for (const u of used) expect(REPLY_TEMPLATE_PLACEHOLDERS as readonly string[], `${t.category}/${t.locale}/${t.name}`).toContain(u);
      // A filled default leaves no placeholder behind.
      expect(fillTemplate(t.body, VALUES)).not.toMatch(/\{(customer|contact|agent|ticket|subject)\}/);
    }
  });

  test("each category's English and Chinese sets line up one to one, and the Chinese ones are written in Chinese", () => {
    for (const category of TICKET_CATEGORIES) {
      const en = DEFAULT_REPLY_TEMPLATES.filter((t) => t.category === category && t.locale === "en");
      const zh = DEFAULT_REPLY_TEMPLATES.filter((t) => t.category === category && t.locale === "zh-CN");
      expect(zh.length).toBe(en.length);
      for (const t of zh) expect(t.name + t.body).toMatch(/[\u4e00-\u9fff]/);
      for (const t of en) expect(t.name + t.body).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml, firstNameOf, MERGE_FIELDS, mergeValues, parseTemplate, renderEmail, templateLinks, type MergeValues } from "@/lib/campaigns/rules/email-template";

const VALUES: MergeValues = mergeValues({ customerName: "Ada Lovelace", company: "Analytical Engines", ownerName: "Rep East", tier: "VIP", region: "East China", campaignName: "Spring", offer: "10% off" });
const plain = { linkHref: (_i: number, url: string) => url, unsubscribeUrl: "https://crm.example/u/TOKEN" };

describe("email template: parsing and validation", () => {
  it.each([
    ["Hello {{firstName}}", []],
    ["Hello {{ firstName }}", []],
    ["Hello {{firstName | there}}", []],
    ["Hello {{firstname}}", [{ part: "body", code: "unknownField", name: "firstname" }]],
    ["Hello {{nickname}} and {{ownerName}}", [{ part: "body", code: "unknownField", name: "nickname" }]],
    ["Hello {{firstName", [{ part: "body", code: "unclosedField" }]],
    ["Hello firstName}}", [{ part: "body", code: "unclosedField" }]],
    ["See https://example.com/?n={{firstName}}", [{ part: "body", code: "fieldInLink" }]],
    ["See [our offer](https://example.com/{{tier}})", [{ part: "body", code: "fieldInLink" }]],
    ["See [our offer](javascript:alert(1))", [{ part: "body", code: "badLink", name: "javascript:alert(1" }]],
    ["See [x](https://user:pw@example.com/)", [{ part: "body", code: "badLink", name: "https://user:pw@example.com/" }]],
    ["", [{ part: "body", code: "required" }]],
  ])("body %j → %j", (body, issues) => {
    expect(parseTemplate({ subject: "Hi", body }).issues).toEqual(issues);
  });

  it("checks the subject: required, one line, known fields only (named)", () => {
    expect(parseTemplate({ subject: " ", body: "x" }).issues).toEqual([{ part: "subject", code: "required" }]);
    expect(parseTemplate({ subject: "a\nb", body: "x" }).issues).toEqual([{ part: "subject", code: "lineBreak" }]);
    expect(parseTemplate({ subject: "Hi {{vip}}", body: "x" }).issues).toEqual([{ part: "subject", code: "unknownField", name: "vip" }]);
    expect(parseTemplate({ subject: "x".repeat(201), body: "x" }).issues).toEqual([{ part: "subject", code: "tooLong" }]);
  });

  it("numbers links in order of appearance, bare and labelled, and leaves trailing punctuation in the text", () => {
    const body = "Visit https://a.example/x. Or [the shop](https://b.example/shop?q=1&r=2), then https://c.example!";
    expect(templateLinks(body)).toEqual(["https://a.example/x", "https://b.example/shop?q=1&r=2", "https://c.example"]);
    const { text } = renderEmail(parseTemplate({ subject: "s", body }), VALUES, { ...plain, linkHref: (i) => `https://t/${i}` });
    expect(text.startsWith("Visit https://t/0. Or the shop (https://t/1), then https://t/2!")).toBe(true);
  });

  it("knows every documented merge field", () => {
    const body = MERGE_FIELDS.map((f) => `{{${f}}}`).join(" ");
    expect(parseTemplate({ subject: "s", body }).issues).toEqual([]);
    expect(renderEmail(parseTemplate({ subject: "s", body }), VALUES, plain).text.split("\n")[0]).toBe("Ada Ada Lovelace Analytical Engines Rep East VIP East China Spring 10% off");
  });
});

describe("email template: rendering", () => {
  it("fills merge fields, uses the fallback for an empty value, and collapses the subject to one line", () => {
    const parsed = parseTemplate({ subject: "Hello {{firstName}}, {{ownerName | your rep}} here", body: "Dear {{firstName | customer}}" });
    const none = mergeValues({ customerName: "", company: null, ownerName: null, tier: null, region: null, campaignName: "C", offer: null });
    expect(renderEmail(parsed, VALUES, plain).subject).toBe("Hello Ada, Rep East here");
    const empty = renderEmail(parsed, none, plain);
    expect(empty.subject).toBe("Hello , your rep here");
    expect(empty.text.startsWith("Dear customer")).toBe(true);
  });

  it("escapes every value and template text in the HTML part; the only markup is ours", () => {
    const evil = mergeValues({ customerName: `<script>alert("x")</script> O'Brien`, company: null, ownerName: null, tier: null, region: null, campaignName: "C", offer: null });
    const parsed = parseTemplate({ subject: "s", body: `Hi {{customerName}} <b>bold</b> & [a "label" <i>](https://ex.example/?a=1&b=2)` });
    const { html, text } = renderEmail(parsed, evil, plain);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien");
    expect(html).toContain(`<a href="https://ex.example/?a=1&amp;b=2">a &quot;label&quot; &lt;i&gt;</a>`);
    expect(text).toContain(`<script>alert("x")</script> O'Brien`);
  });

  it("rewrites each link to the given href and appends the unsubscribe footer in both languages", () => {
    const parsed = parseTemplate({ subject: "s", body: "One https://a.example two [B](https://b.example)\n\nNext paragraph" });
    const { text, html } = renderEmail(parsed, VALUES, { linkHref: (i, url) => `https://crm/r/${i}?${url.length}`, unsubscribeUrl: "https://crm/u/abc" });
    expect(text).toContain("One https://crm/r/0?17 two B (https://crm/r/1?17)");
    expect(text).not.toContain("https://a.example");
    expect(text.trimEnd().endsWith("Unsubscribe / 退订: https://crm/u/abc")).toBe(true);
    expect(html).toContain(`<a href="https://crm/u/abc">Unsubscribe / 退订</a>`);
    expect(html).toContain("<p>Next paragraph</p>");
  });

  it("a test render without an unsubscribe address says so", () => {
    const { text } = renderEmail(parseTemplate({ subject: "s", body: "b" }), VALUES, { ...plain, unsubscribeUrl: null });
    expect(text).toContain("Test message");
  });

  it("first names: the first word, or a name without spaces whole", () => {
    expect(firstNameOf("Ada Lovelace")).toBe("Ada");
    expect(firstNameOf("王伟")).toBe("王伟");
    expect(firstNameOf("  ")).toBe("");
  });

  it("never lets arbitrary values produce markup (property)", () => {
    const parsed = parseTemplate({ subject: "{{customerName}}", body: "x {{customerName}} {{company}} y" });
    fc.assert(
      fc.property(fc.string(), fc.string(), (name, company) => {
        const values = mergeValues({ customerName: name, company, ownerName: null, tier: null, region: null, campaignName: "C", offer: null });
        const { html } = renderEmail(parsed, values, plain);
        const bodyPart = html.slice(html.indexOf("<body>") + 6, html.indexOf("<hr>"));
        expect(bodyPart.replace(/<\/?p>|<br>/g, "")).not.toMatch(/[<>]/);
        // The value is all there, escaped; runs of white space may be folded (as a browser shows them anyway).
        const folded = (text: string) => text.replace(/<br>/g, " ").replace(/\s+/g, " ").trim();
        expect(folded(bodyPart)).toContain(folded(escapeHtml(name)));
      }),
    );
  });
});

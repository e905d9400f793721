import { describe, expect, test } from "vitest";
import { cleanSubject, stripQuotedReply, threadTokenOf } from "@/lib/tickets/rules/mail-threading";

describe("threading inbound mail", () => {
  test.each([
    ["Re: [#T42-0123456789ab] Router down", [], "T42-0123456789ab"],
    ["回复：[#T7-abcdefabcdef] 发票", [], "T7-abcdefabcdef"],
    ["Re: Router down", ["support+T42-0123456789ab@summit.test"], "T42-0123456789ab"],
    ["Re: [#42] Router down", ["support@summit.test"], null],
    ["Re: [#T42-0123] short token", [], null],
  ] as const)("%s → %s", (subject, to, token) => {
    expect(threadTokenOf(subject, to)).toBe(token);
  });

  test("subjects lose reply prefixes and our token", () => {
    expect(cleanSubject("RE: Fwd: [#T42-0123456789ab] Router down")).toBe("Router down");
    expect(cleanSubject("回复：转发：宽带故障")).toBe("宽带故障");
    expect(cleanSubject("  ")).toBe("(no subject)");
  });

  test("quoted history is cut from a reply", () => {
    expect(stripQuotedReply("Thanks, it works now.\n\nOn Tue, 9 Jun 2026 at 10:00, Support <s@x> wrote:\n> We reset it")).toBe("Thanks, it works now.");
    expect(stripQuotedReply("好的，谢谢。\n\n在 2026年6月9日 10:00，客服 写道：\n> 已重置")).toBe("好的，谢谢。");
    expect(stripQuotedReply("Still broken\n> old line\n> older line")).toBe("Still broken");
    expect(stripQuotedReply("> only quoted\n> text")).toBe("> only quoted\n> text");
  });
});

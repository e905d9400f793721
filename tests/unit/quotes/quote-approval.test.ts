import { describe, expect, test } from "vitest";
import { parseBasisPoints } from "@/lib/platform/money";
import { approvalRefusal, blockedForApproval, needsDiscountApproval } from "@/lib/quotes/rules/quote-approval";
import { nextStatuses } from "@/lib/quotes/rules/quote-status";
import type { QuoteStatus } from "@/lib/platform/enums";

const bp = (pct: string) => parseBasisPoints(pct)!;
const TWENTY = bp("20.00");
const quote = (header: string, ...lines: string[]) => ({ discountBp: bp(header), lineDiscountBps: lines.map(bp) });

describe("needsDiscountApproval", () => {
  test.each([
    ["20.00", false],
    ["20", false],
    ["20.01", true],
    ["19.99", false],
    ["0", false],
    ["100", true],
  ])("a quote discount of %s%% against a 20%% threshold needs approval: %s", (pct, needs) => {
    expect(needsDiscountApproval(quote(pct, "0"), TWENTY)).toBe(needs);
  });

  test("any one line above the threshold needs approval, a line exactly at it does not", () => {
    expect(needsDiscountApproval(quote("0", "5", "20.01", "0"), TWENTY)).toBe(true);
    expect(needsDiscountApproval(quote("0", "20.00", "20.00"), TWENTY)).toBe(false);
    expect(needsDiscountApproval(quote("20.01"), TWENTY)).toBe(true);
  });

  test("header and line discounts are judged separately, not compounded (15 % + 15 % stays below 20 %)", () => {
    expect(needsDiscountApproval(quote("15", "15"), TWENTY)).toBe(false);
  });

  test("exact in basis points where floats are not: 0.1 + 0.2 style values compare as integers", () => {
    // 0.30 as a float sum of 0.1 + 0.2 is 0.30000000000000004; here it is 30 basis points exactly.
    expect(needsDiscountApproval(quote("0.30"), bp("0.30"))).toBe(false);
    expect(needsDiscountApproval(quote("0.31"), bp("0.30"))).toBe(true);
  });

  test("a threshold of 0 makes every discount need approval, of 100 none", () => {
    expect(needsDiscountApproval(quote("0.01"), 0n)).toBe(true);
    expect(needsDiscountApproval(quote("0"), 0n)).toBe(false);
    expect(needsDiscountApproval(quote("100", "100"), bp("100"))).toBe(false);
  });
});

describe("blockedForApproval", () => {
  test("DRAFT → SENT waits for the approval, and only while it is missing", () => {
    expect(blockedForApproval("DRAFT", "SENT", true, false)).toBe(true);
    expect(blockedForApproval("DRAFT", "SENT", true, true)).toBe(false);
    expect(blockedForApproval("DRAFT", "SENT", false, false)).toBe(false);
  });

  test("a draft could not skip the check by going to ACCEPTED directly", () => {
    expect(blockedForApproval("DRAFT", "ACCEPTED", true, false)).toBe(true);
  });

  test("steps after the quote was sent are not blocked (it can no longer be approved or changed)", () => {
    expect(blockedForApproval("SENT", "ACCEPTED", true, false)).toBe(false);
    expect(blockedForApproval("SENT", "REJECTED", true, false)).toBe(false);
  });

  test("every step the transition table allows out of DRAFT is checked", () => {
    const all: QuoteStatus[] = ["DRAFT", "SENT", "ACCEPTED", "REJECTED"];
    for (const from of all) {
      for (const to of nextStatuses(from)) expect(blockedForApproval(from, to, true, false), `${from} → ${to}`).toBe(from === "DRAFT");
    }
  });
});

describe("approvalRefusal", () => {
  test("only a draft that needs approval and has none can be approved", () => {
    expect(approvalRefusal("DRAFT", true, false)).toBeNull();
    expect(approvalRefusal("DRAFT", false, false)).toBe("notNeeded");
    expect(approvalRefusal("DRAFT", true, true)).toBe("alreadyApproved");
    expect(approvalRefusal("SENT", true, false)).toBe("notDraft");
  });
});

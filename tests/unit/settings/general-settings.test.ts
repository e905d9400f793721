import { describe, expect, test } from "vitest";
import { DEFAULT_CURRENCY, formatMoney } from "@/lib/platform/format";
import {
  DEFAULT_DISCOUNT_APPROVAL_PCT,
  DEFAULT_RETENTION_DAYS,
  discountApprovalBasisPoints,
  parsePipeline,
  parseQuotes,
  parseRecycleBin,
  parseRegional,
  pipelineSchema,
  quotesSchema,
  recycleBinSchema,
  regionalSchema,
} from "@/lib/settings/rules/general-settings";
import { pipelineForm, quotesForm, recycleBinForm, regionalForm } from "@/lib/settings/schema";

/** The first issue of a refused value: its field and message. */
function firstIssue(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(result.success).toBe(false);
  const issue = result.error!.issues[0];
  return { field: issue.path.join("."), message: issue.message };
}

describe("defaults: a missing or malformed stored value reads as the documented default", () => {
  test.each([null, undefined, 42, "CNY", [], { currency: "XXX", locale: "fr" }, { currency: 5 }])("regional %j", (stored) => {
    expect(parseRegional(stored)).toEqual({ currency: "CNY", locale: null });
  });
  test.each([null, { staleDays: 0 }, { staleDays: 366 }, { staleDays: "x" }, { staleDays: 2.5 }])("pipeline %j → 14 days", (stored) => {
    expect(parsePipeline(stored)).toEqual({ staleDays: 14 });
  });
  test.each([null, { discountApprovalPct: "101" }, { discountApprovalPct: "-1" }, { discountApprovalPct: "1.234" }, { discountApprovalPct: {} }])("quotes %j → 20 %", (stored) => {
    expect(parseQuotes(stored)).toEqual({ discountApprovalPct: DEFAULT_DISCOUNT_APPROVAL_PCT });
  });
  test.each([null, { retentionDays: 0 }, { retentionDays: 3651 }, { retentionDays: "30" }, { retentionDays: 1.5 }])("recycle bin %j → 30 days", (stored) => {
    expect(parseRecycleBin(stored)).toEqual({ retentionDays: DEFAULT_RETENTION_DAYS });
  });
  test("stored values within the rules are read as stored", () => {
    expect(parseRegional({ currency: "USD", locale: "zh-CN" })).toEqual({ currency: "USD", locale: "zh-CN" });
    expect(parsePipeline({ staleDays: 30, other: true })).toEqual({ staleDays: 30 });
    expect(parseQuotes({ discountApprovalPct: "12.5" })).toEqual({ discountApprovalPct: "12.50" });
    expect(parseQuotes({ discountApprovalPct: 7 })).toEqual({ discountApprovalPct: "7.00" });
    expect(parseRecycleBin({ retentionDays: 3650 })).toEqual({ retentionDays: 3650 });
  });
});

describe("validation names the field", () => {
  test.each([
    [regionalSchema, { currency: "XYZ", locale: null }, "currency", "settings.errors.currency"],
    [regionalSchema, { currency: "EUR", locale: "fr" }, "locale", "settings.errors.locale"],
    [pipelineSchema, { staleDays: 0 }, "staleDays", "settings.errors.staleDays"],
    [pipelineSchema, { staleDays: 366 }, "staleDays", "settings.errors.staleDays"],
    [pipelineSchema, { staleDays: Number.NaN }, "staleDays", "settings.errors.staleDays"],
    [pipelineSchema, { staleDays: 1.5 }, "staleDays", "settings.errors.staleDays"],
    [quotesSchema, { discountApprovalPct: "100.01" }, "discountApprovalPct", "settings.errors.discountApprovalPct"],
    [quotesSchema, { discountApprovalPct: "ten" }, "discountApprovalPct", "settings.errors.discountApprovalPct"],
    [quotesSchema, { discountApprovalPct: "" }, "discountApprovalPct", "settings.errors.discountApprovalPct"],
    [recycleBinSchema, { retentionDays: 0 }, "retentionDays", "settings.errors.retentionDays"],
    [recycleBinSchema, { retentionDays: 3651 }, "retentionDays", "settings.errors.retentionDays"],
  ] as const)("%#: %j is refused on %s", (schema, value, field, message) => {
    expect(firstIssue(schema.safeParse(value))).toEqual({ field, message });
  });

  test("the range ends are accepted; a percentage is normalised to two places", () => {
    expect(pipelineSchema.parse({ staleDays: 1 })).toEqual({ staleDays: 1 });
    expect(pipelineSchema.parse({ staleDays: 365 })).toEqual({ staleDays: 365 });
    expect(recycleBinSchema.parse({ retentionDays: 1 })).toEqual({ retentionDays: 1 });
    expect(recycleBinSchema.parse({ retentionDays: 3650 })).toEqual({ retentionDays: 3650 });
    expect(quotesSchema.parse({ discountApprovalPct: "0" })).toEqual({ discountApprovalPct: "0.00" });
    expect(quotesSchema.parse({ discountApprovalPct: " 12.5 " })).toEqual({ discountApprovalPct: "12.50" });
    expect(quotesSchema.parse({ discountApprovalPct: "100" })).toEqual({ discountApprovalPct: "100.00" });
    expect(regionalSchema.parse({ currency: "JPY", locale: null })).toEqual({ currency: "JPY", locale: null });
  });

  test("the threshold in basis points, exactly", () => {
    expect(discountApprovalBasisPoints({ discountApprovalPct: "12.35" })).toBe(1235);
    expect(discountApprovalBasisPoints({ discountApprovalPct: "20.00" })).toBe(2000);
  });
});

describe("the forms' text", () => {
  test("whole numbers: digits become numbers, anything else NaN (refused by the rules on the field)", () => {
    expect(pipelineForm.parse({ staleDays: " 21 " })).toEqual({ staleDays: 21 });
    expect(Number.isNaN(pipelineForm.parse({ staleDays: "1e3" }).staleDays)).toBe(true);
    expect(Number.isNaN(recycleBinForm.parse({ retentionDays: "" }).retentionDays)).toBe(true);
    expect(recycleBinForm.parse({ retentionDays: "90" })).toEqual({ retentionDays: 90 });
  });
  test("an empty language is no company default; a trailing % is allowed", () => {
    expect(regionalForm.parse({ currency: "USD", locale: "" })).toEqual({ currency: "USD", locale: null });
    expect(quotesForm.parse({ discountApprovalPct: "15 %" })).toEqual({ discountApprovalPct: "15" });
  });
});

describe("display currency", () => {
  test("yuan by default (nothing changes unless set); another currency's symbol when asked", () => {
    expect(DEFAULT_CURRENCY).toBe("CNY");
    expect(formatMoney("1234.5")).toBe("¥1,234.50");
    expect(formatMoney("1234.5", "USD")).toBe("$1,234.50");
    expect(formatMoney("99.00", "EUR")).toBe("€99.00");
    expect(formatMoney(null, "USD")).toBe("—");
  });
});

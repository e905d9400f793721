import { describe, expect, test } from "vitest";
import { optOutRefusal } from "@/lib/customers/rules/contact-rules";
import { formatMoney, groupDigits } from "@/lib/platform/format";
import { decodeTimelineCursor, encodeTimelineCursor, pageOf, parseTimelineQuery } from "@/lib/touchpoints/rules/timeline";

const none = { dncPhone: false, dncEmail: false, dncMail: false, dncSms: false };

describe("opt-outs refuse outbound contact on their channel only", () => {
  test.each([
    ["PHONE", "OUTBOUND", { ...none, dncPhone: true }, "dncPhone"],
    ["FAX", "OUTBOUND", { ...none, dncPhone: true }, "dncPhone"],
    ["EMAIL", "OUTBOUND", { ...none, dncEmail: true }, "dncEmail"],
    ["DIRECT_MAIL", "OUTBOUND", { ...none, dncMail: true }, "dncMail"],
    ["PHONE", "INBOUND", { ...none, dncPhone: true }, null],
    ["EMAIL", "OUTBOUND", { ...none, dncPhone: true }, null],
    ["SALES_VISIT", "OUTBOUND", { dncPhone: true, dncEmail: true, dncMail: true, dncSms: true }, null],
    ["PHONE", "OUTBOUND", none, null],
  ] as const)("%s %s", (channel, direction, flags, expected) => {
    expect(optOutRefusal(channel, direction, flags)).toBe(expected);
  });
});

describe("timeline paging", () => {
  test("channels repeat or come comma-separated; unknown ones are dropped", () => {
    expect(parseTimelineQuery(new URLSearchParams("channel=PHONE&channel=EMAIL,BOGUS")).channels).toEqual(["PHONE", "EMAIL"]);
    expect(parseTimelineQuery({}).channels).toEqual([]);
  });

  test("a cursor round-trips and a broken one is ignored", () => {
    const position = { occurredAt: new Date("2026-01-02T03:04:05.678Z"), id: 42 };
    expect(decodeTimelineCursor(encodeTimelineCursor(position))).toEqual(position);
    expect(parseTimelineQuery({ tlBefore: encodeTimelineCursor(position) }).before).toEqual(position);
    expect(parseTimelineQuery({ tlBefore: "garbage" }).before).toBeUndefined();
  });

  test("pageOf keeps pageSize rows and points the next page at the last one shown", () => {
    const rows = Array.from({ length: 4 }, (_, i) => ({ occurredAt: new Date(Date.UTC(2026, 0, 10 - i)), id: 10 - i }));
    const { items, next } = pageOf(rows, 3);
    expect(items).toHaveLength(3);
    expect(decodeTimelineCursor(next ?? undefined)).toEqual({ occurredAt: rows[2].occurredAt, id: rows[2].id });
    expect(pageOf(rows, 4).next).toBeNull();
  });
});

describe("money display", () => {
  test.each([
    ["0", "0"],
    ["1234567.89", "1,234,567.89"],
    ["-1234.5", "-1,234.50"],
    ["999", "999"],
  ])("%s groups as %s without floating point", (raw, shown) => {
    expect(groupDigits(raw)).toBe(shown);
  });
  test("missing values show a dash", () => {
    expect(formatMoney(null)).toBe("—");
    expect(formatMoney("12345678901234.99")).toBe("¥12,345,678,901,234.99");
  });
});

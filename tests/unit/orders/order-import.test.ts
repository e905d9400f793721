import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { groupOrderLines, type OrderLineRow, orderTotals } from "@/lib/orders/rules/import-spec";
import { formatCents } from "@/lib/platform/money";
import type { ValidatedRow } from "@/lib/platform/import/field-spec";
import { parseDateTime, parseMoneyCents } from "@/lib/platform/import/values";
import { TEST_NOW } from "../../support/clock";

const at = new Date("2025-01-02T03:04:05Z");
const lineOf = (line: number, orderNumber: string, change: Partial<OrderLineRow> = {}): ValidatedRow<OrderLineRow> => ({
  line,
  ok: true,
  value: {
    orderNumber,
    orderedAt: at,
    customerExternalId: "C-1",
    customerEmail: null,
    customerPhone: null,
    status: "COMPLETED",
    sku: "SKU-1",
    quantity: 1,
    unitPriceCents: 100n,
    discountCents: 0n,
    lineTotalCents: 100n,
    ...change,
  },
});

describe("grouping lines into orders", () => {
  test("lines group by order number in file order, wherever they are in the file", () => {
    const { orders, failures } = groupOrderLines([lineOf(2, "A"), lineOf(3, "B"), lineOf(4, "A")]);
    expect(failures).toEqual([]);
    expect(orders.map((o) => [o.orderNumber, o.lines.map((l) => l.line)])).toEqual([
      ["A", [2, 4]],
      ["B", [3]],
    ]);
  });

  test("one invalid line fails its whole order; other orders are untouched", () => {
    const { orders, failures } = groupOrderLines([lineOf(2, "A"), { line: 3, ok: false, errors: [{ field: "quantity", message: "x" }], group: "A" }, lineOf(4, "B")]);
    expect(orders.map((o) => o.orderNumber)).toEqual(["B"]);
    expect(failures).toEqual([{ orderNumber: "A", lines: [2], reason: "invalidLine", detail: "3" }]);
  });

  test.each([
    ["orderedAt", { orderedAt: new Date("2025-01-03T00:00:00Z") }],
    ["status", { status: "RETURNED" as const }],
    ["customer", { customerExternalId: "C-2" }],
  ])("lines that disagree on %s fail together", (detail, change) => {
    const { orders, failures } = groupOrderLines([lineOf(2, "A"), lineOf(3, "A", change)]);
    expect(orders).toEqual([]);
    expect(failures).toEqual([{ orderNumber: "A", lines: [2, 3], reason: "inconsistent", detail }]);
  });
});

describe("exact money", () => {
  test("totals, costs and margin in cents", () => {
    expect(
      orderTotals([
        { quantity: 3, lineTotalCents: 5900n, unitCostCents: 1234n },
        { quantity: 1, lineTotalCents: 1n, unitCostCents: 0n },
      ]),
    ).toEqual({ totalCents: 5901n, costCents: 3702n, marginCents: 2199n, lineCosts: [3702n, 0n] });
  });

  test("ten million lines of 0.10 sum to exactly 1,000,000.00 (a float sum would not)", () => {
    const lines = Array.from({ length: 10_000_000 / 1000 }, () => ({ quantity: 1000, lineTotalCents: 10_000n, unitCostCents: 0n }));
    expect(formatCents(orderTotals(lines).totalCents)).toBe("1000000.00");
  });

  test("any amount written with two decimals reads back to the same text", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 99_999_999_999_99n }), (cents) => {
        expect(parseMoneyCents(formatCents(cents))).toBe(cents);
      }),
    );
  });

  test.each([
    ["1234.5", 123450n],
    ["1,234.50", 123450n],
    ["¥ 88", 8800n],
    ["0.01", 1n],
    ["1,23.00", null],
    ["12.345", null],
    ["-1.00", null],
    ["1e5", null],
    ["", null],
  ])("money %j → %s", (text, cents) => {
    expect(parseMoneyCents(text)).toBe(cents);
  });
});

describe("dates and times", () => {
  test.each([
    ["2025-03-01", "2025-03-01T00:00:00.000Z"],
    ["2025/3/1 9:05", "2025-03-01T09:05:00.000Z"],
    ["2025-03-01T09:05:07.123Z", "2025-03-01T09:05:07.123Z"],
    ["2025-03-01 08:00 +08:00", "2025-03-01T00:00:00.000Z"],
    ["2025-03-01T00:30:00-0130", "2025-03-01T02:00:00.000Z"],
  ])("%s → %s", (raw, iso) => {
    expect(parseDateTime(raw, TEST_NOW)?.toISOString()).toBe(iso);
  });

  test.each(["2025-02-29", "2025-03-01 24:00", "1899-12-31", "2026-06-10T02:00:01Z", "03/01/2025", "2025-03-01 +25:00"])("%s is refused", (raw) => {
    expect(parseDateTime(raw, TEST_NOW)).toBeNull();
  });
});

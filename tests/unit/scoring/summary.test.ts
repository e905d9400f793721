import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, test } from "vitest";
import { CDNOW_SAMPLE_LAYOUT, parseWhitespaceTransactions } from "@/lib/scoring/rules/cdnow-text";
import { parseDayNumber } from "@/lib/platform/day-number";
import { buildCustomerSummary } from "@/lib/scoring/rules/summary";
import type { CustomerSummary, DatedAmount } from "@/lib/scoring/rules/summary";

const refdata = (file: string) => path.resolve(process.cwd(), "../shared/refdata", file);

function day(iso: string): number {
  const d = parseDayNumber(iso);
  if (d === null) throw new Error(`bad test date ${iso}`);
  return d;
}

function readCsv(file: string): number[][] {
  return readFileSync(refdata(file), "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(",").map(Number));
}

describe("summary from CDNOW_sample.txt (standard recipe)", () => {
  let summary: CustomerSummary[];
  beforeAll(() => {
    const tx = parseWhitespaceTransactions(readFileSync(refdata("cdnow/CDNOW_sample.txt"), "utf8"), CDNOW_SAMPLE_LAYOUT);
    expect(tx.length).toBe(6919);
    summary = buildCustomerSummary(tx, { calibrationEnd: day("1997-09-30"), unit: "week", holdoutEnd: day("1998-06-30") });
  });

  it("reproduces the published counts: 2,357 customers, sum(x) = 2,457, 946 with x > 0, 1,882 holdout repeats", () => {
    expect(summary.length).toBe(2357);
    expect(summary.reduce((s, r) => s + r.x, 0)).toBe(2457);
    expect(summary.filter((r) => r.x > 0).length).toBe(946);
    expect(summary.reduce((s, r) => s + r.holdoutX, 0)).toBe(1882);
  });

  it("matches cdnow_customers_summary.csv (values there are rounded to 2 decimals)", () => {
    const byId = new Map(summary.map((r) => [r.customerId, r]));
    const reference = readCsv("cdnow/cdnow_customers_summary.csv");
    expect(reference.length).toBe(summary.length);
    for (const [id, frequency, recency, T] of reference) {
      const row = byId.get(String(id));
      expect(row).toBeDefined();
      if (row === undefined) continue;
      expect(row.x).toBe(frequency);
      expect(Math.abs(row.tx - recency)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(row.T - T)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it("matches zbar in cdnow_customers_summary_with_transactions.csv", () => {
    const byId = new Map(summary.map((r) => [r.customerId, r]));
    for (const [id, x, , , zbar] of readCsv("cdnow/cdnow_customers_summary_with_transactions.csv")) {
      const row = byId.get(String(id));
      expect(row?.x).toBe(x);
      expect(Math.abs((row?.zbar ?? Number.NaN) - zbar)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });
});

describe("summary recipe rules", () => {
  const end = day("2024-03-31");
  const t = (customerId: string, iso: string, amount: number): DatedAmount => ({ customerId, day: day(iso), amount });

  test.each([
    ["one purchase only", [t("a", "2024-01-01", 10)], { x: 0, tx: 0, T: 90, zbar: 0, calibrationSpend: 10 }],
    [
      "same-day purchases merge into one",
      [t("a", "2024-01-01", 10), t("a", "2024-01-01", 5), t("a", "2024-01-11", 4), t("a", "2024-01-11", 6)],
      { x: 1, tx: 10, T: 90, zbar: 10, calibrationSpend: 25, firstPurchaseAmount: 15 },
    ],
    [
      "first purchase is not a repeat and not in zbar",
      [t("a", "2024-01-01", 100), t("a", "2024-02-01", 10), t("a", "2024-03-01", 20)],
      { x: 2, tx: 60, T: 90, zbar: 15 },
    ],
    [
      "calibration end is inclusive; later purchases go to the holdout",
      [t("a", "2024-01-01", 1), t("a", "2024-03-31", 2), t("a", "2024-04-01", 3), t("a", "2024-05-01", 4), t("a", "2024-09-01", 5)],
      { x: 1, tx: 90, T: 90, holdoutX: 2, holdoutSpend: 7 },
    ],
  ])("%s", (_name, transactions, expected) => {
    const [row] = buildCustomerSummary(transactions, { calibrationEnd: end, unit: "day", holdoutEnd: day("2024-06-30") });
    expect(row).toMatchObject(expected);
  });

  it("measures weeks as days / 7", () => {
    const [row] = buildCustomerSummary([t("a", "2024-01-01", 1), t("a", "2024-01-15", 1)], { calibrationEnd: end, unit: "week" });
    expect(row.tx).toBe(2);
    expect(row.T).toBeCloseTo(90 / 7, 12);
  });

  it("leaves out customers whose first purchase is after the calibration end, and orders by customer id", () => {
    const rows = buildCustomerSummary([t("10", "2024-01-01", 1), t("9", "2024-01-02", 1), t("late", "2024-04-02", 1)], {
      calibrationEnd: end,
      unit: "day",
    });
    expect(rows.map((r) => r.customerId)).toEqual(["9", "10"]);
  });

  it("does not depend on input order", () => {
    const tx = [t("a", "2024-03-01", 3), t("a", "2024-01-01", 1), t("b", "2024-02-01", 2), t("a", "2024-02-01", 2)];
    const one = buildCustomerSummary(tx, { calibrationEnd: end, unit: "day" });
    const two = buildCustomerSummary([...tx].reverse(), { calibrationEnd: end, unit: "day" });
    expect(two).toEqual(one);
  });

  it("rejects a holdout end before the calibration end and non-integer days", () => {
    expect(() => buildCustomerSummary([], { calibrationEnd: end, unit: "day", holdoutEnd: end - 1 })).toThrow(RangeError);
    expect(() => buildCustomerSummary([{ customerId: "a", day: 1.5, amount: 1 }], { calibrationEnd: end, unit: "day" })).toThrow(
      RangeError,
    );
  });
});

import { describe, expect, it, test } from "vitest";
import { CsvInputError, parseBasketsCsv, parseTransactionsCsv } from "@/lib/scoring/rules/analytics-csv";
import { dayNumberFromDate, dayNumberToIso, parseDayNumber } from "@/lib/platform/day-number";
import { CDNOW_MASTER_LAYOUT, CDNOW_SAMPLE_LAYOUT, parseWhitespaceTransactions } from "@/lib/scoring/rules/cdnow-text";

describe("day numbers", () => {
  test.each([
    ["1970-01-01", 0],
    ["19700102", 1],
    ["1997-09-30", 10134],
    ["2024-02-29", 19782],
  ])("%s → %d", (text, day) => {
    expect(parseDayNumber(text)).toBe(day);
    expect(dayNumberToIso(day)).toBe(text.length === 8 ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}` : text);
  });

  test.each(["1997-02-30", "2023-02-29", "1997-13-01", "1997-00-10", "97-01-01", "1997/01/01", "", "1997-1-1", "199701011"])(
    "rejects %j",
    (text) => {
      expect(parseDayNumber(text)).toBeNull();
    },
  );

  it("takes the UTC day of a Date", () => {
    expect(dayNumberFromDate(new Date("1970-01-02T23:59:59Z"))).toBe(1);
  });
});

function errorOf(f: () => unknown): CsvInputError {
  try {
    f();
  } catch (err) {
    if (err instanceof CsvInputError) return err;
    throw err;
  }
  throw new Error("expected a CsvInputError");
}

describe("parseTransactionsCsv", () => {
  it("reads columns in any order, both date forms, and ignores extra columns", () => {
    const rows = parseTransactionsCsv("amount,note,customer_id,date\n12.5,x,c1,2024-01-02\n-3,,c2,20240103\n");
    expect(rows).toEqual([
      { customerId: "c1", day: parseDayNumber("2024-01-02"), amount: 12.5 },
      { customerId: "c2", day: parseDayNumber("2024-01-03"), amount: -3 },
    ]);
  });

  it("accepts a BOM, CRLF line ends, quoted fields and blank lines", () => {
    const rows = parseTransactionsCsv('\uFEFFcustomer_id,date,amount\r\n"c,1",2024-01-02,1\r\n\r\nc2,2024-01-03,2\r\n');
    expect(rows.map((r) => r.customerId)).toEqual(["c,1", "c2"]);
  });

  test.each([
    ["", "input is empty", null, null],
    ["   \n  \n", "input is empty", null, null],
    ["customer_id,date,amount\n", "no data rows", null, null],
    ["customer,date,amount\nc1,2024-01-01,1\n", 'missing column "customer_id"', 0, "customer_id"],
    ["customer_id,date\nc1,2024-01-01\n", 'missing column "amount"', 0, "amount"],
    ["customer_id,date,amount\nc1,2024-01-01,1\nc2,2024-02-30,1\n", 'row 2 (line 3), column "date": unparsable date "2024-02-30"', 2, "date"],
    ["customer_id,date,amount\nc1,01/02/2024,1\n", 'row 1 (line 2), column "date"', 1, "date"],
    ["customer_id,date,amount\nc1,2024-01-01,12a\n", 'row 1 (line 2), column "amount": unparsable amount "12a"', 1, "amount"],
    ["customer_id,date,amount\nc1,2024-01-01,1e3\n", 'column "amount"', 1, "amount"],
    ["customer_id,date,amount\n\nc1,2024-01-01\n", 'row 1 (line 3), column "amount": missing value', 1, "amount"],
    ["customer_id,date,amount\n,2024-01-01,1\n", 'row 1 (line 2), column "customer_id": empty value', 1, "customer_id"],
  ])("error for %j names the place", (text, message, row, column) => {
    const err = errorOf(() => parseTransactionsCsv(text));
    expect(err.message).toContain(message);
    expect(err.row).toBe(row);
    expect(err.column).toBe(column);
  });

  it("reports malformed quoting as a CSV error with its line", () => {
    const err = errorOf(() => parseTransactionsCsv('customer_id,date,amount\nc1,2024-01-01,"1\n'));
    expect(err.message).toMatch(/malformed CSV/);
  });
});

describe("parseBasketsCsv", () => {
  it("groups items by transaction id even when rows are not adjacent", () => {
    const { transactionIds, baskets } = parseBasketsCsv('"transaction_id","item"\n1,"milk"\n2,bread\n1,eggs\n');
    expect(transactionIds).toEqual(["1", "2"]);
    expect(baskets).toEqual([["milk", "eggs"], ["bread"]]);
  });

  it("names the missing column", () => {
    expect(errorOf(() => parseBasketsCsv("id,item\n1,milk\n")).message).toContain('missing column "transaction_id"');
    expect(errorOf(() => parseBasketsCsv("transaction_id,item\n1,\n")).message).toContain('row 1 (line 2), column "item": empty value');
  });
});

describe("parseWhitespaceTransactions", () => {
  it("reads both CDNOW layouts and strips zero padding from ids", () => {
    expect(parseWhitespaceTransactions(" 00004 0001 19970101  2   29.33\n", CDNOW_SAMPLE_LAYOUT)).toEqual([
      { customerId: "1", day: parseDayNumber("1997-01-01"), amount: 29.33 },
    ]);
    expect(parseWhitespaceTransactions(" customer_id  date number_of_cds  dollar_value\n 00001 19970101  1   11.77\n", CDNOW_MASTER_LAYOUT)).toEqual([
      { customerId: "1", day: parseDayNumber("1997-01-01"), amount: 11.77 },
    ]);
  });

  it("names the line it cannot read", () => {
    expect(() => parseWhitespaceTransactions("1 2 19971301 1 2\n", CDNOW_SAMPLE_LAYOUT)).toThrow(/line 1/);
  });
});

import { describe, expect, test } from "vitest";
import { csvCell, neutraliseFormula } from "@/lib/platform/export/csv-cell";

describe("formula neutraliser", () => {
  test.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ])("%j is written as text: %j", (value, expected) => {
    expect(neutraliseFormula(value)).toBe(expected);
  });

  test.each(["Acme Ltd", "张伟", "a=b", "1+1", "info@acme.test", "", " =spaced", "'quoted"])("%j is left alone", (value) => {
    expect(neutraliseFormula(value)).toBe(value);
  });

  test("cells: null is empty, dates are ISO instants, numbers and booleans as text, all neutralised", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(new Date("2026-06-10T02:00:00Z"))).toBe("2026-06-10T02:00:00.000Z");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(-5)).toBe("'-5");
    expect(csvCell(true)).toBe("true");
  });
});

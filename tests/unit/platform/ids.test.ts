import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { MAX_ID, parseIdParam, parsePageParam } from "@/lib/platform/id-param";
import { idField, optionalIdField } from "@/lib/platform/form-fields";

describe("parseIdParam: route and search parameters", () => {
  test.each([
    ["1", 1],
    ["42", 42],
    ["2147483647", MAX_ID],
    [["17", "18"], 17],
  ] as const)("%j is the id %d", (raw, id) => {
    expect(parseIdParam(raw)).toBe(id);
  });

  test.each([
    ["2147483648"],
    ["99999999999"],
    ["0"],
    ["-1"],
    ["007"],
    ["1e3"],
    ["0x10"],
    ["1.0"],
    [" 1"],
    ["abc"],
    ["NaN"],
    ["Infinity"],
    [""],
    [undefined],
    [null],
    [[]],
  ] as const)("%j is no id", (raw) => {
    expect(parseIdParam(raw)).toBeNull();
  });

  test("property: every answer is null or an integer within 1..2^31-1 whose canonical text is the input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer().map(String), fc.double().map(String), fc.bigInt().map(String)), (raw) => {
        const id = parseIdParam(raw);
        return id === null || (Number.isInteger(id) && id >= 1 && id <= MAX_ID && String(id) === raw);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  test("a page number outside the range falls back to the first page", () => {
    expect(parsePageParam("3")).toBe(3);
    expect(parsePageParam("1e308")).toBe(1);
    expect(parsePageParam("99999999999")).toBe(1);
    expect(parsePageParam(undefined)).toBe(1);
  });
});

describe("idField / optionalIdField: ids in forms and client calls", () => {
  test.each([["12", 12], [12, 12], [" 12 ", 12], [MAX_ID, MAX_ID]] as const)("%j is accepted as %d", (raw, id) => {
    expect(idField().parse(raw)).toBe(id);
  });

  test.each([["99999999999"], [2 ** 31], [0], [-1], [1.5], ["1.5"], ["abc"], [""], [true], [null], [{}], [[5]], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    "%j is a field error with the given message",
    (raw) => {
      const result = idField("quotes.validation.product").safeParse(raw);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("quotes.validation.product");
    },
  );

  test("optional: empty, null and missing are null; a bad id is still an error", () => {
    expect(optionalIdField().parse("")).toBeNull();
    expect(optionalIdField().parse(null)).toBeNull();
    expect(optionalIdField().parse(undefined)).toBeNull();
    expect(optionalIdField().parse("9")).toBe(9);
    expect(optionalIdField().safeParse("99999999999").success).toBe(false);
  });
});

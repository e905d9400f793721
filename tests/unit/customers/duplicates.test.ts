import { describe, expect, test } from "vitest";
import { findDuplicates, matchDuplicate, normaliseName, phoneKey, similarity } from "@/lib/customers/rules/duplicates";

describe("duplicate detection", () => {
  test.each([
    ["+86 138 1234 5678", "13812345678"],
    ["0086 138-1234-5678", "13812345678"],
    ["(138) 1234 5678", "13812345678"],
    ["+86 21 6123 4567", "2161234567"],
    ["021 6123 4567", "2161234567"],
    ["12345", null],
    ["", null],
    [null, null],
  ])("phone %s compares as %s", (raw, key) => {
    expect(phoneKey(raw)).toBe(key);
  });

  test("legal-form words and punctuation do not make names different", () => {
    expect(normaliseName("Acme Trading Co., Ltd.")).toBe("acme trading");
    expect(normaliseName("ACME TRADING LIMITED")).toBe("acme trading");
  });

  test("similarity follows pg_trgm: identical 1, disjoint 0, symmetric", () => {
    expect(similarity("acme", "acme")).toBe(1);
    expect(similarity("acme", "zzzz")).toBe(0);
    expect(similarity("acme trading", "acme tradng")).toBeCloseTo(similarity("acme tradng", "acme trading"));
    // pg_trgm: similarity('word', 'wrd') = 0.2857
    expect(similarity("word", "wrd")).toBeCloseTo(2 / 7, 4);
  });

  test.each([
    [{ name: "Other", email: "INFO@acme.test" }, { id: 1, name: "Acme", email: "info@acme.test", region: "East" }, ["email"]],
    [{ name: "Other", phone: "138 1234 5678" }, { id: 1, name: "Acme", phone: "+86 138 1234 5678", region: "East" }, ["phone"]],
    [{ name: "Acme Trading Ltd", region: "East" }, { id: 1, name: "Acme Trading Co., Ltd.", region: "east" }, ["name"]],
    [{ name: "Acme Trading Ltd", region: "West" }, { id: 1, name: "Acme Trading Co., Ltd.", region: "East" }, null],
    [{ name: "Blue Sky Logistics", region: "East" }, { id: 1, name: "Acme Trading", region: "East" }, null],
  ])("%o against %o", (probe, candidate, reasons) => {
    const match = matchDuplicate(probe, candidate);
    expect(match?.reasons ?? null).toEqual(reasons);
  });

  test("strongest matches come first", () => {
    const matches = findDuplicates({ name: "Acme Trading", email: "a@acme.test", phone: "13812345678", region: "East" }, [
      { id: 1, name: "Acme Trading", region: "East" },
      { id: 2, name: "Acme Trading", email: "a@acme.test", phone: "+86 138 1234 5678", region: "East" },
      { id: 3, name: "Unrelated", region: "East" },
    ]);
    expect(matches.map((m) => m.id)).toEqual([2, 1]);
    expect(matches[0].reasons).toEqual(["email", "phone", "name"]);
  });
});

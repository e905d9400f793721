import { describe, expect, test } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { diffRecords, toAuditValue } from "@/lib/platform/audit-diff";

describe("audit diff", () => {
  test.each([
    { name: "create lists every field", before: null, after: { name: "Acme", region: "East" }, expected: { name: { from: null, to: "Acme" }, region: { from: null, to: "East" } } },
    { name: "update lists only changed fields", before: { name: "Acme", region: "East" }, after: { name: "Acme Ltd", region: "East" }, expected: { name: { from: "Acme", to: "Acme Ltd" } } },
    { name: "delete lists every field as removed", before: { name: "Acme" }, after: null, expected: { name: { from: "Acme", to: null } } },
    { name: "bookkeeping fields are ignored", before: { version: 1, updatedAt: new Date(0) }, after: { version: 2, updatedAt: new Date(1) }, expected: {} },
  ])("$name", ({ before, after, expected }) => {
    expect(diffRecords(before, after)).toEqual(expected);
  });

  test("money keeps its exact decimal string and dates become ISO strings", () => {
    expect(toAuditValue(new Prisma.Decimal("1234567.89"))).toBe("1234567.89");
    expect(toAuditValue(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(diffRecords({ total: new Prisma.Decimal("0.10") }, { total: new Prisma.Decimal("0.1") })).toEqual({});
  });
});

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { centsText, TableWriter } from "@/lib/platform/db/bulk";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.sql.exec(`CREATE TABLE bulk_probe (
    id int PRIMARY KEY, n int, x float8, t text, b bool, m numeric(14,2), at timestamp(3), j jsonb,
    tags text[], ints int4[], k "Tier")`);
});
afterAll(() => db.close());

describe("bulk writer (COPY text format)", () => {
  test("every column kind round-trips exactly, including nulls and characters COPY must escape", async () => {
    const w = new TableWriter("bulk_probe", {
      n: "int", x: "float", t: "text", b: "bool", m: "money", at: "timestamp", j: "json", tags: "csv", ints: "intList", k: "enum:Tier",
    }, true, 10);
    const tricky = 'tab\there, line\nbreak, back\\slash, "quote", \r, 中文, \\N';
    expect(w.add({ n: -7, x: 1e-7, t: tricky, b: true, m: -1999, at: Date.UTC(2026, 10, 23, 8, 30, 15, 123), j: JSON.stringify({ a: "x\ty\\" }), tags: 'a b,c"d,e\\f', ints: "1,2,30", k: "VIP" })).toBe(10);
    expect(w.add({ n: null, x: null, t: "", b: false, m: 5, at: null, j: null, tags: null, ints: null, k: null })).toBe(11);
    await w.flush(db.sql);
    const rows = await db.sql.query<Record<string, unknown>>(
      `SELECT id, n, x, t, b, m::text AS m, to_char(at, 'YYYY-MM-DD HH24:MI:SS.MS') AS at, j, tags, ints, k::text AS k FROM bulk_probe ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 10, n: -7, x: 1e-7, t: tricky, b: true, m: "-19.99", at: "2026-11-23 08:30:15.123", j: { a: "x\ty\\" }, tags: ["a b", 'c"d', "e\\f"], ints: [1, 2, 30], k: "VIP" },
      { id: 11, n: null, x: null, t: "", b: false, m: "0.05", at: null, j: null, tags: [], ints: [], k: null },
    ]);
    expect(w.written).toBe(2);
    expect(w.nextId).toBe(12);
  });

  test("cents become exact decimal text; fractions of a cent are refused", () => {
    expect([0, 1, 10, 100, 123456789, -5, -100].map(centsText)).toEqual(["0.00", "0.01", "0.10", "1.00", "1234567.89", "-0.05", "-1.00"]);
    expect(() => centsText(1.5)).toThrow(/whole cents/);
  });
});

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { diffRecords } from "@/lib/platform/audit-diff";
import { historyHref, recordHref } from "@/lib/audit/rules/catalogue";
import { describeChanges, EMPTY_VALUE, formatValue, isChangeSet } from "@/lib/audit/rules/changes";
import { decodeCursor, encodeCursor } from "@/lib/audit/rules/cursor";

describe("before/after rendering", () => {
  test("a change set becomes field / before / after rows in field order", () => {
    const changes = diffRecords({ name: "Acme", email: null, region: "East" }, { name: "Acme Ltd", email: "a@b.c", region: "East" });
    expect(describeChanges(changes)).toEqual({
      kind: "diff",
      rows: [
        { field: "email", before: EMPTY_VALUE, after: "a@b.c" },
        { field: "name", before: "Acme", after: "Acme Ltd" },
      ],
    });
  });

  test.each([
    [null, EMPTY_VALUE],
    [undefined, EMPTY_VALUE],
    ["", '""'],
    ["text", "text"],
    [42, "42"],
    [false, "false"],
    [[1, "a"], '[1,"a"]'],
    [{ a: { b: 1 } }, '{"a":{"b":1}}'],
  ])("formatValue(%j) = %s", (value, text) => {
    expect(formatValue(value)).toBe(text);
  });

  test("a detail object (a refusal, an export) becomes key / value rows; nothing is a 'none'", () => {
    expect(describeChanges({ filters: { entity: "Customer" }, rows: 3, complete: true })).toEqual({
      kind: "detail",
      rows: [
        { key: "complete", value: "true" },
        { key: "filters", value: '{"entity":"Customer"}' },
        { key: "rows", value: "3" },
      ],
    });
    expect(describeChanges({ action: "customer.edit" })).toMatchObject({ kind: "detail" });
    expect(describeChanges(null)).toEqual({ kind: "none" });
    expect(describeChanges({})).toEqual({ kind: "none" });
    expect(describeChanges("odd")).toEqual({ kind: "detail", rows: [{ key: "value", value: "odd" }] });
  });

  test("only { from, to } pairs count as a change set", () => {
    expect(isChangeSet({ a: { from: 1, to: 2 } })).toBe(true);
    expect(isChangeSet({ a: { from: 1, to: 2, extra: 3 } })).toBe(false);
    expect(isChangeSet({ a: { from: 1, to: 2 }, b: 5 })).toBe(false);
    expect(isChangeSet({})).toBe(false);
  });

  test("property: every field diffRecords reports shows once, with the values it recorded", () => {
    const record = fc.dictionary(fc.constantFrom("name", "email", "phone", "notes", "ownerId"), fc.oneof(fc.string(), fc.integer(), fc.constant(null)));
    fc.assert(
      fc.property(record, record, (before, after) => {
        const changes = diffRecords(before, after);
        const view = describeChanges(changes);
        const fields = Object.keys(changes).sort();
        if (fields.length === 0) {
          expect(view.kind).toBe("none");
        } else {
          expect(view.kind).toBe("diff");
          const rows = view.kind === "diff" ? view.rows : [];
          expect(rows.map((r) => r.field)).toEqual(fields);
          for (const row of rows) {
            expect(row.before).toBe(formatValue(changes[row.field].from));
            expect(row.after).toBe(formatValue(changes[row.field].to));
          }
        }
      }),
    );
  });
});

describe("record links and the keyset cursor", () => {
  test.each([
    ["Customer", "12", "/customers/12"],
    ["Lead", "3", "/leads/3"],
    ["Ticket", "9", "/tickets/9"],
    ["Setting", "analytics", null],
    ["Customer", null, null],
    ["Team", "2", null],
  ])("recordHref(%s, %s) = %s", (entity, id, href) => {
    expect(recordHref(entity, id)).toBe(href);
  });

  test("history links filter the viewer by the record", () => {
    expect(historyHref("Customer", 123)).toBe("/admin/audit?entity=Customer&entityId=123");
  });

  test("a cursor round-trips; anything we did not write is refused", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }), (atMs, id) => {
        expect(decodeCursor(encodeCursor({ atMs, id: String(id) }))).toEqual({ atMs, id: String(id) });
      }),
    );
    for (const bad of ["", "abc", "1_", "_1", "1_2_3", "-1_2", "1.5_2", "1_2; DROP", "1_9999999999999999999", "999999999999999_1"]) expect(decodeCursor(bad)).toBeNull();
  });
});

import { describe, expect, test } from "vitest";
import { decodeBinCursor, encodeBinCursor } from "@/lib/recycle-bin/rules/cursor";
import { daysUntilPurge, purgeCutoff, purgeDueAt, withinRetention } from "@/lib/recycle-bin/rules/retention";
import { PURGED_VALUE, purgedContactName, purgedCustomerName, scrubChanges } from "@/lib/recycle-bin/rules/scrub";

const DAY = 86_400_000;
const NOW = new Date("2026-06-10T02:00:00Z");

describe("retention", () => {
  test("days until the purge round up, are 0 once due, and restorable means strictly before the due instant", () => {
    const deleted = new Date(NOW.getTime() - 10 * DAY);
    expect(daysUntilPurge(deleted, NOW, 30)).toBe(20);
    expect(daysUntilPurge(new Date(NOW.getTime() - 10 * DAY + 1), NOW, 30)).toBe(21);
    expect(daysUntilPurge(deleted, NOW, 10)).toBe(0);
    expect(daysUntilPurge(deleted, NOW, 5)).toBe(0);
    expect(purgeDueAt(deleted, 30)).toEqual(new Date(NOW.getTime() + 20 * DAY));
    expect(purgeCutoff(NOW, 10)).toEqual(deleted);
    expect(withinRetention(deleted, NOW, 10)).toBe(false);
    expect(withinRetention(new Date(deleted.getTime() + 1), NOW, 10)).toBe(true);
  });
});

describe("what a purge erases", () => {
  test("personal fields are blanked on both sides of a change set; other fields and empty values stay", () => {
    const { changes, changed } = scrubChanges({
      name: { from: null, to: "Ada" },
      email: { from: "a@x.test", to: null },
      region: { from: null, to: "East China" },
      notes: { from: "", to: "likes tea" },
    });
    expect(changed).toBe(true);
    expect(changes).toEqual({
      name: { from: null, to: PURGED_VALUE },
      email: { from: PURGED_VALUE, to: null },
      region: { from: null, to: "East China" },
      notes: { from: "", to: PURGED_VALUE },
    });
  });

  test("detail objects are scrubbed by key; a row with nothing personal is unchanged", () => {
    expect(scrubChanges({ email: "x@y.test", action: "customer.edit" })).toEqual({ changes: { email: PURGED_VALUE, action: "customer.edit" }, changed: true });
    expect(scrubChanges({ deletedAt: { from: null, to: "2026-06-10T00:00:00.000Z" } }).changed).toBe(false);
    expect(scrubChanges(null)).toEqual({ changes: null, changed: false });
    expect(scrubChanges(scrubChanges({ name: "Ada" }).changes).changed).toBe(false);
  });

  test("markers name only the id", () => {
    expect(purgedCustomerName(12)).toBe("Purged customer #12");
    expect(purgedContactName(3)).toBe("Purged contact #3");
  });

  test("the bin cursor round-trips and refuses anything else", () => {
    const c = { deletedAtMs: NOW.getTime(), type: "Contact" as const, id: 42 };
    expect(decodeBinCursor(encodeBinCursor(c))).toEqual(c);
    for (const bad of ["", "1_Order_2", "1_Customer_0", "1_Customer_99999999999", "x_Customer_1", "999999999999999_Customer_1"]) expect(decodeBinCursor(bad)).toBeNull();
  });
});

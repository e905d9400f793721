import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decodeCursor, encodeCursor, hasFilters, parseListQuery, serializeListQuery, withoutPaging } from "@/lib/customers/rules/list-query";

describe("customer list URL state", () => {
  test("defaults: sort by name ascending, 50 a page, no filters", () => {
    expect(parseListQuery({})).toEqual({ sort: "name", dir: "asc", pageSize: 50 });
    expect(serializeListQuery(parseListQuery({})).toString()).toBe("");
  });

  test.each([
    ["q=acme", { q: "acme" }],
    ["kind=ENTERPRISE", { kind: "ENTERPRISE" }],
    ["region=East+China", { region: "East China" }],
    ["industry=Retail", { industry: "Retail" }],
    ["owner=me", { owner: { kind: "me" } }],
    ["owner=none", { owner: { kind: "none" } }],
    ["owner=7", { owner: { kind: "user", id: 7 } }],
    ["tier=VIP", { tier: "VIP" }],
    ["abc=A", { abc: "A" }],
    ["stage=DECLINE", { stage: "DECLINE" }],
    ["rfm=at_risk", { rfm: "at_risk" }],
    ["segment=3", { segment: 3 }],
    ["noContact=90", { noContactDays: 90 }],
    ["dnc=phone", { dnc: "phone" }],
  ])("%s parses and round-trips", (qs, expected) => {
    const query = parseListQuery(new URLSearchParams(qs));
    expect(query).toMatchObject(expected);
    expect(serializeListQuery(query).toString()).toBe(qs);
    expect(hasFilters(query)).toBe(true);
  });

  test.each([
    "kind=ALIEN",
    "tier=gold",
    "owner=-1",
    "owner=abc",
    "segment=0",
    "noContact=-5",
    "noContact=99999999",
    "rfm=bogus",
    "dnc=maybe",
    "sort=password",
    "size=7",
    "after=not-a-cursor",
    "region=",
  ])("a bad or hand-edited value (%s) falls back to the default instead of failing", (qs) => {
    expect(parseListQuery(new URLSearchParams(qs))).toEqual({ sort: "name", dir: "asc", pageSize: 50 });
  });

  test("drill-down periods are real calendar days, and a tier migration needs both its period and its tier", () => {
    expect(parseListQuery({ period: "2026-06-30", fromPeriod: "2026-03-31", fromTier: "NEW" })).toMatchObject({ period: "2026-06-30", fromPeriod: "2026-03-31", fromTier: "NEW" });
    expect(parseListQuery({ period: "2026-02-30" }).period).toBeUndefined();
    expect(parseListQuery({ period: "30/06/2026" }).period).toBeUndefined();
    const half = parseListQuery({ fromTier: "VIP" });
    expect(half.fromTier).toBeUndefined();
    expect(parseListQuery({ fromPeriod: "2026-03-31", fromTier: "GOLD" }).fromPeriod).toBeUndefined();
    expect(serializeListQuery(parseListQuery({ tier: "VIP", fromPeriod: "2026-03-31", fromTier: "MAJOR", period: "2026-06-30" })).toString()).toBe(
      "tier=VIP&period=2026-06-30&fromPeriod=2026-03-31&fromTier=MAJOR",
    );
  });

  test("each sort has its natural direction, and only a different one is written", () => {
    expect(parseListQuery({ sort: "spend" })).toMatchObject({ sort: "spend", dir: "desc" });
    expect(serializeListQuery(parseListQuery({ sort: "spend" })).toString()).toBe("sort=spend");
    expect(serializeListQuery(parseListQuery({ sort: "spend", dir: "asc" })).toString()).toBe("sort=spend&dir=asc");
  });

  test("cursors survive the URL, including unicode names and the nulls-last tail", () => {
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 40 }), { nil: null }), fc.integer({ min: 1, max: 2_000_000_000 }), (v, id) => {
        expect(decodeCursor(encodeCursor({ v, id }))).toEqual({ v, id });
      }),
    );
    const query = parseListQuery({ after: encodeCursor({ v: "张伟", id: 5 }) });
    expect(query.after).toEqual({ v: "张伟", id: 5 });
    expect(withoutPaging(query).after).toBeUndefined();
  });

  test("a page position is either after or before, never both", () => {
    const after = encodeCursor({ v: "1", id: 1 });
    const before = encodeCursor({ v: "2", id: 2 });
    const query = parseListQuery({ after, before });
    expect(query.after).toEqual({ v: "1", id: 1 });
    expect(query.before).toBeUndefined();
  });
});

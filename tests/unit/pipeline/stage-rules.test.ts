import { describe, expect, test } from "vitest";
import { checkStageChange, stageEffects } from "@/lib/opportunities/rules/stage-rules";
import { canTransition } from "@/lib/quotes/rules/quote-status";
import { parseOpportunityQuery, serializeOpportunityQuery } from "@/lib/opportunities/rules/list-query";
import { daysSince, isStale, parseStaleDays } from "@/lib/opportunities/rules/stale";

describe("stage rules", () => {
  test.each([
    ["PROSPECTING", "LOST", null, false, "lostReasonRequired"],
    ["PROSPECTING", "LOST", "   ", false, "lostReasonRequired"],
    ["PROSPECTING", "LOST", "Price", false, null],
    ["PROPOSAL", "WON", null, false, null],
    ["WON", "NEGOTIATION", null, true, "wonHasOrder"],
    ["WON", "NEGOTIATION", null, false, null],
    ["LOST", "QUALIFICATION", null, false, null],
  ] as const)("%s → %s (reason %j, order %s): %s", (from, to, lostReason, hasOrder, expected) => {
    expect(checkStageChange({ from, to, lostReason, hasOrder })).toBe(expected);
  });

  test("effects: default probability, closedAt only when closed, reason only when lost", () => {
    const now = new Date("2026-05-01T10:00:00Z");
    expect(stageEffects("PROPOSAL", "ignored", now)).toEqual({ probability: 50, closedAt: null, lostReason: null });
    expect(stageEffects("WON", null, now)).toEqual({ probability: 100, closedAt: now, lostReason: null });
    expect(stageEffects("LOST", " Budget cut ", now)).toEqual({ probability: 0, closedAt: now, lostReason: "Budget cut" });
  });
});

describe("stale deals", () => {
  const now = new Date("2026-05-15T12:00:00Z");
  test.each([
    ["2026-05-01T11:59:59Z", 14, true],
    ["2026-05-01T12:00:00Z", 14, false],
    ["2026-05-10T00:00:00Z", 3, true],
  ])("last activity %s, N = %i: stale %s", (at, days, stale) => expect(isStale(new Date(at), now, days)).toBe(stale));

  test.each([
    [undefined, 14],
    ["7", 7],
    ["0", 14],
    ["abc", 14],
    ["400", 14],
    [["30", "2"], 30],
  ])("parseStaleDays(%j) = %i", (value, days) => expect(parseStaleDays(value)).toBe(days));

  test("a missing or invalid N falls back to the configured default", () => {
    expect(parseStaleDays(undefined, 21)).toBe(21);
    expect(parseStaleDays("x", 21)).toBe(21);
    expect(parseStaleDays("5", 21)).toBe(5);
  });

  test("days since", () => expect(daysSince(new Date("2026-05-01T12:00:00Z"), now)).toBe(14));
});

describe("quote status", () => {
  test.each([
    ["DRAFT", "SENT", true],
    ["DRAFT", "ACCEPTED", false],
    ["SENT", "ACCEPTED", true],
    ["SENT", "REJECTED", true],
    ["ACCEPTED", "REJECTED", false],
    ["REJECTED", "SENT", false],
  ] as const)("%s → %s allowed: %s", (from, to, ok) => expect(canTransition(from, to)).toBe(ok));
});

describe("opportunity list query", () => {
  test("round-trips through the URL and drops defaults", () => {
    const q = parseOpportunityQuery({ q: " acme ", stage: "PROPOSAL", ownerId: "4", closeFrom: "2026-01-01", stale: "1", staleDays: "30", sort: "amount", page: "2" });
    expect(q).toMatchObject({ q: "acme", stage: "PROPOSAL", ownerId: 4, closeFrom: "2026-01-01", staleOnly: true, staleDays: 30, sort: "amount", dir: "desc", page: 2 });
    expect(parseOpportunityQuery(Object.fromEntries(serializeOpportunityQuery(q)))).toEqual(q);
    expect(serializeOpportunityQuery(parseOpportunityQuery({})).toString()).toBe("");
  });

  test("junk falls back to defaults", () => {
    expect(parseOpportunityQuery({ stage: "NOPE", sort: "x", dir: "up", page: "-3", ownerId: "abc", closeTo: "31/12/2026" })).toMatchObject({
      stage: undefined,
      sort: "close",
      dir: "asc",
      page: 1,
      ownerId: undefined,
      closeTo: undefined,
    });
  });
});

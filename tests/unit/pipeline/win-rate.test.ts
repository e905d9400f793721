import { describe, expect, test } from "vitest";
import { averageDealCents, conversionRate, conversionRows, winRate, winRateRows } from "@/lib/dashboards/rules/win-rate";

describe("win rate and conversion", () => {
  test.each([
    [3, 1, 0.75],
    [0, 4, 0],
    [2, 0, 1],
    [0, 0, null],
  ])("winRate(%i won, %i lost) = %s", (won, lost, rate) => expect(winRate(won, lost)).toBe(rate));

  test.each([
    [1, 4, 0.25],
    [0, 3, 0],
    [0, 0, null],
  ])("conversionRate(%i of %i) = %s", (c, n, rate) => expect(conversionRate(c, n)).toBe(rate));

  test("refuses impossible counts", () => {
    expect(() => winRate(-1, 0)).toThrow();
    expect(() => conversionRate(5, 4)).toThrow();
  });

  test("average deal size is exact in cents", () => {
    expect(averageDealCents(100n, 3)).toBe(33n);
    expect(averageDealCents(200n, 3)).toBe(67n);
    expect(averageDealCents(0n, 0)).toBeNull();
  });

  test("rows sort by rate, then by closed deals; no rate last", () => {
    const rows = winRateRows([
      { key: "a", won: 1, lost: 1, wonCents: 10n },
      { key: "b", won: 0, lost: 0, wonCents: 0n },
      { key: "c", won: 3, lost: 1, wonCents: 30n },
      { key: "d", won: 2, lost: 2, wonCents: 20n },
    ]);
    expect(rows.map((r) => r.key)).toEqual(["c", "d", "a", "b"]);
    expect(rows[0]).toMatchObject({ closed: 4, rate: 0.75, averageDealCents: 10n });
    expect(conversionRows([{ source: "web", leads: 2, converted: 1 }, { source: "event", leads: 5, converted: 0 }]).map((r) => [r.source, r.rate])).toEqual([
      ["event", 0],
      ["web", 0.5],
    ]);
  });
});

import { describe, expect, test } from "vitest";
import { buildFunnel } from "@/lib/dashboards/rules/funnel";
import { STAGES } from "@/lib/opportunities/rules/stages";

describe("buildFunnel", () => {
  test("every stage in pipeline order, zero when empty, open shares of the open amount", () => {
    const f = buildFunnel([
      { stage: "PROPOSAL", count: 2, amountCents: 300n },
      { stage: "PROSPECTING", count: 1, amountCents: 100n },
      { stage: "WON", count: 4, amountCents: 1_000n },
      { stage: "LOST", count: 1, amountCents: 50n },
    ]);
    expect(f.rows.map((r) => r.stage)).toEqual([...STAGES]);
    expect(f.rows.map((r) => r.count)).toEqual([1, 0, 2, 0, 4, 1]);
    expect(f.rows.map((r) => r.openShare)).toEqual([0.25, 0, 0.75, 0, null, null]);
    expect(f).toMatchObject({ openCount: 3, openCents: 400n, wonCount: 4, wonCents: 1_000n, lostCount: 1, lostCents: 50n });
  });

  test("groups of the same stage add up; an empty pipeline has zero shares", () => {
    const f = buildFunnel([
      { stage: "WON", count: 1, amountCents: 10n },
      { stage: "WON", count: 2, amountCents: 5n },
    ]);
    expect(f.wonCount).toBe(3);
    expect(f.wonCents).toBe(15n);
    expect(f.rows.filter((r) => r.open).every((r) => r.openShare === 0)).toBe(true);
  });
});

import { describe, expect, it, test } from "vitest";
import fc from "fast-check";
import { computeRfm, fmScore, RFM_GROUPS, rfmGroup } from "@/lib/scoring/rules/rfm";
import type { RfmGroup, RfmTransaction } from "@/lib/scoring/rules/rfm";

describe("rfmGroup (R × FM map)", () => {
  test.each<[number, number, number, RfmGroup]>([
    [5, 5, 5, "champions"],
    [5, 4, 4, "champions"],
    [5, 4, 3, "champions"],
    [4, 5, 5, "loyal"],
    [3, 4, 4, "loyal"],
    [5, 3, 3, "potential_loyalist"],
    [4, 2, 1, "potential_loyalist"],
    [5, 1, 1, "new"],
    [4, 1, 1, "promising"],
    [3, 3, 3, "need_attention"],
    [3, 2, 2, "about_to_sleep"],
    [3, 1, 1, "about_to_sleep"],
    [2, 4, 3, "at_risk"],
    [1, 3, 3, "at_risk"],
    [2, 5, 5, "cant_lose"],
    [1, 5, 4, "cant_lose"],
    [2, 2, 1, "hibernating"],
    [1, 2, 2, "hibernating"],
    [2, 1, 1, "hibernating"],
    [1, 1, 1, "lost"],
    [1, 1, 2, "hibernating"],
  ])("R%d F%d M%d → %s", (r, f, m, group) => {
    expect(rfmGroup(r, f, m)).toBe(group);
  });

  test.each([
    [1, 1, 1],
    [1, 2, 2],
    [4, 5, 5],
    [2, 3, 3],
    [5, 5, 5],
  ])("fmScore(%d, %d) = %d (half rounds up)", (f, m, fm) => {
    expect(fmScore(f, m)).toBe(fm);
  });

  it("maps every one of the 125 codes to a known group and uses all 11 groups", () => {
    const used = new Set<RfmGroup>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) used.add(rfmGroup(r, f, m));
    expect([...used].sort()).toEqual([...RFM_GROUPS].sort());
  });

  test.each([
    [0, 1, 1],
    [6, 1, 1],
    [1, 2.5, 1],
  ])("rejects scores out of range (%d, %d, %d)", (r, f, m) => {
    expect(() => rfmGroup(r, f, m)).toThrow(RangeError);
  });
});

describe("computeRfm", () => {
  const tx = (customerId: string, day: number, amount: number): RfmTransaction => ({ customerId, day, amount });

  it("computes recency, frequency and monetary within the window", () => {
    const rows = computeRfm(
      [tx("a", 5, 10), tx("a", 9, 20), tx("a", 20, 999), tx("b", 1, 5), tx("b", 0, 1000), tx("c", 10, 1)],
      { from: 1, to: 10 },
    );
    const a = rows.find((r) => r.customerId === "a");
    expect(a).toMatchObject({ recencyDays: 1, frequency: 2, monetary: 30 });
    const b = rows.find((r) => r.customerId === "b");
    expect(b).toMatchObject({ recencyDays: 9, frequency: 1, monetary: 5 });
  });

  it("gives customers without a purchase in the window 1/1/1, lost, and leaves them out of the ranking", () => {
    const rows = computeRfm([tx("a", 5, 10), tx("b", 6, 20), tx("dormant", -100, 5000)], {
      from: 0,
      to: 10,
      customerIds: ["never"],
    });
    for (const id of ["dormant", "never"]) {
      expect(rows.find((r) => r.customerId === id)).toEqual({
        customerId: id,
        recencyDays: null,
        frequency: 0,
        monetary: 0,
        r: 1,
        f: 1,
        m: 1,
        code: "111",
        group: "lost",
      });
    }
    // With only two active customers the more recent, bigger spender lands in the upper half.
    const b = rows.find((r) => r.customerId === "b");
    expect(b?.r).toBeGreaterThan(rows.find((r) => r.customerId === "a")?.r ?? 5);
  });

  it("scores the most recent customer R = 5 and builds the code", () => {
    const rows = computeRfm(
      [1, 2, 3, 4, 5].flatMap((i) => Array.from({ length: i }, (_, k) => tx(`c${i}`, i * 10 - k, i * 100))),
      { from: 0, to: 50 },
    );
    expect(rows.find((r) => r.customerId === "c5")).toMatchObject({ r: 5, f: 5, m: 5, code: "555", group: "champions" });
    expect(rows.find((r) => r.customerId === "c1")).toMatchObject({ r: 1, f: 1, m: 1, code: "111", group: "lost" });
  });

  const transactions = fc.array(
    fc.record({
      customerId: fc.integer({ min: 1, max: 40 }).map(String),
      day: fc.integer({ min: 0, max: 400 }),
      amount: fc.integer({ min: 1, max: 500 }),
    }),
    { maxLength: 300 },
  );

  it("property: scores in 1..5, one row per customer, equal values share scores, recency monotone", () => {
    fc.assert(
      fc.property(transactions, (txs) => {
        const rows = computeRfm(txs, { from: 100, to: 365 });
        expect(new Set(rows.map((r) => r.customerId)).size).toBe(new Set(txs.map((t) => t.customerId)).size);
        for (const row of rows) {
          for (const s of [row.r, row.f, row.m]) {
            expect(Number.isInteger(s)).toBe(true);
            expect(s).toBeGreaterThanOrEqual(1);
            expect(s).toBeLessThanOrEqual(5);
          }
          expect(row.code).toBe(`${row.r}${row.f}${row.m}`);
          expect(RFM_GROUPS).toContain(row.group);
        }
        const active = rows.filter((r) => r.recencyDays !== null);
        for (const p of active) {
          for (const q of active) {
            if (p.recencyDays === q.recencyDays) expect(p.r).toBe(q.r);
            if ((p.recencyDays ?? 0) < (q.recencyDays ?? 0)) expect(p.r).toBeGreaterThanOrEqual(q.r);
            if (p.monetary > q.monetary) expect(p.m).toBeGreaterThanOrEqual(q.m);
            if (p.frequency === q.frequency) expect(p.f).toBe(q.f);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("rejects a window that ends before it starts", () => {
    expect(() => computeRfm([], { from: 10, to: 9 })).toThrow(RangeError);
  });
});

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { divRoundHalfUp, formatBasisPoints, formatCents, parseBasisPoints, parseCents } from "@/lib/platform/money";
import { lineTotalCents, orderLinesFromQuote, quoteTotals } from "@/lib/quotes/rules/quote-totals";

describe("money parsing", () => {
  test.each([
    ["19.99", 1999n],
    ["0.5", 50n],
    ["12", 1200n],
    ["-3.10", -310n],
    ["1.999", null],
    ["abc", null],
    ["", null],
  ])("parseCents(%j) = %s", (text, cents) => expect(parseCents(text)).toBe(cents));

  test.each([
    ["7.5", 750n],
    ["0", 0n],
    ["100", 10_000n],
    ["100.01", null],
    ["-1", null],
  ])("parseBasisPoints(%j) = %s", (text, bp) => expect(parseBasisPoints(text)).toBe(bp));

  test("formatting round-trips", () => {
    expect(formatCents(5547n)).toBe("55.47");
    expect(formatCents(-5n)).toBe("-0.05");
    expect(formatBasisPoints(750n)).toBe("7.50");
  });

  test.each([
    [5n, 10n, 1n],
    [4n, 10n, 0n],
    [15n, 10n, 2n],
    [-15n, 10n, -2n],
  ])("divRoundHalfUp(%s, %s) = %s", (n, d, q) => expect(divRoundHalfUp(n, d)).toBe(q));
});

describe("quote totals (round each line half-up, then the quote discount half-up)", () => {
  test("3 × 19.99 with a 7.5 % quote discount", () => {
    const t = quoteTotals([{ quantity: 3, unitPriceCents: 1999n, discountBp: 0n }], 750n);
    expect(t.subtotal).toBe(5997n);
    // 59.97 × 0.925 = 55.47225 → 55.47
    expect(t.total).toBe(5547n);
    expect(t.discount).toBe(450n);
  });

  test("each line is rounded before summing: two lines of 0.333… round separately", () => {
    // 1 × 0.01 at 50 % = 0.005 → 0.01 per line (half-up), so 0.02, not round(0.01) = 0.01
    const line = { quantity: 1, unitPriceCents: 1n, discountBp: 5000n };
    expect(lineTotalCents(line)).toBe(1n);
    expect(quoteTotals([line, line], 0n).subtotal).toBe(2n);
  });

  test.each([
    // quantity, unit, line discount bp, expected line cents
    [1, 1000n, 0n, 1000n],
    [2, 1999n, 1000n, 3598n], // 39.98 × 0.9 = 35.982 → 35.98
    [7, 333n, 1250n, 2040n], // 23.31 × 0.875 = 20.39625 → 20.40
    [1, 5n, 1000n, 5n], // 0.045 → 0.05 (half-up)
    [3, 100n, 10_000n, 0n],
  ])("line %i × %s at %s bp = %s", (quantity, unitPriceCents, discountBp, expected) =>
    expect(lineTotalCents({ quantity, unitPriceCents, discountBp })).toBe(expected),
  );

  test("a quote with no lines totals zero", () => {
    expect(quoteTotals([], 1000n)).toEqual({ lineTotals: [], subtotal: 0n, discount: 0n, total: 0n });
  });

  test("total never exceeds the subtotal and is never negative (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 1000 }), unitPriceCents: fc.bigInt({ min: 0n, max: 10_000_000n }), discountBp: fc.bigInt({ min: 0n, max: 10_000n }) }), { maxLength: 8 }),
        fc.bigInt({ min: 0n, max: 10_000n }),
        (lines, bp) => {
          const t = quoteTotals(lines, bp);
          return t.total >= 0n && t.total <= t.subtotal && t.subtotal === t.lineTotals.reduce((a, b) => a + b, 0n);
        },
      ),
    );
  });
});

describe("order lines from a quote", () => {
  test("lines add up to the quote total exactly; margin is total minus cost", () => {
    const result = orderLinesFromQuote(
      [
        { quantity: 3, unitPriceCents: 1999n, discountBp: 0n, unitCostCents: 1200n },
        { quantity: 1, unitPriceCents: 4999n, discountBp: 1000n, unitCostCents: 3000n },
      ],
      750n,
    );
    // lines 59.97 + 44.99 (49.99 × 0.9 = 44.991) = 104.96; × 0.925 = 97.088 → 97.09
    expect(result.total).toBe(9709n);
    expect(result.lines.reduce((a, l) => a + l.lineTotal, 0n)).toBe(9709n);
    expect(result.cost).toBe(3n * 1200n + 3000n);
    expect(result.margin).toBe(9709n - 6600n);
    // discount is money: gross minus what the line contributes
    expect(result.lines[0].discount + result.lines[0].lineTotal).toBe(5997n);
  });

  test("the lines always sum to the total (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 50 }), unitPriceCents: fc.bigInt({ min: 0n, max: 1_000_000n }), discountBp: fc.bigInt({ min: 0n, max: 10_000n }), unitCostCents: fc.bigInt({ min: 0n, max: 1_000_000n }) }), { minLength: 1, maxLength: 6 }),
        fc.bigInt({ min: 0n, max: 10_000n }),
        (lines, bp) => {
          const r = orderLinesFromQuote(lines, bp);
          return r.lines.reduce((a, l) => a + l.lineTotal, 0n) === r.total && r.lines.every((l) => l.lineTotal >= 0n);
        },
      ),
    );
  });
});

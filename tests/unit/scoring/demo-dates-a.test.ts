import { describe, expect, test } from "vitest";
import { DEMO_DAYS, checkDemoDay } from "@/tests/support/demo-dates";

// The demo company's first start on 40 days over three years (tests/support/demo-dates.ts), split in
// two files so the two test workers share the work.
describe("the demo company scores sanely on any day (newest 20 days)", () => {
  test.each(DEMO_DAYS.slice(0, 20))("as of %s", (day) => {
    checkDemoDay(day);
  });

  test("the days span three years and start with the day the first start broke", () => {
    expect(DEMO_DAYS[0]).toBe("2026-12-01");
    expect((Date.parse(DEMO_DAYS[0]) - Date.parse(DEMO_DAYS.at(-1) as string)) / 86_400_000).toBeGreaterThan(2.9 * 365);
    expect(new Set(DEMO_DAYS).size).toBe(40);
  });
});

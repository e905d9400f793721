import { describe, test } from "vitest";
import { DEMO_DAYS, checkDemoDay } from "@/tests/support/demo-dates";

// The demo company's first start on 40 days over three years (tests/support/demo-dates.ts), split in
// two files so the two test workers share the work.
describe("the demo company scores sanely on any day (oldest 20 days)", () => {
  test.each(DEMO_DAYS.slice(20, 40))("as of %s", (day) => {
    checkDemoDay(day);
  });
});

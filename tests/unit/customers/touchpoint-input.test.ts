import { afterEach, describe, expect, test } from "vitest";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { touchpointInputSchema } from "@/lib/touchpoints/schema";
import { HOUR_MS, TEST_NOW } from "../../support/clock";

const at = (ms: number) => new Date(TEST_NOW.getTime() + ms).toISOString();
const parse = (occurredAt: string) => touchpointInputSchema.safeParse({ channel: "PHONE", direction: "OUTBOUND", occurredAt, summary: "Call" });

afterEach(resetClock);

describe("a touchpoint's time is judged by the app's clock", () => {
  test("an empty time means the clock's now; up to an hour ahead is fine, more is refused", () => {
    fixClock(TEST_NOW);
    const empty = parse("");
    expect(empty.success && empty.data.occurredAt).toEqual(TEST_NOW);
    expect(parse(at(30 * 60_000)).success).toBe(true);
    expect(parse(at(2 * HOUR_MS)).error?.issues[0].message).toBe("touchpoints.errors.future");
  });

  test("the same instant is accepted once the clock has moved past it", () => {
    fixClock(TEST_NOW.getTime() + 2 * HOUR_MS);
    expect(parse(at(2 * HOUR_MS)).success).toBe(true);
  });
});

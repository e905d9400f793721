import { describe, expect, test } from "vitest";
import { demoDataDecision } from "@/lib/platform/db/demo-data";

const SERVER = "postgresql://summit:secret@db.example.com:5432/summit";

describe("whether a start may load the demo company", () => {
  test.each([
    // [SUMMIT_DEMO_DATA, DATABASE_URL, NODE_ENV, allowed]
    [undefined, undefined, undefined, true], // npm run dev on a laptop
    [undefined, undefined, "production", true], // npm run demo: next start on the embedded database
    [undefined, SERVER, undefined, true], // npm run seed against a developer's server
    [undefined, SERVER, "development", true],
    [undefined, SERVER, "production", false], // a production server: never by default
    ["on", SERVER, "production", true], // unless switched on
    ["ON", SERVER, "production", true],
    ["off", undefined, undefined, false],
    ["off", undefined, "production", false],
    ["yes", undefined, undefined, false], // a typo must not load published passwords
    ["", SERVER, "production", false],
    ["", undefined, undefined, true],
  ])("SUMMIT_DEMO_DATA=%j, DATABASE_URL=%j, NODE_ENV=%j → %s", (demo, url, nodeEnv, allowed) => {
    expect(demoDataDecision({ SUMMIT_DEMO_DATA: demo, DATABASE_URL: url, NODE_ENV: nodeEnv }).allowed).toBe(allowed);
  });

  test("a refusal says why, and whether it was asked for", () => {
    expect(demoDataDecision({ SUMMIT_DEMO_DATA: "off" })).toMatchObject({ allowed: false, explicit: true });
    expect(demoDataDecision({ DATABASE_URL: SERVER, NODE_ENV: "production" })).toMatchObject({ allowed: false, explicit: false, reason: expect.stringContaining("SUMMIT_DEMO_DATA=on") });
  });
});

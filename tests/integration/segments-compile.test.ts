import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SqlParams } from "@/lib/platform/db/sql-builder";
import { enumArrayLiteral } from "@/lib/platform/db/enum-array";
import { compileRule } from "@/lib/segments/rules/compile";
import { evaluateRule } from "@/lib/segments/rules/evaluate";
import { parseRule, type Rule } from "@/lib/segments/rules/rule";
import { TEST_NOW } from "../support/clock";
import { type SegmentDataSet, writeSegmentDataSet } from "../support/segment-data";
import { ruleArbitrary } from "../support/segment-rules";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * The compiled SQL of a rule returns exactly the customers the straightforward in-memory evaluation
 * (lib/segments/rules/evaluate.ts) returns, on random rules over a random company — on the engine this
 * run uses (PGlite, or PostgreSQL with TEST_DATABASE_URL). The seed is fixed so CI is reproducible;
 * SEGMENT_PROPERTY_SEED overrides it, and a failure prints the seed and the shrunk rule.
 */
const SEED = Number(process.env.SEGMENT_PROPERTY_SEED ?? 20_261_101);
const RUNS = Number(process.env.SEGMENT_PROPERTY_RUNS ?? 200);
const ZONES = ["Asia/Shanghai", "America/New_York", "UTC"] as const;

let db: TestDatabase;
let data: SegmentDataSet;

beforeAll(async () => {
  db = await createTestDatabase();
  data = await writeSegmentDataSet(db, { seed: SEED, count: 200, now: TEST_NOW });
  [{ p: resolvedPeriod }] = await db.sql.query<{ p: string | null }>(`SELECT max("periodEnd")::text AS p FROM "ScoreRun"`);
});

afterAll(async () => {
  await db?.close();
});

/** The newest period as ruleContext resolves it (text, as stored); `undefined` compiles the sub-select instead. */
let resolvedPeriod: string | null;

async function sqlIds(rule: Rule, timeZone: string, currentPeriod?: string | null): Promise<number[]> {
  const params = new SqlParams();
  const predicate = compileRule(rule, params, { now: TEST_NOW, timeZone, ...(currentPeriod === undefined ? {} : { currentPeriod }) });
  const rows = await db.sql.query<{ id: number }>(`SELECT c."id" FROM "Customer" c WHERE c."deletedAt" IS NULL AND ${predicate} ORDER BY c."id"`, params.values);
  return rows.map((r) => r.id);
}

const context = (timeZone: string) => ({ now: TEST_NOW, timeZone, currentPeriod: "2026-06-09" });

describe("segment rules: compiled SQL = in-memory evaluation", () => {
  test("the data set is varied enough to mean something", () => {
    expect(data.customers.length).toBeGreaterThan(150);
    expect(data.deletedIds.length).toBeGreaterThan(0);
    const all = { type: "group", op: "and", children: [{ type: "condition", field: "orderCount", op: "gte", value: 0 }] } as Rule;
    expect(evaluateRule(data.customers, all, context("UTC"))).toHaveLength(data.customers.length);
  });

  test("deleted customers are never members, even of a rule everyone matches", async () => {
    const everyone = parseRule({ type: "group", op: "or", children: [{ type: "condition", field: "externalId", op: "isEmpty" }, { type: "condition", field: "externalId", op: "isNotEmpty" }] });
    if (!everyone.ok) throw new Error("rule");
    const ids = await sqlIds(everyone.rule, "UTC");
    expect(ids).toEqual(data.customers.map((c) => c.id).sort((a, b) => a - b));
    for (const id of data.deletedIds) expect(ids).not.toContain(id);
  });

  test(`${RUNS} random rules (seed ${SEED}) select the same customers`, async () => {
    let nonTrivial = 0;
    await fc.assert(
      fc.asyncProperty(ruleArbitrary(data), fc.constantFrom(...ZONES), async (raw, timeZone) => {
        const parsed = parseRule(raw);
        if (!parsed.ok) throw new Error(`generated an invalid rule: ${JSON.stringify(parsed.issues)}`);
        expect(parsed.depth).toBeGreaterThanOrEqual(3);
        const expected = evaluateRule(data.customers, parsed.rule, context(timeZone));
        if (expected.length > 0 && expected.length < data.customers.length) nonTrivial += 1;
        expect(await sqlIds(parsed.rule, timeZone)).toEqual(expected);
        // The refresh and the preview compile "current" to the period resolved once (a parameter).
        expect(await sqlIds(parsed.rule, timeZone, resolvedPeriod)).toEqual(expected);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: false },
    );
    // Most random rules split the customers: the comparison is not "both empty" over and over.
    expect(nonTrivial).toBeGreaterThan(RUNS / 3);
  });

  test("with nothing scored yet, a resolved current period (null) means no scores, like the sub-select", async () => {
    const parsed = parseRule({ type: "group", op: "or", children: [{ type: "condition", field: "tier", op: "in", value: ["VIP"] }, { type: "condition", field: "churnRisk", op: "neq", value: 0.5 }] });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(resolvedPeriod).toBe("2026-06-09 00:00:00");
    // churnRisk ≠ 0.5 is true without a score: with no period everyone (not deleted) matches.
    expect(await sqlIds(parsed.rule, "UTC", null)).toEqual(data.customers.map((c) => c.id).sort((a, b) => a - b));
  });

  test.each([
    ["tier in VIP (current period)", { type: "condition", field: "tier", op: "in", value: ["VIP"] }],
    ["tier not in VIP in a period nobody was scored (everyone)", { type: "condition", field: "tier", period: "2025-12-31", op: "notIn", value: ["VIP"] }],
    ["churn risk ≠ 0.5 (true without a score)", { type: "condition", field: "churnRisk", op: "neq", value: 0.5 }],
    ["spend in the last 30 days < 100 (never bought counts 0)", { type: "condition", field: "spend", days: 30, op: "lt", value: "100" }],
    ["last phone call not within 90 days", { type: "condition", field: "lastTouchpoint", channel: "PHONE", op: "notWithinLastDays", value: 90 }],
    ["last purchase exactly 365 days ago counts as within", { type: "condition", field: "lastPurchase", op: "withinLastDays", value: 365 }],
    ["industry not in Retail (true when missing)", { type: "condition", field: "industry", op: "notIn", value: ["Retail"] }],
    ["industry is empty (blank counts)", { type: "condition", field: "industry", op: "isEmpty" }],
    ["source contains a LIKE wildcard literally", { type: "condition", field: "source", op: "contains", value: "%" }],
    ["open tickets between 1 and 2", { type: "condition", field: "openTickets", op: "between", value: [1, 2] }],
  ])("%s", async (_name, condition) => {
    const parsed = parseRule({ type: "group", op: "and", children: [condition] });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    for (const zone of ZONES) expect(await sqlIds(parsed.rule, zone)).toEqual(evaluateRule(data.customers, parsed.rule, context(zone)));
  });

  test("enum lists reach the planner as constants: a tier condition is estimated from the statistics", async () => {
    // With the earlier text[] → enum[] cast the planner could not fold the list and estimated nearly
    // every score row of the period; as a constant it reads the tier's share off the statistics.
    await db.sql.exec(`ANALYZE "CustomerScore"`);
    const [{ n: actual }] = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "CustomerScore" WHERE "periodEnd" = $1::timestamp AND "tier" = 'VIP'`,
      [resolvedPeriod],
    );
    const [{ n: period }] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "CustomerScore" WHERE "periodEnd" = $1::timestamp`, [resolvedPeriod]);
    expect(actual).toBeGreaterThan(0);
    expect(actual).toBeLessThan(period / 2);
    const params = new SqlParams();
    const predicate = compileRule({ type: "group", op: "and", children: [{ type: "condition", field: "tier", period: "current", op: "in", value: ["VIP"] }] }, params, {
      now: TEST_NOW,
      timeZone: "UTC",
      currentPeriod: resolvedPeriod,
    });
    const plan = await db.sql.query<{ "QUERY PLAN": unknown }>(`EXPLAIN (FORMAT JSON) SELECT c."id" FROM "Customer" c WHERE ${predicate}`, params.values);
    const text = JSON.stringify(plan[0]["QUERY PLAN"]);
    expect(text).toContain(`'{VIP}'::\\"Tier\\"[]`);
    const estimates = [...text.matchAll(/"Relation Name":"CustomerScore"[^}]*?"Plan Rows":(\d+)/g)].map((m) => Number(m[1]));
    expect(estimates.length).toBeGreaterThan(0);
    for (const rows of estimates) expect(rows).toBeLessThan(period / 2);
  });
});

describe("enumArrayLiteral", () => {
  test("quotes every label and escapes quotes and backslashes", () => {
    expect(enumArrayLiteral(["VIP", "MAJOR"])).toBe(`{"VIP","MAJOR"}`);
    expect(enumArrayLiteral([])).toBe("{}");
    expect(enumArrayLiteral([`a"b`, "c\\d", "e,f"])).toBe(`{"a\\"b","c\\\\d","e,f"}`);
  });

  test("the server reads it back as the same labels", async () => {
    const labels = ["VIP", `we"ird`, "back\\slash", "com,ma", "{brace}"];
    const [{ back }] = await db.sql.query<{ back: string[] }>(`SELECT $1::text[] AS back`, [enumArrayLiteral(labels)]);
    expect(back).toEqual(labels);
  });
});

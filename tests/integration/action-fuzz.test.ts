import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { allActions } from "@/tests/support/action-registry";
import type { Actor } from "@/lib/platform/auth/permissions";
import { fixClock, resetClock } from "@/lib/platform/clock";
import type { RegisteredAction } from "@/lib/platform/form-action";
import { createExampleRecords, type Example, exampleFor, type ExampleRecords } from "../support/action-examples";
import { auditSince, callAs, lastAuditId, type Outcome } from "../support/actions";
import { TEST_NOW } from "../support/clock";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * Every registered server action (tests/support/action-registry.ts: a new action cannot be missed), posted
 * seeded random and malformed input as each role. Whatever arrives:
 * - the action answers a result (or a redirect after a success): nothing is thrown, nothing is logged
 *   as unexpected (the factory's generic failure is what a 500 would have been);
 * - Object.prototype is never polluted;
 * - hostile forms (a prototype key, a file, a repeated field, an oversize value, a key too deep)
 *   are refused before the schema: no row is written and no audit row either;
 * - malformed values on the actions' real field names write no row unless the action answered
 *   success, and any audit row a refusal adds is a DENIED one.
 * Row writes are counted by a trigger on every business table, so a write rolled back is no write.
 */

const next = vi.hoisted(() => ({ cookies: new Map<string, string>() }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (next.cookies.has(name) ? { name, value: next.cookies.get(name) } : undefined), set: (name: string, value: string) => next.cookies.set(name, value) }),
  headers: async () => new Headers(),
}));

let db: TestDatabase;
let people: People;
let records: ExampleRecords;
let unexpected: unknown[] = [];
/** Malformed input that happens to be valid (a lead named "NaN") may be saved: counted, not failed. */
const accepts = new Map<string, number>();
const SEED = 20260610;

beforeAll(async () => {
  fixClock(TEST_NOW);
  db = await createTestDatabase();
  people = await createPeople(db);
  const p = db.prisma;
  // A few records of each kind, so that refusals happen in the data layer too, not only in the schema.
  for (const [name, owner] of [["East Buyer", people.repEast], ["West Buyer", people.repWest]] as const) {
    const c = await p.customer.create({ data: { kind: "ENTERPRISE", name, region: "East China", ownerId: owner.id } });
    await p.contact.create({ data: { customerId: c.id, name: `${name} Contact` } });
    await p.lead.create({ data: { name: `${name} Lead`, source: "Web", ownerId: owner.id, teamId: owner.teamId } });
    await p.opportunity.create({ data: { name: `${name} Deal`, customerId: c.id, ownerId: owner.id, amount: "100.00", stage: "PROPOSAL", probability: 50, expectedCloseDate: TEST_NOW } });
    await p.task.create({ data: { title: `${name} Task`, ownerId: owner.id, dueAt: TEST_NOW } });
    await p.appointment.create({ data: { title: `${name} Visit`, ownerId: owner.id, startsAt: TEST_NOW, endsAt: new Date(TEST_NOW.getTime() + 3_600_000) } });
  }
  records = await createExampleRecords(db, people, TEST_NOW);
  const category = await p.productCategory.create({ data: { name: "Hardware" } });
  await p.product.create({ data: { sku: "W-1", name: "Widget", categoryId: category.id, listPrice: "1.00", unitCost: "0.50" } });
  await p.partner.create({ data: { name: "Alpha Channel" } });
  // A score run "in progress": an admin's recompute is refused by the rule instead of starting a
  // background job that would write while later cases are checked.
  await p.setting.create({ data: { key: "scoreJob", value: { state: "running", phase: "aggregate", done: 0, total: 0, period: 1, periods: 1, startedAt: TEST_NOW.toISOString(), byUserId: people.admin.id } } });

  await db.sql.exec(`
    CREATE TABLE fuzz_writes (n bigint NOT NULL);
    INSERT INTO fuzz_writes VALUES (0);
    CREATE FUNCTION fuzz_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE fuzz_writes SET n = n + 1; RETURN NULL; END $$;
  `);
  const tables = await db.sql.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
        AND table_name NOT IN ('AuditLog', 'LoginAttempt', '_prisma_migrations', 'fuzz_writes')`,
  );
  expect(tables.length).toBeGreaterThan(20);
  for (const { name } of tables) await db.sql.exec(`CREATE TRIGGER fuzz_count AFTER INSERT OR UPDATE OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION fuzz_count()`);
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    unexpected.push(args);
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  resetClock();
  await db.close();
});

async function writes(): Promise<number> {
  const [row] = await db.sql.query<{ n: string | number }>("SELECT n FROM fuzz_writes");
  return Number(row.n);
}

const PROTOTYPE_KEYS = JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort());

function prototypeIsClean(): boolean {
  const probe: Record<string, unknown> = {};
  return JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort()) === PROTOTYPE_KEYS && probe.polluted === undefined;
}

// ---- input generators ----

const HOSTILE_KEYS = ["__proto__", "__proto__.polluted", "constructor.prototype.polluted", "prototype", "a.__proto__.polluted", "pyramid.constructor", "x.prototype.y", "a..b", ".a"];

const MALFORMED = [
  "",
  " ",
  "99999999999",
  "2147483648",
  "-2147483649",
  "-1",
  "0",
  "-0",
  "1.5",
  "1e3",
  "1e309",
  "0x10",
  "NaN",
  "Infinity",
  "-Infinity",
  "not-a-date",
  "2026-02-31",
  "2026-13-45T25:61",
  "9999-12-31T23:59:59.999Z",
  "+275760-09-13T00:00:00.000Z",
  "true",
  "on",
  "yes",
  "null",
  "undefined",
  "[]",
  "{}",
  '{"__proto__":{"polluted":true}}',
  "\u0000",
  "\uFFFF\uD800",
  "=HYPERLINK(\"http://evil.example\")",
  "<script>alert(1)</script>",
  "'; DROP TABLE \"Customer\"; --",
  "ENTERPRISE",
  "LOST",
  "Asia/Shanghai",
  "amount:user:1:2026-11",
];

const malformedValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...MALFORMED) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(6_000), "9".repeat(400)) },
);

type Entry = [string, string | Blob];

function fieldsOf(action: RegisteredAction): string[] {
  return action.fields.length > 0 ? [...action.fields] : ["q"];
}

/** Malformed values under the action's real field names (and a few others), arrays repeated. */
function malformedForm(action: RegisteredAction): fc.Arbitrary<Entry[]> {
  const known = fc.constantFrom(...fieldsOf(action), ...action.arrays);
  const other = fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom("id", "version", "ids", "a.b.c.d", "$ACTION_ID_x", "snapshot", "confirmDuplicates", "bulk"));
  const key = fc.oneof({ weight: 4, arbitrary: known }, { weight: 1, arbitrary: other });
  const single = fc.tuple(key, malformedValue).map(([k, v]): Entry[] => [[k, v]]);
  const repeated = action.arrays.length > 0 ? fc.tuple(fc.constantFrom(...action.arrays), fc.array(malformedValue, { minLength: 1, maxLength: 4 })).map(([k, vs]): Entry[] => vs.map((v) => [k, v])) : single;
  return fc.array(fc.oneof({ weight: 4, arbitrary: single }, { weight: 1, arbitrary: repeated }), { maxLength: 14 }).map((groups) => dedupe(groups.flat(), action));
}

/** A scalar field sent twice is itself refused; keep malformed forms about their values. */
function dedupe(entries: Entry[], action: RegisteredAction): Entry[] {
  const seen = new Set<string>();
  return entries.filter(([k]) => {
    if (action.arrays.includes(k)) return true;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A form with at least one entry the decoder must refuse, among otherwise plausible ones. */
function hostileForm(action: RegisteredAction): fc.Arbitrary<Entry[]> {
  const poison: fc.Arbitrary<Entry[]> = fc.oneof(
    fc.tuple(fc.constantFrom(...HOSTILE_KEYS), malformedValue).map(([k, v]): Entry[] => [[k, v]]),
    fc.constantFrom(...fieldsOf(action)).map((k): Entry[] => [[k, new Blob(["%PDF-1.7 not a field"], { type: "application/pdf" })]]),
    fc.constantFrom(...fieldsOf(action).filter((k) => !action.arrays.includes(k)), "id").map((k): Entry[] => [[k, "1"], [k, "2"]]),
    fc.constantFrom(...fieldsOf(action)).map((k): Entry[] => [[k, "y".repeat(100_001)]]),
    fc.constant<Entry[]>([["a.b.c.d.e.f.g.h", "1"]]),
  );
  return fc.tuple(malformedForm(action), poison, fc.nat()).map(([plain, bad, at]) => {
    const clean = plain.filter(([k]) => !bad.some(([b]) => b === k));
    const i = clean.length === 0 ? 0 : at % (clean.length + 1);
    return [...clean.slice(0, i), ...bad, ...clean.slice(i)];
  });
}

/** What a client call might carry instead of our payload: anything JSON or React could encode. */
const strangePayload = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, 0, -1, 99999999999, Number.NaN, Number.POSITIVE_INFINITY, true, "", "x".repeat(1_000), [], {}, [1, 2, 3]),
  fc.constant(null).map(() => JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"id":1}') as unknown),
  fc.constant(null).map(() => JSON.parse('{"locale":"en","__proto__":{"polluted":true}}') as unknown),
  fc.dictionary(fc.constantFrom("id", "version", "stage", "q", "locale", "opportunityId", "quoteId", "lines", "lostReason"), fc.oneof(malformedValue, fc.integer(), fc.double(), fc.constant(null), fc.array(malformedValue, { maxLength: 3 }))),
  fc.jsonValue(),
);

const DROP = Symbol("drop the field");

/** One or two fields of a valid input replaced by malformed values (or dropped). */
function mutations(action: RegisteredAction, example: Example): fc.Arbitrary<[string, unknown][]> {
  const keys = example.kind === "form" ? [...new Set([...Object.keys(example.fields), ...action.fields])] : typeof example.payload === "string" ? ["."] : [...new Set([...Object.keys(example.payload), ...action.fields])];
  const value = fc.oneof(
    { weight: 6, arbitrary: malformedValue },
    { weight: 1, arbitrary: fc.constant<unknown>(DROP) },
    ...(example.kind === "data" ? [{ weight: 2, arbitrary: fc.constantFrom<unknown>(2 ** 31, -1, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, null, true, [], {}, [{}], [{ productId: "99999999999", quantity: "1e9", unitPrice: "-1", discountPct: "NaN" }]) }] : []),
  );
  return fc.array(fc.tuple(fc.constantFrom(...keys), value), { minLength: 1, maxLength: 2 });
}

function applyMutations(action: RegisteredAction, example: Example, muts: [string, unknown][]): unknown {
  if (example.kind === "form") {
    const fields: Record<string, string | string[]> = { ...example.fields };
    for (const [k, v] of muts) {
      if (v === DROP) delete fields[k];
      else fields[k] = action.arrays.includes(k) ? [String(v)] : String(v);
    }
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
    return fd;
  }
  if (typeof example.payload === "string") return muts.length === 0 ? example.payload : muts[0][1] === DROP ? undefined : muts[0][1];
  const payload: Record<string, unknown> = { ...example.payload };
  for (const [k, v] of muts) {
    if (v === DROP) delete payload[k];
    else payload[k] = v;
  }
  return payload;
}

function formOf(entries: Entry[]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

function invoke(action: RegisteredAction, input: FormData | unknown): () => Promise<unknown> {
  if (action.kind === "form") return () => (action.action as (prev: unknown, fd: unknown) => Promise<unknown>)(null, input);
  return () => (action.action as (i: unknown) => Promise<unknown>)(input);
}

type Verdict = { succeeded: boolean };

/** Calls once and checks every invariant that holds whatever the input. */
async function probe(action: RegisteredAction, actor: Actor, input: unknown, mustRefuse: boolean): Promise<Verdict> {
  const writesBefore = await writes();
  const auditFrom = await lastAuditId(db);
  unexpected = [];
  let outcome: Outcome;
  try {
    outcome = await callAs(actor.id, invoke(action, input));
  } catch (error) {
    throw new Error(`${action.name} as ${actor.role} threw ${String(error)}`);
  }
  const where = `${action.name} as ${actor.role}`;
  expect(unexpected, `${where}: logged an unexpected error`).toEqual([]);
  expect(prototypeIsClean(), `${where}: Object.prototype polluted`).toBe(true);
  const succeeded = outcome.kind === "redirect" || (outcome.kind === "result" && (outcome.result as { ok?: unknown } | null)?.ok === true);
  if (outcome.kind === "notFound") throw new Error(`${where}: answered not-found`);
  if (outcome.kind === "redirect") expect(outcome.to, where).not.toBe("/login");
  if (outcome.kind === "result") {
    const r = outcome.result as { ok: boolean; fieldErrors?: unknown; message?: unknown };
    expect(typeof r.ok, where).toBe("boolean");
    if (!r.ok) {
      expect(typeof r.fieldErrors, where).toBe("object");
      expect(r.message === null || typeof r.message === "string", where).toBe(true);
    }
  }
  const written = (await writes()) - writesBefore;
  const audit = await auditSince(db, auditFrom);
  if (mustRefuse) {
    expect(succeeded, `${where}: accepted a hostile form`).toBe(false);
    expect(written, `${where}: wrote rows for a hostile form`).toBe(0);
    expect(audit, `${where}: audited a hostile form`).toEqual([]);
  } else if (!succeeded) {
    expect(written, `${where}: a refusal wrote ${written} rows`).toBe(0);
    expect(
      audit.filter((a) => a.action !== "DENIED"),
      `${where}: a refusal wrote audit rows other than DENIED`,
    ).toEqual([]);
  }
  return { succeeded };
}

const ROLES = ["admin", "managerEast", "repEast", "agent"] as const;

describe("fuzzing every registered action", () => {
  const actions = allActions();

  test("the registry lists all 88 actions", () => {
    expect(actions).toHaveLength(88);
  });

  test.each(actions.map((a) => [a.name, a] as const))("the example input of %s passes its schema, so mutations of it reach the data layer", async (_name, action) => {
    const example = await exampleFor(action.name, db, people, records);
    const input = applyMutations(action, example, []);
    const outcome = await callAs(people.admin.id, () => invoke(action, input)());
    const r = outcome.kind === "result" ? (outcome.result as { ok: boolean; fieldErrors?: Record<string, string> }) : { ok: true };
    expect(r.ok ? {} : r.fieldErrors).toEqual({});
    expect(unexpected).toEqual([]);
  });

  describe.each(actions.map((a) => [a.name, a] as const))("%s", (_name, action) => {
    test.each(ROLES)("as %s: hostile forms are refused without a write; malformed input never throws, pollutes or writes on refusal", async (role) => {
      const actor = people[role];
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(hostileForm(action), async (entries) => {
          await probe(action, actor, formOf(entries), true);
        }),
        { seed: SEED, numRuns: 5 },
      );
      await fc.assert(
        fc.asyncProperty(malformedForm(action), async (entries) => {
          if ((await probe(action, actor, formOf(entries), false)).succeeded) accepted += 1;
        }),
        { seed: SEED + 1, numRuns: 8 },
      );
      const example = await exampleFor(action.name, db, people, records);
      await fc.assert(
        fc.asyncProperty(mutations(action, example), async (muts) => {
          // Versions and tokens as the records have them now: earlier successes move them on.
          const fresh = await exampleFor(action.name, db, people, records);
          if ((await probe(action, actor, applyMutations(action, fresh, muts), false)).succeeded) accepted += 1;
        }),
        { seed: SEED + 3, numRuns: 16 },
      );
      if (action.kind === "data") {
        await fc.assert(
          fc.asyncProperty(strangePayload, async (payload) => {
            if ((await probe(action, actor, payload, false)).succeeded) accepted += 1;
          }),
          { seed: SEED + 2, numRuns: 8 },
        );
      }
      accepts.set(`${action.name} as ${role}`, accepted);
    });
  });
});

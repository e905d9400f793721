import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { iterateCustomers, listCustomers, listCustomersByIds, matchStatement, suggestCustomers } from "@/lib/customers/queries";
import { type CustomerListQuery, parseListQuery } from "@/lib/customers/rules/list-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { TEST_NOW } from "../support/clock";
import { createPeople, type People } from "../support/fixtures";
import { planWithOnlyIndex } from "../support/plans";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;
let segmentId: number;
const DAY = 86_400_000;

const CURRENT = new Date(Date.UTC(2026, 5, 30));
const EARLIER = new Date(Date.UTC(2026, 2, 31));

/** 60 customers whose attributes cycle, so every filter value and every sort has several rows and some nulls. */
function customers(ownerIds: (number | null)[]): Prisma.CustomerCreateManyInput[] {
  const kinds = ["ENTERPRISE", "INDIVIDUAL", "GOVERNMENT"] as const;
  return Array.from({ length: 60 }, (_, i) => ({
    kind: kinds[i % 3],
    name: i === 7 ? "Zhang Wei Trading" : `Customer ${String(i).padStart(2, "0")}`,
    email: `c${i}@example.test`,
    phone: `+86 138 0000 ${String(1000 + i)}`,
    company: i % 4 === 0 ? "Blue Ocean Holdings" : null,
    region: i % 2 === 0 ? "East China" : "Southwest",
    industry: i % 5 === 0 ? "Retail" : "Finance",
    ownerId: ownerIds[i % ownerIds.length],
    totalSpend: `${(i * 37) % 50}.${String(i % 100).padStart(2, "0")}`,
    lastPurchaseAt: i % 6 === 0 ? null : new Date(Date.UTC(2025, 0, 1) + i * DAY),
    lastContactAt: i % 3 === 0 ? null : new Date(TEST_NOW.getTime() - i * 5 * DAY),
    dncPhone: i % 7 === 0,
    dncEmail: i % 11 === 0,
    dncMail: i === 13,
    dncSms: i === 17,
  }));
}

/**
 * Current scores live in the newest period's snapshot (lib/scoring/queries.ts). Every fifth
 * customer has never been scored; an older period with different values must never show.
 */
function snapshotRow(i: number, customer: { id: number; region: string; kind: "ENTERPRISE" | "INDIVIDUAL" | "GOVERNMENT"; ownerId: number | null }, runId: number, periodEnd: Date) {
  const tiers = ["VIP", "MAJOR", "MEDIUM", "SMALL"] as const;
  const stages = ["ACQUISITION", "BUILD_UP", "CLIMAX", "DECLINE"] as const;
  const current = periodEnd === CURRENT;
  return {
    customerId: customer.id,
    runId,
    periodStart: new Date(periodEnd.getTime() - 365 * DAY),
    periodEnd,
    region: customer.region,
    kind: customer.kind,
    ownerId: customer.ownerId,
    frequency: 1,
    monetary: "1.00",
    margin: "0.50",
    rScore: 3,
    fScore: 4,
    mScore: 5,
    rfmCode: current ? "345" : "111",
    rfmGroup: current ? (i % 2 ? "at_risk" : "champions") : "hibernating",
    tier: current ? tiers[i % 5] : "SMALL",
    tierRank: i + 1,
    abcSegment: current ? (["A", "B", "C"] as const)[i % 3] : "C",
    historicalClv: "1.00",
    predictedClv: current ? `${i * 11}.50` : "0.00",
    churnRisk: current ? (i % 4 === 0 ? null : (i % 10) / 10) : 0.99,
    lifecycleStage: current ? stages[i % 5] : "EXIT",
  } satisfies Prisma.CustomerScoreCreateManyInput;
}

beforeAll(async () => {
  // "No contact for N days" counts back from the clock: pinned, so the boundary is exact.
  fixClock(TEST_NOW);
  db = await createTestDatabase();
  people = await createPeople(db);
  await db.prisma.customer.createMany({ data: customers([people.repEast.id, people.repWest.id, null, people.repEast2.id]) });
  await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Deleted Co", region: "East China", deletedAt: TEST_NOW } });
  const all = await db.prisma.customer.findMany({ where: { deletedAt: null }, select: { id: true, name: true, region: true, kind: true, ownerId: true }, orderBy: { id: "asc" } });
  for (const periodEnd of [EARLIER, CURRENT]) {
    const run = await db.prisma.scoreRun.create({
      data: { periodStart: new Date(periodEnd.getTime() - 365 * DAY), periodEnd, settings: {}, customerCount: 60, activeCount: 48, durationMs: 0, startedAt: periodEnd },
    });
    await db.prisma.customerScore.createMany({ data: all.map((c, i) => ({ c, i })).filter(({ i }) => i % 5 !== 4).map(({ c, i }) => snapshotRow(i, c, run.id, periodEnd)) });
  }
  const ids = (await db.prisma.customer.findMany({ where: { name: { in: ["Customer 01", "Customer 02"] } }, select: { id: true } })).map((c) => c.id);
  segmentId = (await db.prisma.segment.create({ data: { name: "Test segment", rule: {}, members: { create: ids.map((customerId) => ({ customerId })) } } })).id;
});
afterAll(async () => {
  resetClock();
  await db.close();
});

/** All rows of a query, following the next cursors page by page. */
async function allPages(query: CustomerListQuery, actor = people.repEast) {
  const names: string[] = [];
  let q = { ...query, pageSize: 7 };
  for (let guard = 0; guard < 50; guard++) {
    const page = await listCustomers(actor, q);
    names.push(...page.items.map((c) => c.name));
    if (!page.next) return names;
    q = { ...query, after: parseListQuery({ after: page.next }).after, pageSize: 7 };
  }
  throw new Error("pagination did not end");
}

async function expected(where: Prisma.CustomerWhereInput): Promise<string[]> {
  const rows = await db.prisma.customer.findMany({ where: { ...where, deletedAt: null }, select: { name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return rows.map((r) => r.name);
}

describe("customer list filters (each against the same condition written with Prisma)", () => {
  const since = new Date(TEST_NOW.getTime() - 90 * DAY);
  test.each<[string, () => Prisma.CustomerWhereInput]>([
    ["kind=GOVERNMENT", () => ({ kind: "GOVERNMENT" })],
    ["region=Southwest", () => ({ region: "Southwest" })],
    ["industry=Retail", () => ({ industry: "Retail" })],
    ["owner=me", () => ({ ownerId: people.repEast.id })],
    ["owner=none", () => ({ ownerId: null })],
    ["owner=USER", () => ({ ownerId: people.repWest.id })],
    ["tier=VIP", () => ({ scores: { some: { periodEnd: CURRENT, tier: "VIP" } } })],
    ["abc=B", () => ({ scores: { some: { periodEnd: CURRENT, abcSegment: "B" } } })],
    ["stage=DECLINE", () => ({ scores: { some: { periodEnd: CURRENT, lifecycleStage: "DECLINE" } } })],
    // Never-scored customers count as new (Acquisition).
    ["stage=ACQUISITION", () => ({ OR: [{ scores: { some: { periodEnd: CURRENT, lifecycleStage: "ACQUISITION" } } }, { scores: { none: { periodEnd: CURRENT } } }] })],
    ["rfm=at_risk", () => ({ scores: { some: { periodEnd: CURRENT, rfmGroup: "at_risk" } } })],
    ["rf=34", () => ({ scores: { some: { periodEnd: CURRENT, rfmCode: { startsWith: "34" } } } })],
    ["segment=SEGMENT", () => ({ segmentMembers: { some: { segmentId } } })],
    ["noContact=90", () => ({ OR: [{ lastContactAt: null }, { lastContactAt: { lt: since } }] })],
    ["dnc=any", () => ({ OR: [{ dncPhone: true }, { dncEmail: true }, { dncMail: true }, { dncSms: true }] })],
    ["dnc=none", () => ({ dncPhone: false, dncEmail: false, dncMail: false, dncSms: false })],
    ["dnc=phone", () => ({ dncPhone: true })],
    ["dnc=email", () => ({ dncEmail: true })],
    ["dnc=mail", () => ({ dncMail: true })],
    ["dnc=sms", () => ({ dncSms: true })],
    // An older period's scores, and the tier migration drill-down between two periods.
    ["period=2026-03-31&tier=SMALL", () => ({ scores: { some: { periodEnd: EARLIER, tier: "SMALL" } } })],
    ["fromPeriod=2026-03-31&fromTier=SMALL&tier=VIP", () => ({ AND: [{ scores: { some: { periodEnd: EARLIER, tier: "SMALL" } } }, { scores: { some: { periodEnd: CURRENT, tier: "VIP" } } }] })],
    ["fromPeriod=2026-03-31&fromTier=NEW", () => ({ scores: { none: { periodEnd: EARLIER } } })],
    ["kind=ENTERPRISE&region=East+China&tier=MAJOR", () => ({ kind: "ENTERPRISE", region: "East China", scores: { some: { periodEnd: CURRENT, tier: "MAJOR" } } })],
  ])("%s", async (qs, where) => {
    const query = parseListQuery(new URLSearchParams(qs.replace("USER", String(people.repWest.id)).replace("SEGMENT", String(segmentId))));
    const names = await allPages(query);
    const want = await expected(where());
    expect(want.length).toBeGreaterThan(0);
    expect(names).toEqual(want);
    expect((await listCustomers(people.repEast, query)).total).toBe(want.length);
  });

  test.each([
    ["zhang wei", ["Zhang Wei Trading"]],
    ["c7@example", ["Zhang Wei Trading"]],
    ["13800001007", ["Zhang Wei Trading"]],
    ["138 0000 1007", ["Zhang Wei Trading"]],
    ["blue ocean", null],
    ["100%_", []],
  ])("search %s matches name, email, phone digits or company", async (q, names) => {
    const page = await listCustomers(people.repEast, parseListQuery({ q, size: "100" }));
    if (names) expect(page.items.map((c) => c.name)).toEqual(names);
    else expect(page.items.map((c) => c.name)).toEqual(await expected({ company: "Blue Ocean Holdings" }));
  });

  test("a misspelt name finds similar names when nothing contains the term (fuzzy)", async () => {
    const page = await listCustomers(people.repEast, parseListQuery({ q: "Zhang Wie Tradng" }));
    expect(page.fuzzy).toBe(true);
    expect(page.items.map((c) => c.name)).toContain("Zhang Wei Trading");
  });

  test("deleted customers never appear", async () => {
    expect((await listCustomers(people.admin, parseListQuery({ q: "Deleted Co" }))).items).toEqual([]);
  });
});

describe("customer list sorts, nulls last, keyset paging both ways", () => {
  type Key = "name" | "spend" | "clv" | "lastPurchase" | "churn";
  const column: Record<Key, "name" | "totalSpend" | "predictedClv" | "lastPurchaseAt" | "churnRisk"> = {
    name: "name",
    spend: "totalSpend",
    clv: "predictedClv",
    lastPurchase: "lastPurchaseAt",
    churn: "churnRisk",
  };
  test.each<[Key, "asc" | "desc"]>([
    ["name", "asc"],
    ["name", "desc"],
    ["spend", "desc"],
    ["spend", "asc"],
    ["clv", "desc"],
    ["clv", "asc"],
    ["lastPurchase", "desc"],
    ["lastPurchase", "asc"],
    ["churn", "desc"],
    ["churn", "asc"],
  ])("sort %s %s", async (sort, dir) => {
    const query = parseListQuery({ sort, dir });
    const names = await allPages(query);
    // Expected order computed here from the rows: value (nulls last in both directions), then id.
    const rows = await db.prisma.customer.findMany({
      where: { deletedAt: null },
      select: { id: true, name: true, totalSpend: true, lastPurchaseAt: true, scores: { where: { periodEnd: CURRENT }, select: { predictedClv: true, churnRisk: true } } },
    });
    const valueOf = (r: (typeof rows)[number]): string | number | null => {
      const score = r.scores[0];
      switch (column[sort]) {
        case "name":
          return r.name;
        case "totalSpend":
          return Number(r.totalSpend);
        case "predictedClv":
          return score ? Number(score.predictedClv) : null;
        case "lastPurchaseAt":
          return r.lastPurchaseAt ? r.lastPurchaseAt.getTime() : null;
        case "churnRisk":
          return score?.churnRisk ?? null;
      }
    };
    const sign = dir === "asc" ? 1 : -1;
    const sorted = [...rows].sort((a, b) => {
      const [va, vb] = [valueOf(a), valueOf(b)];
      if (va === null || vb === null) return va === vb ? sign * (a.id - b.id) : va === null ? 1 : -1;
      // The database orders text by its collation; names here are plain ASCII, where that is code-point order.
      const cmp = va < vb ? -1 : va > vb ? 1 : 0;
      return cmp !== 0 ? sign * cmp : sign * (a.id - b.id);
    });
    expect(names).toEqual(sorted.map((r) => r.name));

    // Walk back from the last page with the previous-page links: the same rows, the same order.
    let page = await listCustomers(people.repEast, { ...query, pageSize: 7 });
    while (page.next) page = await listCustomers(people.repEast, { ...query, pageSize: 7, after: parseListQuery({ after: page.next }).after });
    const backwards: string[] = [...page.items.map((c) => c.name)];
    while (page.prev) {
      page = await listCustomers(people.repEast, { ...query, pageSize: 7, before: parseListQuery({ before: page.prev }).before });
      backwards.unshift(...page.items.map((c) => c.name));
    }
    expect(backwards).toEqual(names);
  });
});

describe("export and suggestions", () => {
  test("the export iterates every matching customer in batches", async () => {
    const query = parseListQuery({ region: "East China", sort: "clv" });
    const batches: number[] = [];
    const names: string[] = [];
    for await (const batch of iterateCustomers(people.managerEast, query, 8)) {
      batches.push(batch.length);
      names.push(...batch.map((c) => c.name));
    }
    expect(Math.max(...batches)).toBeLessThanOrEqual(8);
    expect(names.sort()).toEqual((await expected({ region: "East China" })).sort());
  });

  test("a selection exports only live customers", async () => {
    const ids = (await db.prisma.customer.findMany({ where: { name: { in: ["Customer 03", "Deleted Co"] } }, select: { id: true } })).map((c) => c.id);
    expect((await listCustomersByIds(people.managerEast, ids)).map((c) => c.name)).toEqual(["Customer 03"]);
  });

  test("the export follows the export right: a rep takes out only their own customers, an agent none (logged)", async () => {
    const exported = async (actor: typeof people.agent) => {
      const names: string[] = [];
      for await (const batch of iterateCustomers(actor, parseListQuery({}), 50)) names.push(...batch.map((c) => c.name));
      return names.sort();
    };
    const own = await db.prisma.customer.findMany({ where: { ownerId: people.repWest.id, deletedAt: null }, select: { name: true } });
    expect(own.length).toBeGreaterThan(0);
    expect(await exported(people.repWest)).toEqual(own.map((c) => c.name).sort());
    const denials = await db.prisma.auditLog.count({ where: { action: "DENIED", userId: people.agent.id, entity: "Customer" } });
    expect(await exported(people.agent)).toEqual([]);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", userId: people.agent.id, entity: "Customer" } })).toBe(denials + 1);
    const ids = (await db.prisma.customer.findMany({ where: { name: { in: ["Customer 01", "Customer 03"] } }, select: { id: true } })).map((c) => c.id);
    // Customer 01 is repWest's, Customer 03 repEast2's.
    expect((await listCustomersByIds(people.repWest, ids)).map((c) => c.name)).toEqual(["Customer 01"]);
  });

  test("search-as-you-type puts names starting with the term first", async () => {
    const rows = await suggestCustomers(people.agent, "zhang");
    expect(rows.map((r) => r.name)).toEqual(["Zhang Wei Trading"]);
    expect(await suggestCustomers(people.agent, "z")).toEqual([]);
  });

  test("every role reads the shared customer base", async () => {
    for (const actor of Object.values(people)) {
      expect((await listCustomers(actor, parseListQuery({ size: "100" }))).total).toBe(60);
    }
  });
});

describe("search by a common term: the matches are found once, then only they are sorted", () => {
  const PINYIN = ["Wei", "Fang", "Na", "Min", "Jing", "Li", "Qiang", "Lei", "Jun", "Yang", "Yong", "Yan"];
  const HANZI = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊"];
  beforeAll(async () => {
    const rows: Prisma.CustomerCreateManyInput[] = [
      ...PINYIN.flatMap((given, i) => [
        { kind: "INDIVIDUAL" as const, name: `Wang ${given}`, region: "East China", ownerId: people.repEast.id, totalSpend: `${(i * 13) % 40}.00` },
        { kind: "INDIVIDUAL" as const, name: `WANG ${given.toUpperCase()} ${i}`, region: "Southwest", totalSpend: `${(i * 7) % 40}.50` },
      ]),
      ...HANZI.flatMap((given, i) => [
        { kind: "INDIVIDUAL" as const, name: `王${given}`, region: "East China", totalSpend: `${(i * 11) % 40}.25` },
        { kind: "INDIVIDUAL" as const, name: `李${given}`, region: "Southwest", totalSpend: `${i}.00` },
      ]),
      // Matches by e-mail or company only, and look-alikes that must not match.
      { kind: "INDIVIDUAL", name: "Zhou Min", email: "Wang.Zhou@example.test", region: "East China" },
      { kind: "ENTERPRISE", name: "Chen Jie", company: "王府井百货", region: "East China" },
      { kind: "ENTERPRISE", name: "Liu Yang", company: "Wangfujing Department Store", region: "Southwest" },
      { kind: "INDIVIDUAL", name: "Wan Gang", region: "Southwest" },
      { kind: "INDIVIDUAL", name: "王小明", region: "East China", deletedAt: TEST_NOW },
      // Letters beyond ASCII with a case.
      { kind: "ENTERPRISE", name: "Chloé Martin", company: "Café Lumière", region: "Southwest" },
    ];
    await db.prisma.customer.createMany({ data: rows });
  });

  /** The rows a search must return, in the list's default order, written with Prisma. */
  const matching = (term: string) =>
    expected({ OR: (["name", "email", "company"] as const).map((column) => ({ [column]: { contains: term, mode: "insensitive" as const } })) });

  test.each([
    // Trigrams, looked up in the trigram indexes (ILIKE): case does not matter.
    ["wang", 26],
    ["WANG", 26],
    ["Wang Wei", 2],
    // No case: LIKE; one character or two, no trigrams.
    ["王", 9],
    ["王芳", 1],
    ["府井", 1],
    // Characters beyond ASCII are also looked up in the gram index first: three characters, a
    // character that is not at a run's start, and cased letters (é, É) with and without trigrams.
    ["王府井", 1],
    ["井百货", 1],
    ["芳", 2],
    ["É", 1],
    ["CAFÉ", 1],
    // Cased but too short for trigrams: lower(value) LIKE lower(term).
    ["an", null],
    ["LI", null],
  ])("%s: every page in order, the total, and back again", async (q, count) => {
    const want = await matching(q);
    if (count !== null) expect(want).toHaveLength(count);
    expect(await allPages(parseListQuery({ q }))).toEqual(want);
    expect((await listCustomers(people.repEast, parseListQuery({ q }))).total).toBe(want.length);

    // The same matches by spend, walked forward and back with the cursors.
    const query = { ...parseListQuery({ q, sort: "spend" }), pageSize: 5 };
    let page = await listCustomers(people.repEast, query);
    const forward = [...page.items.map((c) => c.name)];
    while (page.next) {
      page = await listCustomers(people.repEast, { ...query, after: parseListQuery({ after: page.next }).after });
      forward.push(...page.items.map((c) => c.name));
    }
    const backward = [...page.items.map((c) => c.name)];
    while (page.prev) {
      page = await listCustomers(people.repEast, { ...query, before: parseListQuery({ before: page.prev }).before });
      backward.unshift(...page.items.map((c) => c.name));
    }
    expect([...forward].sort()).toEqual([...want].sort());
    expect(backward).toEqual(forward);
  });

  test("the search combines with the other filters, and a deleted customer never matches", async () => {
    const names = await allPages(parseListQuery({ q: "wang", region: "Southwest" }));
    expect(names).toEqual(await expected({ region: "Southwest", OR: [{ name: { contains: "wang", mode: "insensitive" } }, { company: { contains: "wang", mode: "insensitive" } }] }));
    expect(names).toHaveLength(13);
    expect((await allPages(parseListQuery({ q: "王小明" })))).toEqual([]);
  });

  test("a term in characters can be looked up in the gram index (its condition implies the index's)", async () => {
    const statement = matchStatement(people.repEast, parseListQuery({ q: "王芳" }));
    expect(await planWithOnlyIndex(db, "Customer", "Customer_search_grams_idx", statement.text, statement.values)).toContain("Customer_search_grams_idx");
  });

  test("a term that matches nothing still falls back to similar names", async () => {
    const page = await listCustomers(people.repEast, parseListQuery({ q: "Wang Feng" }));
    expect(page.fuzzy).toBe(true);
    expect(page.items.map((c) => c.name)).toContain("Wang Fang");
  });
});

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import { getBoard } from "@/lib/opportunities/board";
import { getStaleDaysDefault, PIPELINE_SETTING_KEY } from "@/lib/opportunities/queries";
import { createOpportunity, getOpportunity, getOpportunityRelated, listOpportunities, moveOpportunityStage, updateOpportunity } from "@/lib/opportunities/mutations";
import { parseOpportunityQuery } from "@/lib/opportunities/rules/list-query";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { opportunityInputSchema } from "@/lib/opportunities/schema";
import { DAY_MS, HOUR_MS, TEST_NOW } from "../support/clock";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let db: TestDatabase;
let people: People;
let customerId: number;

const input = (over: Record<string, unknown> = {}) =>
  opportunityInputSchema.parse({
    name: "Fleet renewal",
    customerId: String(customerId),
    amount: "12500.50",
    stage: "PROSPECTING",
    probability: "10",
    expectedCloseDate: "2026-12-31",
    ...over,
  });

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  customerId = (await db.prisma.customer.create({ data: { kind: "ENTERPRISE", name: "Harbour Logistics", region: "East China", ownerId: people.repEast.id } })).id;
});
afterAll(() => db.close());

describe("create and read scope", () => {
  test("a rep's new deal is theirs, with an initial history row and an audit row; amount is exact", async () => {
    const o = await createOpportunity(people.repEast, input());
    expect(o).toMatchObject({ owner: { id: people.repEast.id }, amount: "12500.50", stage: "PROSPECTING", probability: 10, expectedCloseDate: "2026-12-31" });
    const history = await db.prisma.opportunityStageChange.findMany({ where: { opportunityId: o.id } });
    expect(history).toMatchObject([{ fromStage: null, toStage: "PROSPECTING", changedById: people.repEast.id }]);
    expect(await db.prisma.auditLog.count({ where: { entity: "Opportunity", entityId: String(o.id), action: "CREATE" } })).toBe(1);
  });

  test("a rep cannot create a deal for someone else; nothing is written and the denial is audited", async () => {
    const before = await db.prisma.opportunity.count();
    await expect(createOpportunity(people.repEast, input({ ownerId: String(people.repEast2.id) }))).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.opportunity.count()).toBe(before);
    expect(await db.prisma.auditLog.count({ where: { entity: "Opportunity", action: "DENIED", userId: people.repEast.id } })).toBeGreaterThan(0);
  });

  test("read scope: manager sees the team, a rep their own, an agent nothing", async () => {
    const mine = await createOpportunity(people.repEast2, input({ name: "Second rep deal" }));
    const west = await createOpportunity(people.repWest, input({ name: "West deal" }));
    const q = parseOpportunityQuery({});
    const names = async (actor: typeof people.admin) => (await listOpportunities(actor, q)).items.map((i) => i.name);
    expect(await names(people.managerEast)).toEqual(expect.arrayContaining(["Fleet renewal", "Second rep deal"]));
    expect(await names(people.managerEast)).not.toContain("West deal");
    expect(await names(people.repEast)).toEqual(["Fleet renewal"]);
    expect(await getOpportunity(people.repEast, mine.id)).toBeNull();
    expect(await getOpportunity(people.managerEast, west.id)).toBeNull();
    await expect(listOpportunities(people.agent, q)).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("list filters: stage, search, stale-only, close date range", async () => {
    const old = await createOpportunity(people.repEast, input({ name: "Sleepy deal", stage: "PROPOSAL", probability: "50", expectedCloseDate: "2027-03-01" }));
    await db.prisma.opportunity.update({ where: { id: old.id }, data: { lastActivityAt: new Date(TEST_NOW.getTime() - 30 * DAY_MS) } });
    const list = (params: Record<string, string>) => listOpportunities(people.repEast, parseOpportunityQuery(params)).then((p) => p.items.map((i) => i.name));
    expect(await list({ stage: "PROPOSAL" })).toEqual(["Sleepy deal"]);
    expect(await list({ q: "sleep" })).toEqual(["Sleepy deal"]);
    expect(await list({ q: "harbour" })).toEqual(expect.arrayContaining(["Sleepy deal", "Fleet renewal"]));
    expect(await list({ stale: "1" })).toEqual(["Sleepy deal"]);
    expect(await list({ stale: "1", staleDays: "60" })).toEqual([]);
    expect(await list({ closeFrom: "2027-01-01" })).toEqual(["Sleepy deal"]);
    expect(await list({ closeTo: "2026-12-31" })).toEqual(["Fleet renewal"]);
  });
});

describe("stage moves", () => {
  test("a move writes history, default probability, closedAt, last activity, a new version and an audit row", async () => {
    const o = await createOpportunity(people.repEast, input({ name: "Mover" }));
    // The moves happen at exact instants an hour apart, so last activity can be checked to the millisecond
    // and the history's newest-first order is the order of the moves.
    const movedAt = new Date(TEST_NOW.getTime() + HOUR_MS);
    fixClock(movedAt);
    const moved = await moveOpportunityStage(people.repEast, { id: o.id, version: o.version, stage: "NEGOTIATION", lostReason: null }).finally(resetClock);
    expect(moved).toMatchObject({ stage: "NEGOTIATION", probability: 75, version: o.version + 1 });
    const row = await db.prisma.opportunity.findUniqueOrThrow({ where: { id: o.id } });
    expect(row.closedAt).toBeNull();
    expect(row.lastActivityAt).toEqual(movedAt);
    expect(row.updatedAt).toEqual(movedAt);
    fixClock(movedAt.getTime() + HOUR_MS);
    const won = await moveOpportunityStage(people.repEast, { id: o.id, version: moved.version, stage: "WON", lostReason: null }).finally(resetClock);
    expect(won.probability).toBe(100);
    expect((await db.prisma.opportunity.findUniqueOrThrow({ where: { id: o.id } })).closedAt).not.toBeNull();
    const history = await db.prisma.opportunityStageChange.findMany({ where: { opportunityId: o.id }, orderBy: { id: "asc" } });
    expect(history.map((h) => [h.fromStage, h.toStage])).toEqual([
      [null, "PROSPECTING"],
      ["PROSPECTING", "NEGOTIATION"],
      ["NEGOTIATION", "WON"],
    ]);
    // Direct WON (no quote) is allowed and creates no order.
    expect(await db.prisma.order.count({ where: { opportunityId: o.id } })).toBe(0);
    const audits = await db.prisma.auditLog.findMany({ where: { entity: "Opportunity", entityId: String(o.id), action: "UPDATE" } });
    expect(audits).toHaveLength(2);
    expect(audits[0].changes).toMatchObject({ stage: { from: "PROSPECTING", to: "NEGOTIATION" } });
    const related = await getOpportunityRelated(people.repEast, o.id);
    expect(related.history.map((h) => h.toStage)).toEqual(["WON", "NEGOTIATION", "PROSPECTING"]);
  });

  test("LOST needs a reason; with one, probability 0 and the reason are stored", async () => {
    const o = await createOpportunity(people.repEast, input({ name: "Goner" }));
    await expect(moveOpportunityStage(people.repEast, { id: o.id, version: o.version, stage: "LOST", lostReason: null })).rejects.toMatchObject({
      message: "opportunities.rules.lostReasonRequired",
    });
    expect((await db.prisma.opportunity.findUniqueOrThrow({ where: { id: o.id } })).stage).toBe("PROSPECTING");
    const lost = await moveOpportunityStage(people.repEast, { id: o.id, version: o.version, stage: "LOST", lostReason: "Chose a competitor" });
    expect(lost).toMatchObject({ stage: "LOST", probability: 0, lostReason: "Chose a competitor" });
    // The detail form's schema refuses it too.
    expect(opportunityInputSchema.safeParse({ ...input(), stage: "LOST", expectedCloseDate: "2026-01-01", amount: "1", customerId: "1", probability: "0" }).success).toBe(false);
  });

  test("a REP moves only own deals: another's is refused, audited as DENIED, and left unchanged", async () => {
    const other = await createOpportunity(people.repEast2, input({ name: "Not yours" }));
    const denialsBefore = await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Opportunity", entityId: String(other.id) } });
    await expect(moveOpportunityStage(people.repEast, { id: other.id, version: other.version, stage: "PROPOSAL", lostReason: null })).rejects.toBeInstanceOf(NotAllowedError);
    const row = await db.prisma.opportunity.findUniqueOrThrow({ where: { id: other.id } });
    expect(row).toMatchObject({ stage: "PROSPECTING", version: other.version });
    expect(await db.prisma.opportunityStageChange.count({ where: { opportunityId: other.id } })).toBe(1);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", entity: "Opportunity", entityId: String(other.id) } })).toBe(denialsBefore + 1);
    // Their manager may move it.
    await expect(moveOpportunityStage(people.managerEast, { id: other.id, version: other.version, stage: "PROPOSAL", lostReason: null })).resolves.toMatchObject({ stage: "PROPOSAL" });
  });

  test("a move on a stale card version is a conflict and changes nothing", async () => {
    const o = await createOpportunity(people.repEast, input({ name: "Raced" }));
    await moveOpportunityStage(people.repEast, { id: o.id, version: o.version, stage: "QUALIFICATION", lostReason: null });
    await expect(moveOpportunityStage(people.repEast, { id: o.id, version: o.version, stage: "PROPOSAL", lostReason: null })).rejects.toBeInstanceOf(ConflictError);
    expect((await db.prisma.opportunity.findUniqueOrThrow({ where: { id: o.id } })).stage).toBe("QUALIFICATION");
  });
});

describe("optimistic concurrency on the detail form", () => {
  test("the second save of stale data gets a conflict naming the fields the first changed, and nothing is overwritten", async () => {
    const o = await createOpportunity(people.repEast, input({ name: "Shared deal" }));
    // Both the rep and the manager load version 1.
    const repView = (await getOpportunity(people.repEast, o.id))!;
    const managerView = (await getOpportunity(people.managerEast, o.id))!;
    await updateOpportunity(people.managerEast, o.id, managerView.version, input({ name: "Shared deal", amount: "20000", nextStep: "Send contract", stage: "PROPOSAL", probability: "55" }));
    const error = await updateOpportunity(people.repEast, o.id, { version: repView.version, seen: repView.snapshot }, input({ name: "Shared deal", competitor: "Rival Co" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual([
      { field: "amount", old: "12500.50", current: "20000.00" },
      { field: "stage", old: "PROSPECTING", current: "PROPOSAL" },
      { field: "probability", old: "10", current: "55" },
      { field: "nextStep", old: null, current: "Send contract" },
    ]);
    const row = await db.prisma.opportunity.findUniqueOrThrow({ where: { id: o.id } });
    expect(row.competitor).toBeNull();
    expect(row.amount.toFixed(2)).toBe("20000.00");
    expect(row.version).toBe(2);
  });

  test("the edit form keeps a user-set probability, records the stage change, and refuses LOST without a reason at the DAL too", async () => {
    const o = await createOpportunity(people.repEast, input({ name: "Edited" }));
    const saved = await updateOpportunity(people.repEast, o.id, o.version, input({ name: "Edited", stage: "QUALIFICATION", probability: "35" }));
    expect(saved).toMatchObject({ stage: "QUALIFICATION", probability: 35, version: 2 });
    expect(await db.prisma.opportunityStageChange.count({ where: { opportunityId: o.id } })).toBe(2);
    const sneaky = { ...input({ name: "Edited" }), stage: "LOST" as const, lostReason: null };
    await expect(updateOpportunity(people.repEast, o.id, saved.version, sneaky)).rejects.toBeInstanceOf(RuleError);
  });
});

describe("board", () => {
  test("columns carry counts and amounts from GROUP BY, cards only in scope, stale flags by N days", async () => {
    const board = await getBoard(people.repEast, { staleDays: 14 });
    expect(board.map((c) => c.stage)).toEqual(["PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION"]);
    const all = await db.prisma.opportunity.findMany({ where: { ownerId: people.repEast.id, stage: { in: ["PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION"] } } });
    expect(board.reduce((n, c) => n + c.count, 0)).toBe(all.length);
    const proposal = board.find((c) => c.stage === "PROPOSAL")!;
    const [{ sum }] = await db.sql.query<{ sum: string }>(`SELECT COALESCE(sum("amount"), 0)::text AS sum FROM "Opportunity" WHERE "ownerId" = $1 AND "stage" = 'PROPOSAL'`, [people.repEast.id]);
    expect(proposal.amount).toBe(Number(sum) === 0 ? "0.00" : sum);
    expect(proposal.cards.find((c) => c.name === "Sleepy deal")).toMatchObject({ stale: true, canMove: true });
    expect(board.flatMap((c) => c.cards).every((c) => c.ownerName === "rep.east")).toBe(true);
    const limited = await getBoard(people.repEast, { staleDays: 14, limits: { PROSPECTING: 1 } });
    const prospecting = limited.find((c) => c.stage === "PROSPECTING")!;
    expect(prospecting.cards).toHaveLength(1);
    expect(prospecting.hasMore).toBe(prospecting.count > 1);
    await expect(getBoard(people.agent, { staleDays: 14 })).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("the default N comes from the pipeline setting when one is saved", async () => {
    expect(await getStaleDaysDefault()).toBe(14);
    await db.prisma.setting.create({ data: { key: PIPELINE_SETTING_KEY, value: { staleDays: 45 } } });
    expect(await getStaleDaysDefault()).toBe(45);
    await db.prisma.setting.delete({ where: { key: PIPELINE_SETTING_KEY } });
  });
});

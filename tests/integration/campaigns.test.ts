import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { campaignListFigures, getCampaignEffectiveness, groupOutcomes } from "@/lib/campaigns/effectiveness-data";
import { launchCampaign, launchDueCampaigns } from "@/lib/campaigns/launch";
import { addCostLine, changeCampaignStatus, createCampaign, recordResponse, removeCostLine, updateCampaign } from "@/lib/campaigns/mutations";
import { campaignSnapshot, findCampaign, getCampaign, listCampaigns, listMembers } from "@/lib/campaigns/queries";
import { attributionWindow } from "@/lib/campaigns/rules/attribution";
import { campaignEffectiveness } from "@/lib/campaigns/rules/effectiveness";
import { assignHoldoutExact, holdoutUniform } from "@/lib/campaigns/rules/holdout";
import { holdoutDrawSql } from "@/lib/campaigns/rules/holdout-sql";
import { parseCampaignListQuery } from "@/lib/campaigns/rules/list-query";
import { newcombeDifference } from "@/lib/campaigns/rules/lift";
import { campaignFieldsSchema, type CampaignInput } from "@/lib/campaigns/schema";
import type { Actor } from "@/lib/platform/auth/permissions";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { ConflictError } from "@/lib/platform/concurrency";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * Campaigns end to end through the data layer, on PGlite and (TEST_DATABASE_URL) PostgreSQL: the
 * launch's audience with its exclusions and counts, the exact and stable control group (the SQL draw
 * equals lib/campaigns/rules/holdout.ts), responses and who may record them, the attribution window's
 * edges, every §10 figure on constructed data, cost lines, versions, the audit trail and the launch job.
 *
 * Times: the company zone is Asia/Shanghai (the default business hours), UTC+8 without DST.
 */

const NOW = new Date("2026-06-10T02:00:00Z"); // 10:00 in Shanghai on 2026-06-10
const DAY = 86_400_000;

let db: TestDatabase;
let people: People;
let segmentId: number;
let otherCampaignId: number;
let categoryId: number;
let promotedProductId: number;
let plainProductId: number;
/** Segment members still live, in creation order (customer ids). */
const live: number[] = [];
const optedOutEmail: number[] = [];
const fatiguedIds: number[] = [];
let deletedId: number;

const raw = (over: Partial<Record<string, unknown>> = {}): Record<string, unknown> => ({
    name: "Summer email",
    type: "EMAIL",
    startDate: "2026-06-10",
    endDate: "2026-06-30",
    budget: "5000",
    ownerId: people.managerEast.id,
    graceDays: "5",
    holdoutPct: "10",
    fatigueDays: "30",
    audience: "segment",
    segmentId,
    ...over,
  });
const base = (over: Partial<Record<string, unknown>> = {}): CampaignInput => campaignFieldsSchema.parse(raw(over));

async function customer(name: string, over: Record<string, unknown> = {}): Promise<number> {
  const c = await db.prisma.customer.create({ data: { kind: "INDIVIDUAL", name, region: "East China", ownerId: people.repEast.id, ...over }, select: { id: true } });
  return c.id;
}

async function order(customerId: number, orderedAt: Date, totalCents: number, marginCents: number, units: number, productId = plainProductId): Promise<void> {
  await db.prisma.order.create({
    data: {
      customerId,
      orderedAt,
      status: "COMPLETED",
      total: (totalCents / 100).toFixed(2),
      margin: (marginCents / 100).toFixed(2),
      lines: { create: [{ productId, quantity: units, unitPrice: (totalCents / 100 / Math.max(units, 1)).toFixed(2), lineTotal: (totalCents / 100).toFixed(2), lineCost: ((totalCents - marginCents) / 100).toFixed(2) }] },
    },
  });
}

async function members(campaignId: number): Promise<{ customerId: number; isControl: boolean; id: number; status: string }[]> {
  return db.prisma.campaignMember.findMany({ where: { campaignId }, select: { id: true, customerId: true, isControl: true, status: true }, orderBy: { customerId: "asc" } });
}

async function expectedOfRow(id: number): Promise<{ version: number }> {
  const row = await findCampaign(db.prisma, id);
  return { version: row!.version };
}

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  fixClock(NOW);
  const category = await db.prisma.productCategory.create({ data: { name: "Mobile" } });
  const other = await db.prisma.productCategory.create({ data: { name: "Broadband" } });
  categoryId = category.id;
  promotedProductId = (await db.prisma.product.create({ data: { sku: "P-1", name: "5G plan", categoryId: category.id, listPrice: "99.00", unitCost: "40.00" } })).id;
  plainProductId = (await db.prisma.product.create({ data: { sku: "B-1", name: "Fiber", categoryId: other.id, listPrice: "50.00", unitCost: "20.00" } })).id;

  // The segment: 110 live customers and a deleted one.
  for (let i = 0; i < 110; i++) {
    const id = await customer(`Member ${i}`, i < 5 ? { dncEmail: true } : i < 8 ? { dncPhone: true } : {});
    live.push(id);
    if (i < 5) optedOutEmail.push(id);
  }
  deletedId = await customer("Deleted member", { deletedAt: new Date(NOW.getTime() - DAY) });
  const segment = await db.prisma.segment.create({ data: { name: "Audience", kind: "STATIC", rule: { type: "group", op: "and", children: [] }, memberCount: 111 } });
  segmentId = segment.id;
  await db.prisma.segmentMember.createMany({ data: [...live, deletedId].map((customerId) => ({ segmentId, customerId })) });

  // Another campaign that contacted some of them.
  const other2 = await db.prisma.campaign.create({ data: { name: "Earlier call", type: "PHONE", status: "ACTIVE", startsAt: new Date(NOW.getTime() - 60 * DAY), endsAt: new Date(NOW.getTime() + 10 * DAY), ownerId: people.managerEast.id, launchedAt: new Date(NOW.getTime() - 60 * DAY) } });
  otherCampaignId = other2.id;
  // Contacted by the other campaign 10 days ago: live[4] is also opted out (counted as an opt-out only), live[10..12] fatigued.
  for (const id of [live[4], live[10], live[11], live[12]]) {
    await db.prisma.campaignMember.create({ data: { campaignId: otherCampaignId, customerId: id, status: "CONTACTED", contactedAt: new Date(NOW.getTime() - 10 * DAY) } });
  }
  fatiguedIds.push(live[10], live[11], live[12]);
  // Contacted 40 days ago: outside a 30-day fatigue window.
  await db.prisma.campaignMember.create({ data: { campaignId: otherCampaignId, customerId: live[13], status: "CONTACTED", contactedAt: new Date(NOW.getTime() - 40 * DAY) } });
  // Outbound touchpoints linked to the other campaign (fatigue), and ones that do not count.
  const tp = (customerId: number, direction: "OUTBOUND" | "INBOUND", daysAgo: number, campaignId: number | null) =>
    db.prisma.touchpoint.create({ data: { customerId, channel: "PHONE", direction, occurredAt: new Date(NOW.getTime() - daysAgo * DAY), summary: "call", campaignId } });
  await tp(live[14], "OUTBOUND", 3, otherCampaignId);
  await tp(live[15], "OUTBOUND", 29, otherCampaignId);
  fatiguedIds.push(live[14], live[15]);
  await tp(live[16], "OUTBOUND", 31, otherCampaignId);
  await tp(live[17], "INBOUND", 2, otherCampaignId);
  await tp(live[18], "OUTBOUND", 2, null);
  for (const id of [live[13], live[14], live[15], live[16], live[17], live[18]]) {
    if (!(await db.prisma.campaignMember.findFirst({ where: { campaignId: otherCampaignId, customerId: id } }))) {
      await db.prisma.campaignMember.create({ data: { campaignId: otherCampaignId, customerId: id, status: "TARGETED" } });
    }
  }
});

afterAll(async () => {
  resetClock();
  await db.close();
});

beforeEach(() => fixClock(NOW));

describe("the holdout draw in SQL", () => {
  test("equals holdoutUniform's 52-bit SHA-256 prefix for every id (so the launch draws what assignHoldoutExact draws)", async () => {
    const rows = await db.sql.query<{ id: number; draw: string }>(`SELECT g.id, ${holdoutDrawSql("$1::int", "g.id")}::text AS draw FROM generate_series(1, 500) AS g(id)`, [4711]);
    expect(rows).toHaveLength(500);
    for (const r of rows) expect(Number(BigInt(r.draw)) / 2 ** 52).toBe(holdoutUniform("4711", String(r.id)));
  });
});

describe("creating and editing campaigns", () => {
  test("managers create (audited); reps and agents are refused, and the refusal is logged", async () => {
    const { id } = await createCampaign(people.managerEast, base({ name: "Created" }));
    const row = await findCampaign(db.prisma, id);
    expect(row).toMatchObject({ status: "DRAFT", type: "EMAIL", holdoutPct: 10, fatigueDays: 30, graceDays: 5, segmentId, version: 1 });
    // The period's calendar days in the company zone.
    expect(row!.startsAt.toISOString()).toBe("2026-06-09T16:00:00.000Z");
    expect(row!.endsAt.toISOString()).toBe("2026-06-29T16:00:00.000Z");
    expect(await db.prisma.auditLog.count({ where: { entity: "Campaign", entityId: String(id), action: "CREATE" } })).toBe(1);
    for (const who of [people.repEast, people.agent]) {
      await expect(createCampaign(who, base())).rejects.toBeInstanceOf(NotAllowedError);
    }
    expect(await db.prisma.auditLog.count({ where: { entity: "Campaign", action: "DENIED", userId: people.repEast.id } })).toBeGreaterThan(0);
    // Everyone reads campaigns.
    for (const who of Object.values(people)) expect((await getCampaign(who, id))?.name).toBe("Created");
  });

  test("validation names the field: end before start, segment missing, promoted-only without products", () => {
    const bad = (over: Record<string, unknown>) => campaignFieldsSchema.safeParse(raw(over));
    expect(bad({ endDate: "2026-06-01" }).error?.issues[0]).toMatchObject({ path: ["endDate"], message: "campaigns.validation.endBeforeStart" });
    expect(bad({ segmentId: null }).error?.issues[0]).toMatchObject({ path: ["segmentId"], message: "campaigns.validation.segment" });
    expect(bad({ attributePromotedOnly: "on" }).error?.issues[0]).toMatchObject({ path: ["attributePromotedOnly"] });
    expect(bad({ holdoutPct: "80" }).error?.issues[0]).toMatchObject({ path: ["holdoutPct"], message: "validation.range" });
    expect(bad({ budget: "12.345" }).error?.issues[0]).toMatchObject({ path: ["budget"] });
  });

  test("a stale save is refused with the changed fields; the owner must be someone who runs campaigns", async () => {
    const { id } = await createCampaign(people.managerEast, base({ name: "Versioned" }));
    const row = (await findCampaign(db.prisma, id))!;
    const seen = campaignSnapshot(row, "Asia/Shanghai");
    await updateCampaign(people.admin, id, { version: 1, seen }, base({ name: "Versioned (admin)" }));
    const err = await updateCampaign(people.managerEast, id, { version: 1, seen }, base({ name: "Versioned (manager)" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).changes).toEqual([{ field: "name", old: "Versioned", current: "Versioned (admin)" }]);
    await expect(updateCampaign(people.managerEast, id, 2, base({ ownerId: people.repEast.id }))).rejects.toBeInstanceOf(NotAllowedError);
    expect((await findCampaign(db.prisma, id))!.name).toBe("Versioned (admin)");
  });

  test("status transitions are enforced; scheduling needs a future start; ACTIVE only by launching", async () => {
    const { id } = await createCampaign(people.managerEast, base({ name: "Workflow" }));
    await expect(changeCampaignStatus(people.managerEast, id, 1, "COMPLETED")).rejects.toMatchObject({ message: "campaigns.errors.transition" });
    await expect(changeCampaignStatus(people.managerEast, id, 1, "ACTIVE")).rejects.toMatchObject({ message: "campaigns.errors.launchToActivate" });
    await expect(changeCampaignStatus(people.managerEast, id, 1, "SCHEDULED")).rejects.toMatchObject({ message: "campaigns.errors.scheduleInPast" });
    await updateCampaign(people.managerEast, id, 1, base({ name: "Workflow", startDate: "2026-06-20" }));
    await changeCampaignStatus(people.managerEast, id, 2, "SCHEDULED");
    await changeCampaignStatus(people.managerEast, id, 3, "DRAFT");
    await changeCampaignStatus(people.managerEast, id, 4, "CANCELLED");
    await expect(changeCampaignStatus(people.managerEast, id, 5, "DRAFT")).rejects.toBeInstanceOf(RuleError);
    await expect(changeCampaignStatus(people.repEast, id, 5, "DRAFT")).rejects.toBeInstanceOf(NotAllowedError);
    const trail = await db.prisma.auditLog.findMany({ where: { entity: "Campaign", entityId: String(id), action: "UPDATE" }, orderBy: { id: "asc" } });
    expect(trail.map((a) => (a.changes as { status?: { to: string } }).status?.to).filter(Boolean)).toEqual(["SCHEDULED", "DRAFT", "CANCELLED"]);
  });

  test("cost lines keep the campaign's cost as their exact sum, audited", async () => {
    const { id } = await createCampaign(people.managerEast, base({ name: "Costs" }));
    const a = await addCostLine(people.managerEast, { campaignId: id, description: "Printing", amount: "10.10", incurredOn: "2026-06-10" });
    expect(a.cost).toBe("10.10");
    const b = await addCostLine(people.admin, { campaignId: id, description: "Postage", amount: "0.20", incurredOn: "2026-06-11" });
    expect(b.cost).toBe("10.30");
    expect((await getCampaign(people.agent, id))!.costs.map((c) => c.amount)).toEqual(["10.10", "0.20"]);
    await expect(addCostLine(people.repEast, { campaignId: id, description: "x", amount: "1.00", incurredOn: "2026-06-10" })).rejects.toBeInstanceOf(NotAllowedError);
    expect((await removeCostLine(people.managerEast, id, a.id)).cost).toBe("0.20");
    expect((await findCampaign(db.prisma, id))!.cost.toFixed(2)).toBe("0.20");
    expect(await db.prisma.auditLog.count({ where: { entity: "CampaignCost", action: { in: ["CREATE", "DELETE"] } } })).toBe(3);
  });
});

describe("launching", () => {
  let campaignId: number;

  test("freezes the segment's audience without opted-out, fatigued and deleted customers, counting the exclusions", async () => {
    campaignId = (await createCampaign(people.managerEast, base({ name: "Launch me" }))).id;
    await expect(launchCampaign(people.repEast, campaignId, 1)).rejects.toBeInstanceOf(NotAllowedError);
    const result = await launchCampaign(people.managerEast, campaignId, 1);
    // 110 live: 5 opted out of email (one of them also contacted lately: counted once, as an opt-out);
    // 5 fatigued (3 contacted 10 days ago, 2 with an outbound campaign touchpoint in the last 30 days).
    expect(result).toMatchObject({ candidates: 110, excludedOptOut: 5, excludedFatigue: 5, members: 100, control: 10, treated: 90 });
    const row = (await findCampaign(db.prisma, campaignId))!;
    expect(row).toMatchObject({ status: "ACTIVE", launchedById: people.managerEast.id, excludedOptOut: 5, excludedFatigue: 5, version: 2 });
    expect(row.launchedAt?.toISOString()).toBe(NOW.toISOString());
    expect(row.audienceRule).toMatchObject({ source: "segment", segmentId, name: "Audience", kind: "STATIC" });
    const ids = (await members(campaignId)).map((m) => m.customerId);
    for (const excluded of [...optedOutEmail, ...fatiguedIds, deletedId]) expect(ids).not.toContain(excluded);
    // Not excluded: contacted 40 and 31 days ago, an inbound campaign touchpoint, an outbound one with no campaign, phone opt-outs.
    for (const kept of [live[13], live[16], live[17], live[18], live[5], live[6], live[7]]) expect(ids).toContain(kept);
    const audit = await db.prisma.auditLog.findFirst({ where: { entity: "Campaign", entityId: String(campaignId), action: "UPDATE" }, orderBy: { id: "desc" } });
    expect(audit?.changes).toMatchObject({ status: { from: "DRAFT", to: "ACTIVE" }, members: { to: 100 }, control: { to: 10 }, excludedOptOut: { to: 5 }, excludedFatigue: { to: 5 } });
  });

  test("the control group is exactly round(10% × n) and is assignHoldoutExact's draw for the campaign id", async () => {
    const rows = await members(campaignId);
    const control = rows.filter((m) => m.isControl).map((m) => String(m.customerId));
    const expected = assignHoldoutExact(String(campaignId), rows.map((m) => String(m.customerId)), 0.1).control;
    expect(control).toHaveLength(10);
    expect(new Set(control)).toEqual(new Set(expected));
  });

  test("is stable: launching the same campaign again (same id, same audience) draws the same control group", async () => {
    const before = (await members(campaignId)).filter((m) => m.isControl).map((m) => m.customerId);
    // Back to draft by hand (the app never un-launches), then launch again.
    await db.prisma.campaignMember.deleteMany({ where: { campaignId } });
    await db.prisma.campaign.update({ where: { id: campaignId }, data: { status: "DRAFT", launchedAt: null } });
    await launchCampaign(people.admin, campaignId, await expectedOfRow(campaignId));
    const after = (await members(campaignId)).filter((m) => m.isControl).map((m) => m.customerId);
    expect(after).toEqual(before);
  });

  test("after the launch the audience settings are frozen and a second launch is refused", async () => {
    const { version } = await expectedOfRow(campaignId);
    await expect(updateCampaign(people.managerEast, campaignId, version, base({ name: "Launch me", holdoutPct: "20" }))).rejects.toMatchObject({ message: "campaigns.errors.frozenAfterLaunch", field: "holdoutPct" });
    await updateCampaign(people.managerEast, campaignId, version, base({ name: "Launch me (renamed)", graceDays: "7" }));
    await expect(launchCampaign(people.managerEast, campaignId, version + 1)).rejects.toMatchObject({ message: "campaigns.errors.alreadyLaunched" });
  });

  test("control members can never be marked contacted; responses follow campaignMember.respond", async () => {
    const rows = await members(campaignId);
    const control = rows.find((m) => m.isControl)!;
    const treated = rows.filter((m) => !m.isControl);
    await expect(recordResponse(people.admin, control.id, "CONTACTED")).rejects.toMatchObject({ message: "campaigns.errors.controlNotContacted" });
    expect((await db.prisma.campaignMember.findUnique({ where: { id: control.id } }))!.status).toBe("TARGETED");

    // A rep records for their own customers only (all of these belong to repEast).
    await recordResponse(people.repEast, treated[0].id, "CONTACTED");
    await expect(recordResponse(people.repWest, treated[1].id, "CONTACTED")).rejects.toBeInstanceOf(NotAllowedError);
    // An agent: only call-list entries assigned to them.
    await expect(recordResponse(people.agent, treated[1].id, "CONTACTED")).rejects.toBeInstanceOf(NotAllowedError);
    await db.prisma.campaignMember.update({ where: { id: treated[1].id }, data: { assignedToId: people.agent.id } });
    await recordResponse(people.agent, treated[1].id, "RESPONDED");
    await recordResponse(people.managerEast, treated[2].id, "CONVERTED");
    const after = await db.prisma.campaignMember.findMany({ where: { id: { in: [treated[0].id, treated[1].id, treated[2].id] } }, orderBy: { customerId: "asc" } });
    expect(after.map((m) => m.status)).toEqual(["CONTACTED", "RESPONDED", "CONVERTED"]);
    expect(after.every((m) => m.contactedAt?.getTime() === NOW.getTime())).toBe(true);
    expect(after[1].respondedAt?.getTime()).toBe(NOW.getTime());
    expect(after[2].convertedAt?.getTime()).toBe(NOW.getTime());
    await expect(recordResponse(people.managerEast, treated[0].id, "TARGETED")).rejects.toMatchObject({ message: "campaigns.errors.backToTargeted" });
    expect(await db.prisma.auditLog.count({ where: { entity: "CampaignMember", action: "UPDATE" } })).toBe(3);
    // The list says who may record what.
    const page = await listMembers(people.agent, campaignId, { page: 1 });
    expect(page.items.find((m) => m.id === treated[1].id)?.canRespond).toBe(true);
    expect(page.items.find((m) => m.id === treated[3].id)?.canRespond).toBe(false);
    expect(page.items.find((m) => m.isControl)?.canRespond).toBe(false);
  });

  test("an opt-out response puts the customer on the channel's stop list (audited on the customer)", async () => {
    const member = (await members(campaignId)).filter((m) => !m.isControl)[5];
    const before = await db.prisma.customer.findUniqueOrThrow({ where: { id: member.customerId } });
    await recordResponse(people.managerEast, member.id, "OPTED_OUT");
    const after = await db.prisma.customer.findUniqueOrThrow({ where: { id: member.customerId } });
    expect(after.dncEmail).toBe(true);
    expect(after.dncVersion).toBe(before.dncVersion + 1);
    const audit = await db.prisma.auditLog.findFirst({ where: { entity: "Customer", entityId: String(member.customerId), action: "UPDATE" }, orderBy: { id: "desc" } });
    expect(audit?.changes).toMatchObject({ dncEmail: { from: false, to: true } });
  });

  test("an audience from the customer list's filters", async () => {
    const west = [await customer("West one", { region: "West China" }), await customer("West two", { region: "West China" }), await customer("West three", { region: "West China", dncSms: true })];
    const { id } = await createCampaign(people.managerEast, base({ name: "West SMS", type: "SMS", audience: "filters", segmentId: null, audienceFilter: "?region=West+China", holdoutPct: "0", fatigueDays: "" }));
    const result = await launchCampaign(people.managerEast, id, 1);
    expect(result).toMatchObject({ candidates: 3, excludedOptOut: 1, excludedFatigue: 0, members: 2, control: 0 });
    expect((await members(id)).map((m) => m.customerId)).toEqual(west.slice(0, 2));
    expect((await findCampaign(db.prisma, id))!.audienceRule).toMatchObject({ source: "filters", query: "region=West+China", filters: { region: "West China" } });
  });
});

describe("attribution", () => {
  test("window edges: an order at the launch counts, one just before doesn't; the last grace day counts to its end, the next day doesn't; promoted-only", async () => {
    const a = await customer("Edge A");
    const b = await customer("Edge B");
    const c = await customer("Edge C");
    const d = await customer("Edge D");
    const e = await customer("Edge E");
    const campaign = await db.prisma.campaign.create({
      data: { name: "Edges", type: "EMAIL", status: "ACTIVE", startsAt: new Date("2026-06-09T16:00:00Z"), endsAt: new Date("2026-06-29T16:00:00Z"), graceDays: 5, launchedAt: NOW, ownerId: people.managerEast.id, promotedCategoryIds: [categoryId] },
    });
    await db.prisma.campaignMember.createMany({ data: [a, b, c, d, e].map((customerId) => ({ campaignId: campaign.id, customerId })) });
    const window = attributionWindow(campaign, "Asia/Shanghai");
    // Last attributed day: 2026-06-30 + 5 = 2026-07-05 (Shanghai), so the window ends at 2026-07-06 00:00 Shanghai.
    expect(window).toEqual({ start: NOW, end: new Date("2026-07-05T16:00:00Z") });
    await order(a, NOW, 1000, 300, 1); // at the launch: counts
    await order(b, new Date(NOW.getTime() - 1), 1000, 300, 1); // a millisecond before: doesn't
    await order(c, new Date("2026-07-05T15:59:59.999Z"), 2000, 600, 2, promotedProductId); // 23:59:59.999 on the last grace day: counts
    await order(d, new Date("2026-07-05T16:00:00Z"), 1000, 300, 1); // 00:00 the day after: doesn't
    await order(e, new Date("2026-06-20T00:00:00Z"), 500, 100, 1); // inside, no promoted product
    const all = await groupOutcomes(db.prisma, campaign, window);
    expect(all.treated).toMatchObject({ members: 5, converted: 3, revenueCents: { sum: 3500n }, units: { sum: 4n } });
    const promoted = await groupOutcomes(db.prisma, { ...campaign, attributePromotedOnly: true }, window);
    expect(promoted.treated).toMatchObject({ members: 5, converted: 1, revenueCents: { sum: 2000n, sumSquares: 4_000_000n }, marginCents: { sum: 600n } });
    // A cancelled or returned order never counts.
    await db.prisma.order.create({ data: { customerId: b, orderedAt: NOW, status: "RETURNED", total: "10.00", margin: "3.00" } });
    expect((await groupOutcomes(db.prisma, campaign, window)).treated.converted).toBe(3);
  });
});

describe("effectiveness on constructed data (the pure tests' campaign, through the database)", () => {
  test("lift with its Newcombe interval, Welch interval, incremental revenue and margin, ROI, cost per response, periods, forecast, previous campaign", async () => {
    // 10 treated (4 converted: 50.00, 25.00, 100.00, 25.00 with margins 30%), 5 control (1 converted: 25.00).
    const treated = await Promise.all(Array.from({ length: 10 }, (_, i) => customer(`Treated ${i}`)));
    const control = await Promise.all(Array.from({ length: 5 }, (_, i) => customer(`Control ${i}`)));
    const previous = await db.prisma.campaign.create({
      data: { name: "Last email", type: "EMAIL", status: "COMPLETED", startsAt: new Date("2026-03-01T16:00:00Z"), endsAt: new Date("2026-03-20T16:00:00Z"), graceDays: 0, launchedAt: new Date("2026-03-01T16:00:00Z"), ownerId: people.managerEast.id },
    });
    const prevMembers = await Promise.all(Array.from({ length: 20 }, (_, i) => customer(`Previous ${i}`)));
    await db.prisma.campaignMember.createMany({ data: prevMembers.map((customerId) => ({ campaignId: previous.id, customerId })) });
    await order(prevMembers[0], new Date("2026-03-05T00:00:00Z"), 1000, 100, 1);
    await order(prevMembers[1], new Date("2026-03-06T00:00:00Z"), 1000, 100, 1);

    const { id } = await createCampaign(people.managerEast, base({ name: "Measured", expectedResponses: "5", holdoutPct: "0", fatigueDays: "" }));
    await db.prisma.campaign.update({ where: { id }, data: { status: "ACTIVE", launchedAt: NOW } });
    await db.prisma.campaignMember.createMany({
      data: [...treated.map((customerId) => ({ campaignId: id, customerId, isControl: false })), ...control.map((customerId) => ({ campaignId: id, customerId, isControl: true }))],
    });
    await addCostLine(people.managerEast, { campaignId: id, description: "Agency", amount: "20.00", incurredOn: "2026-06-10" });
    const inWindow = new Date("2026-06-15T04:00:00Z");
    await order(treated[2], inWindow, 5000, 1500, 2);
    await order(treated[4], inWindow, 2500, 750, 1);
    await order(treated[6], inWindow, 10000, 3000, 4);
    await order(treated[9], inWindow, 2500, 750, 1);
    await order(control[1], inWindow, 2500, 750, 1);
    // Same months last year (June 2025) and the span before the launch (d = 21 days).
    await order(treated[0], new Date("2025-06-20T04:00:00Z"), 4000, 1000, 3);
    await order(treated[1], new Date("2026-06-01T04:00:00Z"), 1500, 500, 1);

    const m = (await getCampaignEffectiveness(people.agent, id))!;
    const e = m.effectiveness;
    // Exactly the pure test's figures.
    expect(e.lift.value!.treatedRate).toBe(0.4);
    expect(e.lift.value!.controlRate).toBe(0.2);
    expect(e.lift.value!.interval).toEqual(newcombeDifference(4, 10, 1, 5).value!.interval);
    expect(e.lift.value!.interval.lower).toBeCloseTo(-0.28366, 4);
    expect(e.lift.value!.interval.upper).toBeCloseTo(0.53072, 4);
    expect(e.incrementalRevenue.value!.perMemberCents).toBe(1500n);
    expect(e.incrementalRevenue.value!.totalCents).toBe(15000n);
    expect(e.incrementalRevenue.value!.perMember.value!.standardError ** 2).toBeCloseTo(400 / 3, 10);
    expect(e.incrementalMargin.value!.totalCents).toBe(4500n);
    expect(e.incrementalUnits.value!.total).toBeCloseTo(6, 12);
    expect(e.roi.value!.roi).toBeCloseTo(1.25, 14);
    // Responses = treated members who converted (4; none recorded by hand): 2000 / 4 = 500 cents.
    expect(e.costPerResponseCents.value).toBe(500n);
    expect(e.vsForecast.value).toEqual({ conversions: 4, expected: 5, difference: -1, ratio: 0.8 });
    expect(m.previous).toMatchObject({ id: previous.id, members: 20, converted: 2 });
    expect(e.vsPreviousCampaign.value!.interval).toEqual(newcombeDifference(4, 10, 2, 20).value!.interval);
    // June 2026 (the campaign months: launch 06-10 to end 06-30): 200.00 + 15.00; June 2025: 40.00.
    expect(e.sameMonthsLastYear.value!.revenueCents).toMatchObject({ current: 21500n, previous: 4000n, change: 17500n });
    expect(e.sameMonthsLastYear.value!.units).toMatchObject({ current: 9n, previous: 3n });
    // After [06-10 10:00, +21 days) vs before [05-20 10:00, 06-10 10:00).
    expect(e.beforeAfter.value!.revenueCents).toMatchObject({ current: 20000n, previous: 1500n });
    expect(m.verdict[0].key).toBe("liftInconclusive");
    expect(m.verdict[1]).toEqual({ key: "roi", params: { roi: e.roi.value!.roi } });
    // The same aggregates through the pure function give the same answer.
    expect(campaignEffectiveness(m.aggregates).roi.value!.roi).toBe(e.roi.value!.roi);

    // The list's set-based figures agree with the page's.
    const list = await campaignListFigures(db.prisma, [{ id, status: "ACTIVE", type: "EMAIL", launchedAt: NOW, startsAt: NOW, endsAt: new Date("2026-06-29T16:00:00Z"), graceDays: 5, holdoutPct: 0, cost: "20.00" }], "Asia/Shanghai");
    expect(list.get(id)).toMatchObject({ members: 15, control: 5, responses: 4, conversions: 4, roi: e.roi.value!.roi });
    expect(list.get(id)!.lift!.lower).toBe(e.lift.value!.interval.lower);
    const page = await listCampaigns(people.repWest, parseCampaignListQuery({ q: "Measured" }));
    expect(page.items.map((i) => i.id)).toEqual([id]);
  });
});

describe("the launch job", () => {
  test("launches a due scheduled campaign exactly once, even with two runs at the same time", async () => {
    const { id } = await createCampaign(people.managerEast, base({ name: "Scheduled", startDate: "2026-06-12", holdoutPct: "20", fatigueDays: "" }));
    await changeCampaignStatus(people.managerEast, id, 1, "SCHEDULED");
    // Not due yet.
    expect(await launchDueCampaigns(NOW)).toEqual([]);
    const due = new Date("2026-06-12T01:00:00Z");
    fixClock(due);
    const [first, second] = await Promise.all([launchDueCampaigns(due), launchDueCampaigns(due)]);
    const launched = [...first, ...second].filter((r) => r.campaignId === id);
    expect(launched).toHaveLength(1);
    const row = (await findCampaign(db.prisma, id))!;
    expect(row).toMatchObject({ status: "ACTIVE", launchedById: null });
    expect(row.launchedAt?.toISOString()).toBe(due.toISOString());
    const rows = await members(id);
    expect(rows).toHaveLength(launched[0].members);
    expect(rows.filter((m) => m.isControl)).toHaveLength(Math.floor((20 * rows.length + 50) / 100));
    const audits = await db.prisma.auditLog.findMany({ where: { entity: "Campaign", entityId: String(id), action: "UPDATE", userId: null } });
    expect(audits).toHaveLength(1);
    expect(await launchDueCampaigns(due)).toEqual([]);
  });
});

describe("reading", () => {
  test("everyone reads the list and a campaign's members; filters and sorts", async () => {
    const everyone: Actor[] = Object.values(people);
    for (const who of everyone) {
      const page = await listCampaigns(who, parseCampaignListQuery({ status: "ACTIVE", sort: "name" }));
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((i) => i.status === "ACTIVE")).toBe(true);
      expect(page.items.map((i) => i.name)).toEqual([...page.items.map((i) => i.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    const sms = await listCampaigns(people.agent, parseCampaignListQuery({ type: "SMS" }));
    expect(sms.items.map((i) => i.name)).toEqual(["West SMS"]);
    const july = await listCampaigns(people.agent, parseCampaignListQuery({ from: "2026-07-01", to: "2026-07-31" }));
    expect(july.items).toEqual([]);
  });
});

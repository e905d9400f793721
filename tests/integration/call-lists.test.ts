import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { buildCallList, changeListStatus, recordCallOutcome, takeNextCall } from "@/lib/call-lists/mutations";
import { callListProgress, getCallList, listCallLists, queueState } from "@/lib/call-lists/queries";
import { touchpointReached } from "@/lib/call-lists/rules/outcomes";
import { priorityOf } from "@/lib/call-lists/rules/priority";
import { CALLING_HOURS, firstDueAt } from "@/lib/call-lists/rules/schedule";
import { bestSlot, bestTimesToCall } from "@/lib/campaigns/rules/best-time";
import { buildCallListSchema, callOutcomeSchema } from "@/lib/call-lists/schema";
import type { Actor } from "@/lib/platform/auth/permissions";
import { fixClock, resetClock } from "@/lib/platform/clock";
import { connectPostgres, type Database, setDatabase } from "@/lib/platform/db/client";
import type { CallOutcome } from "@/lib/platform/enums";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { createPeople, type People } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

/**
 * Outbound call lists through the data layer, on PGlite and (TEST_DATABASE_URL) PostgreSQL: the build's
 * exclusions and counts, priority order, the dial-time stop-call check, every outcome's effect on the
 * record, the campaign member and the touchpoint, retries, callbacks, stale submits, who may do what
 * (PERMISSIONS.md), and — on PostgreSQL only — 20 agents on separate connections never given the same
 * record. Times: Shanghai (UTC+8), Wednesday 2026-06-10 10:00.
 */

const NOW = new Date("2026-06-10T02:00:00Z");
const MINUTE = 60_000;

let db: TestDatabase;
let people: People;
let agent2: Actor;
let campaignId: number;
let segmentId: number;
const ids: Record<string, number> = {};
const memberOf: Record<string, number> = {};

async function customer(name: string, over: Record<string, unknown> = {}): Promise<number> {
  const c = await db.prisma.customer.create({ data: { kind: "INDIVIDUAL", name, region: "East China", phone: "+86 138 0000 0000", ownerId: people.repEast.id, ...over }, select: { id: true } });
  return c.id;
}

/** A running phone campaign of its own (so a test's list holds only its customers), with treated members. */
async function phoneCampaign(members: [number, number][]): Promise<{ id: number; members: number[] }> {
  const c = await db.prisma.campaign.create({
    data: { name: `Phone ${members[0][0]}`, type: "PHONE", status: "ACTIVE", startsAt: new Date("2026-06-01T00:00:00Z"), endsAt: new Date("2026-07-01T00:00:00Z"), launchedAt: new Date("2026-06-01T00:00:00Z"), ownerId: people.managerEast.id },
    select: { id: true },
  });
  const ms: number[] = [];
  for (const [customerId, propensity] of members) ms.push((await db.prisma.campaignMember.create({ data: { campaignId: c.id, customerId, propensity }, select: { id: true } })).id);
  return { id: c.id, members: ms };
}

const buildInput = (over: Record<string, unknown>) =>
  buildCallListSchema.parse({ name: "Test list", source: "campaign", campaignId, maxAttempts: "3", retryMinutes: "30", agentIds: [people.agent.id], ...over });

const outcome = (entryId: number, version: number, o: CallOutcome, extra: Record<string, unknown> = {}) => callOutcomeSchema.parse({ entryId, version, outcome: o, ...extra });

async function entry(id: number) {
  return db.prisma.callListEntry.findUniqueOrThrow({ where: { id }, select: { id: true, status: true, attempts: true, dueAt: true, version: true, customerId: true, agentId: true, lastOutcome: true } });
}

/** Takes the next call and logs `o` for it; returns the entry id. */
async function call(actor: Actor, o: CallOutcome, listId: number | null = null, extra: Record<string, unknown> = {}): Promise<number> {
  const next = await takeNextCall(actor, listId);
  expect(next).not.toBeNull();
  const e = await entry(next!.entryId);
  await recordCallOutcome(actor, outcome(e.id, e.version, o, extra));
  return e.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  people = await createPeople(db);
  fixClock(NOW);
  const a2 = await db.prisma.user.create({ data: { email: "agent2@test.local", name: "agent2", role: "AGENT", passwordHash: "x" } });
  agent2 = { id: a2.id, role: a2.role, teamId: a2.teamId };

  // A running phone campaign: treated members with a phone (high and low propensity), on the stop-call
  // list, without a phone, already converted; and a control member with a phone.
  const campaign = await db.prisma.campaign.create({
    data: { name: "Retention calls", type: "PHONE", status: "ACTIVE", startsAt: new Date("2026-06-01T00:00:00Z"), endsAt: new Date("2026-07-01T00:00:00Z"), launchedAt: new Date("2026-06-01T00:00:00Z"), ownerId: people.managerEast.id },
    select: { id: true },
  });
  campaignId = campaign.id;
  ids.low = await customer("Low propensity");
  ids.high = await customer("High propensity");
  ids.dnc = await customer("Stop list", { dncPhone: true });
  ids.noPhone = await customer("No phone", { phone: null });
  ids.converted = await customer("Already converted");
  ids.control = await customer("Control member");
  const members: [string, boolean, number | null, string][] = [
    ["low", false, 0.1, "TARGETED"],
    ["high", false, 0.9, "TARGETED"],
    ["dnc", false, 0.5, "TARGETED"],
    ["noPhone", false, 0.5, "TARGETED"],
    ["converted", false, 0.5, "CONVERTED"],
    ["control", true, 0.99, "TARGETED"],
  ];
  for (const [key, isControl, propensity, status] of members) {
    const m = await db.prisma.campaignMember.create({ data: { campaignId, customerId: ids[key], isControl, propensity, status: status as "TARGETED" }, select: { id: true } });
    memberOf[key] = m.id;
  }

  const segment = await db.prisma.segment.create({ data: { name: "Call segment", kind: "STATIC", rule: {}, ownerId: people.managerEast.id }, select: { id: true } });
  segmentId = segment.id;
  ids.s1 = await customer("Segment callable");
  ids.s2 = await customer("Segment stop list", { dncPhone: true });
  ids.s3 = await customer("Segment no phone", { phone: "" });
  ids.s4 = await customer("Segment deleted", { deletedAt: new Date("2026-05-01T00:00:00Z") });
  await db.prisma.segmentMember.createMany({ data: ["s1", "s2", "s3", "s4"].map((k) => ({ segmentId, customerId: ids[k] })) });
});

afterAll(async () => {
  resetClock();
  await db.close();
});

beforeEach(() => fixClock(NOW));

describe("building a list", () => {
  let listId: number;

  test("from a phone campaign: treated members only, stop-call and no-phone excluded and counted, ordered by priority", async () => {
    const result = await buildCallList(people.managerEast, buildInput({ name: "Campaign list" }));
    listId = result.id;
    expect(result).toMatchObject({ candidates: 5, entries: 2, excludedDoNotCall: 1, excludedNoPhone: 1, alreadyAnswered: 1 });
    const list = await db.prisma.callList.findUniqueOrThrow({ where: { id: listId }, select: { excludedDoNotCall: true, excludedNoPhone: true, campaignId: true, builtAt: true, agents: { select: { userId: true } } } });
    expect(list).toMatchObject({ excludedDoNotCall: 1, excludedNoPhone: 1, campaignId, builtAt: NOW, agents: [{ userId: people.agent.id }] });
    const entries = await db.prisma.callListEntry.findMany({ where: { callListId: listId }, select: { customerId: true, priority: true, campaignMemberId: true, status: true, dueAt: true }, orderBy: [{ priority: "desc" }, { id: "asc" }] });
    expect(entries.map((e) => e.customerId)).toEqual([ids.high, ids.low]);
    // The SQL priority is the documented rule (no scores yet: tier and CLV count 0).
    expect(entries[0].priority).toBeCloseTo(priorityOf({ tier: null, predictedClv: null, propensity: 0.9 }), 12);
    expect(entries[1].priority).toBeCloseTo(priorityOf({ tier: null, predictedClv: null, propensity: 0.1 }), 12);
    expect(entries.every((e) => e.status === "QUEUED" && e.dueAt.getTime() === NOW.getTime())).toBe(true);
    expect(entries[0].campaignMemberId).toBe(memberOf.high);
    const audit = await db.prisma.auditLog.findFirst({ where: { entity: "CallList", entityId: String(listId), action: "CREATE" } });
    expect(audit?.userId).toBe(people.managerEast.id);
  });

  test("from a segment: live members with a phone; the others counted", async () => {
    const result = await buildCallList(people.admin, buildInput({ name: "Segment list", source: "segment", segmentId, campaignId: "", agentIds: [people.managerEast.id] }));
    expect(result).toMatchObject({ candidates: 3, entries: 1, excludedDoNotCall: 1, excludedNoPhone: 1 });
    const entries = await db.prisma.callListEntry.findMany({ where: { callListId: result.id }, select: { customerId: true, campaignMemberId: true, priority: true } });
    expect(entries).toEqual([{ customerId: ids.s1, campaignMemberId: null, priority: expect.closeTo(priorityOf({ tier: null, predictedClv: null, propensity: null }), 12) }]);
    await db.prisma.callList.update({ where: { id: result.id }, data: { status: "COMPLETED" } });
  });

  test("a rep or an agent may not build (refused and audited); a non-phone or unknown source is refused on its field", async () => {
    for (const actor of [people.repEast, people.agent]) {
      await expect(buildCallList(actor, buildInput({}))).rejects.toBeInstanceOf(NotAllowedError);
      expect(await db.prisma.auditLog.count({ where: { action: "DENIED", userId: actor.id, entity: "CallList" } })).toBeGreaterThan(0);
    }
    const email = await db.prisma.campaign.create({ data: { name: "Mail", type: "EMAIL", status: "ACTIVE", startsAt: NOW, endsAt: NOW, ownerId: people.admin.id }, select: { id: true } });
    await expect(buildCallList(people.managerEast, buildInput({ campaignId: email.id }))).rejects.toMatchObject({ message: "callLists.validation.notPhone", field: "campaignId" });
    await expect(buildCallList(people.managerEast, buildInput({ campaignId: 999_999 }))).rejects.toBeInstanceOf(RuleError);
    // Seats go to people who work phones: an inactive or unknown user is refused.
    await expect(buildCallList(people.managerEast, buildInput({ agentIds: [999_999] }))).rejects.toBeInstanceOf(NotAllowedError);
  });

  test("lists are seen by whoever may work them", async () => {
    expect((await listCallLists(people.managerEast)).map((l) => l.id)).toContain(listId);
    expect((await listCallLists(people.agent)).map((l) => l.id)).toEqual([listId]);
    expect(await listCallLists(people.repWest)).toEqual([]);
    expect(await getCallList(people.repWest, listId)).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", userId: people.repWest.id, entity: "CallList", entityId: String(listId) } })).toBe(1);
  });
});

describe("working the queue", () => {
  let listId: number;

  beforeAll(async () => {
    fixClock(NOW);
    listId = (await db.prisma.callList.findFirstOrThrow({ where: { name: "Campaign list" }, select: { id: true } })).id;
  });

  test("next call gives the highest priority record, the same one again while held, and nobody else gets it", async () => {
    const first = await takeNextCall(people.agent, listId);
    const e = await entry(first!.entryId);
    expect(e).toMatchObject({ customerId: ids.high, status: "IN_CALL", agentId: people.agent.id });
    expect(await takeNextCall(people.agent)).toEqual({ entryId: e.id, resumed: true });
    // The manager (who may work every list) gets the next one, not the held one.
    const other = await takeNextCall(people.managerEast, listId);
    expect(other?.entryId).not.toBe(e.id);
    const o = await entry(other!.entryId);
    // Released again so the later tests see it queued.
    await db.prisma.callListEntry.update({ where: { id: o.id }, data: { status: "QUEUED", agentId: null, takenAt: null } });
    const state = await queueState(people.agent);
    expect(state.held?.entryId).toBe(e.id);
  });

  test("an outcome logs the attempt and touchpoint, closes the record and moves the member; a second submit logs nothing", async () => {
    const held = (await queueState(people.agent)).held!;
    await recordCallOutcome(people.agent, outcome(held.entryId, held.version, "INTERESTED", { notes: "wants the offer" }));
    expect(await entry(held.entryId)).toMatchObject({ status: "DONE", attempts: 1, agentId: null, lastOutcome: "INTERESTED" });
    const member = await db.prisma.campaignMember.findUniqueOrThrow({ where: { id: memberOf.high }, select: { status: true, contactedAt: true, respondedAt: true } });
    expect(member).toEqual({ status: "RESPONDED", contactedAt: NOW, respondedAt: NOW });
    const attempts = await db.prisma.callAttempt.findMany({ where: { entryId: held.entryId }, select: { outcome: true, touchpointId: true, agentId: true, notes: true } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ outcome: "INTERESTED", agentId: people.agent.id, notes: "wants the offer" });
    const tp = await db.prisma.touchpoint.findUniqueOrThrow({ where: { id: attempts[0].touchpointId! } });
    expect(tp).toMatchObject({ channel: "PHONE", direction: "OUTBOUND", campaignId, customerId: ids.high, userId: people.agent.id, outcome: "Interested", occurredAt: NOW });
    // The same submit again (double click, stale page): refused, nothing logged twice.
    await expect(recordCallOutcome(people.agent, outcome(held.entryId, held.version, "INTERESTED"))).rejects.toMatchObject({ message: "callLists.errors.notYourCall" });
    expect(await db.prisma.callAttempt.count({ where: { entryId: held.entryId } })).toBe(1);
    expect(await db.prisma.touchpoint.count({ where: { customerId: ids.high } })).toBe(1);
  });

  test("dial time: a customer who opted out since the build is set DO_NOT_CALL and not called", async () => {
    await db.prisma.customer.update({ where: { id: ids.low }, data: { dncPhone: true } });
    expect(await takeNextCall(people.agent, listId)).toBeNull();
    const e = await db.prisma.callListEntry.findFirstOrThrow({ where: { callListId: listId, customerId: ids.low } });
    expect(e.status).toBe("DO_NOT_CALL");
    expect(await db.prisma.callAttempt.count({ where: { entryId: e.id } })).toBe(0);
    expect(await db.prisma.auditLog.count({ where: { entity: "CallListEntry", entityId: String(e.id), action: "UPDATE" } })).toBe(1);
    await db.prisma.customer.update({ where: { id: ids.low }, data: { dncPhone: false } });
  });

  test("dial time: uncallable records ahead of a callable one, more than one statement's window, are all set aside with their reason, and the callable one is taken", async () => {
    const seg = await db.prisma.segment.create({ data: { name: "Mostly stopped", kind: "STATIC", rule: {}, ownerId: people.managerEast.id }, select: { id: true } });
    const stopped: number[] = [];
    for (let i = 0; i < 6; i++) stopped.push(await customer(`Stopped later ${i}`));
    const callable = await customer("Callable at the end");
    await db.prisma.segmentMember.createMany({ data: [...stopped, callable].map((customerId) => ({ segmentId: seg.id, customerId })) });
    const { id } = await buildCallList(people.managerEast, buildInput({ name: "Stops ahead", source: "segment", segmentId: seg.id, campaignId: "", agentIds: [agent2.id] }));
    // Uncallable since the build: opt-outs, a number removed, a deleted customer.
    await db.prisma.customer.updateMany({ where: { id: { in: stopped.slice(0, 4) } }, data: { dncPhone: true } });
    await db.prisma.customer.update({ where: { id: stopped[4] }, data: { phone: null, phoneDigits: null } });
    await db.prisma.customer.update({ where: { id: stopped[5] }, data: { deletedAt: NOW } });
    const next = await takeNextCall(agent2, id);
    expect(next).toMatchObject({ resumed: false });
    const taken = await entry(next!.entryId);
    expect(taken).toMatchObject({ customerId: callable, status: "IN_CALL", agentId: agent2.id });
    const set = await db.prisma.callListEntry.findMany({ where: { callListId: id, customerId: { in: stopped } }, select: { id: true, status: true, customerId: true } });
    expect(set.map((e) => e.status)).toEqual(stopped.map(() => "DO_NOT_CALL"));
    const reasons = await db.prisma.auditLog.findMany({ where: { entity: "CallListEntry", entityId: { in: set.map((e) => String(e.id)) }, action: "UPDATE" }, select: { changes: true, userId: true, at: true } });
    expect(reasons).toHaveLength(6);
    expect(reasons.every((r) => r.userId === agent2.id && r.at.getTime() === NOW.getTime())).toBe(true);
    const why = reasons.map((r) => (r.changes as { reason: { to: string } }).reason.to).sort();
    expect(why).toEqual(["deleted", "dncPhone", "dncPhone", "dncPhone", "dncPhone", "noPhone"]);
    expect(await db.prisma.auditLog.count({ where: { entity: "CallListEntry", entityId: String(taken.id), action: "ASSIGN" } })).toBe(1);
    // Pressing "next call" again while holding it gives the same record back.
    expect(await takeNextCall(agent2, id)).toEqual({ entryId: taken.id, resumed: true });
    await recordCallOutcome(agent2, outcome(taken.id, (await entry(taken.id)).version, "REACHED"));
  });

  test("no answer retries after the delay until the maximum attempts, then EXHAUSTED", async () => {
    const c = await customer("Hard to reach");
    await db.prisma.segmentMember.create({ data: { segmentId, customerId: c } });
    const { id } = await buildCallList(people.managerEast, buildInput({ name: "Retry list", source: "segment", segmentId, campaignId: "", maxAttempts: "2", retryMinutes: "30", agentIds: [agent2.id] }));
    const first = await call(agent2, "BUSY", id);
    const e1 = await entry(first);
    expect(e1.customerId).toBe(ids.s1);
    expect(e1).toMatchObject({ status: "QUEUED", attempts: 1, dueAt: new Date(NOW.getTime() + 30 * MINUTE) });
    const second = await call(agent2, "REACHED", id);
    expect(second).not.toBe(first);
    // The retry is not due yet.
    expect(await takeNextCall(agent2, id)).toBeNull();
    fixClock(new Date(NOW.getTime() + 31 * MINUTE));
    expect(await call(agent2, "NO_ANSWER", id)).toBe(first);
    expect(await entry(first)).toMatchObject({ status: "EXHAUSTED", attempts: 2 });
    const progress = await callListProgress(people.managerEast, id, new Date(NOW.getTime() + 31 * MINUTE));
    expect(progress).toMatchObject({ calls: 3, reached: 1, conversions: 0, remaining: 0, projection: { kind: "finished" } });
    expect(progress!.counts).toMatchObject({ DONE: 1, EXHAUSTED: 1 });
  });

  test("a callback is due at the chosen time, not before", async () => {
    const c = await customer("Call me later");
    const own = await phoneCampaign([[c, 0.5]]);
    const { id } = await buildCallList(people.managerEast, buildInput({ name: "Callback list", campaignId: own.id, agentIds: [agent2.id] }));
    const next = await takeNextCall(agent2, id);
    const e = await entry(next!.entryId);
    expect(e.customerId).toBe(c);
    // 13:00 Shanghai today, typed in the agent's zone.
    await expect(recordCallOutcome(agent2, outcome(e.id, e.version, "CALLBACK", { callbackAt: "2026-06-10T09:00", timeZone: "Asia/Shanghai" }))).rejects.toMatchObject({ field: "callbackAt" });
    await recordCallOutcome(agent2, outcome(e.id, e.version, "CALLBACK", { callbackAt: "2026-06-10T13:00", timeZone: "Asia/Shanghai" }));
    const after = await entry(e.id);
    expect(after).toMatchObject({ status: "CALLBACK", attempts: 1, dueAt: new Date("2026-06-10T05:00:00Z") });
    const member = await db.prisma.campaignMember.findFirstOrThrow({ where: { campaignId: own.id, customerId: c }, select: { status: true } });
    expect(member.status).toBe("CONTACTED");
    fixClock(new Date("2026-06-10T04:59:00Z"));
    expect(await takeNextCall(agent2, id)).toBeNull();
    fixClock(new Date("2026-06-10T05:00:00Z"));
    expect((await takeNextCall(agent2, id))?.entryId).toBe(e.id);
    // Converted on the callback; then an opt-out on another list's customer.
    const held = await entry(e.id);
    await recordCallOutcome(agent2, outcome(e.id, held.version, "CONVERTED"));
    expect(await db.prisma.campaignMember.findFirstOrThrow({ where: { campaignId: own.id, customerId: c }, select: { status: true, convertedAt: true } })).toEqual({ status: "CONVERTED", convertedAt: new Date("2026-06-10T05:00:00Z") });
  });

  test("an opt-out puts the customer on the stop-call list and the member OPTED_OUT", async () => {
    const c = await customer("Stop calling me");
    const own = await phoneCampaign([[c, 0.5]]);
    const { id } = await buildCallList(people.managerEast, buildInput({ name: "Opt-out list", campaignId: own.id, agentIds: [agent2.id] }));
    await call(agent2, "OPT_OUT", id);
    expect(await db.prisma.customer.findUniqueOrThrow({ where: { id: c }, select: { dncPhone: true } })).toEqual({ dncPhone: true });
    expect(await db.prisma.campaignMember.findUniqueOrThrow({ where: { id: own.members[0] }, select: { status: true } })).toEqual({ status: "OPTED_OUT" });
    expect(await db.prisma.auditLog.count({ where: { entity: "Customer", entityId: String(c), action: "UPDATE" } })).toBe(1);
  });
});

describe("who may work a list (PERMISSIONS.md)", () => {
  let listId: number;
  beforeAll(async () => {
    fixClock(NOW);
    const own = await phoneCampaign([[await customer("Permission test"), 0.5]]);
    listId = (await buildCallList(people.managerEast, buildInput({ name: "Permission list", campaignId: own.id, agentIds: [people.repEast.id] }))).id;
  });

  test("a rep not assigned is refused (and the denial audited); with no list named, nothing is offered", async () => {
    await expect(takeNextCall(people.repWest, listId)).rejects.toBeInstanceOf(NotAllowedError);
    expect(await db.prisma.auditLog.count({ where: { action: "DENIED", userId: people.repWest.id, entity: "CallList", entityId: String(listId) } })).toBe(1);
    expect(await takeNextCall(people.repWest)).toBeNull();
    expect((await queueState(people.repWest)).lists).toEqual([]);
  });

  test("an agent works only assigned lists; another agent cannot log a call they do not hold", async () => {
    await expect(takeNextCall(people.agent, listId)).rejects.toBeInstanceOf(NotAllowedError);
    const next = await takeNextCall(people.repEast, listId);
    const e = await entry(next!.entryId);
    await expect(recordCallOutcome(people.agent, outcome(e.id, e.version, "REACHED"))).rejects.toBeInstanceOf(NotAllowedError);
    await expect(recordCallOutcome(people.managerEast, outcome(e.id, e.version, "REACHED"))).rejects.toMatchObject({ message: "callLists.errors.notYourCall" });
    await recordCallOutcome(people.repEast, outcome(e.id, e.version, "NOT_INTERESTED"));
    expect((await entry(e.id)).status).toBe("DONE");
  });

  test("pause and resume are versioned; a paused list gives no calls; only managers manage", async () => {
    const own = await phoneCampaign([[await customer("Paused customer"), 0.5]]);
    const { id } = await buildCallList(people.managerEast, buildInput({ name: "Pausable", campaignId: own.id, agentIds: [people.repEast.id] }));
    const list = (await getCallList(people.managerEast, id))!;
    await expect(changeListStatus(people.repEast, id, list.version, "PAUSED")).rejects.toBeInstanceOf(NotAllowedError);
    await changeListStatus(people.managerEast, id, list.version, "PAUSED");
    await expect(changeListStatus(people.managerEast, id, list.version, "ACTIVE")).rejects.toMatchObject({ name: "ConflictError" });
    expect(await takeNextCall(people.repEast, id)).toBeNull();
    await changeListStatus(people.managerEast, id, list.version + 1, "ACTIVE");
    expect(await takeNextCall(people.repEast, id)).not.toBeNull();
  });
});

describe("best time to call", () => {
  test("the build's SQL picks the slot lib/campaigns/rules/best-time.ts picks, and dues the record at its next start within a day", async () => {
    fixClock(NOW);
    const evening = await customer("Reached in the evening");
    const never = await customer("Never called");
    // Wednesday 2026-06-03: no answer at 10:30 (slot 5) three times, reached at 18:30 (slot 9) twice (Shanghai).
    const at = (utc: string, outcome: string) => ({ customerId: evening, channel: "PHONE" as const, direction: "OUTBOUND" as const, occurredAt: new Date(utc), summary: "call", outcome });
    await db.prisma.touchpoint.createMany({
      data: [at("2026-06-03T02:30:00Z", "No answer"), at("2026-06-04T02:30:00Z", "No answer"), at("2026-06-05T02:30:00Z", "Busy"), at("2026-06-03T10:30:00Z", "Reached"), at("2026-06-04T10:30:00Z", "Interested")],
    });
    // The company rarely reaches anyone at lunchtime (slot 6): someone else's unanswered calls.
    const other = await customer("Lunchtime misses");
    await db.prisma.touchpoint.createMany({ data: ["2026-06-03T04:30:00Z", "2026-06-04T04:30:00Z"].map((t) => ({ ...at(t, "No answer"), customerId: other })) });
    const own = await phoneCampaign([[evening, 0.5], [never, 0.5]]);
    const { id } = await buildCallList(people.managerEast, buildInput({ name: "Best time list", campaignId: own.id }));
    const history = await db.prisma.touchpoint.findMany({ where: { channel: "PHONE", direction: "OUTBOUND" }, select: { customerId: true, occurredAt: true, outcome: true } });
    const expected = bestTimesToCall(history.map((h) => ({ customerId: String(h.customerId), at: h.occurredAt, reached: touchpointReached(h.outcome) })), "Asia/Shanghai", CALLING_HOURS);
    const slot = expected.byCustomer.get(String(evening))!.value!.slot;
    expect(slot).toBe(9);
    const company = bestSlot(undefined, expected.companyRates, CALLING_HOURS).value!.slot;
    const entries = await db.prisma.callListEntry.findMany({ where: { callListId: id }, select: { customerId: true, bestSlot: true, dueAt: true } });
    expect(entries.find((e) => e.customerId === evening)).toEqual({ customerId: evening, bestSlot: 9, dueAt: firstDueAt(NOW, 9, true, "Asia/Shanghai") });
    expect(firstDueAt(NOW, 9, true, "Asia/Shanghai")).toEqual(new Date("2026-06-10T10:00:00Z"));
    // Never called: the company's best slot, due at once.
    expect(entries.find((e) => e.customerId === never)).toEqual({ customerId: never, bestSlot: company, dueAt: NOW });
  });
});

// PostgreSQL only: PGlite is one connection, so there is no concurrency to test there.
describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("20 agents at once on separate connections (PostgreSQL)", () => {
  test("never receive the same record", async () => {
    fixClock(NOW);
    const agents: Actor[] = [];
    for (let i = 0; i < 20; i++) {
      const u = await db.prisma.user.create({ data: { email: `par${i}@test.local`, name: `par${i}`, role: "AGENT", passwordHash: "x" } });
      agents.push({ id: u.id, role: u.role, teamId: null });
    }
    const seg = await db.prisma.segment.create({ data: { name: "Parallel", kind: "STATIC", rule: {} }, select: { id: true } });
    const rows = Array.from({ length: 300 }, (_, i) => ({ kind: "INDIVIDUAL" as const, name: `Par ${i}`, region: "East China", phone: `+86 139 ${String(i).padStart(4, "0")} 0000` }));
    await db.prisma.customer.createMany({ data: rows });
    const created = await db.prisma.customer.findMany({ where: { name: { startsWith: "Par " } }, select: { id: true } });
    await db.prisma.segmentMember.createMany({ data: created.map((c) => ({ segmentId: seg.id, customerId: c.id })) });
    const { id, entries } = await buildCallList(people.admin, buildInput({ name: "Parallel list", source: "segment", segmentId: seg.id, campaignId: "", agentIds: agents.map((a) => a.id) }));
    expect(entries).toBe(300);

    // A pool wide enough that every worker's transaction runs on its own connection.
    const [{ name }] = await db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT current_database() AS "name"`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const previous = process.env.DATABASE_POOL_SIZE;
    process.env.DATABASE_POOL_SIZE = "24";
    const wide: Database = await connectPostgres(url.toString());
    process.env.DATABASE_POOL_SIZE = previous;
    setDatabase(wide);
    try {
      const taken: number[][] = await Promise.all(
        agents.map(async (agent) => {
          const mine: number[] = [];
          for (;;) {
            const next = await takeNextCall(agent, id);
            if (!next) return mine;
            mine.push(next.entryId);
            const e = await wide.prisma.callListEntry.findUniqueOrThrow({ where: { id: next.entryId }, select: { version: true } });
            await recordCallOutcome(agent, outcome(next.entryId, e.version, "REACHED"));
          }
        }),
      );
      const all = taken.flat();
      expect(all).toHaveLength(300);
      expect(new Set(all).size).toBe(300);
      // Work was spread: more than one agent got records.
      expect(taken.filter((t) => t.length > 0).length).toBeGreaterThan(1);
      expect(await wide.prisma.callAttempt.count({ where: { callListId: id } })).toBe(300);
    } finally {
      setDatabase(db);
      await wide.close();
    }
  }, 120_000);
});

import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import { authorize } from "@/lib/platform/auth/guard";
import { requirePickable } from "@/lib/platform/auth/scope-filters";
import { writeAudit } from "@/lib/platform/audit";
import { now as clockNow } from "@/lib/platform/clock";
import { checkVersion, type Expected, writeAtVersion } from "@/lib/platform/concurrency";
import { getDatabase } from "@/lib/platform/db/client";
import { db, logDenial, transaction, type Tx } from "@/lib/platform/db/prisma";
import { SqlParams, utcTimestamp } from "@/lib/platform/db/sql-builder";
import { prepareStatement } from "@/lib/platform/db/sql";
import type { CallListStatus, CampaignMemberStatus } from "@/lib/platform/enums";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { companyTimeZone } from "@/lib/campaigns/queries";
import { allowedSlots, bestSlot as bestSlotOf, companySlotRates, SLOT_COUNT } from "@/lib/campaigns/rules/best-time";
import { isLaunched, responseRefusal, responseStamps } from "@/lib/campaigns/rules/status";
import { findCallList, listSnapshot, workableListSql } from "@/lib/call-lists/queries";
import { callbackRefusal, entryAfterCall, memberStatusAfterCall, optsOut, TOUCHPOINT_OUTCOME_TEXT, touchpointReachedSql, wasReached } from "@/lib/call-lists/rules/outcomes";
import { prioritySql } from "@/lib/call-lists/rules/priority";
import { CALLING_HOURS, dueAtBySlot } from "@/lib/call-lists/rules/schedule";
import { canMoveList, SEAT_ROLES } from "@/lib/call-lists/rules/status";
import type { BuildCallListInput, CallOutcomeInput } from "@/lib/call-lists/schema";

/**
 * Call-list writes: the set-based build, "next call" under a row lock, a call's outcome in one
 * transaction, and the list's status. Every write is authorised here and audited in its transaction;
 * refusals are logged by `transaction` after the rollback.
 */

const LIST = "CallList";
const ENTRY = "CallListEntry";

// ---- Build ------------------------------------------------------------------------------------------

/** The slot of an outbound phone touchpoint (lib/campaigns/rules/best-time.ts slotOf) in SQL. */
function slotSql(occurredAt: string, zoneParam: string): string {
  const local = `((${occurredAt}) AT TIME ZONE 'UTC' AT TIME ZONE ${zoneParam})`;
  return `((CASE WHEN EXTRACT(ISODOW FROM ${local}) >= 6 THEN 12 ELSE 0 END) + floor(EXTRACT(HOUR FROM ${local}) / 2))::int`;
}

const PHONE_OUT = `t."channel" = 'PHONE'::"Channel" AND t."direction" = 'OUTBOUND'::"Direction"`;

/** The company's calls and reaches per slot, over every outbound phone touchpoint. */
async function companySlotCounts(timeZone: string): Promise<{ calls: number[]; reached: number[] }> {
  const prisma = await db();
  const rows = await prisma.$queryRawUnsafe<{ slot: number; calls: number; reached: number }[]>(
    `SELECT ${slotSql(`t."occurredAt"`, "$1::text")} AS "slot", count(*)::int AS "calls",
            count(*) FILTER (WHERE ${touchpointReachedSql(`t."outcome"`)})::int AS "reached"
       FROM "Touchpoint" t WHERE ${PHONE_OUT} GROUP BY 1`,
    timeZone,
  );
  const calls = new Array<number>(SLOT_COUNT).fill(0);
  const reached = new Array<number>(SLOT_COUNT).fill(0);
  for (const r of rows) {
    calls[r.slot] = r.calls;
    reached[r.slot] = r.reached;
  }
  return { calls, reached };
}

export type BuildResult = { id: number; candidates: number; entries: number; excludedDoNotCall: number; excludedNoPhone: number; alreadyAnswered: number };

type BuildCounts = { candidates: number; dnc: number; noPhone: number; answered: number; entries: number };

/**
 * The one INSERT … SELECT that fills a list. Candidates: a phone campaign's treated members (never the
 * control group) still TARGETED or CONTACTED (an answered member needs no call; counted), or a
 * segment's members; live customers only. Excluded and counted: phone opt-out (dncPhone) first, then
 * no phone number. Each entry gets its priority (rules/priority.ts), best slot and first due time
 * (rules/schedule.ts): the slot by the best-time rule in SQL — the customer's reach per slot smoothed
 * toward the company's (`$rates`, a Beta prior worth 5 calls), the highest among the calling-hours
 * slots, ties to the earlier slot — the company's best slot for customers never called.
 */
export function buildStatement(
  params: SqlParams,
  o: { listId: number; source: { campaignId: number } | { segmentId: number }; timeZone: string; now: Date; allowed: number[]; rates: number[] | null; companyBest: number | null; dueBySlot: Date[] },
): string {
  const list = params.add(o.listId, "::int");
  const at = params.add(utcTimestamp(o.now), "::timestamp");
  const source =
    "campaignId" in o.source
      ? `SELECT m."customerId" AS "cid", m."id" AS "mid", m."propensity" AS "p", m."status" NOT IN ('TARGETED', 'CONTACTED') AS "answered"
           FROM "CampaignMember" m WHERE m."campaignId" = ${params.add(o.source.campaignId, "::int")} AND NOT m."isControl"`
      : `SELECT sm."customerId" AS "cid", NULL::int AS "mid", NULL::float8 AS "p", false AS "answered"
           FROM "SegmentMember" sm WHERE sm."segmentId" = ${params.add(o.source.segmentId, "::int")}`;
  const best =
    o.rates === null
      ? `SELECT NULL::int AS "cid", NULL::int AS "slot" WHERE false`
      : `SELECT DISTINCT ON (h."cid") h."cid", r."slot"
           FROM (SELECT DISTINCT "cid" FROM hist) h
           CROSS JOIN unnest(${params.add(o.allowed, "::int[]")}, ${params.add(o.rates, "::float8[]")}) AS r("slot", "rate")
           LEFT JOIN hist o ON o."cid" = h."cid" AND o."slot" = r."slot"
          ORDER BY h."cid", (COALESCE(o."reached", 0) + 5 * r."rate") / (COALESCE(o."calls", 0) + 5) DESC, r."slot"`;
  const due = params.add(o.dueBySlot.map(utcTimestamp), "::timestamp[]");
  const companyBest = params.add(o.companyBest, "::int");
  return `WITH src AS MATERIALIZED (${source}),
    tagged AS MATERIALIZED (
      SELECT s."cid", s."mid", s."p", s."answered", c."dncPhone" AS "dnc", COALESCE(c."phoneDigits", '') = '' AS "nophone"
        FROM src s JOIN "Customer" c ON c."id" = s."cid" WHERE c."deletedAt" IS NULL
    ),
    kept AS MATERIALIZED (SELECT * FROM tagged WHERE NOT "answered" AND NOT "dnc" AND NOT "nophone"),
    hist AS MATERIALIZED (
      SELECT t."customerId" AS "cid", ${slotSql(`t."occurredAt"`, params.add(o.timeZone, "::text"))} AS "slot", count(*)::int AS "calls",
             count(*) FILTER (WHERE ${touchpointReachedSql(`t."outcome"`)})::int AS "reached"
        FROM "Touchpoint" t JOIN kept k ON k."cid" = t."customerId"
       WHERE ${PHONE_OUT}
       GROUP BY 1, 2
    ),
    best AS MATERIALIZED (${best}),
    ins AS (
      INSERT INTO "CallListEntry" ("callListId", "customerId", "campaignMemberId", "priority", "status", "attempts", "dueAt", "bestSlot", "version", "createdAt", "updatedAt")
      SELECT ${list}, k."cid", k."mid", ${prioritySql(`sc."tier"`, `sc."predictedClv"`, `k."p"`)}, 'QUEUED'::"CallEntryStatus", 0,
             CASE WHEN b."slot" IS NULL THEN ${at} ELSE (${due})[b."slot" + 1] END, COALESCE(b."slot", ${companyBest}), 1, ${at}, ${at}
        FROM kept k
        LEFT JOIN "CustomerScore" sc ON sc."customerId" = k."cid" AND sc."periodEnd" = (SELECT max("periodEnd") FROM "ScoreRun")
        LEFT JOIN best b ON b."cid" = k."cid"
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM tagged)::int AS "candidates",
           (SELECT count(*) FROM tagged WHERE "answered")::int AS "answered",
           (SELECT count(*) FROM tagged WHERE NOT "answered" AND "dnc")::int AS "dnc",
           (SELECT count(*) FROM tagged WHERE NOT "answered" AND NOT "dnc" AND "nophone")::int AS "noPhone",
           (SELECT count(*) FROM ins)::int AS "entries"`;
}

/** The company's slot rates for the calling-hours slots, and its best slot (null without any call history). */
export async function slotPlan(timeZone: string): Promise<{ allowed: number[]; rates: number[] | null; companyBest: number | null }> {
  const counts = await companySlotCounts(timeZone);
  const rates = companySlotRates(counts);
  const allowed = allowedSlots(CALLING_HOURS);
  if (rates.value === null) return { allowed, rates: null, companyBest: null };
  const company = bestSlotOf(undefined, rates, CALLING_HOURS);
  return { allowed, rates: allowed.map((s) => rates.value[s]), companyBest: company.value?.slot ?? null };
}

/**
 * Builds a call list from a running phone campaign or a segment (callList.manage: admins and
 * managers), seats its agents (managers, reps, agents) and fills it set-based; audited with its counts.
 */
export async function buildCallList(actor: Actor, input: BuildCallListInput, now: Date = clockNow()): Promise<BuildResult> {
  // Read before the transaction (on the embedded database a read beside an open transaction waits for it).
  const timeZone = await companyTimeZone();
  const plan = await slotPlan(timeZone);
  return transaction(async (tx) => {
    authorize(actor, "callList.manage", LIST, null);
    let source: { campaignId: number } | { segmentId: number };
    if (input.source === "campaign") {
      const campaign = await tx.campaign.findUnique({ where: { id: input.campaignId! }, select: { id: true, type: true, status: true } });
      if (!campaign) throw new RuleError("callLists.validation.campaign", "campaignId");
      if (campaign.type !== "PHONE") throw new RuleError("callLists.validation.notPhone", "campaignId");
      if (campaign.status !== "ACTIVE") throw new RuleError("callLists.validation.campaignNotActive", "campaignId");
      source = { campaignId: campaign.id };
    } else {
      const segment = await tx.segment.findUnique({ where: { id: input.segmentId! }, select: { id: true } });
      if (!segment) throw new RuleError("callLists.validation.segment", "segmentId");
      source = { segmentId: segment.id };
    }
    const agents = await requirePickable(tx, actor, "callList.manage", LIST, input.agentIds, { roles: [...SEAT_ROLES] });
    const list = await tx.callList.create({
      data: {
        name: input.name,
        status: "ACTIVE",
        campaignId: "campaignId" in source ? source.campaignId : null,
        segmentId: "segmentId" in source ? source.segmentId : null,
        script: input.script,
        maxAttempts: input.maxAttempts,
        retryMinutes: input.retryMinutes,
        ownerId: actor.id,
        builtAt: now,
      },
      select: { id: true },
    });
    await tx.callListAgent.createMany({ data: agents.map((a) => ({ callListId: list.id, userId: a.id })) });
    const params = new SqlParams();
    const text = buildStatement(params, { listId: list.id, source, timeZone, now, ...plan, dueBySlot: dueAtBySlot(now, timeZone) });
    // As the campaign launch: JIT compiles this one-off statement slower than it runs.
    await tx.$executeRawUnsafe(`SET LOCAL jit = off`);
    const [counts] = await tx.$queryRawUnsafe<BuildCounts[]>(text, ...params.values);
    await tx.callList.update({ where: { id: list.id }, data: { excludedDoNotCall: counts.dnc, excludedNoPhone: counts.noPhone } });
    const result: BuildResult = { id: list.id, candidates: counts.candidates, entries: counts.entries, excludedDoNotCall: counts.dnc, excludedNoPhone: counts.noPhone, alreadyAnswered: counts.answered };
    await writeAudit(tx, {
      userId: actor.id,
      action: "CREATE",
      entity: LIST,
      entityId: list.id,
      before: null,
      after: {
        name: input.name,
        source: "campaignId" in source ? `campaign:${source.campaignId}` : `segment:${source.segmentId}`,
        maxAttempts: input.maxAttempts,
        retryMinutes: input.retryMinutes,
        agents: agents.map((a) => a.id).join(","),
        candidates: result.candidates,
        entries: result.entries,
        excludedDoNotCall: result.excludedDoNotCall,
        excludedNoPhone: result.excludedNoPhone,
        alreadyAnswered: result.alreadyAnswered,
      },
    });
    return result;
  });
}

// ---- Next call -------------------------------------------------------------------------------------

/**
 * How many due records one "next call" locks at once: the first callable one is taken, and those ahead
 * of it whose customer became uncallable are set aside (DO_NOT_CALL) in the same statement. Only when
 * all of them were uncallable does it run again, at most MAX_ROUNDS times.
 */
const TAKE_WINDOW = 4;
const MAX_ROUNDS = 6;

type Taken = { id: number | null; status: "REFUSED" | "HELD" | "IN_CALL" | "DO_NOT_CALL" };

/**
 * "Next call" as ONE statement (one round trip, its own transaction): the record the agent already
 * holds, if any; otherwise the TAKE_WINDOW highest-priority (then lowest id) QUEUED or CALLBACK records
 * due by now on the active lists the user may work, locked FOR UPDATE SKIP LOCKED (concurrent agents
 * each lock different rows and nobody waits). The first whose customer is still callable is set IN_CALL
 * for the agent; those ahead of it whose customer is not (phone opt-out recorded since the build, number
 * removed, customer deleted) are set DO_NOT_CALL. Both kinds of change write their audit row in the same
 * statement. Parameters: $1 user id, $2 now (UTC timestamp text), $3 the list (when `listId` is given).
 * The benchmark times `takeStatement` (the bare take) as its raw-SQL baseline.
 */
function nextCallStatement(actor: Actor, listId: number | null): string {
  // With a list: whether this user may work it, checked in the same statement (no extra round trip);
  // nothing is held or taken when not, and the answer says so.
  const allowed =
    listId !== null
      ? `allowed AS (SELECT EXISTS (SELECT 1 FROM "CallList" l WHERE l."id" = $3::int AND ${workableListSql(actor, "l", "$1::int")}) AS "ok"),`
      : `allowed AS (SELECT true AS "ok"),`;
  return `WITH ${allowed}
    held AS (
      SELECT e."id" FROM "CallListEntry" e
       WHERE e."agentId" = $1::int AND e."status" = 'IN_CALL' AND (SELECT "ok" FROM allowed)
       ORDER BY e."takenAt", e."id" LIMIT 1
    ),
    due AS (
      SELECT e."id", e."callListId", e."customerId", e."priority", e."status"::text AS "was",
             (cu."dncPhone" OR COALESCE(cu."phoneDigits", '') = '' OR cu."deletedAt" IS NOT NULL) AS "blocked",
             cu."dncPhone", COALESCE(cu."phoneDigits", '') = '' AS "noPhone"
        FROM "CallListEntry" e
        JOIN "CallList" l ON l."id" = e."callListId"
        JOIN "Customer" cu ON cu."id" = e."customerId"
       WHERE (SELECT "ok" FROM allowed) AND NOT EXISTS (SELECT 1 FROM held)
         AND e."status" IN ('QUEUED', 'CALLBACK') AND e."dueAt" <= $2::timestamp AND l."status" = 'ACTIVE'
         ${listId !== null ? `AND e."callListId" = $3::int` : ""}
         AND ${workableListSql(actor, "l", "$1::int")}
       ORDER BY e."priority" DESC, e."id"
       LIMIT ${TAKE_WINDOW}
       FOR UPDATE OF e SKIP LOCKED
    ),
    ranked AS (SELECT d.*, row_number() OVER (ORDER BY d."priority" DESC, d."id") AS "rank" FROM due d),
    chosen AS (SELECT min("rank") AS "rank" FROM ranked WHERE NOT "blocked"),
    moves AS (
      SELECT r.*, NOT r."blocked" AS "take" FROM ranked r, chosen ch
       WHERE r."rank" <= COALESCE(ch."rank", ${TAKE_WINDOW + 1}) AND (r."blocked" OR r."rank" = ch."rank")
    ),
    moved AS (
      UPDATE "CallListEntry" t
         SET "status" = CASE WHEN m."take" THEN 'IN_CALL'::"CallEntryStatus" ELSE 'DO_NOT_CALL'::"CallEntryStatus" END,
             "agentId" = CASE WHEN m."take" THEN $1::int END,
             "takenAt" = CASE WHEN m."take" THEN $2::timestamp END,
             "version" = t."version" + 1,
             "updatedAt" = $2::timestamp
        FROM moves m
       WHERE t."id" = m."id"
      RETURNING t."id", m."take", m."was", m."callListId", m."customerId", m."dncPhone", m."noPhone"
    ),
    -- Data-modifying CTEs run to completion whether or not the final SELECT reads them.
    audited AS (
      INSERT INTO "AuditLog" ("userId", "action", "entity", "entityId", "changes", "at")
      SELECT $1::int, CASE WHEN m."take" THEN 'ASSIGN' ELSE 'UPDATE' END, '${ENTRY}', m."id"::text,
             CASE WHEN m."take"
               THEN jsonb_build_object('callListId', m."callListId", 'customerId', m."customerId", 'status', 'IN_CALL')
               ELSE jsonb_build_object(
                 'status', jsonb_build_object('from', m."was", 'to', 'DO_NOT_CALL'),
                 'reason', jsonb_build_object('from', NULL, 'to', CASE WHEN m."dncPhone" THEN 'dncPhone' WHEN m."noPhone" THEN 'noPhone' ELSE 'deleted' END),
                 'customerId', jsonb_build_object('from', NULL, 'to', m."customerId"))
             END,
             $2::timestamp
        FROM moved m
    )
    SELECT NULL::int AS "id", 'REFUSED' AS "status" FROM allowed WHERE NOT "ok"
    UNION ALL
    SELECT h."id", 'HELD' FROM held h
    UNION ALL
    SELECT m."id", CASE WHEN m."take" THEN 'IN_CALL' ELSE 'DO_NOT_CALL' END FROM moved m`;
}

/** The bare take of the next due record (no held-call check, no stop-call step, no audit): the bench's raw baseline. */
export function takeStatement(actor: Actor, listId: number | null): string {
  return `WITH c AS (
      SELECT e."id" FROM "CallListEntry" e JOIN "CallList" l ON l."id" = e."callListId"
       WHERE e."status" IN ('QUEUED', 'CALLBACK') AND e."dueAt" <= $2::timestamp AND l."status" = 'ACTIVE'
         ${listId !== null ? `AND e."callListId" = $3::int` : ""}
         AND ${workableListSql(actor, "l", "$1::int")}
       ORDER BY e."priority" DESC, e."id"
       LIMIT 1
       FOR UPDATE OF e SKIP LOCKED
    )
    UPDATE "CallListEntry" t SET "status" = 'IN_CALL', "agentId" = $1::int, "takenAt" = $2::timestamp, "version" = t."version" + 1, "updatedAt" = $2::timestamp
      FROM c WHERE t."id" = c."id"
    RETURNING t."id", t."status"::text AS "status"`;
}

export type NextCall = { entryId: number; resumed: boolean } | null;

/**
 * "Next call" (callList.work). An agent already holding a call gets it back. Otherwise the next due
 * record is taken under a row lock and set IN_CALL for the agent in the same statement, so two agents
 * never get the same record; records ahead of it whose customer is no longer callable are set
 * DO_NOT_CALL on the way (nextCallStatement). Null when nothing is due. With `listId`, only that list
 * (which the user must be allowed to work). No interactive transaction: each statement is atomic on
 * its own, and one round trip keeps twenty agents pressing "next call" at once from queueing.
 */
export async function takeNextCall(actor: Actor, listId: number | null = null, now: Date = clockNow()): Promise<NextCall> {
  const refuse = async (): Promise<never> => {
    const denied = new NotAllowedError({ userId: actor.id, action: "callList.work", entity: LIST, entityId: listId });
    await logDenial(await db(), denied);
    throw denied;
  };
  try {
    authorize(actor, "callList.work", LIST, listId);
  } catch (error) {
    await logDenial(await db(), error);
    throw error;
  }
  // The SQL runner, not Prisma: one statement, its own transaction, and no ORM work per call (on the
  // embedded database twenty agents' calls queue behind one another, so each one's cost adds up).
  // Prepared: parsing and planning this statement took twice as long as running it (1.5 ms of ~2.4 ms
  // on PGlite), and it is the same few texts for every agent and every call.
  const sql = (await getDatabase()).sql;
  const statement = prepareStatement(nextCallStatement(actor, listId), listId !== null ? ["int", "timestamp", "int"] : ["int", "timestamp"]);
  const values: unknown[] = [actor.id, utcTimestamp(now), ...(listId !== null ? [listId] : [])];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const rows = await sql.prepared<Taken>(statement, values);
    if (rows.some((r) => r.status === "REFUSED")) return refuse();
    const got = rows.find((r) => r.status !== "DO_NOT_CALL");
    if (got && got.id !== null) return { entryId: got.id, resumed: got.status === "HELD" };
    // Nothing due, or only uncallable records in the window (now set aside): look again only in the latter case.
    if (rows.length === 0) return null;
  }
  return null;
}

// ---- A call's outcome ------------------------------------------------------------------------------

type LockedEntry = {
  id: number;
  callListId: number;
  customerId: number;
  campaignMemberId: number | null;
  status: string;
  agentId: number | null;
  attempts: number;
  dueAt: Date;
  takenAt: Date | null;
  version: number;
};

async function memberUpdate(tx: Tx, actor: Actor, memberId: number, outcome: CallOutcomeInput["outcome"], at: Date): Promise<void> {
  const member = await tx.campaignMember.findUnique({
    where: { id: memberId },
    select: { id: true, campaignId: true, customerId: true, status: true, isControl: true, contactedAt: true, respondedAt: true, convertedAt: true, campaign: { select: { status: true } } },
  });
  if (!member) return;
  const to = memberStatusAfterCall(member.status, outcome);
  if (to === null) return;
  // The campaign's own rule (lib/campaigns/rules/status.ts): never a control member, never a campaign
  // that has not run; the call itself is still logged.
  if (responseRefusal(member.campaign.status, member, to) !== null || !isLaunched(member.campaign.status)) return;
  const stamps = responseStamps(to);
  const data: { status: CampaignMemberStatus; contactedAt?: Date; respondedAt?: Date; convertedAt?: Date } = { status: to };
  if (stamps.contacted && member.contactedAt === null) data.contactedAt = at;
  if (stamps.responded && member.respondedAt === null) data.respondedAt = at;
  if (stamps.converted && member.convertedAt === null) data.convertedAt = at;
  const { count } = await tx.campaignMember.updateMany({ where: { id: memberId, status: member.status, isControl: false }, data });
  if (count === 0) throw new RuleError("callLists.errors.memberChanged");
  await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "CampaignMember", entityId: memberId, before: { status: member.status }, after: { status: to, campaignId: member.campaignId, customerId: member.customerId } });
}

/**
 * Logs a call's outcome (callList.work; the record must be IN_CALL and held by this agent at the
 * version the page showed, so a second submit or a stale page logs nothing twice). In one transaction:
 * the CallAttempt, an outbound phone touchpoint (with the list's campaign), the record's next state
 * (rules/outcomes.ts: retry, exhausted, callback, done), the campaign member's response (the campaign's
 * rules: forward only, never control) and, for an opt-out, the customer's phone opt-out.
 */
export async function recordCallOutcome(actor: Actor, input: CallOutcomeInput, now: Date = clockNow()): Promise<{ status: string; touchpointId: number }> {
  return transaction(async (tx) => {
    // The row lock makes a double submit wait for the first and then see the record no longer IN_CALL.
    await tx.$queryRawUnsafe(`SELECT 1 FROM "CallListEntry" WHERE "id" = $1::int FOR UPDATE`, input.entryId);
    const entry: LockedEntry | null = await tx.callListEntry.findUnique({
      where: { id: input.entryId },
      select: { id: true, callListId: true, customerId: true, campaignMemberId: true, status: true, agentId: true, attempts: true, dueAt: true, takenAt: true, version: true },
    });
    if (!entry) throw new NotAllowedError();
    const list = await findCallList(tx, entry.callListId);
    if (!list) throw new NotAllowedError();
    authorize(actor, "callList.work", ENTRY, entry.id, { assignedToId: list.agents.some((a) => a.id === actor.id) ? actor.id : null });
    if (entry.status !== "IN_CALL" || entry.agentId !== actor.id || entry.version !== input.version) throw new RuleError("callLists.errors.notYourCall");
    if (input.outcome === "CALLBACK") {
      const refusal = input.callbackAt ? callbackRefusal(input.callbackAt, now) : "past";
      if (refusal) throw new RuleError(`callLists.validation.callback.${refusal}`, "callbackAt");
    }
    const next = entryAfterCall({ attempts: entry.attempts, dueAt: entry.dueAt }, list, input.outcome, now, input.callbackAt);
    const touchpoint = await tx.touchpoint.create({
      data: {
        customerId: entry.customerId,
        channel: "PHONE",
        direction: "OUTBOUND",
        occurredAt: now,
        userId: actor.id,
        summary: `${list.name}: ${input.notes ?? "outbound call"}`.slice(0, 2000),
        outcome: TOUCHPOINT_OUTCOME_TEXT[input.outcome],
        campaignId: list.campaignId,
      },
      select: { id: true },
    });
    await tx.callAttempt.create({
      data: {
        entryId: entry.id,
        callListId: entry.callListId,
        agentId: actor.id,
        customerId: entry.customerId,
        outcome: input.outcome,
        startedAt: entry.takenAt ?? now,
        endedAt: now,
        touchpointId: touchpoint.id,
        notes: input.notes,
      },
    });
    const { count } = await tx.callListEntry.updateMany({
      where: { id: entry.id, version: entry.version, status: "IN_CALL", agentId: actor.id },
      data: { status: next.status, attempts: next.attempts, dueAt: next.dueAt, lastOutcome: input.outcome, lastCalledAt: now, agentId: null, takenAt: null, version: { increment: 1 } },
    });
    if (count === 0) throw new RuleError("callLists.errors.notYourCall");
    await tx.customer.updateMany({ where: { id: entry.customerId, OR: [{ lastContactAt: null }, { lastContactAt: { lt: now } }] }, data: { lastContactAt: now } });
    if (entry.campaignMemberId !== null && wasReached(input.outcome)) await memberUpdate(tx, actor, entry.campaignMemberId, input.outcome, now);
    if (optsOut(input.outcome)) {
      const { count: flagged } = await tx.customer.updateMany({ where: { id: entry.customerId, dncPhone: false }, data: { dncPhone: true, dncVersion: { increment: 1 } } });
      if (flagged > 0) await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Customer", entityId: entry.customerId, before: { dncPhone: false }, after: { dncPhone: true } });
    }
    await writeAudit(tx, {
      userId: actor.id,
      action: "UPDATE",
      entity: ENTRY,
      entityId: entry.id,
      before: { status: entry.status, attempts: entry.attempts, dueAt: entry.dueAt },
      after: { status: next.status, attempts: next.attempts, dueAt: next.dueAt, outcome: input.outcome, touchpointId: touchpoint.id },
    });
    return { status: next.status, touchpointId: touchpoint.id };
  });
}

// ---- The list's status -----------------------------------------------------------------------------

/** Pause, resume or complete a list at the version the page showed (callList.manage). */
export async function changeListStatus(actor: Actor, id: number, expected: Expected, to: CallListStatus): Promise<void> {
  await transaction(async (tx) => {
    const row = await findCallList(tx, id);
    if (!row) throw new NotAllowedError();
    authorize(actor, "callList.manage", LIST, id);
    checkVersion(LIST, id, expected, { version: row.version, snapshot: listSnapshot(row) });
    if (!canMoveList(row.status, to)) throw new RuleError("callLists.errors.transition", "status");
    await writeAtVersion(
      LIST,
      id,
      expected,
      (version) => tx.callList.updateMany({ where: { id, version }, data: { status: to, version: { increment: 1 } } }),
      async () => {
        const current = await findCallList(tx, id);
        if (!current) throw new NotAllowedError();
        return { version: current.version, snapshot: listSnapshot(current) };
      },
    );
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: LIST, entityId: id, before: { status: row.status }, after: { status: to } });
  });
}

/** Re-seats the list's agents at the version the page showed (callList.manage). */
export async function setListAgents(actor: Actor, id: number, expected: Expected, agentIds: number[]): Promise<void> {
  await transaction(async (tx) => {
    const row = await findCallList(tx, id);
    if (!row) throw new NotAllowedError();
    authorize(actor, "callList.manage", LIST, id);
    checkVersion(LIST, id, expected, { version: row.version, snapshot: listSnapshot(row) });
    if (agentIds.length === 0) throw new RuleError("callLists.validation.agents", "agentIds");
    const agents = await requirePickable(tx, actor, "callList.manage", LIST, agentIds, { roles: [...SEAT_ROLES] });
    await writeAtVersion(
      LIST,
      id,
      expected,
      (version) => tx.callList.updateMany({ where: { id, version }, data: { version: { increment: 1 } } }),
      async () => {
        const current = await findCallList(tx, id);
        if (!current) throw new NotAllowedError();
        return { version: current.version, snapshot: listSnapshot(current) };
      },
    );
    await tx.callListAgent.deleteMany({ where: { callListId: id } });
    await tx.callListAgent.createMany({ data: agents.map((a) => ({ callListId: id, userId: a.id })) });
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: LIST, entityId: id, before: { agents: row.agents.map((a) => a.id).join(",") }, after: { agents: agents.map((a) => a.id).sort((a, b) => a - b).join(",") } });
  });
}

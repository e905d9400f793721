import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/platform/auth/permissions";
import { authorize } from "@/lib/platform/auth/guard";
import { writeAudit } from "@/lib/platform/audit";
import { now as clockNow } from "@/lib/platform/clock";
import { checkVersion, type Expected, writeAtVersion } from "@/lib/platform/concurrency";
import { getDatabase } from "@/lib/platform/db/client";
import { db, transaction, type Tx } from "@/lib/platform/db/prisma";
import { SqlParams, utcTimestamp } from "@/lib/platform/db/sql-builder";
import { RuleError, NotAllowedError } from "@/lib/platform/errors";
import { dayRange, localDateOf } from "@/lib/platform/time-zone";
import { filterConditions } from "@/lib/customers/queries";
import { parseFilters } from "@/lib/customers/rules/list-query";
import { currentScoreJoin } from "@/lib/scoring/queries";
import { type CampaignRow, campaignRef, campaignSnapshot, companyTimeZone, findCampaign } from "@/lib/campaigns/queries";
import { propensityForAudience } from "@/lib/campaigns/propensity-data";
import { controlSizeSql, holdoutDrawSql } from "@/lib/campaigns/rules/holdout-sql";
import { CAMPAIGN_OPT_OUT, isPlanned } from "@/lib/campaigns/rules/status";

/**
 * The launch: a campaign goes ACTIVE and its audience is frozen, in one transaction and set-based (one
 * INSERT … SELECT, no per-customer loop):
 * 1. the audience: the segment's current members, or the customer list's filters as saved with the
 *    campaign (deleted customers never);
 * 2. exclusions, counted: customers opted out of the campaign's channel (EMAIL → dncEmail, PHONE →
 *    dncPhone, DIRECT_MAIL → dncMail, SMS → dncSms; events and advertising have none), then — with
 *    fatigue days N — customers contacted by another campaign in the last N days (a member's contactedAt,
 *    or an outbound touchpoint linked to another campaign);
 * 3. the members, with the holdout drawn exactly as lib/campaigns/rules/holdout.ts assignHoldoutExact
 *    draws it (the same SHA-256 draw computed in SQL, rules/holdout-sql.ts): the round-half-up(pct·n/100)
 *    members with the smallest draws are the control group;
 * 4. the rule that selected them (the segment's rule or the filters) and the exclusion counts on the
 *    campaign, status ACTIVE, launchedAt, launchedById; one audit row.
 * Response propensities (./propensity-data.ts) are scored after the commit: they annotate the members
 * and may take seconds to train; a launch never fails because there is no model.
 *
 * A SCHEDULED campaign is launched by the job (launchDueCampaigns) when its start has come, exactly
 * once across app servers: the launch claims the campaign with an UPDATE conditioned on its status, and
 * of two servers launching it at once one matches the row and the other, after waiting on its lock,
 * matches nothing.
 */

const ENTITY = "Campaign";

export type LaunchResult = {
  campaignId: number;
  /** Audience before exclusions. */
  candidates: number;
  members: number;
  control: number;
  treated: number;
  excludedOptOut: number;
  excludedFatigue: number;
};

type Launcher = { kind: "user"; actor: Actor } | { kind: "schedule" };

type Counts = { candidates: number; optedOut: number; fatigued: number; members: number; control: number };

/** `SELECT c."id" FROM …` of the campaign's audience (customers not deleted), and the rule it stands for. */
async function audienceSelect(tx: Tx, row: CampaignRow, params: SqlParams): Promise<{ sql: string; rule: Prisma.InputJsonValue }> {
  if (row.segmentId !== null) {
    const segment = await tx.segment.findUnique({ where: { id: row.segmentId }, select: { id: true, name: true, kind: true, rule: true, memberCount: true, refreshedAt: true } });
    if (!segment) throw new RuleError("campaigns.validation.segment", "segmentId");
    return {
      sql: `SELECT c."id", c."dncPhone", c."dncEmail", c."dncMail", c."dncSms" FROM "SegmentMember" sm JOIN "Customer" c ON c."id" = sm."customerId"
             WHERE sm."segmentId" = ${params.add(segment.id, "::int")} AND c."deletedAt" IS NULL`,
      rule: {
        source: "segment",
        segmentId: segment.id,
        name: segment.name,
        kind: segment.kind,
        rule: segment.rule as Prisma.InputJsonValue,
        memberCount: segment.memberCount,
        refreshedAt: segment.refreshedAt?.toISOString() ?? null,
      },
    };
  }
  const query = typeof row.audienceFilter === "string" ? row.audienceFilter : "";
  const filters = parseFilters(new URLSearchParams(query));
  // The owner's view of the list: every role reads every customer (customer.read), and a saved "me"
  // was made explicit at save time, so whoever launches selects the same customers.
  const owner = await tx.user.findUnique({ where: { id: row.ownerId }, select: { id: true, role: true, teamId: true } });
  if (!owner) throw new NotAllowedError();
  const from = filters.period
    ? `"Customer" c LEFT JOIN "CustomerScore" s ON s."customerId" = c."id" AND s."periodEnd" = ${params.add(filters.period, "::timestamp")}`
    : `"Customer" c ${currentScoreJoin("s", `c."id"`)}`;
  const where = filterConditions(owner, filters, params);
  return {
    sql: `SELECT c."id", c."dncPhone", c."dncEmail", c."dncMail", c."dncSms" FROM ${from} WHERE ${where.join(" AND ")}`,
    rule: { source: "filters", query, filters: JSON.parse(JSON.stringify(filters)) as Prisma.InputJsonValue },
  };
}

/** The one statement that selects, excludes, draws and inserts; returns the counts. */
export function launchStatement(row: Pick<CampaignRow, "id" | "type" | "holdoutPct" | "fatigueDays">, audience: string, params: SqlParams, now: Date): string {
  const flag = CAMPAIGN_OPT_OUT[row.type];
  const cid = params.add(row.id, "::int");
  const opted = flag ? `a."${flag}"` : "false";
  let fatigued = "false";
  if (row.fatigueDays !== null) {
    const since = params.add(utcTimestamp(new Date(now.getTime() - row.fatigueDays * 86_400_000)), "::timestamp");
    fatigued = `(EXISTS (SELECT 1 FROM "CampaignMember" m WHERE m."customerId" = a."id" AND m."campaignId" <> ${cid} AND m."contactedAt" >= ${since})
      OR EXISTS (SELECT 1 FROM "Touchpoint" t WHERE t."customerId" = a."id" AND t."campaignId" IS NOT NULL AND t."campaignId" <> ${cid}
                   AND t."direction" = 'OUTBOUND'::"Direction" AND t."occurredAt" >= ${since}))`;
  }
  const at = params.add(utcTimestamp(now), "::timestamp");
  const pct = params.add(row.holdoutPct, "::int");
  return `WITH a AS MATERIALIZED (${audience}),
    tagged AS MATERIALIZED (
      SELECT a."id", ${opted} AS "opted", CASE WHEN ${opted} THEN false ELSE ${fatigued} END AS "fatigued" FROM a
    ),
    kept AS MATERIALIZED (SELECT t."id" FROM tagged t WHERE NOT t."opted" AND NOT t."fatigued"),
    size AS (SELECT count(*)::int AS "n" FROM kept),
    ranked AS (SELECT k."id", row_number() OVER (ORDER BY ${holdoutDrawSql(cid, `k."id"`)}, k."id") AS "rn" FROM kept k),
    ins AS (
      INSERT INTO "CampaignMember" ("campaignId", "customerId", "status", "isControl", "createdAt", "updatedAt")
      SELECT ${cid}, r."id", 'TARGETED'::"CampaignMemberStatus", r."rn" <= (SELECT ${controlSizeSql(pct, `s."n"`)} FROM size s), ${at}, ${at}
        FROM ranked r
      RETURNING "isControl"
    )
    SELECT (SELECT count(*) FROM tagged)::int AS "candidates",
           (SELECT count(*) FROM tagged WHERE "opted")::int AS "optedOut",
           (SELECT count(*) FROM tagged WHERE "fatigued")::int AS "fatigued",
           (SELECT count(*) FROM ins)::int AS "members",
           (SELECT count(*) FROM ins WHERE "isControl")::int AS "control"`;
}

async function freeze(tx: Tx, row: CampaignRow, launcher: Launcher, now: Date): Promise<LaunchResult> {
  // A planned campaign has contacted nobody: members added before the launch (older data) give way to the audience.
  await tx.campaignMember.deleteMany({ where: { campaignId: row.id } });
  const params = new SqlParams();
  const audience = await audienceSelect(tx, row, params);
  const text = launchStatement(row, audience.sql, params, now);
  // The statement's cost estimate crosses PostgreSQL's JIT threshold, and compiling it took longer than
  // running it (measured: 1.5 s of JIT on a 3 s launch); PGlite has no JIT and accepts the setting.
  await tx.$executeRawUnsafe(`SET LOCAL jit = off`);
  const [counts] = await tx.$queryRawUnsafe<Counts[]>(text, ...params.values);
  await tx.campaign.update({
    where: { id: row.id },
    data: { audienceRule: audience.rule, excludedOptOut: counts.optedOut, excludedFatigue: counts.fatigued },
  });
  const result: LaunchResult = {
    campaignId: row.id,
    candidates: counts.candidates,
    members: counts.members,
    control: counts.control,
    treated: counts.members - counts.control,
    excludedOptOut: counts.optedOut,
    excludedFatigue: counts.fatigued,
  };
  await writeAudit(tx, {
    userId: launcher.kind === "user" ? launcher.actor.id : null,
    action: "UPDATE",
    entity: ENTITY,
    entityId: row.id,
    before: { status: row.status, launchedAt: null },
    after: {
      status: "ACTIVE",
      launchedAt: now,
      launchedBy: launcher.kind === "user" ? launcher.actor.id : "schedule",
      members: result.members,
      control: result.control,
      excludedOptOut: result.excludedOptOut,
      excludedFatigue: result.excludedFatigue,
    },
  });
  return result;
}

/**
 * Launches a draft or scheduled campaign now, at the version the page loaded (campaign.edit: admins
 * and managers). Refused once the campaign's last day is over (launch dates are about contact; a
 * campaign that never ran is rescheduled or cancelled).
 */
export async function launchCampaign(actor: Actor, id: number, expected: Expected, now: Date = clockNow()): Promise<LaunchResult> {
  const timeZone = await companyTimeZone();
  const result = await transaction(async (tx) => {
    const row = await findCampaign(tx, id);
    if (!row) throw new NotAllowedError();
    authorize(actor, "campaign.edit", ENTITY, id, campaignRef(row));
    checkVersion(ENTITY, id, expected, { version: row.version, snapshot: campaignSnapshot(row, timeZone) });
    if (!isPlanned(row.status)) throw new RuleError("campaigns.errors.alreadyLaunched", "status");
    if (now.getTime() >= dayRange(localDateOf(row.endsAt, timeZone), timeZone).end.getTime()) throw new RuleError("campaigns.errors.endedBeforeLaunch", "endDate");
    await writeAtVersion(
      ENTITY,
      id,
      expected,
      (version) =>
        tx.campaign.updateMany({
          where: { id, version, status: { in: ["DRAFT", "SCHEDULED"] } },
          data: { status: "ACTIVE", launchedAt: now, launchedById: actor.id, version: { increment: 1 } },
        }),
      async () => {
        const current = await findCampaign(tx, id);
        if (!current) throw new NotAllowedError();
        return { version: current.version, snapshot: campaignSnapshot(current, timeZone) };
      },
    );
    return freeze(tx, row, { kind: "user", actor }, now);
  });
  await scorePropensities(id, now);
  return result;
}

/**
 * Launches one scheduled campaign whose start has come; null when it is no longer due (another server
 * launched it, or someone moved it back to draft or cancelled it).
 */
export async function launchScheduled(id: number, now: Date = clockNow()): Promise<LaunchResult | null> {
  const result = await transaction(async (tx) => {
    const { count } = await tx.campaign.updateMany({
      where: { id, status: "SCHEDULED", startsAt: { lte: now } },
      data: { status: "ACTIVE", launchedAt: now, launchedById: null, version: { increment: 1 } },
    });
    if (count === 0) return null;
    const row = (await findCampaign(tx, id))!;
    return freeze(tx, { ...row, status: "SCHEDULED" }, { kind: "schedule" }, now);
  });
  if (result) await scorePropensities(id, now);
  return result;
}

/** The launch job: every scheduled campaign whose start has come, each in its own transaction. */
export async function launchDueCampaigns(now: Date = clockNow()): Promise<LaunchResult[]> {
  const prisma = await db();
  const due = await prisma.campaign.findMany({ where: { status: "SCHEDULED", startsAt: { lte: now } }, select: { id: true }, orderBy: [{ startsAt: "asc" }, { id: "asc" }], take: 50 });
  const launched: LaunchResult[] = [];
  for (const { id } of due) {
    const result = await launchScheduled(id, now);
    if (result) launched.push(result);
  }
  return launched;
}

/**
 * Scores the members' response propensity as of the launch and stores it with the top reasons; a
 * campaign without expected responses gets the rounded sum of its treated members' propensities.
 * Runs after the launch committed. No model (too little history on the channel) leaves both empty;
 * a failure is logged and leaves them empty too: the launch itself stands.
 */
async function scorePropensities(campaignId: number, asOf: Date): Promise<void> {
  try {
    const prisma = await db();
    const campaign = await prisma.campaign.findUnique({ where: { id: campaignId }, select: { type: true, expectedResponses: true } });
    if (!campaign) return;
    const members = await prisma.campaignMember.findMany({ where: { campaignId }, select: { customerId: true, isControl: true } });
    if (members.length === 0) return;
    const scores = await propensityForAudience(campaign.type, members.map((m) => m.customerId), asOf, { sql: (await getDatabase()).sql });
    if (!scores || scores.size === 0) return;
    const ids: number[] = [];
    const ps: number[] = [];
    const reasons: string[] = [];
    let expected = 0;
    for (const m of members) {
      const score = scores.get(m.customerId);
      if (!score) continue;
      ids.push(m.customerId);
      ps.push(score.p);
      reasons.push(JSON.stringify(score.reasons));
      if (!m.isControl) expected += score.p;
    }
    await transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        `UPDATE "CampaignMember" m SET "propensity" = v.p, "reasons" = v.r::jsonb
           FROM unnest($1::int[], $2::float8[], $3::text[]) AS v(cid, p, r)
          WHERE m."campaignId" = $4::int AND m."customerId" = v.cid`,
        ids,
        ps,
        reasons,
        campaignId,
      );
      if (campaign.expectedResponses === null) {
        await tx.campaign.updateMany({ where: { id: campaignId, expectedResponses: null }, data: { expectedResponses: Math.round(expected) } });
      }
    });
  } catch (error) {
    console.error(`[campaigns] propensity scoring for campaign ${campaignId} failed; members keep no propensity`, error);
  }
}

import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can, type Actor } from "@/lib/platform/auth/permissions";
import { authorize } from "@/lib/platform/auth/guard";
import { writeAudit } from "@/lib/platform/audit";
import { now as clockNow } from "@/lib/platform/clock";
import { checkVersion, type Expected, writeAtVersion } from "@/lib/platform/concurrency";
import type { PreparedStatement, SqlRunner } from "@/lib/platform/db/sql";
import { db, transaction, type Tx } from "@/lib/platform/db/prisma";
import { SqlParams, utcTimestamp } from "@/lib/platform/db/sql-builder";
import { RuleError, NotAllowedError } from "@/lib/platform/errors";
import { dayRange, localDateOf } from "@/lib/platform/time-zone";
import { filterConditions } from "@/lib/customers/queries";
import { parseFilters } from "@/lib/customers/rules/list-query";
import { currentScoreJoin } from "@/lib/scoring/queries";
import { type CampaignRow, campaignRef, campaignSnapshot, companyTimeZone, findCampaign } from "@/lib/campaigns/queries";
import { scorePropensity, trainPropensityModel, type TrainedPropensity } from "@/lib/campaigns/propensity-data";
import { channelModel } from "@/lib/campaigns/propensity-models";
import { controlSize, holdoutDrawSql } from "@/lib/campaigns/rules/holdout-sql";
import { CAMPAIGN_OPT_OUT, isPlanned } from "@/lib/campaigns/rules/status";

/**
 * The launch: a campaign goes ACTIVE and its audience is frozen, in one transaction and set-based (no
 * per-customer loop): one statement selects, excludes and draws, the members are scored, and one INSERT
 * writes them with their propensities:
 * 1. the audience: the segment's current members, or the customer list's filters as saved with the
 *    campaign (deleted customers never);
 * 2. exclusions, counted: customers opted out of the campaign's channel (EMAIL → dncEmail, PHONE →
 *    dncPhone, DIRECT_MAIL → dncMail, SMS → dncSms; events and advertising have none), then — with
 *    fatigue days N — customers contacted by another campaign in the last N days (a member's contactedAt,
 *    or an outbound touchpoint linked to another campaign);
 * 3. the members, with the holdout drawn exactly as lib/campaigns/rules/holdout.ts assignHoldoutExact
 *    draws it (the same SHA-256 draw computed in SQL, rules/holdout-sql.ts): the round-half-up(pct·n/100)
 *    members with the smallest draws are the control group;
 * 4. each member's response propensity as of the launch and its top reasons (./propensity-data.ts),
 *    and — when the campaign has none — expected responses, the rounded sum of the treated members'
 *    propensities. They annotate the launch: no model (too little history on the channel) or a failed
 *    scoring leaves them empty (logged), and the launch stands. The channel's model is found before
 *    the transaction (it depends on the instant, not on the audience): the kept one while its training
 *    data are unchanged and it is less than a day old, else trained then (./propensity-models.ts; seconds
 *    at 500,000 training rows); the audience is scored inside it, before the INSERT, so every member row is written
 *    once (writing members and then updating 50,000 of them with their scores took 2 s of a 5 s launch);
 * 5. the rule that selected them (the segment's rule or the filters) and the exclusion counts on the
 *    campaign, status ACTIVE, launchedAt, launchedById; one audit row.
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

type Audience = { candidates: number; optedOut: number; fatigued: number; ids: number[] };

/** The channel's model, trained before the launch transaction; undefined = train inside it. */
type Model = TrainedPropensity | null | undefined;

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

/**
 * The statement that selects, excludes and draws: the counts, and the kept customers' ids in draw order
 * (smallest draw first, ties by id), so the first controlSize(pct, n) of them are the control group.
 * The draw is computed once per kept customer (a column of the materialized `kept`) and sorted in the
 * aggregate; the ids come back as one array value.
 */
export function audienceStatement(row: Pick<CampaignRow, "id" | "type" | "fatigueDays">, audience: string, params: SqlParams, now: Date): string {
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
  return `WITH a AS MATERIALIZED (${audience}),
    tagged AS MATERIALIZED (
      SELECT a."id", ${opted} AS "opted", CASE WHEN ${opted} THEN false ELSE ${fatigued} END AS "fatigued" FROM a
    ),
    kept AS MATERIALIZED (SELECT t."id", ${holdoutDrawSql(cid, `t."id"`)} AS "draw" FROM tagged t WHERE NOT t."opted" AND NOT t."fatigued")
    SELECT (SELECT count(*) FROM tagged)::int AS "candidates",
           (SELECT count(*) FROM tagged WHERE "opted")::int AS "optedOut",
           (SELECT count(*) FROM tagged WHERE "fatigued")::int AS "fatigued",
           coalesce((SELECT array_agg(k."id" ORDER BY k."draw", k."id") FROM kept k), '{}'::int[]) AS "ids"`;
}

/**
 * The members in one INSERT: `$4` the ids in draw order (the first `$2` are the control group), `$5`
 * their propensities aligned with the ids, `$6` their reasons as JSON lines (one line per id, an empty
 * line = none), or an empty array and an empty text when unscored (unnest pads with nulls). The reasons
 * travel as one text split in the database: as a text[] parameter the driver escaped and the server
 * parsed 50,000 quoted JSON strings one by one, ~1.2 s of a launch on PGlite, against ~0.2 s for the
 * split. Rows are written in customer order (the draw decided the control group already): index entries
 * for (campaign, customer) and customer then go in in key order instead of at random places.
 */
const INSERT_MEMBERS = `INSERT INTO "CampaignMember" ("campaignId", "customerId", "status", "isControl", "propensity", "reasons", "createdAt", "updatedAt")
  SELECT $1::int, v."cid", 'TARGETED'::"CampaignMemberStatus", v."ord" <= $2::int, v."p", v."r"::jsonb, $3::timestamp, $3::timestamp
    FROM unnest($4::int[], $5::float8[], string_to_array($6::text, E'\n', '')) WITH ORDINALITY AS v("cid", "p", "r", "ord")
   ORDER BY v."cid"`;

/**
 * The launch transaction as a SqlRunner for the feature statements (a nested transaction joins it).
 * Unlike the database's own runners, `exec` takes ONE statement: Prisma prepares what it runs.
 */
export function txRunner(tx: Tx): SqlRunner {
  const runner: SqlRunner = {
    query: <T>(sql: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(sql, ...params),
    async exec(sql: string) {
      await tx.$executeRawUnsafe(sql);
    },
    transaction: (fn) => fn(runner),
    session: (fn) => fn(runner),
    copyFrom: () => Promise.reject(new Error("COPY is not available in the launch transaction")),
    // Inside a transaction a prepared statement is an ordinary query (SqlRunner.prepared).
    prepared: <T>(statement: PreparedStatement, params: unknown[]) => tx.$queryRawUnsafe<T[]>(statement.text, ...params),
  };
  return runner;
}


/**
 * The channel's model before the launch transaction (kept or trained: ./propensity-models.ts) when the
 * launch will likely go ahead (the campaign is planned and the actor may edit it); otherwise undefined,
 * and freeze trains inside the transaction if the launch does happen. Checked again, with the refusal
 * logged, in the transaction.
 */
async function modelBeforeLaunch(id: number, actor: Actor | null, now: Date): Promise<Model> {
  const row = await findCampaign(await db(), id);
  if (!row) return undefined;
  if (actor ? !isPlanned(row.status) || !can(actor, "campaign.edit", campaignRef(row)) : row.status !== "SCHEDULED" || row.startsAt > now) return undefined;
  try {
    return (await channelModel(row.type, now)).model;
  } catch (error) {
    console.error(`[campaigns] propensity training for campaign ${id} failed; members keep no propensity`, error);
    return null;
  }
}

/**
 * Propensities of the ids (in their order) inside the launch transaction — training the model there too
 * when it was not trained before — under a savepoint: the feature statements' SET LOCAL settings end
 * with it, and a failure leaves the transaction usable (logged, no propensities). Null = none.
 */
async function scoreInLaunch(tx: Tx, row: CampaignRow, model: Model, ids: number[], asOf: Date): Promise<{ ps: (number | null)[]; reasons: string } | null> {
  const campaignId = row.id;
  await tx.$executeRawUnsafe(`SAVEPOINT "propensity"`);
  try {
    const sql = txRunner(tx);
    const trained = model !== undefined ? model : await trainPropensityModel(row.type, asOf, { sql });
    if (trained === null) return null;
    const scores = await scorePropensity(trained, ids, asOf, { sql });
    const ps: (number | null)[] = new Array(ids.length);
    // JSON.stringify never emits a raw line break, so one JSON value per line is unambiguous.
    const lines: string[] = new Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const score = scores.get(ids[i]);
      ps[i] = score ? score.p : null;
      lines[i] = score ? JSON.stringify(score.reasons) : "";
    }
    return ps.length > 0 && scores.size > 0 ? { ps, reasons: lines.join("\n") } : null;
  } catch (error) {
    console.error(`[campaigns] propensity scoring for campaign ${campaignId} failed; members keep no propensity`, error);
    return null;
  } finally {
    // Scoring only reads: rolling back to the savepoint undoes nothing but its settings.
    await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT "propensity"`);
    await tx.$executeRawUnsafe(`RELEASE SAVEPOINT "propensity"`);
  }
}

async function freeze(tx: Tx, row: CampaignRow, launcher: Launcher, now: Date, model: Model): Promise<LaunchResult> {
  // A planned campaign has contacted nobody: members added before the launch (older data) give way to the audience.
  await tx.campaignMember.deleteMany({ where: { campaignId: row.id } });
  const params = new SqlParams();
  const audience = await audienceSelect(tx, row, params);
  const text = audienceStatement(row, audience.sql, params, now);
  // The statement's cost estimate crosses PostgreSQL's JIT threshold, and compiling it took longer than
  // running it (measured: 1.5 s of JIT on a 3 s launch); PGlite has no JIT and accepts the setting.
  await tx.$executeRawUnsafe(`SET LOCAL jit = off`);
  const [counts] = await tx.$queryRawUnsafe<Audience[]>(text, ...params.values);
  const ids = counts.ids;
  const control = controlSize(row.holdoutPct, ids.length);
  const scored = model !== null && ids.length > 0 ? await scoreInLaunch(tx, row, model, ids, now) : null;
  await tx.$executeRawUnsafe(INSERT_MEMBERS, row.id, control, utcTimestamp(now), ids, scored?.ps ?? [], scored?.reasons ?? "");
  // Expected responses: the treated members' propensities summed in draw order.
  let expected = 0;
  if (scored) for (let i = control; i < ids.length; i++) expected += scored.ps[i] ?? 0;
  await tx.campaign.update({
    where: { id: row.id },
    data: {
      audienceRule: audience.rule,
      excludedOptOut: counts.optedOut,
      excludedFatigue: counts.fatigued,
      ...(scored && row.expectedResponses === null ? { expectedResponses: Math.round(expected) } : {}),
    },
  });
  const result: LaunchResult = {
    campaignId: row.id,
    candidates: counts.candidates,
    members: ids.length,
    control,
    treated: ids.length - control,
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
  const model = await modelBeforeLaunch(id, actor, now);
  return transaction(async (tx) => {
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
    return freeze(tx, row, { kind: "user", actor }, now, model);
  });
}

/**
 * Launches one scheduled campaign whose start has come; null when it is no longer due (another server
 * launched it, or someone moved it back to draft or cancelled it).
 */
export async function launchScheduled(id: number, now: Date = clockNow()): Promise<LaunchResult | null> {
  const model = await modelBeforeLaunch(id, null, now);
  return transaction(async (tx) => {
    const { count } = await tx.campaign.updateMany({
      where: { id, status: "SCHEDULED", startsAt: { lte: now } },
      data: { status: "ACTIVE", launchedAt: now, launchedById: null, version: { increment: 1 } },
    });
    if (count === 0) return null;
    const row = (await findCampaign(tx, id))!;
    return freeze(tx, { ...row, status: "SCHEDULED" }, { kind: "schedule" }, now, model);
  });
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

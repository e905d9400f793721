import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import { requireRight } from "@/lib/platform/auth/guard";
import { db, type Db } from "@/lib/platform/db/prisma";
import { SqlParams, utcTimestamp } from "@/lib/platform/db/sql-builder";
import type { CampaignStatus, CampaignType } from "@/lib/platform/enums";
import { parseCents } from "@/lib/platform/money";
import { type CampaignRow, companyTimeZone, findCampaign } from "@/lib/campaigns/queries";
import { attributionWindow, beforeAfterRanges, lastAttributedDay, type Range, sameMonthsRanges } from "@/lib/campaigns/rules/attribution";
import {
  type CampaignAggregates,
  campaignEffectiveness,
  type CampaignEffectiveness,
  effectivenessVerdict,
  type GroupOutcome,
  type PeriodTotals,
  type VerdictMessage,
} from "@/lib/campaigns/rules/effectiveness";
import { isLaunched } from "@/lib/campaigns/rules/status";

/**
 * A campaign's measurement from the database (DOMAIN.md §10): the aggregates the pure
 * campaignEffectiveness needs, each a set-based statement over the campaign's members and their orders.
 *
 * - Attributed orders: COMPLETED orders of a member placed in the attribution window
 *   (rules/attribution.ts: [launch, end of day E + grace)), with attributePromotedOnly only orders
 *   containing a promoted product or a product of a promoted category (the whole order counts).
 *   Per member: revenue = Σ order totals, margin = Σ order margins, units = Σ line quantities; a member
 *   converted when they have at least one attributed order. Treated and control alike.
 * - Recorded responses (cost per response): treated members who responded (status RESPONDED or
 *   CONVERTED: replies, clicks, interested or converted call outcomes) or converted (an attributed order).
 * - Same months last year, before/after: the treated members' orders (same promoted-only rule) in the
 *   calendar months the campaign overlaps vs those months a year earlier, and in [L, L + d) vs [L − d, L).
 * - The previous campaign of the same channel: the latest other launched one whose launch came before
 *   this one's, with its own treated members and conversions (its own window and rules).
 */

export type GroupRow = GroupOutcome & { responses: number; recorded: number };

type SqlGroupRow = {
  isControl: boolean;
  n: number;
  conv: number;
  responses: number;
  recorded: number;
  revSum: string;
  revSq: string;
  marSum: string;
  marSq: string;
  unitSum: string;
  unitSq: string;
};

type Measured = Pick<CampaignRow, "id" | "attributePromotedOnly" | "promotedProductIds" | "promotedCategoryIds">;

/** The promoted-only condition on order `o` (TRUE when the campaign attributes every order). */
function promotedCondition(c: Measured, params: SqlParams): string {
  if (!c.attributePromotedOnly) return "TRUE";
  return `EXISTS (SELECT 1 FROM "OrderLine" pl JOIN "Product" pp ON pp."id" = pl."productId"
            WHERE pl."orderId" = o."id" AND (pl."productId" = ANY(${params.add(c.promotedProductIds, "::int[]")}) OR pp."categoryId" = ANY(${params.add(c.promotedCategoryIds, "::int[]")})))`;
}

/** Treated and control outcomes in one statement (exported for the benchmark's baseline). */
export function groupStatement(c: Measured, window: Range): { text: string; values: unknown[] } {
  const params = new SqlParams();
  const cid = params.add(c.id, "::int");
  const lo = params.add(utcTimestamp(window.start), "::timestamp");
  const hi = params.add(utcTimestamp(window.end), "::timestamp");
  const promoted = promotedCondition(c, params);
  // Driven by the members: one probe of the (customerId, orderedAt) index per member, aggregated per
  // member in a lateral subquery (one row each, n = 0 without orders).
  const text = `SELECT m."isControl" AS "isControl", count(*)::int AS "n", count(*) FILTER (WHERE per.n > 0)::int AS "conv",
           count(*) FILTER (WHERE m."status" IN ('RESPONDED'::"CampaignMemberStatus", 'CONVERTED'::"CampaignMemberStatus") OR per.n > 0)::int AS "responses",
           count(*) FILTER (WHERE m."status" IN ('RESPONDED'::"CampaignMemberStatus", 'CONVERTED'::"CampaignMemberStatus"))::int AS "recorded",
           COALESCE(sum(per.rev), 0)::numeric(60, 0)::text AS "revSum", COALESCE(sum(per.rev * per.rev), 0)::numeric(60, 0)::text AS "revSq",
           COALESCE(sum(per.mar), 0)::numeric(60, 0)::text AS "marSum", COALESCE(sum(per.mar * per.mar), 0)::numeric(60, 0)::text AS "marSq",
           COALESCE(sum(per.units), 0)::numeric(60, 0)::text AS "unitSum", COALESCE(sum(per.units * per.units), 0)::numeric(60, 0)::text AS "unitSq"
      FROM "CampaignMember" m
      CROSS JOIN LATERAL (
        SELECT count(*) AS n, sum(o."total") * 100 AS rev, sum(o."margin") * 100 AS mar,
               sum((SELECT COALESCE(sum(l."quantity"), 0) FROM "OrderLine" l WHERE l."orderId" = o."id")) AS units
          FROM "Order" o
         WHERE o."customerId" = m."customerId" AND o."status" = 'COMPLETED'::"OrderStatus"
           AND o."orderedAt" >= ${lo} AND o."orderedAt" < ${hi} AND ${promoted}
      ) per
     WHERE m."campaignId" = ${cid}
     GROUP BY m."isControl"`;
  return { text, values: params.values };
}

function toGroup(r: SqlGroupRow | undefined): GroupRow {
  if (!r) return { members: 0, converted: 0, responses: 0, recorded: 0, revenueCents: { sum: 0n, sumSquares: 0n }, marginCents: { sum: 0n, sumSquares: 0n }, units: { sum: 0n, sumSquares: 0n } };
  return {
    members: r.n,
    converted: r.conv,
    responses: r.responses,
    recorded: r.recorded,
    revenueCents: { sum: BigInt(r.revSum), sumSquares: BigInt(r.revSq) },
    marginCents: { sum: BigInt(r.marSum), sumSquares: BigInt(r.marSq) },
    units: { sum: BigInt(r.unitSum), sumSquares: BigInt(r.unitSq) },
  };
}

export async function groupOutcomes(client: Db, c: Measured, window: Range): Promise<{ treated: GroupRow; control: GroupRow }> {
  const { text, values } = groupStatement(c, window);
  const rows = await client.$queryRawUnsafe<SqlGroupRow[]>(text, ...values);
  return { treated: toGroup(rows.find((r) => !r.isControl)), control: toGroup(rows.find((r) => r.isControl)) };
}

type PeriodKey = "current" | "lastYear" | "after" | "before";

/** The treated members' revenue (cents) and units in each comparison period, in one statement. */
export async function periodTotals(client: Db, c: Measured, ranges: Record<PeriodKey, Range>): Promise<Record<PeriodKey, PeriodTotals>> {
  const params = new SqlParams();
  const cid = params.add(c.id, "::int");
  const keys = Object.keys(ranges) as PeriodKey[];
  const lo = new Date(Math.min(...keys.map((k) => ranges[k].start.getTime())));
  const hi = new Date(Math.max(...keys.map((k) => ranges[k].end.getTime())));
  const promoted = promotedCondition(c, params);
  const bounds = keys.map((k) => ({ k, a: params.add(utcTimestamp(ranges[k].start), "::timestamp"), b: params.add(utcTimestamp(ranges[k].end), "::timestamp") }));
  const columns = bounds.map(({ k, a, b }) => {
    const f = `FILTER (WHERE ord.at >= ${a} AND ord.at < ${b})`;
    return `(COALESCE(sum(ord.total) ${f}, 0) * 100)::numeric(60, 0)::text AS "${k}Rev", COALESCE(sum(ord.units) ${f}, 0)::numeric(60, 0)::text AS "${k}Units"`;
  });
  // The four periods lie inside [lo, hi) (about fourteen months: a year back to after the launch) but
  // cover only some five months of it: orders between them are skipped before their lines are summed
  // (halved the statement on PGlite, 150 → 77 ms p50 for a 4,500-member campaign).
  const inAPeriod = bounds.map(({ a, b }) => `(o."orderedAt" >= ${a} AND o."orderedAt" < ${b})`).join(" OR ");
  const text = `SELECT ${columns.join(", ")}
      FROM "CampaignMember" m
      JOIN "Order" o ON o."customerId" = m."customerId" AND o."status" = 'COMPLETED'::"OrderStatus"
       AND o."orderedAt" >= ${params.add(utcTimestamp(lo), "::timestamp")} AND o."orderedAt" < ${params.add(utcTimestamp(hi), "::timestamp")}
       AND (${inAPeriod}) AND ${promoted}
      CROSS JOIN LATERAL (SELECT o."orderedAt" AS at, o."total" AS total, (SELECT COALESCE(sum(l."quantity"), 0) FROM "OrderLine" l WHERE l."orderId" = o."id") AS units) ord
     WHERE m."campaignId" = ${cid} AND NOT m."isControl"`;
  const [row] = await client.$queryRawUnsafe<Record<string, string>[]>(text, ...params.values);
  return Object.fromEntries(keys.map((k) => [k, { revenueCents: BigInt(row[`${k}Rev`]), units: BigInt(row[`${k}Units`]) }])) as Record<PeriodKey, PeriodTotals>;
}

export type PreviousCampaign = { id: number; name: string; members: number; converted: number };

/** The latest other launched campaign of the same channel launched before this one, with its treated outcome. */
export async function previousCampaign(client: Db, c: Pick<CampaignRow, "id" | "type" | "launchedAt" | "startsAt">, timeZone: string): Promise<PreviousCampaign | null> {
  const launch = c.launchedAt ?? c.startsAt;
  const [prev] = await client.$queryRawUnsafe<{ id: number }[]>(
    `SELECT "id" FROM "Campaign"
      WHERE "type" = $1::"CampaignType" AND "id" <> $2::int AND "status" IN ('ACTIVE'::"CampaignStatus", 'COMPLETED'::"CampaignStatus")
        AND COALESCE("launchedAt", "startsAt") < $3::timestamp
      ORDER BY COALESCE("launchedAt", "startsAt") DESC, "id" DESC LIMIT 1`,
    c.type,
    c.id,
    utcTimestamp(launch),
  );
  if (!prev) return null;
  const row = await findCampaign(client, prev.id);
  if (!row) return null;
  // Only its treated members and conversions (an order in its own window): one EXISTS probe per member.
  const window = attributionWindow(row, timeZone);
  const params = new SqlParams();
  const cid = params.add(row.id, "::int");
  const lo = params.add(utcTimestamp(window.start), "::timestamp");
  const hi = params.add(utcTimestamp(window.end), "::timestamp");
  const promoted = promotedCondition(row, params);
  const [counts] = await client.$queryRawUnsafe<{ n: number; conv: number }[]>(
    `SELECT count(*)::int AS "n",
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "Order" o WHERE o."customerId" = m."customerId" AND o."status" = 'COMPLETED'::"OrderStatus"
                                             AND o."orderedAt" >= ${lo} AND o."orderedAt" < ${hi} AND ${promoted}))::int AS "conv"
       FROM "CampaignMember" m WHERE m."campaignId" = ${cid} AND NOT m."isControl"`,
    ...params.values,
  );
  return { id: row.id, name: row.name, members: counts.n, converted: counts.conv };
}

export type CampaignMeasurement = {
  launched: boolean;
  window: Range & { lastDay: string };
  ranges: Record<PeriodKey, Range>;
  treated: GroupRow;
  control: GroupRow | null;
  aggregates: CampaignAggregates;
  previous: PreviousCampaign | null;
  effectiveness: CampaignEffectiveness;
  verdict: VerdictMessage[];
};

/** Every §10 figure of a campaign, from four statements (three when it has no predecessor). */
export async function measureCampaign(client: Db, row: CampaignRow, timeZone: string): Promise<CampaignMeasurement> {
  const window = attributionWindow(row, timeZone);
  const ba = beforeAfterRanges(row, timeZone);
  const sm = sameMonthsRanges(row, timeZone);
  const ranges: Record<PeriodKey, Range> = { current: sm.current, lastYear: sm.lastYear, after: ba.after, before: ba.before };
  const [groups, periods, previous] = await Promise.all([groupOutcomes(client, row, window), periodTotals(client, row, ranges), previousCampaign(client, row, timeZone)]);
  const hasControl = row.holdoutPct > 0 || groups.control.members > 0;
  const aggregates: CampaignAggregates = {
    treated: groups.treated,
    control: hasControl ? groups.control : null,
    costCents: parseCents(row.cost.toFixed(2)) ?? 0n,
    treatedResponses: groups.treated.responses,
    expectedResponses: row.expectedResponses,
    previousCampaign: previous ? { members: previous.members, converted: previous.converted } : null,
    sameMonths: { current: periods.current, lastYear: periods.lastYear },
    beforeAfter: { after: periods.after, before: periods.before },
  };
  const effectiveness = campaignEffectiveness(aggregates);
  return {
    launched: isLaunched(row.status) || row.launchedAt !== null,
    window: { ...window, lastDay: lastAttributedDay(row, timeZone) },
    ranges,
    treated: groups.treated,
    control: hasControl ? groups.control : null,
    aggregates,
    previous,
    effectiveness,
    verdict: effectivenessVerdict(effectiveness),
  };
}

/** The campaign page's measurement (everyone reads campaigns); null when there is no such campaign. */
export async function getCampaignEffectiveness(actor: Actor, id: number): Promise<CampaignMeasurement | null> {
  await requireRight(actor, "campaign.read", "Campaign");
  const prisma = await db();
  const [row, timeZone] = await Promise.all([findCampaign(prisma, id), companyTimeZone(prisma)]);
  if (!row) return null;
  // A read-only transaction so the statements can run without PostgreSQL's JIT: their cost estimates
  // (one index probe per member) cross its threshold, and compiling costs more than the query saves.
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL jit = off`);
      return measureCampaign(tx, row, timeZone);
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

export type CampaignFigures = {
  members: number;
  control: number;
  responses: number;
  conversions: number;
  lift: { absolute: number; lower: number; upper: number; distinguishable: boolean } | null;
  roi: number | null;
};

type ListRow = { campaignId: number; isControl: boolean; n: number; conv: number; responses: number; revSum: string; revSq: string; marSum: string; marSq: string };

/**
 * Members, responses, conversions, lift and ROI of several campaigns (a page of the list) in one
 * statement: the same rules as measureCampaign, each campaign with its own window and promoted-only rule.
 */
export async function campaignListFigures(
  client: Db,
  campaigns: { id: number; status: CampaignStatus; type: CampaignType; launchedAt: Date | null; startsAt: Date; endsAt: Date; graceDays: number; holdoutPct: number; cost: string }[],
  timeZone: string,
): Promise<Map<number, CampaignFigures>> {
  const out = new Map<number, CampaignFigures>();
  const measured = campaigns.filter((c) => isLaunched(c.status) || c.launchedAt !== null || c.status === "CANCELLED");
  if (measured.length === 0) return out;
  const windows = measured.map((c) => attributionWindow(c, timeZone));
  const rows = await client.$queryRawUnsafe<ListRow[]>(
    `SELECT m."campaignId" AS "campaignId", m."isControl" AS "isControl", count(*)::int AS "n", count(*) FILTER (WHERE per.n > 0)::int AS "conv",
            count(*) FILTER (WHERE m."status" IN ('RESPONDED'::"CampaignMemberStatus", 'CONVERTED'::"CampaignMemberStatus") OR per.n > 0)::int AS "responses",
            COALESCE(sum(per.rev), 0)::numeric(60, 0)::text AS "revSum", COALESCE(sum(per.rev * per.rev), 0)::numeric(60, 0)::text AS "revSq",
            COALESCE(sum(per.mar), 0)::numeric(60, 0)::text AS "marSum", COALESCE(sum(per.mar * per.mar), 0)::numeric(60, 0)::text AS "marSq"
       FROM unnest($1::int[], $2::timestamp[], $3::timestamp[]) AS w(id, lo, hi)
       JOIN "Campaign" c ON c."id" = w.id
       JOIN "CampaignMember" m ON m."campaignId" = w.id
       CROSS JOIN LATERAL (
         SELECT count(*) AS n, sum(o."total") * 100 AS rev, sum(o."margin") * 100 AS mar
           FROM "Order" o
          WHERE o."customerId" = m."customerId" AND o."status" = 'COMPLETED'::"OrderStatus" AND o."orderedAt" >= w.lo AND o."orderedAt" < w.hi
            AND (NOT c."attributePromotedOnly" OR EXISTS (
                  SELECT 1 FROM "OrderLine" pl JOIN "Product" pp ON pp."id" = pl."productId"
                   WHERE pl."orderId" = o."id" AND (pl."productId" = ANY(c."promotedProductIds") OR pp."categoryId" = ANY(c."promotedCategoryIds"))))
       ) per
      GROUP BY 1, 2`,
    measured.map((c) => c.id),
    windows.map((w) => utcTimestamp(w.start)),
    windows.map((w) => utcTimestamp(w.end)),
  );
  const zero = { sum: 0n, sumSquares: 0n };
  for (const c of measured) {
    const group = (isControl: boolean): GroupOutcome & { responses: number } => {
      const r = rows.find((x) => x.campaignId === c.id && x.isControl === isControl);
      if (!r) return { members: 0, converted: 0, responses: 0, revenueCents: zero, marginCents: zero, units: zero };
      return {
        members: r.n,
        converted: r.conv,
        responses: r.responses,
        revenueCents: { sum: BigInt(r.revSum), sumSquares: BigInt(r.revSq) },
        marginCents: { sum: BigInt(r.marSum), sumSquares: BigInt(r.marSq) },
        units: zero,
      };
    };
    const treated = group(false);
    const control = group(true);
    const hasControl = c.holdoutPct > 0 || control.members > 0;
    const costCents = parseCents(c.cost) ?? 0n;
    const e = campaignEffectiveness({
      treated,
      control: hasControl ? control : null,
      costCents,
      treatedResponses: treated.responses,
      expectedResponses: null,
      previousCampaign: null,
      sameMonths: null,
      beforeAfter: null,
    });
    out.set(c.id, {
      members: treated.members + control.members,
      control: control.members,
      responses: treated.responses,
      conversions: treated.converted,
      lift: e.lift.value ? { absolute: e.lift.value.absolute, lower: e.lift.value.interval.lower, upper: e.lift.value.interval.upper, distinguishable: e.lift.value.distinguishable } : null,
      roi: e.roi.value?.roi ?? null,
    });
  }
  return out;
}

/** The figures for a page of the list (ids as listCampaigns returned them). */
export async function listFigures(actor: Actor, ids: number[]): Promise<Map<number, CampaignFigures>> {
  await requireRight(actor, "campaign.read", "Campaign");
  if (ids.length === 0) return new Map();
  const prisma = await db();
  const [rows, timeZone] = await Promise.all([
    prisma.campaign.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, type: true, launchedAt: true, startsAt: true, endsAt: true, graceDays: true, holdoutPct: true, cost: true } }),
    companyTimeZone(prisma),
  ]);
  // Without PostgreSQL's JIT, as getCampaignEffectiveness.
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL jit = off`);
      return campaignListFigures(tx, rows.map((r) => ({ ...r, cost: r.cost.toFixed(2) })), timeZone);
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

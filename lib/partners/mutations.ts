import "server-only";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { OPEN_STAGES } from "@/lib/opportunities/rules/stages";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OpportunityStage } from "@/lib/generated/prisma/enums";
import { checkVersion, type Expected, fieldValue, type Snapshot, type VersionedRecord, writeAtVersion } from "@/lib/platform/concurrency";
import type { PartnerInput, ReportPeriod } from "@/lib/partners/schema";
import { accessSql, accessWhere } from "@/lib/platform/auth/scope-filters";
import { writeAudit } from "@/lib/platform/audit";
import { db, type Db, transaction, type Tx } from "@/lib/platform/db/prisma";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { authorize, requireRight } from "@/lib/platform/auth/guard";
import { SqlParams, utcTimestamp } from "@/lib/platform/db/sql-builder";

/**
 * One partner's sales figures for a period, over the opportunities the actor may read (a rep's
 * report covers the rep's own partner deals, a manager's the team's, an admin's all): the figures
 * are never wider than the deal list they drill into.
 * - sourced: deals through the partner created in the period
 * - openAmount: of those, the amount still in an open stage
 * - wonAmount / wonCount / lostCount: deals closed (won / lost) in the period
 * - winRate: won ÷ (won + lost) closed in the period, percent with one decimal; null when none closed
 * - averageDeal: won amount ÷ won count; null when nothing was won
 * Money is an exact decimal string computed by the database.
 */
export type PartnerReportRow = {
  id: number;
  name: string;
  region: string | null;
  contactName: string | null;
  email: string | null;
  active: boolean;
  sourced: number;
  openAmount: string;
  wonAmount: string;
  wonCount: number;
  lostCount: number;
  winRate: string | null;
  averageDeal: string | null;
};

function reportSql(actor: Actor, period: ReportPeriod, partnerId: number | null): { text: string; values: unknown[] } {
  const p = new SqlParams();
  const from = p.add(utcTimestamp(period.from), "::timestamp");
  const to = p.add(utcTimestamp(period.to), "::timestamp");
  const open = OPEN_STAGES.map((s) => `'${s}'`).join(", ");
  const created = `o."createdAt" >= ${from} AND o."createdAt" < ${to}`;
  const closed = `o."closedAt" >= ${from} AND o."closedAt" < ${to}`;
  const scope = p.embed(accessSql(actor, "opportunity.read", "Opportunity", "o"));
  const where = partnerId === null ? "" : `WHERE p."id" = ${p.add(partnerId, "::int")}`;
  const text = `
    WITH agg AS (
      SELECT p."id",
        COUNT(o."id") FILTER (WHERE ${created})::int AS "sourced",
        COALESCE(SUM(o."amount") FILTER (WHERE ${created} AND o."stage"::text IN (${open})), 0) AS "openAmount",
        COALESCE(SUM(o."amount") FILTER (WHERE o."stage" = 'WON' AND ${closed}), 0) AS "wonAmount",
        COUNT(o."id") FILTER (WHERE o."stage" = 'WON' AND ${closed})::int AS "wonCount",
        COUNT(o."id") FILTER (WHERE o."stage" = 'LOST' AND ${closed})::int AS "lostCount"
      FROM "Partner" p
      LEFT JOIN "Opportunity" o ON o."partnerId" = p."id" AND ${scope}
      ${where}
      GROUP BY p."id"
    )
    SELECT p."id", p."name", p."region", p."contactName", p."email", p."active",
      agg."sourced", agg."openAmount"::numeric(14,2)::text AS "openAmount", agg."wonAmount"::numeric(14,2)::text AS "wonAmount",
      agg."wonCount", agg."lostCount",
      ROUND(100.0 * agg."wonCount" / NULLIF(agg."wonCount" + agg."lostCount", 0), 1)::text AS "winRate",
      ROUND(agg."wonAmount" / NULLIF(agg."wonCount", 0), 2)::numeric(14,2)::text AS "averageDeal"
    FROM agg JOIN "Partner" p ON p."id" = agg."id"
    ORDER BY p."name", p."id"`;
  return { text, values: p.values };
}

/** Every partner account with its report for the period (partner.read: everyone but agents). */
export async function listPartnerReport(actor: Actor, period: ReportPeriod): Promise<PartnerReportRow[]> {
  await requireRight(actor, "partner.read", "Partner");
  const prisma = await db();
  const { text, values } = reportSql(actor, period, null);
  return prisma.$queryRawUnsafe<PartnerReportRow[]>(text, ...values);
}

export type PartnerOpportunity = { id: number; name: string; customerName: string; stage: OpportunityStage; amount: string; ownerName: string; expectedCloseDate: Date; createdAt: Date };
export type PartnerDetail = { report: PartnerReportRow; opportunities: PartnerOpportunity[]; canEdit: boolean };

/** A partner with its report and the deals behind it that the actor may read (newest first, up to 200). */
export async function getPartnerDetail(actor: Actor, id: number, period: ReportPeriod): Promise<PartnerDetail | null> {
  await requireRight(actor, "partner.read", "Partner");
  const prisma = await db();
  const { text, values } = reportSql(actor, period, id);
  const [report] = await prisma.$queryRawUnsafe<PartnerReportRow[]>(text, ...values);
  if (!report) return null;
  const rows = await prisma.opportunity.findMany({
    where: { AND: [{ partnerId: id }, accessWhere(actor, "opportunity.read", "Opportunity"), { customer: { deletedAt: null } }] },
    select: { id: true, name: true, stage: true, amount: true, expectedCloseDate: true, createdAt: true, customer: { select: { name: true } }, owner: { select: { name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  return {
    report,
    canEdit: can(actor, "partner.edit"),
    opportunities: rows.map((r) => ({
      id: r.id,
      name: r.name,
      customerName: r.customer.name,
      stage: r.stage,
      amount: r.amount.toFixed(2),
      ownerName: r.owner.name,
      expectedCloseDate: r.expectedCloseDate,
      createdAt: r.createdAt,
    })),
  };
}

const PARTNER_FIELDS = { id: true, name: true, region: true, contactName: true, email: true, active: true } as const;

/**
 * Partner names are unique (case aside). Checked inside the transaction, after the right: answered
 * before it, "name taken" would let anyone probe which partner accounts exist.
 */
async function nameTaken(tx: Tx, name: string, exceptId: number | null): Promise<boolean> {
  const found = await tx.partner.findFirst({ where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  return found !== null;
}

export async function createPartner(actor: Actor, input: PartnerInput): Promise<{ id: number }> {
  return transaction(async (tx) => {
    authorize(actor, "partner.edit", "Partner", null, {});
    if (await nameTaken(tx, input.name, null)) throw new RuleError("partners.errors.nameTaken", "name");
    const created = await tx.partner.create({ data: input, select: PARTNER_FIELDS });
    const { id, ...after } = created;
    await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: "Partner", entityId: id, before: null, after });
    return { id };
  });
}

type PartnerRow = { name: string; region: string | null; contactName: string | null; email: string | null; active: boolean; version: number };

function partnerSnapshot(row: PartnerRow): Snapshot {
  return { name: row.name, region: fieldValue(row.region), contactName: fieldValue(row.contactName), email: fieldValue(row.email), active: fieldValue(row.active) };
}

async function versionedPartner(client: Db, id: number): Promise<VersionedRecord> {
  const row = await client.partner.findUnique({ where: { id }, select: { ...PARTNER_FIELDS, version: true } });
  if (!row) throw new NotAllowedError();
  return { version: row.version, snapshot: partnerSnapshot(row) };
}

export type PartnerEdit = { id: number; name: string; region: string | null; contactName: string | null; email: string | null; active: boolean; version: number; snapshot: Snapshot };

/** A partner as the edit form loads it (admins only: partner.edit), with the version it saves against. */
export async function getPartnerForEdit(actor: Actor, id: number): Promise<PartnerEdit | null> {
  if (!can(actor, "partner.edit")) return null;
  const row = await (await db()).partner.findUnique({ where: { id }, select: { ...PARTNER_FIELDS, version: true } });
  return row ? { ...row, snapshot: partnerSnapshot(row) } : null;
}

/**
 * Saves the partner form loaded at `expected`; a save made meanwhile is refused with the fields it
 * changed. The name check runs after the permission check (a refused user learns nothing of names).
 */
export async function updatePartner(actor: Actor, id: number, expected: Expected, input: PartnerInput): Promise<void> {
  await transaction(async (tx) => {
    authorize(actor, "partner.edit", "Partner", id, {});
    const before = await tx.partner.findUnique({ where: { id }, select: { ...PARTNER_FIELDS, version: true } });
    if (!before) throw new NotAllowedError();
    checkVersion("Partner", id, expected, { version: before.version, snapshot: partnerSnapshot(before) });
    if (await nameTaken(tx, input.name, id)) throw new RuleError("partners.errors.nameTaken", "name");
    await writeAtVersion(
      "Partner",
      id,
      expected,
      (version) =>
        tx.partner.updateMany({ where: { id, version }, data: { ...input, version: { increment: 1 } } }).catch((error: unknown) => {
          // The unique name, taken by a save that raced this one.
          if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new RuleError("partners.errors.nameTaken", "name");
          throw error;
        }),
      () => versionedPartner(tx, id),
    );
    const after = await tx.partner.findUniqueOrThrow({ where: { id }, select: PARTNER_FIELDS });
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Partner", entityId: id, before: { id, name: before.name, region: before.region, contactName: before.contactName, email: before.email, active: before.active }, after });
  });
}

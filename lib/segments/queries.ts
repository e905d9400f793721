import "server-only";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { requireRight } from "@/lib/platform/auth/guard";
import { accessSql } from "@/lib/platform/auth/scope-filters";
import { writeAudit } from "@/lib/platform/audit";
import { getDatabase } from "@/lib/platform/db/client";
import { db } from "@/lib/platform/db/prisma";
import { NotAllowedError } from "@/lib/platform/errors";
import { memberSelect, Params, ruleContext, rulePlannerSettings } from "@/lib/segments/refresh";
import { parseRule, type Rule } from "@/lib/segments/rules/rule";

/**
 * Segments as the pages and other features read them. Everyone may read segments and use them as
 * filters (POLICY segment.read); `canEdit` says whether this actor may change one (segment.edit: an
 * admin all, a manager their own; built-ins nobody).
 */

export type SegmentKind = "DYNAMIC" | "STATIC";

export type SegmentRow = {
  id: number;
  name: string;
  description: string | null;
  kind: SegmentKind;
  builtInKey: string | null;
  ownerId: number | null;
  ownerName: string | null;
  memberCount: number;
  refreshedAt: Date | null;
  updatedAt: Date;
  version: number;
  canEdit: boolean;
};

export type SegmentDefinition = { format: "summit-segment"; version: 1; name: string; description: string | null; kind: SegmentKind; rule: Rule };

const ENTITY = "Segment";

/** A rule that matches nobody's attention: shown for a stored rule that no longer parses (the editor then names the problem). */
const EMPTY_RULE: Rule = { type: "group", op: "and", children: [] };

const ROW_SELECT = {
  id: true,
  name: true,
  description: true,
  kind: true,
  builtInKey: true,
  ownerId: true,
  owner: { select: { name: true } },
  memberCount: true,
  refreshedAt: true,
  updatedAt: true,
  version: true,
} as const;

type StoredRow = {
  id: number;
  name: string;
  description: string | null;
  kind: SegmentKind;
  builtInKey: string | null;
  ownerId: number | null;
  owner: { name: string } | null;
  memberCount: number;
  refreshedAt: Date | null;
  updatedAt: Date;
  version: number;
};

/** May `actor` edit (rename, change the rule, delete, refresh) this segment? Built-ins: nobody edits. */
export function canEditSegment(actor: Actor, segment: { ownerId: number | null; builtInKey: string | null }): boolean {
  return segment.builtInKey === null && can(actor, "segment.edit", { ownerId: segment.ownerId });
}

function toRow(actor: Actor, r: StoredRow): SegmentRow {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    kind: r.kind,
    builtInKey: r.builtInKey,
    ownerId: r.ownerId,
    ownerName: r.owner?.name ?? null,
    memberCount: r.memberCount,
    refreshedAt: r.refreshedAt,
    updatedAt: r.updatedAt,
    version: r.version,
    canEdit: canEditSegment(actor, r),
  };
}

/** The stored rule, cleaned; an unparsable one (from before the rule language) reads as an empty group. */
export function storedRule(value: unknown): Rule {
  const parsed = parseRule(value);
  return parsed.ok ? parsed.rule : EMPTY_RULE;
}

/** All segments (hundreds at most: one page), the actor's own and user-made first, built-ins last, then by name. */
export async function listSegments(actor: Actor, opts: { q?: string; kind?: SegmentKind; builtIn?: boolean; mine?: boolean } = {}): Promise<SegmentRow[]> {
  await requireRight(actor, "segment.read", ENTITY);
  const prisma = await db();
  const q = opts.q?.trim();
  const rows = await prisma.segment.findMany({
    where: {
      ...(q ? { OR: [{ name: { contains: q, mode: "insensitive" as const } }, { description: { contains: q, mode: "insensitive" as const } }] } : {}),
      ...(opts.kind ? { kind: opts.kind } : {}),
      ...(opts.builtIn === undefined ? {} : { builtInKey: opts.builtIn ? { not: null } : null }),
      ...(opts.mine ? { ownerId: actor.id } : {}),
    },
    select: ROW_SELECT,
  });
  return rows
    .map((r) => toRow(actor, r))
    .sort((a, b) => Number(a.builtInKey !== null) - Number(b.builtInKey !== null) || a.name.localeCompare(b.name) || a.id - b.id);
}

export async function getSegment(actor: Actor, id: number): Promise<(SegmentRow & { rule: Rule }) | null> {
  await requireRight(actor, "segment.read", ENTITY);
  const prisma = await db();
  const row = await prisma.segment.findUnique({ where: { id }, select: { ...ROW_SELECT, rule: true } });
  if (!row) return null;
  return { ...toRow(actor, row), rule: storedRule(row.rule) };
}

/** Segments to offer as a filter or a campaign audience. */
export async function segmentChoices(actor: Actor): Promise<{ id: number; name: string; kind: SegmentKind; builtIn: boolean; memberCount: number }[]> {
  const rows = await listSegments(actor);
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, builtIn: r.builtInKey !== null, memberCount: r.memberCount }));
}

export type PreviewSample = { id: number; name: string; region: string; tier: string | null; predictedClv: string | null };
export type RulePreview = { count: number; saved: { count: number; joining: number; leaving: number } | null; sample: PreviewSample[] };

/**
 * The editor's live preview of a valid rule: how many customers it selects now, against the saved
 * segment's members how many would join and leave, and a few of them that this actor may read.
 *
 * The rule is evaluated ONCE: its members are a materialised CTE that the count, the diff and the
 * sample's ids all read. A separate "first 10 by id" statement let the planner pick its own plan for
 * the rule under the LIMIT, and once the rule's tier list was estimated from the statistics it
 * evaluated the whole rule a second time (bench rule: 304 ms instead of 204 ms).
 */
export async function previewRule(actor: Actor, rule: Rule, opts: { segmentId?: number; sampleSize?: number } = {}): Promise<RulePreview> {
  await requireRight(actor, "segment.read", ENTITY);
  const { sql } = await getDatabase();
  const ctx = await ruleContext(sql);
  const sampleSize = Math.max(1, Math.min(opts.sampleSize ?? 10, 50));

  // One read-only transaction for the planner settings (rulePlannerSettings) of both statements.
  return sql.transaction(async (tx) => {
    await rulePlannerSettings(tx);
    const params = new Params();
    // The count is of every member; the sample only shows members the user may read. Whether they may
    // is decided in the same pass over the members (the rule's FROM has the customer row at hand), not
    // by joining every member to "Customer" again before sorting them for the sample.
    const scope = embed(params, accessSql(actor, "customer.read", "Customer", "c"));
    const select = memberSelect(rule, ctx, params, `c."id", (${scope}) AS "readable"`);
    const sampleIds = `(SELECT array_agg(x."id" ORDER BY x."id") FROM (SELECT r."id" FROM r WHERE r."readable" ORDER BY r."id" LIMIT ${params.add(sampleSize, "::int")}) x) AS sample`;
    let saved: RulePreview["saved"] = null;
    let row: { n: number; sample: number[] | null };
    if (opts.segmentId !== undefined) {
      const seg = params.add(opts.segmentId, "::int");
      const [diff] = await tx.query<{ n: number; sample: number[] | null; joining: number; leaving: number; saved: number | null }>(
        `WITH r AS MATERIALIZED (${select})
         SELECT (SELECT count(*)::int FROM r) AS n, ${sampleIds},
                (SELECT count(*)::int FROM r WHERE NOT EXISTS (SELECT 1 FROM "SegmentMember" m WHERE m."segmentId" = ${seg} AND m."customerId" = r."id")) AS joining,
                (SELECT count(*)::int FROM "SegmentMember" m JOIN "Customer" c ON c."id" = m."customerId"
                  WHERE m."segmentId" = ${seg} AND c."deletedAt" IS NULL AND NOT EXISTS (SELECT 1 FROM r WHERE r."id" = m."customerId")) AS leaving,
                (SELECT "memberCount" FROM "Segment" WHERE "id" = ${seg}) AS saved`,
        params.values,
      );
      row = diff;
      if (diff.saved !== null) saved = { count: diff.saved, joining: diff.joining, leaving: diff.leaving };
    } else {
      [row] = await tx.query<{ n: number; sample: number[] | null }>(`WITH r AS MATERIALIZED (${select}) SELECT (SELECT count(*)::int FROM r) AS n, ${sampleIds}`, params.values);
    }

    const ids = row.sample ?? [];
    const sample =
      ids.length === 0
        ? []
        : await tx.query<PreviewSample>(
            `SELECT c."id", c."name", c."region", s."tier"::text AS "tier", s."predictedClv"::text AS "predictedClv"
             FROM "Customer" c
             LEFT JOIN "CustomerScore" s ON s."customerId" = c."id" AND s."periodEnd" = (SELECT max("periodEnd") FROM "ScoreRun")
             WHERE c."id" = ANY($1::int[])
             ORDER BY c."id"`,
            [ids],
          );
    return { count: row.n, saved, sample };
  });
}

function embed(params: Params, fragment: { strings: readonly string[]; values: readonly unknown[] }): string {
  return fragment.strings.reduce((text, part, i) => (i === 0 ? part : `${text}${params.add(fragment.values[i - 1])}${part}`), "");
}

export type HistoryRow = { customerId: number; customerName: string; joined: boolean; at: Date; runId: number | null };

function encodeCursor(at: Date, id: bigint | string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), String(id)])).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof at !== "string" || Number.isNaN(Date.parse(at)) || typeof id !== "string" || !/^\d{1,19}$/.test(id)) return null;
    return { at, id };
  } catch {
    return null;
  }
}

/**
 * Who joined and left the segment, newest first, keyset-paged; with the period's join and leave
 * totals ("who entered At-risk this month": from = the month's first day, joined = true).
 */
export async function segmentHistory(
  actor: Actor,
  id: number,
  opts: { from?: Date; to?: Date; joined?: boolean; after?: string; limit?: number } = {},
): Promise<{ rows: HistoryRow[]; next: string | null; joinedCount: number; leftCount: number }> {
  await requireRight(actor, "segment.read", ENTITY);
  const { sql } = await getDatabase();
  const limit = Math.max(1, Math.min(opts.limit ?? 50, 500));
  const params = new Params();
  const where = [`h."segmentId" = ${params.add(id, "::int")}`];
  if (opts.from) where.push(`h."at" >= ${params.add(opts.from.toISOString().replace("Z", ""), "::timestamp")}`);
  if (opts.to) where.push(`h."at" < ${params.add(opts.to.toISOString().replace("Z", ""), "::timestamp")}`);
  const totalsWhere = [...where];
  const totalsValues = [...params.values];
  if (opts.joined !== undefined) where.push(`h."joined" = ${params.add(opts.joined, "::boolean")}`);
  const cursor = decodeCursor(opts.after);
  if (cursor) where.push(`(h."at", h."id") < (${params.add(cursor.at.replace("Z", ""), "::timestamp")}, ${params.add(cursor.id, "::bigint")})`);
  const rows = await sql.query<{ id: string; customerId: number; customerName: string; joined: boolean; at: Date; runId: number | null }>(
    `SELECT h."id"::text AS "id", h."customerId", c."name" AS "customerName", h."joined", h."at", h."runId"
     FROM "SegmentMembershipChange" h JOIN "Customer" c ON c."id" = h."customerId"
     WHERE ${where.join(" AND ")}
     ORDER BY h."at" DESC, h."id" DESC LIMIT ${params.add(limit + 1, "::int")}`,
    params.values,
  );
  const [totals] = await sql.query<{ joined: number; left: number }>(
    `SELECT count(*) FILTER (WHERE h."joined")::int AS "joined", count(*) FILTER (WHERE NOT h."joined")::int AS "left"
     FROM "SegmentMembershipChange" h WHERE ${totalsWhere.join(" AND ")}`,
    totalsValues,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({ customerId: r.customerId, customerName: r.customerName, joined: r.joined, at: r.at, runId: r.runId })),
    next: rows.length > limit && last ? encodeCursor(last.at, last.id) : null,
    joinedCount: totals?.joined ?? 0,
    leftCount: totals?.left ?? 0,
  };
}

export type EditorOptions = {
  owners: { id: number; name: string }[];
  teams: { id: number; name: string }[];
  products: { id: number; name: string; sku: string }[];
  categories: { id: number; name: string }[];
  campaigns: { id: number; name: string }[];
  periods: string[];
  regions: string[];
  industries: string[];
  sources: string[];
};

/** The choices the rule editor offers: people, teams, catalogue, campaigns, scored periods and the values in use. */
export async function editorOptions(actor: Actor): Promise<EditorOptions> {
  await requireRight(actor, "segment.read", ENTITY);
  const prisma = await db();
  const { sql } = await getDatabase();
  const distinct = (column: "region" | "industry" | "source") =>
    sql.query<{ v: string }>(`SELECT DISTINCT "${column}" AS v FROM "Customer" WHERE "deletedAt" IS NULL AND "${column}" IS NOT NULL AND btrim("${column}") <> '' ORDER BY 1 LIMIT 500`);
  const [owners, teams, products, categories, campaigns, runs, regions, industries, sources] = await Promise.all([
    prisma.user.findMany({ where: { role: { in: ["ADMIN", "MANAGER", "REP"] } }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    prisma.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.product.findMany({ select: { id: true, name: true, sku: true }, orderBy: [{ active: "desc" }, { name: "asc" }], take: 2000 }),
    prisma.productCategory.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.campaign.findMany({ select: { id: true, name: true }, orderBy: [{ startsAt: "desc" }, { id: "desc" }] }),
    prisma.scoreRun.findMany({ select: { periodEnd: true }, orderBy: { periodEnd: "desc" } }),
    distinct("region"),
    distinct("industry"),
    distinct("source"),
  ]);
  return {
    owners,
    teams,
    products,
    categories,
    campaigns,
    periods: runs.map((r) => r.periodEnd.toISOString().slice(0, 10)),
    regions: regions.map((r) => r.v),
    industries: industries.map((r) => r.v),
    sources: sources.map((r) => r.v),
  };
}

/** The segment's definition as portable JSON (audited as an export). */
export async function exportDefinition(actor: Actor, id: number): Promise<SegmentDefinition> {
  await requireRight(actor, "segment.read", ENTITY);
  const prisma = await db();
  const row = await prisma.segment.findUnique({ where: { id }, select: { name: true, description: true, kind: true, rule: true } });
  if (!row) throw new NotAllowedError();
  const definition: SegmentDefinition = { format: "summit-segment", version: 1, name: row.name, description: row.description, kind: row.kind, rule: storedRule(row.rule) };
  await writeAudit(prisma, { userId: actor.id, action: "EXPORT", entity: ENTITY, entityId: id, detail: { format: "summit-segment", name: row.name } });
  return definition;
}

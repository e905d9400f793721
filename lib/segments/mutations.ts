import "server-only";
import { parse as parseCsv } from "csv-parse/sync";
import type { Actor } from "@/lib/platform/auth/permissions";
import { authorize } from "@/lib/platform/auth/guard";
import { accessSql } from "@/lib/platform/auth/scope-filters";
import { writeAudit } from "@/lib/platform/audit";
import { nowMs } from "@/lib/platform/clock";
import { checkVersion, type Expected, writeAtVersion, type Snapshot } from "@/lib/platform/concurrency";
import { getDatabase } from "@/lib/platform/db/client";
import { transaction, type Tx } from "@/lib/platform/db/prisma";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type MaterialiseResult, lockSegment, materialise, Params, type QueryRunner, ruleContext, storeMemberCount } from "@/lib/segments/refresh";
import type { SegmentKind } from "@/lib/segments/queries";
import { parseRule, type Rule, type RuleIssue } from "@/lib/segments/rules/rule";

/**
 * Creating, editing, deleting and refreshing segments. Every change runs in one transaction with its
 * audit row; members are written set-based (lib/segments/refresh.ts), with the membership history.
 * Who may: segment.edit (an admin any segment, a manager their own); built-in segments are never
 * edited or deleted (an admin may refresh them).
 */

const ENTITY = "Segment";
/** Limits of a static list from a CSV or a selection. */
const MAX_STATIC_IDS = 100_000;

type SegmentRecord = { id: number; name: string; description: string | null; kind: SegmentKind; rule: unknown; builtInKey: string | null; ownerId: number | null; version: number; memberCount: number };

/** The first problem of a rule as the refusal the form shows ("Condition 2.1 (Tier): …"): field `rule.2.1`. */
export class SegmentRuleError extends RuleError {
  constructor(readonly issue: RuleIssue) {
    super(issue.message, issue.path ? `rule.${issue.path}` : "rule");
    this.name = "SegmentRuleError";
  }
}

function validRule(value: unknown): Rule {
  const parsed = parseRule(value);
  if (!parsed.ok) throw new SegmentRuleError(parsed.issues[0]);
  return parsed.rule;
}

/** Prisma's transaction client as the plain query runner materialising uses. */
function runnerOf(tx: Tx): QueryRunner {
  return { query: <T>(text: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(text, ...params) };
}

function snapshotOf(r: { name: string; description: string | null; rule: unknown }): Snapshot {
  return { name: r.name, description: r.description, rule: JSON.stringify(r.rule) };
}

function auditView(r: { name: string; description: string | null; kind: string; rule: unknown; ownerId: number | null }): Record<string, unknown> {
  return { name: r.name, description: r.description, kind: r.kind, ownerId: r.ownerId, rule: JSON.stringify(r.rule) };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** Name clashes are the user's to fix (the unique index is the final word under concurrency). */
async function withNameCheck<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError("segments.errors.nameTaken", "name");
    throw error;
  }
}

async function nameTaken(tx: Tx, name: string, exceptId?: number): Promise<boolean> {
  const row = await tx.segment.findFirst({ where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  return row !== null;
}

/** Reads and row-locks a segment inside the transaction; a missing one is refused like a forbidden one. */
async function lockedSegment(tx: Tx, actor: Actor, id: number, action: string): Promise<SegmentRecord> {
  await lockSegment(runnerOf(tx), id);
  const row = await tx.segment.findUnique({ where: { id }, select: { id: true, name: true, description: true, kind: true, rule: true, builtInKey: true, ownerId: true, version: true, memberCount: true } });
  if (!row) throw new NotAllowedError({ userId: actor.id, action, entity: ENTITY, entityId: id });
  return row;
}

function refuseBuiltIn(row: SegmentRecord): void {
  if (row.builtInKey !== null) throw new RuleError("segments.errors.builtIn");
}

export async function createSegment(actor: Actor, input: { name: string; description: string | null; kind: SegmentKind; rule: Rule }): Promise<{ id: number; memberCount: number }> {
  const rule = validRule(input.rule);
  const ctx = await ruleContext((await getDatabase()).sql);
  return withNameCheck(() =>
    transaction(async (tx) => {
      authorize(actor, "segment.edit", ENTITY, null, { ownerId: actor.id });
      if (await nameTaken(tx, input.name)) throw new RuleError("segments.errors.nameTaken", "name");
      const created = await tx.segment.create({
        data: { name: input.name, description: input.description, kind: input.kind, rule: rule as unknown as Prisma.InputJsonValue, ownerId: actor.id },
        select: { id: true },
      });
      // A static segment from a rule is a snapshot of the rule's members now; a dynamic one starts the same way.
      const result = await materialise(runnerOf(tx), created.id, rule, ctx, { runId: null, at: ctx.now });
      await writeAudit(tx, { userId: actor.id, action: "CREATE", entity: ENTITY, entityId: created.id, after: { ...auditView({ ...input, rule, ownerId: actor.id }), memberCount: result.memberCount } });
      return { id: created.id, memberCount: result.memberCount };
    }),
  );
}

export async function updateSegment(
  actor: Actor,
  id: number,
  version: Expected,
  input: { name: string; description: string | null; rule: Rule },
): Promise<{ memberCount: number; joined: number; left: number }> {
  const rule = validRule(input.rule);
  const ctx = await ruleContext((await getDatabase()).sql);
  return withNameCheck(() =>
    transaction(async (tx) => {
      const before = await lockedSegment(tx, actor, id, "segment.edit");
      refuseBuiltIn(before);
      authorize(actor, "segment.edit", ENTITY, id, { ownerId: before.ownerId });
      checkVersion(ENTITY, id, version, { version: before.version, snapshot: snapshotOf(before) });
      if (await nameTaken(tx, input.name, id)) throw new RuleError("segments.errors.nameTaken", "name");
      await writeAtVersion(
        ENTITY,
        id,
        version,
        (v) =>
          tx.segment.updateMany({
            where: { id, version: v },
            data: { name: input.name, description: input.description, rule: rule as unknown as Prisma.InputJsonValue, version: { increment: 1 } },
          }),
        async () => {
          const now = await tx.segment.findUniqueOrThrow({ where: { id } });
          return { version: now.version, snapshot: snapshotOf(now) };
        },
      );
      // A static list is frozen: editing its rule (kept as its origin) does not change who is in it.
      const result: MaterialiseResult =
        before.kind === "DYNAMIC"
          ? await materialise(runnerOf(tx), id, rule, ctx, { runId: null, at: ctx.now })
          : { memberCount: before.memberCount, joined: 0, left: 0 };
      await writeAudit(tx, {
        userId: actor.id,
        action: "UPDATE",
        entity: ENTITY,
        entityId: id,
        before: { ...auditView(before), memberCount: before.memberCount },
        after: { ...auditView({ ...before, ...input, rule }), memberCount: result.memberCount },
      });
      return result;
    }),
  );
}

export async function deleteSegment(actor: Actor, id: number, version: Expected): Promise<void> {
  await transaction(async (tx) => {
    const before = await lockedSegment(tx, actor, id, "segment.edit");
    refuseBuiltIn(before);
    authorize(actor, "segment.edit", ENTITY, id, { ownerId: before.ownerId });
    checkVersion(ENTITY, id, version, { version: before.version, snapshot: snapshotOf(before) });
    if ((await tx.campaign.count({ where: { segmentId: id } })) > 0) throw new RuleError("segments.errors.inUse");
    // Members and history go with the segment (ON DELETE CASCADE); the audit row keeps its definition.
    const { count } = await tx.segment.deleteMany({ where: { id, version: before.version } });
    if (count === 0) throw new NotAllowedError({ userId: actor.id, action: "segment.edit", entity: ENTITY, entityId: id });
    await writeAudit(tx, { userId: actor.id, action: "DELETE", entity: ENTITY, entityId: id, before: { ...auditView(before), memberCount: before.memberCount } });
  });
}

/** Re-evaluates a dynamic segment now (an admin may refresh built-ins too). */
export async function refreshSegment(actor: Actor, id: number): Promise<{ memberCount: number; joined: number; left: number }> {
  const ctx = await ruleContext((await getDatabase()).sql);
  return transaction(async (tx) => {
    const row = await lockedSegment(tx, actor, id, "segment.edit");
    // Built-ins have no owner: only the "all" scope (admins) reaches them.
    authorize(actor, "segment.edit", ENTITY, id, { ownerId: row.ownerId });
    if (row.kind !== "DYNAMIC") throw new RuleError("segments.errors.staticRefresh");
    const parsed = parseRule(row.rule);
    if (!parsed.ok) throw new SegmentRuleError(parsed.issues[0]);
    const result = await materialise(runnerOf(tx), id, parsed.rule, ctx, { runId: null, at: ctx.now });
    await writeAudit(tx, { userId: actor.id, action: "REFRESH", entity: ENTITY, entityId: id, detail: { ...result, runId: null } });
    return result;
  });
}

/**
 * The customer ids and external ids of a CSV: its single column, or its `customer_id` /
 * `external_id` column when it has a header naming one. A bare value is matched as an external id
 * first, then (when it is a whole number) as a customer id.
 */
export function readCustomerCsv(csv: string): { ids: string[]; externalIds: string[]; values: string[] } {
  const rows = parseCsv(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  if (rows.length === 0) return { ids: [], externalIds: [], values: [] };
  const header = rows[0].map((h) => h.toLowerCase().replace(/[\s-]+/g, "_"));
  const idColumn = header.indexOf("customer_id");
  const externalColumn = header.indexOf("external_id");
  if (idColumn >= 0 || externalColumn >= 0) {
    const body = rows.slice(1);
    const ids = idColumn >= 0 ? body.map((r) => r[idColumn] ?? "").filter(Boolean) : [];
    const externalIds = externalColumn >= 0 ? body.filter((r) => idColumn < 0 || !r[idColumn]).map((r) => r[externalColumn] ?? "").filter(Boolean) : [];
    return { ids, externalIds, values: [] };
  }
  // One column without a header naming it: a first row like "id" or "customer" is a header too.
  const values = rows.map((r) => r[0] ?? "").filter(Boolean);
  if (values.length > 0 && /^(id|customer|customers|external|externalid)$/i.test(values[0].replace(/[\s_-]/g, ""))) values.shift();
  return { ids: [], externalIds: [], values };
}

type StaticSource = { customerIds: number[] } | { csv: string };

/** Resolves the requested customers to readable, non-deleted customer ids; what matched nothing is reported back. */
async function resolveCustomers(tx: Tx, actor: Actor, source: StaticSource): Promise<{ ids: number[]; unmatched: string[] }> {
  const params = new Params();
  const scope = embed(params, accessSql(actor, "customer.read", "Customer", "c"));
  let requested: { key: string; kind: "id" | "external" | "either" }[];
  if ("customerIds" in source) requested = source.customerIds.map((id) => ({ key: String(id), kind: "id" }));
  else {
    const read = readCustomerCsv(source.csv);
    requested = [
      ...read.ids.map((key) => ({ key, kind: "id" as const })),
      ...read.externalIds.map((key) => ({ key, kind: "external" as const })),
      ...read.values.map((key) => ({ key, kind: "either" as const })),
    ];
  }
  if (requested.length > MAX_STATIC_IDS) throw new RuleError("segments.validation.tooManyCustomers");
  const INT_MAX = 2_147_483_647;
  const asId = (key: string) => (/^\d{1,10}$/.test(key) && Number(key) <= INT_MAX ? Number(key) : null);
  const numeric = [...new Set(requested.filter((r) => r.kind !== "external").map((r) => asId(r.key)).filter((v): v is number => v !== null))];
  const external = [...new Set(requested.filter((r) => r.kind !== "id").map((r) => r.key))];
  const rows = await tx.$queryRawUnsafe<{ id: number; externalId: string | null }[]>(
    `SELECT c."id", c."externalId" FROM "Customer" c
     WHERE c."deletedAt" IS NULL AND ${scope} AND (c."id" = ANY(${params.add(numeric, "::int[]")}) OR c."externalId" = ANY(${params.add(external, "::text[]")}))`,
    ...params.values,
  );
  const byId = new Set(rows.map((r) => r.id));
  const byExternal = new Map(rows.filter((r) => r.externalId !== null).map((r) => [r.externalId as string, r.id]));
  const ids = new Set<number>();
  const unmatched: string[] = [];
  for (const r of requested) {
    const viaExternal = r.kind !== "id" ? byExternal.get(r.key) : undefined;
    const id = asId(r.key);
    const viaId = r.kind !== "external" && id !== null && byId.has(id) ? id : undefined;
    const match = viaExternal ?? viaId;
    if (match === undefined) unmatched.push(r.key);
    else ids.add(match);
  }
  return { ids: [...ids].sort((a, b) => a - b), unmatched: [...new Set(unmatched)] };
}

function embed(params: Params, fragment: { strings: readonly string[]; values: readonly unknown[] }): string {
  return fragment.strings.reduce((text, part, i) => (i === 0 ? part : `${text}${params.add(fragment.values[i - 1])}${part}`), "");
}

/** Adds customers to a static segment (set-based, with history); returns how many were not members yet. */
async function insertMembers(tx: Tx, segmentId: number, ids: number[], at: Date): Promise<number> {
  const rows = await tx.$queryRawUnsafe<{ n: number }[]>(
    `WITH added AS (
       INSERT INTO "SegmentMember" ("segmentId", "customerId", "addedAt")
       SELECT $1::int, c."id", $3::timestamp FROM "Customer" c WHERE c."id" = ANY($2::int[]) AND c."deletedAt" IS NULL
       ON CONFLICT ("segmentId", "customerId") DO NOTHING
       RETURNING "customerId"
     ), logged AS (
       INSERT INTO "SegmentMembershipChange" ("segmentId", "customerId", "joined", "at")
       SELECT $1::int, "customerId", true, $3::timestamp FROM added RETURNING 1
     )
     SELECT count(*)::int AS n FROM logged`,
    segmentId,
    ids,
    at.toISOString().replace("Z", ""),
  );
  return rows[0]?.n ?? 0;
}

/** A frozen list: the customers of a selection or a CSV of customer ids / external ids. */
export async function createStaticSegment(
  actor: Actor,
  input: { name: string; description: string | null; customerIds?: number[]; csv?: string },
): Promise<{ id: number; added: number; unmatched: string[] }> {
  const source: StaticSource | null = input.customerIds ? { customerIds: input.customerIds } : input.csv !== undefined ? { csv: input.csv } : null;
  if (!source) throw new RuleError("segments.validation.selectCustomers");
  const at = new Date(nowMs());
  return withNameCheck(() =>
    transaction(async (tx) => {
      authorize(actor, "segment.edit", ENTITY, null, { ownerId: actor.id });
      if (await nameTaken(tx, input.name)) throw new RuleError("segments.errors.nameTaken", "name");
      const { ids, unmatched } = await resolveCustomers(tx, actor, source);
      if (ids.length === 0) throw new RuleError("segments.errors.noCustomersMatched", "csv" in source ? "csv" : "ids");
      // A static list has no rule of its own: an empty group stands for "the listed customers".
      const created = await tx.segment.create({
        data: { name: input.name, description: input.description, kind: "STATIC", rule: { type: "group", op: "and", children: [] }, ownerId: actor.id, refreshedAt: at },
        select: { id: true },
      });
      const added = await insertMembers(tx, created.id, ids, at);
      const memberCount = await storeMemberCount(runnerOf(tx), created.id, at, false);
      await writeAudit(tx, {
        userId: actor.id,
        action: "CREATE",
        entity: ENTITY,
        entityId: created.id,
        after: { name: input.name, description: input.description, kind: "STATIC", ownerId: actor.id, source: "csv" in source ? "csv" : "selection", memberCount, unmatched: unmatched.length },
      });
      return { id: created.id, added, unmatched };
    }),
  );
}

async function editStaticMembers(actor: Actor, id: number, customerIds: number[], mode: "add" | "remove"): Promise<number> {
  const at = new Date(nowMs());
  return transaction(async (tx) => {
    const row = await lockedSegment(tx, actor, id, "segment.edit");
    refuseBuiltIn(row);
    authorize(actor, "segment.edit", ENTITY, id, { ownerId: row.ownerId });
    if (row.kind !== "STATIC") throw new RuleError("segments.errors.notStatic");
    let changed: number;
    if (mode === "add") {
      const { ids } = await resolveCustomers(tx, actor, { customerIds });
      changed = ids.length === 0 ? 0 : await insertMembers(tx, id, ids, at);
    } else {
      const rows = await tx.$queryRawUnsafe<{ n: number }[]>(
        `WITH gone AS (
           DELETE FROM "SegmentMember" WHERE "segmentId" = $1::int AND "customerId" = ANY($2::int[]) RETURNING "customerId"
         ), logged AS (
           INSERT INTO "SegmentMembershipChange" ("segmentId", "customerId", "joined", "at")
           SELECT $1::int, "customerId", false, $3::timestamp FROM gone RETURNING 1
         )
         SELECT count(*)::int AS n FROM logged`,
        id,
        customerIds,
        at.toISOString().replace("Z", ""),
      );
      changed = rows[0]?.n ?? 0;
    }
    const memberCount = await storeMemberCount(runnerOf(tx), id, at, false);
    await writeAudit(tx, {
      userId: actor.id,
      action: "UPDATE",
      entity: ENTITY,
      entityId: id,
      before: { memberCount: row.memberCount },
      after: { memberCount, [mode === "add" ? "added" : "removed"]: changed },
    });
    return changed;
  });
}

/** Adds customers to a static list; returns how many joined (those already in, deleted or unreadable are skipped). */
export function addStaticMembers(actor: Actor, id: number, customerIds: number[]): Promise<number> {
  return editStaticMembers(actor, id, customerIds, "add");
}

/** Removes customers from a static list; returns how many left. */
export function removeStaticMembers(actor: Actor, id: number, customerIds: number[]): Promise<number> {
  return editStaticMembers(actor, id, customerIds, "remove");
}

/** A free name: `name`, else "name (2)", "name (3)" … */
async function freeName(tx: Tx, name: string): Promise<string> {
  const taken = new Set(
    (await tx.segment.findMany({ where: { name: { startsWith: name, mode: "insensitive" } }, select: { name: true } })).map((r) => r.name.toLowerCase()),
  );
  if (!taken.has(name.toLowerCase())) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

const NAME_MAX = 120;

/**
 * Creates a segment from an exported definition (lib/segments/queries.ts exportDefinition): checks the
 * format, version and rule (a bad rule names its condition); a name clash gets " (2)" etc. A static
 * definition becomes a snapshot of its rule's members now.
 */
export async function importDefinition(actor: Actor, json: unknown, opts: { name?: string } = {}): Promise<{ id: number }> {
  const def = json !== null && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  if (!def || def.format !== "summit-segment") throw new RuleError("segments.errors.importFormat", "json");
  if (def.version !== 1) throw new RuleError("segments.errors.importVersion", "json");
  const rawName = (opts.name ?? (typeof def.name === "string" ? def.name : "")).trim();
  if (!rawName) throw new RuleError("segments.validation.name", "name");
  const kind: SegmentKind = def.kind === "STATIC" ? "STATIC" : "DYNAMIC";
  const description = typeof def.description === "string" ? def.description.slice(0, 1000) : null;
  const rule = validRule(def.rule);
  const ctx = await ruleContext((await getDatabase()).sql);
  return withNameCheck(() =>
    transaction(async (tx) => {
      authorize(actor, "segment.edit", ENTITY, null, { ownerId: actor.id });
      const name = await freeName(tx, rawName.slice(0, NAME_MAX));
      const created = await tx.segment.create({
        data: { name, description, kind, rule: rule as unknown as Prisma.InputJsonValue, ownerId: actor.id },
        select: { id: true },
      });
      const result = await materialise(runnerOf(tx), created.id, rule, ctx, { runId: null, at: ctx.now });
      await writeAudit(tx, { userId: actor.id, action: "IMPORT", entity: ENTITY, entityId: created.id, after: { ...auditView({ name, description, kind, rule, ownerId: actor.id }), memberCount: result.memberCount } });
      return { id: created.id };
    }),
  );
}

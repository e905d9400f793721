import "server-only";
import { type Action, type Actor, scopeFor } from "@/lib/platform/auth/permissions";
import { rawSql, scopeSql, sql, type SqlFragment } from "@/lib/platform/auth/access-scope";
import { requireRight } from "@/lib/platform/auth/guard";
import { db } from "@/lib/platform/db/prisma";
import { SqlParams, utcTimestamp } from "@/lib/platform/db/sql-builder";
import { dayRange } from "@/lib/platform/time-zone";
import { SECURITY_ACTIONS, SIGN_IN_ACTIONS, SIGN_IN_GROUP } from "@/lib/audit/rules/catalogue";
import { type AuditCursor, decodeCursor, encodeCursor } from "@/lib/audit/rules/cursor";
import type { AuditFilters } from "@/lib/audit/schema";

export const AUDIT_PAGE_SIZE = 50;
const READ: Action = "audit.read";

/**
 * Who owns the record an audit row is about, per entity, as SQL on the row `a` (PERMISSIONS.md: a
 * manager reads the entries of the team's records; permissions.ts: "audit entries: the owner of the
 * audited record"). The owner is looked up now, through the record's primary key, so a customer
 * reassigned to the team brings its history along:
 *
 * | entity       | owner                                   |
 * |--------------|-----------------------------------------|
 * | Customer     | Customer.ownerId                        |
 * | Contact      | its customer's ownerId                  |
 * | Lead         | Lead.ownerId                            |
 * | Opportunity  | Opportunity.ownerId                     |
 * | Quote        | its opportunity's ownerId               |
 * | Order        | its customer's ownerId                  |
 * | Ticket       | its customer's ownerId (the ticket read rule's owner) |
 * | InboundMail  | its ticket's customer's ownerId (once filed) |
 * | Touchpoint   | its author (Touchpoint.userId, as the touchpoint rules) |
 * | Task, Appointment, Campaign, Segment | their ownerId   |
 * | SalesTarget  | the rep (userId); a team's own target belongs to the team itself |
 *
 * Every other entity (users, teams, settings, products, partners, score runs, the setup page, CSAT
 * links, the audit log itself) has no owner: its rows are the administrator's alone, as are security
 * events (sign-ins and refusals, SECURITY_ACTIONS) and rows about no record (an export, an import).
 *
 * `entityId` is text (a setting's key is not a number): only an id the int4 key can hold is cast, in a
 * CASE so the cast never sees anything else.
 */
const RECORD_ID = `(CASE WHEN a."entityId" ~ '^[0-9]{1,9}$' THEN a."entityId"::int END)`;
const OWNER_OF: Record<string, string> = {
  Customer: `SELECT x."ownerId" FROM "Customer" x WHERE x."id" = ${RECORD_ID}`,
  Contact: `SELECT x."ownerId" FROM "Contact" r JOIN "Customer" x ON x."id" = r."customerId" WHERE r."id" = ${RECORD_ID}`,
  Lead: `SELECT x."ownerId" FROM "Lead" x WHERE x."id" = ${RECORD_ID}`,
  Opportunity: `SELECT x."ownerId" FROM "Opportunity" x WHERE x."id" = ${RECORD_ID}`,
  Quote: `SELECT x."ownerId" FROM "Quote" r JOIN "Opportunity" x ON x."id" = r."opportunityId" WHERE r."id" = ${RECORD_ID}`,
  Order: `SELECT x."ownerId" FROM "Order" r JOIN "Customer" x ON x."id" = r."customerId" WHERE r."id" = ${RECORD_ID}`,
  Ticket: `SELECT x."ownerId" FROM "Ticket" r JOIN "Customer" x ON x."id" = r."customerId" WHERE r."id" = ${RECORD_ID}`,
  InboundMail: `SELECT x."ownerId" FROM "InboundMail" m JOIN "Ticket" r ON r."id" = m."ticketId" JOIN "Customer" x ON x."id" = r."customerId" WHERE m."id" = ${RECORD_ID}`,
  Touchpoint: `SELECT x."userId" FROM "Touchpoint" x WHERE x."id" = ${RECORD_ID}`,
  Task: `SELECT x."ownerId" FROM "Task" x WHERE x."id" = ${RECORD_ID}`,
  Appointment: `SELECT x."ownerId" FROM "Appointment" x WHERE x."id" = ${RECORD_ID}`,
  Campaign: `SELECT x."ownerId" FROM "Campaign" x WHERE x."id" = ${RECORD_ID}`,
  Segment: `SELECT x."ownerId" FROM "Segment" x WHERE x."id" = ${RECORD_ID}`,
  SalesTarget: `SELECT x."userId" FROM "SalesTarget" x WHERE x."id" = ${RECORD_ID}`,
};

/** The entities whose rows a team scope can reach (the table above). */
export const OWNED_ENTITIES = Object.keys(OWNER_OF);

function ownerExpression(): string {
  const whens = Object.entries(OWNER_OF).map(([entity, select]) => `WHEN '${entity}' THEN (${select})`);
  return `(CASE a."entity" ${whens.join(" ")} END)`;
}

/** A team's own sales target (no rep) belongs to the team as a whole. */
const TEAM_OF = `(CASE WHEN a."entity" = 'SalesTarget' THEN (SELECT x."teamId" FROM "SalesTarget" x WHERE x."id" = ${RECORD_ID} AND x."userId" IS NULL) END)`;

/**
 * The rows `actor` may read: everything for "all"; for a team scope, rows about a record whose owner
 * is in the team (one SQL condition, evaluated per row as the index walk goes, never a loop in
 * JavaScript), minus security events; nothing for "none".
 */
export function auditScopeSql(actor: Actor): SqlFragment {
  const scope = scopeFor(actor, READ);
  if (scope === "all") return rawSql("TRUE");
  if (scope === "none") return rawSql("FALSE");
  const owned = scopeSql(actor, READ, "AuditLog", { owner: ownerExpression(), team: TEAM_OF });
  const security = SECURITY_ACTIONS.map((a) => `'${a}'`).join(", ");
  return sql`(a."entity" IN (${rawSql(OWNED_ENTITIES.map((e) => `'${e}'`).join(", "))}) AND a."action" NOT IN (${rawSql(security)}) AND ${owned})`;
}

export type AuditEntry = {
  id: string;
  at: Date;
  userId: number | null;
  userName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  changes: unknown;
  ip: string | null;
};

export type AuditPage = { entries: AuditEntry[]; next: string | null };

type Row = Omit<AuditEntry, "at"> & { at: Date | string };

function conditions(actor: Actor, filters: AuditFilters, timeZone: string, params: SqlParams, after: AuditCursor | null): string[] {
  const where = [params.embed(auditScopeSql(actor))];
  if (filters.user !== undefined) where.push(`a."userId" = ${params.add(filters.user, "::int")}`);
  if (filters.entity) where.push(`a."entity" = ${params.add(filters.entity)}`);
  if (filters.entityId) where.push(`a."entityId" = ${params.add(filters.entityId)}`);
  if (filters.action === SIGN_IN_GROUP) where.push(`a."action" = ANY(${params.add([...SIGN_IN_ACTIONS], "::text[]")})`);
  else if (filters.action) where.push(`a."action" = ${params.add(filters.action)}`);
  if (filters.from) where.push(`a."at" >= ${params.add(utcTimestamp(dayRange(filters.from, timeZone).start), "::timestamp")}`);
  if (filters.to) where.push(`a."at" < ${params.add(utcTimestamp(dayRange(filters.to, timeZone).end), "::timestamp")}`);
  if (after) {
    // Row comparison: strictly after the last row shown, in the list's (at DESC, id DESC) order.
    where.push(`(a."at", a."id") < (${params.add(utcTimestamp(new Date(after.atMs)), "::timestamp")}, ${params.add(after.id, "::bigint")})`);
  }
  return where;
}

async function readPage(actor: Actor, filters: AuditFilters, timeZone: string, after: AuditCursor | null, size: number): Promise<{ rows: AuditEntry[]; more: boolean }> {
  const params = new SqlParams();
  const where = conditions(actor, filters, timeZone, params, after);
  const text = `SELECT a."id"::text AS "id", a."at", a."userId", u."name" AS "userName", a."action", a."entity", a."entityId", a."changes", a."ip"
    FROM "AuditLog" a LEFT JOIN "User" u ON u."id" = a."userId"
    WHERE ${where.join(" AND ")}
    ORDER BY a."at" DESC, a."id" DESC
    LIMIT ${params.add(size + 1, "::int")}`;
  const prisma = await db();
  const rows = await prisma.$queryRawUnsafe<Row[]>(text, ...params.values);
  const entries = rows.slice(0, size).map((r) => ({ ...r, at: r.at instanceof Date ? r.at : new Date(`${r.at}Z`) }));
  return { rows: entries, more: rows.length > size };
}

/** Refuses (and logs) a role that may not read the audit log at all: the page's guard when its filters are unusable. */
export async function requireAuditReader(actor: Actor): Promise<void> {
  await requireRight(actor, READ, "AuditLog");
}

/**
 * One page of the audit log, newest first, within what `actor` may read (a rep or agent is refused,
 * and the refusal is itself logged). `timeZone` is the viewer's: the period's days are theirs.
 */
export async function listAuditEntries(actor: Actor, filters: AuditFilters, options: { timeZone: string; pageSize?: number }): Promise<AuditPage> {
  await requireRight(actor, READ, "AuditLog");
  const size = options.pageSize ?? AUDIT_PAGE_SIZE;
  const { rows, more } = await readPage(actor, filters, options.timeZone, filters.after ? decodeCursor(filters.after) : null, size);
  const last = rows[rows.length - 1];
  return { entries: rows, next: more && last ? encodeCursor({ atMs: last.at.getTime(), id: last.id }) : null };
}

/** Every matching row for the CSV export, a batch at a time along the same keyset (never the whole table in memory). */
export async function* iterateAuditEntries(actor: Actor, filters: AuditFilters, timeZone: string, batchSize = 1000): AsyncGenerator<AuditEntry[]> {
  let after: AuditCursor | null = null;
  for (;;) {
    const { rows, more } = await readPage(actor, filters, timeZone, after, batchSize);
    if (rows.length > 0) yield rows;
    if (!more) return;
    const last = rows[rows.length - 1];
    after = { atMs: last.at.getTime(), id: last.id };
  }
}

export type AuditFilterOptions = { users: { id: number; name: string }[] };

/** The "who" choices: every account (former colleagues included, their rows stay). Names are not secret here: owners' names show on every list. */
export async function auditFilterOptions(actor: Actor): Promise<AuditFilterOptions> {
  if (scopeFor(actor, READ) === "none") return { users: [] };
  const prisma = await db();
  const users = await prisma.user.findMany({ select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 1000 });
  return { users };
}

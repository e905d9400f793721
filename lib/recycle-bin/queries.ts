import "server-only";
import { type Actor, can, scopeFor } from "@/lib/platform/auth/permissions";
import { requireRight } from "@/lib/platform/auth/guard";
import { accessSql } from "@/lib/platform/auth/scope-filters";
import { now as clockNow } from "@/lib/platform/clock";
import { db } from "@/lib/platform/db/prisma";
import { escapeLike, SqlParams, utcTimestamp } from "@/lib/platform/db/sql-builder";
import { refOf } from "@/lib/customers/queries";
import { type BinType, decodeBinCursor, encodeBinCursor } from "@/lib/recycle-bin/rules/cursor";
import { daysUntilPurge, purgeDueAt, withinRetention } from "@/lib/recycle-bin/rules/retention";
import { readRecycleBinRetentionDays } from "@/lib/settings/queries";
import type { BinFilters } from "@/lib/recycle-bin/schema";

export const BIN_PAGE_SIZE = 50;

/** The retention in force (the `recycleBin` setting's `retentionDays`, 30 days by default). Read outside any transaction. */
export async function readRetentionDays(): Promise<number> {
  return readRecycleBinRetentionDays();
}

/** Why a record in the bin cannot be restored, if it cannot. */
export type RestoreBlock = "merged" | "customerDeleted" | "expired" | "notAllowed";

export type BinItem = {
  type: BinType;
  id: number;
  name: string;
  /** A contact's customer; a customer's own id and name. */
  customerId: number;
  customerName: string;
  ownerName: string | null;
  deletedAt: Date;
  deletedByName: string | null;
  mergedIntoId: number | null;
  purgeDueAt: Date;
  daysUntilPurge: number;
  restoreBlock: RestoreBlock | null;
  /** Only administrators purge a record before its time. */
  canPurge: boolean;
};

export type BinPage = { items: BinItem[]; next: string | null; retentionDays: number };

type Row = {
  type: BinType;
  id: number;
  name: string;
  customerId: number;
  customerName: string;
  customerDeleted: boolean;
  ownerId: number | null;
  ownerTeamId: number | null;
  ownerName: string | null;
  deletedAt: Date;
  deletedByName: string | null;
  mergedIntoId: number | null;
};

/** A PURGE row in the audit log marks a record as erased: it has left the bin for good. */
const notPurged = (entity: BinType, idColumn: string) =>
  `NOT EXISTS (SELECT 1 FROM "AuditLog" p WHERE p."entity" = '${entity}' AND p."entityId" = ${idColumn}::text AND p."action" = 'PURGE')`;

/**
 * Deleted customers and contacts the actor may see in the bin (ADMIN all, MANAGER the team's: a
 * contact through its customer's owner), newest deletion first, keyset-paged. Merged customers are
 * listed too (marked: they are restored by no one, the merge moved their records away); purged records
 * are not. Contacts have no "deleted by" column: the bin reads it from their DELETE audit row.
 */
export async function listRecycleBin(actor: Actor, filters: BinFilters, pageSize = BIN_PAGE_SIZE): Promise<BinPage> {
  await requireRight(actor, "recycleBin.use", "RecycleBin");
  const retentionDays = await readRetentionDays();
  const now = clockNow();
  const params = new SqlParams();
  const scope = params.embed(accessSql(actor, "recycleBin.use", "Customer", "c"));
  const like = filters.q ? params.add(`%${escapeLike(filters.q)}%`) : null;
  const parts: string[] = [];
  if (filters.type !== "Contact") {
    parts.push(`SELECT 'Customer'::text AS "type", c."id", c."name", c."id" AS "customerId", c."name" AS "customerName", TRUE AS "customerDeleted",
        c."ownerId", o."teamId" AS "ownerTeamId", o."name" AS "ownerName", c."deletedAt", d."name" AS "deletedByName", c."mergedIntoId"
      FROM "Customer" c LEFT JOIN "User" o ON o."id" = c."ownerId" LEFT JOIN "User" d ON d."id" = c."deletedById"
      WHERE c."deletedAt" IS NOT NULL AND ${scope} AND ${notPurged("Customer", `c."id"`)}${like ? ` AND c."name" ILIKE ${like}` : ""}`);
  }
  if (filters.type !== "Customer") {
    parts.push(`SELECT 'Contact'::text AS "type", ct."id", ct."name", c."id" AS "customerId", c."name" AS "customerName", c."deletedAt" IS NOT NULL AS "customerDeleted",
        c."ownerId", o."teamId" AS "ownerTeamId", o."name" AS "ownerName", ct."deletedAt",
        (SELECT u."name" FROM "AuditLog" a JOIN "User" u ON u."id" = a."userId"
          WHERE a."entity" = 'Contact' AND a."entityId" = ct."id"::text AND a."action" = 'DELETE' ORDER BY a."at" DESC, a."id" DESC LIMIT 1) AS "deletedByName",
        NULL::int AS "mergedIntoId"
      FROM "Contact" ct JOIN "Customer" c ON c."id" = ct."customerId" LEFT JOIN "User" o ON o."id" = c."ownerId"
      WHERE ct."deletedAt" IS NOT NULL AND ${scope} AND ${notPurged("Contact", `ct."id"`)}${like ? ` AND ct."name" ILIKE ${like}` : ""}`);
  }
  const after = filters.after ? decodeBinCursor(filters.after) : null;
  const keyset = after
    ? `WHERE (r."deletedAt", r."type", r."id") < (${params.add(utcTimestamp(new Date(after.deletedAtMs)), "::timestamp")}, ${params.add(after.type)}, ${params.add(after.id, "::int")})`
    : "";
  const text = `SELECT * FROM (${parts.join(" UNION ALL ")}) r ${keyset} ORDER BY r."deletedAt" DESC, r."type" DESC, r."id" DESC LIMIT ${params.add(pageSize + 1, "::int")}`;
  const prisma = await db();
  const rows = await prisma.$queryRawUnsafe<Row[]>(text, ...params.values);
  const page = rows.slice(0, pageSize);
  const items = page.map((r) => toItem(actor, r, now, retentionDays));
  const last = page[page.length - 1];
  return { items, next: rows.length > pageSize && last ? encodeBinCursor({ deletedAtMs: last.deletedAt.getTime(), type: last.type, id: last.id }) : null, retentionDays };
}

function toItem(actor: Actor, r: Row, now: Date, retentionDays: number): BinItem {
  const ref = refOf({ ownerId: r.ownerId, owner: r.ownerId === null ? null : { teamId: r.ownerTeamId } });
  // A customer is restored under its delete right; a contact under its customer's edit right.
  const allowed = r.type === "Customer" ? can(actor, "customer.delete", ref) : can(actor, "customer.edit", ref);
  let restoreBlock: RestoreBlock | null = null;
  if (!allowed) restoreBlock = "notAllowed";
  else if (r.mergedIntoId !== null) restoreBlock = "merged";
  else if (r.type === "Contact" && r.customerDeleted) restoreBlock = "customerDeleted";
  else if (!withinRetention(r.deletedAt, now, retentionDays)) restoreBlock = "expired";
  return {
    type: r.type,
    id: r.id,
    name: r.name,
    customerId: r.customerId,
    customerName: r.customerName,
    ownerName: r.ownerName,
    deletedAt: r.deletedAt,
    deletedByName: r.deletedByName,
    mergedIntoId: r.mergedIntoId,
    purgeDueAt: purgeDueAt(r.deletedAt, retentionDays),
    daysUntilPurge: daysUntilPurge(r.deletedAt, now, retentionDays),
    restoreBlock,
    canPurge: scopeFor(actor, "admin.manage") === "all",
  };
}

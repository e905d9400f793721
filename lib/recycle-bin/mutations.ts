import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/platform/auth/permissions";
import { authorize, requireRight } from "@/lib/platform/auth/guard";
import { writeAudit } from "@/lib/platform/audit";
import { CACHE_TAGS, invalidateCache } from "@/lib/platform/cache";
import { now as clockNow } from "@/lib/platform/clock";
import { db, type Tx, transaction } from "@/lib/platform/db/prisma";
import { utcTimestamp } from "@/lib/platform/db/sql-builder";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { refOf } from "@/lib/customers/queries";
import { readRetentionDays } from "@/lib/recycle-bin/queries";
import type { BinType } from "@/lib/recycle-bin/rules/cursor";
import { purgeCutoff, withinRetention } from "@/lib/recycle-bin/rules/retention";
import { purgedContactName, purgedCustomerName, scrubChanges } from "@/lib/recycle-bin/rules/scrub";

/**
 * One record's restore or purge at a time, across app servers: both take this transaction-scoped
 * advisory lock on (kind, id) first, then read. Of two servers purging the same customer, the second
 * waits, then finds the first one's PURGE row (committed, and visible to its next statement) and
 * does nothing; a restore racing a purge sees either the record before it or the PURGE after it.
 */
async function lockRecord(tx: Tx, type: BinType, id: number): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`recycleBin.${type}`}::text), ${id}::int)`;
}

async function isPurged(tx: Tx, type: BinType, id: number): Promise<boolean> {
  const row = await tx.auditLog.findFirst({ where: { entity: type, entityId: String(id), action: "PURGE" }, select: { id: true } });
  return row !== null;
}

/**
 * Restores a deleted customer (under its delete right: ADMIN all, MANAGER the team's) or a deleted
 * contact (under its customer's edit right), within the retention. Refused with a message: a merged
 * customer (the merge moved its records to the survivor; restoring it would split them again), a
 * contact whose customer is itself deleted (restore the customer first), a record past its retention.
 * A record the actor may not restore, or that is not in the bin, reads as missing (and is logged).
 */
export async function restoreFromBin(actor: Actor, type: BinType, id: number): Promise<void> {
  const retentionDays = await readRetentionDays();
  await transaction(async (tx) => {
    await lockRecord(tx, type, id);
    if (type === "Customer") await restoreCustomer(tx, actor, id, retentionDays);
    else await restoreContact(tx, actor, id, retentionDays);
  });
}

async function restoreCustomer(tx: Tx, actor: Actor, id: number, retentionDays: number): Promise<void> {
  const row = await tx.customer.findFirst({
    where: { id, deletedAt: { not: null } },
    select: { id: true, ownerId: true, deletedAt: true, version: true, mergedIntoId: true, owner: { select: { teamId: true } } },
  });
  if (!row || (await isPurged(tx, "Customer", id))) throw new NotAllowedError({ userId: actor.id, action: "recycleBin.use", entity: "Customer", entityId: id });
  const ref = refOf(row);
  authorize(actor, "recycleBin.use", "Customer", id, ref);
  authorize(actor, "customer.delete", "Customer", id, ref);
  if (row.mergedIntoId !== null) throw new RuleError("recycleBin.errors.merged");
  if (!withinRetention(row.deletedAt!, clockNow(), retentionDays)) throw new RuleError("recycleBin.errors.expired");
  const { count } = await tx.customer.updateMany({
    where: { id, version: row.version, deletedAt: { not: null }, mergedIntoId: null },
    data: { deletedAt: null, deletedById: null, version: { increment: 1 } },
  });
  if (count === 0) throw new NotAllowedError();
  await invalidateCache(tx, CACHE_TAGS.customerRegions);
  await writeAudit(tx, { userId: actor.id, action: "RESTORE", entity: "Customer", entityId: id, before: { deletedAt: row.deletedAt }, after: { deletedAt: null } });
}

async function restoreContact(tx: Tx, actor: Actor, id: number, retentionDays: number): Promise<void> {
  const row = await tx.contact.findFirst({
    where: { id, deletedAt: { not: null } },
    select: { id: true, deletedAt: true, version: true, customerId: true, customer: { select: { ownerId: true, deletedAt: true, owner: { select: { teamId: true } } } } },
  });
  if (!row || (await isPurged(tx, "Contact", id))) throw new NotAllowedError({ userId: actor.id, action: "recycleBin.use", entity: "Contact", entityId: id });
  const ref = refOf(row.customer);
  authorize(actor, "recycleBin.use", "Contact", id, ref);
  authorize(actor, "customer.edit", "Contact", id, ref);
  if (row.customer.deletedAt !== null) throw new RuleError("recycleBin.errors.customerDeleted");
  if (!withinRetention(row.deletedAt!, clockNow(), retentionDays)) throw new RuleError("recycleBin.errors.expired");
  const { count } = await tx.contact.updateMany({ where: { id, version: row.version, deletedAt: { not: null } }, data: { deletedAt: null, version: { increment: 1 } } });
  if (count === 0) throw new NotAllowedError();
  await writeAudit(tx, { userId: actor.id, action: "RESTORE", entity: "Contact", entityId: id, before: { deletedAt: row.deletedAt, customerId: row.customerId }, after: { deletedAt: null, customerId: row.customerId } });
}

/** Why a record is purged: its retention ran out (the job), or an administrator purged it at once. */
type PurgeReason = { by: "retention"; retentionDays: number; cutoff: Date } | { by: "admin"; userId: number };

/** Blanks personal fields in the record's own audit rows (found through the (entity, entityId) index). */
async function scrubAuditRows(tx: Tx, type: BinType, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await tx.auditLog.findMany({ where: { entity: type, entityId: { in: ids.map(String) } }, select: { id: true, changes: true } });
  let scrubbed = 0;
  for (const row of rows) {
    const { changes, changed } = scrubChanges(row.changes);
    if (!changed) continue;
    await tx.auditLog.update({ where: { id: row.id }, data: { changes: changes as Prisma.InputJsonValue } });
    scrubbed += 1;
  }
  return scrubbed;
}

function purgeDetail(reason: PurgeReason): Record<string, unknown> {
  return reason.by === "retention" ? { reason: "retention", retentionDays: reason.retentionDays } : { reason: "admin" };
}

/**
 * Erases one deleted record's personal data, irreversibly, keeping the row so that history and
 * analytics stay whole:
 * - a customer: name → "Purged customer #id"; email, phone, company, notes, external id and the
 *   trigger-kept search keys → null; its contacts (deleted or not) are purged with it; orders, scores,
 *   touchpoints, tickets, deals and the owner stay (they are the business's history, not the person's
 *   profile). Region, kind and opt-out flags stay: they identify nobody, and dashboards group by them.
 * - a contact: name → "Purged contact #id"; title, email, phone → null. Touchpoints and tickets that
 *   name it keep pointing at the (now anonymous) row.
 * The record's audit rows lose the same fields, and a PURGE row marks the record as erased (the bin
 * no longer lists it). Returns false, changing nothing, when there is nothing (more) to purge: the
 * record is not deleted, not yet due (for the job), or already purged.
 */
async function purgeRecord(type: BinType, id: number, reason: PurgeReason): Promise<boolean> {
  return transaction(async (tx) => {
    await lockRecord(tx, type, id);
    if (await isPurged(tx, type, id)) return false;
    const due = reason.by === "retention" ? { lt: reason.cutoff } : { not: null };
    const userId = reason.by === "admin" ? reason.userId : null;
    const erasedAt = clockNow();
    if (type === "Customer") {
      const row = await tx.customer.findFirst({ where: { id, deletedAt: due }, select: { id: true, deletedAt: true } });
      if (!row) return false;
      await tx.customer.update({
        where: { id },
        data: { name: purgedCustomerName(id), email: null, phone: null, company: null, notes: null, externalId: null, emailKey: null, phoneDigits: null, version: { increment: 1 } },
      });
      const contacts = await tx.contact.findMany({ where: { customerId: id }, select: { id: true } });
      for (const c of contacts) await eraseContact(tx, c.id, erasedAt);
      await scrubAuditRows(tx, "Customer", [id]);
      await scrubAuditRows(tx, "Contact", contacts.map((c) => c.id));
      for (const c of contacts) await writeAudit(tx, { userId, action: "PURGE", entity: "Contact", entityId: c.id, detail: { ...purgeDetail(reason), withCustomer: id } });
      await writeAudit(tx, { userId, action: "PURGE", entity: "Customer", entityId: id, detail: { ...purgeDetail(reason), deletedAt: row.deletedAt!.toISOString(), contacts: contacts.length } });
      await invalidateCache(tx, CACHE_TAGS.customerRegions);
      return true;
    }
    const row = await tx.contact.findFirst({ where: { id, deletedAt: due }, select: { id: true, deletedAt: true, customerId: true } });
    if (!row) return false;
    await eraseContact(tx, id, erasedAt);
    await scrubAuditRows(tx, "Contact", [id]);
    await writeAudit(tx, { userId, action: "PURGE", entity: "Contact", entityId: id, detail: { ...purgeDetail(reason), deletedAt: row.deletedAt!.toISOString(), customerId: row.customerId } });
    return true;
  });
}

async function eraseContact(tx: Tx, id: number, erasedAt: Date): Promise<void> {
  await tx.contact.update({ where: { id }, data: { name: purgedContactName(id), title: null, email: null, emailKey: null, phone: null, isPrimary: false, version: { increment: 1 } } });
  // A live contact of a purged customer leaves the contact lists with it.
  await tx.contact.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: erasedAt } });
}

/** "Purge now": an administrator erases one record in the bin before its retention ends. */
export async function purgeNow(actor: Actor, type: BinType, id: number): Promise<void> {
  // Only administrators: the role is checked (and a refusal logged) before anything is read.
  await requireRight(actor, "admin.manage", type);
  const prisma = await db();
  const inBin =
    type === "Customer"
      ? await prisma.customer.findFirst({ where: { id, deletedAt: { not: null } }, select: { id: true } })
      : await prisma.contact.findFirst({ where: { id, deletedAt: { not: null } }, select: { id: true } });
  if (!inBin) throw new NotAllowedError();
  if (!(await purgeRecord(type, id, { by: "admin", userId: actor.id }))) throw new RuleError("recycleBin.errors.alreadyPurged");
}

export type PurgeSummary = { customers: number; contacts: number; retentionDays: number };

const PURGE_BATCH = 200;

/**
 * The purge job (hourly, every app server): erases every customer and contact deleted longer ago
 * than the retention. Safe on several servers at once (each record is purged under its lock, once),
 * idempotent (a purged record is skipped), and resumable (a stopped run leaves the rest for the next).
 */
export async function purgeExpired(now: Date = clockNow()): Promise<PurgeSummary> {
  const retentionDays = await readRetentionDays();
  const cutoff = purgeCutoff(now, retentionDays);
  const prisma = await db();
  const reason: PurgeReason = { by: "retention", retentionDays, cutoff };
  const summary: PurgeSummary = { customers: 0, contacts: 0, retentionDays };
  for (const type of ["Customer", "Contact"] as const) {
    const table = type === "Customer" ? `"Customer"` : `"Contact"`;
    let afterId = 0;
    for (;;) {
      const ids = await prisma.$queryRawUnsafe<{ id: number }[]>(
        `SELECT r."id" FROM ${table} r
          WHERE r."deletedAt" < $1::timestamp AND r."id" > $2::int
            AND NOT EXISTS (SELECT 1 FROM "AuditLog" p WHERE p."entity" = $3 AND p."entityId" = r."id"::text AND p."action" = 'PURGE')
          ORDER BY r."id" LIMIT $4::int`,
        utcTimestamp(cutoff),
        afterId,
        type,
        PURGE_BATCH,
      );
      for (const { id } of ids) {
        if (await purgeRecord(type, id, reason)) summary[type === "Customer" ? "customers" : "contacts"] += 1;
      }
      if (ids.length < PURGE_BATCH) break;
      afterId = ids[ids.length - 1].id;
    }
  }
  return summary;
}

import "server-only";
import { CACHE_TAGS, invalidateCache } from "@/lib/platform/cache";
import type { Actor } from "@/lib/platform/auth/permissions";
import { now as clockNow } from "@/lib/platform/clock";
import { checkVersion, type Expected, writeAtVersion } from "@/lib/platform/concurrency";
import { writeAudit } from "@/lib/platform/audit";
import { type CustomerDto, customerSnapshot, findRow, pick, toDto, versionedCustomer } from "@/lib/customers/mutations";
import { refOf } from "@/lib/customers/queries";
import { transaction } from "@/lib/platform/db/prisma";
import { NotAllowedError } from "@/lib/platform/errors";
import { authorize } from "@/lib/platform/auth/guard";

export type MergeResult = { customer: CustomerDto; moved: Record<string, number> };

const FILLABLE = ["email", "phone", "company", "industry", "source"] as const;

/**
 * Merges `mergedId` into `survivorId` in one transaction: every related record (contacts,
 * touchpoints, orders, opportunities, tickets, campaign and segment memberships, leads, tasks,
 * appointments, score history, stage changes) moves to the survivor; the survivor keeps its own
 * profile and takes the other's values only where its own are empty; an opt-out on either one
 * stays (an opt-out must never be lost by a merge); the merged customer is soft-deleted with a
 * pointer to the survivor. Both sides need the delete/merge right; both are audited.
 *
 * Concurrency: the survivor's expected version (the one the merge form showed) and the merged
 * customer's version as read here are both part of the writes' WHERE, and those two writes come
 * first: they lock both rows, so the values read again afterwards are the ones the merge combines.
 * A second merge of the same customer, or any save of either side in between, is refused.
 */
export async function mergeCustomers(actor: Actor, survivorId: number, mergedId: number, survivorVersion: Expected): Promise<MergeResult> {
  if (survivorId === mergedId) throw new NotAllowedError();
  return transaction(async (tx) => {
    const survivorAsRead = await findRow(tx, survivorId);
    const mergedAsRead = await findRow(tx, mergedId);
    if (!survivorAsRead || !mergedAsRead) throw new NotAllowedError();
    authorize(actor, "customer.delete", "Customer", survivorId, refOf(survivorAsRead));
    authorize(actor, "customer.delete", "Customer", mergedId, refOf(mergedAsRead));
    checkVersion("Customer", survivorId, survivorVersion, { version: survivorAsRead.version, snapshot: customerSnapshot(survivorAsRead) });
    // Both opt-out flag sets may change below, so the flags' version moves too.
    await writeAtVersion(
      "Customer",
      survivorId,
      survivorVersion,
      (version) => tx.customer.updateMany({ where: { id: survivorId, version, deletedAt: null }, data: { version: { increment: 1 }, dncVersion: { increment: 1 } } }),
      () => versionedCustomer(tx, survivorId),
    );
    await writeAtVersion(
      "Customer",
      mergedId,
      mergedAsRead.version,
      (version) =>
        tx.customer.updateMany({
          where: { id: mergedId, version, deletedAt: null },
          data: { deletedAt: clockNow(), deletedById: actor.id, mergedIntoId: survivorId, version: { increment: 1 }, dncVersion: { increment: 1 } },
        }),
      () => versionedCustomer(tx, mergedId),
    );
    const survivor = (await findRow(tx, survivorId))!;
    const merged = (await tx.customer.findUniqueOrThrow({ where: { id: mergedId }, select: { email: true, phone: true, company: true, industry: true, source: true, notes: true, dncPhone: true, dncEmail: true, dncMail: true, dncSms: true, totalSpend: true, firstPurchaseAt: true, lastPurchaseAt: true, lastContactAt: true } }));

    const from = { customerId: mergedId };
    const to = { customerId: survivorId };
    // Editable records that move get a new version: a form still showing the old customer is told
    // that the record changed, instead of saving the merged-away customer back onto it.
    const moving = { ...to, version: { increment: 1 } };
    const moved: Record<string, number> = {};
    moved.contacts = (await tx.contact.updateMany({ where: from, data: moving })).count;
    moved.touchpoints = (await tx.touchpoint.updateMany({ where: from, data: to })).count;
    moved.orders = (await tx.order.updateMany({ where: from, data: to })).count;
    moved.opportunities = (await tx.opportunity.updateMany({ where: from, data: moving })).count;
    moved.tickets = (await tx.ticket.updateMany({ where: from, data: moving })).count;
    moved.leads = (await tx.lead.updateMany({ where: from, data: moving })).count;
    moved.tasks = (await tx.task.updateMany({ where: from, data: moving })).count;
    moved.appointments = (await tx.appointment.updateMany({ where: from, data: moving })).count;
    moved.stageChanges = (await tx.lifecycleStageChange.updateMany({ where: from, data: to })).count;

    // Memberships are unique per (campaign|segment, customer): where both were members the
    // survivor's row stays and the duplicate goes; the others move.
    const survivorCampaigns = (await tx.campaignMember.findMany({ where: to, select: { campaignId: true } })).map((m) => m.campaignId);
    await tx.campaignMember.deleteMany({ where: { ...from, campaignId: { in: survivorCampaigns } } });
    moved.campaignMemberships = (await tx.campaignMember.updateMany({ where: from, data: to })).count;
    const survivorSegments = (await tx.segmentMember.findMany({ where: to, select: { segmentId: true } })).map((m) => m.segmentId);
    const doubled = (await tx.segmentMember.findMany({ where: { ...from, segmentId: { in: survivorSegments } }, select: { segmentId: true } })).map((m) => m.segmentId);
    if (doubled.length > 0) {
      await tx.segmentMember.deleteMany({ where: { ...from, segmentId: { in: doubled } } });
      // Those segments now count the one customer once.
      await tx.segment.updateMany({ where: { id: { in: doubled } }, data: { memberCount: { decrement: 1 } } });
    }
    moved.segmentMemberships = (await tx.segmentMember.updateMany({ where: from, data: to })).count;
    // Score snapshots are per (customer, period); the score job recomputes the survivor anyway.
    const survivorPeriods = (await tx.customerScore.findMany({ where: to, select: { periodEnd: true } })).map((s) => s.periodEnd);
    await tx.customerScore.deleteMany({ where: { ...from, periodEnd: { in: survivorPeriods } } });
    moved.scores = (await tx.customerScore.updateMany({ where: from, data: to })).count;

    const fill: Record<string, string> = {};
    for (const field of FILLABLE) {
      const mine = survivor[field];
      const theirs = merged[field];
      if ((mine === null || mine === "") && theirs) fill[field] = theirs;
    }
    const notes = [survivor.notes, merged.notes].filter(Boolean).join("\n\n") || null;
    const min = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));
    const max = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));
    await tx.customer.update({
      where: { id: survivorId },
      data: {
        ...fill,
        notes,
        dncPhone: survivor.dncPhone || merged.dncPhone,
        dncEmail: survivor.dncEmail || merged.dncEmail,
        dncMail: survivor.dncMail || merged.dncMail,
        dncSms: survivor.dncSms || merged.dncSms,
        totalSpend: survivor.totalSpend.plus(merged.totalSpend),
        firstPurchaseAt: min(survivor.firstPurchaseAt, merged.firstPurchaseAt),
        lastPurchaseAt: max(survivor.lastPurchaseAt, merged.lastPurchaseAt),
        lastContactAt: max(survivor.lastContactAt, merged.lastContactAt),
      },
    });
    const after = (await findRow(tx, survivorId))!;
    const dnc = (r: Pick<typeof survivor, "dncPhone" | "dncEmail" | "dncMail" | "dncSms" | "totalSpend">) => ({ dncPhone: r.dncPhone, dncEmail: r.dncEmail, dncMail: r.dncMail, dncSms: r.dncSms, totalSpend: r.totalSpend });
    await invalidateCache(tx, CACHE_TAGS.customerRegions);
    await writeAudit(tx, { userId: actor.id, action: "MERGE", entity: "Customer", entityId: survivorId, before: { ...pick(survivor), ...dnc(survivor) }, after: { ...pick(after), ...dnc(after), mergedFrom: mergedId } });
    await writeAudit(tx, { userId: actor.id, action: "MERGE", entity: "Customer", entityId: mergedId, before: { mergedIntoId: null, deletedAt: null }, after: { mergedIntoId: survivorId, moved } });
    return { customer: toDto(actor, after), moved };
  });
}

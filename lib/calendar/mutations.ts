import "server-only";
import type { Actor } from "@/lib/platform/auth/permissions";
import { now as clockNow } from "@/lib/platform/clock";
import { checkVersion, type Expected, type VersionedRecord, writeAtVersion } from "@/lib/platform/concurrency";
import type { AppointmentInput } from "@/lib/calendar/schema";
import { requirePickable } from "@/lib/platform/auth/scope-filters";
import { writeAudit } from "@/lib/platform/audit";
import { type Db, transaction } from "@/lib/platform/db/prisma";
import { NotAllowedError, RuleError } from "@/lib/platform/errors";
import { authorize } from "@/lib/platform/auth/guard";
import { ownerRef, resolveLinks } from "@/lib/tasks/queries";
import { AppointmentConflictError, type AppointmentDto, APPOINTMENT_SELECT, type AppointmentRow, conflictsFor, INVITE_ALSO, refOf, toDto, appointmentSnapshot } from "@/lib/calendar/queries";

const versionOfAppointment = (row: AppointmentRow): VersionedRecord => ({ version: row.version, snapshot: appointmentSnapshot(row) });

async function versionedAppointment(client: Db, id: number): Promise<VersionedRecord> {
  const row = await client.appointment.findFirst({ where: { id }, select: APPOINTMENT_SELECT });
  if (!row) throw new NotAllowedError();
  return versionOfAppointment(row);
}

function auditView(row: AppointmentRow): Record<string, unknown> {
  return {
    title: row.title,
    location: row.location,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    allDay: row.allDay,
    timeZone: row.timeZone,
    customerId: row.customer?.id ?? null,
    opportunityId: row.opportunity?.id ?? null,
    attendeeIds: row.attendees.map((a) => a.user.id).filter((id) => id !== row.ownerId),
    completedAt: row.completedAt,
  };
}

/** Attendees must be people the actor may invite; anyone else is refused like a missing user. */
async function checkAttendees(client: Db, actor: Actor, ids: number[]): Promise<void> {
  await requirePickable(client, actor, "appointment.invite", "Appointment", ids, { also: INVITE_ALSO(actor) });
}

/** Checks for clashes first (refusing with the list unless `confirmed`), then saves: one transaction, audited. */
export async function createAppointment(actor: Actor, input: AppointmentInput, confirmed: boolean): Promise<AppointmentDto> {
  return transaction(async (tx) => {
    const ref = await ownerRef(tx, actor, "appointment.edit", actor.id);
    authorize(actor, "appointment.edit", "Appointment", null, ref);
    const attendeeIds = input.attendeeIds.filter((id) => id !== actor.id);
    await checkAttendees(tx, actor, attendeeIds);
    const links = await resolveLinks(tx, actor, input.customerId, input.opportunityId);
    const conflicts = await conflictsFor(tx, actor, input, [actor.id, ...attendeeIds], null);
    if (conflicts.length > 0 && !confirmed) throw new AppointmentConflictError(conflicts.map((c) => c.dto));
    const created = await tx.appointment.create({
      data: {
        title: input.title,
        location: input.location,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        allDay: input.allDay,
        timeZone: input.timeZone,
        ownerId: actor.id,
        ...links,
        attendees: { create: attendeeIds.map((userId) => ({ userId })) },
      },
      select: APPOINTMENT_SELECT,
    });
    await writeAudit(tx, {
      userId: actor.id,
      action: "CREATE",
      entity: "Appointment",
      entityId: created.id,
      before: null,
      after: { ...auditView(created), confirmedConflicts: conflicts.map((c) => c.id) },
    });
    return toDto(actor, created);
  });
}

/**
 * Edits an appointment loaded at `expected`. A save over someone else's newer save is refused with
 * the fields they changed (ConflictError); a time clash needs `confirmed`, re-checked here whatever
 * the form said.
 */
export async function updateAppointment(actor: Actor, id: number, expected: Expected, input: AppointmentInput, confirmed: boolean): Promise<AppointmentDto> {
  return transaction(async (tx) => {
    const row = await tx.appointment.findFirst({ where: { id }, select: APPOINTMENT_SELECT });
    if (!row) throw new NotAllowedError();
    authorize(actor, "appointment.edit", "Appointment", id, refOf(row));
    checkVersion("Appointment", id, expected, versionOfAppointment(row));
    const attendeeIds = input.attendeeIds.filter((uid) => uid !== row.ownerId);
    // Attendees already on the meeting stay; the actor answers for the ones they add.
    const current = new Set(row.attendees.map((a) => a.user.id));
    await checkAttendees(tx, actor, attendeeIds.filter((uid) => !current.has(uid)));
    const links = await resolveLinks(tx, actor, input.customerId, input.opportunityId);
    const conflicts = await conflictsFor(tx, actor, input, [row.ownerId, ...attendeeIds], id);
    if (conflicts.length > 0 && !confirmed) throw new AppointmentConflictError(conflicts.map((c) => c.dto));
    // The appointment row's versioned write comes before the attendee rows change: it serialises two saves.
    await writeAtVersion(
      "Appointment",
      id,
      expected,
      (version) =>
        tx.appointment.updateMany({
          where: { id, version },
          data: {
            title: input.title,
            location: input.location,
            startsAt: input.startsAt,
            endsAt: input.endsAt,
            allDay: input.allDay,
            timeZone: input.timeZone,
            ...links,
            version: { increment: 1 },
          },
        }),
      () => versionedAppointment(tx, id),
    );
    // The owner stays as an attendee row when the data has one (the demo data does).
    await tx.appointmentAttendee.deleteMany({ where: { appointmentId: id, userId: { notIn: [row.ownerId, ...attendeeIds] } } });
    await tx.appointmentAttendee.createMany({ data: attendeeIds.map((userId) => ({ appointmentId: id, userId })), skipDuplicates: true });
    const updated = await tx.appointment.findUniqueOrThrow({ where: { id }, select: APPOINTMENT_SELECT });
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Appointment", entityId: id, before: auditView(row), after: { ...auditView(updated), confirmedConflicts: conflicts.map((c) => c.id) } });
    return toDto(actor, updated);
  });
}

/**
 * The owner marks a meeting held. Decision: only once it has started (a meeting in the future cannot
 * have happened), and only once. With a linked customer, the meeting is logged as a SALES_VISIT
 * touchpoint (the Channel enum has no MEETING) at the meeting's start, and the linked deal's
 * lastActivityAt moves forward, in the same transaction as completedAt.
 */
export async function completeAppointment(actor: Actor, id: number, now = clockNow()): Promise<AppointmentDto> {
  return transaction(async (tx) => {
    const row = await tx.appointment.findFirst({
      where: { id },
      select: { ...APPOINTMENT_SELECT, customer: { select: { id: true, name: true, lastContactAt: true } }, opportunity: { select: { id: true, name: true, lastActivityAt: true } } },
    });
    if (!row) throw new NotAllowedError();
    authorize(actor, "appointment.edit", "Appointment", id, refOf(row));
    if (row.ownerId !== actor.id) throw new NotAllowedError({ userId: actor.id, action: "appointment.complete", entity: "Appointment", entityId: id });
    if (row.completedAt) throw new RuleError("calendar.errors.alreadyCompleted");
    if (row.startsAt.getTime() > now.getTime()) throw new RuleError("calendar.errors.notStarted");
    const { count } = await tx.appointment.updateMany({ where: { id, completedAt: null }, data: { completedAt: now, version: { increment: 1 } } });
    if (count === 0) throw new RuleError("calendar.errors.alreadyCompleted");
    await writeAudit(tx, { userId: actor.id, action: "UPDATE", entity: "Appointment", entityId: id, before: { completedAt: null }, after: { completedAt: now } });
    if (row.customer) {
      const occurredAt = row.startsAt;
      const summary = row.location ? `${row.title} (${row.location})` : row.title;
      const tp = await tx.touchpoint.create({
        data: { customerId: row.customer.id, channel: "SALES_VISIT", direction: "OUTBOUND", occurredAt, userId: actor.id, summary, opportunityId: row.opportunity?.id ?? null },
        select: { id: true },
      });
      await writeAudit(tx, {
        userId: actor.id,
        action: "CREATE",
        entity: "Touchpoint",
        entityId: tp.id,
        before: null,
        after: { customerId: row.customer.id, channel: "SALES_VISIT", direction: "OUTBOUND", occurredAt, summary, opportunityId: row.opportunity?.id ?? null, appointmentId: id },
      });
      if (!row.customer.lastContactAt || row.customer.lastContactAt < occurredAt) {
        await tx.customer.update({ where: { id: row.customer.id }, data: { lastContactAt: occurredAt } });
      }
      if (row.opportunity && row.opportunity.lastActivityAt < occurredAt) {
        // Activity stamp only (the stale-deal flag reads it); not an edit of the deal, so no version bump.
        await tx.opportunity.update({ where: { id: row.opportunity.id }, data: { lastActivityAt: occurredAt } });
      }
    }
    return toDto(actor, await tx.appointment.findUniqueOrThrow({ where: { id }, select: APPOINTMENT_SELECT }), now);
  });
}

import "server-only";
import { fieldValue, type Snapshot } from "@/lib/platform/concurrency";
import type { Actor } from "@/lib/platform/auth/permissions";
import { can } from "@/lib/platform/auth/permissions";
import type { CalendarWho } from "@/lib/calendar/rules/grid";
import { findConflicts, searchWindow, type Slot } from "@/lib/calendar/rules/overlap";
import type { Prisma } from "@/lib/generated/prisma/client";
import { now as clockNow } from "@/lib/platform/clock";
import { accessWhere, pickableUsers, type PickableUser, requirePickable } from "@/lib/platform/auth/scope-filters";
import { db, type Db, logDenial } from "@/lib/platform/db/prisma";
import { logReadDenied, requireRight } from "@/lib/platform/auth/guard";

export const APPOINTMENT_SELECT = {
  id: true,
  title: true,
  location: true,
  startsAt: true,
  endsAt: true,
  allDay: true,
  timeZone: true,
  ownerId: true,
  owner: { select: { id: true, name: true, teamId: true } },
  customer: { select: { id: true, name: true } },
  opportunity: { select: { id: true, name: true } },
  completedAt: true,
  version: true,
  attendees: { select: { user: { select: { id: true, name: true } } }, orderBy: { userId: "asc" } },
} as const satisfies Prisma.AppointmentSelect;

export type AppointmentRow = Prisma.AppointmentGetPayload<{ select: typeof APPOINTMENT_SELECT }>;

export type AppointmentDto = Slot & {
  id: number;
  /** Null when the viewer may only see that the time is taken (another team's meeting with a teammate). */
  title: string | null;
  location: string | null;
  owner: { id: number; name: string };
  /** Invited users, the owner not repeated. */
  attendees: { id: number; name: string }[];
  customer: { id: number; name: string } | null;
  opportunity: { id: number; name: string } | null;
  completedAt: Date | null;
  version: number;
  /** The fields the form edits, at `version` (empty for a busy-only view): posted back to explain a conflict. */
  snapshot: Snapshot;
  busyOnly: boolean;
  /** Has begun (as of loading): only then can it be marked as held. */
  started: boolean;
  canEdit: boolean;
  canComplete: boolean;
};

/**
 * One clashing entry, as the form lists it: what, who, when. An entry the actor may not read is only
 * "busy": no id and no title, just that the people are taken at that time.
 */
export type ConflictDto = {
  id: number | null;
  title: string | null;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  timeZone: string;
  /** The people of the new appointment that this entry keeps busy. */
  who: string[];
};

/** Create/edit found clashes and the user has not confirmed them yet. */
export class AppointmentConflictError extends Error {
  constructor(readonly conflicts: ConflictDto[]) {
    super("appointment conflict");
    this.name = "AppointmentConflictError";
  }
}

export const refOf = (row: { ownerId: number; owner: { teamId: number | null } }) => ({ ownerId: row.ownerId, ownerTeamId: row.owner.teamId });

function readable(actor: Actor, row: AppointmentRow): boolean {
  return can(actor, "appointment.read", refOf(row)) || row.attendees.some((a) => a.user.id === actor.id);
}

export function toDto(actor: Actor, row: AppointmentRow, now: Date = clockNow()): AppointmentDto {
  const busyOnly = !readable(actor, row);
  const canEdit = can(actor, "appointment.edit", refOf(row));
  return {
    id: row.id,
    title: busyOnly ? null : row.title,
    location: busyOnly ? null : row.location,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    allDay: row.allDay,
    timeZone: row.timeZone,
    owner: { id: row.owner.id, name: row.owner.name },
    attendees: busyOnly ? [] : row.attendees.map((a) => a.user).filter((u) => u.id !== row.ownerId),
    customer: busyOnly ? null : row.customer,
    opportunity: busyOnly ? null : row.opportunity,
    completedAt: row.completedAt,
    version: row.version,
    snapshot: busyOnly ? {} : appointmentSnapshot(row),
    busyOnly,
    started: row.startsAt.getTime() <= now.getTime(),
    canEdit,
    canComplete: canEdit && row.ownerId === actor.id && row.completedAt === null,
  };
}

/** Rows where any of `userIds` is owner or attendee and the stored range meets [from, to). */
function involvingWhere(userIds: number[], from: Date, to: Date): Prisma.AppointmentWhereInput {
  // startsAt < to AND endsAt > from uses the (startsAt, endsAt) index; the people filter uses
  // (ownerId, startsAt) and AppointmentAttendee(userId).
  return {
    startsAt: { lt: to },
    endsAt: { gt: from },
    OR: [{ ownerId: { in: userIds } }, { attendees: { some: { userId: { in: userIds } } } }],
  };
}

/**
 * The appointments of the chosen people between `from` and `to`: the actor's own, the whole team's
 * (managers; reps read-only, to avoid clashes) or one member's. A person outside the actor's reach is
 * refused and audited. Entries of the chosen people that the actor may not read show as busy only.
 */
export async function listAppointments(actor: Actor, who: CalendarWho, from: Date, to: Date): Promise<AppointmentDto[]> {
  await requireRight(actor, "appointment.read", "Appointment");
  const prisma = await db();
  let userIds: number[];
  if (who === "me") userIds = [actor.id];
  else if (who === "team") userIds = await calendarTeam(prisma, actor);
  else {
    try {
      await requirePickable(prisma, actor, "appointment.read", "Appointment", [who], { includeInactive: true });
    } catch (error) {
      await logDenial(prisma, error);
      throw error;
    }
    userIds = [who];
  }
  const rows = await prisma.appointment.findMany({
    where: involvingWhere(userIds, from, to),
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 1000,
    select: APPOINTMENT_SELECT,
  });
  // One instant for the whole list: every entry's "started" is judged at the same moment.
  const now = clockNow();
  return rows.map((r) => toDto(actor, r, now));
}

/** "My team" on the calendar: the actor's teammates whose calendars the actor may read (just the actor without a team). */
async function calendarTeam(client: Db, actor: Actor): Promise<number[]> {
  const rows = await client.user.findMany({
    where: { AND: [accessWhere(actor, "appointment.read", "User"), actor.teamId === null ? { id: actor.id } : { teamId: actor.teamId }] },
    select: { id: true },
  });
  return rows.map((u) => u.id);
}

/**
 * Whom the actor may invite (PERMISSIONS.md): an admin anyone, a manager the team and the admins,
 * reps and agents their own team. The attendee picker offers these and a save accepts only these.
 */
export const INVITE_ALSO = (actor: Actor): Prisma.UserWhereInput | undefined => (actor.role === "MANAGER" ? { role: "ADMIN" } : undefined);

export async function listInvitees(actor: Actor): Promise<PickableUser[]> {
  return pickableUsers(actor, "appointment.invite", { also: INVITE_ALSO(actor) });
}

/** The people whose calendars the actor may open (the calendar's "whose" picker). */
export async function listCalendarPeople(actor: Actor): Promise<PickableUser[]> {
  return pickableUsers(actor, "appointment.read");
}

/** One appointment; one the actor may not read answers like a missing one, and the refusal is logged. */
export async function getAppointment(actor: Actor, id: number): Promise<AppointmentDto | null> {
  const prisma = await db();
  const row = await prisma.appointment.findFirst({ where: { id }, select: APPOINTMENT_SELECT });
  if (!row) return null;
  if (!readable(actor, row)) {
    await logReadDenied(actor, "appointment.read", "Appointment", id);
    return null;
  }
  return toDto(actor, row);
}

/** A clash as the data layer knows it: the id is kept for the audit row even when the actor only sees "busy". */
type Clash = { id: number; dto: ConflictDto };

/**
 * The existing appointments that clash with `slot` for any of `participantIds` (as owner or attendee),
 * `excludeId` being the appointment under edit. The database narrows by range and people; the pure
 * overlap function decides (all-day days in their zone, back-to-back allowed). The participants are
 * people the actor may invite, and of their meetings the actor learns only what they may read.
 */
export async function conflictsFor(client: Db, actor: Actor, slot: Slot, participantIds: number[], excludeId: number | null): Promise<Clash[]> {
  const window = searchWindow(slot);
  const rows = await client.appointment.findMany({
    where: { ...involvingWhere(participantIds, window.from, window.to), ...(excludeId !== null ? { id: { not: excludeId } } : {}) },
    select: APPOINTMENT_SELECT,
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 200,
  });
  const wanted = new Set(participantIds);
  return findConflicts({ ...slot, id: excludeId }, rows).map((row) => {
    const people = [row.owner, ...row.attendees.map((a) => a.user)].filter((u, i, all) => wanted.has(u.id) && all.findIndex((x) => x.id === u.id) === i);
    const visible = readable(actor, row);
    return {
      id: row.id,
      dto: {
        id: visible ? row.id : null,
        title: visible ? row.title : null,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        allDay: row.allDay,
        timeZone: row.timeZone,
        who: people.map((u) => u.name),
      },
    };
  });
}

/** Links and attendees read by name, as the form shows them; times are ISO instants. */
export function appointmentSnapshot(row: AppointmentRow): Snapshot {
  return {
    title: row.title,
    location: fieldValue(row.location),
    startsAt: fieldValue(row.startsAt),
    endsAt: fieldValue(row.endsAt),
    allDay: fieldValue(row.allDay),
    timeZone: row.timeZone,
    customer: row.customer?.name ?? null,
    opportunity: row.opportunity?.name ?? null,
    attendees: fieldValue(row.attendees.filter((a) => a.user.id !== row.ownerId).map((a) => a.user.name)),
  };
}

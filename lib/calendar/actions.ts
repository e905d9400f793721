"use server";

import { z } from "zod";
import { AppointmentConflictError } from "@/lib/calendar/queries";
import { completeAppointment, createAppointment, updateAppointment } from "@/lib/calendar/mutations";
import { localDateOf } from "@/lib/platform/time-zone";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { expectedOf, idField, optionalIdField, snapshotField, yesFlag } from "@/lib/platform/form-fields";

import { appointmentInputSchema } from "@/lib/calendar/schema";

/** A clash as the form shows it (dates as ISO strings: action results cross the wire as JSON). */
export type ConflictView = { id: number | null; title: string | null; startsAt: string; endsAt: string; allDay: boolean; timeZone: string; who: string[] };

/** Clashing appointments come back as `conflicts`: the form lists them and offers "save anyway". */
export type AppointmentFormResult = FormResult<Record<never, never>, { conflicts: ConflictView[] }>;

const saveSchema = z.intersection(
  // The confirmation only counts for the clashes the user saw; the DAL re-checks in its transaction.
  z.object({ id: optionalIdField(), version: optionalIdField(), snapshot: snapshotField(), confirmConflicts: yesFlag() }),
  appointmentInputSchema,
);

export const saveAppointmentAction = formAction({
  name: "appointments.save",
  schema: saveSchema,
  messages: { conflict: "calendar.errors.conflict" },
  refuseOn: ["id", "version"],
  handler: async ({ id, version, snapshot, confirmConflicts, ...input }, user) => {
    try {
      if (id === null) await createAppointment(user, input, confirmConflicts);
      else if (version === null) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
      else await updateAppointment(user, id, expectedOf({ version, snapshot }), input, confirmConflicts);
    } catch (error) {
      if (!(error instanceof AppointmentConflictError)) throw error;
      const conflicts = error.conflicts.map((c) => ({ ...c, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString() }));
      return { ok: false, fieldErrors: {}, message: "calendar.conflicts.found", conflicts };
    }
    return { ok: true };
  },
  revalidate: ["/calendar", "/"],
  redirect: (input) => `/calendar?view=week&date=${localDateOf(input.startsAt, input.timeZone)}&saved=1`,
});

export const completeAppointmentAction = formAction({
  name: "appointments.complete",
  schema: z.object({ id: idField() }),
  refuseOn: ["id"],
  handler: async ({ id }, user) => {
    await completeAppointment(user, id);
    return { ok: true, message: "calendar.completed" };
  },
  revalidate: ({ id }) => ["/calendar", `/calendar/${id}`, "/"],
});

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { AppointmentConflictError, completeAppointment, createAppointment, updateAppointment } from "@/lib/dal/appointments";
import { ConflictError } from "@/lib/dal/errors";
import { localDateOf } from "@/lib/domain/calendar/zone";
import { type ConflictView as VersionConflict, expectedFromForm } from "@/lib/platform/concurrency";
import { appointmentInputSchema } from "@/lib/validation/appointment";
import { dalFailure, fieldErrorsOf } from "./form-result";

/** A clash as the form shows it (dates as ISO strings: action results cross the wire as JSON). */
export type ConflictView = { id: number; title: string | null; startsAt: string; endsAt: string; allDay: boolean; timeZone: string; who: string[] };

export type AppointmentFormResult =
  | { ok: true; message?: string }
  | {
      ok: false;
      fieldErrors: Record<string, string>;
      message: string | null;
      values?: Record<string, string>;
      attendeeIds?: number[];
      /** Clashing appointments: the form lists them and offers "save anyway". */
      conflicts?: ConflictView[];
      /** What someone else changed meanwhile (a stale save), for the conflict panel. */
      conflict?: VersionConflict;
    }
  | null;

const FIELDS = ["title", "location", "allDay", "start", "end", "timeZone", "customerId", "opportunityId"] as const;

const editTarget = z.coerce.number().int().positive();

export async function saveAppointmentAction(_prev: AppointmentFormResult, formData: FormData): Promise<AppointmentFormResult> {
  const user = await requireUser();
  const values: Record<string, string> = {};
  for (const name of FIELDS) {
    const v = formData.get(name);
    if (typeof v === "string") values[name] = v;
  }
  const rawAttendees = formData.getAll("attendeeIds").filter((v): v is string => typeof v === "string" && v !== "");
  const attendeeIds = rawAttendees.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const parsed = appointmentInputSchema.safeParse({ ...values, attendeeIds: rawAttendees });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "validation.fix", values, attendeeIds };
  // The confirmation only counts for the clashes the user saw; the DAL re-checks in its transaction.
  const confirmed = formData.get("confirmConflicts") === "yes";
  const isEdit = formData.get("id") !== null && formData.get("id") !== "";
  try {
    if (isEdit) {
      const target = editTarget.safeParse(formData.get("id"));
      const expected = expectedFromForm(formData);
      if (!target.success || !expected) return { ok: false, fieldErrors: {}, message: "errors.notAllowed", values, attendeeIds };
      await updateAppointment(user, target.data, expected, parsed.data, confirmed);
    } else {
      await createAppointment(user, parsed.data, confirmed);
    }
  } catch (error) {
    if (error instanceof AppointmentConflictError) {
      const conflicts = error.conflicts.map((c) => ({ ...c, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString() }));
      return { ok: false, fieldErrors: {}, message: "calendar.conflicts.found", values, attendeeIds, conflicts };
    }
    if (error instanceof ConflictError) return { ok: false, fieldErrors: {}, message: "calendar.errors.conflict", values, attendeeIds, conflict: error.toView() };
    return { ...dalFailure(error), values, attendeeIds };
  }
  revalidatePath("/calendar");
  revalidatePath("/");
  redirect(`/calendar?view=week&date=${localDateOf(parsed.data.startsAt, parsed.data.timeZone)}&saved=1`);
}

export async function completeAppointmentAction(_prev: AppointmentFormResult, formData: FormData): Promise<AppointmentFormResult> {
  const user = await requireUser();
  const id = z.coerce.number().int().positive().safeParse(formData.get("id"));
  if (!id.success) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  try {
    await completeAppointment(user, id.data);
  } catch (error) {
    return dalFailure(error);
  }
  revalidatePath("/calendar");
  revalidatePath(`/calendar/${id.data}`);
  revalidatePath("/");
  return { ok: true, message: "calendar.completed" };
}

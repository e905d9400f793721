import { z } from "zod";
import { rangeProblem } from "@/lib/calendar/rules/overlap";
import { addDays, instantOf, isValidTimeZone, parseDate, parseLocalDateTime } from "@/lib/platform/time-zone";
import { idField, optionalIdField, optionalText } from "@/lib/platform/form-fields";

/**
 * The form sends wall-clock times ("2026-11-23T09:00", or dates for all-day) plus the IANA zone they
 * are meant in (the browser's by default). The server turns them into UTC instants here, so what is
 * stored never depends on the server's own zone. All-day appointments are stored as local midnight
 * of the first day to local midnight after the last day, in their zone.
 */
export const appointmentInputSchema = z
  .object({
    title: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
    location: optionalText(200),
    allDay: z.unknown().optional().transform((v) => v === true || v === "on" || v === "true"),
    start: z.string().trim().min(1, "validation.required"),
    end: z.string().trim().optional().default(""),
    timeZone: z
      .string()
      .trim()
      .min(1, "validation.required")
      .refine((v) => isValidTimeZone(v), "calendar.errors.timeZone"),
    attendeeIds: z
      .array(idField())
      .max(50, "validation.tooLong")
      .optional()
      .default([])
      .transform((ids) => [...new Set(ids)]),
    customerId: optionalIdField(),
    opportunityId: optionalIdField(),
  })
  .transform((v, ctx) => {
    let startsAt: Date | null = null;
    let endsAt: Date | null = null;
    if (v.allDay) {
      const first = parseDate(v.start.slice(0, 10));
      const last = v.end ? parseDate(v.end.slice(0, 10)) : first;
      if (!first) ctx.addIssue({ code: "custom", path: ["start"], message: "calendar.errors.date" });
      if (!last) ctx.addIssue({ code: "custom", path: ["end"], message: "calendar.errors.date" });
      if (first && last && isValidTimeZone(v.timeZone)) {
        startsAt = instantOf({ ...first, hour: 0, minute: 0 }, v.timeZone);
        endsAt = instantOf({ ...addDays(last, 1), hour: 0, minute: 0 }, v.timeZone);
      }
    } else {
      const s = parseLocalDateTime(v.start);
      const e = parseLocalDateTime(v.end);
      if (!s) ctx.addIssue({ code: "custom", path: ["start"], message: "calendar.errors.date" });
      if (!e) ctx.addIssue({ code: "custom", path: ["end"], message: v.end ? "calendar.errors.date" : "validation.required" });
      if (s && e && isValidTimeZone(v.timeZone)) {
        startsAt = instantOf(s, v.timeZone);
        endsAt = instantOf(e, v.timeZone);
      }
    }
    if (startsAt && endsAt && rangeProblem({ startsAt, endsAt, allDay: v.allDay })) {
      ctx.addIssue({ code: "custom", path: ["end"], message: "calendar.errors.endBeforeStart" });
    }
    return {
      title: v.title,
      location: v.location,
      allDay: v.allDay,
      timeZone: v.timeZone,
      startsAt: startsAt ?? new Date(Number.NaN),
      endsAt: endsAt ?? new Date(Number.NaN),
      attendeeIds: v.attendeeIds,
      customerId: v.customerId,
      opportunityId: v.opportunityId,
    };
  });

export type AppointmentInput = z.output<typeof appointmentInputSchema>;

import { z } from "zod";
import { idField, optionalIdField, optionalText } from "@/lib/platform/form-fields";

export const optionalId = optionalIdField();

/** An instant sent by the browser as ISO (it converts the user's local input; the server stores UTC). */
const instant = (required: boolean) =>
  z.unknown().optional().transform((v, ctx) => {
      if (v === "" || v === null || v === undefined) {
        if (required) ctx.addIssue({ code: "custom", message: "validation.required" });
        return null;
      }
      const d = v instanceof Date ? v : typeof v === "string" ? new Date(v) : new Date(Number.NaN);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: "custom", message: "calendar.errors.date" });
        return null;
      }
      return d;
    });

export const taskInputSchema = z
  .object({
    title: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
    notes: optionalText(5000),
    dueAt: instant(true),
    reminderAt: instant(false),
    customerId: optionalId,
    opportunityId: optionalId,
    /** Whose task: managers plan their team's; empty means "mine". */
    ownerId: optionalId,
  })
  .superRefine((v, ctx) => {
    if (v.dueAt && v.reminderAt && v.reminderAt.getTime() > v.dueAt.getTime()) {
      ctx.addIssue({ code: "custom", path: ["reminderAt"], message: "tasks.errors.reminderAfterDue" });
    }
  })
  .transform((v) => ({ ...v, dueAt: v.dueAt as Date }));

export type TaskInput = z.infer<typeof taskInputSchema>;

export const taskStatusSchema = z.object({
  id: idField(),
  done: z.enum(["yes", "no"]).transform((v) => v === "yes"),
});

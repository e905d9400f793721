"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { ConflictError } from "@/lib/dal/errors";
import { createTask, setTaskDone, updateTask } from "@/lib/dal/tasks";
import { type ConflictView, expectedFromForm } from "@/lib/platform/concurrency";
import { taskInputSchema, taskStatusSchema } from "@/lib/validation/task";
import { dalFailure, fieldErrorsOf } from "./form-result";

export type TaskFormResult =
  | { ok: true; message?: string }
  | {
      ok: false;
      fieldErrors: Record<string, string>;
      message: string | null;
      /** What was submitted, shown again (React resets uncontrolled forms after an action). */
      values?: Record<string, string>;
      /** What someone else changed meanwhile, for the conflict panel. */
      conflict?: ConflictView;
    }
  | null;

const FIELDS = ["title", "notes", "dueAt", "reminderAt", "customerId", "opportunityId", "ownerId"] as const;

function valuesOf(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...FIELDS, "dueAtLocal", "reminderAtLocal"]) {
    const v = formData.get(name);
    if (typeof v === "string") out[name] = v;
  }
  return out;
}

const editTarget = z.coerce.number().int().positive();

export async function saveTaskAction(_prev: TaskFormResult, formData: FormData): Promise<TaskFormResult> {
  const user = await requireUser();
  const values = valuesOf(formData);
  const parsed = taskInputSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "validation.fix", values };
  const isEdit = formData.get("id") !== null && formData.get("id") !== "";
  try {
    if (isEdit) {
      const target = editTarget.safeParse(formData.get("id"));
      const expected = expectedFromForm(formData);
      if (!target.success || !expected) return { ok: false, fieldErrors: {}, message: "errors.notAllowed", values };
      await updateTask(user, target.data, expected, parsed.data);
    } else {
      await createTask(user, parsed.data);
    }
  } catch (error) {
    if (error instanceof ConflictError) return { ok: false, fieldErrors: {}, message: "tasks.errors.conflict", values, conflict: error.toView() };
    return { ...dalFailure(error), values };
  }
  revalidatePath("/tasks");
  revalidatePath("/");
  redirect(`/tasks?saved=1`);
}

export async function setTaskDoneAction(_prev: TaskFormResult, formData: FormData): Promise<TaskFormResult> {
  const user = await requireUser();
  const parsed = taskStatusSchema.safeParse({ id: formData.get("id"), done: formData.get("done") });
  if (!parsed.success) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  try {
    // The list row's version when it posts one (a stale row is refused); the button works without.
    await setTaskDone(user, parsed.data.id, parsed.data.done, expectedFromForm(formData) ?? undefined);
  } catch (error) {
    return dalFailure(error);
  }
  revalidatePath("/tasks");
  revalidatePath("/");
  return { ok: true, message: parsed.data.done ? "tasks.completed" : "tasks.reopened" };
}

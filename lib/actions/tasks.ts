"use server";

import { z } from "zod";
import { createTask, setTaskDone, updateTask } from "@/lib/dal/tasks";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { optionalIdField } from "@/lib/platform/ids";
import { taskInputSchema, taskStatusSchema } from "@/lib/validation/task";

export type TaskFormResult = FormResult;

/**
 * The task being edited and its concurrency token (its updatedAt as loaded, an ISO instant): a token
 * that is not an instant is not from our form, and must not reach the database as an Invalid Date.
 */
const editTarget = z.object({ id: optionalIdField(), token: z.union([z.literal(""), z.iso.datetime()]).optional() });

export const saveTaskAction = formAction({
  name: "tasks.save",
  schema: z.intersection(editTarget, taskInputSchema),
  messages: { conflict: "tasks.errors.conflict" },
  refuseOn: ["id", "token"],
  handler: async ({ id, token, ...input }, user) => {
    if (id === null) await createTask(user, input);
    else if (!token) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
    else await updateTask(user, id, token, input);
    return { ok: true };
  },
  revalidate: ["/tasks", "/"],
  redirect: () => "/tasks?saved=1",
});

export const setTaskDoneAction = formAction({
  name: "tasks.setDone",
  schema: taskStatusSchema,
  refuseOn: ["id", "done"],
  handler: async ({ id, done }, user) => {
    await setTaskDone(user, id, done);
    return { ok: true, message: done ? "tasks.completed" : "tasks.reopened" };
  },
  revalidate: ["/tasks", "/"],
});

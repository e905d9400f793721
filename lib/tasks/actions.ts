"use server";

import { z } from "zod";
import { createTask, setTaskDone, updateTask } from "@/lib/tasks/mutations";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { expectedOf, optionalIdField, snapshotField } from "@/lib/platform/form-fields";

import { taskInputSchema, taskStatusSchema } from "@/lib/tasks/schema";

export type TaskFormResult = FormResult;

/** The task being edited, the version it was loaded at and what the form showed (lib/platform/concurrency.ts). */
const editTarget = z.object({ id: optionalIdField(), version: optionalIdField(), snapshot: snapshotField() });

export const saveTaskAction = formAction({
  name: "tasks.save",
  schema: z.intersection(editTarget, taskInputSchema),
  messages: { conflict: "tasks.errors.conflict" },
  refuseOn: ["id", "version"],
  handler: async ({ id, version, snapshot, ...input }, user) => {
    if (id === null) await createTask(user, input);
    else if (version === null) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
    else await updateTask(user, id, expectedOf({ version, snapshot }), input);
    return { ok: true };
  },
  revalidate: ["/tasks", "/"],
  redirect: () => "/tasks?saved=1",
});

export const setTaskDoneAction = formAction({
  name: "tasks.setDone",
  // The list row's version when it posts one (a stale row is refused); the button works without.
  schema: taskStatusSchema.extend({ version: optionalIdField(), snapshot: snapshotField() }),
  messages: { conflict: "tasks.errors.conflict" },
  refuseOn: ["id", "done", "version"],
  handler: async ({ id, done, version, snapshot }, user) => {
    await setTaskDone(user, id, done, version === null ? undefined : expectedOf({ version, snapshot }));
    return { ok: true, message: done ? "tasks.completed" : "tasks.reopened" };
  },
  revalidate: ["/tasks", "/"],
});

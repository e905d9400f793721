"use server";

import { z } from "zod";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { expectedOf, idField, optionalIdField, snapshotField } from "@/lib/platform/form-fields";
import { deleteReplyTemplate, replyTemplateInputSchema, saveReplyTemplate } from "@/lib/tickets/templates";

export type ReplyTemplateFormResult = FormResult;

const MESSAGES = { invalid: "service.errors.fixFields", conflict: "service.templates.errors.conflict" };
const PAGE = "/admin/reply-templates";

export const saveReplyTemplateAction = formAction({
  name: "tickets.saveReplyTemplate",
  // An edit carries the version it was loaded at and what the form showed (lib/platform/concurrency.ts).
  schema: replyTemplateInputSchema.extend({ id: optionalIdField(), version: optionalIdField(), snapshot: snapshotField() }),
  messages: MESSAGES,
  refuseOn: ["id", "version"],
  handler: async ({ id, version, snapshot, ...input }, user) => {
    if (id !== null && version === null) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
    await saveReplyTemplate(user, { ...input, id }, version === null ? undefined : expectedOf({ version, snapshot }));
    return { ok: true, message: "service.templates.saved" };
  },
  revalidate: [PAGE],
  // Back to the list the template belongs to, editor closed: the list shows the saved text.
  redirect: ({ category }) => `${PAGE}?category=${category}&saved=1`,
});

export const deleteReplyTemplateAction = formAction({
  name: "tickets.deleteReplyTemplate",
  schema: z.object({ id: idField(), version: idField(), snapshot: snapshotField() }),
  messages: MESSAGES,
  refuseOn: ["id", "version"],
  handler: async ({ id, version, snapshot }, user) => {
    await deleteReplyTemplate(user, id, expectedOf({ version, snapshot }));
    return { ok: true, message: "service.templates.deleted" };
  },
  revalidate: [PAGE],
  redirect: () => `${PAGE}?deleted=1`,
});

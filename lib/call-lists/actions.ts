"use server";

import { formAction, type FormResult } from "@/lib/platform/form-action";
import { expectedOf } from "@/lib/platform/form-fields";
import { buildCallList, changeListStatus, recordCallOutcome, setListAgents, takeNextCall } from "@/lib/call-lists/mutations";
import { buildCallListSchema, callOutcomeSchema, listAgentsSchema, listStatusSchema, nextCallSchema } from "@/lib/call-lists/schema";

export type CallListFormResult = FormResult<{ id?: number; entryId?: number | null }>;

const MESSAGES = { invalid: "callLists.errors.fixFields", conflict: "callLists.errors.conflict" };

export const buildCallListAction = formAction({
  name: "callLists.build",
  schema: buildCallListSchema,
  messages: MESSAGES,
  handler: async (input, user) => ({ ok: true, id: (await buildCallList(user, input)).id }),
  revalidate: ["/call-lists"],
  redirect: (_input, result) => `/call-lists/${result.id}?built=1`,
});

export const nextCallAction = formAction({
  name: "callLists.nextCall",
  schema: nextCallSchema,
  messages: MESSAGES,
  refuseOn: ["listId"],
  handler: async ({ listId }, user) => {
    const next = await takeNextCall(user, listId);
    return next ? { ok: true, entryId: next.entryId } : { ok: true, entryId: null, message: "callLists.queue.nothingDue" };
  },
  revalidate: ["/call-lists/queue"],
});

export const recordCallOutcomeAction = formAction({
  name: "callLists.recordOutcome",
  schema: callOutcomeSchema,
  messages: MESSAGES,
  refuseOn: ["entryId", "version"],
  handler: async (input, user) => {
    await recordCallOutcome(user, input);
    return { ok: true, message: "callLists.queue.logged" };
  },
  revalidate: [{ path: "/call-lists", type: "layout" }],
});

export const changeListStatusAction = formAction({
  name: "callLists.changeStatus",
  schema: listStatusSchema,
  messages: MESSAGES,
  refuseOn: ["id", "version", "status"],
  handler: async ({ id, version, snapshot, status }, user) => {
    await changeListStatus(user, id, expectedOf({ version, snapshot }), status);
    return { ok: true, message: "callLists.statusChanged" };
  },
  revalidate: ({ id }) => [`/call-lists/${id}`, "/call-lists"],
});

export const setListAgentsAction = formAction({
  name: "callLists.setAgents",
  schema: listAgentsSchema,
  messages: MESSAGES,
  refuseOn: ["id", "version"],
  handler: async ({ id, version, snapshot, agentIds }, user) => {
    await setListAgents(user, id, expectedOf({ version, snapshot }), agentIds);
    return { ok: true, message: "callLists.agentsSaved" };
  },
  revalidate: ({ id }) => [`/call-lists/${id}`, "/call-lists"],
});

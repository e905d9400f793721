"use server";

import { dataAction, formAction, type ActionResult, type FormResult } from "@/lib/platform/form-action";
import { expectedOf } from "@/lib/platform/form-fields";
import { MAX_ID } from "@/lib/platform/id-param";
import { addStaticMembers, createSegment, readCustomerCsv, createStaticSegment, deleteSegment, importDefinition, refreshSegment, removeStaticMembers, updateSegment } from "@/lib/segments/mutations";
import { previewRule } from "@/lib/segments/queries";
import { parseRule, type RuleIssue } from "@/lib/segments/rules/rule";
import {
  createSegmentSchema,
  importDefinitionSchema,
  jsonValue,
  previewSegmentSchema,
  segmentIdSchema,
  segmentVersionSchema,
  staticFromCsvSchema,
  staticFromIdsSchema,
  staticMembersCsvSchema,
  staticMembersSchema,
  updateSegmentSchema,
  SEGMENT_IDS_MAX,
} from "@/lib/segments/schema";

export type SegmentFormResult = FormResult<{ id?: number; memberCount?: number; joined?: number; left?: number; added?: number; unmatched?: string[]; removed?: number }>;

export type SegmentPreview = Awaited<ReturnType<typeof previewRule>>;

const LIST = "/segments";
const MESSAGES = { invalid: "segments.errors.fix", conflict: "segments.errors.conflict" };

/**
 * The live preview of the editor. A half-built rule is the normal state while someone types, so its
 * issues are the answer (each naming its condition), never an error; only a valid rule reaches the
 * database.
 */
export const previewSegmentAction = dataAction({
  name: "segments.preview",
  schema: previewSegmentSchema,
  refuseOn: ["segmentId"],
  handler: async (input, user) => {
    const parsed = parseRule(jsonValue(input.rule));
    if (!parsed.ok) return { ok: false as const, fieldErrors: {}, message: "segments.preview.invalid", issues: parsed.issues };
    const preview = await previewRule(user, parsed.rule, input.segmentId === null ? undefined : { segmentId: input.segmentId });
    return { ok: true as const, preview };
  },
});

export type PreviewResult = ActionResult<{ ok: true; preview: SegmentPreview } | { ok: false; fieldErrors: Record<string, string>; message: string; issues: RuleIssue[] }>;

export const createSegmentAction = formAction({
  name: "segments.create",
  schema: createSegmentSchema,
  messages: MESSAGES,
  handler: async (input, user) => {
    const created = await createSegment(user, input);
    return { ok: true, message: "segments.saved.created", id: created.id, memberCount: created.memberCount };
  },
  revalidate: [LIST],
  redirect: (_input, result) => `${LIST}/${result.id}?created=1`,
});

export const updateSegmentAction = formAction({
  name: "segments.update",
  schema: updateSegmentSchema,
  messages: MESSAGES,
  refuseOn: ["id", "version"],
  handler: async ({ id, version, snapshot, ...input }, user) => {
    const outcome = await updateSegment(user, id, expectedOf({ version, snapshot }), input);
    return { ok: true, message: "segments.saved.updated", memberCount: outcome.memberCount, joined: outcome.joined, left: outcome.left };
  },
  revalidate: ({ id }) => [LIST, `${LIST}/${id}`],
});

export const deleteSegmentAction = formAction({
  name: "segments.delete",
  schema: segmentVersionSchema,
  messages: MESSAGES,
  refuseOn: ["id", "version"],
  handler: async ({ id, version, snapshot }, user) => {
    await deleteSegment(user, id, expectedOf({ version, snapshot }));
    return { ok: true, message: "segments.saved.deleted" };
  },
  revalidate: [LIST],
  redirect: () => `${LIST}?deleted=1`,
});

export const refreshSegmentAction = formAction({
  name: "segments.refresh",
  schema: segmentIdSchema,
  messages: MESSAGES,
  refuseOn: ["id"],
  handler: async ({ id }, user) => {
    const outcome = await refreshSegment(user, id);
    return { ok: true, message: "segments.saved.refreshed", memberCount: outcome.memberCount, joined: outcome.joined, left: outcome.left };
  },
  revalidate: ({ id }) => [LIST, `${LIST}/${id}`],
});

/** A frozen list from a CSV of customer ids or external ids (read by the browser, posted as text). */
export const createStaticFromCsvAction = formAction({
  name: "segments.createStaticFromCsv",
  schema: staticFromCsvSchema,
  messages: MESSAGES,
  handler: async ({ name, description, csv }, user) => {
    const created = await createStaticSegment(user, { name, description, csv });
    return { ok: true, message: "segments.saved.staticCreated", id: created.id, added: created.added, unmatched: created.unmatched };
  },
  revalidate: [LIST],
});

/** A frozen list from a selection (the customer list's checked rows). */
export const createStaticFromIdsAction = formAction({
  name: "segments.createStaticFromIds",
  schema: staticFromIdsSchema,
  messages: MESSAGES,
  handler: async ({ name, description, ids }, user) => {
    const created = await createStaticSegment(user, { name, description, customerIds: ids });
    return { ok: true, message: "segments.saved.staticCreated", id: created.id, added: created.added, unmatched: created.unmatched };
  },
  revalidate: [LIST, "/customers"],
});

export const addStaticMembersAction = formAction({
  name: "segments.addStaticMembers",
  schema: staticMembersSchema,
  messages: MESSAGES,
  refuseOn: ["id"],
  handler: async ({ id, ids }, user) => {
    const added = await addStaticMembers(user, id, ids);
    return { ok: true, message: "segments.saved.membersAdded", added };
  },
  revalidate: ({ id }) => [LIST, `${LIST}/${id}`],
});

/**
 * Members added to a static list from a CSV of customer ids (the file read by the browser). Values
 * that are no customer id are reported back, like customers the user may not see or deleted ones.
 */
export const addStaticMembersFromCsvAction = formAction({
  name: "segments.addStaticMembersFromCsv",
  schema: staticMembersCsvSchema,
  messages: MESSAGES,
  refuseOn: ["id"],
  handler: async ({ id, csv }, user) => {
    const read = readCustomerCsv(csv);
    const values = [...read.ids, ...read.values, ...read.externalIds];
    const isId = (v: string) => /^\d{1,10}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_ID;
    const ids = [...new Set(values.filter(isId).map(Number))];
    if (ids.length === 0) return { ok: false, fieldErrors: { csv: "segments.validation.csvNoIds" }, message: "segments.errors.fix" };
    if (ids.length > SEGMENT_IDS_MAX) return { ok: false, fieldErrors: { csv: "segments.validation.tooManyCustomers" }, message: "segments.errors.fix" };
    const added = await addStaticMembers(user, id, ids);
    return { ok: true, message: "segments.saved.membersAdded", added, unmatched: values.filter((v) => !isId(v)) };
  },
  revalidate: ({ id }) => [LIST, `${LIST}/${id}`],
});

export const removeStaticMembersAction = formAction({
  name: "segments.removeStaticMembers",
  schema: staticMembersSchema,
  messages: MESSAGES,
  refuseOn: ["id"],
  handler: async ({ id, ids }, user) => {
    const removed = await removeStaticMembers(user, id, ids);
    return { ok: true, message: "segments.saved.membersRemoved", removed };
  },
  revalidate: ({ id }) => [LIST, `${LIST}/${id}`],
});

/** An exported definition (JSON read by the browser); the data layer checks its format, version and rule. */
export const importDefinitionAction = formAction({
  name: "segments.import",
  schema: importDefinitionSchema,
  messages: MESSAGES,
  handler: async ({ json, name }, user) => {
    const parsed = jsonValue(json);
    if (parsed === undefined) return { ok: false, fieldErrors: { json: "segments.errors.importFormat" }, message: "segments.errors.importFormat" };
    const created = await importDefinition(user, parsed, name ? { name } : undefined);
    return { ok: true, message: "segments.saved.imported", id: created.id };
  },
  revalidate: [LIST],
  redirect: (_input, result) => `${LIST}/${result.id}?imported=1`,
});

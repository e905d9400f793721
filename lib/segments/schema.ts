import { z } from "zod";
import { idField, optionalIdField, snapshotField, versionField } from "@/lib/platform/form-fields";
import { ruleSchema } from "@/lib/segments/rules/rule";

/**
 * The inputs of the segment actions (lib/segments/actions.ts), shared with the forms. A rule travels
 * as one JSON text field (the editor serialises its tree into a hidden input); files (a CSV of
 * customers, an exported definition) are read by the browser and posted as text, since the form
 * decoder accepts no file parts.
 */

export const SEGMENT_NAME_MAX = 120;
export const SEGMENT_DESCRIPTION_MAX = 1000;
/** A CSV or definition posted as text: below the decoder's per-value limit, so this message wins. */
export const SEGMENT_UPLOAD_MAX = 90_000;
/** Customers per selection or removal: a page of the customer list is at most a few hundred. */
export const SEGMENT_IDS_MAX = 5_000;

const name = () => z.string({ message: "segments.validation.name" }).trim().min(1, "segments.validation.name").max(SEGMENT_NAME_MAX, "validation.tooLong");
const description = () =>
  z
    .string()
    .trim()
    .max(SEGMENT_DESCRIPTION_MAX, "validation.tooLong")
    .optional()
    .transform((v) => (v ? v : null));

/** JSON text (a form) or the object itself (a client call); unparsable text is "no rule" for the rule's own messages. */
export function jsonValue(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** The rule field: JSON text parsed and validated node by node; issues are keyed `rule.2.1` (the condition's position). */
export const ruleField = () => z.preprocess(jsonValue, ruleSchema);

export const segmentKindField = () => z.enum(["DYNAMIC", "STATIC"], { message: "segments.validation.kind" });

/** The live preview: the rule may be half-built; its issues are an answer, not an error. */
export const previewSegmentSchema = z.object({
  rule: z.unknown(),
  segmentId: optionalIdField(),
});

export const createSegmentSchema = z.object({
  name: name(),
  description: description(),
  kind: segmentKindField(),
  rule: ruleField(),
});

export const updateSegmentSchema = z.object({
  id: idField(),
  version: versionField(),
  snapshot: snapshotField(),
  name: name(),
  description: description(),
  rule: ruleField(),
});

export const segmentVersionSchema = z.object({ id: idField(), version: versionField(), snapshot: snapshotField() });

export const segmentIdSchema = z.object({ id: idField() });

const idList = () => z.array(idField(), { message: "segments.validation.selectCustomers" }).min(1, "segments.validation.selectCustomers").max(SEGMENT_IDS_MAX, "segments.validation.tooManyCustomers");

const upload = (required: string) => z.string({ message: required }).trim().min(1, required).max(SEGMENT_UPLOAD_MAX, "segments.validation.fileTooLarge");

export const staticFromCsvSchema = z.object({
  name: name(),
  description: description(),
  csv: upload("segments.validation.csvRequired"),
});

export const staticFromIdsSchema = z.object({
  name: name(),
  description: description(),
  ids: idList(),
});

export const staticMembersSchema = z.object({
  id: idField(),
  ids: idList(),
});

/** Customers to add to a static list, as a CSV (or pasted list) of customer ids. */
export const staticMembersCsvSchema = z.object({
  id: idField(),
  csv: upload("segments.validation.csvRequired"),
});

export const importDefinitionSchema = z.object({
  json: upload("segments.validation.jsonRequired"),
  name: z
    .string()
    .trim()
    .max(SEGMENT_NAME_MAX, "validation.tooLong")
    .optional()
    .transform((v) => (v ? v : undefined)),
});

import { z } from "zod";
import { CallListStatus, CallOutcome } from "@/lib/platform/enums";
import { blankAsMissing, idField, optionalIdField, optionalText, snapshotField, versionField } from "@/lib/platform/form-fields";
import { instantOf, isValidTimeZone, parseLocalDateTime } from "@/lib/platform/time-zone";

/**
 * The inputs of the call-list actions (lib/call-lists/actions.ts), shared with the forms. Messages are
 * i18n keys; call-list ones live under callLists.validation.*.
 */

export const LIST_NAME_MAX = 160;
export const SCRIPT_MAX = 5000;
export const MAX_ATTEMPTS_LIMIT = 10;
/** Retry delay bounds: 5 minutes to a week. */
export const RETRY_MINUTES_MIN = 5;
export const RETRY_MINUTES_MAX = 10_080;
export const MAX_AGENTS = 100;

const wholeNumber = (min: number, max: number, message: string) =>
  z.coerce.number({ message }).int(message).min(min, message).max(max, message);

export const buildCallListSchema = z
  .object({
    name: z.string({ message: "callLists.validation.name" }).trim().min(1, "callLists.validation.name").max(LIST_NAME_MAX, "validation.tooLong"),
    source: z.enum(["campaign", "segment"], { message: "callLists.validation.source" }),
    campaignId: optionalIdField("callLists.validation.campaign"),
    segmentId: optionalIdField("callLists.validation.segment"),
    script: optionalText(SCRIPT_MAX).transform((v) => v ?? ""),
    maxAttempts: blankAsMissing(wholeNumber(1, MAX_ATTEMPTS_LIMIT, "callLists.validation.maxAttempts").optional()).transform((v) => v ?? 3),
    retryMinutes: blankAsMissing(wholeNumber(RETRY_MINUTES_MIN, RETRY_MINUTES_MAX, "callLists.validation.retryMinutes").optional()).transform((v) => v ?? 120),
    agentIds: z
      .array(idField("callLists.validation.agents"), { message: "callLists.validation.agents" })
      .max(MAX_AGENTS, "validation.range")
      .optional()
      .transform((v) => [...new Set(v ?? [])]),
  })
  .refine((v) => v.source !== "campaign" || v.campaignId !== null, { path: ["campaignId"], message: "callLists.validation.campaign" })
  .refine((v) => v.source !== "segment" || v.segmentId !== null, { path: ["segmentId"], message: "callLists.validation.segment" })
  .refine((v) => v.agentIds.length > 0, { path: ["agentIds"], message: "callLists.validation.agents" });
export type BuildCallListInput = z.infer<typeof buildCallListSchema>;

/** "Next call": from one list, or (no list) from every list the user may work. */
export const nextCallSchema = z.object({ listId: optionalIdField() });

export const callOutcomeSchema = z
  .object({
    entryId: idField(),
    version: versionField(),
    outcome: z.enum(CallOutcome, { message: "callLists.validation.outcome" }),
    /** datetime-local text, read in `timeZone` (the agent's browser zone); only for a callback. */
    callbackAt: z.string().trim().max(40).optional(),
    timeZone: z.string().trim().max(64).optional(),
    notes: optionalText(2000),
  })
  .transform((v, ctx) => {
    let callbackAt: Date | null = null;
    if (v.outcome === "CALLBACK") {
      const wall = v.callbackAt ? parseLocalDateTime(v.callbackAt) : null;
      const zone = v.timeZone && isValidTimeZone(v.timeZone) ? v.timeZone : "UTC";
      if (!wall) ctx.addIssue({ code: "custom", path: ["callbackAt"], message: "callLists.validation.callbackAt" });
      else callbackAt = instantOf(wall, zone);
    }
    return { entryId: v.entryId, version: v.version, outcome: v.outcome, callbackAt, notes: v.notes };
  });
export type CallOutcomeInput = z.output<typeof callOutcomeSchema>;

export const listStatusSchema = z.object({
  id: idField(),
  version: versionField(),
  snapshot: snapshotField(),
  status: z.enum(CallListStatus, { message: "validation.choose" }),
});

export const listAgentsSchema = z.object({
  id: idField(),
  version: versionField(),
  snapshot: snapshotField(),
  agentIds: z
    .array(idField("callLists.validation.agents"), { message: "callLists.validation.agents" })
    .max(MAX_AGENTS, "validation.range")
    .optional()
    .transform((v) => [...new Set(v ?? [])]),
});

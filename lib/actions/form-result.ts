import type { z } from "zod";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/dal/errors";
import type { ConflictView } from "@/lib/platform/concurrency";

/**
 * What a form gets back from an action: messages are i18n keys the form translates. `conflict` is
 * set when a stale save was refused: the fields someone else changed, for the conflict panel.
 */
export type FormFailure = { ok: false; fieldErrors: Record<string, string>; message: string | null; conflict?: ConflictView };

/** Zod issues keyed by their dotted path ("pyramid.vip"), the first message per field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "form";
    out[key] ??= issue.message;
  }
  return out;
}

/** Refusals and rule errors from the DAL become form failures; anything else is a real error. */
export function dalFailure(error: unknown): FormFailure {
  if (error instanceof NotAllowedError) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
  if (error instanceof ConflictError) return { ok: false, fieldErrors: {}, message: "errors.conflict", conflict: error.toView() };
  if (error instanceof RuleError) return { ok: false, fieldErrors: error.field ? { [error.field]: error.message } : {}, message: error.field ? null : error.message };
  throw error;
}

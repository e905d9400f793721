import "server-only";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getCurrentUser, requireUser, type SessionUser } from "@/lib/platform/auth/session";
import { ConflictError, NotAllowedError, RuleError } from "@/lib/platform/errors";
import type { ConflictView } from "./concurrency";
import { decodeFormData, type FormValues, isSafeKey, schemaPaths } from "./form-data";

/**
 * The one server-action factory. Every action (lib/<feature>/actions.ts) is built here, and always in this order:
 *   1. the session (before a single byte of input is decoded: an anonymous POST learns nothing and
 *      costs nothing),
 *   2. the input: FormData through the one safe decoder (./form-data.ts), then the action's zod schema,
 *   3. the data layer, whose refusals, conflicts and rule errors become one FormResult,
 *   4. revalidation and redirect, only after success.
 * Anything else thrown is logged and answered with a generic failure: bad input never becomes a 500.
 * Server actions are public POST endpoints; the permission check itself stays in the data layer.
 */

export type { FormValues } from "./form-data";

/**
 * A stale save, as the conflict panel shows it: the version stored now, the fields another person
 * changed (what the editor saw / what is stored now) and the record as saved now. The data layer
 * computes it once, the same way for every entity (lib/platform/concurrency.ts), and the
 * ConflictError carries it here.
 */
export type ConflictDetails = ConflictView;

type NoData = Record<never, never>;

export type FormSuccess<D extends object = NoData> = { ok: true; message?: string } & D;

export type FormFailure<X extends object = NoData> = {
  ok: false;
  /** i18n keys by field path (`pyramid.vip`); `form` for the form as a whole. */
  fieldErrors: Record<string, string>;
  /** i18n key of the message above the form, if any. */
  message: string | null;
  /** What was submitted, so the form shows it again. */
  values?: FormValues;
  /** Repeated fields (multi-selects), likewise. */
  lists?: Record<string, string[]>;
  conflict?: ConflictDetails;
} & Partial<X>;

/**
 * What every action answers (`null` is a form's state before its first submission). `D` is what a
 * success carries besides its message (a new id, a count), `X` what a failure may carry besides the
 * common fields (duplicate candidates, clashing appointments).
 */
export type FormResult<D extends object = NoData, X extends object = NoData> = FormSuccess<D> | FormFailure<X> | null;

/** What a handler returns: a success, or a failure it decided itself (the data layer's are thrown). */
export type HandlerOutcome =
  | { ok: true; message?: string }
  | { ok: false; fieldErrors: Record<string, string>; message: string | null };

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type FailureExtras<R> = R extends { ok: false } ? Omit<R, keyof FormFailure> : never;

/** The result type of an action whose handler returns `R`. */
export type ActionResult<R> = Extract<R, { ok: true }> | (FormFailure & Partial<UnionToIntersection<FailureExtras<R>>>) | null;

export type RevalidateTarget = string | { path: string; type: "layout" | "page" };

type Spec<S extends z.ZodType, R extends HandlerOutcome, U> = {
  /** Unique, for the registry (`customers.create`). */
  name: string;
  schema: S;
  /** Runs once the input is valid; throws the data layer's errors, or returns a failure it decided. */
  handler: (input: z.output<S>, user: U) => Promise<R>;
  messages?: {
    /** Shown above the fields when the input is invalid (default `validation.fix`). */
    invalid?: string | null;
    /** Shown on a stale save (default `errors.conflict`). */
    conflict?: string;
  };
  /**
   * Fields the user cannot have typed (hidden ids, versions, tokens, the form's kind): when one is
   * invalid the request did not come from our form, and it gets the plain refusal, like a record the
   * user may not touch.
   */
  refuseOn?: readonly string[];
  /** Fields never sent back to the form (passwords, tokens): a result may be logged or cached. */
  secret?: readonly string[];
  revalidate?: readonly RevalidateTarget[] | ((input: z.output<S>, result: Extract<R, { ok: true }>) => readonly RevalidateTarget[]);
  /** Where to go after success (`null`: stay and show the result). */
  redirect?: (input: z.output<S>, result: Extract<R, { ok: true }>) => string | null;
};

type SessionMode = { session?: "required" };
type PublicMode = { session: "optional" };

/** The previous state is React's business (useActionState): an action never reads it. */
export type FormActionFn<R> = (prev: unknown, formData: FormData) => Promise<ActionResult<R>>;
export type DataActionFn<I, R> = (input: I) => Promise<ActionResult<R>>;

/** What the registry knows of an action: enough to enumerate and exercise every one of them. */
export type RegisteredAction = {
  name: string;
  kind: "form" | "data";
  session: "required" | "optional";
  /** Field paths of the schema (the fuzz test's keys). */
  fields: readonly string[];
  arrays: readonly string[];
  action: (...args: never[]) => Promise<unknown>;
};

const registry = new Map<string, RegisteredAction>();
const built = new WeakSet<object>();

/** Every action built so far (tests/support/action-registry.ts imports every actions module first). */
export function registeredActions(): RegisteredAction[] {
  return [...registry.values()];
}

/** True when `fn` was made by this factory: a unit test checks every export of every actions file with it. */
export function isBuiltAction(fn: unknown): boolean {
  return typeof fn === "function" && built.has(fn);
}

function register(entry: RegisteredAction): void {
  const existing = registry.get(entry.name);
  // Dev-server module reloads re-evaluate a module: the same name from a fresh copy replaces the old one.
  if (existing && existing.kind !== entry.kind) throw new Error(`Two server actions are named ${entry.name}`);
  registry.set(entry.name, entry);
  built.add(entry.action);
}

/** Zod issues keyed by their dotted path, the first message per field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    const key = path !== "" && isSafeKey(path) ? path : "form";
    if (!Object.hasOwn(out, key)) out[key] = issue.message;
  }
  return out;
}

/** The refusal as plain data (results cross the wire); only safe keys reach the form. */
function conflictDetails(error: ConflictError): ConflictDetails {
  const view = error.toView();
  const current = Object.fromEntries(Object.entries(view.current).filter(([key]) => isSafeKey(key)));
  const changes = view.changes.filter((c) => isSafeKey(c.field));
  return { ...view, current, changes };
}

type Echo = { values?: FormValues; lists?: Record<string, string[]> };

/** The submitted values worth sending back (none for an empty form). */
function echoOf(echo: Echo): Echo {
  const out: Echo = {};
  if (echo.values && Object.keys(echo.values).length > 0) out.values = echo.values;
  if (echo.lists && Object.keys(echo.lists).length > 0) out.lists = echo.lists;
  return out;
}

function failure(fieldErrors: Record<string, string>, message: string | null, echo: Echo): FormFailure {
  return { ok: false, fieldErrors, message, ...echoOf(echo) };
}

/** The data layer's errors as a form result; `null` for anything that is not a known refusal. */
function knownFailure<S extends z.ZodType, R extends HandlerOutcome, U>(error: unknown, spec: Spec<S, R, U>, echo: Echo): FormFailure | null {
  const invalid = spec.messages?.invalid === undefined ? "validation.fix" : spec.messages.invalid;
  if (error instanceof NotAllowedError) return failure({}, "errors.notAllowed", echo);
  if (error instanceof ConflictError) {
    return { ...failure({}, spec.messages?.conflict ?? "errors.conflict", echo), conflict: conflictDetails(error) };
  }
  if (error instanceof RuleError) {
    return error.field && isSafeKey(error.field) ? failure({ [error.field]: error.message }, invalid, echo) : failure({}, error.message, echo);
  }
  // A schema parse inside the data layer: still the user's input, still a field error.
  if (error instanceof z.ZodError) return failure(fieldErrorsOf(error), invalid, echo);
  return null;
}

function revalidateAll(targets: readonly RevalidateTarget[]): void {
  for (const target of targets) {
    if (typeof target === "string") revalidatePath(target);
    else revalidatePath(target.path, target.type);
  }
}

type Success<R> = Extract<R, { ok: true }>;

function isSuccess<R extends HandlerOutcome>(outcome: R): outcome is Success<R> {
  return outcome.ok;
}

/** Input → schema → handler → result; the session has already been read by the caller. */
async function run<S extends z.ZodType, R extends HandlerOutcome, U>(spec: Spec<S, R, U>, user: U, raw: unknown, arrays: ReadonlySet<string>, fromForm: boolean): Promise<ActionResult<R>> {
  const invalid = spec.messages?.invalid === undefined ? "validation.fix" : spec.messages.invalid;
  let echo: Echo = {};
  let outcome: R;
  let input: z.output<S>;
  try {
    let data: unknown = raw;
    if (raw instanceof FormData) {
      const decoded = decodeFormData(raw, { arrays });
      const values = decoded.values ? { ...decoded.values } : undefined;
      if (values) for (const field of spec.secret ?? []) delete values[field];
      echo = { values, lists: decoded.lists };
      if (!decoded.ok) return failure(decoded.fieldErrors, decoded.fieldErrors.form ?? invalid, echo);
      data = decoded.data;
    } else if (fromForm) {
      // A form action reached with something other than a form: not from our page.
      return failure({ form: "validation.badField" }, invalid, echo);
    }
    const parsed = spec.schema.safeParse(data);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error);
      const refused = (spec.refuseOn ?? []).some((field) => Object.keys(fieldErrors).some((key) => key === field || key.startsWith(`${field}.`)));
      // An error on the input as a whole has no field to stand under: it is the message.
      return refused ? failure({}, "errors.notAllowed", echo) : failure(fieldErrors, fieldErrors.form ?? invalid, echo);
    }
    input = parsed.data;
    try {
      outcome = await spec.handler(input, user);
    } catch (error) {
      unstable_rethrow(error);
      const known = knownFailure(error, spec, echo);
      if (known) return known;
      throw error;
    }
  } catch (error) {
    unstable_rethrow(error);
    // Not the user's fault and not theirs to see: logged for us, a plain message for them.
    console.error(`[action ${spec.name}] unexpected error`, error);
    return failure({}, "errors.unexpected", echo);
  }
  // A failure the handler decided (duplicates found, clashing appointments) keeps its extras.
  if (!isSuccess(outcome)) return { ...outcome, ...echoOf(echo) } as ActionResult<R>;
  const targets = typeof spec.revalidate === "function" ? spec.revalidate(input, outcome) : (spec.revalidate ?? []);
  revalidateAll(targets);
  const to = spec.redirect?.(input, outcome);
  if (to) redirect(to);
  return outcome;
}

/**
 * An action for a `<form action>` / `useActionState`: `(previous result, FormData) → FormResult`.
 * With `session: "optional"` it also serves a signed-out visitor (the first admin's setup form, whose
 * credential is a token the data layer checks).
 */
export function formAction<S extends z.ZodType, R extends HandlerOutcome>(spec: Spec<S, R, SessionUser> & SessionMode): FormActionFn<R>;
export function formAction<S extends z.ZodType, R extends HandlerOutcome>(spec: Spec<S, R, SessionUser | null> & PublicMode): FormActionFn<R>;
export function formAction<S extends z.ZodType, R extends HandlerOutcome>(
  spec: (Spec<S, R, SessionUser> & SessionMode) | (Spec<S, R, SessionUser | null> & PublicMode),
): FormActionFn<R> {
  const paths = schemaPaths(spec.schema);
  const arrays = new Set(paths.arrays);
  const action: FormActionFn<R> = async (_prev, formData) => {
    if (spec.session === "optional") {
      const user = await getCurrentUser();
      return run(spec, user, formData, arrays, true);
    }
    const user = await requireUser();
    return run(spec, user, formData, arrays, true);
  };
  register({ name: spec.name, kind: "form", session: spec.session === "optional" ? "optional" : "required", fields: paths.fields, arrays: paths.arrays, action });
  return action;
}

/**
 * An action called with data from client code (a dynamic list, a drag on the board, a search box):
 * `(input) → FormResult`. The input is untrusted like any POST: it goes through the same schema (and,
 * should FormData arrive instead, through the same decoder). With `session: "optional"` the handler
 * also runs for a signed-out visitor (the language switch on the sign-in page).
 */
export function dataAction<S extends z.ZodType, R extends HandlerOutcome>(spec: Spec<S, R, SessionUser> & SessionMode): DataActionFn<z.input<S>, R>;
export function dataAction<S extends z.ZodType, R extends HandlerOutcome>(spec: Spec<S, R, SessionUser | null> & PublicMode): DataActionFn<z.input<S>, R>;
export function dataAction<S extends z.ZodType, R extends HandlerOutcome>(
  spec: (Spec<S, R, SessionUser> & SessionMode) | (Spec<S, R, SessionUser | null> & PublicMode),
): DataActionFn<z.input<S>, R> {
  const paths = schemaPaths(spec.schema);
  const arrays = new Set(paths.arrays);
  const action: DataActionFn<z.input<S>, R> = async (input) => {
    if (spec.session === "optional") {
      const user = await getCurrentUser();
      return run(spec, user, input, arrays, false);
    }
    const user = await requireUser();
    return run(spec, user, input, arrays, false);
  };
  register({ name: spec.name, kind: "data", session: spec.session === "optional" ? "optional" : "required", fields: paths.fields, arrays: paths.arrays, action });
  return action;
}

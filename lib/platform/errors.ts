/**
 * Thrown by the data-access layer. The message of NotAllowedError is deliberately plain: a record
 * the user may not touch must look the same as one that does not exist.
 */
export type Denial = { userId: number; action: string; entity: string; entityId: number | null };

export class NotAllowedError extends Error {
  /** Who was refused what; logged by the DAL's transaction wrapper after the rollback. */
  constructor(readonly denial?: Denial) {
    super("not allowed");
    this.name = "NotAllowedError";
  }
}

/** Business-rule refusal with a message the user can act on, optionally tied to a form field. */
export class RuleError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "RuleError";
  }
}

/** Optimistic-concurrency conflict: one class for every entity, defined with the protocol it belongs to. */
export { ConflictError } from "@/lib/platform/concurrency";

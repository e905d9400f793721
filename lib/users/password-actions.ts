"use server";

import { z } from "zod";
import { getPasswordChangeUser } from "@/lib/platform/auth/session";
import { formAction, type FormResult } from "@/lib/platform/form-action";
import { idField } from "@/lib/platform/form-fields";
import { changeOwnPassword, completeForcedPasswordChange, resetUserPassword } from "@/lib/users/passwords";

export type ResetPasswordFormResult = FormResult<{ message: string; temporaryPassword: string | null }>;
export type PasswordChangeFormResult = FormResult<{ message: string }>;

/** A password input: taken as typed (spaces count), anything missing reads as blank. */
const secretText = () => z.unknown().optional().transform((v) => (typeof v === "string" ? v : ""));
const text = () => z.unknown().optional().transform((v) => (typeof v === "string" ? v.trim() : ""));

/** An admin resets a user's password: a generated one (shown once, in the result) or one they typed. */
export const resetPasswordAction = formAction({
  name: "users.resetPassword",
  schema: z.object({ id: idField(), mode: text(), password: secretText() }),
  refuseOn: ["id"],
  secret: ["password"],
  handler: async ({ id, mode, password }, user) => {
    const { temporaryPassword } = await resetUserPassword(user, id, { mode, password });
    return { ok: true, message: temporaryPassword ? "users.password.reset.generated" : "users.password.reset.done", temporaryPassword };
  },
  revalidate: ["/admin/users"],
});

/**
 * The forced change after an admin's reset. The factory's session reader refuses such a user (they
 * may do nothing else), so this action is public to the factory and reads the pending session itself:
 * without one it is refused like any other action without a session.
 */
export const completePasswordChangeAction = formAction({
  name: "users.completePasswordChange",
  session: "optional",
  schema: z.object({ password: secretText(), confirm: secretText() }),
  secret: ["password", "confirm"],
  handler: async (input) => {
    const pending = await getPasswordChangeUser();
    if (!pending) return { ok: false, fieldErrors: {}, message: "errors.notAllowed" };
    await completeForcedPasswordChange(pending, input);
    return { ok: true, message: "users.password.changed" };
  },
});

/** Anyone changes their own password from the account page, with the current one. */
export const changeOwnPasswordAction = formAction({
  name: "users.changeOwnPassword",
  schema: z.object({ currentPassword: secretText(), password: secretText(), confirm: secretText() }),
  secret: ["currentPassword", "password", "confirm"],
  handler: async (input, user) => {
    await changeOwnPassword(user, input);
    return { ok: true, message: "users.password.changed" };
  },
});

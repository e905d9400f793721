import { z } from "zod";
import { PASSWORD_MAX_LENGTH, passwordProblem } from "@/lib/platform/auth/password-policy";

/**
 * Zod schemas for teams and passwords, shared by the forms' actions and the data layer. Messages are
 * i18n keys (validation.*, passwordPolicy.*, users.*); each names its field through the issue path.
 */

export const TEAM_NAME_MAX = 80;

export const teamNameSchema = z.string().trim().min(1, "validation.required").max(TEAM_NAME_MAX, "validation.tooLong");

export const createTeamSchema = z.object({ name: teamNameSchema });

export const updateTeamSchema = z.object({ name: teamNameSchema, managerId: z.number().int().positive().nullable() });

export type CreateTeamInput = z.input<typeof createTeamSchema>;
export type UpdateTeamInput = z.input<typeof updateTeamSchema>;

/** How an admin sets a temporary password: generated (shown once) or typed by the admin. */
export const RESET_MODES = ["generate", "set"] as const;
export type ResetMode = (typeof RESET_MODES)[number];

/** The account a password belongs to: the policy refuses passwords containing its name or address. */
export type PasswordOwner = { email: string; name: string };

/** An admin's reset: a chosen temporary password is checked against the policy like any other. */
export function resetPasswordSchema(owner: PasswordOwner) {
  return z
    .object({ mode: z.enum(RESET_MODES, { message: "validation.choose" }), password: z.string().max(PASSWORD_MAX_LENGTH, "validation.tooLong") })
    .superRefine((value, ctx) => {
      if (value.mode !== "set") return;
      if (value.password === "") {
        ctx.addIssue({ code: "custom", path: ["password"], message: "validation.required" });
        return;
      }
      const problem = passwordProblem(value.password, owner);
      if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    });
}

export type ResetPasswordInput = { mode: string; password: string };

/** A new password typed twice, checked against the policy and the account's own details. */
function newPasswordFields(owner: PasswordOwner) {
  return (value: { password: string; confirm: string }, ctx: z.RefinementCtx) => {
    if (value.password === "") {
      ctx.addIssue({ code: "custom", path: ["password"], message: "validation.required" });
      return;
    }
    const problem = passwordProblem(value.password, owner);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    else if (value.confirm !== value.password) ctx.addIssue({ code: "custom", path: ["confirm"], message: "passwordPolicy.mismatch" });
  };
}

/** The forced change after a reset: the session proves the temporary password, so only the new one is asked. */
export function forcedPasswordChangeSchema(owner: PasswordOwner) {
  return z.object({ password: z.string().max(PASSWORD_MAX_LENGTH, "validation.tooLong"), confirm: z.string() }).superRefine(newPasswordFields(owner));
}

/** One's own change from the account page: the current password first, then the new one twice. */
export function ownPasswordChangeSchema(owner: PasswordOwner) {
  return z
    .object({ currentPassword: z.string().min(1, "validation.required").max(PASSWORD_MAX_LENGTH, "validation.tooLong"), password: z.string().max(PASSWORD_MAX_LENGTH, "validation.tooLong"), confirm: z.string() })
    .superRefine(newPasswordFields(owner));
}

export type ForcedPasswordChangeInput = { password: string; confirm: string };
export type OwnPasswordChangeInput = ForcedPasswordChangeInput & { currentPassword: string };

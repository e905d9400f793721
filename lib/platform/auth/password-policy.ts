import { z } from "zod";
import { DEMO_PASSWORD } from "./demo-users";

/**
 * What a chosen password must be (the first admin's, and anyone's set outside the demo). Length and a
 * few checks against the guesses that come first, in the spirit of NIST SP 800-63B: no composition
 * rules, which only produce "Password1!". Messages are i18n keys (passwordPolicy.*, validation.*).
 */
export const PASSWORD_MIN_LENGTH = 12;
// The sign-in form accepts at most this much (lib/platform/auth/schema.ts): a longer one could never sign in.
export const PASSWORD_MAX_LENGTH = 200;
const MIN_DISTINCT_CHARACTERS = 5;

// Guessed first; a password that is one of these with digits or punctuation around it is refused too.
const COMMON_WORDS = ["password", "passw0rd", "qwerty", "qwertyuiop", "letmein", "welcome", "admin", "administrator", "summit", "summitcrm", "iloveyou", "changeme", "abc123", "123456", "12345678", "1234567890"];

function core(password: string): string {
  return password.toLowerCase().replace(/[^a-z0-9]+/g, "").replace(/\d+$/, "").replace(/^\d+/, "");
}

/** The first reason `password` is refused, or null. `personal` holds the account's email and name. */
export function passwordProblem(password: string, personal: { email?: string | null; name?: string | null } = {}): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return "passwordPolicy.tooShort";
  if (password.length > PASSWORD_MAX_LENGTH) return "validation.tooLong";
  if (new Set(password).size < MIN_DISTINCT_CHARACTERS) return "passwordPolicy.tooSimple";
  const lower = password.toLowerCase();
  if (lower === DEMO_PASSWORD.toLowerCase() || COMMON_WORDS.some((w) => core(password) === w || lower === w)) return "passwordPolicy.common";
  const parts = [personal.email?.split("@")[0], ...(personal.name ?? "").split(/\s+/)]
    .map((p) => p?.toLowerCase().trim() ?? "")
    .filter((p) => p.length >= 4);
  if (parts.some((p) => lower.includes(p))) return "passwordPolicy.personal";
  return null;
}

const emailSchema = z.string().trim().toLowerCase().min(1, "validation.required").max(254, "validation.tooLong").pipe(z.email("validation.email"));
const nameSchema = z.string().trim().min(1, "validation.required").max(120, "validation.tooLong");

/** A new account's fields, the password checked against the policy and the account's own details. */
export const newAccountSchema = z
  .object({ email: emailSchema, name: nameSchema, password: z.string().min(1, "validation.required") })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.password, value);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

export type NewAccountInput = z.infer<typeof newAccountSchema>;

/** The first-admin form: a new account, its password typed twice, and the setup token from the server log. */
export const firstAdminSchema = z
  .object({
    token: z.string().min(1, "setup.errors.token").max(200, "setup.errors.token"),
    email: emailSchema,
    name: nameSchema,
    password: z.string().min(1, "validation.required"),
    confirm: z.string(),
  })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.password, value);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    else if (value.confirm !== value.password) ctx.addIssue({ code: "custom", path: ["confirm"], message: "passwordPolicy.mismatch" });
  });

export type FirstAdminInput = z.infer<typeof firstAdminSchema>;

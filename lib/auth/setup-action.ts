"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { fieldErrorsOf } from "@/lib/actions/form-result";
import { createFirstAdmin } from "@/lib/dal/auth";
import { RuleError } from "@/lib/dal/errors";
import { clientAddressOf } from "./client-address";
import { firstAdminSchema } from "./password-policy";

export type SetupFormResult = { ok: false; fieldErrors: Record<string, string>; message: string | null; values: { name: string; email: string } } | null;

const text = (value: FormDataEntryValue | null): string => (typeof value === "string" ? value : "");

/**
 * Creates the first administrator from /setup. There is no session to read: no account exists yet,
 * and the setup token the server printed is the credential. The data layer checks, under one lock,
 * that still no user exists and the token is genuine, so this public endpoint creates one admin at
 * most, ever. Passwords are never echoed back.
 */
export async function createFirstAdminAction(_previous: SetupFormResult, formData: FormData): Promise<SetupFormResult> {
  const raw = {
    token: text(formData.get("token")),
    email: text(formData.get("email")),
    name: text(formData.get("name")),
    password: text(formData.get("password")),
    confirm: text(formData.get("confirm")),
  };
  const values = { name: raw.name.slice(0, 200), email: raw.email.slice(0, 254) };
  const parsed = firstAdminSchema.safeParse(raw);
  if (!parsed.success) {
    const { token, ...fieldErrors } = fieldErrorsOf(parsed.error);
    return { ok: false, fieldErrors, message: token ?? "validation.fix", values };
  }
  const ip = clientAddressOf(Object.fromEntries((await headers()).entries()));
  let outcome: Awaited<ReturnType<typeof createFirstAdmin>>;
  try {
    outcome = await createFirstAdmin(parsed.data, ip);
  } catch (error) {
    if (error instanceof RuleError) return { ok: false, fieldErrors: error.field ? { [error.field]: error.message } : {}, message: error.field ? null : error.message, values };
    throw error;
  }
  if (!outcome.ok) return { ok: false, fieldErrors: {}, message: outcome.reason === "closed" ? "setup.errors.closed" : "setup.errors.token", values };
  redirect("/login?setup=done");
}

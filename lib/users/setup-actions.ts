"use server";

import { headers } from "next/headers";
import { clientAddressOf } from "@/lib/platform/auth/client-address";
import { firstAdminSchema } from "@/lib/platform/auth/password-policy";
import { createFirstAdmin } from "@/lib/platform/auth/accounts";
import { formAction, type FormResult } from "@/lib/platform/form-action";

export type SetupFormResult = FormResult;

/**
 * Creates the first administrator from /setup. There is no session to read — no account exists yet,
 * and the setup token the server printed is the credential — so the action is public; the data layer
 * checks, under one lock, that still no user exists and the token is genuine, so this endpoint creates
 * one admin at most, ever. Passwords and the token are never echoed back.
 */
export const createFirstAdminAction = formAction({
  name: "setup.createFirstAdmin",
  session: "optional",
  schema: firstAdminSchema,
  // A form without a well-formed token did not come from the setup link.
  messages: { invalid: "validation.fix" },
  secret: ["password", "confirm", "token"],
  handler: async (input) => {
    const ip = clientAddressOf(Object.fromEntries((await headers()).entries()));
    const outcome = await createFirstAdmin(input, ip);
    if (!outcome.ok) return { ok: false, fieldErrors: {}, message: outcome.reason === "closed" ? "setup.errors.closed" : "setup.errors.token" };
    return { ok: true };
  },
  redirect: () => "/login?setup=done",
});

"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { setOwnLocale } from "@/lib/users/mutations";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/config";
import { dataAction, type FormResult } from "@/lib/platform/form-action";

export type LocaleResult = FormResult;

/** Switches the UI language; works signed out (login page) and remembers it for a signed-in user. */
export const setLocaleAction = dataAction({
  name: "locale.set",
  session: "optional",
  // Any string may arrive (the menus pass what the user picked); only a known locale passes.
  schema: z.object({ locale: z.string({ message: "validation.required" }).pipe(z.enum(LOCALES, { message: "validation.required" })) }),
  messages: { invalid: "validation.required" },
  handler: async ({ locale }, user) => {
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
    if (user) await setOwnLocale(user, locale);
    return { ok: true };
  },
  revalidate: [{ path: "/", type: "layout" }],
});

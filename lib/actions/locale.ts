"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { setOwnLocale } from "@/lib/dal/users";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/config";

const schema = z.object({ locale: z.enum(LOCALES) });

export type LocaleResult = { ok: true } | { ok: false; message: string };

/** Switches the UI language; works signed out (login page) and remembers it for a signed-in user. */
export async function setLocaleAction(input: { locale: string }): Promise<LocaleResult> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "validation.required" };
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  const user = await getCurrentUser();
  if (user) await setOwnLocale(user, parsed.data.locale);
  revalidatePath("/", "layout");
  return { ok: true };
}

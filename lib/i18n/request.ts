import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from "./config";
import { messagesFor } from "./messages";

// The locale is a per-user preference kept in a cookie (set by the language switch), not in the URL:
// CRM records are shared links between colleagues who may read different languages.
export default getRequestConfig(async () => {
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(cookie) ? cookie : localeFromAcceptLanguage((await headers()).get("accept-language"));
  return { locale, messages: messagesFor(locale), timeZone: process.env.TZ ?? "UTC" };
});

import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { setDisplayCurrency } from "@/lib/platform/format";
import { readSetting } from "@/lib/platform/settings";
import { GENERAL_KEY, parseRegional } from "@/lib/settings/rules/general-settings";
import { isLocale, LOCALE_COOKIE, localeFromAcceptLanguage } from "./config";
import { messagesFor } from "./messages";

// The locale is a per-user preference kept in a cookie (set by the language switch), not in the URL:
// CRM records are shared links between colleagues who may read different languages. Someone who has
// not chosen gets the company's default language (Admin → Settings), else their browser's.
export default getRequestConfig(async () => {
  // Cookies first: reading them marks the request dynamic, so a build's prerender stops before the database.
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const regional = parseRegional(await readSetting(GENERAL_KEY));
  // Server-rendered amounts use the company's currency (read once per request, here).
  setDisplayCurrency(regional.currency);
  const locale = isLocale(cookie) ? cookie : (regional.locale ?? localeFromAcceptLanguage((await headers()).get("accept-language")));
  return { locale, messages: messagesFor(locale), timeZone: process.env.TZ ?? "UTC" };
});

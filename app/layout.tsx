import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { DisplayCurrencyScope } from "@/components/settings/display-currency";
import { readDefaultCurrency } from "@/lib/settings/queries";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, description: t("tagline") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The locale first: it reads the request's cookies, so a build's prerender stops before the database.
  const locale = await getLocale();
  const currency = await readDefaultCurrency();
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider>
          <DisplayCurrencyScope currency={currency}>{children}</DisplayCurrencyScope>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}

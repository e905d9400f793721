import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { clientAddressOf } from "@/lib/platform/auth/client-address";
import { checkSetupToken } from "@/lib/platform/auth/accounts";
import { SetupForm } from "./setup-form";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Once per request (metadata and page both ask): whether this request may see the setup page. */
const setupAllowed = cache(async (token: string | string[] | undefined): Promise<boolean> => {
  if (typeof token !== "string" || token === "" || token.length > 200) return false;
  const ip = clientAddressOf(Object.fromEntries((await headers()).entries()));
  return checkSetupToken(token, ip);
});

// Without a valid token not even the title may tell that a setup page is here.
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  if (!(await setupAllowed((await searchParams).token))) return {};
  const t = await getTranslations("setup");
  return { title: t("title"), robots: { index: false, follow: false } };
}

/**
 * The one-time page that creates the first administrator. It exists only while no user does and
 * only with a token the server printed in its log at start; otherwise it is a plain 404, the same as
 * any page that does not exist.
 */
export default async function SetupPage({ searchParams }: Props) {
  const { token } = await searchParams;
  if (typeof token !== "string" || !(await setupAllowed(token))) notFound();
  const t = await getTranslations("setup");
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-md">
        <div className="mb-6 text-center">
          <h1 className="text-2xl font-semibold text-brand-900">{t("title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <SetupForm token={token} />
        </div>
        <div className="mt-4 flex justify-center">
          <LocaleSwitch />
        </div>
      </div>
    </main>
  );
}

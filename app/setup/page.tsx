import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { clientAddressOf } from "@/lib/auth/client-address";
import { checkSetupToken } from "@/lib/dal/auth";
import { SetupForm } from "./setup-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("setup");
  return { title: t("title"), robots: { index: false, follow: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The one-time page that creates the first administrator. It exists only while no user does and
 * only with a token the server printed in its log at start; otherwise it is a plain 404, the same as
 * any page that does not exist.
 */
export default async function SetupPage({ searchParams }: Props) {
  const { token } = await searchParams;
  if (typeof token !== "string" || token === "" || token.length > 200) notFound();
  const ip = clientAddressOf(Object.fromEntries((await headers()).entries()));
  if (!(await checkSetupToken(token, ip))) notFound();
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

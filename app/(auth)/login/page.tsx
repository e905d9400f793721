import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { DemoBanner } from "@/components/shell/demo-banner";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { FormMessage } from "@/components/ui/form-message";
import { CHANGE_PASSWORD_PATH, getPasswordChangeUser } from "@/lib/platform/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("login");
  return { title: t("submit") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const signedIn = await getPasswordChangeUser();
  // Signed in already: home, or first the forced password change an admin's reset asked for.
  if (signedIn) redirect(signedIn.mustChangePassword ? CHANGE_PASSWORD_PATH : "/");
  const t = await getTranslations();
  // Set by /setup after it created the first administrator.
  const justSetUp = (await searchParams).setup === "done";
  return (
    <>
      <DemoBanner />
      <main className="flex min-h-screen items-center justify-center p-4">
        <div className="w-full max-w-sm">
          <div className="mb-6 text-center">
            <h1 className="text-2xl font-semibold text-brand-900">{t("login.title")}</h1>
            <p className="mt-1 text-sm text-slate-600">{t("login.subtitle")}</p>
          </div>
          {justSetUp ? (
            <FormMessage tone="success" className="mb-4">
              {t("setup.created")}
            </FormMessage>
          ) : null}
          <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <Suspense>
              <LoginForm />
            </Suspense>
          </div>
          <div className="mt-4 flex justify-center">
            <LocaleSwitch />
          </div>
        </div>
      </main>
    </>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/users/sign-out-button";
import { PasswordChangeForm } from "@/components/users/password-change-form";
import { DemoBanner } from "@/components/shell/demo-banner";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { getPasswordChangeUser } from "@/lib/platform/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users.password");
  return { title: t("forced.title") };
}

/**
 * Where a user whose password an admin reset lands after signing in with the temporary one: every
 * other page and action refuses them (lib/platform/auth/session.ts) until a new password is set.
 */
export default async function ChangePasswordPage() {
  const user = await getPasswordChangeUser();
  if (!user) redirect("/login");
  if (!user.mustChangePassword) redirect("/account/password");
  const t = await getTranslations("users.password");
  return (
    <>
      <DemoBanner />
      <main className="flex min-h-screen items-center justify-center p-4">
        <div className="w-full max-w-sm">
          <div className="mb-6 text-center">
            <h1 className="text-2xl font-semibold text-brand-900">{t("forced.title")}</h1>
            <p className="mt-1 text-sm text-slate-600">{t("forced.intro", { name: user.name })}</p>
          </div>
          <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <PasswordChangeForm mode="forced" email={user.email} />
          </div>
          <div className="mt-4 flex items-center justify-between">
            <LocaleSwitch />
            <SignOutButton />
          </div>
        </div>
      </main>
    </>
  );
}

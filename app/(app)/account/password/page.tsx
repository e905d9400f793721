import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PasswordChangeForm } from "@/components/users/password-change-form";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/platform/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users.password");
  return { title: t("own.title") };
}

/** Anyone's own password change: the current password first; other sessions end with it. */
export default async function AccountPasswordPage() {
  const user = await requireUser();
  const t = await getTranslations("users.password");
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("own.title")}</h1>
        <p className="text-sm text-slate-600">{t("own.intro")}</p>
      </div>
      <Card aria-label={t("own.title")}>
        <PasswordChangeForm mode="own" email={user.email} />
      </Card>
    </div>
  );
}

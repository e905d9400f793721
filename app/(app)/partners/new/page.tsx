import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PartnerForm } from "@/components/partners/partner-form";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";

export async function generateMetadata() {
  const t = await getTranslations("partners");
  return { title: t("form.create") };
}

export default async function NewPartnerPage() {
  const user = await requireUser();
  if (!can(user, "partner.edit")) notFound();
  const t = await getTranslations("partners");
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <nav aria-label={t("detail.breadcrumb")} className="text-sm">
        <Link href="/partners" className="text-brand-700 hover:underline">
          {t("list.title")}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t("form.create")}</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <PartnerForm />
      </div>
    </div>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportWizard } from "@/components/import/import-wizard";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { customerImportSpec } from "@/lib/domain/customers/import-spec";
import { wizardConfig } from "@/lib/platform/import/field-spec";

export async function generateMetadata() {
  const t = await getTranslations("import");
  return { title: t("title") };
}

export default async function ImportPage() {
  const user = await requireUser();
  if (!can(user, "customer.create")) notFound();
  const t = await getTranslations();
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4">
      <nav aria-label={t("customers.detail.breadcrumb")} className="text-sm">
        <Link href="/customers" className="text-brand-700 hover:underline">
          {t("customers.list.title")}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t("import.title")}</h1>
      <p className="text-sm text-slate-600">{t("import.intro")}</p>
      <ImportWizard config={wizardConfig(customerImportSpec, "/customers/import")} />
    </div>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportWizard } from "@/components/import/import-wizard";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { orderImportSpec } from "@/lib/domain/orders/import-spec";
import { wizardConfig } from "@/lib/platform/import/field-spec";

export async function generateMetadata() {
  const t = await getTranslations("orderImport");
  return { title: t("title") };
}

/** Order history from an ERP or billing export: admins, and managers for their team's customers. */
export default async function OrderImportPage() {
  const user = await requireUser();
  if (!can(user, "order.import")) notFound();
  const t = await getTranslations();
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4">
      <nav aria-label={t("customers.detail.breadcrumb")} className="text-sm">
        <Link href="/customers" className="text-brand-700 hover:underline">
          {t("customers.list.title")}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t("orderImport.title")}</h1>
      <p className="text-sm text-slate-600">{t("orderImport.intro")}</p>
      <ImportWizard config={wizardConfig(orderImportSpec, "/orders/import")} />
    </div>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportWizard } from "@/components/import/import-wizard";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { productImportSpec } from "@/lib/domain/products/import-spec";
import { wizardConfig } from "@/lib/platform/import/field-spec";

export async function generateMetadata() {
  const t = await getTranslations("productImport");
  return { title: t("title") };
}

/** The price list from a spreadsheet or an ERP export (admins, like editing a product). */
export default async function ProductImportPage() {
  const user = await requireUser();
  if (!can(user, "product.edit")) notFound();
  const t = await getTranslations();
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4">
      <nav aria-label={t("customers.detail.breadcrumb")} className="text-sm">
        <Link href="/products" className="text-brand-700 hover:underline">
          {t("products.list.title")}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t("productImport.title")}</h1>
      <p className="text-sm text-slate-600">{t("productImport.intro")}</p>
      <ImportWizard config={wizardConfig(productImportSpec, "/products/import")} />
    </div>
  );
}

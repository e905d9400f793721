import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportPage } from "@/components/import/import-page";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { productImportSpec } from "@/lib/products/rules/import-spec";
import { wizardConfig } from "@/lib/platform/import/field-spec";

export async function generateMetadata() {
  const t = await getTranslations("productImport");
  return { title: t("title") };
}

/** The price list from a spreadsheet or an ERP export (admins, like editing a product). */
export default async function ProductImportPage() {
  const user = await requireUser();
  if (!can(user, "product.edit")) notFound();
  return <ImportPage back={{ href: "/products", label: "products.list.title", breadcrumb: "customers.detail.breadcrumb" }} config={wizardConfig(productImportSpec, "/products/import")} />;
}

import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportPage } from "@/components/import/import-page";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { customerImportSpec } from "@/lib/customers/rules/import-spec";
import { wizardConfig } from "@/lib/platform/import/field-spec";

export async function generateMetadata() {
  const t = await getTranslations("import");
  return { title: t("title") };
}

export default async function CustomerImportPage() {
  const user = await requireUser();
  if (!can(user, "customer.create")) notFound();
  return <ImportPage back={{ href: "/customers", label: "customers.list.title", breadcrumb: "customers.detail.breadcrumb" }} config={wizardConfig(customerImportSpec, "/customers/import")} />;
}

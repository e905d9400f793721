import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportPage } from "@/components/import/import-page";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { orderImportSpec } from "@/lib/orders/rules/import-spec";
import { wizardConfig } from "@/lib/platform/import/field-spec";

export async function generateMetadata() {
  const t = await getTranslations("orderImport");
  return { title: t("title") };
}

/** Order history from an ERP or billing export: admins, and managers for their team's customers. */
export default async function OrderImportPage() {
  const user = await requireUser();
  if (!can(user, "order.import")) notFound();
  return <ImportPage back={{ href: "/customers", label: "customers.list.title", breadcrumb: "customers.detail.breadcrumb" }} config={wizardConfig(orderImportSpec, "/orders/import")} />;
}

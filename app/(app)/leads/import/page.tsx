import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportPage } from "@/components/import/import-page";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { leadImportSpec } from "@/lib/leads/rules/import-spec";
import { wizardConfig } from "@/lib/platform/import/field-spec";

export async function generateMetadata() {
  const t = await getTranslations("leadImport");
  return { title: t("title") };
}

export default async function LeadImportPage() {
  const user = await requireUser();
  if (!can(user, "lead.create")) notFound();
  // Round-robin deals rows out to the importer's team: a rep may only create their own leads.
  const flags = user.role !== "REP" && user.teamId !== null ? [{ name: "roundRobin", label: "leadImport.roundRobin" }] : [];
  return <ImportPage back={{ href: "/leads", label: "leads.list.title", breadcrumb: "leads.detail.breadcrumb" }} config={wizardConfig(leadImportSpec, "/leads/import", flags)} />;
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportWizard } from "@/components/import/import-wizard";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { leadImportSpec } from "@/lib/domain/leads/import-spec";
import { wizardConfig } from "@/lib/platform/import/field-spec";

export async function generateMetadata() {
  const t = await getTranslations("leadImport");
  return { title: t("title") };
}

export default async function LeadImportPage() {
  const user = await requireUser();
  if (!can(user, "lead.create")) notFound();
  const t = await getTranslations();
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4">
      <nav aria-label={t("leads.detail.breadcrumb")} className="text-sm">
        <Link href="/leads" className="text-brand-700 hover:underline">
          {t("leads.list.title")}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t("leadImport.title")}</h1>
      <p className="text-sm text-slate-600">{t("leadImport.intro")}</p>
      {/* Round-robin deals rows out to the importer's team: a rep may only create their own leads. */}
      <ImportWizard
        config={wizardConfig(leadImportSpec, "/leads/import", user.role !== "REP" && user.teamId !== null ? [{ name: "roundRobin", label: "leadImport.roundRobin" }] : [])}
      />
    </div>
  );
}

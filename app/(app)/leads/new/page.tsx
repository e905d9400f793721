import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LeadForm } from "@/components/leads/lead-form";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { getLeadFilterOptions, listLeadCreateOwners } from "@/lib/leads/mutations";

export async function generateMetadata() {
  const t = await getTranslations("leads");
  return { title: t("create.title") };
}

export default async function NewLeadPage() {
  const user = await requireUser();
  if (!can(user, "lead.create")) notFound();
  const t = await getTranslations("leads");
  const [owners, options] = await Promise.all([listLeadCreateOwners(user), getLeadFilterOptions(user)]);
  // A rep owns what they create: no choice to offer.
  const choosable = owners.filter((o) => o.id !== user.id);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <nav aria-label={t("detail.breadcrumb")} className="text-sm">
        <Link href="/leads" className="text-brand-700 hover:underline">
          {t("list.title")}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t("create.title")}</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <LeadForm owners={choosable} unassignedAllowed={user.role === "ADMIN"} sources={options.sources} />
      </div>
    </div>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ProfileForm } from "@/components/customers/profile-form";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { getFilterOptions } from "@/lib/customers/queries";
import { listAssignableOwners } from "@/lib/customers/mutations";

export async function generateMetadata() {
  const t = await getTranslations("customers");
  return { title: t("create.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Text query parameters the contact console hands over for an unknown caller (anything else is ignored). */
function prefillOf(params: Record<string, string | string[] | undefined>): { phone?: string; email?: string; source?: string } {
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string).trim().slice(0, 100) || undefined : undefined);
  return { phone: one("phone"), email: one("email"), source: one("source") };
}

export default async function NewCustomerPage({ searchParams }: Props) {
  const user = await requireUser();
  const prefill = prefillOf(await searchParams);
  if (!can(user, "customer.create")) notFound();
  const t = await getTranslations();
  const [options, owners] = await Promise.all([getFilterOptions(user), listAssignableOwners(user)]);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <nav aria-label={t("customers.detail.breadcrumb")} className="text-sm">
        <Link href="/customers" className="text-brand-700 hover:underline">
          {t("customers.list.title")}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t("customers.create.title")}</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <ProfileForm owners={owners} regions={options.regions} prefill={prefill} />
      </div>
    </div>
  );
}

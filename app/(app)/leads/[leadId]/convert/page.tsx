import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ConvertForm } from "@/components/leads/convert-form";
import { requireUser } from "@/lib/platform/auth/session";
import { findDuplicateCustomers } from "@/lib/customers/queries";
import { NotAllowedError } from "@/lib/platform/errors";
import { getLead } from "@/lib/leads/mutations";
import { conversionDefaults, duplicateProbe } from "@/lib/leads/rules/conversion";
import { canConvert } from "@/lib/leads/rules/status";
import { now } from "@/lib/platform/clock";
import { requireIdParam } from "@/lib/platform/ids";

type Props = { params: Promise<{ leadId: string }> };

export async function generateMetadata() {
  const t = await getTranslations("leads");
  return { title: t("convert.title") };
}

export default async function ConvertLeadPage({ params }: Props) {
  const user = await requireUser();
  const id = requireIdParam((await params).leadId);
  const lead = await getLead(user, id).catch((error: unknown) => {
    if (error instanceof NotAllowedError) notFound();
    throw error;
  });
  const t = await getTranslations("leads");
  const defaults = conversionDefaults(lead, now());
  const convertible = lead.can.edit && canConvert(lead.status);
  // The same duplicate check as creating a customer by hand, run before the user decides.
  const candidates = convertible ? await findDuplicateCustomers(user, duplicateProbe(lead, defaults.customerName, defaults.region)) : [];
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-4">
      <nav aria-label={t("detail.breadcrumb")} className="text-sm">
        <Link href={`/leads/${lead.id}`} className="text-brand-700 hover:underline">
          {lead.name}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t("convert.title")}</h1>
      {convertible ? (
        <>
          <p className="text-sm text-slate-600">{t("convert.intro")}</p>
          <ConvertForm leadId={lead.id} version={lead.version} snapshot={lead.snapshot} defaults={defaults} candidates={candidates} />
        </>
      ) : (
        <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">{lead.status === "CONVERTED" ? t("convert.already") : t("convert.notQualified")}</p>
      )}
    </div>
  );
}

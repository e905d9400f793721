import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OpportunityForm } from "@/components/opportunities/opportunity-form";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { getCustomer } from "@/lib/customers/mutations";
import { getOpportunityFormOptions } from "@/lib/opportunities/mutations";
import { parseIdParam } from "@/lib/platform/id-param";

export async function generateMetadata() {
  const t = await getTranslations("opportunities");
  return { title: t("create.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewOpportunityPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, "opportunity.edit")) notFound();
  const params = await searchParams;
  const t = await getTranslations();
  const customerId = parseIdParam(params.customerId);
  const [options, customer] = await Promise.all([
    getOpportunityFormOptions(user),
    customerId !== null ? getCustomer(user, customerId) : Promise.resolve(null),
  ]);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-semibold text-slate-900">{t("opportunities.create.title")}</h1>
      <Card>
        <OpportunityForm options={options} presetCustomer={customer ? { id: customer.id, name: customer.name } : null} />
      </Card>
    </div>
  );
}

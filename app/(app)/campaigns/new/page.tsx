import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { campaignFormOptions } from "@/lib/campaigns/queries";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { parseIdParam } from "@/lib/platform/id-param";
import { localDateOf } from "@/lib/platform/time-zone";
import { now } from "@/lib/platform/clock";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("campaigns");
  return { title: t("form.newTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * A new draft campaign. `?audience=<the customer list's query string>` (the list's "Use as campaign
 * audience" link) or `?segment=<id>` preselects the audience.
 */
export default async function NewCampaignPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, "campaign.edit")) notFound();
  const params = await searchParams;
  const [t, options] = await Promise.all([getTranslations(), campaignFormOptions(user)]);
  const filter = one(params.audience)?.slice(0, 2000);
  const segment = parseIdParam(one(params.segment));
  const today = localDateOf(now(), options.timeZone);
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-4">
      <h1 className="text-2xl font-semibold text-slate-900">{t("campaigns.form.newTitle")}</h1>
      <CampaignForm
        initial={{
          launched: false,
          name: "",
          type: "EMAIL",
          description: "",
          objective: "",
          offer: "",
          startDate: today,
          endDate: today,
          budget: "0.00",
          expectedResponses: "",
          ownerId: String(user.id),
          graceDays: "30",
          attributePromotedOnly: false,
          holdoutPct: "10",
          fatigueDays: "",
          promotedProductIds: [],
          promotedCategoryIds: [],
          audience: filter !== undefined && segment === null ? "filters" : "segment",
          segmentId: segment !== null ? String(segment) : "",
          audienceFilter: filter ?? "",
        }}
        owners={options.owners}
        segments={options.segments}
        products={options.products}
        categories={options.categories}
        timeZone={options.timeZone}
      />
    </div>
  );
}

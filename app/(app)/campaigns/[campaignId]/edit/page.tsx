import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { campaignFormOptions, getCampaign } from "@/lib/campaigns/queries";
import { isLaunched } from "@/lib/campaigns/rules/status";
import { requireUser } from "@/lib/platform/auth/session";
import { parseIdParam } from "@/lib/platform/id-param";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("campaigns");
  return { title: t("form.editTitle") };
}

type Props = { params: Promise<{ campaignId: string }> };

/** Edits a campaign at the version loaded; after the launch its audience settings are shown, not editable. */
export default async function EditCampaignPage({ params }: Props) {
  const user = await requireUser();
  const id = parseIdParam((await params).campaignId);
  if (id === null) notFound();
  const campaign = await getCampaign(user, id);
  if (!campaign || !campaign.canEdit || campaign.status === "COMPLETED" || campaign.status === "CANCELLED") notFound();
  const [t, options] = await Promise.all([getTranslations(), campaignFormOptions(user)]);
  const owners = options.owners.some((o) => o.id === campaign.ownerId) ? options.owners : [...options.owners, { id: campaign.ownerId, name: campaign.ownerName }];
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-4">
      <h1 className="text-2xl font-semibold text-slate-900">{t("campaigns.form.editHeading", { name: campaign.name })}</h1>
      <CampaignForm
        initial={{
          id: campaign.id,
          version: campaign.version,
          snapshot: campaign.snapshot,
          launched: isLaunched(campaign.status),
          name: campaign.name,
          type: campaign.type,
          description: campaign.description ?? "",
          objective: campaign.objective ?? "",
          offer: campaign.offer ?? "",
          startDate: campaign.startDate,
          endDate: campaign.endDate,
          budget: campaign.budget,
          expectedResponses: campaign.expectedResponses === null ? "" : String(campaign.expectedResponses),
          ownerId: String(campaign.ownerId),
          graceDays: String(campaign.graceDays),
          attributePromotedOnly: campaign.attributePromotedOnly,
          holdoutPct: String(campaign.holdoutPct),
          fatigueDays: campaign.fatigueDays === null ? "" : String(campaign.fatigueDays),
          promotedProductIds: campaign.promotedProducts.map((p) => p.id),
          promotedCategoryIds: campaign.promotedCategories.map((c) => c.id),
          audience: campaign.audience,
          segmentId: campaign.segment ? String(campaign.segment.id) : "",
          audienceFilter: campaign.audienceFilter,
        }}
        owners={owners}
        segments={options.segments}
        products={options.products}
        categories={options.categories}
        timeZone={options.timeZone}
      />
    </div>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OpportunityForm } from "@/components/opportunities/opportunity-form";
import { OpportunityRelatedSections } from "@/components/opportunities/opportunity-related";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/platform/auth/session";
import { getOpportunity, getOpportunityFormOptions, getOpportunityRelated } from "@/lib/opportunities/mutations";
import { formatMoney } from "@/lib/platform/format";
import { requireIdParam } from "@/lib/platform/ids";
import { can } from "@/lib/platform/auth/permissions";
import { HistoryLink } from "@/components/audit/history-link";

type Props = { params: Promise<{ opportunityId: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations("opportunities");
  return { title: `${t("detail.title")} #${(await params).opportunityId}` };
}

export default async function OpportunityPage({ params }: Props) {
  const user = await requireUser();
  const id = requireIdParam((await params).opportunityId);
  const opportunity = await getOpportunity(user, id);
  if (!opportunity) notFound();
  const t = await getTranslations();
  const [related, options] = await Promise.all([getOpportunityRelated(user, id), getOpportunityFormOptions(user)]);
  const closed = opportunity.stage === "WON" || opportunity.stage === "LOST";
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4">
      <nav aria-label={t("opportunities.detail.breadcrumb")} className="text-sm">
        <Link href="/opportunities" className="text-brand-700 hover:underline">
          {t("opportunities.list.title")}
        </Link>{" "}
        /{" "}
        <Link href="/opportunities/board" className="text-brand-700 hover:underline">
          {t("opportunities.board.title")}
        </Link>
      </nav>
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{opportunity.name}</h1>
          <p className="text-sm text-slate-600">
            <Link href={`/customers/${opportunity.customer.id}`} className="text-brand-700 hover:underline">
              {opportunity.customer.name}
            </Link>{" "}
            · {formatMoney(opportunity.amount)} · {opportunity.owner.name}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <Badge tone={opportunity.stage === "WON" ? "green" : opportunity.stage === "LOST" ? "red" : "brand"} data-testid="opportunity-stage">
            {t(`enums.oppStage.${opportunity.stage}`)}
          </Badge>
          {opportunity.orderId ? (
            <Link href={`/customers/${opportunity.customer.id}`} className="text-sm text-brand-700 underline">
              {t("opportunities.detail.order", { id: opportunity.orderId })}
            </Link>
          ) : null}
          {can(user, "audit.read") ? <HistoryLink entity="Opportunity" id={id} /> : null}
        </div>
      </header>
      <Card aria-labelledby="edit-h">
        <h2 id="edit-h" className="mb-3 text-lg font-semibold">
          {t("opportunities.detail.editTitle")}
        </h2>
        <OpportunityForm opportunity={opportunity} options={options} readOnly={!opportunity.can.edit} />
      </Card>
      <OpportunityRelatedSections opportunityId={id} related={related} canQuote={opportunity.can.edit && !closed} />
    </div>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { QuoteEditor } from "@/components/quotes/quote-editor";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/platform/auth/session";
import { getOpportunity } from "@/lib/opportunities/mutations";
import { listQuoteProducts } from "@/lib/quotes/mutations";
import { requireIdParam } from "@/lib/platform/ids";
import { readDiscountApprovalThreshold } from "@/lib/settings/queries";

type Props = { params: Promise<{ opportunityId: string }> };

export async function generateMetadata() {
  const t = await getTranslations("quotes");
  return { title: t("new") };
}

export default async function NewQuotePage({ params }: Props) {
  const user = await requireUser();
  const id = requireIdParam((await params).opportunityId);
  const opportunity = await getOpportunity(user, id);
  if (!opportunity || !opportunity.can.edit) notFound();
  const t = await getTranslations();
  const [products, threshold] = await Promise.all([listQuoteProducts(user), readDiscountApprovalThreshold()]);
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4">
      <nav aria-label={t("opportunities.detail.breadcrumb")} className="text-sm">
        <Link href={`/opportunities/${id}`} className="text-brand-700 hover:underline">
          {opportunity.name}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold text-slate-900">{t("quotes.new")}</h1>
      <Card>
        <QuoteEditor opportunityId={id} products={products} thresholdPct={threshold.discountApprovalPct} />
      </Card>
    </div>
  );
}

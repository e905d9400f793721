import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { QuoteActions } from "@/components/quotes/quote-actions";
import { QuoteEditor } from "@/components/quotes/quote-editor";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/platform/auth/session";
import { getQuote, listQuoteProducts } from "@/lib/quotes/mutations";
import { formatDate, formatMoney } from "@/lib/platform/format";
import { formatCents, parseCents } from "@/lib/platform/money";
import { requireIdParam } from "@/lib/platform/ids";

type Props = { params: Promise<{ opportunityId: string; quoteId: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations("quotes");
  return { title: t("name", { id: (await params).quoteId }) };
}

/** The quote as the customer sees it (printable: the page's chrome hides in print), then its actions. */
export default async function QuotePage({ params }: Props) {
  const user = await requireUser();
  const { opportunityId, quoteId } = await params;
  const quote = await getQuote(user, requireIdParam(quoteId));
  if (!quote || String(quote.opportunityId) !== opportunityId) notFound();
  const t = await getTranslations();
  const editable = quote.status === "DRAFT" && quote.can.edit;
  const products = editable ? await listQuoteProducts(user) : [];
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4">
      <nav aria-label={t("opportunities.detail.breadcrumb")} className="text-sm print:hidden">
        <Link href={`/opportunities/${quote.opportunityId}`} className="text-brand-700 hover:underline">
          {quote.opportunityName}
        </Link>
      </nav>
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">{t("quotes.name", { id: quote.id })}</h1>
          <p className="text-sm text-slate-600">
            {quote.customer.name} · {formatDate(quote.createdAt)}
            {quote.validUntil ? ` · ${t("quotes.validUntil", { date: quote.validUntil })}` : ""}
          </p>
        </div>
        <Badge tone={quote.status === "ACCEPTED" ? "green" : quote.status === "REJECTED" ? "red" : quote.status === "SENT" ? "brand" : "neutral"} data-testid="quote-status">
          {t(`quotes.status.${quote.status}`)}
        </Badge>
      </header>
      <Card aria-labelledby="ql-h">
        <h2 id="ql-h" className="text-lg font-semibold">
          {t("quotes.editor.lines")}
        </h2>
        <table className="mt-2 min-w-full text-sm" data-testid="quote-lines">
          <thead className="text-left text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-2">{t("quotes.fields.product")}</th>
              <th scope="col" className="py-1 pr-2 text-right">{t("quotes.fields.quantity")}</th>
              <th scope="col" className="py-1 pr-2 text-right">{t("quotes.fields.unitPrice")}</th>
              <th scope="col" className="py-1 pr-2 text-right">{t("quotes.fields.lineDiscount")}</th>
              <th scope="col" className="py-1 text-right">{t("quotes.fields.lineTotal")}</th>
            </tr>
          </thead>
          <tbody>
            {quote.lines.map((l) => (
              <tr key={l.id} className="border-t border-slate-100">
                <td className="py-1 pr-2">
                  {l.productName} <span className="text-xs text-slate-500">{l.sku}</span>
                </td>
                <td className="py-1 pr-2 text-right tabular-nums">{l.quantity}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{formatMoney(l.unitPrice)}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{l.discountPct}%</td>
                <td className="py-1 text-right tabular-nums">{formatMoney(l.lineTotal)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t border-slate-200">
              <th scope="row" colSpan={4} className="py-1 pr-2 text-right font-normal text-slate-600">{t("quotes.fields.subtotal")}</th>
              <td className="py-1 text-right tabular-nums">{formatMoney(quote.subtotal)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={4} className="py-1 pr-2 text-right font-normal text-slate-600">{t("quotes.fields.quoteDiscountValue", { pct: quote.discountPct })}</th>
              <td className="py-1 text-right tabular-nums">{formatMoney(formatCents((parseCents(quote.total) ?? 0n) - (parseCents(quote.subtotal) ?? 0n)))}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={4} className="py-1 pr-2 text-right font-semibold">{t("quotes.fields.total")}</th>
              <td className="py-1 text-right font-semibold tabular-nums" data-testid="quote-total">{formatMoney(quote.total)}</td>
            </tr>
          </tfoot>
        </table>
        {quote.notes ? <p className="mt-3 whitespace-pre-wrap text-sm text-slate-700">{quote.notes}</p> : null}
        <p className="mt-3 text-xs text-slate-500">{t("quotes.rounding")}</p>
      </Card>
      <div className="print:hidden">
        <QuoteActions quote={quote} />
        {quote.orderId ? (
          <p className="mt-2 text-sm">
            <Link href={`/customers/${quote.customer.id}`} className="text-brand-700 underline">
              {t("quotes.orderOnCustomer", { id: quote.orderId })}
            </Link>
          </p>
        ) : null}
      </div>
      {editable ? (
        <Card aria-labelledby="qe-h" className="print:hidden">
          <h2 id="qe-h" className="mb-3 text-lg font-semibold">
            {t("quotes.editor.editTitle")}
          </h2>
          <QuoteEditor opportunityId={quote.opportunityId} products={products} quote={quote} />
        </Card>
      ) : null}
    </div>
  );
}

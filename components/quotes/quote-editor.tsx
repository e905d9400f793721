"use client";

import { Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { VersionBase } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import { type QuoteResult, saveQuoteAction } from "@/lib/quotes/actions";
import type { QuoteDto, QuoteProduct } from "@/lib/quotes/mutations";
import { formatMoney } from "@/lib/platform/format";
import { formatCents, parseBasisPoints, parseCents } from "@/lib/platform/money";
import { needsDiscountApproval } from "@/lib/quotes/rules/quote-approval";
import { quoteTotals } from "@/lib/quotes/rules/quote-totals";
import { QuoteConflictPanel } from "./quote-conflict-panel";

type Line = { key: number; productId: string; quantity: string; unitPrice: string; discountPct: string };
/** `thresholdPct`: the discount approval threshold for a new quote (an existing one carries its own). */
type Props = { opportunityId: number; products: QuoteProduct[]; quote?: QuoteDto; thresholdPct?: string };

let nextKey = 1;

/**
 * Lines with a product picker (unit price defaults to the list price), quantities and discounts. The
 * totals preview uses the same pure function as the server, which recomputes them on save.
 */
export function QuoteEditor({ opportunityId, products, quote, thresholdPct }: Props) {
  const t = useTranslations();
  const router = useRouter();
  const [lines, setLines] = useState<Line[]>(
    quote?.lines.map((l) => ({ key: nextKey++, productId: String(l.productId), quantity: String(l.quantity), unitPrice: l.unitPrice, discountPct: l.discountPct })) ?? [
      { key: nextKey++, productId: "", quantity: "1", unitPrice: "", discountPct: "0" },
    ],
  );
  const [discountPct, setDiscountPct] = useState(quote?.discountPct ?? "0");
  const [validUntil, setValidUntil] = useState(quote?.validUntil ?? "");
  const [notes, setNotes] = useState(quote?.notes ?? "");
  const [result, setResult] = useState<QuoteResult>(null);
  // The version this editor saves against: the loaded one, or after "save mine" the one stored now.
  const [base, setBase] = useState<VersionBase | null>(quote ? { version: quote.version, snapshot: quote.snapshot } : null);
  const conflict = result && !result.ok ? result.conflict : undefined;
  const [pending, startTransition] = useTransition();
  const errors = result && !result.ok ? result.fieldErrors : {};
  const err = (path: string) => (errors[path] ? t(errors[path]) : undefined);

  const preview = useMemo(() => {
    const parsed = lines.map((l) => ({ quantity: Number(l.quantity), unitPriceCents: parseCents(l.unitPrice || "0"), discountBp: parseBasisPoints(l.discountPct || "0") }));
    const quoteBp = parseBasisPoints(discountPct || "0");
    if (quoteBp === null || parsed.some((p) => p.unitPriceCents === null || p.discountBp === null || !Number.isInteger(p.quantity) || p.quantity < 0)) return null;
    return quoteTotals(parsed.map((p) => ({ quantity: p.quantity, unitPriceCents: p.unitPriceCents!, discountBp: p.discountBp! })), quoteBp);
  }, [lines, discountPct]);

  // Said before saving: these discounts will need a manager's approval before the quote is sent.
  const threshold = quote ? quote.approvalThresholdPct : (thresholdPct ?? null);
  const thresholdBp = threshold === null ? null : parseBasisPoints(threshold);
  const aboveThreshold = useMemo(() => {
    const quoteBp = parseBasisPoints(discountPct || "0");
    const lineBps = lines.map((l) => parseBasisPoints(l.discountPct || "0"));
    if (thresholdBp === null || quoteBp === null || lineBps.some((bp) => bp === null)) return false;
    return needsDiscountApproval({ discountBp: quoteBp, lineDiscountBps: lineBps.filter((bp) => bp !== null) }, thresholdBp);
  }, [lines, discountPct, thresholdBp]);

  const update = (key: number, patch: Partial<Line>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const save = (against: VersionBase | null = base) =>
    startTransition(async () => {
      const outcome = await saveQuoteAction({
        opportunityId,
        quoteId: quote?.id,
        version: against?.version,
        snapshot: against?.snapshot,
        discountPct,
        validUntil,
        notes,
        lines: lines.map(({ productId, quantity, unitPrice, discountPct: d }) => ({ productId, quantity, unitPrice, discountPct: d })),
      });
      setResult(outcome);
      if (outcome?.ok && outcome.quoteId) router.push(`/opportunities/${opportunityId}/quotes/${outcome.quoteId}`);
    });

  return (
    <form
      noValidate
      aria-label={t("quotes.editor.title")}
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      {result && !result.ok && result.message ? <FormMessage tone="error">{t(result.message)}</FormMessage> : null}
      {conflict ? (
        <QuoteConflictPanel
          conflict={conflict}
          onOverwrite={() => {
            const next = { version: conflict.version, snapshot: conflict.current };
            setBase(next);
            save(next);
          }}
          pending={pending}
        />
      ) : null}
      {err("lines") ? <FormMessage tone="error">{err("lines")}</FormMessage> : null}
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="sr-only">{t("quotes.editor.lines")}</caption>
          <thead className="text-left text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-2">{t("quotes.fields.product")}</th>
              <th scope="col" className="py-1 pr-2">{t("quotes.fields.quantity")}</th>
              <th scope="col" className="py-1 pr-2">{t("quotes.fields.unitPrice")}</th>
              <th scope="col" className="py-1 pr-2">{t("quotes.fields.lineDiscount")}</th>
              <th scope="col" className="py-1 pr-2 text-right">{t("quotes.fields.lineTotal")}</th>
              <th scope="col" className="py-1"><span className="sr-only">{t("quotes.editor.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, i) => (
              <tr key={line.key} className="align-top" data-testid={`quote-line-${i}`}>
                <td className="py-1 pr-2">
                  <SelectField
                    id={`ql-${i}-product`}
                    label={t("quotes.editor.lineLabel", { n: i + 1, field: t("quotes.fields.product") })}
                    className="min-w-48"
                    value={line.productId}
                    error={err(`lines.${i}.productId`)}
                    onChange={(e) => {
                      const product = products.find((p) => String(p.id) === e.target.value);
                      update(line.key, { productId: e.target.value, unitPrice: product ? product.listPrice : line.unitPrice });
                    }}
                  >
                    <option value="">{t("quotes.editor.chooseProduct")}</option>
                    {products.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name} ({p.sku}) · {formatMoney(p.listPrice)}
                      </option>
                    ))}
                  </SelectField>
                </td>
                <td className="py-1 pr-2">
                  <Field id={`ql-${i}-quantity`} label={t("quotes.editor.lineLabel", { n: i + 1, field: t("quotes.fields.quantity") })} type="number" min={1} className="w-20" value={line.quantity} error={err(`lines.${i}.quantity`)} onChange={(e) => update(line.key, { quantity: e.target.value })} />
                </td>
                <td className="py-1 pr-2">
                  <Field id={`ql-${i}-unitPrice`} label={t("quotes.editor.lineLabel", { n: i + 1, field: t("quotes.fields.unitPrice") })} inputMode="decimal" className="w-28" value={line.unitPrice} error={err(`lines.${i}.unitPrice`)} onChange={(e) => update(line.key, { unitPrice: e.target.value })} />
                </td>
                <td className="py-1 pr-2">
                  <Field id={`ql-${i}-discountPct`} label={t("quotes.editor.lineLabel", { n: i + 1, field: t("quotes.fields.lineDiscount") })} inputMode="decimal" className="w-20" value={line.discountPct} error={err(`lines.${i}.discountPct`)} onChange={(e) => update(line.key, { discountPct: e.target.value })} />
                </td>
                <td className="py-1 pr-2 pt-8 text-right tabular-nums">{preview ? formatMoney(formatCents(preview.lineTotals[i] ?? 0n)) : "—"}</td>
                <td className="py-1 pt-7">
                  <Button variant="ghost" aria-label={t("quotes.editor.removeLine", { n: i + 1 })} disabled={lines.length === 1} onClick={() => setLines((ls) => ls.filter((l) => l.key !== line.key))}>
                    <Trash2 className="h-4 w-4" aria-hidden="true" />
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <Button variant="secondary" onClick={() => setLines((ls) => [...ls, { key: nextKey++, productId: "", quantity: "1", unitPrice: "", discountPct: "0" }])}>
          <Plus className="h-4 w-4" aria-hidden="true" />
          {t("quotes.editor.addLine")}
        </Button>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="q-discountPct" label={t("quotes.fields.quoteDiscount")} inputMode="decimal" value={discountPct} error={err("discountPct")} onChange={(e) => setDiscountPct(e.target.value)} />
        <Field id="q-validUntil" type="date" label={t("quotes.fields.validUntil")} value={validUntil} error={err("validUntil")} onChange={(e) => setValidUntil(e.target.value)} />
        <dl className="grid grid-cols-2 gap-x-3 text-sm" aria-live="polite" data-testid="quote-preview">
          <dt className="text-slate-600">{t("quotes.fields.subtotal")}</dt>
          <dd className="text-right tabular-nums">{preview ? formatMoney(formatCents(preview.subtotal)) : "—"}</dd>
          <dt className="text-slate-600">{t("quotes.fields.discount")}</dt>
          <dd className="text-right tabular-nums">{preview ? formatMoney(formatCents(-preview.discount)) : "—"}</dd>
          <dt className="font-semibold">{t("quotes.fields.total")}</dt>
          <dd className="text-right font-semibold tabular-nums">{preview ? formatMoney(formatCents(preview.total)) : "—"}</dd>
        </dl>
      </div>
      <TextareaField id="q-notes" label={t("quotes.fields.notes")} rows={2} value={notes} error={err("notes")} onChange={(e) => setNotes(e.target.value)} />
      <p className="text-xs text-slate-500">{t("quotes.rounding")}</p>
      <div aria-live="polite" className="flex flex-col gap-1 text-sm text-amber-900" data-testid="quote-editor-approval">
        {threshold !== null && aboveThreshold ? <p>{t("quotes.approval.needed", { pct: threshold })}</p> : null}
        {quote?.approvedBy ? <p>{t("quotes.approval.editWithdraws", { name: quote.approvedBy })}</p> : null}
      </div>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? t("opportunities.form.saving") : t("quotes.editor.save")}
        </Button>
      </div>
    </form>
  );
}

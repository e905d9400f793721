"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { bulkAction, type CustomerFormResult } from "@/lib/customers/actions";
import type { CustomerListItem } from "@/lib/customers/queries";
import type { BulkTargets } from "@/lib/customers/mutations";
import { formatDate, formatMoney, formatPercent } from "@/lib/platform/format";
import { AddSelectionForm } from "@/components/segments/add-selection-form";
import { SaveSelectionForm } from "@/components/segments/save-selection-form";
import { TierBadge } from "./tier-badge";

export type SortLink = { key: string; label: string; href: string; active: boolean; dir: "asc" | "desc" };

type Props = {
  items: CustomerListItem[];
  sortLinks: SortLink[];
  targets: BulkTargets;
  /** The export link of the current filtered list (the selection adds its ids). */
  exportHref: string | null;
  /** May the user create segments (the selection can then be saved as a static one)? */
  canSaveSegment?: boolean;
};

function BulkForm({ kind, ids, children, label }: { kind: string; ids: number[]; children: React.ReactNode; label: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CustomerFormResult, FormData>(bulkAction, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" aria-label={label}>
      <input type="hidden" name="bulk" value={kind} />
      {ids.map((id) => (
        <input key={id} type="hidden" name="ids" value={id} />
      ))}
      {children}
      <Button type="submit" variant="secondary" disabled={pending || ids.length === 0}>
        {label}
      </Button>
      {state && state.ok ? <FormMessage tone="success">{t(state.message ?? "common.save", { count: state.count ?? 0 })}</FormMessage> : null}
      {state && !state.ok ? (
        <FormMessage tone="error">{t(state.message ?? Object.values(state.fieldErrors)[0] ?? "errors.notAllowed")}</FormMessage>
      ) : null}
    </form>
  );
}

/** One bulk action: a choice of target (owner, segment, campaign) applied to the selection. Hidden when there is no target. */
function BulkTarget({ kind, ids, label, field, fieldLabel, options }: { kind: string; ids: number[]; label: string; field: string; fieldLabel: string; options: { id: number; name: string }[] }) {
  if (options.length === 0) return null;
  return (
    <BulkForm kind={kind} ids={ids} label={label}>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-slate-700">{fieldLabel}</span>
        <select name={field} required className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
    </BulkForm>
  );
}

/** The list as an accessible table with row selection and the bulk actions for the selection. */
export function CustomerTable({ items, sortLinks, targets, exportHref, canSaveSegment = false }: Props) {
  const t = useTranslations();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const ids = items.map((c) => c.id).filter((id) => selected.has(id));
  const allSelected = items.length > 0 && ids.length === items.length;
  const toggle = (id: number) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const baseId = useId();
  const sortHeader = (key: string) => {
    const link = sortLinks.find((l) => l.key === key);
    if (!link) return null;
    return (
      <Link href={link.href} className="inline-flex items-center gap-1 hover:underline">
        {link.label}
        {link.active ? <span aria-hidden>{link.dir === "asc" ? "▲" : "▼"}</span> : null}
      </Link>
    );
  };
  const ariaSort = (key: string): "ascending" | "descending" | undefined => {
    const link = sortLinks.find((l) => l.key === key && l.active);
    return link ? (link.dir === "asc" ? "ascending" : "descending") : undefined;
  };
  // No export link at all for a role that may not export (an agent).
  const selectionExport = exportHref === null ? null : ids.length > 0 ? `/customers/export?ids=${ids.join(",")}` : exportHref;

  return (
    <div className="flex flex-col gap-3">
      <section aria-label={t("customers.bulk.label")} className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-3">
        <p className="text-sm text-slate-600" aria-live="polite">
          {t("customers.bulk.selected", { count: ids.length })}
        </p>
        <BulkTarget kind="assign" ids={ids} label={t("customers.bulk.assign")} field="ownerId" fieldLabel={t("customers.fields.owner")} options={targets.owners} />
        <AddSelectionForm ids={ids} segments={targets.segments} />
        {canSaveSegment ? <SaveSelectionForm ids={ids} /> : null}
        {selectionExport ? (
          <Button variant="secondary" asChild>
            <a href={selectionExport} download>
              {ids.length > 0 ? t("customers.bulk.exportSelected") : t("customers.bulk.exportAll")}
            </a>
          </Button>
        ) : null}
      </section>

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("customers.list.caption")}</caption>
          <thead className="bg-slate-50 text-xs uppercase text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                <input
                  type="checkbox"
                  aria-label={t("customers.bulk.selectAll")}
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((c) => c.id)))}
                />
              </th>
              <th scope="col" className="px-3 py-2" aria-sort={ariaSort("name")}>
                {sortHeader("name")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("customers.fields.region")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("customers.fields.owner")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("customers.fields.tier")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("customers.fields.stage")}
              </th>
              <th scope="col" className="px-3 py-2 text-right" aria-sort={ariaSort("spend")}>
                {sortHeader("spend")}
              </th>
              <th scope="col" className="px-3 py-2 text-right" aria-sort={ariaSort("clv")}>
                {sortHeader("clv")}
              </th>
              <th scope="col" className="px-3 py-2" aria-sort={ariaSort("lastPurchase")}>
                {sortHeader("lastPurchase")}
              </th>
              <th scope="col" className="px-3 py-2 text-right" aria-sort={ariaSort("churn")}>
                {sortHeader("churn")}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id} className="border-t border-slate-100 hover:bg-slate-50">
                <td className="px-3 py-2">
                  <input type="checkbox" id={`${baseId}-${c.id}`} aria-label={t("customers.bulk.select", { name: c.name })} checked={selected.has(c.id)} onChange={() => toggle(c.id)} />
                </td>
                <th scope="row" className="px-3 py-2 font-medium">
                  <Link href={`/customers/${c.id}`} className="text-brand-700 hover:underline">
                    {c.name}
                  </Link>
                  <span className="block text-xs font-normal text-slate-500">
                    {t(`enums.kind.${c.kind}`)}
                    {c.email ? ` · ${c.email}` : ""}
                  </span>
                  {c.dncPhone || c.dncEmail || c.dncMail || c.dncSms ? (
                    <Badge tone="red" className="mt-1">
                      {t("customers.dnc.badge")}
                    </Badge>
                  ) : null}
                </th>
                <td className="px-3 py-2">{c.region}</td>
                <td className="px-3 py-2">{c.ownerName ?? <span className="text-slate-500">{t("customers.unassigned")}</span>}</td>
                <td className="px-3 py-2">
                  <TierBadge tier={c.tier} />
                </td>
                <td className="px-3 py-2">{t(`enums.stage.${c.lifecycleStage}`)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatMoney(c.totalSpend)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatMoney(c.predictedClv)}</td>
                <td className="px-3 py-2 tabular-nums">{formatDate(c.lastPurchaseAt)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatPercent(c.churnRisk)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { removeStaticMembersAction, type SegmentFormResult } from "@/lib/segments/actions";

export type MemberRow = { id: number; name: string; region: string; ownerName: string | null };

/** A static segment's members (first page) with removal of the checked ones. */
export function StaticMembers({ segmentId, members, more, canEdit }: { segmentId: number; members: MemberRow[]; more: boolean; canEdit: boolean }) {
  const t = useTranslations("segments");
  const tAll = useTranslations();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [state, action, pending] = useActionState<SegmentFormResult, FormData>(removeStaticMembersAction, null);
  if (members.length === 0) return <p className="text-sm text-slate-600">{t("members.empty")}</p>;
  // After a removal the page shows the members left: a choice of one who is gone no longer counts.
  const chosen = members.filter((m) => selected.has(m.id)).map((m) => m.id);
  const toggle = (id: number) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <form action={action} className="flex flex-col gap-2" aria-label={t("members.title")}>
      <input type="hidden" name="id" value={segmentId} />
      {chosen.map((id) => (
        <input key={id} type="hidden" name="ids" value={id} />
      ))}
      {state?.ok ? <FormMessage tone="success">{t("members.removed", { count: state.removed ?? 0 })}</FormMessage> : null}
      {state && !state.ok ? <FormMessage tone="error">{tAll(state.message ?? Object.values(state.fieldErrors)[0] ?? "errors.unexpected")}</FormMessage> : null}
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("members.title")}</caption>
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            {canEdit ? (
              <th scope="col" className="w-8 py-1">
                <span className="sr-only">{t("members.select")}</span>
              </th>
            ) : null}
            <th scope="col" className="py-1 pr-2">
              {t("preview.customer")}
            </th>
            <th scope="col" className="py-1 pr-2">
              {t("preview.region")}
            </th>
            <th scope="col" className="py-1">
              {t("members.owner")}
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} className="border-t border-slate-100">
              {canEdit ? (
                <td className="py-1">
                  <input type="checkbox" aria-label={t("members.selectOne", { name: m.name })} checked={selected.has(m.id)} onChange={() => toggle(m.id)} />
                </td>
              ) : null}
              <td className="py-1 pr-2">
                <Link href={`/customers/${m.id}`} className="text-brand-700 hover:underline">
                  {m.name}
                </Link>
              </td>
              <td className="py-1 pr-2">{m.region}</td>
              <td className="py-1">{m.ownerName ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-wrap items-center gap-3">
        {canEdit ? (
          <Button type="submit" variant="danger" disabled={pending || chosen.length === 0} aria-busy={pending}>
            {t("members.remove", { count: chosen.length })}
          </Button>
        ) : null}
        {more ? (
          <Link href={`/customers?segment=${segmentId}`} className="text-sm text-brand-700 hover:underline">
            {t("members.all")}
          </Link>
        ) : null}
      </div>
    </form>
  );
}

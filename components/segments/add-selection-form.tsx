"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { addStaticMembersAction, type SegmentFormResult } from "@/lib/segments/actions";

/**
 * A bulk action of the customer list: the checked customers join an existing static segment. Only
 * static lists take hand-picked members (a dynamic segment's members are its rule's), and the
 * segments feature writes them with their membership history.
 */
export function AddSelectionForm({ ids, segments }: { ids: number[]; segments: { id: number; name: string }[] }) {
  const t = useTranslations("segments");
  const tAll = useTranslations();
  const selectId = useId();
  const [state, action, pending] = useActionState<SegmentFormResult, FormData>(addStaticMembersAction, null);
  if (segments.length === 0) return null;
  const failed = state && !state.ok ? state : null;
  const error = failed ? (failed.fieldErrors.id ?? failed.fieldErrors.ids ?? failed.message) : null;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" aria-label={t("bulk.addToStatic")}>
      {ids.map((id) => (
        <input key={id} type="hidden" name="ids" value={id} />
      ))}
      <label htmlFor={selectId} className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-slate-700">{t("bulk.staticSegment")}</span>
        <select id={selectId} name="id" required className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
          {segments.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="secondary" disabled={pending || ids.length === 0} aria-busy={pending}>
        {t("bulk.addToStatic")}
      </Button>
      {state?.ok ? <FormMessage tone="success">{t("bulk.added", { count: state.added ?? 0 })}</FormMessage> : null}
      {error ? <FormMessage tone="error">{tAll(error)}</FormMessage> : null}
    </form>
  );
}

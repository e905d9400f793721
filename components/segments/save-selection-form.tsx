"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { createStaticFromIdsAction, type SegmentFormResult } from "@/lib/segments/actions";
import { SEGMENT_NAME_MAX } from "@/lib/segments/schema";

/** A bulk action of the customer list: the checked customers become a new static segment. */
export function SaveSelectionForm({ ids }: { ids: number[] }) {
  const t = useTranslations("segments");
  const tAll = useTranslations();
  const inputId = useId();
  const [state, action, pending] = useActionState<SegmentFormResult, FormData>(createStaticFromIdsAction, null);
  const failed = state && !state.ok ? state : null;
  const error = failed ? (failed.fieldErrors.name ?? failed.fieldErrors.ids ?? failed.message) : null;
  return (
    <form action={action} className="flex flex-wrap items-end gap-2" aria-label={t("bulk.saveAsStatic")}>
      {ids.map((id) => (
        <input key={id} type="hidden" name="ids" value={id} />
      ))}
      <label htmlFor={inputId} className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-slate-700">{t("bulk.name")}</span>
        <input id={inputId} name="name" required maxLength={SEGMENT_NAME_MAX} autoComplete="off" className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm" />
      </label>
      <Button type="submit" variant="secondary" disabled={pending || ids.length === 0} aria-busy={pending}>
        {t("bulk.saveAsStatic")}
      </Button>
      {state?.ok ? (
        <FormMessage tone="success">
          {t("bulk.created", { count: state.added ?? 0 })}{" "}
          {state.id ? (
            <Link href={`/segments/${state.id}`} className="underline">
              {t("bulk.open")}
            </Link>
          ) : null}
        </FormMessage>
      ) : null}
      {error ? <FormMessage tone="error">{tAll(error)}</FormMessage> : null}
    </form>
  );
}

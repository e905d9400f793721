"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { addStaticMembersFromCsvAction, type SegmentFormResult } from "@/lib/segments/actions";
import { TextFileInput } from "./text-file-input";
import { UnmatchedList } from "./unmatched-list";

/** Adds customers to a static list from a CSV file (or a pasted list) of customer ids. */
export function AddMembersForm({ segmentId }: { segmentId: number }) {
  const t = useTranslations("segments");
  const tAll = useTranslations();
  const [state, action, pending] = useActionState<SegmentFormResult, FormData>(addStaticMembersFromCsvAction, null);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={action} noValidate className="flex flex-col gap-3" aria-label={t("members.addTitle")}>
      <input type="hidden" name="id" value={segmentId} />
      {failed?.message && !failed.fieldErrors.csv ? <FormMessage tone="error">{tAll(failed.message)}</FormMessage> : null}
      {state?.ok ? <FormMessage tone="success">{t("members.added", { count: state.added ?? 0 })}</FormMessage> : null}
      {state?.ok && state.unmatched && state.unmatched.length > 0 ? <UnmatchedList values={state.unmatched} /> : null}
      <TextFileInput id="add-members-csv" name="csv" label={t("members.addFile")} hint={t("members.addHint")} accept=".csv,text/csv,text/plain" rows={3} error={failed?.fieldErrors.csv ? tAll(failed.fieldErrors.csv) : undefined} />
      <div>
        <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
          {t("members.add")}
        </Button>
      </div>
    </form>
  );
}

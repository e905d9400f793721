"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { createStaticFromCsvAction, type SegmentFormResult } from "@/lib/segments/actions";
import { SEGMENT_NAME_MAX } from "@/lib/segments/schema";
import { TextFileInput } from "./text-file-input";
import { UnmatchedList } from "./unmatched-list";

/** A static segment from a CSV of customer ids or external ids; what matched nobody is listed. */
export function StaticCsvForm() {
  const t = useTranslations("segments");
  const tAll = useTranslations();
  const [state, action, pending] = useActionState<SegmentFormResult, FormData>(createStaticFromCsvAction, null);
  const failed = state && !state.ok ? state : null;
  const err = (f: string) => (failed?.fieldErrors[f] ? tAll(failed.fieldErrors[f]) : undefined);
  return (
    <form action={action} noValidate className="flex flex-col gap-3" aria-label={t("csv.title")}>
      {failed?.message ? <FormMessage tone="error">{tAll(failed.message)}</FormMessage> : null}
      {state?.ok ? (
        <FormMessage tone="success">
          {t("csv.created", { added: state.added ?? 0 })}{" "}
          {state.id ? (
            <Link href={`/segments/${state.id}`} className="underline">
              {t("csv.open")}
            </Link>
          ) : null}
        </FormMessage>
      ) : null}
      {state?.ok && state.unmatched && state.unmatched.length > 0 ? <UnmatchedList values={state.unmatched} /> : null}
      <Field id="csv-name" name="name" label={t("form.name")} required maxLength={SEGMENT_NAME_MAX} defaultValue={failed?.values?.name ?? ""} error={err("name")} autoComplete="off" />
      <Field id="csv-description" name="description" label={t("form.description")} defaultValue={failed?.values?.description ?? ""} error={err("description")} />
      <TextFileInput id="csv-text" name="csv" label={t("csv.file")} hint={t("csv.hint")} accept=".csv,text/csv,text/plain" error={err("csv")} defaultValue={failed?.values?.csv} />
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? t("form.saving") : t("csv.submit")}
        </Button>
      </div>
    </form>
  );
}

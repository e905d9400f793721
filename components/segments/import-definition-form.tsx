"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { importDefinitionAction, type SegmentFormResult } from "@/lib/segments/actions";
import { SEGMENT_NAME_MAX } from "@/lib/segments/schema";
import { TextFileInput } from "./text-file-input";

/** A segment definition exported as JSON (from this or another Summit), imported as a new segment. */
export function ImportDefinitionForm() {
  const t = useTranslations("segments");
  const tAll = useTranslations();
  const [state, action, pending] = useActionState<SegmentFormResult, FormData>(importDefinitionAction, null);
  const failed = state && !state.ok ? state : null;
  const err = (f: string) => {
    const key = failed ? Object.entries(failed.fieldErrors).find(([k]) => k === f || k.startsWith(`${f}.`))?.[1] : undefined;
    return key ? tAll(key) : undefined;
  };
  return (
    <form action={action} noValidate className="flex flex-col gap-3" aria-label={t("import.title")}>
      {failed?.message ? <FormMessage tone="error">{tAll.has(failed.message) ? tAll(failed.message) : failed.message}</FormMessage> : null}
      <TextFileInput id="import-json" name="json" label={t("import.file")} hint={t("import.hint")} accept=".json,application/json" rows={4} error={err("json")} defaultValue={failed?.values?.json} />
      <Field id="import-name" name="name" label={t("import.name")} maxLength={SEGMENT_NAME_MAX} defaultValue={failed?.values?.name ?? ""} error={err("name")} autoComplete="off" />
      <div>
        <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
          {pending ? t("form.saving") : t("import.submit")}
        </Button>
      </div>
    </form>
  );
}

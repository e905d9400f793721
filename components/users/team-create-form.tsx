"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { createTeamAction, type TeamFormResult } from "@/lib/users/team-actions";

/** Adds a team by name; people join it on the users screen, then one of its managers can lead it. */
export function TeamCreateForm() {
  const t = useTranslations();
  const [result, action, pending] = useActionState<TeamFormResult, FormData>(createTeamAction, null);
  const errors = result && !result.ok ? result.fieldErrors : {};
  const submitted = result && !result.ok ? result.values : undefined;
  return (
    // A new key after each success empties the input.
    <form key={result?.ok ? "done" : "editing"} action={action} className="flex flex-col gap-4" noValidate>
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{t(result.message)}</FormMessage> : null}
      <div className="max-w-sm">
        <Field id="tc-name" name="name" label={t("users.teams.fields.name")} defaultValue={typeof submitted?.name === "string" ? submitted.name : ""} error={errors.name ? t(errors.name) : undefined} required maxLength={80} autoComplete="off" />
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("users.admin.saving") : t("users.teams.create.submit")}
        </Button>
      </div>
    </form>
  );
}

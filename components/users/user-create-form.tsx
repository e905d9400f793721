"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { createUserAction, type UserAdminFormResult } from "@/lib/users/admin-actions";
import { type TeamChoice, UserFormFields } from "./user-form-fields";

/** Adds an account with an initial password; the form empties itself after a success. */
export function UserCreateForm({ teams }: { teams: TeamChoice[] }) {
  const t = useTranslations();
  const [result, action, pending] = useActionState<UserAdminFormResult, FormData>(createUserAction, null);
  const errors = result && !result.ok ? result.fieldErrors : {};
  const submitted = result && !result.ok ? result.values : undefined;
  const email = typeof submitted?.email === "string" ? submitted.email : "";
  return (
    // A new key after each success resets the uncontrolled inputs.
    <form key={result?.ok ? "done" : "editing"} action={action} className="flex flex-col gap-4" noValidate>
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{t(result.message)}</FormMessage> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="uc-email" name="email" type="email" label={t("users.admin.fields.email")} defaultValue={email} error={errors.email ? t(errors.email) : undefined} required autoComplete="off" />
        <Field id="uc-password" name="password" type="password" label={t("users.admin.fields.password")} error={errors.password ? t(errors.password) : undefined} required autoComplete="new-password" />
        <UserFormFields idPrefix="uc" teams={teams} initial={{ name: "", role: "AGENT", teamId: null, skills: [], phoneExtension: null }} submitted={submitted} errors={errors} />
      </div>
      <p className="text-xs text-slate-500">{t("users.admin.create.hint")}</p>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("users.admin.saving") : t("users.admin.create.submit")}
        </Button>
      </div>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { createFirstAdminAction, type SetupFormResult } from "@/lib/users/setup-actions";

export function SetupForm({ token }: { token: string }) {
  const t = useTranslations();
  const [result, action, pending] = useActionState<SetupFormResult, FormData>(createFirstAdminAction, null);
  const failed = result && !result.ok ? result : null;
  const errors = failed?.fieldErrors ?? {};
  // A token the schema refuses has no field on screen: its message goes above the form.
  const message = failed ? (errors.token ?? failed.message) : null;
  const error = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  return (
    <form action={action} noValidate className="flex flex-col gap-4">
      {message ? <FormMessage tone="error">{t(message)}</FormMessage> : null}
      <input type="hidden" name="token" value={token} />
      <Field id="name" name="name" autoComplete="name" label={t("setup.name")} defaultValue={failed?.values?.name} error={error("name")} required />
      <Field id="email" name="email" type="email" autoComplete="username" label={t("setup.email")} defaultValue={failed?.values?.email} error={error("email")} required />
      <div className="flex flex-col gap-1">
        <Field id="password" name="password" type="password" autoComplete="new-password" label={t("setup.password")} error={error("password")} aria-describedby={errors.password ? "password-error password-hint" : "password-hint"} required />
        <p id="password-hint" className="text-xs text-slate-600">
          {t("setup.passwordHint")}
        </p>
      </div>
      <Field id="confirm" name="confirm" type="password" autoComplete="new-password" label={t("setup.confirm")} error={error("confirm")} required />
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? t("setup.submitting") : t("setup.submit")}
      </Button>
    </form>
  );
}

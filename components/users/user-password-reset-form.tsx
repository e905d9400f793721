"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { resetPasswordAction, type ResetPasswordFormResult } from "@/lib/users/password-actions";

/**
 * An admin's password reset: a generated temporary password (shown here once, never again) or one the
 * admin types. Either way the user must choose a new one at their next sign-in, and their open
 * sessions end at once.
 */
export function UserPasswordResetForm({ userId, userName }: { userId: number; userName: string }) {
  const t = useTranslations();
  const [result, action, pending] = useActionState<ResetPasswordFormResult, FormData>(resetPasswordAction, null);
  const [mode, setMode] = useState<"generate" | "set">("generate");
  const errors = result && !result.ok ? result.fieldErrors : {};
  const prefix = `pr-${userId}`;
  return (
    <form action={action} className="flex flex-col gap-3" noValidate aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`} className="text-sm font-semibold">
        {t("users.password.reset.title", { name: userName })}
      </h3>
      <input type="hidden" name="id" value={userId} />
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{t(result.message)}</FormMessage> : null}
      {result?.ok && result.temporaryPassword ? (
        <div className="rounded-md border border-emerald-300 bg-white p-3 text-sm" data-testid="temporary-password">
          <p>{t("users.password.reset.showOnce")}</p>
          <p className="mt-1 select-all font-mono text-base" data-testid="temporary-password-value">
            {result.temporaryPassword}
          </p>
        </div>
      ) : null}
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-700">{t("users.password.reset.mode")}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="mode" value="generate" checked={mode === "generate"} onChange={() => setMode("generate")} />
          {t("users.password.reset.generate")}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="mode" value="set" checked={mode === "set"} onChange={() => setMode("set")} />
          {t("users.password.reset.set")}
        </label>
        {errors.mode ? <p className="text-sm text-red-700">{t(errors.mode)}</p> : null}
      </fieldset>
      {mode === "set" ? (
        <div className="max-w-sm">
          <Field id={`${prefix}-password`} name="password" type="password" autoComplete="new-password" label={t("users.password.fields.temporary")} error={errors.password ? t(errors.password) : undefined} />
        </div>
      ) : null}
      <p className="text-xs text-slate-500">{t("users.password.reset.hint")}</p>
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? t("users.admin.saving") : t("users.password.reset.submit")}
        </Button>
      </div>
    </form>
  );
}

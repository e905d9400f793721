"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { changeOwnPasswordAction, completePasswordChangeAction, type PasswordChangeFormResult } from "@/lib/users/password-actions";

type Props = {
  /** `forced`: after an admin's reset (the session proves the temporary password); `own`: from the account page. */
  mode: "forced" | "own";
  email: string;
};

/**
 * Sets a new password. A password change ends every session that signed in before it, this one
 * included, so on success the form signs in again with the new password (a normal, rate-limited
 * sign-in) and goes on to the home page; should that fail, to the sign-in page.
 */
export function PasswordChangeForm({ mode, email }: Props) {
  const t = useTranslations();
  const router = useRouter();
  const [result, action, pending] = useActionState<PasswordChangeFormResult, FormData>(mode === "forced" ? completePasswordChangeAction : changeOwnPasswordAction, null);
  const typed = useRef("");
  // After a success the form only waits for the new sign-in and the page change.
  const signingIn = result?.ok === true;
  const errors = result && !result.ok ? result.fieldErrors : {};

  useEffect(() => {
    if (!result?.ok) return;
    const password = typed.current;
    typed.current = "";
    void signIn("credentials", { email, password, redirect: false })
      .then((outcome) => {
        router.replace(outcome && !outcome.error ? "/" : "/login");
        router.refresh();
      })
      .catch(() => router.replace("/login"));
  }, [result, email, router]);

  return (
    <form
      action={action}
      onSubmit={(event) => {
        const value = new FormData(event.currentTarget).get("password");
        typed.current = typeof value === "string" ? value : "";
      }}
      className="flex flex-col gap-4"
      noValidate
    >
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{t(result.message)}</FormMessage> : null}
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      {mode === "own" ? (
        <Field id="pw-current" name="currentPassword" type="password" autoComplete="current-password" label={t("users.password.fields.current")} error={errors.currentPassword ? t(errors.currentPassword) : undefined} required />
      ) : null}
      <Field id="pw-new" name="password" type="password" autoComplete="new-password" label={t("users.password.fields.new")} error={errors.password ? t(errors.password) : undefined} required aria-describedby="pw-new-hint" />
      <p id="pw-new-hint" className="-mt-3 text-xs text-slate-500">
        {t("users.password.policy")}
      </p>
      <Field id="pw-confirm" name="confirm" type="password" autoComplete="new-password" label={t("users.password.fields.confirm")} error={errors.confirm ? t(errors.confirm) : undefined} required />
      <div>
        <Button type="submit" disabled={pending || signingIn} aria-busy={pending || signingIn}>
          {pending || signingIn ? t("users.admin.saving") : t("users.password.submit")}
        </Button>
      </div>
    </form>
  );
}

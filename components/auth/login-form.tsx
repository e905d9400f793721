"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { safeCallback } from "@/lib/platform/auth/safe-callback";
import { signInSchema } from "@/lib/platform/auth/schema";

type FieldErrors = { email?: string; password?: string };
const KNOWN_ERRORS = new Set(["INVALID_CREDENTIALS", "RATE_LIMITED", "INVALID_INPUT"]);

export function LoginForm() {
  const t = useTranslations();
  const router = useRouter();
  const params = useSearchParams();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ email: data.get("email"), password: data.get("password") });
    setFormError(null);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof FieldErrors;
        errors[field] ??= t(issue.message);
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    setPending(true);
    try {
      const result = await signIn("credentials", { ...parsed.data, redirect: false });
      if (!result || result.error) {
        const code = result?.error ?? "";
        setFormError(t(KNOWN_ERRORS.has(code) ? `login.errors.${code}` : "login.errors.generic"));
        return;
      }
      router.replace(safeCallback(params.get("callbackUrl"), window.location.origin));
      router.refresh();
    } catch {
      setFormError(t("login.errors.generic"));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-describedby={formError ? "login-error" : undefined}>
      {formError ? (
        <p id="login-error" role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <Field id="email" name="email" type="email" autoComplete="username" label={t("login.email")} error={fieldErrors.email} autoFocus />
      <Field id="password" name="password" type="password" autoComplete="current-password" label={t("login.password")} error={fieldErrors.password} />
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? t("login.submitting") : t("login.submit")}
      </Button>
    </form>
  );
}

"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleAction } from "@/lib/users/actions";
import { LOCALES } from "@/lib/i18n/config";

export function LocaleSwitch() {
  const t = useTranslations();
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      <span>{t("nav.language")}</span>
      <select
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        value={current}
        disabled={pending}
        onChange={(event) => {
          const locale = event.target.value;
          startTransition(async () => {
            await setLocaleAction({ locale });
            router.refresh();
          });
        }}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale}>
            {t(`locales.${locale}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ChevronDown } from "lucide-react";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { setLocaleAction } from "@/lib/users/actions";
import { LOCALES } from "@/lib/i18n/config";

const ITEM = "cursor-pointer rounded px-2 py-1.5 text-sm text-slate-700 outline-none data-[highlighted]:bg-slate-100";

export function UserMenu({ name, roleLabel }: { name: string; roleLabel: string }) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [, startTransition] = useTransition();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-100"
        aria-label={t("nav.userMenu")}
      >
        <span className="flex flex-col leading-tight">
          <span className="font-medium text-slate-900">{name}</span>
          <span className="text-xs text-slate-500">{roleLabel}</span>
        </span>
        <ChevronDown aria-hidden className="size-4 text-slate-500" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-48 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
          <DropdownMenu.Label className="px-2 py-1 text-xs text-slate-500">{t("nav.language")}</DropdownMenu.Label>
          <DropdownMenu.RadioGroup
            value={locale}
            onValueChange={(value) =>
              startTransition(async () => {
                await setLocaleAction({ locale: value });
                router.refresh();
              })
            }
          >
            {LOCALES.map((l) => (
              <DropdownMenu.RadioItem key={l} value={l} className={`${ITEM} flex items-center justify-between gap-4`}>
                {t(`locales.${l}`)}
                <DropdownMenu.ItemIndicator aria-hidden>✓</DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item className={ITEM} onSelect={() => router.push("/account/password")}>
            {t("users.password.nav")}
          </DropdownMenu.Item>
          <DropdownMenu.Item className={ITEM} onSelect={() => void signOut({ callbackUrl: "/login" })}>
            {t("nav.signOut")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

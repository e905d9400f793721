"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Signs out (for someone on the forced password change who wants to leave it for now). */
export function SignOutButton() {
  const t = useTranslations();
  return (
    <Button variant="secondary" onClick={() => void signOut({ callbackUrl: "/login" })}>
      {t("nav.signOut")}
    </Button>
  );
}

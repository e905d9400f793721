"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { type CustomerFormResult, restoreCustomerAction } from "@/lib/customers/actions";

export function RestoreButton({ id, name }: { id: number; name: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CustomerFormResult, FormData>(restoreCustomerAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={t("customers.recycle.restoreNamed", { name })}>
        {t("customers.recycle.restore")}
      </Button>
      {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { type CustomerFormResult, mergeCustomersAction } from "@/lib/actions/customers";

export function MergeForm({ survivorId, survivorVersion, mergedId, mergedName }: { survivorId: number; survivorVersion: number; mergedId: number; mergedName: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CustomerFormResult, FormData>(mergeCustomersAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="survivorId" value={survivorId} />
      <input type="hidden" name="survivorVersion" value={survivorVersion} />
      <input type="hidden" name="mergedId" value={mergedId} />
      {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
      <div>
        <Button type="submit" variant="danger" disabled={pending}>
          {t("customers.merge.confirm", { name: mergedName })}
        </Button>
      </div>
    </form>
  );
}

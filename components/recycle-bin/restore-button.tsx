"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { restoreFromBinAction } from "@/lib/recycle-bin/actions";

/** Restores one record; the answer (done, or why not) shows beside the button and is announced. */
export function RestoreButton({ type, id, name }: { type: "Customer" | "Contact"; id: number; name: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(restoreFromBinAction, null);
  if (state?.ok) {
    return (
      <p role="status" className="text-sm text-emerald-800">
        {t(state.message ?? "recycleBin.restoredCustomer")}
      </p>
    );
  }
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" className="px-3 py-1" disabled={pending} aria-busy={pending} aria-label={t("recycleBin.restoreNamed", { name })}>
        {t("recycleBin.restore")}
      </Button>
      <div aria-live="polite">{state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}</div>
    </form>
  );
}

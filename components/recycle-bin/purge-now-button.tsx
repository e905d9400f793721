"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { purgeNowAction } from "@/lib/recycle-bin/actions";

/**
 * "Purge now" (administrators): a dialog that says what is erased and needs a ticked confirmation;
 * the server refuses the purge without it too.
 */
export function PurgeNowButton({ type, id, name }: { type: "Customer" | "Contact"; id: number; name: string }) {
  const t = useTranslations();
  const checkboxId = useId();
  const [state, action, pending] = useActionState(purgeNowAction, null);
  if (state?.ok) {
    return (
      <p role="status" className="text-sm text-emerald-800">
        {t("recycleBin.purged")}
      </p>
    );
  }
  const confirmError = state && !state.ok ? state.fieldErrors.confirm : undefined;
  return (
    <Dialog.Root>
      <Dialog.Trigger asChild>
        <Button variant="danger" className="px-3 py-1" aria-label={t("recycleBin.purgeNamed", { name })}>
          {t("recycleBin.purgeNow")}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[28rem] max-w-[90vw] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{t("recycleBin.purgeTitle", { name })}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">{t("recycleBin.purgeBody")}</Dialog.Description>
          <form action={action} className="mt-4 flex flex-col gap-3">
            <input type="hidden" name="type" value={type} />
            <input type="hidden" name="id" value={id} />
            <label htmlFor={checkboxId} className="flex items-center gap-2 text-sm">
              <input id={checkboxId} type="checkbox" name="confirm" value="yes" aria-invalid={confirmError ? true : undefined} aria-describedby={confirmError ? `${checkboxId}-error` : undefined} />
              {t("recycleBin.purgeConfirm")}
            </label>
            {confirmError ? (
              <p id={`${checkboxId}-error`} className="text-sm text-red-700">
                {t(confirmError)}
              </p>
            ) : null}
            {state && !state.ok && state.message && !confirmError ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button variant="secondary">{t("recycleBin.cancel")}</Button>
              </Dialog.Close>
              <Button type="submit" variant="danger" disabled={pending} aria-busy={pending}>
                {t("recycleBin.purgeSubmit")}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

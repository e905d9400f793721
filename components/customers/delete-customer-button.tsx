"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { FormMessage } from "@/components/ui/form-message";
import { deleteCustomerAction, type CustomerFormResult } from "@/lib/customers/actions";
import type { Snapshot } from "@/lib/platform/concurrency";

/** Soft delete behind a confirmation dialog (focus moves into it and returns on close). */
export function DeleteCustomerButton({ id, version, snapshot, name }: { id: number; version: number; snapshot: Snapshot; name: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CustomerFormResult, FormData>(deleteCustomerAction, null);
  const conflict = state && !state.ok ? state.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase({ version, snapshot }, conflict);
  return (
    <Dialog.Root>
      <Dialog.Trigger asChild>
        <Button variant="danger">{t("customers.delete.button")}</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[28rem] max-w-[90vw] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{t("customers.delete.title", { name })}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">{t("customers.delete.body")}</Dialog.Description>
          <form ref={formRef} action={action} className="mt-4 flex flex-col gap-3">
            <input type="hidden" name="id" value={id} />
            <VersionFields base={base} />
            {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
            {conflict ? <ConflictPanel conflict={conflict} label={(f) => t(`customers.fields.${f}`)} onOverwrite={overwrite} pending={pending} /> : null}
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button variant="secondary">{t("common.cancel")}</Button>
              </Dialog.Close>
              <Button type="submit" variant="danger" disabled={pending}>
                {t("customers.delete.confirm")}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

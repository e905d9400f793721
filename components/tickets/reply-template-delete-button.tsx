"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { FormMessage } from "@/components/ui/form-message";
import type { Snapshot } from "@/lib/platform/concurrency";
import { deleteReplyTemplateAction, type ReplyTemplateFormResult } from "@/lib/tickets/template-actions";

/**
 * Deletes one template behind a confirmation dialog. The delete names the version the list showed:
 * if someone edited the template meanwhile, the panel shows what changed before anything is lost.
 */
export function ReplyTemplateDeleteButton({ id, version, snapshot, name }: { id: number; version: number; snapshot: Snapshot; name: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<ReplyTemplateFormResult, FormData>(deleteReplyTemplateAction, null);
  const conflict = state && !state.ok ? state.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase({ version, snapshot }, conflict);
  return (
    <Dialog.Root>
      <Dialog.Trigger asChild>
        <Button variant="secondary" className="px-3 py-1" aria-label={t("service.templates.delete.label", { name })}>
          {t("service.templates.delete.button")}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[28rem] max-w-[90vw] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{t("service.templates.delete.title", { name })}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">{t("service.templates.delete.body")}</Dialog.Description>
          <form ref={formRef} action={action} className="mt-4 flex flex-col gap-3">
            <input type="hidden" name="id" value={id} />
            <VersionFields base={base} />
            {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
            {conflict ? <ConflictPanel conflict={conflict} label={(f) => t(`service.templates.fields.${f}`)} onOverwrite={overwrite} pending={pending} /> : null}
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button variant="secondary">{t("service.templates.delete.cancel")}</Button>
              </Dialog.Close>
              <Button type="submit" variant="danger" disabled={pending} aria-busy={pending}>
                {t("service.templates.delete.confirm")}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

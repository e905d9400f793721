"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { FormMessage } from "@/components/ui/form-message";
import type { Snapshot } from "@/lib/platform/concurrency";
import type { FormResult } from "@/lib/platform/form-action";

type Texts = { button: string; buttonLabel?: string; title: string; body: string; cancel: string; confirm: string };

/**
 * Deletes one versioned record behind a confirmation dialog (focus moves into it and returns on close).
 * The delete names the version the page showed: if someone edited the record meanwhile, the conflict
 * panel shows what changed before anything is lost, and offers to delete anyway.
 */
export function VersionedDeleteButton<R extends FormResult<object, object>>({
  id,
  version,
  snapshot,
  action: deleteAction,
  texts,
  fieldLabels,
  triggerVariant = "danger",
}: {
  id: number;
  version: number;
  snapshot: Snapshot;
  action: (state: R, data: FormData) => Promise<R>;
  /** Already translated. */
  texts: Texts;
  /**
   * Where the changed fields' labels are in the messages (e.g. "customers.fields"), for the conflict
   * panel: a string, so a server page can render the button directly.
   */
  fieldLabels: string;
  triggerVariant?: "danger" | "secondary";
}) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<R, FormData>(deleteAction, null as Awaited<R>);
  const conflict = state && !state.ok ? state.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase({ version, snapshot }, conflict);
  return (
    <Dialog.Root>
      <Dialog.Trigger asChild>
        <Button variant={triggerVariant} className={triggerVariant === "secondary" ? "px-3 py-1" : undefined} aria-label={texts.buttonLabel}>
          {texts.button}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[28rem] max-w-[90vw] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{texts.title}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">{texts.body}</Dialog.Description>
          <form ref={formRef} action={action} className="mt-4 flex flex-col gap-3">
            <input type="hidden" name="id" value={id} />
            <VersionFields base={base} />
            {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
            {conflict ? <ConflictPanel conflict={conflict} label={(f) => t(`${fieldLabels}.${f}`)} onOverwrite={overwrite} pending={pending} /> : null}
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <Button variant="secondary">{texts.cancel}</Button>
              </Dialog.Close>
              <Button type="submit" variant="danger" disabled={pending} aria-busy={pending}>
                {texts.confirm}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
